#include "scheduler_site.hpp"

#include <fstream>
#include <thread>

namespace yagura::harness {

MonitoringObjects::MonitoringObjects(Site& site)
    : site_(site), notification_file_(site.dir() / "notifications.log") {}

void MonitoringObjects::service(const std::string& name, const std::string& code,
                                const std::map<std::string, std::string>& attributes) {
    services_ += "define service {\n    host_name web1\n    service_description " + name +
                 "\n    check_command check_dummy!" + code + "!" + name +
                 "\n    contacts admin\n    notification_interval 0\n";
    for (const auto& [key, value] : attributes) {
        services_ += "    " + key + " " + value + "\n";
    }
    services_ += "}\n";
}

namespace {

std::string link(const std::string& type, const std::string& name, std::uint16_t port, bool use_ssl,
                 const std::string& extra = "") {
    return "define " + type + " {\n    " + type + "_name " + name +
           "\n    address 127.0.0.1\n    port " + std::to_string(port) + "\n    use_ssl " +
           (use_ssl ? "1" : "0") + "\n" + extra + "}\n";
}

std::string link(const std::string& type, const Daemon& d, bool use_ssl,
                 const std::string& extra = "") {
    return link(type, d.name(), d.port(), use_ssl, extra);
}

}  // namespace

void MonitoringObjects::write(Daemon& arbiter, const std::vector<Daemon*>& schedulers,
                              const std::vector<Daemon*>& spares, Daemon& poller,
                              Daemon& reactionner) {
    bool tls = site_.use_ssl();
    // No broker or receiver runs: their links point at free ports, so that the arbiter's
    // defaults (7772, 7773) never reach a daemon of somebody else on this machine.
    std::string text = link("arbiter", arbiter, tls) + link("poller", poller, tls) +
                       link("reactionner", reactionner, tls) +
                       link("broker", "broker-none", free_port(), tls) +
                       link("receiver", "receiver-none", free_port(), tls);
    for (auto* s : schedulers) {
        text += link("scheduler", *s, tls);
    }
    for (auto* s : spares) {
        text += link("scheduler", *s, tls, "    spare 1\n");
    }
    text +=
        "define command {\n    command_name check_dummy\n"
        "    command_line /usr/lib/nagios/plugins/check_dummy $ARG1$ $ARG2$\n}\n"
        "define command {\n    command_name notify-file\n"
        "    command_line /usr/bin/printf \"%b\" \"$NOTIFICATIONTYPE$ $HOSTNAME$/$SERVICEDESC$ "
        "$NOTIFICATIONNUMBER$ $CONTACTNAME$\\n\" >> " +
        notification_file_ +
        "\n}\n"
        "define contact {\n    contact_name admin\n"
        "    service_notification_options w,u,c,r,f,s\n    host_notification_options d,u,r,f,s\n"
        "    service_notification_commands notify-file\n"
        "    host_notification_commands notify-file\n}\n"
        "define host {\n    host_name web1\n    address 127.0.0.1\n"
        "    check_command check_dummy!0!host\n    max_check_attempts 1\n"
        "    check_interval 600\n    retry_interval 600\n    contacts admin\n"
        "    notification_interval 0\n}\n" +
        services_;
    site_.dir().write(arbiter.name() + "/objects/arbiter.cfg", text);
}

std::vector<std::string> MonitoringObjects::notifications(const std::string& service) const {
    std::vector<std::string> out;
    std::ifstream in(notification_file_);
    std::string line;
    std::string needle = " web1/" + service + " ";
    while (std::getline(in, line)) {
        if (line.find(needle) != std::string::npos) {
            out.push_back(line);
        }
    }
    return out;
}

nlohmann::json service(Daemon& scheduler, const std::string& name) {
    return scheduler.get_json("/get_service?host=web1&service=" + name);
}

nlohmann::json stats(Daemon& scheduler) {
    return scheduler.get_json("/stats")["scheduler"];
}

void add_retention(Daemon& scheduler, const std::map<std::string, std::string>& settings) {
    std::ofstream out(scheduler.config_file(), std::ios::app);
    out << "\n[retention]\n";
    for (const auto& [key, value] : settings) {
        out << key << " = " << value << "\n";
    }
}

}  // namespace yagura::harness
