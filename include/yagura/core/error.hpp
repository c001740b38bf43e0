#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace yagura::core {

// What went wrong, coarse enough for a caller to decide (an HTTP status, a retry) without
// parsing messages.
enum class ErrorKind {
    invalid_input,  // the caller sent something malformed or out of range (HTTP 400)
    not_found,      // the named thing does not exist (404)
    conflict,       // valid, but contradicts current state, e.g. an older arbiter epoch (409)
    too_large,      // over a configured size limit (413)
    unavailable,    // a peer or resource is down; retrying later may work (503)
    timeout,        // a deadline passed (504)
    internal,       // a bug or an unexpected system failure (500)
};

std::string_view to_string(ErrorKind kind);

// The project's exception type for control-plane failures. The message is for humans and
// should name the object or input at fault.
class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    ErrorKind kind() const noexcept { return kind_; }

private:
    ErrorKind kind_;
};

[[noreturn]] void throw_error(ErrorKind kind, const std::string& message);

}  // namespace yagura::core
