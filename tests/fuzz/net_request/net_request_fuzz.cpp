// What a daemon decodes from an HTTP request before a handler sees it: the target (path and
// query), a form body, a JSON body, basic auth. None of it may crash or throw anything but
// core::Error (which the router turns into a 400).
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/net/codec.hpp>
#include <yagura/net/http.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view input(reinterpret_cast<const char*>(data), size);
    using namespace yagura::net;
    Request request;
    split_target(input, request.path, request.query);
    request.body = std::string(input);
    request.headers["content-type"] = "application/x-www-form-urlencoded";
    request.headers["authorization"] = "Basic " + std::string(input);
    (void)request.form();
    (void)request.param("host_name");
    (void)request.basic_auth();
    (void)base64_decode(input);
    (void)percent_decode(percent_encode(input), false);
    try {
        (void)request.json();
    } catch (const yagura::core::Error&) {
    }
    return 0;
}
