#pragma once

// A module for tests that records what the runner does to it, in a journal the test keeps
// after the runner took ownership of the module.

#include <chrono>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include <yagura/modules/common/module.hpp>

namespace yagura::modules::testing {

struct Journal {
    std::vector<std::string> events;  // "start", "stop", "tick"
    std::vector<nlohmann::json> handled;
    int start_failures_left = 0;  // start() throws this many times first
    std::optional<std::string> throw_on_type;
    std::chrono::milliseconds handle_delay{0};  // a slow module
    std::set<std::string> wanted;               // empty: every type
    int starts() const { return count("start"); }
    int stops() const { return count("stop"); }
    int count(const std::string& event) const {
        int n = 0;
        for (const auto& e : events) {
            n += e == event ? 1 : 0;
        }
        return n;
    }
};

class RecordingModule : public Module {
public:
    explicit RecordingModule(std::shared_ptr<Journal> journal) : journal_(std::move(journal)) {}

    bool wants(std::string_view type) const override {
        return journal_->wanted.empty() || journal_->wanted.contains(std::string(type));
    }
    void start() override {
        if (journal_->start_failures_left > 0) {
            --journal_->start_failures_left;
            throw std::runtime_error("carbon.example:2003 refused the connection");
        }
        journal_->events.push_back("start");
    }
    void handle(const Brok& brok) override {
        if (journal_->handle_delay.count() > 0) {
            std::this_thread::sleep_for(journal_->handle_delay);
        }
        if (journal_->throw_on_type && brok.type() == *journal_->throw_on_type) {
            throw std::runtime_error("cannot handle " + std::string(brok.type()));
        }
        journal_->handled.push_back(brok.json());
    }
    void tick(core::EpochSeconds) override { journal_->events.push_back("tick"); }
    boost::asio::awaitable<void> stop(std::chrono::milliseconds) override {
        journal_->events.push_back("stop");
        co_return;
    }
    nlohmann::json stats() const override { return {{"lines", journal_->handled.size()}}; }

private:
    std::shared_ptr<Journal> journal_;
};

inline Brok make_brok(const std::string& type, int n = 0, int instance_id = 0) {
    return Brok::single({{"type", type}, {"instance_id", instance_id}, {"data", {{"n", n}}}});
}

}  // namespace yagura::modules::testing
