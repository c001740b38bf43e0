#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

// The journal file format of the file store (docs/retention.md describes it for humans).
// All integers little-endian.
//   file header, 32 bytes: "YGRETLOG", u32 format version, u32 header size (32),
//                          u64 stream id, u64 creation stamp
//   batch:  u32 magic "YGRB", u32 payload size, u32 record count,
//           u32 CRC-32C of (payload size, record count, payload), payload
//   record: u64 stamp, u32 key size, u32 value size (0xffffffff: the key was erased),
//           key bytes, value bytes
// A batch is all or nothing: a reader stops at the first batch that is short or fails its CRC.
namespace yagura::retention::file_format {

inline constexpr std::size_t kHeaderSize = 32;
inline constexpr std::size_t kBatchHeaderSize = 16;
inline constexpr std::size_t kRecordHeaderSize = 16;
inline constexpr std::uint32_t kTombstone = 0xffffffffu;

struct Record {
    std::uint64_t stamp = 0;
    std::string_view key;
    std::string_view value;
    bool erased = false;
};

std::string encode_header(std::uint64_t stream_id, std::uint64_t stamp);

struct Header {
    std::uint32_t version = 0;
    std::uint64_t stream_id = 0;
};
// nullopt when the bytes do not start with a yagura retention header at all.
std::optional<Header> decode_header(std::string_view file);

// Builds one batch in a reusable buffer: begin(), add() for each record, finish().
class BatchEncoder {
public:
    void begin();
    void add(std::uint64_t stamp, std::string_view key, std::string_view value, bool erased);
    // Fills in the batch header; returns the encoded batch (valid until the next begin()).
    std::string_view finish();
    std::size_t records() const { return records_; }
    std::size_t size() const { return buffer_.size(); }

private:
    std::string buffer_;
    std::uint32_t records_ = 0;
};

enum class ScanEnd {
    complete,   // every byte belonged to an intact batch
    torn_tail,  // the last batch is incomplete or fails its CRC: a write that did not finish
    corrupt,    // an intact-looking batch is followed by data that is not one
};

struct ScanResult {
    ScanEnd end = ScanEnd::complete;
    std::size_t valid_bytes = 0;  // the file's bytes up to the end of the last intact batch
    std::size_t batches = 0;
};

// Calls visit for every record of every intact batch after the header, in file order.
// `file` is the whole file including its header (already checked by the caller).
ScanResult scan_records(
    std::string_view file,
    const std::function<void(const Record& record, std::size_t value_offset)>& visit);

}  // namespace yagura::retention::file_format
