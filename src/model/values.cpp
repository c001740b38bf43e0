#include <yagura/model/values.hpp>

namespace yagura::model {

std::string_view state_name(HostState s) {
    switch (s) {
        case HostState::up:
            return "UP";
        case HostState::down:
            return "DOWN";
        case HostState::unreachable:
            return "UNREACHABLE";
        case HostState::pending:
            return "PENDING";
    }
    return "UNKNOWN";
}

std::string_view state_name(ServiceState s) {
    switch (s) {
        case ServiceState::ok:
            return "OK";
        case ServiceState::warning:
            return "WARNING";
        case ServiceState::critical:
            return "CRITICAL";
        case ServiceState::unknown:
            return "UNKNOWN";
        case ServiceState::pending:
            return "PENDING";
    }
    return "UNKNOWN";
}

std::string_view state_type_name(StateType t) {
    return t == StateType::soft ? "SOFT" : "HARD";
}

std::string_view check_type_name(CheckType t) {
    return t == CheckType::active ? "ACTIVE" : "PASSIVE";
}

}  // namespace yagura::model
