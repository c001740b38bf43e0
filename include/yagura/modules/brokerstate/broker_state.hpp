#pragma once

// The broker's regenerated monitoring state, rebuilt from the broks the schedulers send
// (docs/broks.md is the contract), and served to Livestatus through its Core interface.
//
// Feed it brok by brok with apply(); query it through the livestatus::Core methods. Both on
// the same thread (the broker's io_context): it takes no locks.
//
// A full dump from a scheduler part (clean_all_my_instance_id ... initial_broks_done) is built
// aside and swapped in whole when it ends, so a query sees the old part or the new one, never
// half of a dump; the other parts are untouched.

#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/modules/brokerstate/log_store.hpp>
#include <yagura/modules/livestatus/core.hpp>

namespace yagura::modules::brokerstate {

struct BrokerStateSettings {
    LogStoreSettings log;  // where the log table's history lives (empty directory: none)
};

struct BrokerStateStats {
    std::size_t hosts = 0, services = 0, instances = 0, dumps_in_progress = 0;
    std::size_t broks_applied = 0, broks_rejected = 0;
};

class BrokerState final : public livestatus::Core {
public:
    explicit BrokerState(const core::Clock& clock, BrokerStateSettings settings = {});
    ~BrokerState() override;
    BrokerState(const BrokerState&) = delete;
    BrokerState& operator=(const BrokerState&) = delete;

    // Applies one brok, {"type": ..., "instance_id": N, "data": {...}}. A malformed brok is
    // logged and skipped and changes nothing; returns whether it was applied.
    bool apply(std::string_view brok_json);
    bool apply(const nlohmann::json& brok);

    // Called after each applied brok with what it changed (for Livestatus' WaitTrigger).
    void on_change(std::function<void(livestatus::Trigger)> listener);

    BrokerStateStats stats() const;

    // livestatus::Core
    void for_each_host(const livestatus::Visitor<livestatus::Host>& visit) const override;
    void for_each_service(const livestatus::Visitor<livestatus::Service>& visit) const override;
    void for_each_hostgroup(const livestatus::Visitor<livestatus::HostGroup>& visit) const override;
    void for_each_servicegroup(
        const livestatus::Visitor<livestatus::ServiceGroup>& visit) const override;
    void for_each_contact(const livestatus::Visitor<livestatus::Contact>& visit) const override;
    void for_each_contactgroup(
        const livestatus::Visitor<livestatus::ContactGroup>& visit) const override;
    void for_each_command(const livestatus::Visitor<livestatus::Command>& visit) const override;
    void for_each_timeperiod(
        const livestatus::Visitor<livestatus::TimePeriod>& visit) const override;
    void for_each_comment(const livestatus::Visitor<livestatus::Comment>& visit) const override;
    void for_each_downtime(const livestatus::Visitor<livestatus::Downtime>& visit) const override;
    void for_each_log(double since, double until,
                      const livestatus::Visitor<livestatus::LogEntry>& visit) const override;
    const livestatus::Host* find_host(std::string_view name) const override;
    const livestatus::Service* find_service(std::string_view host_name,
                                            std::string_view description) const override;
    const livestatus::HostGroup* find_hostgroup(std::string_view name) const override;
    const livestatus::ServiceGroup* find_servicegroup(std::string_view name) const override;
    const livestatus::Contact* find_contact(std::string_view name) const override;
    const livestatus::ContactGroup* find_contactgroup(std::string_view name) const override;
    livestatus::ProgramStatus program_status() const override;
    std::size_t host_count() const override;
    std::size_t service_count() const override;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace yagura::modules::brokerstate
