#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// `$MACRO$` text: compiled once into literal pieces and macro references, expanded many times
// through a MacroResolver. Rules, as Nagios 4 has them:
//   - `$$` is a literal `$`;
//   - an unknown macro, or a known one without the object it reads (a $SERVICEDESC$ in a host
//     check), is left verbatim, `$NAME$` included, and logged at debug level;
//   - a lone `$` with no closing one stays as written;
//   - $ARGn$ (n = 1..32) and $USERn$ (n = 1..256) that are not set expand to "".
// The standard macros of Nagios 4 and Shinken are resolved by StandardMacros
// (macro_resolver.hpp); compile-time classification is here so the engine compiles each
// command line once per configuration and pays only for the lookups per check.
namespace yagura::model {

// The standard macros (Nagios 4 names). `none` marks the other kinds of MacroRef.
enum class MacroCode : std::uint16_t {
    none,
    // host
    HOSTNAME,
    HOSTDISPLAYNAME,
    HOSTALIAS,
    HOSTADDRESS,
    HOSTSTATE,
    HOSTSTATEID,
    LASTHOSTSTATE,
    LASTHOSTSTATEID,
    HOSTSTATETYPE,
    HOSTATTEMPT,
    MAXHOSTATTEMPTS,
    HOSTEVENTID,
    LASTHOSTEVENTID,
    HOSTPROBLEMID,
    LASTHOSTPROBLEMID,
    HOSTLATENCY,
    HOSTEXECUTIONTIME,
    HOSTDURATION,
    HOSTDURATIONSEC,
    HOSTDOWNTIME,
    HOSTPERCENTCHANGE,
    HOSTGROUPNAME,
    HOSTGROUPNAMES,
    LASTHOSTCHECK,
    LASTHOSTSTATECHANGE,
    LASTHOSTUP,
    LASTHOSTDOWN,
    LASTHOSTUNREACHABLE,
    HOSTOUTPUT,
    LONGHOSTOUTPUT,
    HOSTPERFDATA,
    LASTHOSTPERFDATA,
    HOSTCHECKCOMMAND,
    HOSTCHECKTYPE,
    HOSTACKAUTHOR,
    HOSTACKAUTHORNAME,
    HOSTACKAUTHORALIAS,
    HOSTACKCOMMENT,
    HOSTACTIONURL,
    HOSTNOTESURL,
    HOSTNOTES,
    HOSTREALM,
    HOSTBUSINESSIMPACT,
    HOSTNOTIFICATIONNUMBER,
    HOSTNOTIFICATIONID,
    HOSTNOTIFICATIONENABLED,
    HOSTNOTIFICATIONPERIOD,
    TOTALHOSTSERVICES,
    TOTALHOSTSERVICESOK,
    TOTALHOSTSERVICESWARNING,
    TOTALHOSTSERVICESUNKNOWN,
    TOTALHOSTSERVICESCRITICAL,
    // host group (the host's first group, or the one named on demand)
    HOSTGROUPALIAS,
    HOSTGROUPMEMBERS,
    HOSTGROUPNOTES,
    HOSTGROUPNOTESURL,
    HOSTGROUPACTIONURL,
    // service
    SERVICEDESC,
    SERVICEDISPLAYNAME,
    SERVICESTATE,
    SERVICESTATEID,
    LASTSERVICESTATE,
    LASTSERVICESTATEID,
    SERVICESTATETYPE,
    SERVICEATTEMPT,
    MAXSERVICEATTEMPTS,
    SERVICEISVOLATILE,
    SERVICEEVENTID,
    LASTSERVICEEVENTID,
    SERVICEPROBLEMID,
    LASTSERVICEPROBLEMID,
    SERVICELATENCY,
    SERVICEEXECUTIONTIME,
    SERVICEDURATION,
    SERVICEDURATIONSEC,
    SERVICEDOWNTIME,
    SERVICEPERCENTCHANGE,
    SERVICEGROUPNAME,
    SERVICEGROUPNAMES,
    LASTSERVICECHECK,
    LASTSERVICESTATECHANGE,
    LASTSERVICEOK,
    LASTSERVICEWARNING,
    LASTSERVICEUNKNOWN,
    LASTSERVICECRITICAL,
    SERVICEOUTPUT,
    LONGSERVICEOUTPUT,
    SERVICEPERFDATA,
    LASTSERVICEPERFDATA,
    SERVICECHECKCOMMAND,
    SERVICECHECKTYPE,
    SERVICEACKAUTHOR,
    SERVICEACKAUTHORNAME,
    SERVICEACKAUTHORALIAS,
    SERVICEACKCOMMENT,
    SERVICEACTIONURL,
    SERVICENOTESURL,
    SERVICENOTES,
    SERVICEBUSINESSIMPACT,
    SERVICENOTIFICATIONNUMBER,
    SERVICENOTIFICATIONID,
    SERVICENOTIFICATIONENABLED,
    SERVICENOTIFICATIONPERIOD,
    // service group
    SERVICEGROUPALIAS,
    SERVICEGROUPMEMBERS,
    SERVICEGROUPNOTES,
    SERVICEGROUPNOTESURL,
    SERVICEGROUPACTIONURL,
    // contact
    CONTACTNAME,
    CONTACTALIAS,
    CONTACTEMAIL,
    CONTACTPAGER,
    CONTACTADDRESS1,
    CONTACTADDRESS2,
    CONTACTADDRESS3,
    CONTACTADDRESS4,
    CONTACTADDRESS5,
    CONTACTADDRESS6,
    CONTACTGROUPNAME,
    CONTACTGROUPNAMES,
    // contact group
    CONTACTGROUPALIAS,
    CONTACTGROUPMEMBERS,
    // notification
    NOTIFICATIONTYPE,
    NOTIFICATIONNUMBER,
    NOTIFICATIONID,
    NOTIFICATIONRECIPIENTS,
    NOTIFICATIONISESCALATED,
    NOTIFICATIONAUTHOR,
    NOTIFICATIONAUTHORNAME,
    NOTIFICATIONAUTHORALIAS,
    NOTIFICATIONCOMMENT,
    // date and time
    LONGDATETIME,
    SHORTDATETIME,
    DATE,
    TIME,
    TIMET,
    // program
    ADMINEMAIL,
    ADMINPAGER,
    COMMANDFILE,
    RESOURCEFILE,
    count_
};

// What a macro reference is, decided when the text is compiled.
enum class MacroKind : std::uint8_t {
    standard,        // a MacroCode
    argument,        // $ARGn$
    user,            // $USERn$
    custom_host,     // $_HOSTname$
    custom_service,  // $_SERVICEname$
    custom_contact,  // $_CONTACTname$
    other,           // anything else: a resource macro ($PLUGINSDIR$) or unknown
};

struct MacroRef {
    MacroKind kind = MacroKind::other;
    MacroCode code = MacroCode::none;
    std::uint16_t number = 0;  // n of $ARGn$ / $USERn$
    std::string raw;           // the text between the dollars, for verbatim output
    std::string name;          // macro name without on-demand arguments; custom: variable name
    std::string arg1;          // on-demand arguments: $HOSTSTATE:web1$, $SERVICESTATE:web1:HTTP$
    std::string arg2;
    bool on_demand = false;
    bool is_volatile = true;  // its value can change between two expansions (state, time)
};

// The name and flags of a standard macro.
struct MacroInfo {
    std::string_view name;
    MacroCode code;
    bool is_volatile;  // depends on state, time or the notification, not only configuration
    bool cleanable;    // output-like: illegal_macro_output_chars are stripped from its value
};
std::span<const MacroInfo> standard_macros();
const MacroInfo* find_standard_macro(std::string_view name);
const MacroInfo& macro_info(MacroCode code);

// Classifies the text between two dollars.
MacroRef classify_macro(std::string_view text);

// Text compiled into literal pieces and macro references.
class CompiledText {
public:
    CompiledText() = default;
    static CompiledText compile(std::string_view text);

    bool has_macros() const { return !macros_.empty(); }
    // Whether some macro here can change between expansions (state, output, time).
    bool is_volatile() const;
    const std::vector<MacroRef>& macros() const { return macros_; }

    // Piece i is either literal text or the macro macros()[piece(i).macro].
    struct Piece {
        std::uint32_t begin = 0;
        std::uint32_t end = 0;
        std::int32_t macro = -1;  // -1: literal text_[begin, end)
    };
    std::span<const Piece> pieces() const { return pieces_; }
    std::string_view literal(const Piece& p) const {
        return std::string_view(text_).substr(p.begin, p.end - p.begin);
    }

private:
    std::string text_;
    std::vector<Piece> pieces_;
    std::vector<MacroRef> macros_;
};

class MacroResolver {
public:
    virtual ~MacroResolver() = default;
    // Appends the macro's value to `out` and returns true; returns false (appending nothing)
    // when the macro is unknown or its object is missing, so it stays verbatim.
    virtual bool resolve(const MacroRef& macro, std::string& out) const = 0;
};

// Appends the expansion of `text` to `out`.
void expand(const CompiledText& text, const MacroResolver& resolver, std::string& out);
std::string expand_macros(std::string_view text, const MacroResolver& resolver);

// Replaces the macros that do not change at run time by their values, keeping volatile
// ones: what the scheduler can do once per configuration for each check command.
CompiledText partially_expand(const CompiledText& text, const MacroResolver& resolver);

// `check_http!80!/a\!b` -> name "check_http", args {"80", "/a!b"}: arguments are separated by
// `!`, and `\!` is a literal `!` inside an argument (Nagios' rule; other backslashes stay).
struct CommandLineCall {
    std::string_view name;
    std::vector<std::string> args;
};
CommandLineCall split_command_call(std::string_view text);

}  // namespace yagura::model
