#pragma once

// The linker: every reference written as a name becomes an index in the model's `links`
// members (host -> services, parents, contacts with groups expanded, commands with their
// arguments, timeperiods, escalations, dependencies both ways, groups, realms). Used by
// both loading paths (files and JSON shards), so it only reads names, never expands lists:
// the file path has exploded those already. Unknown names are errors naming the object and
// the closest existing name.

#include <unordered_map>
#include <vector>

#include <yagura/model/config.hpp>

#include "membership.hpp"
#include "report.hpp"

namespace yagura::config::detail {

void link(model::Config& config, Report& report);

// An object to blame in a message, without building its description unless needed.
struct ObjectRef {
    model::SourceLocation where;
    const void* object = nullptr;
    std::string (*describe_object)(const void*, const model::StringPool&) = nullptr;

    std::string describe(const model::StringPool& pool) const {
        return describe_object(object, pool);
    }
};

template <class T>
ObjectRef ref(const T& obj) {
    return {obj.imported_from, &obj, [](const void* p, const model::StringPool& pool) {
                return detail::describe(*static_cast<const T*>(p), pool);
            }};
}

// Shared by the link_*.cpp files.
class Linker {
public:
    Linker(model::Config& config, Report& report)
        : config_(config), pool_(config.pool), report_(report) {}

    void run();

private:
    // link.cpp
    void link_commands_and_periods();
    void link_contacts();
    template <class T>
    void link_notification(model::NotificationLinks& links, const T& obj);
    void check_global_commands();
    void error(const ObjectRef& who, std::string message);
    model::Index period(model::Symbol name, const ObjectRef& who, std::string_view field,
                        bool quiet = false);
    model::CommandCall command(model::Symbol text, const ObjectRef& who, std::string_view field);
    model::IndexList index_list(std::vector<model::Index>& indices);

    // link_groups.cpp
    void link_groups();
    void link_realms();
    model::Index realm(model::Symbol name, const ObjectRef& who);
    void link_daemons();

    // link_checkables.cpp
    // `host`: the service's host, whose errors are not repeated for the values the service
    // took from it.
    template <class T>
    void link_checkable(T& obj, model::CheckableLinks& links, const model::Host* host);
    // False when a name is unknown (the caller reports which).
    bool link_contact_lists(const model::Checkable& obj, model::CheckableLinks& links);
    void link_hosts();
    void link_parents();
    void link_services();
    void link_escalations();
    void link_dependencies();

    model::Config& config_;
    model::StringPool& pool_;
    Report& report_;
    model::Index default_realm_ = model::kNoIndex;
    Members contact_groups_;  // contactgroup -> contacts
    Members host_groups_;
    std::unordered_map<std::uint32_t, model::CommandCall> commands_;
    std::unordered_map<std::uint64_t, std::pair<model::IndexList, model::IndexList>> contacts_;
    std::unordered_map<std::uint32_t, model::IndexList> escalation_lists_;
};

}  // namespace yagura::config::detail
