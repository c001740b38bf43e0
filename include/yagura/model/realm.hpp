#pragma once

#include <yagura/model/object.hpp>

namespace yagura::model {

struct RealmLinks {
    IndexList subrealms;
    Index parent = kNoIndex;
};

// `define realm`: a part of the site served by its own schedulers and satellites. Realms form
// a tree through realm_members; exactly one is the default.
struct Realm : ObjectHeader {
    Symbol realm_name;
    SymbolList realm_members;
    SymbolList higher_realms;
    bool default_realm = false;  // `default`
    bool broker_complete_links = false;

    RealmLinks links;
};

// `define module`: a daemon module (broker modules, retention, receivers). Beside the
// declared fields a module takes any parameter its implementation reads ("port 50000");
// those are kept in `parameters` in the order written.
struct Module : ObjectHeader {
    Symbol module_name;
    Symbol module_type;
    SymbolList modules;
    KeyValues parameters;
};

}  // namespace yagura::model
