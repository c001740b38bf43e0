#include "file_journal.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <unordered_map>

#include <fmt/format.h>

#include <yagura/core/clock.hpp>
#include <yagura/core/error.hpp>
#include <yagura/core/ids.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/retention/keys.hpp>

namespace yagura::retention {

namespace {

// A load retries from the directory listing when a file it listed was compacted away under it
// (the compaction's output is in place before its inputs go, so a fresh listing has it).
constexpr int kLoadAttempts = 8;

std::uint64_t wall_clock_nanoseconds() {
    return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                          std::chrono::system_clock::now().time_since_epoch())
                                          .count());
}

bool valid_prefix(const std::string& prefix) {
    return !prefix.empty() && std::all_of(prefix.begin(), prefix.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '_';
    });
}

void log_scan_end(const std::filesystem::path& path, const file_format::ScanResult& scan) {
    if (scan.end == file_format::ScanEnd::corrupt) {
        core::logger("retention")
            ->warn("retention file {}: damaged batch at byte {}; the rest of the file is ignored",
                   path.string(), scan.valid_bytes);
    } else if (scan.end == file_format::ScanEnd::torn_tail) {
        // Normal for a journal being appended right now, or one whose writer died mid-write.
        core::logger("retention")
            ->debug("retention file {}: incomplete batch at byte {} ignored", path.string(),
                    scan.valid_bytes);
    }
}

}  // namespace

FileJournal::FileJournal(FileSettings settings) : settings_(std::move(settings)) {
    if (!valid_prefix(settings_.key_prefix)) {
        throw core::Error(core::ErrorKind::invalid_input,
                          "retention file store: key_prefix '" + settings_.key_prefix +
                              "' may hold only letters, digits, '-' and '_'");
    }
    if (settings_.directory.empty()) {
        throw core::Error(core::ErrorKind::invalid_input, "retention file store: no directory");
    }
    directory_ = settings_.directory;
    std::error_code error;
    std::filesystem::create_directories(directory_, error);
    directory_fd_.reset(::open(directory_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (error || !directory_fd_.valid()) {
        throw core::Error(core::ErrorKind::invalid_input,
                          "retention file store: cannot use directory " + directory_.string() +
                              (error ? ": " + error.message() : std::string()));
    }
    auto files = list_files();
    note_foreign_versions(files);
    for (const auto& file : files) {
        if (file.name.version == kFormatVersion && file.name.kind == file_io::FileKind::journal) {
            std::error_code size_error;
            orphan_bytes_ += std::filesystem::file_size(file.path, size_error);
        }
    }
    compactor_ = std::thread([this] { compactor_loop(); });
}

FileJournal::~FileJournal() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    compactor_wake_.notify_all();
    compactor_.join();
    if (lock_fd_.valid()) {
        // Our journals become a dead stream that the next store adopts at its compaction.
        ::unlink(path_of(file_io::lock_name(settings_.key_prefix, stream_)).c_str());
    }
}

std::string FileJournal::describe() const {
    return "file store " + directory_.string() + " prefix '" + settings_.key_prefix + "'";
}

FileStoreStats FileJournal::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

std::vector<FileJournal::ListedFile> FileJournal::list_files() const {
    std::vector<ListedFile> files;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory_, error)) {
        auto name =
            file_io::parse_file_name(entry.path().filename().string(), settings_.key_prefix);
        if (name) {
            files.push_back({entry.path(), std::move(*name)});
        }
    }
    if (error) {
        throw core::Error(
            core::ErrorKind::unavailable,
            "retention file store: cannot list " + directory_.string() + ": " + error.message());
    }
    std::sort(files.begin(), files.end(),
              [](const ListedFile& a, const ListedFile& b) { return a.path < b.path; });
    return files;
}

void FileJournal::note_foreign_versions(const std::vector<ListedFile>& files) {
    for (const auto& file : files) {
        if (file.name.version != kFormatVersion && !foreign_version_logged_.exchange(true)) {
            core::logger("retention")
                ->warn(
                    "{}: found {} written in retention format version {}; this yagura reads "
                    "version {} and ignores such files",
                    describe(), file.path.filename().string(), file.name.version, kFormatVersion);
        }
    }
}

void FileJournal::ensure_stream() {
    if (!stream_.empty()) {
        return;
    }
    // A compaction elsewhere may grab a lock file between its creation and our flock; then it
    // adopted an empty stream and we simply pick another id.
    for (int attempt = 0; attempt < 8; ++attempt) {
        auto id = core::random_u64();
        auto stream = fmt::format("{:016x}", id);
        auto path = path_of(file_io::lock_name(settings_.key_prefix, stream));
        file_io::UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
        if (!fd.valid()) {
            if (errno == EEXIST) {
                continue;
            }
            file_io::throw_system_error("create", path);
        }
        if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
            continue;
        }
        stream_ = stream;
        stream_id_ = id;
        lock_fd_ = std::move(fd);
        return;
    }
    throw core::Error(core::ErrorKind::unavailable,
                      describe() + ": cannot create a lock file for a new journal stream");
}

void FileJournal::open_journal() {
    std::uint64_t seq = 0;
    {
        std::lock_guard lock(mutex_);
        ensure_stream();
        seq = next_seq_++;
    }
    auto path = path_of(file_io::journal_name(settings_.key_prefix, stream_, seq));
    file_io::UniqueFd fd(
        ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644));
    if (!fd.valid()) {
        file_io::throw_system_error("create", path);
    }
    auto header = file_format::encode_header(stream_id_, next_stamp());
    file_io::write_all(fd.get(), header, path);
    file_io::sync_data(fd.get(), path);
    file_io::sync_directory(directory_fd_.get(), directory_);
    active_fd_ = std::move(fd);
    active_path_ = path;
    active_bytes_ = header.size();
}

void FileJournal::close_journal() {
    if (!active_fd_.valid()) {
        return;
    }
    active_fd_.reset();
    closed_.push_back({active_path_, active_bytes_});
    active_bytes_ = 0;
}

std::uint64_t FileJournal::next_stamp() {
    last_stamp_ = std::max({wall_clock_nanoseconds(), last_stamp_ + 1,
                            highest_seen_stamp_.load(std::memory_order_relaxed) + 1});
    return last_stamp_;
}

void FileJournal::append(std::string_view batch) {
    try {
        file_io::write_all(active_fd_.get(), batch, active_path_);
        file_io::sync_data(active_fd_.get(), active_path_);
    } catch (const core::Error&) {
        // Cut the partial batch off so the journal stays readable past it; either way start a
        // fresh journal, since after a failed sync the kernel's copy cannot be trusted.
        if (::ftruncate(active_fd_.get(), static_cast<off_t>(active_bytes_)) != 0) {
            core::logger("retention")
                ->warn("{}: cannot cut a failed write off {}; readers stop before it", describe(),
                       active_path_.string());
        }
        std::lock_guard lock(mutex_);
        close_journal();
        throw;
    }
    active_bytes_ += batch.size();
}

void FileJournal::write(std::span<const Change> changes) {
    if (changes.empty()) {
        return;
    }
    if (!active_fd_.valid()) {
        open_journal();
    }
    auto stamp = next_stamp();
    encoder_.begin();
    for (const auto& change : changes) {
        encoder_.add(stamp, change.key, change.value, change.erase);
    }
    auto batch = encoder_.finish();
    append(batch);
    {
        std::lock_guard lock(mutex_);
        ++stats_.batches;
        stats_.bytes_appended += batch.size();
        if (active_bytes_ >= settings_.segment_bytes) {
            close_journal();
        }
    }
    maybe_schedule_compaction();
}

void FileJournal::maybe_schedule_compaction() {
    std::lock_guard lock(mutex_);
    if (compacting_ || compaction_wanted_ || core::monotonic_seconds() < compaction_retry_after_) {
        return;
    }
    std::uint64_t closed_bytes = 0;
    for (const auto& journal : closed_) {
        closed_bytes += journal.bytes;
    }
    auto threshold = std::max<std::uint64_t>(
        settings_.compact_min_bytes,
        static_cast<std::uint64_t>(settings_.compact_ratio *
                                   static_cast<double>(last_output_bytes_)));
    if (closed_bytes + active_bytes_ + orphan_bytes_ < threshold) {
        return;
    }
    close_journal();  // so that what it holds can be compacted too
    compaction_wanted_ = true;
    compactor_wake_.notify_all();
}

LoadResult FileJournal::load(std::span<const std::string> keys) {
    LoadResult result;
    result.values.resize(keys.size());
    std::unordered_map<std::string_view, std::size_t> index;
    index.reserve(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
        index.emplace(keys[i], i);
    }
    std::vector<std::uint64_t> best(keys.size());
    std::vector<char> erased(keys.size());
    std::uint64_t highest = 0;
    bool own_version_seen = false;
    bool foreign_version_seen = false;

    auto visit = [&](const file_format::Record& record, std::size_t) {
        highest = std::max(highest, record.stamp);
        auto it = index.find(record.key);
        if (it == index.end() || record.stamp < best[it->second]) {
            return;
        }
        best[it->second] = record.stamp;
        erased[it->second] = record.erased;
        result.values[it->second].emplace(record.value);
    };
    bool complete = false;
    for (int attempt = 0; attempt < kLoadAttempts && !complete; ++attempt) {
        std::fill(best.begin(), best.end(), 0);
        auto files = list_files();
        note_foreign_versions(files);
        complete = true;
        for (const auto& file : files) {
            if (file.name.version != kFormatVersion) {
                foreign_version_seen = true;
                continue;
            }
            if (file.name.kind != file_io::FileKind::journal) {
                continue;
            }
            auto mapped = file_io::MappedFile::open(file.path);
            if (!mapped) {
                complete = false;
                break;
            }
            if (mapped->bytes().size() < file_format::kHeaderSize) {
                continue;  // being created by its writer right now: nothing in it yet
            }
            auto header = file_format::decode_header(mapped->bytes());
            if (!header || header->version != kFormatVersion) {
                core::logger("retention")
                    ->warn("{}: {} is not a version {} journal; ignored", describe(),
                           file.path.string(), kFormatVersion);
                continue;
            }
            own_version_seen = true;
            log_scan_end(file.path, file_format::scan_records(mapped->bytes(), visit));
        }
    }
    if (!complete) {
        throw core::Error(core::ErrorKind::unavailable,
                          describe() + ": files kept disappearing while loading");
    }
    for (std::size_t i = 0; i < keys.size(); ++i) {
        auto first = index.at(keys[i]);
        if (best[first] == 0 || erased[first]) {
            result.values[i].reset();
        } else {
            if (first != i) {
                result.values[i] = result.values[first];
            }
            ++result.found;
        }
    }
    auto seen = highest_seen_stamp_.load();
    while (seen < highest && !highest_seen_stamp_.compare_exchange_weak(seen, highest)) {
    }
    result.format_mismatch = foreign_version_seen && !own_version_seen;
    return result;
}

}  // namespace yagura::retention
