#include "brok_hub.hpp"

#include <algorithm>

#include <yagura/core/logging.hpp>

namespace yagura::engine::detail {

void BrokHub::publish(std::string brok, bool is_log) {
    if (brokers_.empty()) {
        if (!is_log) {
            return;  // the first broker's dump will carry the state
        }
        if (stream_.size() >= limit_) {
            stream_.pop_front();
            ++begin_;
            if (dropped_without_broker_++ == 0) {
                core::logger("engine")->warn(
                    "no broker has connected and {} log broks are waiting: dropping the oldest",
                    limit_);
            }
        }
    }
    stream_.push_back(std::move(brok));
    ++end_;
    if (!brokers_.empty()) {
        check_lag();
    }
}

void BrokHub::check_lag() {
    for (Broker& b : brokers_) {
        if (end_ - b.cursor <= limit_) {
            continue;
        }
        std::uint64_t skipped = end_ - b.cursor;
        b.dropped += skipped;
        b.cursor = end_;
        b.needs_dump = true;
        core::logger("engine")->warn(
            "broker '{}' is {} broks behind (limit {}): skipping them, it will take a new full "
            "dump",
            b.name, skipped, limit_);
    }
    trim();
}

BrokHub::Broker& BrokHub::broker(std::string_view name) {
    for (Broker& b : brokers_) {
        if (b.name == name) {
            return b;
        }
    }
    Broker fresh;
    fresh.name = std::string(name);
    // The first broker reads the log lines kept while nobody was listening.
    fresh.cursor = brokers_.empty() ? begin_ : end_;
    brokers_.push_back(std::move(fresh));
    return brokers_.back();
}

const BrokHub::Broker* BrokHub::find(std::string_view name) const {
    for (const Broker& b : brokers_) {
        if (b.name == name) {
            return &b;
        }
    }
    return nullptr;
}

std::size_t BrokHub::take(Broker& b, std::size_t max, std::vector<std::string>& out) {
    std::size_t taken = 0;
    auto room = [&] { return max == 0 || taken < max; };
    while (room() && !b.dump.empty()) {
        out.push_back(std::move(b.dump.front()));
        b.dump.pop_front();
        ++taken;
    }
    if (b.dump.empty()) {
        b.dump.shrink_to_fit();
    }
    while (room() && b.cursor < end_) {
        // Several brokers may read the same brok: copy unless this is the last reader.
        std::string& brok = stream_[b.cursor - begin_];
        bool last_reader = std::all_of(brokers_.begin(), brokers_.end(), [&](const Broker& o) {
            return &o == &b || o.cursor > b.cursor;
        });
        out.push_back(last_reader ? std::move(brok) : brok);
        ++b.cursor;
        ++taken;
    }
    b.delivered += taken;
    trim();
    return taken;
}

void BrokHub::trim() {
    if (brokers_.empty()) {
        return;
    }
    std::uint64_t oldest = end_;
    for (const Broker& b : brokers_) {
        oldest = std::min(oldest, b.cursor);
    }
    while (begin_ < oldest) {
        stream_.pop_front();
        ++begin_;
    }
}

}  // namespace yagura::engine::detail
