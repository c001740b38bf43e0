#pragma once

#include <yagura/model/object.hpp>

namespace yagura::model {

// Resolved membership of a group, filled by the config stage from both sides (the group's
// `members` and the members' `hostgroups`/`servicegroups`/`contactgroups`).
struct GroupLinks {
    IndexList members;    // hosts, services or contacts, groups expanded
    IndexList subgroups;  // the *group_members groups
};

// `define hostgroup`.
struct HostGroup : ObjectHeader {
    Symbol hostgroup_name;
    Symbol alias;
    SymbolList members;
    SymbolList hostgroup_members;
    Symbol notes;
    Symbol notes_url;
    Symbol action_url;
    Symbol realm;

    GroupLinks links;
    Index realm_index = kNoIndex;
};

// `define servicegroup`. Members are written as host,service pairs: "web1,HTTP,web2,HTTP".
struct ServiceGroup : ObjectHeader {
    Symbol servicegroup_name;
    Symbol alias;
    SymbolList members;
    SymbolList servicegroup_members;
    Symbol notes;
    Symbol notes_url;
    Symbol action_url;

    GroupLinks links;
};

// `define contactgroup`.
struct ContactGroup : ObjectHeader {
    Symbol contactgroup_name;
    Symbol alias;
    SymbolList members;
    SymbolList contactgroup_members;

    GroupLinks links;
};

}  // namespace yagura::model
