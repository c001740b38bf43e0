#include "arbiter/standin_loader.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include <yagura/core/strings.hpp>

namespace yagura::arbiter {

namespace {

namespace fs = std::filesystem;

struct Block {
    std::string type;
    std::string where;
    std::uint32_t line = 0;
    std::string file;
    std::vector<std::pair<std::string, std::string>> attributes;
};

std::string strip(const std::string& raw) {
    auto line = std::string(core::trim(raw));
    if (!line.empty() && line.front() == '#') {
        return {};
    }
    auto semicolon = line.find(';');
    return std::string(core::trim(line.substr(0, semicolon)));
}

void read_file(const fs::path& file, std::vector<Block>& blocks, Loaded& out) {
    std::ifstream in(file);
    if (!in) {
        out.errors.push_back(file.string() + ": cannot read");
        return;
    }
    std::optional<Block> block;
    std::uint32_t number = 0;
    for (std::string raw; std::getline(in, raw);) {
        ++number;
        auto line = strip(raw);
        if (line.empty() || line == "{") {
            continue;
        }
        if (!block && line.starts_with("define")) {
            auto type = std::string(core::trim(line.substr(6, line.find('{') - 6)));
            block = Block{
                type, file.string() + ":" + std::to_string(number), number, file.string(), {}};
            continue;
        }
        if (block && line.front() == '}') {
            blocks.push_back(std::move(*block));
            block.reset();
            continue;
        }
        if (block) {
            auto space = line.find_first_of(" \t");
            auto key = line.substr(0, space);
            auto value = space == std::string::npos ? std::string()
                                                    : std::string(core::trim(line.substr(space)));
            block->attributes.emplace_back(key, value);
        }
    }
}

template <class T>
bool build(const Block& block, model::Config& config, Loaded& out) {
    if (block.type != model::type_info<T>().name) {
        return false;
    }
    T obj = config.make<T>();
    obj.imported_from = {config.pool.intern(block.file), block.line};
    for (const auto& [key, value] : block.attributes) {
        auto r = model::set_attribute(obj, key, value, config.pool);
        if (!r.ok() && r.status != model::SetResult::Status::ignored) {
            out.errors.push_back(block.where + ": " + block.type + ": " + key + ": " + r.message);
        }
    }
    if (!obj.registered) {
        return true;
    }
    if (!config.table<T>().insert(std::move(obj)).inserted) {
        out.errors.push_back(block.where + ": duplicate " + block.type);
    }
    return true;
}

}  // namespace

Loaded standin_load(const std::string& main_cfg) {
    Loaded out;
    std::ifstream in(main_cfg);
    if (!in) {
        out.errors.push_back(main_cfg + ": cannot read the main configuration file");
        return out;
    }
    auto base = fs::absolute(main_cfg).parent_path();
    std::vector<Block> blocks;
    read_file(main_cfg, blocks, out);
    for (std::string raw; std::getline(in, raw);) {
        auto line = strip(raw);
        auto eq = line.find('=');
        if (eq == std::string::npos) {
            continue;
        }
        auto key = std::string(core::trim(line.substr(0, eq)));
        fs::path value = std::string(core::trim(line.substr(eq + 1)));
        auto path = value.is_absolute() ? value : base / value;
        if (key == "cfg_file") {
            read_file(path, blocks, out);
        } else if (key == "cfg_dir") {
            std::vector<fs::path> files;
            std::error_code ec;
            for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; ++it) {
                if (it->is_regular_file() && it->path().extension() == ".cfg") {
                    files.push_back(it->path());
                }
            }
            std::sort(files.begin(), files.end());
            for (const auto& f : files) {
                read_file(f, blocks, out);
            }
        }
    }
    model::Config config;
    for (const auto& block : blocks) {
        bool known = false;
        model::for_each_object_type([&](auto type) {
            using T = typename decltype(type)::type;
            known = known || build<T>(block, config, out);
        });
        if (!known) {
            out.errors.push_back(block.where + ": unknown object type '" + block.type + "'");
        }
    }
    if (out.errors.empty()) {
        out.config.emplace(std::move(config));
    }
    return out;
}

}  // namespace yagura::arbiter
