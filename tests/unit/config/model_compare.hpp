#pragma once

// Field-by-field and link-by-link comparison of two whole configurations, each read with its
// own pool: what "the JSON form round-trips to an identical model" means in the tests.

#include <string>

#include <gtest/gtest.h>

#include <yagura/model/config.hpp>

namespace yagura::config::testing {

class ModelCompare {
public:
    ModelCompare(const model::Config& a, const model::Config& b) : a_(a), b_(b) {}

    void run() {
        // The main file's settings travel only when they concern the monitoring (kConfig);
        // the arbiter's own (cfg_dir, lock_file, ...) stay with the arbiter.
        for (const auto* f : model::fields_with<model::Globals>(model::kConfig)) {
            EXPECT_TRUE(f->ops->equal(a_.globals, a_.pool, b_.globals, b_.pool))
                << "globals: " << f->name;
        }
        ASSERT_EQ(a_.resources.size(), b_.resources.size());
        for (const auto& r : a_.resources) {
            EXPECT_EQ(b_.resource(a_.pool.str(r.name)), a_.pool.str(r.value));
        }
        model::for_each_object_type([&](auto type) {
            using T = typename decltype(type)::type;
            tables(a_.table<T>(), b_.table<T>());
        });
    }

private:
    template <class T>
    void tables(const model::Table<T>& ta, const model::Table<T>& tb) {
        const auto type = model::type_info<T>().name;
        ASSERT_EQ(ta.size(), tb.size()) << type;
        for (std::size_t i = 0; i < ta.size(); ++i) {
            std::string difference;
            EXPECT_TRUE(model::equal_objects(ta[i], a_.pool, tb[i], b_.pool, &difference))
                << type << " " << model::object_name(ta[i], a_.pool) << ": " << difference;
            links(ta[i], tb[i]);
        }
    }

    void same(model::IndexList x, model::IndexList y, const char* what) {
        auto lx = a_.pool.list(x.list);
        auto ly = b_.pool.list(y.list);
        EXPECT_TRUE(std::equal(lx.begin(), lx.end(), ly.begin(), ly.end())) << what;
    }
    void same(const model::CommandCall& x, const model::CommandCall& y, const char* what) {
        EXPECT_EQ(x.command, y.command) << what;
        auto ax = a_.pool.symbols(x.args.list);
        auto ay = b_.pool.symbols(y.args.list);
        ASSERT_EQ(ax.size(), ay.size()) << what;
        for (std::size_t i = 0; i < ax.size(); ++i) {
            EXPECT_EQ(a_.pool.str(ax[i]), b_.pool.str(ay[i])) << what;
        }
    }
    void same(const model::NotificationLinks& x, const model::NotificationLinks& y) {
        EXPECT_EQ(x.host_notification_period, y.host_notification_period);
        EXPECT_EQ(x.service_notification_period, y.service_notification_period);
        ASSERT_EQ(x.host_notification_commands.size(), y.host_notification_commands.size());
        for (std::size_t i = 0; i < x.host_notification_commands.size(); ++i) {
            same(x.host_notification_commands[i], y.host_notification_commands[i], "host cmd");
        }
        ASSERT_EQ(x.service_notification_commands.size(), y.service_notification_commands.size());
        for (std::size_t i = 0; i < x.service_notification_commands.size(); ++i) {
            same(x.service_notification_commands[i], y.service_notification_commands[i],
                 "service cmd");
        }
    }
    void same(const model::CheckableLinks& x, const model::CheckableLinks& y) {
        same(x.check_command, y.check_command, "check_command");
        same(x.event_handler, y.event_handler, "event_handler");
        EXPECT_EQ(x.check_period, y.check_period);
        EXPECT_EQ(x.notification_period, y.notification_period);
        EXPECT_EQ(x.maintenance_period, y.maintenance_period);
        same(x.contacts, y.contacts, "contacts");
        same(x.contact_groups, y.contact_groups, "contact_groups");
        same(x.escalations, y.escalations, "escalations");
        same(x.dependencies, y.dependencies, "dependencies");
        same(x.dependents, y.dependents, "dependents");
    }

    template <class T>
    void links(const T& x, const T& y) {
        if constexpr (std::is_same_v<T, model::Host>) {
            same(x.links, y.links);
            same(x.host_links.parents, y.host_links.parents, "parents");
            same(x.host_links.children, y.host_links.children, "children");
            same(x.host_links.services, y.host_links.services, "services");
            same(x.host_links.hostgroups, y.host_links.hostgroups, "hostgroups");
            EXPECT_EQ(x.host_links.realm, y.host_links.realm);
        } else if constexpr (std::is_same_v<T, model::Service>) {
            same(x.links, y.links);
            EXPECT_EQ(x.service_links.host, y.service_links.host);
            same(x.service_links.servicegroups, y.service_links.servicegroups, "servicegroups");
        } else if constexpr (std::is_same_v<T, model::HostGroup> ||
                             std::is_same_v<T, model::ServiceGroup> ||
                             std::is_same_v<T, model::ContactGroup>) {
            same(x.links.members, y.links.members, "members");
            same(x.links.subgroups, y.links.subgroups, "subgroups");
        } else if constexpr (std::is_same_v<T, model::Contact>) {
            same(x.links.contactgroups, y.links.contactgroups, "contactgroups");
            same(x.links.notificationways, y.links.notificationways, "notificationways");
            same(x.links.notification, y.links.notification);
        } else if constexpr (std::is_same_v<T, model::NotificationWay>) {
            same(x.links, y.links);
        } else if constexpr (std::is_base_of_v<model::EscalationRule, T>) {
            same(x.links.contacts, y.links.contacts, "escalation contacts");
            EXPECT_EQ(x.links.escalation_period, y.links.escalation_period);
        } else if constexpr (std::is_same_v<T, model::HostDependency> ||
                             std::is_same_v<T, model::ServiceDependency>) {
            EXPECT_EQ(x.links.dependent, y.links.dependent);
            EXPECT_EQ(x.links.master, y.links.master);
            EXPECT_EQ(x.links.dependency_period, y.links.dependency_period);
        } else if constexpr (std::is_same_v<T, model::Realm>) {
            same(x.links.subrealms, y.links.subrealms, "subrealms");
            EXPECT_EQ(x.links.parent, y.links.parent);
        } else if constexpr (std::is_base_of_v<model::DaemonLink, T>) {
            EXPECT_EQ(x.realm_index, y.realm_index);
            same(x.module_indices, y.module_indices, "modules");
        }
    }

    const model::Config& a_;
    const model::Config& b_;
};

// Loads the JSON form of `config` back and compares.
void expect_json_round_trip(const model::Config& config);

}  // namespace yagura::config::testing
