#include "arbiter/arbiter_link.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <unistd.h>

#include <yagura/core/error.hpp>
#include <yagura/core/strings.hpp>

namespace yagura::arbiter {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(core::ErrorKind kind, const std::string& where, const std::string& what) {
    throw core::Error(kind, where + ": " + what);
}

std::string strip_comment(const std::string& line) {
    auto trimmed = core::trim(line);
    if (!trimmed.empty() && trimmed.front() == '#') {
        return {};
    }
    for (std::size_t i = 0; i < trimmed.size(); ++i) {
        if (trimmed[i] == ';' && (i == 0 || trimmed[i - 1] != '\\')) {
            return std::string(core::trim(trimmed.substr(0, i)));
        }
    }
    return std::string(trimmed);
}

ArbiterLink to_link(const std::map<std::string, std::string>& fields, const std::string& where) {
    ArbiterLink link;
    link.defined_at = where;
    if (auto it = fields.find("arbiter_name"); it != fields.end()) {
        link.name = it->second;
    }
    if (auto it = fields.find("host_name"); it != fields.end()) {
        link.host_name = it->second;
    }
    if (auto it = fields.find("address"); it != fields.end()) {
        link.address = it->second;
    }
    if (auto it = fields.find("port"); it != fields.end()) {
        auto port = core::parse_int(it->second);
        if (!port || *port <= 0 || *port > 65535) {
            fail(core::ErrorKind::invalid_input, where,
                 "port: expected 1-65535, got '" + it->second + "'");
        }
        link.port = static_cast<std::uint16_t>(*port);
    }
    if (auto it = fields.find("spare"); it != fields.end()) {
        link.spare = core::parse_bool(it->second).value_or(false);
    }
    return link;
}

// Collects the arbiter blocks of one object file.
void read_objects(const fs::path& file, std::vector<ArbiterLink>& links) {
    std::ifstream in(file);
    if (!in) {
        fail(core::ErrorKind::not_found, file.string(), "cannot read");
    }
    bool in_block = false;
    bool is_arbiter = false;
    bool awaiting_brace = false;
    std::string block_start;
    std::map<std::string, std::string> fields;
    int number = 0;
    for (std::string raw; std::getline(in, raw);) {
        ++number;
        auto line = strip_comment(raw);
        if (line.empty()) {
            continue;
        }
        if (!in_block && core::starts_with(line, "define")) {
            auto rest = std::string(core::trim(std::string_view(line).substr(6)));
            awaiting_brace = rest.find('{') == std::string::npos;
            auto type = std::string(core::trim(rest.substr(0, rest.find('{'))));
            is_arbiter = type == "arbiter";
            in_block = true;
            block_start = file.string() + ":" + std::to_string(number);
            fields.clear();
            continue;
        }
        if (in_block && awaiting_brace && line == "{") {
            awaiting_brace = false;
            continue;
        }
        if (in_block && line.front() == '}') {
            if (is_arbiter && fields["register"] != "0") {
                links.push_back(to_link(fields, block_start));
            }
            in_block = false;
            continue;
        }
        if (in_block && is_arbiter) {
            auto space = line.find_first_of(" \t");
            auto key = line.substr(0, space);
            fields[key] = space == std::string::npos
                              ? ""
                              : std::string(core::trim(std::string_view(line).substr(space)));
        }
    }
    if (in_block) {
        fail(core::ErrorKind::invalid_input, block_start, "define block is never closed");
    }
}

void read_dir(const fs::path& dir, const std::string& where, std::vector<ArbiterLink>& links) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        fail(core::ErrorKind::not_found, where, "cfg_dir " + dir.string() + " is not a directory");
    }
    std::vector<fs::path> files;
    for (const auto& entry :
         fs::recursive_directory_iterator(dir, fs::directory_options::follow_directory_symlink)) {
        if (entry.is_regular_file() && entry.path().extension() == ".cfg") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        read_objects(file, links);
    }
}

}  // namespace

std::vector<ArbiterLink> read_arbiter_links(const std::string& main_cfg) {
    std::ifstream in(main_cfg);
    if (!in) {
        fail(core::ErrorKind::not_found, main_cfg, "cannot read the main configuration file");
    }
    auto base = fs::absolute(main_cfg).parent_path();
    std::vector<ArbiterLink> links;
    read_objects(main_cfg, links);  // a main file may hold define blocks too
    int number = 0;
    for (std::string raw; std::getline(in, raw);) {
        ++number;
        auto line = strip_comment(raw);
        auto eq = line.find('=');
        if (eq == std::string::npos) {
            continue;
        }
        auto key = std::string(core::trim(std::string_view(line).substr(0, eq)));
        auto value = fs::path(std::string(core::trim(std::string_view(line).substr(eq + 1))));
        auto path = value.is_absolute() ? value : base / value;
        auto where = main_cfg + ":" + std::to_string(number);
        if (key == "cfg_file") {
            read_objects(path, links);
        } else if (key == "cfg_dir") {
            read_dir(path, where, links);
        }
    }
    return links;
}

ArbiterLink find_own_arbiter_link(const std::string& main_cfg, const std::string& wanted_name,
                                  const std::string& this_host_name) {
    auto links = read_arbiter_links(main_cfg);
    if (!wanted_name.empty()) {
        for (const auto& link : links) {
            if (link.name == wanted_name) {
                return link;
            }
        }
        throw core::Error(core::ErrorKind::not_found,
                          "no define arbiter with arbiter_name " + wanted_name + " in " + main_cfg);
    }
    // "node1" and "node1.example.org" name the same machine, whichever side is qualified.
    auto short_name = [](const std::string& name) { return name.substr(0, name.find('.')); };
    for (const auto& link : links) {
        if (!link.host_name.empty() && (link.host_name == this_host_name ||
                                        short_name(link.host_name) == short_name(this_host_name))) {
            return link;
        }
    }
    if (links.size() == 1) {
        return links.front();
    }
    if (links.empty()) {
        return ArbiterLink{};
    }
    throw core::Error(core::ErrorKind::invalid_input,
                      std::to_string(links.size()) +
                          " arbiters are defined and none has host_name " + this_host_name +
                          "; start with -n <arbiter_name>");
}

std::string local_host_name() {
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0) {
        return "localhost";
    }
    return name;
}

}  // namespace yagura::arbiter
