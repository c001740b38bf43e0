#include "harness.hpp"

#include <gtest/gtest.h>

#include <yagura/core/logging.hpp>

namespace yagura::engine::test {

Harness::Harness(model::Config shard, EngineSettings settings) {
    core::set_log_level("warning");
    settings.program_start = clock_.now();
    engine_ = std::make_unique<Engine>(std::move(shard), std::move(settings), clock_);
    drain_broks();  // registers the test broker: deltas are kept from now on
    broks_.clear();
    logs_.clear();
}

model::Host& Harness::host(std::string_view name) {
    const model::Config& cfg = engine_->config();
    model::Index i = cfg.hosts.find(name, cfg.pool);
    EXPECT_NE(i, model::kNoIndex) << name;
    return const_cast<model::Host&>(cfg.hosts[i]);
}

model::Service& Harness::service(std::string_view host, std::string_view description) {
    const model::Config& cfg = engine_->config();
    auto h = cfg.pool.find(host);
    auto d = cfg.pool.find(description);
    model::Index i = h && d ? cfg.services.find(*h, *d) : model::kNoIndex;
    EXPECT_NE(i, model::kNoIndex) << host << "/" << description;
    return const_cast<model::Service&>(cfg.services[i]);
}

void Harness::set_result(std::string_view host, std::string_view service, int code,
                         std::string output) {
    results_[{std::string(host), std::string(service)}] = {code, std::move(output)};
}

std::vector<Action> Harness::run_checks() {
    std::vector<Action> all;
    for (int round = 0; round < 20; ++round) {
        WorkerRequest request;
        std::vector<Action> actions;
        engine_->take_actions(request, actions);
        if (actions.empty()) {
            break;
        }
        std::vector<ActionResult> results;
        std::vector<std::string> outputs;
        outputs.reserve(actions.size());
        for (const Action& a : actions) {
            auto it = results_.find({std::string(a.host_name), std::string(a.service_description)});
            int code = 0;
            std::string output = a.service_description.empty() ? "UP" : "OK";
            if (it != results_.end()) {
                code = it->second.first;
                output = it->second.second.empty() ? "result " + std::to_string(code)
                                                   : it->second.second;
            }
            outputs.push_back(output);
            ActionResult r;
            r.id = a.id;
            r.exit_status = code;
            r.output = outputs.back();
            r.start_time = now();
            r.end_time = now();
            r.execution_time = 0.01;
            results.push_back(r);
        }
        engine_->put_results(results);
        all.insert(all.end(), actions.begin(), actions.end());
    }
    return all;
}

void Harness::check(std::string_view host, std::string_view service, int code, std::string output) {
    set_result(host, service, code, std::move(output));
    std::string line = service.empty() ? "SCHEDULE_FORCED_HOST_CHECK;" + std::string(host)
                                       : "SCHEDULE_FORCED_SVC_CHECK;" + std::string(host) + ";" +
                                             std::string(service);
    line += ";" + std::to_string(static_cast<long long>(now()));
    command(line);
    engine_->tick();
    run_checks();
    engine_->tick();
}

void Harness::advance(double seconds, double step, bool answer_checks) {
    const double end = now() + seconds;
    while (now() < end) {
        clock_.set(std::min(end, now() + step));
        engine_->tick();
        if (answer_checks) {
            run_checks();
        }
    }
}

CommandOutcome Harness::try_command(const std::string& line) {
    return engine_->run_external_command("[" + std::to_string(static_cast<long long>(now())) +
                                         "] " + line);
}

CommandOutcome Harness::command(const std::string& line) {
    CommandOutcome outcome = try_command(line);
    EXPECT_TRUE(outcome.applied()) << line << ": " << outcome.message;
    return outcome;
}

void Harness::take_reactionner() {
    WorkerRequest request;
    request.do_checks = false;
    request.do_actions = true;
    std::vector<Action> actions;
    engine_->take_actions(request, actions);
    std::vector<ActionResult> results;
    for (const Action& a : actions) {
        if (a.kind == ActionKind::notification) {
            sent_.push_back({std::string(a.contact_name), std::string(a.notification_type),
                             std::string(a.host_name), std::string(a.service_description),
                             a.command});
        } else {
            handlers_.push_back(a.command);
        }
        ActionResult r;
        r.id = a.id;
        r.exit_status = 0;
        results.push_back(r);
    }
    engine_->put_results(results);
}

std::vector<Sent> Harness::notifications() {
    take_reactionner();
    return std::exchange(sent_, {});
}

std::vector<std::string> Harness::event_handlers() {
    take_reactionner();
    return std::exchange(handlers_, {});
}

void Harness::drain_broks() {
    std::vector<std::string> texts;
    engine_->pop_broks("test-broker", 0, texts);
    for (const std::string& text : texts) {
        nlohmann::json brok = nlohmann::json::parse(text);
        if (brok["type"] == "log") {
            logs_.push_back(brok["data"]["log"].get<std::string>());
        }
        broks_.push_back(std::move(brok));
    }
}

std::vector<std::string> Harness::logs() {
    drain_broks();
    return std::exchange(logs_, {});
}

std::vector<nlohmann::json> Harness::broks() {
    drain_broks();
    logs_.clear();
    return std::exchange(broks_, {});
}

int count_containing(const std::vector<std::string>& lines, std::string_view text) {
    int n = 0;
    for (const std::string& line : lines) {
        if (line.find(text) != std::string::npos) {
            ++n;
        }
    }
    return n;
}

}  // namespace yagura::engine::test
