#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/net/codec.hpp>
#include <yagura/net/http.hpp>

namespace yagura::net {

std::string_view Request::header(std::string_view name) const {
    auto it = headers.find(std::string(name));
    return it == headers.end() ? std::string_view{} : std::string_view(it->second);
}

Params Request::form() const {
    auto type = core::to_lower(header("content-type"));
    if (!core::starts_with(type, "application/x-www-form-urlencoded")) {
        return {};
    }
    return parse_params(body);
}

std::optional<std::string> Request::param(std::string_view name) const {
    std::string key(name);
    if (auto it = query.find(key); it != query.end()) {
        return it->second;
    }
    auto fields = form();
    if (auto it = fields.find(key); it != fields.end()) {
        return it->second;
    }
    return std::nullopt;
}

nlohmann::json Request::json() const {
    if (body.empty()) {
        throw core::Error(core::ErrorKind::invalid_input, "expected a JSON body, got an empty one");
    }
    try {
        return nlohmann::json::parse(body);
    } catch (const nlohmann::json::exception& e) {
        // parse_error, and out_of_range for a number too big for a double: both the sender's.
        throw core::Error(core::ErrorKind::invalid_input,
                          std::string("malformed JSON body: ") + e.what());
    }
}

std::optional<BasicAuth> Request::basic_auth() const {
    auto value = core::trim(header("authorization"));
    auto space = value.find(' ');
    if (space == std::string_view::npos || !core::iequals(value.substr(0, space), "basic")) {
        return std::nullopt;
    }
    auto decoded = base64_decode(core::trim(value.substr(space + 1)));
    if (!decoded) {
        return std::nullopt;
    }
    auto colon = decoded->find(':');
    if (colon == std::string::npos) {
        return std::nullopt;
    }
    return BasicAuth{decoded->substr(0, colon), decoded->substr(colon + 1)};
}

Response Response::json(const nlohmann::json& value, int status) {
    Response response;
    response.status = status;
    response.headers["content-type"] = "application/json";
    // Replace invalid UTF-8 rather than throw: a plugin's output must not break a reply.
    response.body = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return response;
}

Response Response::text(std::string body, int status, std::string content_type) {
    Response response;
    response.status = status;
    response.headers["content-type"] = std::move(content_type);
    response.body = std::move(body);
    return response;
}

Response Response::error(int status, std::string_view error, std::string_view detail) {
    return json({{"error", std::string(error)}, {"detail", std::string(detail)}}, status);
}

std::string_view status_reason(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 202:
            return "Accepted";
        case 204:
            return "No Content";
        case 400:
            return "Bad Request";
        case 401:
            return "Unauthorized";
        case 403:
            return "Forbidden";
        case 404:
            return "Not Found";
        case 405:
            return "Method Not Allowed";
        case 408:
            return "Request Timeout";
        case 409:
            return "Conflict";
        case 413:
            return "Payload Too Large";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
        case 504:
            return "Gateway Timeout";
        default:
            return "Unknown";
    }
}

}  // namespace yagura::net
