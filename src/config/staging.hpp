#pragma once

// The objects of every type as parsed, before templates are resolved and lists expanded:
// templates and real objects together, in the order they were read, plus what the parser
// noted beside the fields (`+` additive values, `null`), and the old Nagios extended-info
// blocks merged in later.

#include <bitset>
#include <cstdint>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include <yagura/model/schema.hpp>

#include "chunked_vector.hpp"

namespace yagura::config::detail {

// What a definition said about a field beyond its value.
struct Special {
    std::bitset<model::kMaxFields> plus;      // `key +a,b`: adds to what templates give
    std::bitset<model::kMaxFields> null;      // `key null`: cleared, and inherited as cleared
    std::vector<model::Symbol> plus_customs;  // `_NAME +value` (upper-cased names)
};

template <class T>
struct Stage {
    ChunkedVector<T> objects;
    std::unordered_map<model::Index, Special> specials;
    // Objects with a `name`, by that name (filled by the inheritance stage).
    std::unordered_map<std::uint32_t, model::Index> templates;
};

// `define hostextinfo` / `define serviceextinfo` (Nagios 2): attributes merged into the
// hosts or services they name.
struct ExtInfo {
    bool service = false;
    model::SourceLocation where;
    model::Symbol host_name;       // a list of names, as written
    model::Symbol hostgroup_name;  // a list of group names, as written
    model::Symbol service_description;
    std::vector<std::pair<model::Symbol, model::Symbol>> attributes;  // (key, value)
};

template <class... Ts>
struct StageTuple {
    std::tuple<Stage<Ts>...> stages;
};

template <class... Ts>
StageTuple<Ts...> stage_tuple_of(model::TypeList<Ts...>);

struct Stages {
    decltype(stage_tuple_of(model::ObjectTypes{})) all;
    std::vector<ExtInfo> extinfos;

    template <class T>
    Stage<T>& of() {
        return std::get<Stage<T>>(all.stages);
    }
};

}  // namespace yagura::config::detail
