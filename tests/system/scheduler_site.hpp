#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/site.hpp"
#include "harness/wait.hpp"

// What the scheduler's system tests share: a small monitoring configuration written for the
// arbiter (one host, the services a test asks for, a contact whose notification command
// appends a line to a file), and ways to look at a scheduler.
namespace yagura::harness {

class MonitoringObjects {
public:
    explicit MonitoringObjects(Site& site);

    // A service of host web1 checked by check_dummy with `code`; its output names it.
    void service(const std::string& name, const std::string& code,
                 const std::map<std::string, std::string>& attributes);

    // Writes the arbiter's objects: the daemon links (schedulers, spare ones with `spare 1`),
    // the commands, the contact, the host and the services.
    void write(Daemon& arbiter, const std::vector<Daemon*>& schedulers,
               const std::vector<Daemon*>& spares, Daemon& poller, Daemon& reactionner);

    // The notification lines written for a service ("<TYPE> web1/<service> <number> <contact>").
    std::vector<std::string> notifications(const std::string& service) const;
    std::string notification_file() const { return notification_file_; }

private:
    Site& site_;
    std::string notification_file_;
    std::string services_;
};

nlohmann::json service(Daemon& scheduler, const std::string& name);
nlohmann::json stats(Daemon& scheduler);

// Appends a [retention] section to a scheduler's ini (its store when the part names none).
void add_retention(Daemon& scheduler, const std::map<std::string, std::string>& settings);

}  // namespace yagura::harness
