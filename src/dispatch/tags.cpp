#include <set>

#include <yagura/dispatch/tags.hpp>
#include <yagura/model/config.hpp>

namespace yagura::dispatch {

namespace {

using model::Config;
using model::Index;
using model::kNoIndex;
using model::Symbol;

constexpr std::string_view kUntagged = "None";

bool tagged(std::string_view tag) {
    return !tag.empty() && tag != kUntagged;
}

class TagCollector {
public:
    TagCollector(const Config& config, const Topology& topo, const Shards& shards, TagUse& out)
        : config_(config), pool_(config.pool), shards_(shards), out_(out) {
        out_.poller.resize(topo.realms.size());
        out_.reactionner.resize(topo.realms.size());
        contact_tags_.resize(config.contacts.size());
        contact_done_.assign(config.contacts.size(), false);
    }

    void run() {
        for (Index h = 0; h < config_.hosts.size(); ++h) {
            RealmId realm = shards_.host_realm[h];
            if (realm != kNoRealm) {
                visit(config_.hosts[h], realm, "host");
            }
        }
        for (const auto& svc : config_.services) {
            if (!svc.registered) {
                continue;
            }
            Index h = svc.service_links.host != kNoIndex ? svc.service_links.host
                                                         : config_.hosts.find(svc.host_name);
            if (h != kNoIndex && h < shards_.host_realm.size() &&
                shards_.host_realm[h] != kNoRealm) {
                visit(svc, shards_.host_realm[h], "service");
            }
        }
    }

private:
    // The command of a call as written ("check_http!80") or resolved.
    const model::Command* command(const model::CommandCall& call, Symbol written) const {
        Index c = call.command;
        if (c == kNoIndex && !written.empty()) {
            auto text = pool_.str(written);
            c = config_.commands.find(text.substr(0, text.find('!')), pool_);
        }
        return c == kNoIndex || c >= config_.commands.size() ? nullptr : &config_.commands[c];
    }
    const model::Command* command(std::string_view written) const {
        Index c = config_.commands.find(written.substr(0, written.find('!')), pool_);
        return c == kNoIndex ? nullptr : &config_.commands[c];
    }

    template <class Checkable>
    void visit(const Checkable& obj, RealmId realm, std::string_view type) {
        auto own_poller = pool_.str(obj.poller_tag);
        auto check = pool_.str(obj.check_command);
        if (obj.active_checks_enabled && !check.empty() && !check.starts_with("_internal") &&
            !check.starts_with("bp_rule")) {
            const auto* cmd = command(obj.links.check_command, obj.check_command);
            std::string_view tag = own_poller;
            if (!tagged(tag) && cmd != nullptr) {
                tag = pool_.str(cmd->poller_tag);
            }
            use(out_.poller[realm], tagged(tag) ? tag : kUntagged, obj, type);
        }
        auto own = pool_.str(obj.reactionner_tag);
        if (tagged(own)) {
            if (obj.event_handler_enabled || obj.notifications_enabled) {
                use(out_.reactionner[realm], own, obj, type);
            }
            return;
        }
        if (obj.event_handler_enabled && !obj.event_handler.empty()) {
            const auto* cmd = command(obj.links.event_handler, obj.event_handler);
            auto tag = cmd != nullptr ? pool_.str(cmd->reactionner_tag) : std::string_view{};
            use(out_.reactionner[realm], tagged(tag) ? tag : kUntagged, obj, type);
        }
        if (obj.notifications_enabled) {
            for (const auto& tag : notification_tags(obj)) {
                use(out_.reactionner[realm], tag, obj, type);
            }
        }
    }

    template <class Checkable>
    std::set<std::string> notification_tags(const Checkable& obj) {
        std::set<std::string> tags;
        auto add_contact = [&](Index c) {
            if (c != kNoIndex && c < config_.contacts.size()) {
                const auto& more = tags_of_contact(c);
                tags.insert(more.begin(), more.end());
            }
        };
        auto linked = pool_.list(obj.links.contacts.list);
        if (!linked.empty()) {
            for (Index c : linked) {
                add_contact(c);
            }
        } else {
            for (auto name : pool_.symbols(obj.contacts.list)) {
                add_contact(config_.contacts.find(name));
            }
        }
        return tags;
    }

    void add_commands(model::SymbolList commands, std::set<std::string>& tags) const {
        for (auto written : pool_.symbols(commands.list)) {
            const auto* cmd = command(pool_.str(written));
            auto tag = cmd != nullptr ? pool_.str(cmd->reactionner_tag) : std::string_view{};
            tags.emplace(tagged(tag) ? tag : kUntagged);
        }
    }

    const std::set<std::string>& tags_of_contact(Index c) {
        if (contact_done_[c]) {
            return contact_tags_[c];
        }
        contact_done_[c] = true;
        const auto& contact = config_.contacts[c];
        auto& tags = contact_tags_[c];
        add_commands(contact.host_notification_commands, tags);
        add_commands(contact.service_notification_commands, tags);
        for (auto name : pool_.symbols(contact.notificationways.list)) {
            Index w = config_.notificationways.find(name);
            if (w != kNoIndex) {
                add_commands(config_.notificationways[w].host_notification_commands, tags);
                add_commands(config_.notificationways[w].service_notification_commands, tags);
            }
        }
        return tags;
    }

    template <class Checkable>
    void use(TagUse::ByTag& uses, std::string_view tag, const Checkable& obj,
             std::string_view type) {
        auto& u = uses[std::string(tag)];
        if (u.count++ == 0) {
            u.example = std::string(type) + " '" + model::object_name(obj, pool_) + "'";
            u.where = location(obj.imported_from, pool_);
        }
    }

    const Config& config_;
    const model::StringPool& pool_;
    const Shards& shards_;
    TagUse& out_;
    std::vector<std::set<std::string>> contact_tags_;
    std::vector<bool> contact_done_;
};

void check_kind(const Topology& topo, DaemonKind kind, std::string_view tag_attribute,
                const std::vector<TagUse::ByTag>& uses, Problems& errors) {
    auto satellites = topo.of_kind(kind);
    for (RealmId realm = 0; realm < uses.size(); ++realm) {
        for (const auto& [tag, use] : uses[realm]) {
            bool served = false;
            bool spare_only = false;
            std::string serving;
            for (const auto* d : satellites) {
                if (!topo.serves(*d, realm)) {
                    continue;
                }
                std::string tags;
                for (const auto& t : d->tags) {
                    tags += (tags.empty() ? "" : ",") + t;
                }
                serving += (serving.empty() ? "" : ", ") + d->name + " [" + tags + "]" +
                           (d->spare ? " (spare)" : "");
                if (d->serves_tag(tag)) {
                    served = served || !d->spare;
                    spare_only = spare_only || d->spare;
                }
            }
            if (served) {
                continue;
            }
            std::string what =
                tag == kUntagged
                    ? std::string("untagged work (" + std::string(tag_attribute) + " None)")
                    : std::string(tag_attribute) + " '" + tag + "'";
            std::string message = "realm '" + topo.realms[realm].name + "': " + what + " of " +
                                  std::to_string(use.count) + " objects (first: " + use.example +
                                  ") is served by no " + std::string(kind_name(kind)) +
                                  " of the realm or of a realm above it managing sub-realms";
            message += spare_only ? ", only by spares" : "";
            message += serving.empty()
                           ? "; there is none"
                           : "; " + std::string(kind_name(kind)) + "s there: " + serving;
            errors.push_back({use.where, std::move(message)});
        }
    }
}

}  // namespace

TagUse collect_tags(const model::Config& config, const Topology& topology, const Shards& shards) {
    TagUse out;
    TagCollector(config, topology, shards, out).run();
    return out;
}

void check_tags(const Topology& topology, const TagUse& tags, Problems& errors) {
    check_kind(topology, DaemonKind::poller, "poller_tag", tags.poller, errors);
    check_kind(topology, DaemonKind::reactionner, "reactionner_tag", tags.reactionner, errors);
}

}  // namespace yagura::dispatch
