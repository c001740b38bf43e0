#pragma once

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <yagura/dispatch/plan.hpp>
#include <yagura/model/config.hpp>

namespace yagura::dispatch::testing {

using Attributes = std::vector<std::pair<std::string, std::string>>;

// Builds small configurations for dispatch tests the way the config stage leaves them:
// objects with their attributes as written (references by name), registered, with a file:line.
class TestConfig {
public:
    model::Config config;

    template <class T>
    model::Index add(const Attributes& attributes) {
        T obj = config.make<T>();
        for (const auto& [key, value] : attributes) {
            auto r = model::set_attribute(obj, key, value, config.pool);
            EXPECT_TRUE(r.ok()) << key << " " << value << ": " << r.message;
        }
        obj.imported_from = {config.pool.intern("test.cfg"), ++line_};
        auto inserted = config.table<T>().insert(std::move(obj));
        EXPECT_TRUE(inserted.inserted) << "duplicate object in a test configuration";
        return inserted.index;
    }

    void realm(const std::string& name, const std::string& members = "", bool is_default = false) {
        Attributes a = {{"realm_name", name}};
        if (!members.empty()) {
            a.emplace_back("realm_members", members);
        }
        if (is_default) {
            a.emplace_back("default", "1");
        }
        add<model::Realm>(a);
    }

    void scheduler(const std::string& name, const std::string& realm = "", int weight = 1,
                   bool spare = false, const Attributes& more = {}) {
        Attributes a = {{"scheduler_name", name},
                        {"weight", std::to_string(weight)},
                        {"spare", spare ? "1" : "0"}};
        if (!realm.empty()) {
            a.emplace_back("realm", realm);
        }
        a.insert(a.end(), more.begin(), more.end());
        add<model::SchedulerLink>(a);
    }

    template <class Link>
    void satellite(const std::string& key, const std::string& name, const std::string& realm,
                   bool spare, const Attributes& more) {
        Attributes a = {{key, name}, {"spare", spare ? "1" : "0"}};
        if (!realm.empty()) {
            a.emplace_back("realm", realm);
        }
        a.insert(a.end(), more.begin(), more.end());
        add<Link>(a);
    }
    void poller(const std::string& name, const std::string& realm = "", bool spare = false,
                const Attributes& more = {}) {
        satellite<model::PollerLink>("poller_name", name, realm, spare, more);
    }
    void reactionner(const std::string& name, const std::string& realm = "", bool spare = false,
                     const Attributes& more = {}) {
        satellite<model::ReactionnerLink>("reactionner_name", name, realm, spare, more);
    }
    void broker(const std::string& name, const std::string& realm = "", bool spare = false,
                const Attributes& more = {}) {
        satellite<model::BrokerLink>("broker_name", name, realm, spare, more);
    }
    void receiver(const std::string& name, const std::string& realm = "", bool spare = false,
                  const Attributes& more = {}) {
        satellite<model::ReceiverLink>("receiver_name", name, realm, spare, more);
    }

    // A host with `services` services named svc0..svcN-1.
    void host(const std::string& name, int services = 0, const Attributes& more = {}) {
        Attributes a = {{"host_name", name}};
        a.insert(a.end(), more.begin(), more.end());
        add<model::Host>(a);
        for (int i = 0; i < services; ++i) {
            service(name, "svc" + std::to_string(i));
        }
    }
    void service(const std::string& host, const std::string& description,
                 const Attributes& more = {}) {
        Attributes a = {{"host_name", host}, {"service_description", description}};
        a.insert(a.end(), more.begin(), more.end());
        add<model::Service>(a);
    }
    void command(const std::string& name, const Attributes& more = {}) {
        Attributes a = {{"command_name", name}, {"command_line", "/bin/true"}};
        a.insert(a.end(), more.begin(), more.end());
        add<model::Command>(a);
    }

    // The daemons every test site needs in realm `realm` (untagged poller and reactionner,
    // a broker, a receiver), so that tag checks pass unless a test is about them.
    void satellites(const std::string& realm = "") {
        poller("poller-" + (realm.empty() ? std::string("All") : realm), realm);
        reactionner("reactionner-" + (realm.empty() ? std::string("All") : realm), realm);
        broker("broker-" + (realm.empty() ? std::string("All") : realm), realm);
        receiver("receiver-" + (realm.empty() ? std::string("All") : realm), realm);
    }

private:
    std::uint32_t line_ = 0;
};

// The part (id) holding a host, or -1.
inline PartId part_of(const Layout& layout, const std::string& host) {
    for (const auto& part : layout.parts) {
        for (const auto& h : part.hosts) {
            if (h == host) {
                return part.id;
            }
        }
    }
    return -1;
}

inline std::string home_of(const Layout& layout, const std::string& host) {
    auto id = part_of(layout, host);
    const auto* part = layout.find(id);
    return part == nullptr ? std::string{} : part->home;
}

inline std::string errors_text(const Problems& problems) {
    std::string out;
    for (const auto& p : problems) {
        out += p.text() + "\n";
    }
    return out;
}

}  // namespace yagura::dispatch::testing
