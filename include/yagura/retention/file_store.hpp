#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include <yagura/retention/store.hpp>

namespace yagura::retention {

struct FileSettings {
    std::filesystem::path directory;    // created if missing
    std::string key_prefix = "yagura";  // file name prefix: letters, digits, '-' and '_'
    // The journal file being appended is closed and a new one started past this size.
    std::uint64_t segment_bytes = 64ull << 20;
    // Compaction rewrites the closed journals into one file holding only the latest record
    // per key, once they add up to compact_ratio times the previous compaction's output and
    // at least compact_min_bytes.
    double compact_ratio = 2.0;
    std::uint64_t compact_min_bytes = 32ull << 20;
};

struct FileStoreStats {
    std::uint64_t batches = 0;         // write() calls made durable
    std::uint64_t bytes_appended = 0;  // journal bytes written by write()
    std::uint64_t compactions = 0;
    std::uint64_t compacted_bytes = 0;  // size of the last compaction's output
    std::uint64_t adopted_streams = 0;  // journals of dead writers merged by compaction
    std::string last_compaction_error;
};

class FileJournal;

// A log-structured store for sites without Redis (docs/retention.md, "File store").
// Each open store that writes appends batches to journal files of its own "stream"
// (<prefix>.v1.<stream>.<seq>.log, flock-ed through <prefix>.v1.<stream>.lock): one append
// and one fdatasync per batch, never one fsync per element. Every record carries a stamp
// and a reader keeps the highest stamp per key, so several schedulers can share a directory,
// a spare finds what a killed scheduler wrote, and a crash mid-append loses only the torn
// batch (its CRC fails and it is skipped). A background thread compacts closed journals,
// including those of dead writers, writing temp + fsync + rename so a crash never leaves a
// torn file in place.
class FileStore final : public Store {
public:
    // Throws core::Error(invalid_input) for a bad prefix or a directory that cannot be created.
    explicit FileStore(FileSettings settings);
    ~FileStore() override;

    void write(std::span<const Change> changes) override;
    LoadResult load(std::span<const std::string> keys) override;
    std::string describe() const override;

    // Closes the current journal and compacts everything this store may compact, now, on the
    // caller's thread. For tests, benchmarks and tools; not while a write() runs.
    void compact_now();
    FileStoreStats stats() const;

private:
    std::unique_ptr<FileJournal> journal_;
};

}  // namespace yagura::retention
