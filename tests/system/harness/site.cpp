#include "harness/site.hpp"

#include <stdexcept>

#include <yagura/net/pki.hpp>

#include "yagura_test_paths.hpp"

namespace yagura::harness {

std::string executable(const std::string& name) {
    for (const auto& [known, path] : kExecutables) {
        if (name == known) {
            return std::string(path);
        }
    }
    throw std::invalid_argument("no yagura executable named '" + name + "'");
}

Daemon::Daemon(Site& site, std::string role, std::string name,
               std::map<std::string, std::string> settings)
    : site_(site),
      role_(std::move(role)),
      name_(name.empty() ? role_ : std::move(name)),
      settings_(std::move(settings)),
      port_(free_port()) {
    write_config();
}

void Daemon::write_config() {
    auto [cert, key] = site_.issue(name_);
    std::map<std::string, std::string> values = {{"workdir", "."},
                                                 {"use_ssl", site_.use_ssl() ? "1" : "0"},
                                                 {"ca_cert", site_.ca_cert()},
                                                 {"server_cert", cert},
                                                 {"server_key", key},
                                                 {"local_log", name_ + ".log"},
                                                 {"log_level", "debug"}};
    if (role_ != "arbiter") {
        values["host"] = "127.0.0.1";
        values["port"] = std::to_string(port_);
        values["pidfile"] = role_ + "d.pid";
    } else {
        values["lock_file"] = "arbiterd.pid";
    }
    for (const auto& [key_name, value] : settings_) {
        values[key_name] = value;
    }
    std::string text;
    for (const auto& [key_name, value] : values) {
        text += key_name + "=" + value + "\n";
    }
    if (role_ == "arbiter") {
        site_.dir().write(name_ + "/objects/arbiter.cfg", "define arbiter {\n    arbiter_name " +
                                                              name_ +
                                                              "\n    address 127.0.0.1\n    port " +
                                                              std::to_string(port_) + "\n}\n");
        config_file_ = site_.dir().write(name_ + "/yagura.cfg", "cfg_dir=objects\n" + text);
    } else {
        config_file_ = site_.dir().write(name_ + "/" + role_ + ".ini", "[daemon]\n" + text);
    }
}

std::vector<std::string> Daemon::arguments() const {
    std::vector<std::string> args = {"-c", config_file_};
    args.insert(args.end(), extra_arguments_.begin(), extra_arguments_.end());
    return args;
}

void Daemon::add_arguments(const std::vector<std::string>& extra) {
    extra_arguments_.insert(extra_arguments_.end(), extra.begin(), extra.end());
}

void Daemon::start() {
    process_ = std::make_unique<Process>(executable(role_), arguments(), site_.dir() / name_,
                                         site_.dir() / (name_ + ".out"));
    auto deadline = std::chrono::steady_clock::now() + kStartBound;
    while (std::chrono::steady_clock::now() < deadline) {
        if (!process_->running()) {
            throw std::runtime_error(name_ + " exited at start (" +
                                     process_->exit_status()->describe() + "): " + output());
        }
        if (site_.client().wait_until_answers(endpoint(), "/ping",
                                              std::chrono::milliseconds(200))) {
            return;
        }
    }
    throw std::runtime_error(name_ + " did not answer /ping in time: " + output() + log());
}

std::unique_ptr<Process> Daemon::start_again() {
    return std::make_unique<Process>(executable(role_), arguments(), site_.dir() / name_,
                                     site_.dir() / (name_ + ".second.out"));
}

std::optional<ExitStatus> Daemon::stop(std::chrono::milliseconds bound) {
    return process_ ? process_->terminate(bound) : std::nullopt;
}

ExitStatus Daemon::kill9() {
    return process_ ? process_->kill9() : ExitStatus{};
}

std::string Daemon::pidfile() const {
    return site_.dir() / (name_ + "/" + (role_ == "arbiter" ? "arbiterd.pid" : role_ + "d.pid"));
}

std::string Daemon::log() const {
    return read_file(site_.dir() / (name_ + "/" + name_ + ".log"));
}
std::string Daemon::output() const {
    return read_file(site_.dir() / (name_ + ".out"));
}

nlohmann::json Daemon::get_json(const std::string& target) {
    return site_.client().get_json(endpoint(), target);
}
nlohmann::json Daemon::post_json(const std::string& target, const nlohmann::json& body) {
    return site_.client().post_json(endpoint(), target, body);
}
net::ClientResponse Daemon::get(const std::string& target) {
    return site_.client().get(endpoint(), target);
}

Site::Site(bool use_ssl) : use_ssl_(use_ssl) {
    net::pki::write_pair(net::pki::create_ca("yagura test CA"), dir_ / "certs/ca.pem",
                         dir_ / "certs/ca.key");
    client_ = std::make_unique<TestClient>(client_tls());
}

Site::~Site() {
    // Stop every daemon before the directory goes: SIGTERM, then -9 for a stuck one.
    for (auto& daemon : daemons_) {
        if (daemon->started() && !daemon->stop()) {
            daemon->kill9();
        }
    }
}

Daemon& Site::add(const std::string& role, std::string name,
                  std::map<std::string, std::string> settings) {
    daemons_.push_back(std::make_unique<Daemon>(*this, role, std::move(name), std::move(settings)));
    return *daemons_.back();
}

std::pair<std::string, std::string> Site::issue(const std::string& name) {
    auto ca = net::pki::read_pair(dir_ / "certs/ca.pem", dir_ / "certs/ca.key");
    auto pair = net::pki::issue_certificate(ca, {name, {"localhost"}, {"127.0.0.1"}});
    auto cert = dir_ / ("certs/" + name + ".pem");
    auto key = dir_ / ("certs/" + name + ".key");
    net::pki::write_pair(pair, cert, key);
    return {cert, key};
}

net::TlsSettings Site::client_tls() const {
    return {.use_ssl = use_ssl_, .ca_cert = ca_cert()};
}

}  // namespace yagura::harness
