#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/engine/engine.hpp>
#include <yagura/model/config.hpp>

#include "shard_builder.hpp"

// Drives an engine the way the scheduler daemon does, with a fake clock: a poller that
// answers checks with the results a test sets, a reactionner that collects notifications, a
// broker that collects broks.
namespace yagura::engine::test {

inline constexpr double kStart = 1'700'000'000;  // a Tuesday, 22:13:20 UTC

struct Sent {
    std::string contact;
    std::string type;  // PROBLEM, RECOVERY, ...
    std::string host;
    std::string service;
    std::string command;
};

class Harness {
public:
    explicit Harness(model::Config shard, EngineSettings settings = {});

    Engine& engine() { return *engine_; }
    core::FakeClock& clock() { return clock_; }
    double now() const { return clock_.now(); }

    model::Host& host(std::string_view name);
    model::Service& service(std::string_view host, std::string_view description);

    // The result the poller gives for the element's checks from now on.
    void set_result(std::string_view host, std::string_view service, int code,
                    std::string output = "");

    // Takes every ready check and answers it with the set result (OK/UP by default); repeats
    // while answering makes more checks ready (on-demand checks). Returns the checks run.
    std::vector<Action> run_checks();

    // One active check of the element now, with that result.
    void check(std::string_view host, std::string_view service, int code, std::string output = "");

    // Moves the clock in steps, ticking and answering checks at each step.
    void advance(double seconds, double step = 1, bool answer_checks = true);

    // Runs a command line ("[ts] " is added); fails the test when it is not applied.
    CommandOutcome command(const std::string& line);
    CommandOutcome try_command(const std::string& line);

    // Notifications handed to the reactionner since the last call (answered with exit 0).
    std::vector<Sent> notifications();
    // Event handlers handed out since the last call: their command lines.
    std::vector<std::string> event_handlers();
    // Log lines brokered since the last call.
    std::vector<std::string> logs();
    // Every brok since the last call (read by the test broker).
    std::vector<nlohmann::json> broks();

    // Both notifications() and event_handlers() take actions from the reactionner queue; this
    // takes them all, sorting them into the two lists.
    void take_reactionner();

private:
    void drain_broks();

    core::FakeClock clock_{kStart};
    std::unique_ptr<Engine> engine_;
    std::map<std::pair<std::string, std::string>, std::pair<int, std::string>> results_;
    std::vector<Sent> sent_;
    std::vector<std::string> handlers_;
    std::vector<nlohmann::json> broks_;
    std::vector<std::string> logs_;
    std::size_t broks_read_ = 0;
};

// How many lines contain `text`.
int count_containing(const std::vector<std::string>& lines, std::string_view text);

}  // namespace yagura::engine::test
