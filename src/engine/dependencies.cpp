#include "dependencies.hpp"

#include "schedule.hpp"

namespace yagura::engine::detail {

namespace {

constexpr int kMaxInheritanceDepth = 32;  // loops in inherits_parent chains end here

bool list_failed(EngineState& s, const std::vector<std::uint32_t>& begin,
                 const std::vector<Dependency>& deps, ElementId e, EpochSeconds now, int depth);

// Nagios' check_*_dependencies for one dependency: the master's hard state (pending when
// never checked) is in the failure criteria, inside the dependency period; with
// inherits_parent the master's own dependencies count too.
bool dependency_fails(EngineState& s, const std::vector<std::uint32_t>& begin,
                      const std::vector<Dependency>& deps, const Dependency& d, EpochSeconds now,
                      int depth) {
    if (!in_period(s, d.period, now)) {
        return false;
    }
    const model::Checkable& master = checkable(s, d.master);
    char letter = master.has_been_checked ? hard_state_letter(s, d.master) : 'p';
    if (d.criteria.has(letter)) {
        return true;
    }
    if (d.inherits_parent && depth < kMaxInheritanceDepth) {
        return list_failed(s, begin, deps, d.master, now, depth + 1);
    }
    return false;
}

bool list_failed(EngineState& s, const std::vector<std::uint32_t>& begin,
                 const std::vector<Dependency>& deps, ElementId e, EpochSeconds now, int depth) {
    if (begin.empty()) {
        return false;
    }
    for (std::uint32_t i = begin[e]; i < begin[e + 1]; ++i) {
        if (dependency_fails(s, begin, deps, deps[i], now, depth)) {
            return true;
        }
    }
    return false;
}

bool dependent_check_pending(const EngineState& s, ElementId x) {
    const ElementRuntime& r = s.rt[x];
    switch (r.check_state) {
        case CheckState::scheduled:
        case CheckState::ready:
            return (r.pending_check_flags & kCheckDependent) != 0;
        case CheckState::in_flight:
            return r.in_flight != kNone &&
                   (s.actions[r.in_flight].check_flags & kCheckDependent) != 0;
        case CheckState::idle:
            return false;
    }
    return false;
}

void check_now(EngineState& s, ElementId x, EpochSeconds now) {
    request_check(s, x, now, kCheckDependent);
}

}  // namespace

bool execution_dependency_failed(EngineState& s, ElementId e, EpochSeconds now) {
    return list_failed(s, s.deps.execution_begin, s.deps.execution, e, now, 0);
}

bool notification_dependency_failed(EngineState& s, ElementId e, EpochSeconds now) {
    return list_failed(s, s.deps.notification_begin, s.deps.notification, e, now, 0);
}

bool all_parents_down(const EngineState& s, ElementId host) {
    auto parents = s.cfg.pool.list(s.cfg.hosts[host].host_links.parents.list);
    if (parents.empty()) {
        return false;
    }
    for (std::uint32_t p : parents) {
        model::HostState st = s.cfg.hosts[p].state;
        if (st == model::HostState::up || st == model::HostState::pending) {
            return false;
        }
    }
    return true;
}

void propagate_checks(EngineState& s, ElementId e, bool was_ok, bool changed) {
    const EpochSeconds now = s.now();
    const bool ok = state_id(s, e) == 0;
    if (is_host(s, e)) {
        if (was_ok == ok) {
            return;
        }
        const model::Host& h = s.cfg.hosts[e];
        // Going down: are the parents still up (DOWN or UNREACHABLE)? Are the children now
        // unreachable? Coming back: the other way round (Nagios 4).
        for (std::uint32_t p : s.cfg.pool.list(h.host_links.parents.list)) {
            model::HostState st = s.cfg.hosts[p].state;
            bool parent_up = st == model::HostState::up || st == model::HostState::pending;
            if (parent_up == was_ok) {
                check_now(s, s.elements.of_host(p), now);
            }
        }
        for (std::uint32_t c : s.cfg.pool.list(h.host_links.children.list)) {
            model::HostState st = s.cfg.hosts[c].state;
            bool wanted = was_ok ? st != model::HostState::unreachable : st != model::HostState::up;
            if (wanted) {
                check_now(s, s.elements.of_host(c), now);
            }
        }
        return;
    }
    const model::Checkable& c = checkable(s, e);
    if (ok || !(changed || c.state_type == model::StateType::soft)) {
        return;
    }
    ElementId h = host_element(s, e);
    if (h == kNoElement) {
        return;
    }
    const model::Host& host = s.cfg.hosts[h];
    if (host.state != model::HostState::up && host.state != model::HostState::pending) {
        return;
    }
    // A service going wrong may mean its host is down: check the host unless its state is
    // fresh enough (cached_host_check_horizon).
    if (host.last_chk + s.cfg.globals.cached_host_check_horizon > now &&
        s.cfg.globals.cached_host_check_horizon > 0) {
        return;
    }
    check_now(s, h, now);
}

bool waiting_for_dependency_check(const EngineState& s, ElementId e) {
    if (!is_host(s, e)) {
        ElementId h = host_element(s, e);
        return h != kNoElement && dependent_check_pending(s, h);
    }
    for (std::uint32_t p : s.cfg.pool.list(s.cfg.hosts[e].host_links.parents.list)) {
        if (dependent_check_pending(s, s.elements.of_host(p))) {
            return true;
        }
    }
    return false;
}

}  // namespace yagura::engine::detail
