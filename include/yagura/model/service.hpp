#pragma once

#include <yagura/model/checkable.hpp>

namespace yagura::model {

struct ServiceLinks {
    Index host = kNoIndex;
    IndexList servicegroups;
};

// `define service`: one check on one host, identified by (host_name, service_description).
// Configuration and monitoring state in one object; fields declared in schema_service.cpp
// (see docs/objects.md). Build one with make<Service>(pool) (schema.hpp).
struct Service : Checkable {
    Service() {
        low_flap_threshold = -1;  // -1: use the global low_service_flap_threshold
        high_flap_threshold = -1;
        flap_detection_options = letters("owcu");
        notification_options = letters("wucrfs");
        snapshot_criteria = letters("wcu");
    }

    // --- configuration ---
    Symbol host_name;
    Symbol hostgroup_name;  // a hostgroup expression, expanded by the config stage
    Symbol service_description;
    SymbolList servicegroups;
    ServiceState initial_state = ServiceState::pending;  // pending: not set
    bool is_volatile = false;
    bool obsess_over_service = false;
    bool merge_host_contacts = false;
    bool host_dependency_enabled = true;
    SymbolList service_dependencies;
    Symbol duplicate_foreach;
    Symbol default_value;
    Symbol aggregation;

    // --- state ---
    ServiceState state = ServiceState::pending;
    ServiceState last_state = ServiceState::pending;
    ServiceState last_hard_state = ServiceState::pending;
    EpochSeconds last_time_ok = 0;
    EpochSeconds last_time_warning = 0;
    EpochSeconds last_time_critical = 0;
    EpochSeconds last_time_unknown = 0;

    ServiceLinks service_links;
};

}  // namespace yagura::model
