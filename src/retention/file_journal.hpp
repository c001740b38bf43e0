#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include <yagura/retention/file_store.hpp>

#include "file_format.hpp"
#include "file_io.hpp"

namespace yagura::retention {

// The machinery of FileStore (see file_store.hpp for the design and docs/retention.md for the
// reasoning). write() runs on the Writer's thread, load() on any thread, compaction on a
// thread of its own; mutex_ guards what they share.
class FileJournal {
public:
    explicit FileJournal(FileSettings settings);
    ~FileJournal();

    void write(std::span<const Change> changes);
    LoadResult load(std::span<const std::string> keys);
    void compact_now();
    FileStoreStats stats() const;
    std::string describe() const;

private:
    struct ClosedJournal {
        std::filesystem::path path;
        std::uint64_t bytes = 0;
        bool operator==(const ClosedJournal&) const = default;
    };
    struct ListedFile {
        std::filesystem::path path;
        file_io::FileName name;
    };
    struct CompactionInputs;

    std::vector<ListedFile> list_files() const;
    std::filesystem::path path_of(const std::string& file_name) const {
        return directory_ / file_name;
    }

    // Writer side (file_journal.cpp).
    void ensure_stream();  // needs mutex_ held
    void open_journal();
    void close_journal();  // needs mutex_ held
    void append(std::string_view batch);
    std::uint64_t next_stamp();
    void maybe_schedule_compaction();
    void note_foreign_versions(const std::vector<ListedFile>& files);

    // Compaction (file_compaction.cpp).
    void compactor_loop();
    void compact();  // serialised; keeps compacting_ true while it runs
    void compact_inputs();
    CompactionInputs collect_inputs();
    std::uint64_t write_compacted(CompactionInputs& inputs);
    void remove_inputs(CompactionInputs& inputs);

    FileSettings settings_;
    std::filesystem::path directory_;
    file_io::UniqueFd directory_fd_;

    // Writer thread only.
    file_io::UniqueFd active_fd_;
    std::filesystem::path active_path_;
    std::uint64_t active_bytes_ = 0;
    std::uint64_t last_stamp_ = 0;
    file_format::BatchEncoder encoder_;

    // Highest stamp any load() saw: stamps written later are above it, so a value written
    // after loading wins over the loaded one even if this machine's clock is behind.
    std::atomic<std::uint64_t> highest_seen_stamp_{0};
    std::atomic<bool> foreign_version_logged_{false};

    mutable std::mutex mutex_;
    std::string stream_;  // empty until this store first writes
    std::uint64_t stream_id_ = 0;
    file_io::UniqueFd lock_fd_;
    std::uint64_t next_seq_ = 1;
    std::vector<ClosedJournal> closed_;  // own journals no longer appended, oldest first
    std::filesystem::path last_output_;  // the last compaction's output, if still current
    std::uint64_t last_output_bytes_ = 0;
    std::uint64_t orphan_bytes_ = 0;     // other streams' journals seen when opened
    double compaction_retry_after_ = 0;  // monotonic seconds; after a failed compaction
    bool compaction_wanted_ = false;
    bool compacting_ = false;
    bool stopping_ = false;
    FileStoreStats stats_;
    std::condition_variable compactor_wake_;

    std::mutex compact_mutex_;  // one compaction at a time
    std::thread compactor_;
};

}  // namespace yagura::retention
