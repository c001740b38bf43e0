#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <yagura/core/clock.hpp>
#include <yagura/model/checkable.hpp>
#include <yagura/model/macros.hpp>

namespace yagura::model {

struct Config;
struct Contact;
struct Host;
struct Service;

// The notification being sent, for $NOTIFICATION...$ macros.
struct NotificationInfo {
    std::string_view type;  // PROBLEM, RECOVERY, ACKNOWLEDGEMENT, FLAPPINGSTART, DOWNTIMESTART...
    int number = 0;         // $NOTIFICATIONNUMBER$; 0: the object's current_notification_number
    std::uint64_t id = 0;
    std::string_view recipients;  // comma-separated contact names
    bool escalated = false;
    std::string_view author;  // of the acknowledgement or downtime that caused it
    std::string_view author_name;
    std::string_view author_alias;
    std::string_view comment;
};

// Everything a macro may read. The time is given, never read from the wall clock: the engine
// passes its clock's now.
struct MacroContext {
    const Config* config = nullptr;  // required: pool, globals, resources, groups
    const Host* host = nullptr;      // a service's host too
    const Service* service = nullptr;
    const Contact* contact = nullptr;
    const NotificationInfo* notification = nullptr;
    std::span<const std::string> args;  // $ARG1$... (expanded already)
    core::EpochSeconds now = 0;
    // Values of these macros are cleaned of the global illegal_macro_output_chars, as Nagios
    // does for commands it runs through a shell. Turn off for display.
    bool strip_illegal_chars = true;
};

// Resolves the standard macros of Nagios 4 and Shinken, $ARGn$, $USERn$ and every resource
// macro, custom variables ($_HOSTX$, $_SERVICEX$, $_CONTACTX$) and on-demand macros naming
// another object ($HOSTSTATE:web1$, $SERVICEOUTPUT:web1:HTTP$, $CONTACTEMAIL:alice$). Group
// macros use the resolved links (hostgroups, servicegroups, contactgroups, members).
class StandardMacros final : public MacroResolver {
public:
    explicit StandardMacros(const MacroContext& context) : ctx_(context) {}
    bool resolve(const MacroRef& macro, std::string& out) const override;

private:
    bool standard(const MacroRef& macro, const Host* host, const Service* service,
                  const Contact* contact, std::string& out) const;
    bool on_demand(const MacroRef& macro, std::string& out) const;

    const MacroContext& ctx_;
};

// The command line to run for a reference: the command's compiled line expanded with the
// reference's arguments, themselves expanded first (Nagios expands macros in $ARGn$ values).
// `call.command` must be resolved and compile_command_lines() done.
std::string expand_command_call(const CommandCall& call, MacroContext context);

// Nagios' date formats for $DATE$, $SHORTDATETIME$, $LONGDATETIME$, $TIME$ in local time.
std::string format_macro_time(MacroCode code, core::EpochSeconds t, int date_format);

}  // namespace yagura::model
