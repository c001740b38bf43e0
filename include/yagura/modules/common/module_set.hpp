#pragma once

// The modules a broker runs: built from their configurations through the registry, each in its
// ModuleRunner, fed with every brok, replaced when the configuration changes.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <nlohmann/json_fwd.hpp>

#include <yagura/modules/common/module.hpp>
#include <yagura/modules/common/module_runner.hpp>

namespace yagura::modules {

struct ModuleSetSettings {
    RunnerSettings runner;
    // How long a module being removed or stopped may take: half to work through its queue,
    // the rest for its own stop (flushing, closing).
    std::chrono::milliseconds stop_grace{2'000};
};

class ModuleSet {
public:
    ModuleSet(const ModuleRegistry& registry, ModuleContext context,
              ModuleSetSettings settings = {});
    ~ModuleSet();
    ModuleSet(const ModuleSet&) = delete;
    ModuleSet& operator=(const ModuleSet&) = delete;

    // Makes the running modules those of `configs`: a module whose configuration is unchanged
    // keeps running (and keeps its queue); a removed or changed one is stopped (bounded drain);
    // a new or changed one is built and started. Returns one message per module that could not
    // be built (unknown type, bad parameter, duplicate name); the others run regardless.
    // One apply at a time (the broker serialises them); feed() may run while it waits.
    boost::asio::awaitable<std::vector<std::string>> apply(std::vector<ModuleConfig> configs);

    // Offers a brok to every module (each takes it if it wants that type).
    void feed(const Brok& brok);
    void tick(core::EpochSeconds now);
    // Stops every module within `settings.stop_grace`.
    boost::asio::awaitable<void> stop();

    std::size_t size() const { return runners_.size(); }
    std::vector<ModuleConfig> configs() const;
    // The runner of a module by name, or nullptr.
    ModuleRunner* find(const std::string& name);

    nlohmann::json stats() const;  // an array, one object per module
    void metrics(net::MetricsWriter& out) const;

private:
    std::unique_ptr<ModuleRunner> build(const ModuleConfig& config,
                                        std::vector<std::string>& errors);

    const ModuleRegistry& registry_;
    ModuleContext context_;
    ModuleSetSettings settings_;
    std::vector<std::unique_ptr<ModuleRunner>> runners_;
};

}  // namespace yagura::modules
