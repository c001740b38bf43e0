#include <algorithm>
#include <unordered_map>

#include <yagura/dispatch/layout.hpp>
#include <yagura/model/config.hpp>

#include "rebalance.hpp"

namespace yagura::dispatch {

namespace {

constexpr PartId kFirstPartId = 1;

// Where each host was in the previous layout.
struct Previous {
    std::unordered_map<std::string_view, std::string_view> home_of_host;
    std::unordered_map<std::string_view, PartId> id_of_home;
    PartId next_id = kFirstPartId;

    explicit Previous(const Layout* layout) {
        if (layout == nullptr) {
            return;
        }
        for (const auto& part : layout->parts) {
            id_of_home.emplace(part.home, part.id);
            next_id = std::max(next_id, part.id + 1);
            for (const auto& host : part.hosts) {
                home_of_host.emplace(host, part.home);
            }
        }
    }
};

class RealmPlacer {
public:
    RealmPlacer(const model::Config& config, const Shards& shards, const Previous& previous,
                std::vector<std::uint32_t> realm_shards, std::vector<Slot>& slots)
        : config_(config),
          shards_(shards),
          previous_(previous),
          realm_shards_(std::move(realm_shards)),
          slots_(slots) {
        for (std::size_t k = 0; k < slots_.size(); ++k) {
            slot_of_name_.emplace(slots_[k].scheduler->name, static_cast<int>(k));
        }
    }

    // The slot of each shard of the realm, in realm_shards_ order.
    void run(const PlacementOptions& options) {
        std::vector<std::uint32_t> fresh;
        for (auto s : realm_shards_) {
            int k = previous_slot(shards_.shards[s]);
            if (k < 0) {
                fresh.push_back(s);
            } else {
                put(s, k);
            }
        }
        place_fresh(fresh);
        rebalance(slots_, shards_, options);
    }

private:
    // The slot that had most of this shard's load, or -1 when none of its hosts was placed
    // before on a scheduler that is still here.
    int previous_slot(const Shard& shard) const {
        if (previous_.home_of_host.empty()) {
            return -1;
        }
        std::vector<std::pair<int, std::uint64_t>> votes;
        for (auto h : shard.hosts) {
            auto it = previous_.home_of_host.find(config_.pool.str(config_.hosts[h].host_name));
            if (it == previous_.home_of_host.end()) {
                continue;
            }
            auto slot = slot_of_name_.find(it->second);
            if (slot == slot_of_name_.end()) {
                continue;
            }
            auto vote = std::find_if(votes.begin(), votes.end(),
                                     [&](const auto& v) { return v.first == slot->second; });
            if (vote == votes.end()) {
                votes.emplace_back(slot->second, shards_.host_load[h]);
            } else {
                vote->second += shards_.host_load[h];
            }
        }
        int best = -1;
        std::uint64_t best_load = 0;
        for (const auto& [slot, load] : votes) {
            if (best < 0 || load > best_load) {
                best = slot;
                best_load = load;
            }
        }
        return best;
    }

    void put(std::uint32_t shard, int slot) {
        slots_[static_cast<std::size_t>(slot)].shards.push_back(shard);
        slots_[static_cast<std::size_t>(slot)].load += shards_.shards[shard].load;
    }

    // Largest first, each to the scheduler that stays least loaded relative to its weight.
    void place_fresh(std::vector<std::uint32_t>& fresh) {
        std::sort(fresh.begin(), fresh.end(), [&](auto a, auto b) {
            const auto& sa = shards_.shards[a];
            const auto& sb = shards_.shards[b];
            return sa.load != sb.load ? sa.load > sb.load : sa.hosts.front() < sb.hosts.front();
        });
        for (auto s : fresh) {
            auto load = static_cast<double>(shards_.shards[s].load);
            int best = 0;
            double best_ratio = 0;
            for (std::size_t k = 0; k < slots_.size(); ++k) {
                double ratio = (static_cast<double>(slots_[k].load) + load) / slots_[k].weight;
                if (k == 0 || ratio < best_ratio) {
                    best = static_cast<int>(k);
                    best_ratio = ratio;
                }
            }
            put(s, best);
        }
    }

    const model::Config& config_;
    const Shards& shards_;
    const Previous& previous_;
    std::vector<std::uint32_t> realm_shards_;
    std::vector<Slot>& slots_;
    std::unordered_map<std::string_view, int> slot_of_name_;
};

Part make_part(const model::Config& config, const Topology& topo, const Shards& shards,
               const Slot& slot, PartId id) {
    Part part;
    part.id = id;
    part.realm = slot.scheduler->realm;
    part.realm_name = topo.realms[part.realm].name;
    part.home = slot.scheduler->name;
    part.load = slot.load;
    part.shards = static_cast<std::uint32_t>(slot.shards.size());
    for (auto s : slot.shards) {
        const auto& hosts = shards.shards[s].hosts;
        part.host_indices.insert(part.host_indices.end(), hosts.begin(), hosts.end());
    }
    std::sort(part.host_indices.begin(), part.host_indices.end());
    part.hosts.reserve(part.host_indices.size());
    for (auto h : part.host_indices) {
        part.hosts.emplace_back(config.pool.str(config.hosts[h].host_name));
    }
    return part;
}

void count_moves(const Previous& previous, Layout& out) {
    for (const auto& part : out.parts) {
        for (const auto& host : part.hosts) {
            auto it = previous.home_of_host.find(host);
            if (it == previous.home_of_host.end()) {
                ++out.hosts_placed_new;
            } else if (it->second != part.home) {
                ++out.hosts_moved;
            }
        }
    }
}

}  // namespace

const Part* Layout::find(PartId id) const {
    auto it = std::lower_bound(parts.begin(), parts.end(), id,
                               [](const Part& p, PartId wanted) { return p.id < wanted; });
    return it != parts.end() && it->id == id ? &*it : nullptr;
}

const Part* Layout::find_home(std::string_view scheduler) const {
    for (const auto& part : parts) {
        if (part.home == scheduler) {
            return &part;
        }
    }
    return nullptr;
}

Layout place(const model::Config& config, const Topology& topology, const Shards& shards,
             const Layout* previous, const PlacementOptions& options) {
    Layout out;
    Previous prev(previous);
    std::vector<std::vector<std::uint32_t>> shards_of_realm(topology.realms.size());
    for (std::uint32_t s = 0; s < shards.shards.size(); ++s) {
        shards_of_realm[shards.shards[s].realm].push_back(s);
    }
    std::vector<std::pair<const Slot*, PartId>> made;
    std::vector<std::vector<Slot>> slots_of_realm(topology.realms.size());
    for (const auto* d : topology.of_kind(DaemonKind::scheduler)) {
        if (!d->spare) {
            slots_of_realm[d->realm].push_back(
                Slot{.scheduler = d, .weight = static_cast<double>(d->weight)});
        }
    }
    for (RealmId r = 0; r < topology.realms.size(); ++r) {
        auto& slots = slots_of_realm[r];
        std::sort(slots.begin(), slots.end(), [](const Slot& a, const Slot& b) {
            return a.scheduler->name < b.scheduler->name;
        });
        if (slots.empty()) {
            if (!shards_of_realm[r].empty()) {
                const auto& first =
                    config.hosts[shards.shards[shards_of_realm[r].front()].hosts[0]];
                out.errors.push_back(
                    {topology.realms[r].where, "realm '" + topology.realms[r].name +
                                                   "' has hosts (first: '" +
                                                   std::string(config.pool.str(first.host_name)) +
                                                   "') but no scheduler that is not a spare"});
            }
            continue;
        }
        RealmPlacer(config, shards, prev, shards_of_realm[r], slots).run(options);
    }
    // Part ids: kept per scheduler; new schedulers get new ids, in realm and name order.
    PartId next_id = prev.next_id;
    for (RealmId r = 0; r < topology.realms.size(); ++r) {
        for (const auto& slot : slots_of_realm[r]) {
            auto it = prev.id_of_home.find(slot.scheduler->name);
            PartId id = it != prev.id_of_home.end() ? it->second : next_id++;
            out.parts.push_back(make_part(config, topology, shards, slot, id));
        }
    }
    std::sort(out.parts.begin(), out.parts.end(),
              [](const Part& a, const Part& b) { return a.id < b.id; });
    count_moves(prev, out);
    return out;
}

}  // namespace yagura::dispatch
