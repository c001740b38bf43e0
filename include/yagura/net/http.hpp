#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json_fwd.hpp>

namespace yagura::net {

// Header names are stored lower-cased, so lookups need not care how the peer spelled them.
using Headers = std::map<std::string, std::string>;
// Decoded query or form parameters. A repeated key (ws_arbiter posts arrays) keeps every value.
using Params = std::multimap<std::string, std::string>;

struct BasicAuth {
    std::string user;
    std::string password;
};

// An HTTP request as a handler sees it: no Beast types, everything decoded.
struct Request {
    std::string method;  // upper case: GET, POST, ...
    std::string target;  // as sent, e.g. "/get_checks?do_checks=1"
    std::string path;    // percent-decoded path without the query
    Params query;        // decoded query parameters
    Headers headers;     // lower-cased names
    std::string body;
    std::string remote_address;            // the peer's IP address
    std::optional<std::string> peer_name;  // CN of a verified client certificate, if any

    // The header's value, or "" when absent. `name` must be lower case.
    std::string_view header(std::string_view name) const;
    // The first value of a query parameter, else of a form field of a form body.
    std::optional<std::string> param(std::string_view name) const;
    // Fields of an application/x-www-form-urlencoded body (empty for other bodies).
    Params form() const;
    // The body parsed as JSON. Throws core::Error(invalid_input) naming the parse error
    // (the router answers 400 with that message).
    nlohmann::json json() const;
    // "Authorization: Basic ..." decoded, or nullopt when absent or malformed.
    std::optional<BasicAuth> basic_auth() const;
};

struct Response {
    int status = 200;
    Headers headers;  // lower-cased names; content-type is set by the helpers
    std::string body;

    // `value` serialised as JSON with Content-Type application/json.
    static Response json(const nlohmann::json& value, int status = 200);
    static Response text(std::string body, int status = 200,
                         std::string content_type = "text/plain; charset=utf-8");
    // {"error": error, "detail": detail}: the error shape of every yagura endpoint.
    static Response error(int status, std::string_view error, std::string_view detail = {});
};

// The reason phrase of a status code ("Not Found"), "Unknown" for unusual ones.
std::string_view status_reason(int status);

}  // namespace yagura::net
