#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/exec/perfdata.hpp>
#include <yagura/modules/graphite/graphite_module.hpp>

namespace yagura::modules::graphite {

namespace {

using json = nlohmann::json;

// Keeps the dots of a data source ("shinken.prod" is two levels) and sanitises each level.
std::string data_source_path(std::string_view text) {
    std::vector<std::string> levels;
    for (const auto& level : core::split(text, '.')) {
        levels.push_back(sanitize(level));
    }
    return core::join(levels, ".");
}

std::string text_of(const json& value) {
    if (value.is_string()) {
        return value.get<std::string>();
    }
    return value.is_null() ? std::string() : value.dump();
}

// A custom variable of a status brok, spelled "_GRAPHITE_PRE" or "GRAPHITE_PRE" in any case.
std::optional<std::string> custom(const json& customs, std::string_view name) {
    if (!customs.is_object()) {
        return std::nullopt;
    }
    for (const auto& [key, value] : customs.items()) {
        std::string_view bare = key;
        if (!bare.empty() && bare.front() == '_') {
            bare.remove_prefix(1);
        }
        if (core::iequals(bare, name)) {
            return text_of(value);
        }
    }
    return std::nullopt;
}

std::string string_field(const json& data, const char* key) {
    auto it = data.find(key);
    return it == data.end() ? std::string() : text_of(*it);
}

double number_field(const json& data, const char* key, double fallback) {
    auto it = data.find(key);
    if (it == data.end() || !it->is_number()) {
        return fallback;
    }
    return it->get<double>();
}

std::string service_key(std::string_view host, std::string_view description) {
    std::string key(host);
    key += '\n';
    key += description;
    return key;
}

}  // namespace

GraphiteSettings graphite_settings(const ModuleConfig& config, std::vector<std::string>* unused) {
    ModuleParameters p(config);
    GraphiteSettings s;
    if (p.boolean("use_pickle", false)) {
        throw core::Error(core::ErrorKind::invalid_input,
                          "module '" + config.name +
                              "': use_pickle 1: only carbon's plaintext protocol is spoken "
                              "(port 2003); remove use_pickle");
    }
    s.carbon.name = config.name;
    s.carbon.host = p.text("host", "localhost");
    s.carbon.port = p.port("port", 2003);
    s.carbon.max_buffer_bytes = p.bytes("buffer_size", 64u << 20);
    s.carbon.connect_timeout = p.seconds("connect_timeout", std::chrono::seconds(5));
    s.carbon.reconnect_max = p.seconds("reconnect_max", std::chrono::seconds(10));
    s.carbon.reconnect_min = std::min(s.carbon.reconnect_min, s.carbon.reconnect_max);
    s.carbon.resend_window = p.seconds("resend_window", std::chrono::seconds(5));
    s.naming.data_source = data_source_path(p.text("graphite_data_source", ""));
    s.naming.host_check = sanitize(p.text("hostcheck", "__HOST__"));
    s.naming.send_warning = p.boolean("send_warning", true);
    s.naming.send_critical = p.boolean("send_critical", true);
    s.naming.send_min = p.boolean("send_min", false);
    s.naming.send_max = p.boolean("send_max", false);
    s.naming.ignore_latency_limit = p.number("ignore_latency_limit", 0, 0, 1e9);
    if (s.carbon.host.empty()) {
        throw core::Error(core::ErrorKind::invalid_input,
                          "module '" + config.name + "': host is empty");
    }
    if (unused) {
        *unused = p.unused();
    }
    return s;
}

GraphiteModule::GraphiteModule(const ModuleContext& context, std::string name,
                               GraphiteSettings settings)
    : name_(std::move(name)),
      settings_(std::move(settings)),
      clock_(context.clock),
      carbon_(context.io, settings_.carbon) {}

bool GraphiteModule::wants(std::string_view type) const {
    return type == "host_check_result" || type == "service_check_result" ||
           type == "initial_host_status" || type == "initial_service_status" ||
           type == "update_host_status" || type == "update_service_status" ||
           type == "clean_all_my_instance_id";
}

void GraphiteModule::start() {
    carbon_.start();
}

void GraphiteModule::handle(const Brok& brok) {
    auto type = brok.type();
    if (type == "service_check_result") {
        check_result(brok, false);
    } else if (type == "host_check_result") {
        check_result(brok, true);
    } else if (type == "initial_service_status" || type == "update_service_status") {
        remember(brok, false);
    } else if (type == "initial_host_status" || type == "update_host_status") {
        remember(brok, true);
    } else if (type == "clean_all_my_instance_id") {
        forget_instance(brok.instance_id());
    }
}

// Keeps what a status brok says about the path of the element's metrics: the host's
// _GRAPHITE_PRE and _GRAPHITE_GROUP, the service's _GRAPHITE_POST, process_perf_data. An
// update without customs leaves the customs as they were.
void GraphiteModule::remember(const Brok& brok, bool is_host) {
    const auto& data = brok.data();
    auto host = string_field(data, "host_name");
    if (host.empty()) {
        return;
    }
    auto key = is_host ? host : service_key(host, string_field(data, "service_description"));
    auto& elements = is_host ? hosts_ : services_;
    auto it = elements.find(key);
    Element element = it == elements.end() ? Element{} : it->second;
    element.instance_id = brok.instance_id();
    if (auto customs = data.find("customs"); customs != data.end()) {
        if (is_host) {
            element.parts.pre = custom(*customs, "GRAPHITE_PRE").value_or("");
            element.parts.group = custom(*customs, "GRAPHITE_GROUP").value_or("");
        } else {
            element.parts.post = custom(*customs, "GRAPHITE_POST").value_or("");
        }
    }
    if (auto flag = data.find("process_perf_data"); flag != data.end()) {
        element.process_perf_data = flag->is_boolean()
                                        ? flag->get<bool>()
                                        : !(flag->is_number() && flag->get<double>() == 0);
    }
    bool worth_keeping = !element.parts.pre.empty() || !element.parts.group.empty() ||
                         !element.parts.post.empty() || !element.process_perf_data;
    if (!worth_keeping) {
        if (it != elements.end()) {
            elements.erase(it);
        }
        return;
    }
    elements.insert_or_assign(std::move(key), std::move(element));
}

// A new dump of a part is coming: its elements will be described again.
void GraphiteModule::forget_instance(int instance_id) {
    for (auto* elements : {&hosts_, &services_}) {
        std::erase_if(*elements,
                      [&](const auto& entry) { return entry.second.instance_id == instance_id; });
    }
}

void GraphiteModule::check_result(const Brok& brok, bool is_host) {
    const auto& data = brok.data();
    ++stats_.check_results;
    auto perf_data = string_field(data, "perf_data");
    auto host = string_field(data, "host_name");
    if (perf_data.empty() || host.empty()) {
        return;
    }
    auto description = is_host ? std::string() : string_field(data, "service_description");
    PathParts parts;
    if (auto h = hosts_.find(host); h != hosts_.end()) {
        if (is_host && !h->second.process_perf_data) {
            ++stats_.skipped;
            return;
        }
        parts.pre = h->second.parts.pre;
        parts.group = h->second.parts.group;
    }
    if (!is_host) {
        if (auto s = services_.find(service_key(host, description)); s != services_.end()) {
            if (!s->second.process_perf_data) {
                ++stats_.skipped;
                return;
            }
            parts.post = s->second.parts.post;
        }
    }
    auto points = datapoints(exec::parse_perf_data(perf_data), settings_.naming);
    if (points.empty()) {
        return;
    }
    auto path = is_host ? host_path(host, parts, settings_.naming)
                        : service_path(host, description, parts, settings_.naming);
    auto timestamp = check_timestamp(number_field(data, "last_chk", clock_.now()),
                                     number_field(data, "latency", 0), settings_.naming);
    std::string lines;
    auto count = append_lines(lines, path, points, timestamp);
    stats_.datapoints += count;
    carbon_.send(std::move(lines), count);
}

boost::asio::awaitable<void> GraphiteModule::stop(std::chrono::milliseconds budget) {
    co_await carbon_.stop(budget);
}

nlohmann::json GraphiteModule::stats() const {
    auto c = carbon_.stats();
    nlohmann::json carbon = {
        {"address", settings_.carbon.host + ":" + std::to_string(settings_.carbon.port)},
        {"connected", c.connected},
        {"connects", c.connects},
        {"connect_failures", c.connect_failures},
        {"disconnects", c.disconnects},
        {"lines_queued", c.lines_queued},
        {"lines_written", c.lines_written},
        {"lines_resent", c.lines_resent},
        {"lines_dropped", c.lines_dropped},
        {"buffered_lines", c.buffered_lines},
        {"buffered_bytes", c.buffered_bytes},
        {"buffer_limit_bytes", settings_.carbon.max_buffer_bytes}};
    if (!c.last_error.empty()) {
        carbon["last_error"] = c.last_error;
    }
    return {{"carbon", std::move(carbon)},
            {"check_results", stats_.check_results},
            {"datapoints", stats_.datapoints},
            {"skipped_no_perf_data", stats_.skipped}};
}

void GraphiteModule::metrics(net::MetricsWriter& out, const net::Labels& labels) const {
    auto c = carbon_.stats();
    out.gauge("yagura_graphite_connected", "1 while connected to carbon.", c.connected ? 1 : 0,
              labels);
    out.counter("yagura_graphite_lines_total", "Carbon lines made from check results.",
                static_cast<double>(c.lines_queued), labels);
    out.counter("yagura_graphite_lines_resent_total",
                "Lines written again after a broken connection.",
                static_cast<double>(c.lines_resent), labels);
    out.counter("yagura_graphite_lines_dropped_total",
                "Lines dropped because the buffer was full during an outage.",
                static_cast<double>(c.lines_dropped), labels);
    out.gauge("yagura_graphite_buffered_lines", "Lines waiting for carbon or not yet confirmed.",
              static_cast<double>(c.buffered_lines), labels);
}

std::unique_ptr<Module> make_graphite_module(const ModuleConfig& config,
                                             const ModuleContext& context) {
    std::vector<std::string> unused;
    auto settings = graphite_settings(config, &unused);
    for (const auto& key : unused) {
        core::logger("graphite")
            ->warn("module '{}': parameter '{}' is not used by graphite", config.name, key);
    }
    return std::make_unique<GraphiteModule>(context, config.name, std::move(settings));
}

}  // namespace yagura::modules::graphite
