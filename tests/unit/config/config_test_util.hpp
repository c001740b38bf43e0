#pragma once

// Helpers for the config tests: configurations written for each test, in memory or in a
// temporary directory, and short ways to look at what loaded.

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <yagura/config/loader.hpp>
#include <yagura/core/ids.hpp>
#include <yagura/model/config.hpp>

namespace yagura::config::testing {

// A fresh directory under /tmp, removed with everything in it at the end of the test.
struct TempDir {
    TempDir()
        : path(std::filesystem::temp_directory_path() /
               ("yagura-config-" + core::random_hex_id(6))) {
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    std::string write(const std::string& name, const std::string& text) const {
        auto file = path / name;
        std::filesystem::create_directories(file.parent_path());
        std::ofstream(file) << text;
        return file.string();
    }
    std::string operator/(const std::string& name) const { return (path / name).string(); }
    std::filesystem::path path;
};

// What every small test configuration needs to validate: a command, a timeperiod and a
// contact that can be notified.
inline const std::string kBase = R"(
define command {
    command_name    check_ping
    command_line    /bin/true $HOSTADDRESS$ $ARG1$
}
define command {
    command_name    notify
    command_line    /bin/true
}
define timeperiod {
    timeperiod_name 24x7
    monday          00:00-24:00
}
define contact {
    contact_name                  admin
    host_notification_commands    notify
    service_notification_commands notify
}
)";

// Loads `text` (plus kBase) as the main file "test.cfg".
inline LoadResult load_objects(const std::string& text, bool with_base = true) {
    return load_text((with_base ? kBase : std::string()) + text, "test.cfg");
}

// Every diagnostic as printed, one per line.
inline std::string all_errors(const LoadResult& r) {
    std::string out;
    for (const auto& d : r.errors) {
        out += d.to_string() + "\n";
    }
    return out;
}
inline std::string all_warnings(const LoadResult& r) {
    std::string out;
    for (const auto& d : r.warnings) {
        out += d.to_string() + "\n";
    }
    return out;
}

// The line of kBase's end, for expectations on line numbers of text that follows it.
inline std::uint32_t base_lines() {
    return static_cast<std::uint32_t>(std::count(kBase.begin(), kBase.end(), '\n'));
}

// "test.cfg:N: " for the line of `needle` in text, loaded after kBase; with `define_of`, the
// line of the define block that holds it (where an object's errors point).
inline std::string at(const std::string& text, std::string_view needle, bool define_of = true) {
    const std::string whole = kBase + text;
    std::size_t pos = text.find(needle);
    pos = pos == std::string::npos ? pos : pos + kBase.size();
    if (pos == std::string::npos) {
        ADD_FAILURE() << "no '" << needle << "' in the test configuration";
        return {};
    }
    if (define_of) {
        pos = whole.rfind("define", pos);
    }
    auto line =
        1 + std::count(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(pos), '\n');
    return "test.cfg:" + std::to_string(line) + ": ";
}

inline const model::Host& host(const model::Config& c, std::string_view name) {
    model::Index i = c.hosts.find(name, c.pool);
    if (i == model::kNoIndex) {
        ADD_FAILURE() << "no host " << name;
        static model::Host none;
        return none;
    }
    return c.hosts[i];
}

inline bool has_service(const model::Config& c, std::string_view h, std::string_view d) {
    auto hs = c.pool.find(h);
    auto ds = c.pool.find(d);
    return hs && ds && c.services.find(*hs, *ds) != model::kNoIndex;
}

inline const model::Service& service(const model::Config& c, std::string_view h,
                                     std::string_view d) {
    auto hs = c.pool.find(h);
    auto ds = c.pool.find(d);
    model::Index i = hs && ds ? c.services.find(*hs, *ds) : model::kNoIndex;
    if (i == model::kNoIndex) {
        ADD_FAILURE() << "no service " << h << "/" << d;
        static model::Service none;
        return none;
    }
    return c.services[i];
}

// The names of a symbol list, in order.
inline std::vector<std::string> names(const model::Config& c, model::SymbolList list) {
    std::vector<std::string> out;
    for (model::Symbol s : c.pool.symbols(list.list)) {
        out.emplace_back(c.pool.str(s));
    }
    return out;
}

// The key names of the objects at some indices of a table, sorted.
template <class T>
std::vector<std::string> names_at(const model::Config& c, const model::Table<T>& table,
                                  model::IndexList list) {
    std::vector<std::string> out;
    for (std::uint32_t i : c.pool.list(list.list)) {
        out.push_back(model::object_name(table[i], c.pool));
    }
    std::sort(out.begin(), out.end());
    return out;
}

inline std::string custom(const model::Config& c, const model::ObjectHeader& obj,
                          std::string_view name) {
    auto v = model::custom_var(obj, name, c.pool);
    return v ? std::string(*v) : std::string("<unset>");
}

}  // namespace yagura::config::testing
