#include <algorithm>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/core/error.hpp>
#include <yagura/core/ids.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/retention/writer.hpp>

#include "latency_histogram.hpp"

namespace yagura::retention {

namespace {

struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
        return std::hash<std::string_view>{}(text);
    }
};

struct Pending {
    std::string value;
    bool erase = false;
    double queued_at = 0;  // core::monotonic_seconds() of the oldest change coalesced here
};

using PendingMap = std::unordered_map<std::string, Pending, StringHash, std::equal_to<>>;

double epoch_now() {
    return core::SystemClock().now();
}

}  // namespace

// Everything behind Writer: the queue filled by put(), the backlog owned by the flushing
// thread, and the stats both update.
class Writer::Flusher {
public:
    Flusher(Store& store, WriterSettings settings) : store_(store), settings_(settings) {
        settings_.max_batch = std::max<std::size_t>(settings_.max_batch, 1);
        thread_ = std::thread([this] { run(); });
    }

    void enqueue(std::string_view key, std::string_view value, bool erase) {
        auto now = core::monotonic_seconds();
        std::lock_guard lock(mutex_);
        ++queued_seq_;
        ++(erase ? stats_.erases : stats_.puts);
        auto it = queued_.find(key);
        if (it == queued_.end()) {
            queued_.emplace(std::string(key), Pending{std::string(value), erase, now});
            return;
        }
        ++stats_.coalesced;
        it->second.value.assign(value);  // reuses its buffer: no allocation, no free
        it->second.erase = erase;
    }

    bool flush(std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex_);
        auto target = queued_seq_;
        if (durable_seq_ >= target) {
            return true;
        }
        flush_requested_ = true;
        wake_.notify_all();
        auto done = [&] { return durable_seq_ >= target || stopped_; };
        if (timeout == std::chrono::milliseconds::max()) {
            durable_.wait(lock, done);
        } else {
            durable_.wait_for(lock, timeout, done);
        }
        return durable_seq_ >= target;
    }

    bool close(std::chrono::milliseconds timeout) {
        if (!thread_.joinable()) {
            return true;
        }
        bool flushed = flush(timeout);
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        thread_.join();
        std::lock_guard lock(mutex_);
        auto lost = backlog_.size() + queued_.size();
        if (lost > 0) {
            core::logger("retention")
                ->error("{}: {} retained changes could not be written and are lost ({})",
                        store_.describe(), lost, stats_.last_error);
        }
        return flushed && lost == 0;
    }

    WriterStats stats() const {
        std::lock_guard lock(mutex_);
        WriterStats result = stats_;
        result.pending_keys = queued_.size() + backlog_size_;
        result.delay_p50 = delays_.percentile(0.50);
        result.delay_p90 = delays_.percentile(0.90);
        result.delay_p99 = delays_.percentile(0.99);
        result.delay_max = delays_.max();
        return result;
    }

    const Store& store() const { return store_; }

private:
    void run();
    void take_queued(PendingMap& taken);
    bool write_backlog();
    void record_success(std::size_t keys, std::uint64_t bytes, const LatencyHistogram& delays);
    void record_failure(const std::string& error);
    std::chrono::steady_clock::duration next_retry_delay();

    Store& store_;
    WriterSettings settings_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;     // the flusher: a flush was asked for, or stop
    std::condition_variable durable_;  // flush() callers: durable_seq_ moved
    PendingMap queued_;                // filled by put(), taken whole by the flusher
    std::uint64_t queued_seq_ = 0;     // changes accepted so far
    std::uint64_t durable_seq_ = 0;    // every change up to this one is durable
    bool flush_requested_ = false;
    bool stopping_ = false;
    bool stopped_ = false;
    WriterStats stats_;
    LatencyHistogram delays_;
    std::size_t backlog_size_ = 0;

    // The flusher thread's own.
    PendingMap backlog_;
    std::chrono::milliseconds retry_delay_{0};

    std::thread thread_;
};

void Writer::Flusher::run() {
    using Clock = std::chrono::steady_clock;
    std::unique_lock lock(mutex_);
    auto next_write = Clock::now() + settings_.flush_interval;
    while (true) {
        wake_.wait_until(lock, next_write, [&] { return stopping_ || flush_requested_; });
        bool asked = flush_requested_ || stopping_;
        if (!asked && Clock::now() < next_write) {
            continue;  // woken early for nothing
        }
        flush_requested_ = false;
        PendingMap taken;
        take_queued(taken);
        auto taken_seq = queued_seq_;
        lock.unlock();

        // Merge into the backlog; a newer change wins, the older time of queueing stays.
        while (!taken.empty()) {
            auto node = taken.extract(taken.begin());
            auto found = backlog_.find(node.key());
            if (found == backlog_.end()) {
                backlog_.insert(std::move(node));
            } else {
                found->second.value = std::move(node.mapped().value);
                found->second.erase = node.mapped().erase;
            }
        }
        bool written = backlog_.empty() || write_backlog();

        lock.lock();
        backlog_size_ = backlog_.size();
        if (written) {
            durable_seq_ = taken_seq;
            retry_delay_ = std::chrono::milliseconds(0);
            next_write = Clock::now() + settings_.flush_interval;
        } else {
            next_write = Clock::now() + next_retry_delay();
        }
        durable_.notify_all();
        if (stopping_) {
            stopped_ = true;
            durable_.notify_all();
            return;
        }
    }
}

void Writer::Flusher::take_queued(PendingMap& taken) {
    auto size = queued_.size();
    taken.swap(queued_);
    // Keep put() from rehashing its way up from nothing after every flush.
    queued_.reserve(size);
}

bool Writer::Flusher::write_backlog() {
    std::vector<Change> batch;
    std::vector<PendingMap::iterator> members;
    batch.reserve(std::min(settings_.max_batch, backlog_.size()));
    auto next = backlog_.begin();
    while (next != backlog_.end()) {
        batch.clear();
        members.clear();
        std::uint64_t bytes = 0;
        for (; next != backlog_.end() && batch.size() < settings_.max_batch; ++next) {
            batch.push_back({next->first, next->second.value, next->second.erase});
            members.push_back(next);
            bytes += next->first.size() + next->second.value.size();
        }
        try {
            store_.write(batch);
        } catch (const std::exception& error) {
            record_failure(error.what());
            return false;
        }
        auto now = core::monotonic_seconds();
        LatencyHistogram delays;
        for (auto member : members) {
            delays.record(now - member->second.queued_at);
            backlog_.erase(member);
        }
        record_success(batch.size(), bytes, delays);
    }
    return true;
}

void Writer::Flusher::record_success(std::size_t keys, std::uint64_t bytes,
                                     const LatencyHistogram& delays) {
    std::lock_guard lock(mutex_);
    if (!stats_.store_available) {
        core::logger("retention")
            ->info("{} is back after {:.1f}s; writing the {} changes kept meanwhile",
                   store_.describe(), epoch_now() - stats_.outage_since, keys + backlog_.size());
        stats_.store_available = true;
        stats_.outage_since = 0;
    }
    stats_.written_keys += keys;
    stats_.bytes += bytes;
    ++stats_.batches;
    stats_.last_success = epoch_now();
    delays_.merge(delays);
}

void Writer::Flusher::record_failure(const std::string& error) {
    std::lock_guard lock(mutex_);
    ++stats_.errors;
    stats_.last_error = error;
    if (stats_.store_available) {
        // Once per outage: a Redis down for an hour must not write a line per retry.
        core::logger("retention")
            ->warn(
                "retention store unavailable: {}; keeping changes in memory and retrying "
                "(backoff up to {} ms)",
                error, settings_.retry_max.count());
        stats_.store_available = false;
        stats_.outage_since = epoch_now();
        ++stats_.outages;
    } else {
        core::logger("retention")->debug("retention store still unavailable: {}", error);
    }
}

std::chrono::steady_clock::duration Writer::Flusher::next_retry_delay() {
    retry_delay_ = retry_delay_.count() == 0 ? settings_.retry_initial
                                             : std::min(settings_.retry_max, retry_delay_ * 2);
    // A little jitter so that several schedulers do not hit a recovering Redis in step.
    auto jitter = static_cast<std::int64_t>(
        core::random_between(0, static_cast<std::uint64_t>(retry_delay_.count() / 5)));
    return retry_delay_ + std::chrono::milliseconds(jitter);
}

Writer::Writer(std::shared_ptr<Store> store, WriterSettings settings)
    : store_(std::move(store)), flusher_(std::make_unique<Flusher>(*store_, settings)) {}

Writer::~Writer() {
    flusher_->close(std::chrono::milliseconds(0));
}

void Writer::put(std::string_view key, std::string_view value) {
    flusher_->enqueue(key, value, false);
}

void Writer::erase(std::string_view key) {
    flusher_->enqueue(key, {}, true);
}

bool Writer::flush(std::chrono::milliseconds timeout) {
    return flusher_->flush(timeout);
}

bool Writer::close(std::chrono::milliseconds timeout) {
    return flusher_->close(timeout);
}

LoadResult Writer::load(std::span<const std::string> keys, std::chrono::milliseconds timeout) {
    if (!flush(timeout)) {
        throw core::Error(core::ErrorKind::unavailable,
                          store_->describe() +
                              ": cannot load retained state while queued changes cannot be "
                              "written (" +
                              stats().last_error + ")");
    }
    return store_->load(keys);
}

WriterStats Writer::stats() const {
    return flusher_->stats();
}

void to_json(nlohmann::json& out, const WriterStats& stats) {
    out = nlohmann::json{
        {"pending_keys", stats.pending_keys},
        {"puts", stats.puts},
        {"erases", stats.erases},
        {"coalesced", stats.coalesced},
        {"written_keys", stats.written_keys},
        {"batches", stats.batches},
        {"bytes", stats.bytes},
        {"errors", stats.errors},
        {"outages", stats.outages},
        {"store_available", stats.store_available},
        {"last_success", stats.last_success},
        {"outage_since", stats.outage_since},
        {"last_error", stats.last_error},
        {"delay_seconds",
         {{"p50", stats.delay_p50},
          {"p90", stats.delay_p90},
          {"p99", stats.delay_p99},
          {"max", stats.delay_max}}},
    };
}

}  // namespace yagura::retention
