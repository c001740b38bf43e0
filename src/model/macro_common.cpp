// Values of the macros hosts and services share ($HOSTATTEMPT$ and $SERVICEATTEMPT$ read the
// same Checkable field).

#include <algorithm>
#include <cinttypes>
#include <cstdio>

#include "macro_values.hpp"

namespace yagura::model::detail {

namespace {

using MC = MacroCode;

// Nagios' $HOSTDURATION$: "0d 2h 13m 5s".
void append_duration(std::string& out, EpochSeconds now, EpochSeconds since) {
    auto d = static_cast<std::int64_t>(now - since);
    if (d < 0) {
        d = 0;
    }
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "%" PRId64 "d %" PRId64 "h %" PRId64 "m %" PRId64 "s",
                  d / 86400, d % 86400 / 3600, d % 3600 / 60, d % 60);
    out += buffer;
}

// The macros hosts and services both have, read from the Checkable part.
enum class Common {
    none,
    attempt,
    max_attempts,
    event_id,
    last_event_id,
    problem_id,
    last_problem_id,
    latency,
    execution_time,
    duration,
    duration_sec,
    downtime,
    percent_change,
    last_check,
    last_state_change,
    output,
    long_output,
    perf_data,
    last_perf_data,
    check_command,
    check_type,
    ack_author,
    ack_author_name,
    ack_author_alias,
    ack_comment,
    action_url,
    notes_url,
    notes,
    business_impact,
    notification_number,
    notification_id,
    notification_enabled,
    notification_period,
};

Common common_of(MacroCode code) {
    switch (code) {
        case MC::HOSTATTEMPT:
        case MC::SERVICEATTEMPT:
            return Common::attempt;
        case MC::MAXHOSTATTEMPTS:
        case MC::MAXSERVICEATTEMPTS:
            return Common::max_attempts;
        case MC::HOSTEVENTID:
        case MC::SERVICEEVENTID:
            return Common::event_id;
        case MC::LASTHOSTEVENTID:
        case MC::LASTSERVICEEVENTID:
            return Common::last_event_id;
        case MC::HOSTPROBLEMID:
        case MC::SERVICEPROBLEMID:
            return Common::problem_id;
        case MC::LASTHOSTPROBLEMID:
        case MC::LASTSERVICEPROBLEMID:
            return Common::last_problem_id;
        case MC::HOSTLATENCY:
        case MC::SERVICELATENCY:
            return Common::latency;
        case MC::HOSTEXECUTIONTIME:
        case MC::SERVICEEXECUTIONTIME:
            return Common::execution_time;
        case MC::HOSTDURATION:
        case MC::SERVICEDURATION:
            return Common::duration;
        case MC::HOSTDURATIONSEC:
        case MC::SERVICEDURATIONSEC:
            return Common::duration_sec;
        case MC::HOSTDOWNTIME:
        case MC::SERVICEDOWNTIME:
            return Common::downtime;
        case MC::HOSTPERCENTCHANGE:
        case MC::SERVICEPERCENTCHANGE:
            return Common::percent_change;
        case MC::LASTHOSTCHECK:
        case MC::LASTSERVICECHECK:
            return Common::last_check;
        case MC::LASTHOSTSTATECHANGE:
        case MC::LASTSERVICESTATECHANGE:
            return Common::last_state_change;
        case MC::HOSTOUTPUT:
        case MC::SERVICEOUTPUT:
            return Common::output;
        case MC::LONGHOSTOUTPUT:
        case MC::LONGSERVICEOUTPUT:
            return Common::long_output;
        case MC::HOSTPERFDATA:
        case MC::SERVICEPERFDATA:
            return Common::perf_data;
        case MC::LASTHOSTPERFDATA:
        case MC::LASTSERVICEPERFDATA:
            return Common::last_perf_data;
        case MC::HOSTCHECKCOMMAND:
        case MC::SERVICECHECKCOMMAND:
            return Common::check_command;
        case MC::HOSTCHECKTYPE:
        case MC::SERVICECHECKTYPE:
            return Common::check_type;
        case MC::HOSTACKAUTHOR:
        case MC::SERVICEACKAUTHOR:
            return Common::ack_author;
        case MC::HOSTACKAUTHORNAME:
        case MC::SERVICEACKAUTHORNAME:
            return Common::ack_author_name;
        case MC::HOSTACKAUTHORALIAS:
        case MC::SERVICEACKAUTHORALIAS:
            return Common::ack_author_alias;
        case MC::HOSTACKCOMMENT:
        case MC::SERVICEACKCOMMENT:
            return Common::ack_comment;
        case MC::HOSTACTIONURL:
        case MC::SERVICEACTIONURL:
            return Common::action_url;
        case MC::HOSTNOTESURL:
        case MC::SERVICENOTESURL:
            return Common::notes_url;
        case MC::HOSTNOTES:
        case MC::SERVICENOTES:
            return Common::notes;
        case MC::HOSTBUSINESSIMPACT:
        case MC::SERVICEBUSINESSIMPACT:
            return Common::business_impact;
        case MC::HOSTNOTIFICATIONNUMBER:
        case MC::SERVICENOTIFICATIONNUMBER:
            return Common::notification_number;
        case MC::HOSTNOTIFICATIONID:
        case MC::SERVICENOTIFICATIONID:
            return Common::notification_id;
        case MC::HOSTNOTIFICATIONENABLED:
        case MC::SERVICENOTIFICATIONENABLED:
            return Common::notification_enabled;
        case MC::HOSTNOTIFICATIONPERIOD:
        case MC::SERVICENOTIFICATIONPERIOD:
            return Common::notification_period;
        default:
            return Common::none;
    }
}

bool common_value(Common which, const Checkable& c, const Config& cfg, EpochSeconds now,
                  std::string& out) {
    const StringPool& pool = cfg.pool;
    const Acknowledgement* ack =
        c.problem_has_been_acknowledged && c.acknowledgement ? &*c.acknowledgement : nullptr;
    switch (which) {
        case Common::none:
            return false;
        case Common::attempt:
            append_number(out, c.attempt);
            return true;
        case Common::max_attempts:
            append_number(out, c.max_check_attempts);
            return true;
        case Common::event_id:
            append_number(out, static_cast<std::int64_t>(c.current_event_id));
            return true;
        case Common::last_event_id:
            append_number(out, static_cast<std::int64_t>(c.last_event_id));
            return true;
        case Common::problem_id:
            append_number(out, static_cast<std::int64_t>(c.current_problem_id));
            return true;
        case Common::last_problem_id:
            append_number(out, static_cast<std::int64_t>(c.last_problem_id));
            return true;
        case Common::latency:
            append_fixed(out, c.latency, 3);
            return true;
        case Common::execution_time:
            append_fixed(out, c.execution_time, 3);
            return true;
        case Common::duration:
            append_duration(out, now, c.last_state_change);
            return true;
        case Common::duration_sec:
            append_number(out, static_cast<std::int64_t>(std::max(0.0, now - c.last_state_change)));
            return true;
        case Common::downtime:
            append_number(out, c.scheduled_downtime_depth);
            return true;
        case Common::percent_change:
            append_fixed(out, c.percent_state_change, 2);
            return true;
        case Common::last_check:
            append_time(out, c.last_chk);
            return true;
        case Common::last_state_change:
            append_time(out, c.last_state_change);
            return true;
        case Common::output:
            out += c.output;
            return true;
        case Common::long_output:
            out += c.long_output;
            return true;
        case Common::perf_data:
            out += c.perf_data;
            return true;
        case Common::last_perf_data:
            out += c.last_perf_data;
            return true;
        case Common::check_command:
            out += pool.str(c.check_command);
            return true;
        case Common::check_type:
            out += check_type_name(c.check_type);
            return true;
        case Common::ack_author:
        case Common::ack_author_name:
            if (ack != nullptr) {
                out += ack->author;
            }
            return true;
        case Common::ack_author_alias:
            if (ack != nullptr) {
                Index i = cfg.contacts.find(ack->author, pool);
                out +=
                    i == kNoIndex ? std::string_view(ack->author) : pool.str(cfg.contacts[i].alias);
            }
            return true;
        case Common::ack_comment:
            if (ack != nullptr) {
                out += ack->comment;
            }
            return true;
        case Common::action_url:
            out += pool.str(c.action_url);
            return true;
        case Common::notes_url:
            out += pool.str(c.notes_url);
            return true;
        case Common::notes:
            out += pool.str(c.notes);
            return true;
        case Common::business_impact:
            append_number(out, c.business_impact);
            return true;
        case Common::notification_number:
            append_number(out, c.current_notification_number);
            return true;
        case Common::notification_id:
            append_number(out, static_cast<std::int64_t>(c.current_notification_id));
            return true;
        case Common::notification_enabled:
            out += c.notifications_enabled ? "YES" : "NO";
            return true;
        case Common::notification_period:
            out += pool.str(c.notification_period);
            return true;
    }
    return false;
}

}  // namespace

bool checkable_value(MacroCode code, const Checkable& c, const Config& cfg, EpochSeconds now,
                     std::string& out) {
    return common_value(common_of(code), c, cfg, now, out);
}

}  // namespace yagura::model::detail
