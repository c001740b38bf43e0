#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <yagura/core/logging.hpp>
#include <yagura/modules/common/module_set.hpp>

namespace yagura::modules {

namespace asio = boost::asio;
using SteadyClock = std::chrono::steady_clock;

ModuleSet::ModuleSet(const ModuleRegistry& registry, ModuleContext context,
                     ModuleSetSettings settings)
    : registry_(registry), context_(std::move(context)), settings_(settings) {}

ModuleSet::~ModuleSet() = default;

std::unique_ptr<ModuleRunner> ModuleSet::build(const ModuleConfig& config,
                                               std::vector<std::string>& errors) {
    try {
        auto module = registry_.make(config, context_);
        return std::make_unique<ModuleRunner>(context_.io, config, std::move(module),
                                              settings_.runner);
    } catch (const std::exception& e) {
        errors.emplace_back(e.what());
        core::logger("modules")->error("{}", e.what());
        return nullptr;
    }
}

asio::awaitable<std::vector<std::string>> ModuleSet::apply(std::vector<ModuleConfig> configs) {
    std::vector<std::string> errors;
    std::set<std::string> names;
    std::vector<ModuleConfig> wanted;
    for (auto& config : configs) {
        if (!names.insert(config.name).second) {
            errors.push_back(
                fmt::format("module '{}' is listed twice; the first one is used", config.name));
            continue;
        }
        wanted.push_back(std::move(config));
    }

    // Take out what goes away or changes (the others keep getting broks meanwhile) and stop
    // them all within one grace period.
    std::vector<std::unique_ptr<ModuleRunner>> leaving;
    for (auto it = runners_.begin(); it != runners_.end();) {
        bool unchanged = std::any_of(wanted.begin(), wanted.end(),
                                     [&](const ModuleConfig& c) { return c == (*it)->config(); });
        if (unchanged) {
            ++it;
        } else {
            leaving.push_back(std::move(*it));
            it = runners_.erase(it);
        }
    }
    auto now = SteadyClock::now();
    for (auto& runner : leaving) {
        co_await runner->stop(now + settings_.stop_grace / 2, now + settings_.stop_grace);
    }
    leaving.clear();

    // The new list, in the configuration's order; unchanged runners keep their queues.
    std::vector<std::unique_ptr<ModuleRunner>> next;
    for (const auto& config : wanted) {
        auto same = std::find_if(runners_.begin(), runners_.end(),
                                 [&](const auto& runner) { return runner->config() == config; });
        if (same != runners_.end()) {
            next.push_back(std::move(*same));
            runners_.erase(same);
        } else if (auto runner = build(config, errors)) {
            runner->start();
            next.push_back(std::move(runner));
        }
    }
    runners_ = std::move(next);
    co_return errors;
}

void ModuleSet::feed(const Brok& brok) {
    for (auto& runner : runners_) {
        runner->offer(brok);
    }
}

void ModuleSet::tick(core::EpochSeconds now) {
    for (auto& runner : runners_) {
        runner->tick(now);
    }
}

asio::awaitable<void> ModuleSet::stop() {
    auto now = SteadyClock::now();
    auto drain_deadline = now + settings_.stop_grace / 2;
    auto deadline = now + settings_.stop_grace;
    // Each runner drains on its own coroutine; awaiting them in turn against the same
    // deadlines lets them drain side by side.
    for (auto& runner : runners_) {
        co_await runner->stop(drain_deadline, deadline);
    }
}

std::vector<ModuleConfig> ModuleSet::configs() const {
    std::vector<ModuleConfig> configs;
    for (const auto& runner : runners_) {
        configs.push_back(runner->config());
    }
    return configs;
}

ModuleRunner* ModuleSet::find(const std::string& name) {
    for (auto& runner : runners_) {
        if (runner->config().name == name) {
            return runner.get();
        }
    }
    return nullptr;
}

nlohmann::json ModuleSet::stats() const {
    auto out = nlohmann::json::array();
    for (const auto& runner : runners_) {
        out.push_back(runner->stats_json());
    }
    return out;
}

void ModuleSet::metrics(net::MetricsWriter& out) const {
    for (const auto& runner : runners_) {
        const auto& config = runner->config();
        runner->metrics(out, {{"module", config.name}, {"type", config.type}});
    }
}

}  // namespace yagura::modules
