#pragma once

#include <cstdint>
#include <deque>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

// A first-in first-out queue of command lines for one scheduler part, kept in a journal file so
// that what a sender was told "accepted" survives the scheduler being away for hours and the
// receiver (or arbiter) being restarted or killed.
namespace yagura::daemon {

struct SpoolLimits {
    // Lines held in memory, from the head of the queue; lines beyond are only in the file and
    // are read back in order as the head is delivered.
    std::size_t memory_bytes = 32 * 1024 * 1024;
    // The file may not grow beyond this: push() then refuses (the sender hears 503).
    std::uint64_t disk_bytes = 1024ull * 1024 * 1024;
};

// The journal is "<header><line>\n<line>\n...": every push is appended with one write(2) before
// the sender is answered (so a crash of the process loses nothing; a power cut may lose what
// the kernel had not written yet: there is no fsync), the header records how far the head was
// delivered, and the file is emptied whenever the queue is. Delivery is at least once: a crash
// between a delivery and the header update replays that batch.
class CommandSpool {
public:
    // Opens or creates the journal at `path` and queues the lines a previous run left there.
    // An empty path keeps the queue in memory only (bounded by limits.memory_bytes).
    // Throws core::Error(unavailable) when the file cannot be opened or is not a spool.
    CommandSpool(std::filesystem::path path, SpoolLimits limits);
    ~CommandSpool();
    CommandSpool(const CommandSpool&) = delete;
    CommandSpool& operator=(const CommandSpool&) = delete;

    // Appends lines (none may contain '\n'). All or nothing: throws core::Error(unavailable)
    // when the spool is full or the write fails, and then nothing was queued.
    void push(std::span<const std::string> lines);
    // Whether `bytes` more (lines plus newlines) would fit.
    bool fits(std::uint64_t bytes) const;

    // Up to `max_lines` lines from the head (and at most `max_bytes`, one line at least),
    // without removing them.
    std::vector<std::string> front(std::size_t max_lines, std::size_t max_bytes);
    // Removes the first `count` lines (after they were delivered).
    void pop(std::size_t count);
    // Removes and returns every line (re-routing the queue of a part that went away).
    std::vector<std::string> take_all();

    std::size_t size() const { return memory_.size() + disk_only_lines_; }
    bool empty() const { return size() == 0; }
    std::size_t memory_lines() const { return memory_.size(); }
    std::uint64_t file_bytes() const { return end_; }
    const std::filesystem::path& path() const { return path_; }

private:
    void open_existing();
    void refill();
    void write_head();
    void reset_file();

    std::filesystem::path path_;
    SpoolLimits limits_;
    int fd_ = -1;
    std::deque<std::string> memory_;  // the head of the queue
    std::size_t memory_bytes_ = 0;
    std::uint64_t head_ = 0;           // file offset of the first line not delivered
    std::uint64_t loaded_end_ = 0;     // file offset up to which lines are in memory_
    std::uint64_t end_ = 0;            // file size
    std::size_t disk_only_lines_ = 0;  // lines between loaded_end_ and end_
};

}  // namespace yagura::daemon
