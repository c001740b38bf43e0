#include "objects.hpp"

#include <fstream>
#include <stdexcept>

namespace yagura::bench {

void write_objects(const std::filesystem::path& file, const ObjectSet& set) {
    std::ofstream out(file);
    if (!out) {
        throw std::runtime_error("cannot write " + file.string());
    }
    out << "define timeperiod {\n    timeperiod_name 24x7\n    alias always\n";
    for (const char* day :
         {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}) {
        out << "    " << day << " 00:00-24:00\n";
    }
    out << "}\n\n"
        << "define command {\n    command_name tiny\n    command_line " << set.plugin << "\n}\n\n"
        << "define contact {\n    contact_name nobody\n"
        << "    host_notifications_enabled 0\n    service_notifications_enabled 0\n"
        << "    host_notification_period 24x7\n    service_notification_period 24x7\n"
        << "    host_notification_options n\n    service_notification_options n\n"
        << "    host_notification_commands tiny\n    service_notification_commands tiny\n}\n\n";
    for (int h = 1; h <= set.hosts; ++h) {
        out << "define host {\n    host_name h" << h << "\n    address 127.0.0.1\n"
            << "    check_command tiny\n    active_checks_enabled 0\n"
            << "    max_check_attempts 1\n    check_period 24x7\n    contacts nobody\n}\n";
        for (int s = 1; s <= set.services_per_host; ++s) {
            out << "define service {\n    host_name h" << h << "\n    service_description s" << s
                << "\n    check_command tiny\n    max_check_attempts 1\n"
                << "    check_interval " << set.check_interval << "\n    retry_interval "
                << set.check_interval << "\n    check_period 24x7\n    contacts nobody\n}\n";
        }
    }
}

}  // namespace yagura::bench
