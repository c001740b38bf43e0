#include <fmt/format.h>

#include <yagura/core/error.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/daemon/ini.hpp>

#include "receiver/receiver.hpp"

namespace yagura::receiver {

namespace {

struct Reader {
    const daemon::IniFile& ini;
    const std::map<std::string, daemon::IniValue>* section;

    const daemon::IniValue* find(const std::string& key) const {
        if (!section) {
            return nullptr;
        }
        auto it = section->find(key);
        return it == section->end() ? nullptr : &it->second;
    }
    [[noreturn]] void bad(const daemon::IniValue& v, const std::string& key,
                          const std::string& expected) const {
        core::throw_error(core::ErrorKind::invalid_input,
                          fmt::format("{}:{}: {} = '{}': expected {}", ini.source, v.line, key,
                                      v.value, expected));
    }
    std::int64_t integer(const std::string& key, std::int64_t fallback, std::int64_t min,
                         std::int64_t max) const {
        const auto* v = find(key);
        if (!v) {
            return fallback;
        }
        auto n = core::parse_int(v->value);
        if (!n || *n < min || *n > max) {
            bad(*v, key, fmt::format("an integer in {}..{}", min, max));
        }
        return *n;
    }
    bool boolean(const std::string& key, bool fallback) const {
        const auto* v = find(key);
        if (!v) {
            return fallback;
        }
        auto b = core::parse_bool(v->value);
        if (!b) {
            bad(*v, key, "0 or 1");
        }
        return *b;
    }
    std::string text(const std::string& key, std::string fallback = {}) const {
        const auto* v = find(key);
        return v ? v->value : fallback;
    }
};

std::filesystem::path absolute(const std::string& path, const std::string& base) {
    if (path.empty()) {
        return {};
    }
    std::filesystem::path p(path);
    return p.is_absolute() ? p : std::filesystem::path(base) / p;
}

}  // namespace

ReceiverOptions ReceiverOptions::from_ini(const daemon::IniFile& ini,
                                          const daemon::DaemonSettings& settings) {
    const Reader r{ini, ini.section("receiver")};
    ReceiverOptions o;
    const std::string base = settings.workdir.empty() ? "." : settings.workdir;
    o.accept_unknown_check_results = r.boolean("accept_passive_unknown_check_results", false);
    o.command_file = absolute(r.text("command_file"), base);
    o.spool_dir = absolute(r.text("spool_dir", "commands"), base);
    o.limits.memory_bytes =
        static_cast<std::size_t>(r.integer("spool_memory_mb", 32, 1, 65536)) * 1024 * 1024;
    o.limits.disk_bytes =
        static_cast<std::uint64_t>(r.integer("spool_disk_mb", 1024, 1, 1 << 24)) * 1024 * 1024;
    if (const auto port = r.integer("nsca_port", 0, 0, 65535); port > 0) {
        NscaServerSettings nsca;
        nsca.port = static_cast<std::uint16_t>(port);
        nsca.host = r.text("nsca_host", "0.0.0.0");
        nsca.protocol.encryption_method =
            static_cast<int>(r.integer("nsca_encryption_method", 0, 0, 1));
        nsca.protocol.password = r.text("nsca_password");
        nsca.protocol.max_packet_age =
            static_cast<int>(r.integer("nsca_max_packet_age", 30, 0, 86400));
        o.nsca = nsca;
    }
    o.auth = daemon::CommandAuth::from_ini(ini);
    return o;
}

}  // namespace yagura::receiver
