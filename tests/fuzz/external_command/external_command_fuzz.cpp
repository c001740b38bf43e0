// What the receiver decodes from outside before anything is queued: external command lines
// (the pipe, HTTP), check result bodies (JSON and ws_arbiter forms) and NSCA packets (both
// sizes, both encryptions). The first byte picks the door. Nothing may crash, and nothing but
// core::Error may escape (the HTTP router turns it into a 400).
#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include <yagura/core/error.hpp>
#include <yagura/daemon/command_input.hpp>
#include <yagura/engine/external_commands.hpp>
#include <yagura/net/http.hpp>

#include "receiver/nsca.hpp"

namespace {

using namespace yagura;

void command_lines(std::string_view input) {
    for (const auto& line : daemon::split_command_lines(input)) {
        auto parse = engine::parse_external_command(line);
        if (parse.command) {
            (void)parse.command->host_name();
        }
    }
}

void bodies(std::string_view input, const char* type) {
    net::Request request;
    request.method = "POST";
    request.body = std::string(input);
    request.headers["content-type"] = type;
    try {
        (void)daemon::check_result_commands(request, 1'700'000'000);
    } catch (const core::Error&) {
    }
    try {
        (void)daemon::external_command_lines(request);
    } catch (const core::Error&) {
    }
}

void nsca_packet(std::string_view input) {
    receiver::nsca::Settings settings{1, "pw", 0};
    receiver::nsca::Iv iv{};
    for (std::size_t i = 0; i < iv.size(); ++i) {
        iv[i] = static_cast<std::uint8_t>(i * 7);
    }
    for (auto size : {receiver::nsca::kOldPacketSize, receiver::nsca::kPacketSize}) {
        std::vector<std::uint8_t> packet(size, 0);
        std::copy_n(input.begin(), std::min(input.size(), size), packet.begin());
        // As sent (no encryption), and as decrypted with XOR.
        (void)receiver::nsca::decode(packet, 1'700'000'000, {0, "", 0});
        receiver::nsca::crypt(packet, iv, settings);
        (void)receiver::nsca::decode(packet, 1'700'000'000, settings);
    }
    // A well-formed packet carrying the input as its fields must come back the same.
    receiver::nsca::Result r{std::string(input.substr(0, 63)), "svc", 2,
                             std::string(input.substr(0, 600)), 1'700'000'000};
    auto encoded = receiver::nsca::encode(r);
    (void)receiver::nsca::decode(
        {reinterpret_cast<const std::uint8_t*>(encoded.data()), encoded.size()}, 1'700'000'000,
        {0, "", 30});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
    switch (data[0] % 4) {
        case 0:
            command_lines(input);
            break;
        case 1:
            bodies(input, "application/json");
            break;
        case 2:
            bodies(input, "application/x-www-form-urlencoded");
            break;
        default:
            nsca_packet(input);
            break;
    }
    return 0;
}
