#pragma once

#include <yagura/model/checkable.hpp>

namespace yagura::model {

struct HostLinks {
    IndexList parents;
    IndexList children;
    IndexList services;
    IndexList hostgroups;
    Index realm = kNoIndex;
};

// `define host`: a monitored machine or device. Configuration and monitoring state in one
// object, so the scheduler works on it in place; the fields are declared in schema_host.cpp
// (see docs/objects.md). Build one with make<Host>(pool) (schema.hpp) to get every default,
// including the interned ones (check_command _internal_host_up, poller_tag None).
struct Host : Checkable {
    Host() {
        low_flap_threshold = 25;
        high_flap_threshold = 50;
        flap_detection_options = letters("odu");
        notification_options = letters("durf");
        snapshot_criteria = letters("du");
    }

    // --- configuration ---
    Symbol host_name;
    Symbol alias;
    Symbol address;
    SymbolList parents;
    SymbolList hostgroups;
    HostState initial_state = HostState::pending;  // pending: not set
    bool obsess_over_host = false;
    Symbol vrml_image;
    Symbol statusmap_image;
    Symbol coords_2d;
    Symbol coords_3d;
    Symbol realm;
    LineList service_overrides;
    SymbolList service_excludes;
    SymbolList service_includes;

    // --- state ---
    HostState state = HostState::pending;
    HostState last_state = HostState::pending;
    HostState last_hard_state = HostState::pending;
    EpochSeconds last_time_up = 0;
    EpochSeconds last_time_down = 0;
    EpochSeconds last_time_unreachable = 0;

    HostLinks host_links;
};

}  // namespace yagura::model
