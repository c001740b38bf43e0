#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <yagura/dispatch/problem.hpp>
#include <yagura/dispatch/shards.hpp>
#include <yagura/dispatch/topology.hpp>

namespace yagura::dispatch {

// The poller and reactionner tags the objects of each realm need, so that a tag no satellite
// serves is a configuration error instead of checks that silently never run (Shinken #169,
// #800). Tags match exactly ("DMZ" is not "DMZ-2", Shinken #1354); "None" is untagged work.
struct TagUse {
    struct Use {
        std::uint64_t count = 0;
        std::string example;  // "host 'web1'", "service 'web1/HTTP'"
        std::string where;    // its file:line
    };
    using ByTag = std::map<std::string, Use>;
    std::vector<ByTag> poller;       // by RealmId
    std::vector<ByTag> reactionner;  // by RealmId
};

// A check's tag is its object's poller_tag, or when that is unset or None its command's; the
// same for event handlers and notifications with reactionner_tag (notification commands are
// the contacts' and their notification ways'). Internal checks (_internal_*, bp_rule) need no
// poller.
TagUse collect_tags(const model::Config& config, const Topology& topology, const Shards& shards);

// Every tag used in a realm must be served by a non-spare poller (reactionner) of that realm or
// of a realm above it that manages sub-realms.
void check_tags(const Topology& topology, const TagUse& tags, Problems& errors);

}  // namespace yagura::dispatch
