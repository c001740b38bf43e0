#include <yagura/model/schema.hpp>

#include "field_builder.hpp"

namespace yagura::model {

namespace {

using detail::field;

// The attributes of every daemon link; `name_key` is the type's own name attribute
// (scheduler_name, ...) and `port` its default port.
template <class T>
constexpr auto link_fields(std::string_view name_key, std::string_view port) {
    using L = DaemonLink;
    return std::array{
        field<T, &L::daemon_name>({.name = name_key,
                                   .flags = kConfig | kRequired | kKey,
                                   .doc = "Unique name of the daemon."}),
        field<T, &L::address>({.name = "address",
                               .flags = kConfig,
                               .default_text = "localhost",
                               .doc = "Address the daemon listens on."}),
        field<T, &L::port>(
            {.name = "port", .flags = kConfig, .default_text = port, .doc = "HTTPS port."}),
        field<T, &L::spare>({.name = "spare",
                             .flags = kConfig,
                             .default_text = "0",
                             .doc = "Only takes over the work of a dead daemon of its realm."}),
        field<T, &L::failback>({.name = "failback",
                                .flags = kConfig,
                                .default_text = "0",
                                .doc = "1: a master that comes back takes its work back from "
                                       "the spare (Shinken leaves it with the spare)."}),
        field<T, &L::realm>({.name = "realm",
                             .flags = kConfig | kReference,
                             .doc = "Realm served; unset: the default realm."}),
        field<T, &L::manage_sub_realms>({.name = "manage_sub_realms",
                                         .flags = kConfig,
                                         .default_text = "1",
                                         .doc = "Also serve the sub-realms."}),
        field<T, &L::manage_arbiters>({.name = "manage_arbiters",
                                       .flags = kConfig,
                                       .default_text = "0",
                                       .doc = "Also take the arbiters' broks (brokers)."}),
        field<T, &L::modules>(
            {.name = "modules", .flags = kConfig | kReference, .doc = "Modules the daemon loads."}),
        field<T, &L::passive>({.name = "passive",
                               .flags = kConfig,
                               .default_text = "0",
                               .doc = "The scheduler pushes work to it instead of it pulling."}),
        field<T, &L::timeout>({.name = "timeout",
                               .flags = kConfig,
                               .default_text = "3",
                               .doc = "Seconds for connections and short requests (pings)."}),
        field<T, &L::data_timeout>(
            {.name = "data_timeout",
             .flags = kConfig,
             .default_text = "120",
             .doc = "Seconds for long requests (configuration push, long polls)."}),
        field<T, &L::check_interval>({.name = "check_interval",
                                      .flags = kConfig,
                                      .default_text = "1",
                                      .doc = "Seconds between the arbiter's pings (Shinken: 60)."}),
        field<T, &L::max_check_attempts>(
            {.name = "max_check_attempts",
             .flags = kConfig,
             .default_text = "3",
             .doc = "Failed pings in a row before the daemon is dead and replaced by a spare."}),
        field<T, &L::polling_interval>({.name = "polling_interval",
                                        .flags = kConfig,
                                        .default_text = "1",
                                        .doc = "Seconds between the satellite's polls."}),
        field<T, &L::use_ssl>({.name = "use_ssl",
                               .flags = kConfig,
                               .default_text = "0",
                               .doc = "Shinken compatibility; yagura always uses TLS."}),
        field<T, &L::hard_ssl_name_check>({.name = "hard_ssl_name_check",
                                           .flags = kConfig,
                                           .default_text = "1",
                                           .doc = "Check the certificate's name."}),
        field<T, &L::use_timezone>(
            {.name = "use_timezone", .flags = kConfig, .doc = "Time zone (TZ) of the daemon."}),
        field<T, &L::satellitemap>(
            {.name = "satellitemap",
             .flags = kConfig,
             .doc = "Other addresses to reach satellites: `poller-1=10.0.0.1:7771, ...`."}),
        field<T, &L::harakiri_threshold>(
            {.name = "harakiri_threshold",
             .flags = kConfig,
             .doc = "Memory size at which the daemon restarts itself (Shinken)."}),
        field<T, &L::alive>({.name = "alive",
                             .flags = kState,
                             .default_text = "1",
                             .doc = "The arbiter considers the daemon alive."}),
        field<T, &L::reachable>({.name = "reachable",
                                 .flags = kState,
                                 .default_text = "0",
                                 .doc = "The last ping succeeded."}),
        field<T, &L::attempt>({.name = "attempt",
                               .flags = kState,
                               .default_text = "0",
                               .doc = "Failed pings in a row."}),
        field<T, &L::last_check>({.name = "last_check",
                                  .flags = kState,
                                  .default_text = "0",
                                  .doc = "Time of the last ping."}),
    };
}

template <class T>
constexpr auto worker_fields(std::string_view min_workers) {
    using W = WorkerLink;
    return std::array{
        field<T, &W::min_workers>({.name = "min_workers",
                                   .flags = kConfig,
                                   .default_text = min_workers,
                                   .doc = "Workers started; 0: one per CPU."}),
        field<T, &W::max_workers>({.name = "max_workers",
                                   .flags = kConfig,
                                   .default_text = "0",
                                   .doc = "Most workers; 0: min_workers (Shinken's 30 is "
                                          "far too many plugins at once for one process)."}),
        field<T, &W::processes_by_worker>({.name = "processes_by_worker",
                                           .flags = kConfig,
                                           .default_text = "256",
                                           .doc = "Actions a worker runs at once."}),
        field<T, &W::max_q_size>({.name = "max_q_size",
                                  .flags = kConfig,
                                  .default_text = "0",
                                  .doc = "Most actions queued; 0: no limit."}),
        field<T, &W::q_factor>({.name = "q_factor",
                                .flags = kConfig,
                                .default_text = "0",
                                .doc = "Queue limit as a factor of workers x processes."}),
        field<T, &W::results_batch>({.name = "results_batch",
                                     .flags = kConfig,
                                     .default_text = "0",
                                     .doc = "Most results per return to a scheduler; 0: all."}),
    };
}

constexpr auto arbiter_fields() {
    return std::array{field<ArbiterLink, &ArbiterLink::host_name>(
        {.name = "host_name",
         .flags = kConfig,
         .doc = "Machine the arbiter runs on (its hostname); unset: this machine."})};
}

constexpr auto scheduler_fields() {
    using S = SchedulerLink;
    return std::array{
        field<S, &S::weight>({.name = "weight",
                              .flags = kConfig,
                              .default_text = "1",
                              .doc = "Share of the realm's hosts it gets, relative to others."}),
        field<S, &S::skip_initial_broks>({.name = "skip_initial_broks",
                                          .flags = kConfig,
                                          .default_text = "0",
                                          .doc = "Send brokers no initial state dump."}),
        field<S, &S::accept_passive_unknown_check_results>(
            {.name = "accept_passive_unknown_check_results",
             .flags = kConfig,
             .default_text = "0",
             .doc = "Raise a brok for passive results of unknown hosts and services."}),
    };
}

constexpr auto poller_fields() {
    return std::array{field<PollerLink, &PollerLink::poller_tags>(
        {.name = "poller_tags",
         .flags = kConfig,
         .default_text = "None",
         .doc = "Tags of the checks it runs; None: untagged checks."})};
}

constexpr auto reactionner_fields() {
    return std::array{field<ReactionnerLink, &ReactionnerLink::reactionner_tags>(
        {.name = "reactionner_tags",
         .flags = kConfig,
         .default_text = "None",
         .doc = "Tags of the actions it runs; None: untagged actions."})};
}

constexpr auto broker_fields() {
    return std::array{
        field<BrokerLink, &BrokerLink::broks_batch>({.name = "broks_batch",
                                                     .flags = kConfig,
                                                     .default_text = "0",
                                                     .doc = "Most broks per request; 0: all."})};
}

constexpr auto receiver_fields() {
    using R = ReceiverLink;
    return std::array{
        field<R, &R::direct_routing>(
            {.name = "direct_routing",
             .flags = kConfig,
             .default_text = "0",
             .doc = "Send commands straight to the scheduler of the host."}),
        field<R, &R::accept_passive_unknown_check_results>(
            {.name = "accept_passive_unknown_check_results",
             .flags = kConfig,
             .default_text = "0",
             .doc = "Pass on results of unknown hosts and services."}),
    };
}

template <class T>
constexpr auto base(std::string_view name_key, std::string_view port) {
    return detail::concat(detail::header_fields<T>(), link_fields<T>(name_key, port));
}

constexpr auto kArbiterFields =
    detail::concat(base<ArbiterLink>("arbiter_name", "7770"), arbiter_fields());
constexpr auto kSchedulerFields =
    detail::concat(base<SchedulerLink>("scheduler_name", "7768"), scheduler_fields());
constexpr auto kPollerFields = detail::concat(base<PollerLink>("poller_name", "7771"),
                                              worker_fields<PollerLink>("0"), poller_fields());
constexpr auto kReactionnerFields =
    detail::concat(base<ReactionnerLink>("reactionner_name", "7769"),
                   worker_fields<ReactionnerLink>("1"), reactionner_fields());
constexpr auto kBrokerFields =
    detail::concat(base<BrokerLink>("broker_name", "7772"), broker_fields());
constexpr auto kReceiverFields =
    detail::concat(base<ReceiverLink>("receiver_name", "7773"), receiver_fields());

}  // namespace

template <>
const TypeInfo<ArbiterLink>& type_info<ArbiterLink>() {
    static const TypeInfo<ArbiterLink> info{
        .name = "arbiter",
        .plural = "arbiters",
        .doc =
            "An arbiter: reads the configuration, dispatches it and watches the daemons; "
            "a spare one takes over when the master dies.",
        .fields = kArbiterFields,
    };
    return info;
}

template <>
const TypeInfo<SchedulerLink>& type_info<SchedulerLink>() {
    static const TypeInfo<SchedulerLink> info{
        .name = "scheduler",
        .plural = "schedulers",
        .doc = "A scheduler: owns the monitoring state of a shard of hosts.",
        .fields = kSchedulerFields,
    };
    return info;
}

template <>
const TypeInfo<PollerLink>& type_info<PollerLink>() {
    static const TypeInfo<PollerLink> info{
        .name = "poller",
        .plural = "pollers",
        .doc = "A poller: runs checks for the schedulers of its realm.",
        .fields = kPollerFields,
    };
    return info;
}

template <>
const TypeInfo<ReactionnerLink>& type_info<ReactionnerLink>() {
    static const TypeInfo<ReactionnerLink> info{
        .name = "reactionner",
        .plural = "reactionners",
        .doc = "A reactionner: runs notifications and event handlers.",
        .fields = kReactionnerFields,
    };
    return info;
}

template <>
const TypeInfo<BrokerLink>& type_info<BrokerLink>() {
    static const TypeInfo<BrokerLink> info{
        .name = "broker",
        .plural = "brokers",
        .doc = "A broker: collects broks and feeds its modules.",
        .fields = kBrokerFields,
    };
    return info;
}

template <>
const TypeInfo<ReceiverLink>& type_info<ReceiverLink>() {
    static const TypeInfo<ReceiverLink> info{
        .name = "receiver",
        .plural = "receivers",
        .doc = "A receiver: takes passive results and external commands from outside.",
        .fields = kReceiverFields,
    };
    return info;
}

}  // namespace yagura::model
