// Fuzzes what a satellite reads from its peers: a scheduler's get_checks and put_results
// answers and the arbiter's configuration. Bad input must end in core::Error (or be set
// aside as a rejected action), never in a crash or another exception; what is accepted must
// hold what the satellite relies on.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/satellite/config.hpp>
#include <yagura/satellite/wire.hpp>

namespace {

using namespace yagura::satellite;

void require(bool condition) {
    if (!condition) {
        std::abort();
    }
}

void check_answer(const nlohmann::json& value) {
    try {
        auto answer = parse_checks_answer(value);
        for (const auto& action : answer.actions) {
            require(!action.id.empty());
            require(!action.command.empty());
            auto command = command_for(action, {});
            require(command.timeout > 0);
            for (const auto& entry : command.env) {
                require(entry.find('=') != std::string::npos && entry.front() != '=');
            }
            yagura::exec::Result result;
            result.output = action.command;  // any bytes
            require(nlohmann::json::parse(result_entry(action.id, result))["id"] == action.id);
        }
        for (const auto& rejected : answer.rejected) {
            require(!rejected.reason.empty());
            require(nlohmann::json::parse(rejected_entry(rejected, 1.0)).is_object());
        }
    } catch (const yagura::core::Error&) {
    }
    try {
        (void)parse_put_results_answer(value);
    } catch (const yagura::core::Error&) {
    }
}

void check_config(const nlohmann::json& value, Role role) {
    try {
        auto config = parse_satellite_config(value, role);
        require(!config.link.tags.empty());
        for (const auto& scheduler : config.schedulers) {
            require(!scheduler.address.empty());
            require(scheduler.port > 0);
        }
        // What was accepted reads back the same.
        auto again = parse_satellite_config(to_json(config, role), role);
        require(to_json(again, role) == to_json(config, role));
        auto capacity = capacity_of(config.link, 2);
        require(capacity.running >= 1);
    } catch (const yagura::core::Error&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto value = nlohmann::json::parse(text, nullptr, false);
    if (value.is_discarded()) {
        return 0;
    }
    check_answer(value);
    check_config(value, Role::poller);
    check_config(value, Role::reactionner);
    return 0;
}
