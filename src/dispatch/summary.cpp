#include <cstdio>
#include <sstream>

#include <yagura/dispatch/plan.hpp>

namespace yagura::dispatch {

namespace {

std::string percent(std::uint64_t part, std::uint64_t whole) {
    char text[16];
    std::snprintf(
        text, sizeof text, "%.0f%%",
        whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole));
    return text;
}

std::string join_parts(const std::vector<PartId>& parts) {
    std::string out;
    for (auto id : parts) {
        out += (out.empty() ? "" : ",") + std::to_string(id);
    }
    return out.empty() ? "none" : out;
}

std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) {
        out += (out.empty() ? "" : ",") + n;
    }
    return out;
}

void describe_realm(const Plan& plan, RealmId r, std::ostringstream& out) {
    const auto& topo = plan.topology;
    const auto& realm = topo.realms[r];
    out << std::string(2 * realm.depth, ' ') << "realm " << realm.name
        << (r == topo.default_realm ? " (default)" : "") << "\n";
    std::string indent(2 * realm.depth + 2, ' ');
    std::uint64_t realm_load = 0;
    for (const auto& part : plan.layout.parts) {
        realm_load += part.realm == r ? part.load : 0;
    }
    for (const auto& part : plan.layout.parts) {
        if (part.realm != r) {
            continue;
        }
        const auto* home = topo.find(DaemonKind::scheduler, part.home);
        auto runner = plan.assignment.runner_of(part.id);
        out << indent << "part " << part.id << " -> scheduler " << part.home << " (weight "
            << (home != nullptr ? home->weight : 1) << "): " << part.hosts.size() << " hosts, "
            << part.load - part.hosts.size() << " services in " << part.shards << " shards, "
            << percent(part.load, realm_load) << " of the realm's load";
        if (runner.empty()) {
            out << ", NOT RUNNING (no live scheduler)";
        } else if (runner != part.home) {
            out << ", run by spare " << runner;
        }
        out << "\n";
    }
    for (const auto& d : topo.daemons) {
        if (d.realm != r || d.kind == DaemonKind::arbiter ||
            (d.kind == DaemonKind::scheduler && !d.spare)) {
            continue;
        }
        out << indent << kind_name(d.kind) << " " << d.name << (d.spare ? " (spare)" : "");
        if (!d.tags.empty()) {
            out << " tags " << join(d.tags);
        }
        if (const auto* work = plan.assignment.find(d.kind, d.name)) {
            out << ": parts " << join_parts(work->parts);
            if (!work->replaces.empty()) {
                out << " (replacing " << join(work->replaces) << ")";
            }
        }
        out << "\n";
    }
    for (auto child : realm.children) {
        describe_realm(plan, child, out);
    }
}

}  // namespace

std::string describe(const Plan& plan) {
    std::ostringstream out;
    out << "Dispatch: " << plan.hosts << " hosts and " << plan.services << " services in "
        << plan.shards << " shards (largest: " << plan.largest_shard_hosts << " hosts), "
        << plan.layout.parts.size() << " parts, " << plan.topology.realms.size() << " realms\n";
    for (RealmId r = 0; r < plan.topology.realms.size(); ++r) {
        if (plan.topology.realms[r].parent == kNoRealm) {
            describe_realm(plan, r, out);
        }
    }
    for (const auto& w : plan.warnings) {
        out << "warning: " << w.text() << "\n";
    }
    return out.str();
}

}  // namespace yagura::dispatch
