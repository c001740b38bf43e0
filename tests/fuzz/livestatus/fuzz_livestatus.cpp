// Fuzzes the Livestatus request parser and engine with whole requests against a small state
// filled from broks. Any input must give an answer (200 or an error status), never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/modules/brokerstate/broker_state.hpp>
#include <yagura/modules/livestatus/livestatus.hpp>

namespace {

using nlohmann::json;
namespace ls = yagura::modules::livestatus;
namespace bs = yagura::modules::brokerstate;

struct Sink : ls::CommandSink {
    void submit(const ls::ExternalCommand& command) override { last = command.line(); }
    std::string last;
};

struct Site {
    yagura::core::FakeClock clock{1700000000};
    bs::BrokerState state{clock};
    Sink sink;
    ls::Livestatus livestatus{state, &sink, clock, ls::LivestatusSettings{1u << 20}};

    Site() {
        yagura::core::set_log_level("off");
        auto brok = [](const char* type, json data) {
            return json{{"type", type}, {"instance_id", 0}, {"data", std::move(data)}};
        };
        state.apply(brok("clean_all_my_instance_id", json::object()));
        state.apply(brok("initial_contact_status", {{"contact_name", "alice"}}));
        state.apply(brok("initial_host_status", {{"host_name", "web1"},
                                                 {"state_id", 1},
                                                 {"contacts", {"alice"}},
                                                 {"hostgroups", {"web"}},
                                                 {"customs", {{"_OS", "linux"}}}}));
        state.apply(brok("initial_service_status",
                         {{"host_name", "web1"},
                          {"service_description", "HTTP"},
                          {"state_id", 2},
                          {"latency", 0.5},
                          {"servicegroups", {"front"}},
                          {"comments", json::array({{{"id", 1}, {"comment", "x"}}})}}));
        state.apply(brok("initial_broks_done", json::object()));
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Site site;
    std::string_view request(reinterpret_cast<const char*>(data), size);
    auto parsed = site.livestatus.parse(request);
    (void)site.livestatus.wait_condition_met(parsed);
    auto response = site.livestatus.execute(parsed);
    if (response.status != 200 && response.status < 400) {
        __builtin_trap();  // every answer is 200 or an error status
    }
    (void)response.wire();
    return 0;
}
