#pragma once

#include <cstdint>

#include <yagura/model/object.hpp>
#include <yagura/model/state_types.hpp>

namespace yagura::model {

// What every daemon link (`define scheduler`, `poller`, ...) has: where the daemon listens,
// its realm and spare role, and the timers of the arbiter's liveness checks. yagura pings
// every second and declares a daemon dead after max_check_attempts failures in a row (a few
// seconds), where Shinken pinged every 60 s. The name is declared under each type's own key
// (scheduler_name, poller_name, ...) but stored here, so code handles links generically.
struct DaemonLink : ObjectHeader {
    // --- configuration ---
    Symbol daemon_name;
    Symbol address;
    std::int32_t port = 0;
    bool spare = false;
    bool failback = false;  // a master that returns takes its work back from its spare
    bool manage_sub_realms = true;
    bool manage_arbiters = false;
    bool passive = false;
    bool use_ssl = false;
    bool hard_ssl_name_check = true;
    Symbol realm;
    SymbolList modules;
    std::int32_t timeout = 3;         // seconds, connection and short requests
    std::int32_t data_timeout = 120;  // seconds, long requests (configuration push, long poll)
    std::int32_t check_interval = 1;  // seconds between liveness pings
    std::int32_t max_check_attempts = 3;
    std::int32_t polling_interval = 1;
    Symbol use_timezone;
    KeyValues satellitemap;
    Symbol harakiri_threshold;

    // --- state (the arbiter's view of the daemon) ---
    bool alive = true;
    bool reachable = false;
    std::int32_t attempt = 0;
    EpochSeconds last_check = 0;

    Index realm_index = kNoIndex;
    IndexList module_indices;
};

struct ArbiterLink : DaemonLink {
    ArbiterLink() { port = 7770; }
    Symbol host_name;  // the machine this arbiter runs on; empty: this machine
};

struct SchedulerLink : DaemonLink {
    SchedulerLink() { port = 7768; }
    std::int32_t weight = 1;
    bool skip_initial_broks = false;
    bool accept_passive_unknown_check_results = false;
};

// Pollers and reactionners run actions in worker pools with the same tuning attributes.
struct WorkerLink : DaemonLink {
    std::int32_t min_workers = 0;  // 0: one per CPU
    std::int32_t max_workers = 0;
    std::int32_t processes_by_worker = 256;
    std::int32_t max_q_size = 0;
    std::int32_t q_factor = 0;
    std::int32_t results_batch = 0;
};

struct PollerLink : WorkerLink {
    PollerLink() { port = 7771; }
    SymbolList poller_tags;  // tags served; "None" is the untagged checks
};

struct ReactionnerLink : WorkerLink {
    ReactionnerLink() {
        port = 7769;
        min_workers = 1;
    }
    SymbolList reactionner_tags;
};

struct BrokerLink : DaemonLink {
    BrokerLink() { port = 7772; }
    std::int32_t broks_batch = 0;
};

struct ReceiverLink : DaemonLink {
    ReceiverLink() { port = 7773; }  // Shinken's receiverlink wrongly defaults to 7772
    bool direct_routing = false;
    bool accept_passive_unknown_check_results = false;
};

}  // namespace yagura::model
