#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <yagura/dispatch/part_content.hpp>
#include <yagura/dispatch/plan.hpp>
#include <yagura/model/config.hpp>

namespace yagura::arbiter {

using dispatch::DaemonInfo;
using dispatch::DaemonKey;
using dispatch::DaemonKind;
using dispatch::PartId;

// A configuration ready to dispatch: the model, its plan, the content of every part and what
// each satellite's configuration is made of. Built off the loop (it is the slow part of a
// start or a reload), then handed to the arbiter whole.
struct Prepared {
    std::string source;  // the main file, or "master arbiter <name>"
    double prepared_at = 0;
    std::shared_ptr<const model::Config> config;
    dispatch::Plan plan;
    std::map<PartId, dispatch::PartBuilder::Built> contents;
    // The satellites' own link attributes as sent in their put_conf ("link").
    std::map<DaemonKey, std::string> link_json;
    std::vector<std::string> warnings;
    // For spare arbiters: the whole configuration and what the master knows of its placement,
    // and their digest (have_conf).
    std::string whole_json;
    std::string whole_flavor;

    const std::string& flavor_of(PartId part) const;
};

struct Preparation {
    std::shared_ptr<Prepared> prepared;  // null when refused
    std::vector<std::string> errors;
};

// Plans a loaded configuration, builds its parts, and with `for_spares` its whole JSON form.
// The previous plan keeps hosts in place (reloads) and parts with their runners. Errors of
// the plan (shards across realms, unserved tags, ...) refuse the configuration.
Preparation prepare(model::Config config, std::string source, const dispatch::Liveness& liveness,
                    const dispatch::Plan* previous, bool for_spares,
                    std::vector<std::string> warnings);

// The placement as the master sends it to spare arbiters: [{"part_id", "home", "hosts"}].
nlohmann::json layout_json(const dispatch::Layout& layout);
// And back: a Layout to give make_plan as the previous one.
dispatch::Layout layout_from_json(const nlohmann::json& in);

// What a daemon must hold: GET /what_i_managed's answer and the digest of the push that gives
// it (its flavor). Idle daemons: both empty.
struct Desired {
    std::map<PartId, std::string> managed;
    std::string digest;
    bool idle() const { return managed.empty(); }
};
Desired desired_for(const Prepared& prepared, const DaemonInfo& daemon);

// The arbiter identity every push carries.
nlohmann::json arbiter_json(const std::string& name, std::int64_t epoch);

// POST /put_conf bodies. A scheduler's part is written without its objects to confirm what it
// already runs (the scheduler answers 412 if it does not).
std::string scheduler_put_conf(const Prepared& prepared, PartId part, const std::string& scheduler,
                               const nlohmann::json& arbiter, bool with_objects);
std::string satellite_put_conf(const Prepared& prepared, const DaemonInfo& satellite,
                               const nlohmann::json& arbiter);

}  // namespace yagura::arbiter
