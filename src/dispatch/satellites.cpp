#include <algorithm>
#include <map>
#include <tuple>

#include "assignment_internal.hpp"

namespace yagura::dispatch::detail {

namespace {

class SatelliteAssigner {
public:
    SatelliteAssigner(const Topology& topo, const Layout& layout, const Liveness& live,
                      const Assignment* previous, const TagUse* tags, Assignment& out)
        : topo_(topo), live_(live), previous_(previous), tags_(tags), out_(out) {
        parts_of_realm_.resize(topo.realms.size());
        for (const auto& part : layout.parts) {
            if (out.runner.contains(part.id)) {
                parts_of_realm_[part.realm].push_back(part.id);
            }
        }
        for (const auto& d : topo.daemons) {
            if (d.kind != DaemonKind::scheduler && d.kind != DaemonKind::arbiter) {
                work_[&d] =
                    SatelliteWork{.kind = d.kind, .name = d.name, .parts = {}, .replaces = {}};
            }
        }
    }

    void run() {
        for (auto kind : {DaemonKind::poller, DaemonKind::reactionner, DaemonKind::receiver}) {
            assign_shared(kind);
        }
        assign_brokers();
        for (const auto& d : topo_.daemons) {
            auto it = work_.find(&d);
            if (it == work_.end()) {
                continue;
            }
            auto& parts = it->second.parts;
            std::sort(parts.begin(), parts.end());
            parts.erase(std::unique(parts.begin(), parts.end()), parts.end());
            out_.satellites.push_back(std::move(it->second));
        }
    }

private:
    bool alive(const DaemonInfo* d) const { return d != nullptr && live_.alive(d->kind, d->name); }

    std::vector<PartId> parts_served_by(const DaemonInfo& d) const {
        std::vector<PartId> parts;
        for (RealmId r = 0; r < topo_.realms.size(); ++r) {
            if (topo_.serves(d, r)) {
                parts.insert(parts.end(), parts_of_realm_[r].begin(), parts_of_realm_[r].end());
            }
        }
        return parts;
    }

    void give(const DaemonInfo* d, const std::vector<PartId>& parts) {
        auto& w = work_[d];
        w.parts.insert(w.parts.end(), parts.begin(), parts.end());
    }

    // The tags of `dead` that objects of the realms it serves use: what a spare must serve.
    std::vector<std::string> needed_tags(const DaemonInfo& dead) const {
        if (dead.kind != DaemonKind::poller && dead.kind != DaemonKind::reactionner) {
            return {};
        }
        if (tags_ == nullptr) {
            return dead.tags;
        }
        const auto& uses = dead.kind == DaemonKind::poller ? tags_->poller : tags_->reactionner;
        std::vector<std::string> needed;
        for (const auto& tag : dead.tags) {
            for (RealmId r = 0; r < uses.size(); ++r) {
                if (topo_.serves(dead, r) && uses[r].contains(tag)) {
                    needed.push_back(tag);
                    break;
                }
            }
        }
        return needed;
    }

    std::string previous_replacement(const DaemonInfo& dead) const {
        if (previous_ == nullptr) {
            return {};
        }
        for (const auto& w : previous_->satellites) {
            if (w.kind == dead.kind &&
                std::find(w.replaces.begin(), w.replaces.end(), dead.name) != w.replaces.end()) {
                return w.name;
            }
        }
        return {};
    }

    // The live spare that takes the work of `dead`: the one that already did, then spares of
    // its realm, then of the realms above it that manage sub-realms (nearest first), spares
    // not yet replacing anyone before busy ones; never one lacking a needed tag.
    const DaemonInfo* choose_spare(const DaemonInfo& dead) {
        auto needed = needed_tags(dead);
        auto sticky = previous_replacement(dead);
        const DaemonInfo* best = nullptr;
        std::tuple<bool, int, bool, std::string> best_rank;
        for (const auto* z : topo_.of_kind(dead.kind)) {
            if (!z->spare || !alive(z)) {
                continue;
            }
            int distance = topo_.distance(dead.realm, z->realm);
            if (distance < 0 || (distance > 0 && !z->manage_sub_realms)) {
                continue;
            }
            if (!std::all_of(needed.begin(), needed.end(),
                             [&](const auto& tag) { return z->serves_tag(tag); })) {
                continue;
            }
            auto rank =
                std::make_tuple(z->name != sticky, distance, !work_[z].replaces.empty(), z->name);
            if (best == nullptr || rank < best_rank) {
                best = z;
                best_rank = rank;
            }
        }
        return best;
    }

    void replace(const DaemonInfo& dead, const DaemonInfo* spare) {
        auto& replaces = work_[spare].replaces;
        if (std::find(replaces.begin(), replaces.end(), dead.name) == replaces.end()) {
            replaces.push_back(dead.name);
        }
    }

    void warn_unreplaced(const DaemonInfo& dead, std::size_t parts) {
        out_.warnings.push_back({dead.where, std::string(kind_name(dead.kind)) + " '" + dead.name +
                                                 "' is dead and no live spare can "
                                                 "take its work (" +
                                                 std::to_string(parts) + " parts)"});
    }

    void assign_shared(DaemonKind kind) {
        for (const auto* d : topo_.of_kind(kind)) {
            if (!d->spare && alive(d)) {
                give(d, parts_served_by(*d));
            }
        }
        for (const auto* d : topo_.of_kind(kind)) {
            if (d->spare || alive(d)) {
                continue;
            }
            auto parts = parts_served_by(*d);
            if (parts.empty()) {
                continue;
            }
            if (const auto* spare = choose_spare(*d)) {
                give(spare, parts);
                replace(*d, spare);
            } else {
                warn_unreplaced(*d, parts.size());
            }
        }
    }

    // The non-spare brokers of the nearest realm level that serves `realm`, by name.
    std::vector<const DaemonInfo*> nearest_brokers(RealmId realm) const {
        std::vector<const DaemonInfo*> level;
        int nearest = -1;
        for (const auto* b : topo_.of_kind(DaemonKind::broker)) {
            if (b->spare || !topo_.serves(*b, realm)) {
                continue;
            }
            int distance = topo_.distance(realm, b->realm);
            if (nearest < 0 || distance < nearest) {
                level.clear();
                nearest = distance;
            }
            if (distance == nearest) {
                level.push_back(b);
            }
        }
        std::sort(level.begin(), level.end(),
                  [](const auto* a, const auto* b) { return a->name < b->name; });
        return level;
    }

    const DaemonInfo* previous_broker(PartId part) const {
        if (previous_ == nullptr) {
            return nullptr;
        }
        for (const auto& w : previous_->satellites) {
            if (w.kind == DaemonKind::broker &&
                std::binary_search(w.parts.begin(), w.parts.end(), part)) {
                return topo_.find(DaemonKind::broker, w.name);
            }
        }
        return nullptr;
    }

    const DaemonInfo* least_busy_live(const std::vector<const DaemonInfo*>& brokers) {
        const DaemonInfo* best = nullptr;
        for (const auto* b : brokers) {
            if (alive(b) && (best == nullptr || work_[b].parts.size() < work_[best].parts.size())) {
                best = b;
            }
        }
        return best;
    }

    const DaemonInfo* broker_for(PartId part, RealmId realm, const DaemonInfo* preferred,
                                 const std::vector<const DaemonInfo*>& level) {
        const auto* was = previous_broker(part);
        if (alive(was) && topo_.serves(*was, realm) && was != preferred &&
            (!alive(preferred) || !preferred->failback)) {
            return was;
        }
        if (alive(preferred)) {
            return preferred;
        }
        if (const auto* spare = choose_spare(*preferred)) {
            replace(*preferred, spare);
            return spare;
        }
        return least_busy_live(level);
    }

    void assign_brokers() {
        for (RealmId r = 0; r < topo_.realms.size(); ++r) {
            const auto& parts = parts_of_realm_[r];
            if (parts.empty()) {
                continue;
            }
            auto level = nearest_brokers(r);
            if (level.empty()) {
                continue;  // spares alone never carry a realm; nothing takes its broks
            }
            if (topo_.realms[r].broker_complete_links) {
                for (const auto* b : level) {
                    if (alive(b)) {
                        give(b, parts);
                    } else if (const auto* spare = choose_spare(*b)) {
                        give(spare, parts);
                        replace(*b, spare);
                    } else {
                        warn_unreplaced(*b, parts.size());
                    }
                }
                continue;
            }
            for (std::size_t i = 0; i < parts.size(); ++i) {
                const auto* preferred = level[i % level.size()];
                const auto* chosen = broker_for(parts[i], r, preferred, level);
                if (chosen == nullptr) {
                    warn_unreplaced(*preferred, 1);
                    continue;
                }
                give(chosen, {parts[i]});
            }
        }
    }

    const Topology& topo_;
    const Liveness& live_;
    const Assignment* previous_;
    const TagUse* tags_;
    Assignment& out_;
    std::vector<std::vector<PartId>> parts_of_realm_;
    std::map<const DaemonInfo*, SatelliteWork> work_;
};

}  // namespace

void assign_satellites(const Topology& topology, const Layout& layout, const Liveness& liveness,
                       const Assignment* previous, const TagUse* tags, Assignment& out) {
    SatelliteAssigner(topology, layout, liveness, previous, tags, out).run();
}

}  // namespace yagura::dispatch::detail
