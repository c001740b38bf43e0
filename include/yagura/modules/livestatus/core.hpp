#pragma once

// What the Livestatus library needs from a monitoring core, and nothing more. The broker's
// state (modules/brokerstate) implements it; tests implement it with a few records.
//
// Threading: the library calls a Core only from the thread that runs the Livestatus server
// (the broker's io_context); a core mutated on that same thread needs no locks, and every
// query sees the state between two changes, never in the middle of one.

#include <functional>
#include <string>
#include <string_view>

#include <yagura/modules/livestatus/objects.hpp>

namespace yagura::modules::livestatus {

// Visits records; return false from the visitor to stop early.
template <class Record>
using Visitor = std::function<bool(const Record&)>;

class Core {
public:
    virtual ~Core() = default;

    virtual void for_each_host(const Visitor<Host>& visit) const = 0;
    virtual void for_each_service(const Visitor<Service>& visit) const = 0;
    virtual void for_each_hostgroup(const Visitor<HostGroup>& visit) const = 0;
    virtual void for_each_servicegroup(const Visitor<ServiceGroup>& visit) const = 0;
    virtual void for_each_contact(const Visitor<Contact>& visit) const = 0;
    virtual void for_each_contactgroup(const Visitor<ContactGroup>& visit) const = 0;
    virtual void for_each_command(const Visitor<Command>& visit) const = 0;
    virtual void for_each_timeperiod(const Visitor<TimePeriod>& visit) const = 0;
    virtual void for_each_comment(const Visitor<Comment>& visit) const = 0;
    virtual void for_each_downtime(const Visitor<Downtime>& visit) const = 0;
    // Log entries with since <= time <= until, oldest first.
    virtual void for_each_log(double since, double until, const Visitor<LogEntry>& visit) const = 0;

    virtual const Host* find_host(std::string_view name) const = 0;
    virtual const Service* find_service(std::string_view host_name,
                                        std::string_view description) const = 0;
    virtual const HostGroup* find_hostgroup(std::string_view name) const = 0;
    virtual const ServiceGroup* find_servicegroup(std::string_view name) const = 0;
    virtual const Contact* find_contact(std::string_view name) const = 0;
    virtual const ContactGroup* find_contactgroup(std::string_view name) const = 0;

    virtual ProgramStatus program_status() const = 0;
    virtual std::size_t host_count() const = 0;
    virtual std::size_t service_count() const = 0;
};

// An external command received with COMMAND, e.g. "[1700000000] ACKNOWLEDGE_SVC_PROBLEM;h;s;...".
struct ExternalCommand {
    double timestamp = 0;   // the [ts] given by the client, or the arrival time without one
    std::string name;       // "ACKNOWLEDGE_SVC_PROBLEM"
    std::string arguments;  // everything after the first ';' (may be empty)
    // The Nagios form "[ts] NAME;args", ready to hand to a scheduler.
    std::string line() const;
};

// Where COMMAND lines go. The broker routes each to the scheduler that owns its host (or to
// all, for global commands). Called on the server's thread; must not block.
class CommandSink {
public:
    virtual ~CommandSink() = default;
    virtual void submit(const ExternalCommand& command) = 0;
};

// What changed, for WaitTrigger. A core notifies the server (Server::notify) after applying
// each change; `all` wakes every waiter.
enum class Trigger { check, state, log, downtime, comment, command, program, all };
std::string_view to_string(Trigger trigger);

}  // namespace yagura::modules::livestatus
