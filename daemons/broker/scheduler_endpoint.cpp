#include "broker/scheduler_endpoint.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>

namespace yagura::broker {

namespace {

[[noreturn]] void invalid(const nlohmann::json& entry, const std::string& what) {
    throw core::Error(core::ErrorKind::invalid_input,
                      fmt::format("scheduler {}: {}", entry.dump(), what));
}

template <class T>
T field(const nlohmann::json& entry, const char* key, T fallback) {
    auto it = entry.find(key);
    if (it == entry.end() || it->is_null()) {
        return fallback;
    }
    try {
        return it->get<T>();
    } catch (const nlohmann::json::exception&) {
        invalid(entry, fmt::format("'{}' has the wrong type", key));
    }
}

}  // namespace

std::string SchedulerEndpoint::connection_key() const {
    return fmt::format("{}@{}:{}/{}", name, address, port, use_ssl ? "https" : "http");
}

std::string SchedulerEndpoint::describe() const {
    return fmt::format("{} ({}:{})", name.empty() ? "scheduler" : name, address, port);
}

std::vector<SchedulerEndpoint> scheduler_endpoints_from_json(const nlohmann::json& schedulers) {
    if (!schedulers.is_array()) {
        throw core::Error(core::ErrorKind::invalid_input,
                          "schedulers must be a JSON array, got " + schedulers.dump());
    }
    std::vector<SchedulerEndpoint> out;
    for (const auto& entry : schedulers) {
        if (!entry.is_object()) {
            invalid(entry, "not an object");
        }
        SchedulerEndpoint s;
        s.part_id = field<int>(entry, "part_id", 0);
        s.flavor = field<std::string>(entry, "flavor", "");
        s.name = field<std::string>(entry, "name", "");
        s.address = field<std::string>(entry, "address", "");
        auto port = field<std::int64_t>(entry, "port", 7768);
        s.use_ssl = field<bool>(entry, "use_ssl", true);
        s.timeout = field<double>(entry, "timeout", 3);
        s.data_timeout = field<double>(entry, "data_timeout", 120);
        if (s.address.empty()) {
            invalid(entry, "no address");
        }
        if (port < 1 || port > 65535) {
            invalid(entry, "port out of range");
        }
        if (s.timeout <= 0 || s.data_timeout <= 0) {
            invalid(entry, "timeouts must be positive");
        }
        s.port = static_cast<std::uint16_t>(port);
        out.push_back(std::move(s));
    }
    return out;
}

nlohmann::json to_json(const SchedulerEndpoint& s) {
    return {{"part_id", s.part_id}, {"flavor", s.flavor},
            {"name", s.name},       {"address", s.address},
            {"port", s.port},       {"use_ssl", s.use_ssl},
            {"timeout", s.timeout}, {"data_timeout", s.data_timeout}};
}

}  // namespace yagura::broker
