#pragma once

// Livestatus as a broker module: the Livestatus server (modules/livestatus) over the broker's
// regenerated state (modules/brokerstate). The broker applies every brok to that state itself,
// in order, before any module sees it; this module only serves queries and hands COMMAND
// lines to the broker's command router.
//
//   define module {
//       module_name   livestatus
//       module_type   livestatus
//       host          127.0.0.1
//       port          50000
//       socket        /var/lib/yagura/live
//   }
//
// The parameters are those of docs/livestatus.md.

#include <memory>
#include <set>
#include <string>
#include <vector>

#include <yagura/modules/brokerstate/broker_state.hpp>
#include <yagura/modules/common/module.hpp>
#include <yagura/modules/livestatus/livestatus.hpp>
#include <yagura/modules/livestatus/server.hpp>

namespace yagura::broker {

namespace livestatus = modules::livestatus;

struct LivestatusModuleSettings {
    livestatus::ServerSettings server;
    livestatus::LivestatusSettings queries;
    modules::brokerstate::LogStoreSettings log;  // used when the broker builds its state
};

// host, port, tcp (0: unix socket only), socket, socket_mode, max_request_size,
// max_response_size, idle_timeout, max_wait, max_connections, log_directory, log_file_size,
// log_total_size, log_max_age. Relative paths are resolved against `workdir`. Throws
// core::Error(invalid_input) naming the parameter.
LivestatusModuleSettings livestatus_module_settings(const modules::ModuleConfig& config,
                                                    const std::string& workdir,
                                                    std::vector<std::string>* unused = nullptr);

// The running Livestatus servers, told of every change of the broker's state (WaitTrigger).
class TriggerFanout {
public:
    void add(livestatus::Server* server) { servers_.insert(server); }
    void remove(livestatus::Server* server) { servers_.erase(server); }
    void notify(livestatus::Trigger trigger) const {
        for (auto* server : servers_) {
            server->notify(trigger);
        }
    }

private:
    std::set<livestatus::Server*> servers_;
};

class LivestatusModule final : public modules::Module {
public:
    LivestatusModule(const modules::ModuleContext& context, std::string name,
                     LivestatusModuleSettings settings,
                     const modules::brokerstate::BrokerState& state,
                     livestatus::CommandSink* commands, TriggerFanout& fanout);
    ~LivestatusModule() override;

    // The broker feeds the state before the modules: nothing to queue here.
    bool wants(std::string_view brok_type) const override;
    // Binds the TCP port and the unix socket; core::Error(unavailable) names what failed.
    void start() override;
    void handle(const modules::Brok& brok) override;
    // Closes the sockets and waits (within budget) for the connections to end.
    boost::asio::awaitable<void> stop(std::chrono::milliseconds budget) override;
    nlohmann::json stats() const override;
    void metrics(net::MetricsWriter& out, const net::Labels& labels) const override;

    std::uint16_t tcp_port() const;

private:
    boost::asio::io_context& io_;
    std::string name_;
    LivestatusModuleSettings settings_;
    TriggerFanout& fanout_;
    livestatus::Livestatus livestatus_;
    std::unique_ptr<livestatus::Server> server_;
};

}  // namespace yagura::broker
