// Compaction of the file store: rewrites closed journals, this store's and those of dead
// writers, into one journal that holds only the latest record per key.
#include <fcntl.h>
#include <map>
#include <optional>
#include <sys/file.h>
#include <unistd.h>
#include <unordered_map>

#include <yagura/core/clock.hpp>
#include <yagura/core/error.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/retention/keys.hpp>

#include "file_journal.hpp"

namespace yagura::retention {

namespace {

// Records per output batch are grouped up to about this size: big enough to write fast, small
// enough that the encoder's buffer stays modest.
constexpr std::size_t kOutputBatchBytes = 1 << 20;
// After a failed compaction (a full disk, say) wait this long before trying again.
constexpr double kCompactionRetrySeconds = 60;

struct Latest {
    std::uint64_t stamp = 0;
    std::size_t file = 0;  // index into the mapped inputs
    std::size_t value_offset = 0;
    std::size_t value_size = 0;
    bool erased = false;
};

}  // namespace

struct FileJournal::CompactionInputs {
    std::vector<ClosedJournal> own;                       // this store's closed journals
    std::vector<std::filesystem::path> orphan;            // journals of dead writers
    std::vector<std::filesystem::path> orphan_leftovers;  // their temporaries and lock files
    std::vector<file_io::UniqueFd> orphan_locks;          // held until their files are gone
    std::vector<std::filesystem::path> consumed;          // inputs actually read
    bool other_writers_alive = false;
    std::size_t adopted_streams = 0;
};

void FileJournal::compactor_loop() {
    std::unique_lock lock(mutex_);
    while (true) {
        compactor_wake_.wait(lock, [this] { return stopping_ || compaction_wanted_; });
        if (stopping_) {
            return;
        }
        compaction_wanted_ = false;
        lock.unlock();
        try {
            compact();
        } catch (const std::exception& error) {
            core::logger("retention")->warn("{}: compaction failed: {}", describe(), error.what());
            lock.lock();
            stats_.last_compaction_error = error.what();
            compaction_retry_after_ = core::monotonic_seconds() + kCompactionRetrySeconds;
            continue;
        }
        lock.lock();
    }
}

void FileJournal::compact_now() {
    {
        std::lock_guard lock(mutex_);
        close_journal();
    }
    compact();
}

FileJournal::CompactionInputs FileJournal::collect_inputs() {
    CompactionInputs inputs;
    {
        std::lock_guard lock(mutex_);
        ensure_stream();  // the output is a journal of our stream
        inputs.own = closed_;
    }
    std::map<std::string, std::vector<ListedFile>> others;  // by stream
    for (auto& file : list_files()) {
        if (file.name.version == kFormatVersion && file.name.stream != stream_) {
            others[file.name.stream].push_back(std::move(file));
        }
    }
    for (auto& [stream, files] : others) {
        auto lock_path = path_of(file_io::lock_name(settings_.key_prefix, stream));
        file_io::UniqueFd fd(::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
        if (!fd.valid() || ::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
            inputs.other_writers_alive = true;  // its writer holds the lock: hands off
            continue;
        }
        for (auto& file : files) {
            if (file.name.kind == file_io::FileKind::journal) {
                inputs.orphan.push_back(file.path);
            } else if (file.name.kind == file_io::FileKind::temporary) {
                inputs.orphan_leftovers.push_back(file.path);
            }
        }
        inputs.orphan_leftovers.push_back(lock_path);
        inputs.orphan_locks.push_back(std::move(fd));
        ++inputs.adopted_streams;
    }
    return inputs;
}

std::uint64_t FileJournal::write_compacted(CompactionInputs& inputs) {
    std::vector<file_io::MappedFile> mapped;
    std::unordered_map<std::string, Latest> latest;
    auto read_input = [&](const std::filesystem::path& path) {
        auto file = file_io::MappedFile::open(path);
        if (!file) {
            return;
        }
        auto header = file_format::decode_header(file->bytes());
        if (!header || header->version != kFormatVersion) {
            return;  // not ours to judge or delete
        }
        std::size_t index = mapped.size();
        auto scan = file_format::scan_records(
            file->bytes(), [&](const file_format::Record& record, std::size_t value_offset) {
                auto& entry = latest[std::string(record.key)];
                if (record.stamp >= entry.stamp) {
                    entry = {record.stamp, index, value_offset, record.value.size(), record.erased};
                }
            });
        if (scan.end == file_format::ScanEnd::corrupt) {
            core::logger("retention")
                ->warn("{}: compaction keeps what precedes damage at byte {} of {}", describe(),
                       scan.valid_bytes, path.string());
        }
        mapped.push_back(std::move(*file));
        inputs.consumed.push_back(path);
    };
    for (const auto& journal : inputs.own) {
        read_input(journal.path);
    }
    for (const auto& path : inputs.orphan) {
        read_input(path);
    }

    // A tombstone must stay while some other live writer may hold an older value of its key.
    bool keep_tombstones = inputs.other_writers_alive;
    std::uint64_t seq = 0;
    {
        std::lock_guard lock(mutex_);
        seq = next_seq_++;
    }
    auto temporary = path_of(file_io::temporary_name(settings_.key_prefix, stream_, seq));
    auto final_path = path_of(file_io::journal_name(settings_.key_prefix, stream_, seq));
    file_io::UniqueFd fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!fd.valid()) {
        file_io::throw_system_error("create", temporary);
    }
    auto header = file_format::encode_header(stream_id_, 0);
    file_io::write_all(fd.get(), header, temporary);
    std::uint64_t bytes = header.size();
    file_format::BatchEncoder encoder;
    encoder.begin();
    auto flush_batch = [&] {
        if (encoder.records() > 0) {
            auto batch = encoder.finish();
            file_io::write_all(fd.get(), batch, temporary);
            bytes += batch.size();
            encoder.begin();
        }
    };
    for (const auto& [key, entry] : latest) {
        if (entry.erased && !keep_tombstones) {
            continue;
        }
        auto value = mapped[entry.file].bytes().substr(entry.value_offset, entry.value_size);
        encoder.add(entry.stamp, key, value, entry.erased);
        if (encoder.size() >= kOutputBatchBytes) {
            flush_batch();
        }
    }
    flush_batch();
    file_io::sync_data(fd.get(), temporary);
    fd.reset();
    if (::rename(temporary.c_str(), final_path.c_str()) != 0) {
        file_io::throw_system_error("rename", temporary);
    }
    file_io::sync_directory(directory_fd_.get(), directory_);
    std::lock_guard lock(mutex_);
    last_output_ = final_path;
    return bytes;
}

void FileJournal::remove_inputs(CompactionInputs& inputs) {
    for (const auto& path : inputs.consumed) {
        ::unlink(path.c_str());
    }
    for (const auto& path : inputs.orphan_leftovers) {
        ::unlink(path.c_str());
    }
    inputs.orphan_locks.clear();
    file_io::sync_directory(directory_fd_.get(), directory_);
}

void FileJournal::compact() {
    std::lock_guard serial(compact_mutex_);
    {
        std::lock_guard lock(mutex_);
        compacting_ = true;
    }
    try {
        compact_inputs();
    } catch (...) {
        std::lock_guard lock(mutex_);
        compacting_ = false;
        throw;
    }
}

void FileJournal::compact_inputs() {
    auto inputs = collect_inputs();
    bool already_compact =
        inputs.orphan.empty() && inputs.own.size() == 1 && inputs.own.front().path == last_output_;
    if ((inputs.own.empty() && inputs.orphan.empty()) || already_compact) {
        remove_inputs(inputs);  // leftovers of dead writers that had no journal
        std::lock_guard lock(mutex_);
        compacting_ = false;
        return;
    }
    auto bytes = write_compacted(inputs);
    remove_inputs(inputs);

    std::lock_guard lock(mutex_);
    // Journals closed while we worked stay for the next compaction.
    std::erase_if(closed_, [&](const ClosedJournal& journal) {
        return std::find(inputs.own.begin(), inputs.own.end(), journal) != inputs.own.end();
    });
    closed_.insert(closed_.begin(), ClosedJournal{last_output_, bytes});
    last_output_bytes_ = bytes;
    orphan_bytes_ = 0;
    compacting_ = false;
    ++stats_.compactions;
    stats_.compacted_bytes = bytes;
    stats_.adopted_streams += inputs.adopted_streams;
    core::logger("retention")
        ->debug("{}: compacted {} journals into {} ({} bytes)", describe(), inputs.consumed.size(),
                last_output_.filename().string(), bytes);
}

}  // namespace yagura::retention
