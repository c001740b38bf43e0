#include <yagura/core/error.hpp>

namespace yagura::core {

std::string_view to_string(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::invalid_input:
            return "invalid input";
        case ErrorKind::not_found:
            return "not found";
        case ErrorKind::conflict:
            return "conflict";
        case ErrorKind::too_large:
            return "too large";
        case ErrorKind::unavailable:
            return "unavailable";
        case ErrorKind::timeout:
            return "timeout";
        case ErrorKind::internal:
            return "internal error";
    }
    return "unknown error";
}

void throw_error(ErrorKind kind, const std::string& message) {
    throw Error(kind, message);
}

}  // namespace yagura::core
