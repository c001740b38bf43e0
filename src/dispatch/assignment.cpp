#include <algorithm>

#include <yagura/dispatch/assignment.hpp>

#include "assignment_internal.hpp"

namespace yagura::dispatch {

namespace {

class SchedulerAssigner {
public:
    SchedulerAssigner(const Topology& topo, const Layout& layout, const Liveness& live,
                      const Assignment* previous, Assignment& out)
        : topo_(topo), layout_(layout), live_(live), previous_(previous), out_(out) {}

    void run() {
        keep_previous_runners();
        give_homes_their_parts();
        find_substitutes();
    }

private:
    bool alive(const DaemonInfo* d) const {
        return d != nullptr && live_.alive(DaemonKind::scheduler, d->name);
    }
    bool idle(const DaemonInfo* d) const { return !busy_.contains(d->name); }
    const DaemonInfo* scheduler(std::string_view name) const {
        return topo_.find(DaemonKind::scheduler, name);
    }
    void run_on(const Part& part, const DaemonInfo* d) {
        out_.runner[part.id] = d->name;
        busy_.insert(d->name);
    }

    // A scheduler may run a part of its own realm, or as a spare of a realm above it.
    bool may_run(const DaemonInfo* d, const Part& part) const {
        return d->realm == part.realm || (d->spare && topo_.distance(part.realm, d->realm) > 0);
    }

    void keep_previous_runners() {
        if (previous_ == nullptr) {
            return;
        }
        for (const auto& part : layout_.parts) {
            const auto* was = scheduler(previous_->runner_of(part.id));
            if (!alive(was) || !idle(was) || !may_run(was, part)) {
                continue;
            }
            const auto* home = scheduler(part.home);
            bool failback = was != home && alive(home) && home->failback &&
                            previous_->part_run_by(home->name) < 0;
            if (!failback) {
                run_on(part, was);
            }
        }
    }

    void give_homes_their_parts() {
        for (const auto& part : layout_.parts) {
            const auto* home = scheduler(part.home);
            if (!out_.runner.contains(part.id) && alive(home) && idle(home)) {
                run_on(part, home);
            }
        }
    }

    // Live idle schedulers that may take a part, best first.
    std::vector<const DaemonInfo*> candidates(const Part& part) const {
        std::vector<const DaemonInfo*> out;
        for (const auto* d : topo_.of_kind(DaemonKind::scheduler)) {
            if (alive(d) && idle(d) && may_run(d, part)) {
                out.push_back(d);
            }
        }
        // Non-spares of the realm, then its spares, then spares above, nearest first.
        auto rank = [&](const DaemonInfo* d) {
            return std::make_tuple(d->spare ? 1 : 0, topo_.distance(part.realm, d->realm), d->name);
        };
        std::sort(out.begin(), out.end(),
                  [&](const auto* a, const auto* b) { return rank(a) < rank(b); });
        return out;
    }

    void find_substitutes() {
        for (const auto& part : layout_.parts) {
            if (out_.runner.contains(part.id)) {
                continue;
            }
            auto found = candidates(part);
            if (!found.empty()) {
                run_on(part, found.front());
                continue;
            }
            out_.warnings.push_back(
                {"", "part " + std::to_string(part.id) + " of realm '" + part.realm_name +
                         "' (home scheduler '" + part.home + "', " +
                         std::to_string(part.hosts.size()) +
                         " hosts) has no live scheduler to run it: its hosts are not monitored"});
        }
    }

    const Topology& topo_;
    const Layout& layout_;
    const Liveness& live_;
    const Assignment* previous_;
    Assignment& out_;
    std::set<std::string, std::less<>> busy_;
};

}  // namespace

std::string Assignment::runner_of(PartId part) const {
    auto it = runner.find(part);
    return it == runner.end() ? std::string{} : it->second;
}

PartId Assignment::part_run_by(std::string_view scheduler) const {
    for (const auto& [part, name] : runner) {
        if (name == scheduler) {
            return part;
        }
    }
    return -1;
}

const SatelliteWork* Assignment::find(DaemonKind kind, std::string_view name) const {
    for (const auto& s : satellites) {
        if (s.kind == kind && s.name == name) {
            return &s;
        }
    }
    return nullptr;
}

Assignment assign(const Topology& topology, const Layout& layout, const Liveness& liveness,
                  const Assignment* previous, const TagUse* tags) {
    Assignment out;
    SchedulerAssigner(topology, layout, liveness, previous, out).run();
    detail::assign_satellites(topology, layout, liveness, previous, tags, out);
    return out;
}

}  // namespace yagura::dispatch
