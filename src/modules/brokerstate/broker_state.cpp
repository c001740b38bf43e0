#include <yagura/core/logging.hpp>
#include <yagura/modules/brokerstate/broker_state.hpp>

#include "impl.hpp"

namespace yagura::modules::brokerstate {

using nlohmann::json;

BrokerState::BrokerState(const core::Clock& clock, BrokerStateSettings settings)
    : impl_(std::make_unique<Impl>(clock, std::move(settings))) {}

BrokerState::~BrokerState() = default;

bool BrokerState::apply(std::string_view brok_json) {
    auto brok = json::parse(brok_json, nullptr, false);
    if (brok.is_discarded()) {
        ++impl_->counters.broks_rejected;
        core::logger("brokerstate")
            ->warn("brok skipped: not valid JSON ({} bytes)", brok_json.size());
        return false;
    }
    return apply(brok);
}

bool BrokerState::apply(const json& brok) {
    Triggers fired = 0;
    try {
        fired = impl_->apply(brok);
    } catch (const std::exception& error) {
        ++impl_->counters.broks_rejected;
        std::string type = brok.is_object() && brok.contains("type") && brok["type"].is_string()
                               ? brok["type"].get<std::string>()
                               : std::string("?");
        core::logger("brokerstate")->warn("brok '{}' skipped: {}", type, error.what());
        return false;
    }
    ++impl_->counters.broks_applied;
    if (impl_->listener && fired != 0) {
        for (int t = 0; t <= static_cast<int>(livestatus::Trigger::all); ++t) {
            if ((fired & bit(static_cast<livestatus::Trigger>(t))) != 0) {
                impl_->listener(static_cast<livestatus::Trigger>(t));
            }
        }
    }
    return true;
}

void BrokerState::on_change(std::function<void(livestatus::Trigger)> listener) {
    impl_->listener = std::move(listener);
}

BrokerStateStats BrokerState::stats() const {
    BrokerStateStats stats = impl_->counters;
    stats.hosts = impl_->host_count;
    stats.services = impl_->service_count;
    stats.instances = impl_->shards.size();
    stats.dumps_in_progress = impl_->staging.size();
    return stats;
}

namespace {

template <class Record, class Map>
void visit_values(const Map& map, const livestatus::Visitor<Record>& visit) {
    for (const auto& [name, value] : map) {
        if constexpr (std::is_pointer_v<std::decay_t<decltype(value)>>) {
            if (!visit(*value)) {
                return;
            }
        } else if (!visit(value)) {
            return;
        }
    }
}

template <class Map>
auto find_in(const Map& map, std::string_view name) -> decltype(&map.begin()->second) {
    auto it = map.find(name);
    return it == map.end() ? nullptr : &it->second;
}

}  // namespace

void BrokerState::for_each_host(const livestatus::Visitor<livestatus::Host>& visit) const {
    for (const auto& [instance, shard] : impl_->shards) {
        for (const auto& host : shard->hosts) {
            if (!visit(host)) {
                return;
            }
        }
    }
}

void BrokerState::for_each_service(const livestatus::Visitor<livestatus::Service>& visit) const {
    for (const auto& [instance, shard] : impl_->shards) {
        for (const auto& service : shard->services) {
            if (service.host != nullptr && !visit(service)) {
                return;
            }
        }
    }
}

void BrokerState::for_each_hostgroup(
    const livestatus::Visitor<livestatus::HostGroup>& visit) const {
    visit_values(impl_->hostgroups, visit);
}

void BrokerState::for_each_servicegroup(
    const livestatus::Visitor<livestatus::ServiceGroup>& visit) const {
    visit_values(impl_->servicegroups, visit);
}

void BrokerState::for_each_contact(const livestatus::Visitor<livestatus::Contact>& visit) const {
    visit_values(impl_->contacts, visit);
}

void BrokerState::for_each_contactgroup(
    const livestatus::Visitor<livestatus::ContactGroup>& visit) const {
    visit_values(impl_->contactgroups, visit);
}

void BrokerState::for_each_command(const livestatus::Visitor<livestatus::Command>& visit) const {
    visit_values(impl_->commands, visit);
}

void BrokerState::for_each_timeperiod(
    const livestatus::Visitor<livestatus::TimePeriod>& visit) const {
    visit_values(impl_->timeperiods, visit);
}

void BrokerState::for_each_comment(const livestatus::Visitor<livestatus::Comment>& visit) const {
    for (const auto& [instance, shard] : impl_->shards) {
        for (const auto& [id, comment] : shard->comments) {
            if (!visit(comment)) {
                return;
            }
        }
    }
}

void BrokerState::for_each_downtime(const livestatus::Visitor<livestatus::Downtime>& visit) const {
    for (const auto& [instance, shard] : impl_->shards) {
        for (const auto& [id, downtime] : shard->downtimes) {
            if (!visit(downtime)) {
                return;
            }
        }
    }
}

void BrokerState::for_each_log(double since, double until,
                               const livestatus::Visitor<livestatus::LogEntry>& visit) const {
    impl_->log.for_each(since, until, visit);
}

const livestatus::Host* BrokerState::find_host(std::string_view name) const {
    auto it = impl_->hosts_by_name.find(std::string(name));
    return it == impl_->hosts_by_name.end() ? nullptr : it->second;
}

const livestatus::Service* BrokerState::find_service(std::string_view host_name,
                                                     std::string_view description) const {
    const livestatus::Host* host = find_host(host_name);
    if (host == nullptr) {
        return nullptr;
    }
    for (const livestatus::Service* service : host->services) {
        if (service->description == description) {
            return service;
        }
    }
    return nullptr;
}

const livestatus::HostGroup* BrokerState::find_hostgroup(std::string_view name) const {
    return find_in(impl_->hostgroups, name);
}

const livestatus::ServiceGroup* BrokerState::find_servicegroup(std::string_view name) const {
    return find_in(impl_->servicegroups, name);
}

const livestatus::Contact* BrokerState::find_contact(std::string_view name) const {
    return find_in(impl_->contacts, name);
}

const livestatus::ContactGroup* BrokerState::find_contactgroup(std::string_view name) const {
    return find_in(impl_->contactgroups, name);
}

livestatus::ProgramStatus BrokerState::program_status() const {
    return impl_->merged_program();
}
std::size_t BrokerState::host_count() const {
    return impl_->host_count;
}
std::size_t BrokerState::service_count() const {
    return impl_->service_count;
}

}  // namespace yagura::modules::brokerstate
