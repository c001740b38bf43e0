#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string_view>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include <yagura/modules/brokerstate/broker_state.hpp>

#include "fields.hpp"
#include "shard.hpp"

namespace yagura::modules::brokerstate {

// Bit set of livestatus::Trigger values a brok fired.
using Triggers = std::uint8_t;
constexpr Triggers bit(ls::Trigger trigger) {
    return Triggers(1u << static_cast<int>(trigger));
}

struct BrokerState::Impl {
    Impl(const core::Clock& clock_in, BrokerStateSettings settings)
        : clock(clock_in), log(std::move(settings.log)) {}

    const core::Clock& clock;
    LogStore log;
    std::map<int, std::unique_ptr<Shard>> shards;   // live, by instance id
    std::map<int, std::unique_ptr<Shard>> staging;  // dumps under way

    // Views across shards, rebuilt when a shard's set of objects changes.
    std::unordered_map<std::string, ls::Host*>
        hosts_by_name;  // owns its keys: records are reassigned in place
    std::map<std::string, ls::HostGroup, std::less<>> hostgroups;
    std::map<std::string, ls::ServiceGroup, std::less<>> servicegroups;
    std::map<std::string, ls::Contact, std::less<>> contacts;
    std::map<std::string, ls::ContactGroup, std::less<>> contactgroups;
    std::map<std::string, const ls::Command*, std::less<>> commands;
    std::map<std::string, const ls::TimePeriod*, std::less<>> timeperiods;
    std::size_t host_count = 0, service_count = 0;

    std::function<void(ls::Trigger)> listener;
    BrokerStateStats counters;

    // broks.cpp
    Triggers apply(const nlohmann::json& brok);
    // views.cpp
    void rebuild_views();
    ls::ProgramStatus merged_program() const;

private:
    using Handler = Triggers (Impl::*)(int instance, const nlohmann::json& data);
    static const std::unordered_map<std::string_view, Handler>& handlers();

    Shard& target(int instance);
    bool is_staging(int instance) const { return staging.count(instance) != 0; }
    void changed_objects(int instance);
    ls::Host* find_host_for_update(int instance, const std::string& name);
    ls::Service* find_service_for_update(int instance, const std::string& host,
                                         const std::string& description);
    Shard* shard_holding(const ls::Checkable* object, const std::string& host,
                         const std::string& service);

    Triggers clean_instance(int instance, const nlohmann::json& data);
    Triggers initial_done(int instance, const nlohmann::json& data);
    Triggers program_status(int instance, const nlohmann::json& data);
    Triggers initial_host(int instance, const nlohmann::json& data);
    Triggers initial_service(int instance, const nlohmann::json& data);
    Triggers update_host(int instance, const nlohmann::json& data);
    Triggers update_service(int instance, const nlohmann::json& data);
    Triggers host_check_result(int instance, const nlohmann::json& data);
    Triggers service_check_result(int instance, const nlohmann::json& data);
    Triggers host_next_schedule(int instance, const nlohmann::json& data);
    Triggers service_next_schedule(int instance, const nlohmann::json& data);
    Triggers config_object(int instance, const nlohmann::json& data, const std::string& type);
    Triggers hostgroup(int instance, const nlohmann::json& data);
    Triggers servicegroup(int instance, const nlohmann::json& data);
    Triggers contact(int instance, const nlohmann::json& data);
    Triggers contactgroup(int instance, const nlohmann::json& data);
    Triggers timeperiod(int instance, const nlohmann::json& data);
    Triggers command(int instance, const nlohmann::json& data);
    Triggers log_line(int instance, const nlohmann::json& data);
    Triggers notification(int instance, const nlohmann::json& data);
    Triggers downtime_raise(int instance, const nlohmann::json& data);
    Triggers downtime_expire(int instance, const nlohmann::json& data);
    Triggers acknowledge_raise(int instance, const nlohmann::json& data);
    Triggers acknowledge_expire(int instance, const nlohmann::json& data);
    Triggers comment(int instance, const nlohmann::json& data);

    // Shared by host and service updates: apply to a copy, then store it.
    template <class Record>
    Triggers update_checkable(Record* object, int instance, const nlohmann::json& data,
                              void (*apply_fields)(Record&, const nlohmann::json&), Triggers fired);
    Triggers update_named(int instance, const nlohmann::json& data, const nlohmann::json& fields,
                          Triggers fired);
    void replace_events(ls::Checkable& object, const std::string& host, const std::string& service,
                        std::vector<ls::Comment> comments, std::vector<ls::Downtime> downtimes);
};

}  // namespace yagura::modules::brokerstate
