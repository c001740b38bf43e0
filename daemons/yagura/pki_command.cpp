#include <filesystem>
#include <iostream>

#include <yagura/core/error.hpp>
#include <yagura/net/pki.hpp>

#include "yagura/commands.hpp"

namespace yagura::cli {

namespace fs = std::filesystem;

namespace {

struct PkiOptions {
    std::string dir = "/etc/yagura/certs";
    std::string common_name = "yagura CA";
    std::string name;
    std::vector<std::string> dns;
    std::vector<std::string> ips;
    int days = 0;
    bool force = false;
};

void init_ca(const PkiOptions& options) {
    auto cert = fs::path(options.dir) / "ca.pem";
    auto key = fs::path(options.dir) / "ca.key";
    if (fs::exists(key) && !options.force) {
        throw core::Error(core::ErrorKind::conflict,
                          key.string() +
                              " exists; every certificate it signed depends on it "
                              "(--force to replace it anyway)");
    }
    net::pki::write_pair(
        net::pki::create_ca(options.common_name, options.days ? options.days : 3650), cert, key);
    std::cout << "CA written: " << cert.string() << " (certificate), " << key.string()
              << " (key, keep it private)\n";
}

void issue(const PkiOptions& options) {
    auto dir = fs::path(options.dir);
    auto ca = net::pki::read_pair(dir / "ca.pem", dir / "ca.key");
    net::pki::CertificateRequest request{options.name, options.dns, options.ips,
                                         options.days ? options.days : 825};
    if (request.dns_names.empty() && request.ip_addresses.empty()) {
        request.dns_names = {options.name};
    }
    auto pair = net::pki::issue_certificate(ca, request);
    auto cert = dir / (options.name + ".pem");
    auto key = dir / (options.name + ".key");
    net::pki::write_pair(pair, cert, key);
    std::cout << "certificate for " << options.name << " written: " << cert.string() << ", "
              << key.string() << "\n  names:";
    for (const auto& name : net::pki::certificate_names(pair.certificate)) {
        std::cout << " " << name;
    }
    std::cout << "\n";
}

}  // namespace

void add_pki_commands(CLI::App& app) {
    auto options = std::make_shared<PkiOptions>();
    auto* pki = app.add_subcommand("pki", "a private CA and daemon certificates for TLS");
    pki->require_subcommand(1);

    auto* init = pki->add_subcommand("init", "create the CA (ca.pem, ca.key) in --dir");
    init->add_option("--dir", options->dir, "where the CA lives")->capture_default_str();
    init->add_option("--cn", options->common_name, "the CA's name")->capture_default_str();
    init->add_option("--days", options->days, "validity (default 3650)");
    init->add_flag("--force", options->force, "replace an existing CA");
    init->callback([options] { init_ca(*options); });

    auto* cert = pki->add_subcommand("issue", "issue <name>.pem/<name>.key signed by the CA");
    cert->add_option("--dir", options->dir, "where the CA lives")->capture_default_str();
    cert->add_option("--name", options->name, "the daemon's name (certificate CN)")->required();
    cert->add_option("--dns", options->dns, "a DNS name the daemon is reached by (repeatable)");
    cert->add_option("--ip", options->ips, "an IP address the daemon is reached by (repeatable)");
    cert->add_option("--days", options->days, "validity (default 825)");
    cert->callback([options] { issue(*options); });
}

}  // namespace yagura::cli
