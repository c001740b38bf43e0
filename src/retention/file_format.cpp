#include "file_format.hpp"

#include <bit>
#include <cstring>

#include <yagura/retention/keys.hpp>

#include "crc32c.hpp"

namespace yagura::retention::file_format {

static_assert(std::endian::native == std::endian::little,
              "the journal format is little-endian; add byte swapping for this machine");

namespace {

constexpr std::string_view kFileMagic = "YGRETLOG";
constexpr std::uint32_t kBatchMagic = 0x42524759;  // "YGRB"
// A batch larger than this is corruption, not data (the writer keeps batches far smaller).
constexpr std::uint32_t kMaxPayload = 1u << 30;

template <typename T>
void put(std::string& out, T value) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    out.append(bytes, sizeof(T));
}

template <typename T>
void put_at(std::string& out, std::size_t offset, T value) {
    std::memcpy(out.data() + offset, &value, sizeof(T));
}

template <typename T>
T get(std::string_view bytes, std::size_t offset) {
    T value;
    std::memcpy(&value, bytes.data() + offset, sizeof(T));
    return value;
}

std::uint32_t batch_crc(std::string_view size_and_count, std::string_view payload) {
    return crc32c(payload, crc32c(size_and_count));
}

// Decodes the records of one payload, calling visit for each when given; false if they do not
// fill it exactly. Run once without visit to check, so a batch is applied whole or not at all.
bool parse_payload(std::string_view file, std::size_t begin, std::size_t end, std::uint32_t count,
                   const std::function<void(const Record&, std::size_t)>* visit) {
    std::size_t at = begin;
    for (std::uint32_t i = 0; i < count; ++i) {
        if (end - at < kRecordHeaderSize) {
            return false;
        }
        Record record;
        record.stamp = get<std::uint64_t>(file, at);
        auto key_size = get<std::uint32_t>(file, at + 8);
        auto value_size = get<std::uint32_t>(file, at + 12);
        record.erased = value_size == kTombstone;
        std::size_t value_bytes = record.erased ? 0 : value_size;
        at += kRecordHeaderSize;
        if (end - at < std::size_t{key_size} + value_bytes) {
            return false;
        }
        if (visit != nullptr) {
            record.key = file.substr(at, key_size);
            record.value = file.substr(at + key_size, value_bytes);
            (*visit)(record, at + key_size);
        }
        at += key_size + value_bytes;
    }
    return at == end;
}

}  // namespace

std::string encode_header(std::uint64_t stream_id, std::uint64_t stamp) {
    std::string out(kFileMagic);
    put<std::uint32_t>(out, kFormatVersion);
    put<std::uint32_t>(out, static_cast<std::uint32_t>(kHeaderSize));
    put<std::uint64_t>(out, stream_id);
    put<std::uint64_t>(out, stamp);
    return out;
}

std::optional<Header> decode_header(std::string_view file) {
    if (file.size() < kHeaderSize || file.substr(0, kFileMagic.size()) != kFileMagic) {
        return std::nullopt;
    }
    Header header;
    header.version = get<std::uint32_t>(file, 8);
    header.stream_id = get<std::uint64_t>(file, 16);
    return header;
}

void BatchEncoder::begin() {
    buffer_.assign(kBatchHeaderSize, '\0');
    records_ = 0;
}

void BatchEncoder::add(std::uint64_t stamp, std::string_view key, std::string_view value,
                       bool erased) {
    put<std::uint64_t>(buffer_, stamp);
    put<std::uint32_t>(buffer_, static_cast<std::uint32_t>(key.size()));
    put<std::uint32_t>(buffer_, erased ? kTombstone : static_cast<std::uint32_t>(value.size()));
    buffer_.append(key);
    if (!erased) {
        buffer_.append(value);
    }
    ++records_;
}

std::string_view BatchEncoder::finish() {
    auto payload_size = static_cast<std::uint32_t>(buffer_.size() - kBatchHeaderSize);
    put_at<std::uint32_t>(buffer_, 0, kBatchMagic);
    put_at<std::uint32_t>(buffer_, 4, payload_size);
    put_at<std::uint32_t>(buffer_, 8, records_);
    std::string_view all(buffer_);
    put_at<std::uint32_t>(buffer_, 12, batch_crc(all.substr(4, 8), all.substr(kBatchHeaderSize)));
    return buffer_;
}

ScanResult scan_records(std::string_view file,
                        const std::function<void(const Record&, std::size_t)>& visit) {
    ScanResult result;
    std::size_t at = kHeaderSize;
    result.valid_bytes = at;
    while (at < file.size()) {
        if (file.size() - at < kBatchHeaderSize) {
            result.end = ScanEnd::torn_tail;
            return result;
        }
        auto payload_size = get<std::uint32_t>(file, at + 4);
        auto count = get<std::uint32_t>(file, at + 8);
        bool header_ok = get<std::uint32_t>(file, at) == kBatchMagic && payload_size <= kMaxPayload;
        std::size_t end = at + kBatchHeaderSize + payload_size;
        if (!header_ok || end > file.size() ||
            get<std::uint32_t>(file, at + 12) !=
                batch_crc(file.substr(at + 4, 8),
                          file.substr(at + kBatchHeaderSize, payload_size))) {
            // Whatever follows a torn write is garbage or nothing; data after a bad batch that
            // still parses as a batch means the bad one was damaged in place.
            result.end = header_ok && end < file.size() ? ScanEnd::corrupt : ScanEnd::torn_tail;
            return result;
        }
        if (!parse_payload(file, at + kBatchHeaderSize, end, count, nullptr)) {
            result.end = ScanEnd::corrupt;
            return result;
        }
        parse_payload(file, at + kBatchHeaderSize, end, count, &visit);
        at = end;
        result.valid_bytes = at;
        ++result.batches;
    }
    return result;
}

}  // namespace yagura::retention::file_format
