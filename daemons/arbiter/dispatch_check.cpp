#include "arbiter/dispatch_check.hpp"

#include <ostream>

#include <yagura/dispatch/plan.hpp>

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

}  // namespace yagura::arbiter
