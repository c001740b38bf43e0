#pragma once

#include <compare>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <yagura/dispatch/layout.hpp>
#include <yagura/dispatch/problem.hpp>
#include <yagura/dispatch/tags.hpp>
#include <yagura/dispatch/topology.hpp>

namespace yagura::dispatch {

struct DaemonKey {
    DaemonKind kind = DaemonKind::scheduler;
    std::string name;
    friend auto operator<=>(const DaemonKey&, const DaemonKey&) = default;
};

// What the arbiter's pings concluded: the daemons that are dead (max_check_attempts failures
// in a row). Every other daemon counts as alive.
struct Liveness {
    std::set<DaemonKey> dead;

    bool alive(DaemonKind kind, std::string_view name) const {
        return !dead.contains(DaemonKey{kind, std::string(name)});
    }
};

// The schedulers (by part) a satellite must talk to, and whose work it does.
struct SatelliteWork {
    DaemonKind kind = DaemonKind::poller;
    std::string name;
    std::vector<PartId> parts;          // ascending
    std::vector<std::string> replaces;  // dead daemons of its kind whose work it took
};

// Who runs what now: the fast half of a plan, recomputed whenever a daemon dies or returns.
struct Assignment {
    std::map<PartId, std::string> runner;   // part -> the scheduler running it (absent: none)
    std::vector<SatelliteWork> satellites;  // every satellite, idle ones with no parts
    Problems warnings;  // parts without a live scheduler, dead satellites without a spare

    std::string runner_of(PartId part) const;
    // The part a scheduler runs, or -1 when it is idle.
    PartId part_run_by(std::string_view scheduler) const;
    const SatelliteWork* find(DaemonKind kind, std::string_view name) const;
};

// Gives each part a live scheduler and each satellite its parts.
//
// Schedulers (a scheduler runs at most one part):
// - a part stays with the scheduler that ran it in `previous` while that one lives, unless the
//   part's home is alive again and its link says `failback 1`;
// - else its home runs it if alive and idle;
// - else the first live idle scheduler of: the realm's non-spares, the realm's spares, the
//   spares of the realms above it (nearest first); names break ties;
// - else it has no runner (a warning: its hosts are not monitored until a scheduler returns).
//
// Pollers, reactionners, receivers: every live non-spare one gets every part (that has a
// runner) of the realms it serves. The work of a dead non-spare goes to one live spare of its
// kind, in this order: the spare that already replaced it, spares of its realm, spares of the
// realms above it that manage sub-realms (nearest first); never to a spare lacking one of the
// tags (used in its realms) the dead one served. A spare replaces a dead daemon only while it
// is dead.
//
// Brokers: one broker per part, rotating over the non-spare brokers of the nearest realm level
// serving it (the realm's own, else the closest realm above that manages sub-realms); every
// one of them with the realm's `broker_complete_links`. A dead broker's parts go to the broker
// that already replaced it, a spare (same order as above), or another live broker of the realm.
//
// `tags` (collect_tags) lets spares be chosen by the tags actually used; without it a spare
// must serve every tag of the daemon it replaces.
Assignment assign(const Topology& topology, const Layout& layout, const Liveness& liveness,
                  const Assignment* previous, const TagUse* tags = nullptr);

}  // namespace yagura::dispatch
