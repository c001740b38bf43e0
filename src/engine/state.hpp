#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <queue>
#include <string>
#include <unordered_map>
#include <vector>

#include <spdlog/logger.h>

#include <yagura/engine/engine.hpp>
#include <yagura/model/calendar.hpp>
#include <yagura/model/config.hpp>
#include <yagura/model/macro_resolver.hpp>

#include "actions.hpp"
#include "brok_hub.hpp"
#include "due_heap.hpp"
#include "ids.hpp"

// Everything one engine holds. The concerns (scheduling, results, notifications, downtimes,
// commands, broks, retention) are free functions over this state, one file each; engine.cpp
// is the public face.
namespace yagura::engine::detail {

enum class CheckState : std::uint8_t {
    idle,       // nothing planned (active checks off, or waiting for a result to plan the next)
    scheduled,  // in the due heap
    ready,      // due: waiting in its route's ready queue for a poller
    in_flight,  // handed to a poller
};

// Engine bookkeeping per element that the model does not carry.
enum ElementFlag : std::uint16_t {
    kHardUnknownPhase = 1 << 0,  // HARD C -> U -> C is not a new problem (Shinken)
    kWasInHardUnknownPhase = 1 << 1,
    kDowntimeDuringLastCheck = 1 << 2,  // a downtime ended: notify a persisting problem again
    kFlapRecoveryCheck = 1 << 3,        // notified before flapping: send RECOVERY when it stops
    kRetentionDirty = 1 << 4,
    kStatusDirty = 1 << 5,
};

enum class InternalCheck : std::uint8_t { none, host_up, echo };

struct ElementRuntime {
    std::uint32_t in_flight = kNone;   // action slot of the check handed out
    std::uint32_t check_line = kNone;  // prepared check command line, kNone: expand each time
    std::uint16_t route = 0;           // poller route of its checks
    std::uint16_t flags = 0;           // ElementFlag
    std::uint16_t ready_generation = 0;
    CheckState check_state = CheckState::idle;
    std::uint8_t pending_check_flags = 0;  // CheckFlag of the planned or ready check
    std::uint8_t state_before_phase = 0;
    std::uint8_t last_flap_state = 0xFF;  // last state recorded in the flap history
    InternalCheck internal = InternalCheck::none;
};

// (poller_tag or reactionner_tag, module_type): a queue of actions a worker either serves or
// not, decided once per shard.
struct Route {
    model::Symbol tag;
    model::Symbol module_type;
};

struct ReadyEntry {
    int priority;
    EpochSeconds due;
    ElementId element;
    std::uint16_t generation;
};
struct ReadyLater {
    bool operator()(const ReadyEntry& a, const ReadyEntry& b) const {
        if (a.priority != b.priority) {
            return a.priority > b.priority;
        }
        if (a.due != b.due) {
            return a.due > b.due;
        }
        return a.element > b.element;
    }
};
using ReadyQueue = std::priority_queue<ReadyEntry, std::vector<ReadyEntry>, ReadyLater>;

// A pending reactionner action in its queue; a stale reference (slot reused) is skipped.
struct SlotRef {
    std::uint32_t slot;
    std::uint16_t generation;
};

// One way of reaching a contact (its own notification attributes, or a notificationway).
struct ContactWay {
    bool host_enabled = true;
    bool service_enabled = true;
    model::Letters host_options;
    model::Letters service_options;
    Index host_period = kNoIndex;
    Index service_period = kNoIndex;
    int min_business_impact = 0;
    const std::vector<model::CommandCall>* host_commands = nullptr;
    const std::vector<model::CommandCall>* service_commands = nullptr;
};

// An explicit host or service dependency, from the dependent's side.
struct Dependency {
    ElementId master = kNoElement;
    model::Letters criteria;
    Index period = kNoIndex;
    bool inherits_parent = false;
};

// Per-element lists in one vector each (offsets of size elements + 1).
struct DependencyLists {
    std::vector<std::uint32_t> execution_begin;
    std::vector<Dependency> execution;
    std::vector<std::uint32_t> notification_begin;
    std::vector<Dependency> notification;
};

// A contact-less notification waiting to be fanned out to contacts (Shinken's master).
struct MasterNotification {
    std::uint64_t id = 0;
    NotificationType type = NotificationType::problem;
    std::uint8_t options = 0;  // NotificationOption
    bool parked = false;       // blocked, waits for a check result or an unblocking event
    int number = 0;
    EpochSeconds t_to_go = 0;
    EpochSeconds creation_time = 0;
    std::string author;
    std::string comment;
    std::vector<Index> started_escalations;
};

enum class TimerKind : std::uint8_t {
    notification,  // ref: master id
    downtime_start,
    downtime_end,  // ref: downtime id
    ack_expire,
    comment_expire,        // ref: comment id
    contact_downtime_end,  // element: the contact's index; ref: downtime id
};

struct Timer {
    EpochSeconds at;
    TimerKind kind;
    ElementId element;
    std::uint64_t ref;
    bool operator>(const Timer& o) const { return at > o.at; }
};
using TimerQueue = std::priority_queue<Timer, std::vector<Timer>, std::greater<>>;

struct Counters {
    std::uint64_t next_downtime_id = 1;
    std::uint64_t next_comment_id = 1;
    std::uint64_t next_notification_id = 1;
    std::uint64_t event_id = 0;  // last Nagios event id handed out
    std::uint64_t problem_id = 0;
};

// Results per second over the last minute and latency of recent checks.
struct Stats {
    std::uint64_t results = 0;  // check results consumed (active and passive)
    std::uint64_t passive_results = 0;
    std::uint64_t unknown_results = 0;
    std::uint64_t late_passive_results = 0;  // older than the last check, dropped
    std::uint64_t orphaned = 0;
    std::uint64_t notifications_sent = 0;  // child notifications created
    std::uint64_t notification_errors = 0;
    std::uint64_t event_handlers = 0;
    std::uint64_t commands_applied = 0;
    std::uint64_t commands_rejected = 0;
    std::uint64_t commands_not_here = 0;
    std::uint64_t checks_handed_out = 0;
    std::uint64_t internal_checks = 0;
    std::uint64_t execution_skipped = 0;  // checks not run: execution dependency failed
    // results per second: 64 one-second buckets
    std::int64_t bucket_second[64] = {};
    std::uint32_t bucket_count[64] = {};
    // latency histogram: bucket i holds latencies < kLatencyBounds[i] (last: everything)
    static constexpr int kLatencyBuckets = 20;
    std::uint64_t latency[kLatencyBuckets] = {};
    std::uint64_t previous_latency[kLatencyBuckets] = {};
    std::int64_t latency_minute = 0;

    void count_result(EpochSeconds now, double latency_seconds);
    double results_per_second(EpochSeconds now) const;  // over the last 60 seconds
    double latency_percentile(double p) const;          // bucket bound, seconds
};

struct EngineState {
    EngineState(model::Config shard, EngineSettings settings, const core::Clock& clock);

    EpochSeconds now() const { return clock.now(); }

    model::Config cfg;
    EngineSettings settings;
    const core::Clock& clock;
    std::shared_ptr<spdlog::logger> log;
    Elements elements;
    model::TimePeriodCalendar calendar;
    Rng rng;
    EpochSeconds program_start = 0;
    bool started = false;  // first checks planned (first tick)

    std::vector<ElementRuntime> rt;

    // --- computed once per shard (prepare.cpp) ---
    std::vector<model::CompiledText> lines;  // check command lines, static macros expanded
    std::vector<Route> poller_routes;
    std::vector<Route> reactionner_routes;
    std::vector<std::vector<ContactWay>> contact_ways;  // per contact
    DependencyLists deps;
    model::CommandCall global_host_handler;  // global_host_event_handler, linked
    model::CommandCall global_service_handler;

    // --- scheduling and actions ---
    DueHeap due;
    std::vector<ReadyQueue> ready;                       // per poller route
    std::vector<std::deque<SlotRef>> reactionner_ready;  // per reactionner route
    ActionTable actions;
    TimerQueue timers;
    std::unordered_map<ElementId, std::vector<MasterNotification>> masters;
    std::size_t master_count = 0;
    std::unordered_map<std::uint64_t, ElementId> comment_owners;
    std::unordered_map<std::uint64_t, ElementId> downtime_owners;
    std::unordered_map<std::uint64_t, Index> contact_downtime_owners;
    EpochSeconds next_orphan_scan = 0;
    // Seconds between orphan scans: 60 (Shinken's), shorter when an element's
    // time_to_orphanage is, so that a short one is honoured (prepare.cpp).
    EpochSeconds orphan_scan_period = 60;

    // --- outputs ---
    BrokHub broks;
    bool initial_states_logged = false;
    std::vector<ElementId> retention_dirty;
    std::vector<ElementId> status_dirty;
    bool global_dirty = false;
    bool program_status_dirty = false;

    Counters ids;
    Stats stats;
};

// --- small helpers every concern uses (elements.cpp) ---

model::Checkable& checkable(EngineState& s, ElementId e);
const model::Checkable& checkable(const EngineState& s, ElementId e);
bool is_host(const EngineState& s, ElementId e);
model::Host& host_of(EngineState& s, ElementId e);  // the host, or a service's host
ElementId host_element(const EngineState& s, ElementId e);
std::string_view host_name(const EngineState& s, ElementId e);
std::string_view service_description(const EngineState& s, ElementId e);  // "" for hosts
// "host" or "host/service", for messages.
std::string element_name(const EngineState& s, ElementId e);
std::string_view str(const EngineState& s, model::Symbol symbol);

// The state as a number (0 OK/UP ...), pending counted as 0 as Nagios shows it.
int state_id(const EngineState& s, ElementId e);
bool is_pending(const EngineState& s, ElementId e);
bool is_ok(const EngineState& s, ElementId e);  // OK or UP (pending is not a problem either)
std::string_view state_name(const EngineState& s, ElementId e);
// The option letter of the current state: o/w/c/u for services, o/d/u for hosts (p pending).
char state_letter(const EngineState& s, ElementId e);
// The same for the last hard state (dependencies look at hard states, as Nagios does).
char hard_state_letter(const EngineState& s, ElementId e);

bool in_period(EngineState& s, Index period, EpochSeconds t);
// The macro context of an element's commands: its host (and service), the engine's now.
model::MacroContext macro_context(const EngineState& s, ElementId e);
// Every host below `host` (children, their children...), each once.
std::vector<Index> descendant_hosts(const EngineState& s, Index host);
// Seconds of one interval unit (interval_length).
double interval_length(const EngineState& s);

// Marks an element changed: retention saves it, brokers get its new status at the end of the
// current call.
void touch(EngineState& s, ElementId e);
void touch_retention(EngineState& s, ElementId e);
void touch_global(EngineState& s);

}  // namespace yagura::engine::detail
