#include "arbiter/prepared.hpp"

#include <nlohmann/json.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/model/json.hpp>

#include "arbiter/config_source.hpp"

namespace yagura::arbiter {

namespace {

using nlohmann::json;

template <class Link>
void add_links(const model::Config& config, const model::Table<Link>& table, DaemonKind kind,
               const dispatch::Topology& topo, std::map<DaemonKey, std::string>& out) {
    for (const Link& link : table) {
        if (!link.registered) {
            continue;
        }
        std::string name(config.pool.str(link.daemon_name));
        const auto* info = topo.find(kind, name);
        if (info == nullptr) {
            continue;
        }
        json j = model::to_json(link, config.pool, model::JsonView::config);
        // What the satellite needs even when left to its default.
        j["name"] = name;
        j["realm"] = topo.realms[info->realm].name;
        j["spare"] = info->spare;
        j["manage_sub_realms"] = info->manage_sub_realms;
        if (kind == DaemonKind::poller) {
            j["poller_tags"] = info->tags;
        } else if (kind == DaemonKind::reactionner) {
            j["reactionner_tags"] = info->tags;
        }
        out[{kind, name}] = j.dump();
    }
}

// The content of a satellite's push, without the arbiter: what its digest is taken of.
json satellite_content(const Prepared& prepared, const DaemonInfo& satellite) {
    const auto& plan = prepared.plan;
    json schedulers = json::array();
    json host_map = json::object();
    if (const auto* work = plan.assignment.find(satellite.kind, satellite.name)) {
        for (auto part_id : work->parts) {
            const auto* runner =
                plan.topology.find(DaemonKind::scheduler, plan.assignment.runner_of(part_id));
            if (runner == nullptr) {
                continue;
            }
            schedulers.push_back({{"part_id", part_id},
                                  {"flavor", prepared.flavor_of(part_id)},
                                  {"name", runner->name},
                                  {"address", runner->address},
                                  {"port", runner->port},
                                  {"use_ssl", runner->use_ssl},
                                  {"timeout", runner->timeout},
                                  {"data_timeout", runner->data_timeout}});
            if (satellite.kind == DaemonKind::receiver) {
                for (const auto& host : plan.layout.find(part_id)->hosts) {
                    host_map[host] = part_id;
                }
            }
        }
    }
    json content = {{"schedulers", std::move(schedulers)}};
    auto link = prepared.link_json.find({satellite.kind, satellite.name});
    content["link"] = link == prepared.link_json.end() ? json::object() : json::parse(link->second);
    if (satellite.kind == DaemonKind::receiver) {
        content["host_map"] = std::move(host_map);
    }
    return content;
}

}  // namespace

const std::string& Prepared::flavor_of(PartId part) const {
    static const std::string none;
    auto it = contents.find(part);
    return it == contents.end() ? none : it->second.flavor;
}

json layout_json(const dispatch::Layout& layout) {
    json parts = json::array();
    for (const auto& part : layout.parts) {
        parts.push_back({{"part_id", part.id}, {"home", part.home}, {"hosts", part.hosts}});
    }
    return parts;
}

dispatch::Layout layout_from_json(const json& in) {
    dispatch::Layout layout;
    if (!in.is_array()) {
        return layout;
    }
    for (const auto& p : in) {
        dispatch::Part part;
        part.id = p.value("part_id", PartId{0});
        part.home = p.value("home", std::string());
        part.hosts = p.value("hosts", std::vector<std::string>{});
        layout.parts.push_back(std::move(part));
    }
    std::sort(layout.parts.begin(), layout.parts.end(),
              [](const auto& a, const auto& b) { return a.id < b.id; });
    return layout;
}

Preparation prepare(model::Config config, std::string source, const dispatch::Liveness& liveness,
                    const dispatch::Plan* previous, bool for_spares,
                    std::vector<std::string> warnings) {
    Preparation out;
    auto prepared = std::make_shared<Prepared>();
    prepared->plan = dispatch::make_plan(config, liveness, previous);
    if (!prepared->plan.ok()) {
        for (const auto& e : prepared->plan.errors) {
            out.errors.push_back(e.text());
        }
        return out;
    }
    prepared->source = std::move(source);
    prepared->prepared_at = core::SystemClock{}.now();
    prepared->warnings = std::move(warnings);
    for (const auto& w : prepared->plan.warnings) {
        prepared->warnings.push_back(w.text());
    }
    {
        dispatch::PartBuilder builder(config);
        for (auto& part : prepared->plan.layout.parts) {
            auto built = builder.build(part);
            part.flavor = built.flavor;
            prepared->contents.emplace(part.id, std::move(built));
        }
    }
    const auto& topo = prepared->plan.topology;
    add_links(config, config.pollers, DaemonKind::poller, topo, prepared->link_json);
    add_links(config, config.reactionners, DaemonKind::reactionner, topo, prepared->link_json);
    add_links(config, config.brokers, DaemonKind::broker, topo, prepared->link_json);
    add_links(config, config.receivers, DaemonKind::receiver, topo, prepared->link_json);
    if (for_spares) {
        json whole = whole_configuration_json(config);
        json placement = layout_json(prepared->plan.layout);
        prepared->whole_json = whole.dump();
        prepared->whole_flavor = dispatch::digest_hex(prepared->whole_json + placement.dump());
    }
    prepared->config = std::make_shared<const model::Config>(std::move(config));
    out.prepared = std::move(prepared);
    return out;
}

Desired desired_for(const Prepared& prepared, const DaemonInfo& daemon) {
    Desired out;
    const auto& plan = prepared.plan;
    if (daemon.kind == DaemonKind::scheduler) {
        auto part = plan.assignment.part_run_by(daemon.name);
        if (part >= 0) {
            out.managed[part] = prepared.flavor_of(part);
            out.digest = prepared.flavor_of(part);
        }
        return out;
    }
    const auto* work = plan.assignment.find(daemon.kind, daemon.name);
    if (work == nullptr || work->parts.empty()) {
        return out;
    }
    for (auto part : work->parts) {
        if (!plan.assignment.runner_of(part).empty()) {
            out.managed[part] = prepared.flavor_of(part);
        }
    }
    if (!out.managed.empty()) {
        out.digest = dispatch::digest_hex(satellite_content(prepared, daemon).dump());
    }
    return out;
}

json arbiter_json(const std::string& name, std::int64_t epoch) {
    return {{"name", name}, {"epoch", epoch}};
}

std::string scheduler_put_conf(const Prepared& prepared, PartId part_id,
                               const std::string& scheduler, const json& arbiter,
                               bool with_objects) {
    const auto* part = prepared.plan.layout.find(part_id);
    json head = {{"arbiter", arbiter}, {"kind", "scheduler"}, {"instance_name", scheduler}};
    json part_head = {{"part_id", part_id},
                      {"flavor", prepared.flavor_of(part_id)},
                      {"realm", part != nullptr ? part->realm_name : std::string()}};
    if (!with_objects) {
        head["part"] = std::move(part_head);
        return head.dump();
    }
    // The objects are already JSON text: spliced in rather than parsed and dumped again.
    auto text = head.dump();
    auto part_text = part_head.dump();
    part_text.pop_back();
    text.pop_back();
    text += ",\"part\":" + part_text +
            ",\"objects\":" + prepared.contents.at(part_id).objects_json + "}}";
    return text;
}

std::string satellite_put_conf(const Prepared& prepared, const DaemonInfo& satellite,
                               const json& arbiter) {
    json body = satellite_content(prepared, satellite);
    body["flavor"] = dispatch::digest_hex(body.dump());
    body["arbiter"] = arbiter;
    body["kind"] = std::string(dispatch::kind_name(satellite.kind));
    return body.dump();
}

}  // namespace yagura::arbiter
