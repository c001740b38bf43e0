#include "crc32c.hpp"

#include <array>
#include <cstring>

namespace yagura::retention {

namespace {

constexpr std::uint32_t kPolynomial = 0x82f63b78;  // reflected Castagnoli

using Tables = std::array<std::array<std::uint32_t, 256>, 8>;

constexpr Tables make_tables() {
    Tables tables{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t crc = i;
        for (int bit = 0; bit < 8; ++bit) {
            crc = (crc >> 1) ^ ((crc & 1) != 0 ? kPolynomial : 0);
        }
        tables[0][i] = crc;
    }
    for (std::size_t t = 1; t < 8; ++t) {
        for (std::size_t i = 0; i < 256; ++i) {
            tables[t][i] = (tables[t - 1][i] >> 8) ^ tables[0][tables[t - 1][i] & 0xff];
        }
    }
    return tables;
}

constexpr Tables kTables = make_tables();

std::uint32_t software(const unsigned char* data, std::size_t size, std::uint32_t crc) {
    while (size >= 8) {
        std::uint64_t word;
        std::memcpy(&word, data, 8);
        word ^= crc;
        crc = kTables[7][word & 0xff] ^ kTables[6][(word >> 8) & 0xff] ^
              kTables[5][(word >> 16) & 0xff] ^ kTables[4][(word >> 24) & 0xff] ^
              kTables[3][(word >> 32) & 0xff] ^ kTables[2][(word >> 40) & 0xff] ^
              kTables[1][(word >> 48) & 0xff] ^ kTables[0][word >> 56];
        data += 8;
        size -= 8;
    }
    while (size-- > 0) {
        crc = (crc >> 8) ^ kTables[0][(crc ^ *data++) & 0xff];
    }
    return crc;
}

#if defined(__x86_64__)
__attribute__((target("sse4.2"))) std::uint32_t hardware(const unsigned char* data,
                                                         std::size_t size, std::uint32_t crc) {
    std::uint64_t wide = crc;
    while (size >= 8) {
        std::uint64_t word;
        std::memcpy(&word, data, 8);
        wide = __builtin_ia32_crc32di(wide, word);
        data += 8;
        size -= 8;
    }
    crc = static_cast<std::uint32_t>(wide);
    while (size-- > 0) {
        crc = __builtin_ia32_crc32qi(crc, *data++);
    }
    return crc;
}

bool has_hardware() {
    static const bool supported = __builtin_cpu_supports("sse4.2");
    return supported;
}
#endif

}  // namespace

std::uint32_t crc32c(std::string_view bytes, std::uint32_t crc) {
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    crc = ~crc;
#if defined(__x86_64__)
    if (has_hardware()) {
        return ~hardware(data, bytes.size(), crc);
    }
#endif
    return ~software(data, bytes.size(), crc);
}

namespace detail {
std::uint32_t crc32c_software(std::string_view bytes, std::uint32_t crc) {
    return ~software(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), ~crc);
}
}  // namespace detail

}  // namespace yagura::retention
