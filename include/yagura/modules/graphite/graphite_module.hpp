#pragma once

// The graphite broker module: the perfdata of every check result to carbon's plaintext port,
// named as Shinken's mod-graphite names it (naming.hpp), through a CarbonClient that
// buffers and reconnects (carbon_client.hpp).
//
//   define module {
//       module_name   graphite
//       module_type   graphite          ; Shinken's graphite_perfdata works too
//       host          127.0.0.1
//       port          2003
//   }
//
// docs/broker.md lists every parameter.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <yagura/modules/common/module.hpp>
#include <yagura/modules/graphite/carbon_client.hpp>
#include <yagura/modules/graphite/naming.hpp>

namespace yagura::modules::graphite {

struct GraphiteSettings {
    CarbonSettings carbon;
    NamingSettings naming;
};

// Reads a module's parameters (host, port, graphite_data_source, hostcheck, send_warning,
// send_critical, send_min, send_max, ignore_latency_limit, buffer_size, connect_timeout,
// reconnect_max, resend_window). Throws core::Error(invalid_input) naming the parameter;
// `unused` gets the parameters it does not know (Shinken's tick_limit, ...).
GraphiteSettings graphite_settings(const ModuleConfig& config,
                                   std::vector<std::string>* unused = nullptr);

struct GraphiteStats {
    std::uint64_t check_results = 0;  // check result broks seen
    std::uint64_t datapoints = 0;     // lines made from them
    std::uint64_t skipped = 0;        // results of elements with process_perf_data 0
};

class GraphiteModule final : public Module {
public:
    GraphiteModule(const ModuleContext& context, std::string name, GraphiteSettings settings);

    bool wants(std::string_view brok_type) const override;
    void start() override;
    void handle(const Brok& brok) override;
    boost::asio::awaitable<void> stop(std::chrono::milliseconds budget) override;
    nlohmann::json stats() const override;
    void metrics(net::MetricsWriter& out, const net::Labels& labels) const override;

    const CarbonClient& carbon() const { return carbon_; }
    const GraphiteStats& counters() const { return stats_; }

private:
    // What the statuses of an element said that matters for its metrics. Only elements with
    // something to say are kept.
    struct Element {
        PathParts parts;
        bool process_perf_data = true;
        int instance_id = 0;
    };
    void remember(const Brok& brok, bool is_host);
    void forget_instance(int instance_id);
    void check_result(const Brok& brok, bool is_host);

    std::string name_;
    GraphiteSettings settings_;
    const core::Clock& clock_;
    CarbonClient carbon_;
    std::map<std::string, Element, std::less<>> hosts_;
    std::map<std::string, Element, std::less<>> services_;  // key: host '\n' description
    GraphiteStats stats_;
};

// The factory the broker registers for module_type graphite (and graphite_perfdata).
std::unique_ptr<Module> make_graphite_module(const ModuleConfig& config,
                                             const ModuleContext& context);

}  // namespace yagura::modules::graphite
