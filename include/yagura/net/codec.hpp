#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <yagura/net/http.hpp>

// Small decoders for the parts of HTTP the handlers see. None of them throws: malformed input
// yields nullopt or is decoded leniently (a lone '%' stays as it is), as browsers and curl do.
namespace yagura::net {

// %XX decoding; with `plus_is_space` ('+' -> ' ') for query strings and form bodies.
std::string percent_decode(std::string_view text, bool plus_is_space);
std::string percent_encode(std::string_view text);

// "a=1&b=x%20y&a=2" -> {a:1, a:2, b:"x y"}. A key without '=' gets an empty value.
Params parse_params(std::string_view text);

// Splits "/path?query" into the decoded path and its parameters.
void split_target(std::string_view target, std::string& path, Params& query);

std::optional<std::string> base64_decode(std::string_view text);
std::string base64_encode(std::string_view data);

}  // namespace yagura::net
