#pragma once

#include <filesystem>
#include <string>

namespace yagura::bench {

// The monitored objects both Nagios 4 and yagura load: `hosts` hosts h1.. each with
// `services_per_host` services s1.., every service running `plugin` every `check_interval`
// seconds (the configurations set interval_length=1). Hosts are not checked actively, so
// that only service checks count.
struct ObjectSet {
    int hosts = 100;
    int services_per_host = 100;
    std::string plugin;
    int check_interval = 1;

    int services() const { return hosts * services_per_host; }
};

// Writes them in `define` syntax (timeperiod 24x7, command "tiny", a contact that is never
// notified, the hosts, the services) to `file`.
void write_objects(const std::filesystem::path& file, const ObjectSet& set);

}  // namespace yagura::bench
