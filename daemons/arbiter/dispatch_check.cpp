#include "arbiter/dispatch_check.hpp"

#include <ostream>

#include <yagura/dispatch/plan.hpp>

#include "arbiter/config_source.hpp"

namespace yagura::arbiter {

int check_dispatch(const model::Config& config, std::ostream& out, std::ostream& err) {
    auto plan = dispatch::make_plan(config, {}, nullptr);
    for (const auto& e : plan.errors) {
        err << e.text() << "\n";
    }
    for (const auto& w : plan.warnings) {
        err << "warning: " << w.text() << "\n";
    }
    if (plan.ok()) {
        out << "How the configuration would be dispatched:\n" << dispatch::describe(plan);
    }
    return static_cast<int>(plan.errors.size());
}

int load_and_check_dispatch(const std::string& main_cfg, std::ostream& out, std::ostream& err) {
    auto loaded = load_configuration(main_cfg);
    for (const auto& w : loaded.warnings) {
        err << "warning: " << w << "\n";
    }
    for (const auto& e : loaded.errors) {
        err << e << "\n";
    }
    if (!loaded.ok()) {
        return loaded.errors.empty() ? 1 : static_cast<int>(loaded.errors.size());
    }
    return check_dispatch(*loaded.config, out, err);
}

}  // namespace yagura::arbiter
