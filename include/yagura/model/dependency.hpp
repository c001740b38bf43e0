#pragma once

#include <yagura/model/object.hpp>

namespace yagura::model {

// Resolved ends of one dependency. The config stage explodes a definition naming several
// hosts or groups into one object per (dependent, master) pair, so these are single indices.
struct DependencyLinks {
    Index dependent = kNoIndex;  // the host or service that depends
    Index master = kNoIndex;     // the host or service it depends on
    Index dependency_period = kNoIndex;
};

// `define hostdependency`: dependent hosts are not checked (execution_failure_criteria) or
// not notified (notification_failure_criteria) while the master host is in one of the states.
// Criteria letters: o up, d down, u unreachable, p pending, n none.
struct HostDependency : ObjectHeader {
    SymbolList dependent_host_name;
    SymbolList dependent_hostgroup_name;
    SymbolList host_name;
    SymbolList hostgroup_name;
    bool inherits_parent = false;
    Letters execution_failure_criteria = letters("n");
    Letters notification_failure_criteria = letters("n");
    Symbol dependency_period;

    DependencyLinks links;
};

// `define servicedependency`. Criteria letters: o ok, w warning, u unknown, c critical,
// p pending, n none.
struct ServiceDependency : ObjectHeader {
    SymbolList dependent_host_name;
    SymbolList dependent_hostgroup_name;
    SymbolList dependent_servicegroup_name;
    SymbolList dependent_service_description;
    SymbolList host_name;
    SymbolList hostgroup_name;
    SymbolList servicegroup_name;
    SymbolList service_description;
    bool inherits_parent = false;
    bool explode_hostgroup = false;
    Letters execution_failure_criteria = letters("n");
    Letters notification_failure_criteria = letters("n");
    Symbol dependency_period;

    DependencyLinks links;
};

}  // namespace yagura::model
