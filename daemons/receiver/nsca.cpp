#include "receiver/nsca.hpp"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>

namespace yagura::receiver::nsca {

namespace {

constexpr std::size_t kCrcOffset = 4;
constexpr std::size_t kTimeOffset = 8;
constexpr std::size_t kCodeOffset = 12;
constexpr std::size_t kHostOffset = 14;
constexpr std::size_t kServiceOffset = kHostOffset + kHostSize;
constexpr std::size_t kOutputOffset = kServiceOffset + kServiceSize;

constexpr std::array<std::uint32_t, 256> make_table() {
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t c = i;
        for (int k = 0; k < 8; ++k) {
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        table[i] = c;
    }
    return table;
}
constexpr auto kTable = make_table();

std::uint32_t read32(std::span<const std::uint8_t> p, std::size_t at) {
    return (std::uint32_t(p[at]) << 24) | (std::uint32_t(p[at + 1]) << 16) |
           (std::uint32_t(p[at + 2]) << 8) | std::uint32_t(p[at + 3]);
}
std::int16_t read16(std::span<const std::uint8_t> p, std::size_t at) {
    return static_cast<std::int16_t>((p[at] << 8) | p[at + 1]);
}
void write32(std::uint8_t* p, std::uint32_t v) {
    p[0] = std::uint8_t(v >> 24);
    p[1] = std::uint8_t(v >> 16);
    p[2] = std::uint8_t(v >> 8);
    p[3] = std::uint8_t(v);
}
void write16(std::uint8_t* p, std::int16_t v) {
    p[0] = std::uint8_t(static_cast<std::uint16_t>(v) >> 8);
    p[1] = std::uint8_t(v);
}

// A text field must end with a NUL within its size (send_nsca always writes one).
std::optional<std::string> text(std::span<const std::uint8_t> p, std::size_t at, std::size_t size) {
    const auto* begin = p.data() + at;
    const auto* nul = std::find(begin, begin + size, std::uint8_t{0});
    if (nul == begin + size) {
        return std::nullopt;
    }
    return std::string(reinterpret_cast<const char*>(begin), static_cast<std::size_t>(nul - begin));
}

}  // namespace

std::array<std::uint8_t, kInitPacketSize> init_packet(const Iv& iv, std::uint32_t now) {
    std::array<std::uint8_t, kInitPacketSize> packet{};
    std::copy(iv.begin(), iv.end(), packet.begin());
    write32(packet.data() + kIvSize, now);
    return packet;
}

void crypt(std::span<std::uint8_t> packet, const Iv& iv, const Settings& settings) {
    if (settings.encryption_method != 1) {
        return;
    }
    for (std::size_t i = 0; i < packet.size(); ++i) {
        packet[i] ^= iv[i % kIvSize];
    }
    const auto& pw = settings.password;
    if (pw.empty()) {
        return;
    }
    for (std::size_t i = 0; i < packet.size(); ++i) {
        packet[i] ^= static_cast<std::uint8_t>(pw[i % pw.size()]);
    }
}

std::uint32_t crc32(std::span<const std::uint8_t> data) {
    std::uint32_t crc = 0xFFFFFFFFu;
    for (auto byte : data) {
        crc = (crc >> 8) ^ kTable[(crc ^ byte) & 0xFF];
    }
    return crc ^ 0xFFFFFFFFu;
}

Decoded decode(std::span<const std::uint8_t> packet, std::uint32_t now, const Settings& settings) {
    if (packet.size() != kOldPacketSize && packet.size() != kPacketSize) {
        return {std::nullopt, fmt::format("a packet of {} bytes (expected {} or {})", packet.size(),
                                          kOldPacketSize, kPacketSize)};
    }
    if (read16(packet, 0) != kPacketVersion) {
        return {std::nullopt,
                fmt::format("packet version {} (expected {}): wrong password or encryption "
                            "method?",
                            read16(packet, 0), kPacketVersion)};
    }
    const std::uint32_t sent_crc = read32(packet, kCrcOffset);
    std::uint32_t crc = 0xFFFFFFFFu;
    for (std::size_t i = 0; i < packet.size(); ++i) {
        const std::uint8_t byte = (i >= kCrcOffset && i < kCrcOffset + 4) ? 0 : packet[i];
        crc = (crc >> 8) ^ kTable[(crc ^ byte) & 0xFF];
    }
    if ((crc ^ 0xFFFFFFFFu) != sent_crc) {
        return {std::nullopt, "invalid CRC32: wrong password or encryption method?"};
    }
    Result r;
    r.timestamp = read32(packet, kTimeOffset);
    const auto age = static_cast<std::int64_t>(now) - static_cast<std::int64_t>(r.timestamp);
    if (settings.max_packet_age > 0 &&
        (age > settings.max_packet_age || age < -settings.max_packet_age)) {
        return {std::nullopt, fmt::format("stale timestamp: the packet is {} seconds old", age)};
    }
    r.return_code = read16(packet, kCodeOffset);
    auto host = text(packet, kHostOffset, kHostSize);
    auto service = text(packet, kServiceOffset, kServiceSize);
    auto output = text(packet, kOutputOffset, packet.size() - kOutputOffset);
    if (!host || !service || !output) {
        return {std::nullopt, "a text field is not NUL-terminated"};
    }
    if (host->empty()) {
        return {std::nullopt, "empty host name"};
    }
    r.host_name = std::move(*host);
    r.service_description = std::move(*service);
    r.output = std::move(*output);
    return {std::move(r), {}};
}

std::string encode(const Result& result, std::size_t packet_size) {
    std::string out(packet_size, '\0');
    auto* p = reinterpret_cast<std::uint8_t*>(out.data());
    write16(p, kPacketVersion);
    write32(p + kTimeOffset, result.timestamp);
    write16(p + kCodeOffset, static_cast<std::int16_t>(result.return_code));
    auto put = [&](const std::string& value, std::size_t at, std::size_t size) {
        std::memcpy(p + at, value.data(), std::min(value.size(), size - 1));
    };
    put(result.host_name, kHostOffset, kHostSize);
    put(result.service_description, kServiceOffset, kServiceSize);
    put(result.output, kOutputOffset, packet_size - kOutputOffset);
    write32(p + kCrcOffset, crc32({p, packet_size}));
    return out;
}

}  // namespace yagura::receiver::nsca
