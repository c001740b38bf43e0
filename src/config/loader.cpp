#include <chrono>
#include <functional>

#include <nlohmann/json.hpp>

#include <yagura/config/loader.hpp>
#include <yagura/model/json.hpp>

#include "defaults.hpp"
#include "dependencies.hpp"
#include "finish.hpp"
#include "inheritance.hpp"
#include "link.hpp"
#include "register.hpp"
#include "report.hpp"
#include "service_rules.hpp"
#include "services.hpp"
#include "sources.hpp"
#include "validate.hpp"

namespace yagura::config {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point& start) {
    auto now = Clock::now();
    double s = std::chrono::duration<double>(now - start).count();
    start = now;
    return s;
}

LoadResult outcome(detail::Report& report, model::Config&& config, const LoadStats& stats) {
    LoadResult result;
    result.stats = stats;
    result.errors = report.take_errors();
    result.warnings = report.take_warnings();
    if (result.errors.empty()) {
        result.config.emplace(std::move(config));
    }
    return result;
}

// Templates, expansion and the rest of what only the file path does.
void resolve(detail::Stages& stages, model::Config& config, detail::Report& report,
             const LoadOptions& options) {
    using namespace detail;
    resolve_templates(stages, config.pool, report);
    TemplateUsers users = host_template_users(stages.of<model::Host>(), config.pool);
    register_objects(stages, config, report);
    apply_host_extinfo(stages.extinfos, config, report);
    expand_services(stages.of<model::Service>(), users, config, report);
    apply_service_extinfo(stages.extinfos, config, report);
    apply_service_overrides(config, report);
    add_service_dependencies(config, report);
    explode_host_dependencies(config, report);
    explode_service_dependencies(config, report);
    convert_escalations(config, report);
    if (options.add_defaults) {
        add_default_realm_and_daemons(config);
    }
    add_internal_commands(config);
    drop_loader_fields(config);
}

LoadResult load_with(const std::function<void(detail::SourceReader&)>& read,
                     const LoadOptions& options) {
    model::Config config;
    detail::Report report(config.pool);
    LoadStats stats;
    auto clock = Clock::now();
    {
        detail::Stages stages;
        {
            detail::SourceReader reader(config, stages, report, options, stats);
            read(reader);
        }
        stats.read_parse_seconds = seconds_since(clock);
        resolve(stages, config, report, options);
    }
    stats.resolve_seconds = seconds_since(clock);
    detail::link(config, report);
    stats.link_seconds = seconds_since(clock);
    detail::validate(config, report, true);
    stats.validate_seconds = seconds_since(clock);
    return outcome(report, std::move(config), stats);
}

}  // namespace

LoadResult load(const std::string& main_file, const LoadOptions& options) {
    return load_with([&](detail::SourceReader& reader) { reader.read_main(main_file); }, options);
}

LoadResult load_text(std::string_view text, std::string_view file_name,
                     const LoadOptions& options) {
    return load_with(
        [&](detail::SourceReader& reader) { reader.parse_text(text, std::string(file_name)); },
        options);
}

LoadResult load_from_json(const nlohmann::json& in) {
    auto clock = Clock::now();
    model::ConfigFromJson parsed = model::config_from_json(in, model::JsonView::config);
    LoadStats stats;
    stats.read_parse_seconds = seconds_since(clock);
    if (!parsed.config) {
        LoadResult result;
        result.stats = stats;
        for (std::string& e : parsed.errors) {
            result.errors.push_back({Severity::error, "", 0, "", std::move(e)});
        }
        return result;
    }
    model::Config config = std::move(*parsed.config);
    detail::Report report(config.pool);
    detail::add_internal_commands(config);
    detail::link(config, report);
    stats.link_seconds = seconds_since(clock);
    detail::validate(config, report, false);
    stats.validate_seconds = seconds_since(clock);
    return outcome(report, std::move(config), stats);
}

std::vector<ObjectCount> object_counts(const model::Config& config) {
    std::vector<ObjectCount> out;
    model::for_each_object_type([&](auto type) {
        using T = typename decltype(type)::type;
        out.push_back({model::type_info<T>().name, config.table<T>().size()});
    });
    return out;
}

}  // namespace yagura::config
