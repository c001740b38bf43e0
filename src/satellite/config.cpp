#include <algorithm>
#include <limits>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/satellite/config.hpp>

namespace yagura::satellite {

using nlohmann::json;

namespace {

[[noreturn]] void fail(const std::string& where, const std::string& message) {
    throw core::Error(core::ErrorKind::invalid_input, where + ": " + message);
}

// A JSON number or a numeric string (the arbiter may pass link values as the text of the
// configuration), within [low, high].
double number(const json& value, const std::string& where, double low, double high) {
    double out = 0;
    if (value.is_number()) {
        out = value.get<double>();
    } else if (value.is_string()) {
        auto parsed = core::parse_double(value.get_ref<const std::string&>());
        if (!parsed) {
            fail(where, fmt::format("expects a number, got \"{}\"", value.get<std::string>()));
        }
        out = *parsed;
    } else {
        fail(where, "expects a number, got " + value.dump());
    }
    if (!(out >= low && out <= high)) {
        fail(where, fmt::format("{} is out of range [{}, {}]", value.dump(), low, high));
    }
    return out;
}

int integer(const json& value, const std::string& where, int low, int high) {
    double out = number(value, where, low, high);
    if (out != static_cast<double>(static_cast<int>(out))) {
        fail(where, "expects a whole number, got " + value.dump());
    }
    return static_cast<int>(out);
}

bool boolean(const json& value, const std::string& where) {
    if (value.is_boolean()) {
        return value.get<bool>();
    }
    if (value.is_number_integer()) {
        auto n = value.get<long long>();
        if (n == 0 || n == 1) {
            return n == 1;
        }
    }
    if (value.is_string()) {
        if (auto parsed = core::parse_bool(value.get_ref<const std::string&>())) {
            return *parsed;
        }
    }
    fail(where, "expects true/false or 0/1, got " + value.dump());
}

std::string text(const json& value, const std::string& where) {
    if (!value.is_string()) {
        fail(where, "expects a string, got " + value.dump());
    }
    return value.get<std::string>();
}

// ["None", "DMZ"] or "None,DMZ". An empty list means untagged only, as Shinken's default.
std::vector<std::string> tag_list(const json& value, const std::string& where) {
    std::vector<std::string> tags;
    if (value.is_string()) {
        tags = core::split(value.get_ref<const std::string&>(), ',');
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            auto tag = std::string(core::trim(text(value[i], fmt::format("{}[{}]", where, i))));
            if (!tag.empty()) {
                tags.push_back(std::move(tag));
            }
        }
    } else {
        fail(where, "expects a list of tags, got " + value.dump());
    }
    if (tags.empty()) {
        tags.push_back("None");
    }
    for (const auto& tag : tags) {
        if (tag.find_first_of(",&=?#") != std::string::npos) {
            fail(where, "tag \"" + tag + "\" contains one of , & = ? #");
        }
    }
    return tags;
}

template <class Read>
void optional_field(const json& object, const char* key, const std::string& where, Read read) {
    if (auto it = object.find(key); it != object.end() && !it->is_null()) {
        read(*it, where + "." + key);
    }
}

SchedulerEntry parse_scheduler(const json& item, const std::string& where) {
    if (!item.is_object()) {
        fail(where, "expects an object, got " + item.dump());
    }
    SchedulerEntry entry;
    optional_field(item, "part_id", where, [&](const json& v, const std::string& w) {
        entry.part_id = integer(v, w, 0, std::numeric_limits<int>::max());
    });
    optional_field(item, "flavor", where,
                   [&](const json& v, const std::string& w) { entry.flavor = text(v, w); });
    optional_field(item, "name", where,
                   [&](const json& v, const std::string& w) { entry.name = text(v, w); });
    optional_field(item, "address", where,
                   [&](const json& v, const std::string& w) { entry.address = text(v, w); });
    optional_field(item, "port", where, [&](const json& v, const std::string& w) {
        entry.port = static_cast<std::uint16_t>(integer(v, w, 1, 65535));
    });
    optional_field(item, "use_ssl", where,
                   [&](const json& v, const std::string& w) { entry.use_ssl = boolean(v, w); });
    optional_field(item, "timeout", where, [&](const json& v, const std::string& w) {
        entry.timeout = number(v, w, 0.1, 3600);
    });
    optional_field(item, "data_timeout", where, [&](const json& v, const std::string& w) {
        entry.data_timeout = number(v, w, 0.1, 86400);
    });
    if (entry.address.empty()) {
        fail(where + ".address", "is required");
    }
    if (entry.name.empty()) {
        entry.name = entry.address + ":" + std::to_string(entry.port);
    }
    return entry;
}

WorkerSettings parse_link(const json& link, Role role) {
    const std::string where = "link";
    if (!link.is_object()) {
        fail(where, "expects an object, got " + link.dump());
    }
    WorkerSettings out;
    auto name_key = std::string(to_string(role)) + "_name";
    for (const char* key : {name_key.c_str(), "name"}) {
        if (out.name.empty()) {
            optional_field(link, key, where,
                           [&](const json& v, const std::string& w) { out.name = text(v, w); });
        }
    }
    optional_field(link, std::string(tags_key(role)).c_str(), where,
                   [&](const json& v, const std::string& w) { out.tags = tag_list(v, w); });
    constexpr int kMany = 1'000'000;
    auto read_int = [&](const char* key, int& target, int low, int high) {
        optional_field(link, key, where, [&](const json& v, const std::string& w) {
            target = integer(v, w, low, high);
        });
    };
    read_int("min_workers", out.min_workers, 0, kMany);
    read_int("max_workers", out.max_workers, 0, kMany);
    read_int("processes_by_worker", out.processes_by_worker, 1, kMany);
    read_int("max_q_size", out.max_q_size, 0, kMany);
    read_int("q_factor", out.q_factor, 0, kMany);
    read_int("results_batch", out.results_batch, 0, kMany);
    read_int("timeout_exit_status", out.timeout_exit_status, 0, 3);
    int output_length = static_cast<int>(out.max_plugins_output_length);
    read_int("max_plugins_output_length", output_length, 64, 64 * 1024 * 1024);
    out.max_plugins_output_length = static_cast<std::size_t>(output_length);
    return out;
}

}  // namespace

std::string_view to_string(Role role) {
    return role == Role::poller ? "poller" : "reactionner";
}

std::string_view tags_key(Role role) {
    return role == Role::poller ? "poller_tags" : "reactionner_tags";
}

std::string SchedulerEntry::peer_key() const {
    return fmt::format("{}@{}:{}{}", name, address, port, use_ssl ? "/tls" : "");
}

SatelliteConfig parse_satellite_config(const json& body, Role role) {
    if (!body.is_object()) {
        fail("configuration", "expects an object, got " + body.dump());
    }
    SatelliteConfig config;
    if (auto it = body.find("schedulers"); it != body.end() && !it->is_null()) {
        if (!it->is_array()) {
            fail("schedulers", "expects an array, got " + it->dump());
        }
        for (std::size_t i = 0; i < it->size(); ++i) {
            auto entry = parse_scheduler((*it)[i], fmt::format("schedulers[{}]", i));
            for (const auto& other : config.schedulers) {
                if (other.peer_key() == entry.peer_key()) {
                    fail(fmt::format("schedulers[{}]", i),
                         "scheduler " + entry.name + " is listed twice");
                }
            }
            config.schedulers.push_back(std::move(entry));
        }
    }
    if (auto it = body.find("link"); it != body.end() && !it->is_null()) {
        config.link = parse_link(*it, role);
    }
    return config;
}

json to_json(const SatelliteConfig& config, Role role) {
    json schedulers = json::array();
    for (const auto& s : config.schedulers) {
        schedulers.push_back({{"part_id", s.part_id},
                              {"flavor", s.flavor},
                              {"name", s.name},
                              {"address", s.address},
                              {"port", s.port},
                              {"use_ssl", s.use_ssl},
                              {"timeout", s.timeout},
                              {"data_timeout", s.data_timeout}});
    }
    const auto& l = config.link;
    json link = {{std::string(to_string(role)) + "_name", l.name},
                 {std::string(tags_key(role)), l.tags},
                 {"min_workers", l.min_workers},
                 {"max_workers", l.max_workers},
                 {"processes_by_worker", l.processes_by_worker},
                 {"max_q_size", l.max_q_size},
                 {"q_factor", l.q_factor},
                 {"results_batch", l.results_batch},
                 {"timeout_exit_status", l.timeout_exit_status},
                 {"max_plugins_output_length", l.max_plugins_output_length}};
    return {{"schedulers", std::move(schedulers)}, {"link", std::move(link)}};
}

Capacity capacity_of(const WorkerSettings& link, unsigned cpus) {
    Capacity capacity;
    auto min_workers = static_cast<std::size_t>(link.min_workers);
    if (link.max_workers > 0) {
        capacity.workers = std::max(static_cast<std::size_t>(link.max_workers), min_workers);
    } else {
        capacity.workers = min_workers > 0 ? min_workers : std::max(1U, cpus);
    }
    capacity.running = capacity.workers * static_cast<std::size_t>(link.processes_by_worker);
    if (link.max_q_size > 0) {
        capacity.queued = static_cast<std::size_t>(link.max_q_size);
    } else if (link.q_factor > 0) {
        capacity.queued = static_cast<std::size_t>(link.q_factor) * capacity.running;
    }
    return capacity;
}

}  // namespace yagura::satellite
