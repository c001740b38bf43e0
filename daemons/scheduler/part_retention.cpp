#include "scheduler/part_retention.hpp"

#include <nlohmann/json.hpp>

#include <yagura/daemon/ini.hpp>
#include <yagura/model/config.hpp>
#include <yagura/model/json.hpp>
#include <yagura/retention/keys.hpp>

namespace yagura::scheduler {

namespace {

bool is_retention_type(std::string_view type) {
    return type == "retention-redis" || type == "redis_retention" || type == "retention-file";
}

// The module's attributes as `define module` wrote them: module_name, module_type and its
// free parameters, all as text.
retention::ModuleParameters parameters_of(const model::Config& shard, const model::Module& m) {
    retention::ModuleParameters out;
    nlohmann::json view = model::to_json(m, shard.pool, model::JsonView::config);
    for (const auto& [key, value] : view.items()) {
        if (value.is_string()) {
            out.emplace_back(key, value.get<std::string>());
        } else if (value.is_number() || value.is_boolean()) {
            out.emplace_back(key, value.dump());
        } else if (value.is_object() && key == "parameters") {
            for (const auto& [name, v] : value.items()) {
                out.emplace_back(name, v.is_string() ? v.get<std::string>() : v.dump());
            }
        }
    }
    return out;
}

std::optional<retention::ModuleParameters> module_of_link(const model::Config& shard,
                                                          std::string_view instance_name) {
    model::Index link = shard.schedulers.find(instance_name, shard.pool);
    if (link == model::kNoIndex) {
        return std::nullopt;
    }
    for (model::Symbol name : shard.pool.symbols(shard.schedulers[link].modules.list)) {
        model::Index m = shard.modules.find(name);
        if (m != model::kNoIndex &&
            is_retention_type(shard.pool.str(shard.modules[m].module_type))) {
            return parameters_of(shard, shard.modules[m]);
        }
    }
    return std::nullopt;
}

}  // namespace

std::optional<retention::ModuleSettings> retention_module_for(
    const model::Config& shard, std::string_view instance_name,
    const std::optional<retention::ModuleParameters>& fallback) {
    auto parameters = module_of_link(shard, instance_name);
    if (!parameters) {
        parameters = fallback;
    }
    if (!parameters) {
        return std::nullopt;
    }
    return retention::parse_module_settings(*parameters);
}

std::optional<retention::ModuleParameters> retention_section(const std::string& ini_path) {
    daemon::IniFile ini = daemon::load_ini(ini_path);
    const auto* section = ini.section("retention");
    if (section == nullptr) {
        return std::nullopt;
    }
    retention::ModuleParameters out;
    for (const auto& [key, value] : *section) {
        out.emplace_back(key, value.value);
    }
    return out;
}

std::string global_record_key(std::int64_t part_id) {
    return retention::global_key("part-" + std::to_string(part_id));
}

std::string record_key(const engine::RetentionRecord& record, std::int64_t part_id) {
    switch (record.kind) {
        case engine::RetentionRecord::Kind::host:
            return retention::host_key(record.host_name);
        case engine::RetentionRecord::Kind::service:
            return retention::service_key(record.host_name, record.service_description);
        case engine::RetentionRecord::Kind::global:
            break;
    }
    return global_record_key(part_id);
}

std::vector<std::string> retention_keys(const model::Config& shard, std::int64_t part_id) {
    std::vector<std::string> keys;
    keys.reserve(shard.hosts.size() + shard.services.size() + 1);
    for (const model::Host& h : shard.hosts) {
        keys.push_back(retention::host_key(shard.pool.str(h.host_name)));
    }
    for (const model::Service& s : shard.services) {
        keys.push_back(retention::service_key(shard.pool.str(s.host_name),
                                              shard.pool.str(s.service_description)));
    }
    keys.push_back(global_record_key(part_id));
    return keys;
}

std::vector<engine::RetentionRecord> records_from(const std::vector<std::string>& keys,
                                                  const retention::LoadResult& loaded) {
    std::vector<engine::RetentionRecord> out;
    out.reserve(loaded.found);
    for (std::size_t i = 0; i < keys.size() && i < loaded.values.size(); ++i) {
        if (!loaded.values[i]) {
            continue;
        }
        auto parsed = retention::parse_key(keys[i]);
        if (!parsed) {
            continue;
        }
        engine::RetentionRecord record;
        switch (parsed->kind) {
            case retention::KeyKind::host:
                record.kind = engine::RetentionRecord::Kind::host;
                record.host_name = parsed->name;
                break;
            case retention::KeyKind::service:
                record.kind = engine::RetentionRecord::Kind::service;
                record.host_name = parsed->name;
                record.service_description = parsed->service_description;
                break;
            case retention::KeyKind::global:
                record.kind = engine::RetentionRecord::Kind::global;
                break;
        }
        record.value = *loaded.values[i];
        out.push_back(std::move(record));
    }
    return out;
}

}  // namespace yagura::scheduler
