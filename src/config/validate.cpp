#include "validate.hpp"

#include <unordered_set>

namespace yagura::config::detail {

using model::Symbol;
using FieldBits = std::bitset<model::kMaxFields>;

namespace {

template <class T>
const FieldBits& required_fields() {
    static const FieldBits bits = [] {
        FieldBits out;
        const auto& fields = model::type_info<T>().fields;
        for (std::size_t i = 0; i < fields.size(); ++i) {
            out.set(i, fields[i].has(model::kRequired));
        }
        return out;
    }();
    return bits;
}

template <class T>
void check_required(const model::Table<T>& table, const model::StringPool& pool, Report& report) {
    const FieldBits& required = required_fields<T>();
    for (const T& obj : table) {
        FieldBits missing = required & ~obj.explicitly_set;
        if (missing.none()) {
            continue;
        }
        for (std::string_view name : model::missing_required(obj)) {
            report.error(obj.imported_from, describe(obj, pool),
                         "the required attribute " + in_quotes(name) + " is not set");
        }
    }
}

class NameChecker {
public:
    NameChecker(const model::Config& config, Report& report)
        : pool_(config.pool),
          report_(report),
          illegal_(pool_.str(config.globals.illegal_object_name_chars)) {}

    template <class T>
    void check(const T& obj, Symbol name) {
        if (illegal_.empty() || name.empty() || !checked_.insert(name.id).second) {
            return;
        }
        std::string_view text = pool_.str(name);
        std::size_t bad = text.find_first_of(illegal_);
        if (bad != std::string_view::npos) {
            checked_.erase(name.id);  // report each object with it
            report_.error(obj.imported_from, describe(obj, pool_),
                          "the name contains " + in_quotes(text.substr(bad, 1)) +
                              ", a character illegal_object_name_chars refuses");
        }
    }

private:
    const model::StringPool& pool_;
    Report& report_;
    std::string_view illegal_;
    std::unordered_set<std::uint32_t> checked_;
};

template <class T>
void check_checkable_values(const T& obj, const model::StringPool& pool, Report& report) {
    auto fail = [&](std::string message) {
        report.error(obj.imported_from, describe(obj, pool), std::move(message));
    };
    if (obj.max_check_attempts < 1) {
        fail("max_check_attempts must be at least 1");
    }
    if (obj.check_interval < 0 || obj.retry_interval < 0) {
        fail("check_interval and retry_interval cannot be negative");
    }
    if (obj.notification_interval < 0 || obj.first_notification_delay < 0) {
        fail("notification_interval and first_notification_delay cannot be negative");
    }
    if (obj.freshness_threshold < 0) {
        fail("freshness_threshold cannot be negative");
    }
}

void check_contacts(const model::Config& config, Report& report) {
    const auto& pool = config.pool;
    for (const model::Contact& c : config.contacts) {
        bool host_commands = !c.host_notification_commands.list.empty();
        bool service_commands = !c.service_notification_commands.list.empty();
        for (model::Index w : pool.list(c.links.notificationways.list)) {
            const model::NotificationWay& way = config.notificationways[w];
            host_commands = host_commands || !way.host_notification_commands.list.empty();
            service_commands = service_commands || !way.service_notification_commands.list.empty();
        }
        if (c.host_notifications_enabled && !host_commands) {
            report.error(c.imported_from, describe(c, pool),
                         "has no host notification commands (set host_notification_commands, "
                         "or notificationways that have them, or "
                         "host_notifications_enabled 0)");
        }
        if (c.service_notifications_enabled && !service_commands) {
            report.error(c.imported_from, describe(c, pool),
                         "has no service notification commands (set "
                         "service_notification_commands, or notificationways that have them, or "
                         "service_notifications_enabled 0)");
        }
    }
}

template <class L>
void check_ports(const model::Table<L>& links, const model::StringPool& pool, Report& report) {
    for (const L& link : links) {
        if (link.port < 1 || link.port > 65535) {
            report.error(link.imported_from, describe(link, pool),
                         "port " + std::to_string(link.port) + " is not between 1 and 65535");
        }
    }
}

}  // namespace

void validate(const model::Config& config, Report& report, bool required) {
    const auto& pool = config.pool;
    if (required) {
        model::for_each_object_type([&](auto type) {
            using T = typename decltype(type)::type;
            check_required(config.table<T>(), pool, report);
        });
    }
    model::for_each_object_type([&](auto type) {
        using T = typename decltype(type)::type;
        if constexpr (std::is_base_of_v<model::DaemonLink, T>) {
            check_ports(config.table<T>(), pool, report);
        }
    });
    NameChecker names(config, report);
    for (const model::Host& h : config.hosts) {
        check_checkable_values(h, pool, report);
        names.check(h, h.host_name);
    }
    for (const model::Service& s : config.services) {
        check_checkable_values(s, pool, report);
        names.check(s, s.service_description);
    }
    for (const auto& c : config.contacts) {
        names.check(c, c.contact_name);
    }
    for (const auto& g : config.hostgroups) {
        names.check(g, g.hostgroup_name);
    }
    for (const auto& g : config.servicegroups) {
        names.check(g, g.servicegroup_name);
    }
    for (const auto& g : config.contactgroups) {
        names.check(g, g.contactgroup_name);
    }
    check_contacts(config, report);
}

}  // namespace yagura::config::detail
