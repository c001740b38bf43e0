#include <yagura/core/logging.hpp>

#include "state.hpp"

namespace yagura::engine::detail {

EngineState::EngineState(model::Config shard, EngineSettings engine_settings,
                         const core::Clock& engine_clock)
    : cfg(std::move(shard)),
      settings(std::move(engine_settings)),
      clock(engine_clock),
      log(core::logger("engine")),
      elements(static_cast<std::uint32_t>(cfg.hosts.size()),
               static_cast<std::uint32_t>(cfg.services.size())),
      calendar(cfg.timeperiods.items()),
      rng(settings.seed),
      actions(static_cast<std::uint16_t>(settings.seed ^ (settings.seed >> 16))) {
    program_start = settings.program_start > 0 ? settings.program_start : clock.now();
    rt.resize(elements.size());
    due.resize(elements.size());
    std::size_t limit = settings.brok_queue_limit;
    if (limit == 0) {
        limit = 5 * static_cast<std::size_t>(elements.size());
    }
    broks.set_limit(limit < 1000 ? 1000 : limit);
}

model::Checkable& checkable(EngineState& s, ElementId e) {
    if (s.elements.is_host(e)) {
        return s.cfg.hosts[s.elements.host_index(e)];
    }
    return s.cfg.services[s.elements.service_index(e)];
}

const model::Checkable& checkable(const EngineState& s, ElementId e) {
    if (s.elements.is_host(e)) {
        return s.cfg.hosts[s.elements.host_index(e)];
    }
    return s.cfg.services[s.elements.service_index(e)];
}

bool is_host(const EngineState& s, ElementId e) {
    return s.elements.is_host(e);
}

ElementId host_element(const EngineState& s, ElementId e) {
    if (s.elements.is_host(e)) {
        return e;
    }
    Index h = s.cfg.services[s.elements.service_index(e)].service_links.host;
    return h == kNoIndex ? kNoElement : s.elements.of_host(h);
}

model::Host& host_of(EngineState& s, ElementId e) {
    return s.cfg.hosts[s.elements.host_index(host_element(s, e))];
}

std::string_view str(const EngineState& s, model::Symbol symbol) {
    return s.cfg.pool.str(symbol);
}

std::string_view host_name(const EngineState& s, ElementId e) {
    if (s.elements.is_host(e)) {
        return str(s, s.cfg.hosts[s.elements.host_index(e)].host_name);
    }
    return str(s, s.cfg.services[s.elements.service_index(e)].host_name);
}

std::string_view service_description(const EngineState& s, ElementId e) {
    if (s.elements.is_host(e)) {
        return {};
    }
    return str(s, s.cfg.services[s.elements.service_index(e)].service_description);
}

std::string element_name(const EngineState& s, ElementId e) {
    std::string name(host_name(s, e));
    if (!s.elements.is_host(e)) {
        name += '/';
        name += service_description(s, e);
    }
    return name;
}

int state_id(const EngineState& s, ElementId e) {
    if (s.elements.is_host(e)) {
        return model::state_id(s.cfg.hosts[e].state);
    }
    return model::state_id(s.cfg.services[s.elements.service_index(e)].state);
}

bool is_pending(const EngineState& s, ElementId e) {
    if (s.elements.is_host(e)) {
        return s.cfg.hosts[e].state == model::HostState::pending;
    }
    return s.cfg.services[s.elements.service_index(e)].state == model::ServiceState::pending;
}

bool is_ok(const EngineState& s, ElementId e) {
    return is_pending(s, e) || state_id(s, e) == 0;
}

std::string_view state_name(const EngineState& s, ElementId e) {
    if (s.elements.is_host(e)) {
        return model::state_name(s.cfg.hosts[e].state);
    }
    return model::state_name(s.cfg.services[s.elements.service_index(e)].state);
}

namespace {

char host_letter(model::HostState st) {
    switch (st) {
        case model::HostState::up:
            return 'o';
        case model::HostState::down:
            return 'd';
        case model::HostState::unreachable:
            return 'u';
        case model::HostState::pending:
            return 'p';
    }
    return 'p';
}

char service_letter(model::ServiceState st) {
    switch (st) {
        case model::ServiceState::ok:
            return 'o';
        case model::ServiceState::warning:
            return 'w';
        case model::ServiceState::critical:
            return 'c';
        case model::ServiceState::unknown:
            return 'u';
        case model::ServiceState::pending:
            return 'p';
    }
    return 'p';
}

}  // namespace

char state_letter(const EngineState& s, ElementId e) {
    if (s.elements.is_host(e)) {
        return host_letter(s.cfg.hosts[e].state);
    }
    return service_letter(s.cfg.services[s.elements.service_index(e)].state);
}

char hard_state_letter(const EngineState& s, ElementId e) {
    if (s.elements.is_host(e)) {
        return host_letter(s.cfg.hosts[e].last_hard_state);
    }
    return service_letter(s.cfg.services[s.elements.service_index(e)].last_hard_state);
}

bool in_period(EngineState& s, Index period, EpochSeconds t) {
    if (period == kNoIndex) {
        return true;
    }
    return s.calendar.is_valid(period, static_cast<std::time_t>(t));
}

model::MacroContext macro_context(const EngineState& s, ElementId e) {
    model::MacroContext ctx;
    ctx.config = &s.cfg;
    ctx.now = s.now();
    if (s.elements.is_host(e)) {
        ctx.host = &s.cfg.hosts[s.elements.host_index(e)];
    } else {
        ctx.service = &s.cfg.services[s.elements.service_index(e)];
        ElementId h = host_element(s, e);
        ctx.host = h == kNoElement ? nullptr : &s.cfg.hosts[h];
    }
    return ctx;
}

std::vector<Index> descendant_hosts(const EngineState& s, Index host) {
    std::vector<Index> out;
    std::vector<Index> stack{host};
    std::vector<bool> seen(s.cfg.hosts.size(), false);
    seen[host] = true;
    while (!stack.empty()) {
        Index h = stack.back();
        stack.pop_back();
        for (std::uint32_t c : s.cfg.pool.list(s.cfg.hosts[h].host_links.children.list)) {
            if (!seen[c]) {
                seen[c] = true;
                out.push_back(c);
                stack.push_back(c);
            }
        }
    }
    return out;
}

double interval_length(const EngineState& s) {
    return s.cfg.globals.interval_length > 0 ? s.cfg.globals.interval_length : 60;
}

void touch_retention(EngineState& s, ElementId e) {
    ElementRuntime& r = s.rt[e];
    if ((r.flags & kRetentionDirty) == 0) {
        r.flags |= kRetentionDirty;
        s.retention_dirty.push_back(e);
    }
}

void touch(EngineState& s, ElementId e) {
    touch_retention(s, e);
    ElementRuntime& r = s.rt[e];
    if ((r.flags & kStatusDirty) == 0) {
        r.flags |= kStatusDirty;
        s.status_dirty.push_back(e);
    }
}

void touch_global(EngineState& s) {
    s.global_dirty = true;
    s.program_status_dirty = true;
}

std::string_view to_string(NotificationType type) {
    switch (type) {
        case NotificationType::problem:
            return "PROBLEM";
        case NotificationType::recovery:
            return "RECOVERY";
        case NotificationType::acknowledgement:
            return "ACKNOWLEDGEMENT";
        case NotificationType::flapping_start:
            return "FLAPPINGSTART";
        case NotificationType::flapping_stop:
            return "FLAPPINGSTOP";
        case NotificationType::flapping_disabled:
            return "FLAPPINGDISABLED";
        case NotificationType::downtime_start:
            return "DOWNTIMESTART";
        case NotificationType::downtime_end:
            return "DOWNTIMEEND";
        case NotificationType::downtime_cancelled:
            return "DOWNTIMECANCELLED";
        case NotificationType::custom:
            return "CUSTOM";
    }
    return "PROBLEM";
}

bool is_flapping_type(NotificationType type) {
    return type == NotificationType::flapping_start || type == NotificationType::flapping_stop ||
           type == NotificationType::flapping_disabled;
}

bool is_downtime_type(NotificationType type) {
    return type == NotificationType::downtime_start || type == NotificationType::downtime_end ||
           type == NotificationType::downtime_cancelled;
}

}  // namespace yagura::engine::detail
