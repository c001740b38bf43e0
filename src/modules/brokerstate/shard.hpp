#pragma once

// The objects of one scheduler part (instance), as its broks describe them. A shard being
// dumped is built aside and replaces the live one whole.

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <yagura/modules/livestatus/objects.hpp>

namespace yagura::modules::brokerstate {

namespace ls = livestatus;

struct GroupDecl {
    std::string name, alias, notes, notes_url, action_url;
    std::vector<std::string> members;  // host names, or "host\x1fservice" for service groups
};

struct Shard {
    int instance_id = 0;
    // Contiguous, so a query's scan over 100k services stays cache-friendly. Adding a record
    // may move them all: link() (and the broker state's views) must be rebuilt after adding,
    // which a dump does once at its end.
    std::vector<ls::Host> hosts;
    std::vector<ls::Service> services;
    std::unordered_map<std::string, std::size_t> host_index;  // positions in hosts / services
    std::unordered_map<std::string, std::size_t> service_index;
    std::map<std::string, GroupDecl> hostgroups, servicegroups;
    std::map<std::string, ls::Contact> contacts;
    std::map<std::string, ls::ContactGroup> contactgroups;
    std::map<std::string, ls::Command> commands;
    std::map<std::string, ls::TimePeriod> timeperiods;
    std::map<std::int64_t, ls::Comment> comments;
    std::map<std::int64_t, ls::Downtime> downtimes;
    std::optional<ls::ProgramStatus> program;

    static std::string service_key(std::string_view host, std::string_view description);

    ls::Host* host(std::string_view name);
    ls::Service* service(std::string_view host, std::string_view description);
    // Adds or replaces; link() must follow before the records are queried.
    ls::Host& put_host(ls::Host host);
    ls::Service& put_service(ls::Service service);
    // Links services to their hosts (a service without its host stays unlinked and hidden).
    void link();

    // Comments and downtimes: the shard's maps and the ids on each object, kept in step.
    void put_comment(ls::Comment comment);
    void remove_comment(std::int64_t id);
    void put_downtime(ls::Downtime downtime);
    void remove_downtime(std::int64_t id);
    ls::Checkable* owner(const std::string& host, const std::string& service);
};

}  // namespace yagura::modules::brokerstate
