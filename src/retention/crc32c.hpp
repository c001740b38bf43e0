#pragma once

#include <cstdint>
#include <string_view>

namespace yagura::retention {

// CRC-32C (Castagnoli), the checksum of journal batches. Uses the SSE4.2 crc32 instruction when
// the CPU has it (several GB/s) and a slicing-by-8 table otherwise; both give the same value.
// `crc` continues a previous call's result (start with 0).
std::uint32_t crc32c(std::string_view bytes, std::uint32_t crc = 0);

namespace detail {
// The table-driven path alone, for the test that both paths agree.
std::uint32_t crc32c_software(std::string_view bytes, std::uint32_t crc = 0);
}  // namespace detail

}  // namespace yagura::retention
