#include <cstdio>
#include <ctime>

#include <yagura/model/config.hpp>
#include <yagura/model/macro_resolver.hpp>

#include "macro_values.hpp"

namespace yagura::model {

namespace {

using MC = MacroCode;

enum class Family {
    host,
    hostgroup,
    service,
    servicegroup,
    contact,
    contactgroup,
    notification,
    time,
    program
};

Family family_of(MacroCode code) {
    auto in = [code](MacroCode first, MacroCode last) { return code >= first && code <= last; };
    if (in(MC::HOSTNAME, MC::TOTALHOSTSERVICESCRITICAL))
        return Family::host;
    if (in(MC::HOSTGROUPALIAS, MC::HOSTGROUPACTIONURL))
        return Family::hostgroup;
    if (in(MC::SERVICEDESC, MC::SERVICENOTIFICATIONPERIOD))
        return Family::service;
    if (in(MC::SERVICEGROUPALIAS, MC::SERVICEGROUPACTIONURL))
        return Family::servicegroup;
    if (in(MC::CONTACTNAME, MC::CONTACTGROUPNAMES))
        return Family::contact;
    if (in(MC::CONTACTGROUPALIAS, MC::CONTACTGROUPMEMBERS))
        return Family::contactgroup;
    if (in(MC::NOTIFICATIONTYPE, MC::NOTIFICATIONCOMMENT))
        return Family::notification;
    if (in(MC::LONGDATETIME, MC::TIMET))
        return Family::time;
    return Family::program;
}

// Nagios removes illegal_macro_output_chars from output-like macros of commands it runs.
void strip_chars(std::string& out, std::size_t from, std::string_view illegal) {
    if (illegal.empty()) {
        return;
    }
    std::size_t w = from;
    for (std::size_t r = from; r < out.size(); ++r) {
        if (illegal.find(out[r]) == std::string_view::npos) {
            out[w++] = out[r];
        }
    }
    out.resize(w);
}

bool notification_value(MacroCode code, const NotificationInfo& n, const Checkable* object,
                        std::string& out) {
    switch (code) {
        case MC::NOTIFICATIONTYPE:
            out += n.type;
            return true;
        case MC::NOTIFICATIONNUMBER:
            out += std::to_string(n.number != 0 || object == nullptr
                                      ? n.number
                                      : object->current_notification_number);
            return true;
        case MC::NOTIFICATIONID:
            out += std::to_string(n.id);
            return true;
        case MC::NOTIFICATIONRECIPIENTS:
            out += n.recipients;
            return true;
        case MC::NOTIFICATIONISESCALATED:
            out += n.escalated ? '1' : '0';
            return true;
        case MC::NOTIFICATIONAUTHOR:
            out += n.author;
            return true;
        case MC::NOTIFICATIONAUTHORNAME:
            out += n.author_name.empty() ? n.author : n.author_name;
            return true;
        case MC::NOTIFICATIONAUTHORALIAS:
            out += n.author_alias.empty() ? n.author : n.author_alias;
            return true;
        case MC::NOTIFICATIONCOMMENT:
            out += n.comment;
            return true;
        default:
            return false;
    }
}

const Host* host_of(const MacroContext& ctx) {
    if (ctx.host != nullptr || ctx.service == nullptr) {
        return ctx.host;
    }
    Index i = ctx.service->service_links.host;
    return i == kNoIndex ? nullptr : &ctx.config->hosts[i];
}

}  // namespace

std::string format_macro_time(MacroCode code, core::EpochSeconds t, int date_format) {
    static constexpr const char* kWeekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto raw = static_cast<std::time_t>(t);
    std::tm tm{};
    localtime_r(&raw, &tm);
    const int y = tm.tm_year + 1900, mo = tm.tm_mon + 1, d = tm.tm_mday;
    const auto format = static_cast<DateFormat>(date_format);
    char buffer[96];
    switch (code) {
        case MC::LONGDATETIME:  // ctime style: "Fri Oct 13 00:30:28 CEST 2000"
            std::snprintf(buffer, sizeof buffer, "%s %s %d %02d:%02d:%02d %s %d",
                          kWeekdays[tm.tm_wday], kMonths[tm.tm_mon], d, tm.tm_hour, tm.tm_min,
                          tm.tm_sec, tm.tm_zone, y);
            break;
        case MC::SHORTDATETIME:
        case MC::DATE: {
            char date[32];
            if (format == DateFormat::euro) {
                std::snprintf(date, sizeof date, "%02d-%02d-%04d", d, mo, y);
            } else if (format == DateFormat::iso8601 || format == DateFormat::strict_iso8601) {
                std::snprintf(date, sizeof date, "%04d-%02d-%02d", y, mo, d);
            } else {
                std::snprintf(date, sizeof date, "%02d-%02d-%04d", mo, d, y);
            }
            if (code == MC::DATE) {
                return date;
            }
            std::snprintf(buffer, sizeof buffer, "%s%c%02d:%02d:%02d", date,
                          format == DateFormat::strict_iso8601 ? 'T' : ' ', tm.tm_hour, tm.tm_min,
                          tm.tm_sec);
            break;
        }
        case MC::TIME:
            std::snprintf(buffer, sizeof buffer, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min,
                          tm.tm_sec);
            break;
        default:  // TIMET
            return std::to_string(static_cast<long long>(raw));
    }
    return buffer;
}

bool StandardMacros::resolve(const MacroRef& macro, std::string& out) const {
    const Config& cfg = *ctx_.config;
    switch (macro.kind) {
        case MacroKind::argument:
            if (macro.number <= ctx_.args.size()) {
                out += ctx_.args[macro.number - 1];
            }
            return true;  // an argument not given is empty, as in Nagios
        case MacroKind::user:
            if (auto value = cfg.resource(macro.name)) {
                out += *value;
            }
            return true;
        case MacroKind::custom_host:
        case MacroKind::custom_service:
        case MacroKind::custom_contact: {
            const ObjectHeader* obj = nullptr;
            if (macro.kind == MacroKind::custom_host) {
                Index i = macro.on_demand ? cfg.hosts.find(macro.arg1, cfg.pool) : kNoIndex;
                obj = macro.on_demand ? (i == kNoIndex ? nullptr : &cfg.hosts[i]) : host_of(ctx_);
            } else if (macro.kind == MacroKind::custom_service) {
                obj = ctx_.service;
            } else {
                Index i = macro.on_demand ? cfg.contacts.find(macro.arg1, cfg.pool) : kNoIndex;
                obj = macro.on_demand ? (i == kNoIndex ? nullptr : &cfg.contacts[i]) : ctx_.contact;
            }
            if (obj == nullptr) {
                return false;
            }
            if (auto value = custom_var(*obj, macro.name, cfg.pool)) {
                out += *value;
            }
            return true;
        }
        case MacroKind::other:
            if (auto value = cfg.resource(macro.name); value && !macro.on_demand) {
                out += *value;
                return true;
            }
            return false;
        case MacroKind::standard:
            break;
    }
    const std::size_t start = out.size();
    const bool found = macro.on_demand
                           ? on_demand(macro, out)
                           : standard(macro, host_of(ctx_), ctx_.service, ctx_.contact, out);
    if (found && ctx_.strip_illegal_chars && macro_info(macro.code).cleanable) {
        strip_chars(out, start, cfg.pool.str(cfg.globals.illegal_macro_output_chars));
    }
    if (!found) {
        out.resize(start);
    }
    return found;
}

bool StandardMacros::standard(const MacroRef& macro, const Host* host, const Service* service,
                              const Contact* contact, std::string& out) const {
    const Config& cfg = *ctx_.config;
    const MacroCode code = macro.code;
    auto first_group = [&](IndexList linked, SymbolList written, const auto& table) {
        using Group = std::decay_t<decltype(table[0])>;
        const Group* g = nullptr;
        if (!linked.list.empty()) {
            g = &table[cfg.pool.list(linked.list).front()];
        } else if (!written.list.empty()) {
            Index i = table.find(cfg.pool.symbols(written.list)[0]);
            g = i == kNoIndex ? nullptr : &table[i];
        }
        return g;
    };
    switch (family_of(code)) {
        case Family::host:
            return host != nullptr && detail::host_value(code, *host, cfg, ctx_.now, out);
        case Family::service:
            return service != nullptr && detail::service_value(code, *service, cfg, ctx_.now, out);
        case Family::contact:
            return contact != nullptr && detail::contact_value(code, *contact, cfg, out);
        case Family::hostgroup: {
            const HostGroup* g = host == nullptr ? nullptr
                                                 : first_group(host->host_links.hostgroups,
                                                               host->hostgroups, cfg.hostgroups);
            return g != nullptr && detail::hostgroup_value(code, *g, cfg, out);
        }
        case Family::servicegroup: {
            const ServiceGroup* g = service == nullptr
                                        ? nullptr
                                        : first_group(service->service_links.servicegroups,
                                                      service->servicegroups, cfg.servicegroups);
            return g != nullptr && detail::servicegroup_value(code, *g, cfg, out);
        }
        case Family::contactgroup: {
            const ContactGroup* g = contact == nullptr
                                        ? nullptr
                                        : first_group(contact->links.contactgroups,
                                                      contact->contactgroups, cfg.contactgroups);
            return g != nullptr && detail::contactgroup_value(code, *g, cfg, out);
        }
        case Family::notification: {
            const Checkable* object =
                service != nullptr ? static_cast<const Checkable*>(service) : host;
            return ctx_.notification != nullptr &&
                   notification_value(code, *ctx_.notification, object, out);
        }
        case Family::time:
            out += format_macro_time(code, ctx_.now, static_cast<int>(cfg.globals.date_format));
            return true;
        case Family::program:
            switch (code) {
                case MC::ADMINEMAIL:
                    out += cfg.pool.str(cfg.globals.admin_email);
                    return true;
                case MC::ADMINPAGER:
                    out += cfg.pool.str(cfg.globals.admin_pager);
                    return true;
                case MC::COMMANDFILE:
                    out += cfg.pool.str(cfg.globals.command_file);
                    return true;
                case MC::RESOURCEFILE: {
                    auto files = cfg.pool.symbols(cfg.globals.resource_file.list);
                    out += files.empty() ? std::string_view{} : cfg.pool.str(files[0]);
                    return true;
                }
                default:
                    return false;
            }
    }
    return false;
}

// $HOSTSTATE:web1$, $SERVICEOUTPUT:web1:HTTP$ ($SERVICEOUTPUT::HTTP$: the context's host),
// $CONTACTEMAIL:alice$, $HOSTGROUPALIAS:linux$.
bool StandardMacros::on_demand(const MacroRef& macro, std::string& out) const {
    const Config& cfg = *ctx_.config;
    const MacroCode code = macro.code;
    switch (family_of(code)) {
        case Family::host: {
            Index i = cfg.hosts.find(macro.arg1, cfg.pool);
            return i != kNoIndex && macro.arg2.empty() &&
                   detail::host_value(code, cfg.hosts[i], cfg, ctx_.now, out);
        }
        case Family::service: {
            const Host* host = macro.arg1.empty() ? host_of(ctx_) : nullptr;
            Symbol host_name = host != nullptr ? host->host_name : Symbol{};
            if (host == nullptr) {
                auto found = cfg.pool.find(macro.arg1);
                host_name = found ? *found : Symbol{};
            }
            auto desc = cfg.pool.find(macro.arg2);
            Index i = desc && !host_name.empty() ? cfg.services.find(host_name, *desc) : kNoIndex;
            return i != kNoIndex &&
                   detail::service_value(code, cfg.services[i], cfg, ctx_.now, out);
        }
        case Family::contact: {
            Index i = cfg.contacts.find(macro.arg1, cfg.pool);
            return i != kNoIndex && detail::contact_value(code, cfg.contacts[i], cfg, out);
        }
        case Family::hostgroup: {
            Index i = cfg.hostgroups.find(macro.arg1, cfg.pool);
            return i != kNoIndex && detail::hostgroup_value(code, cfg.hostgroups[i], cfg, out);
        }
        case Family::servicegroup: {
            Index i = cfg.servicegroups.find(macro.arg1, cfg.pool);
            return i != kNoIndex &&
                   detail::servicegroup_value(code, cfg.servicegroups[i], cfg, out);
        }
        case Family::contactgroup: {
            Index i = cfg.contactgroups.find(macro.arg1, cfg.pool);
            return i != kNoIndex &&
                   detail::contactgroup_value(code, cfg.contactgroups[i], cfg, out);
        }
        default:
            return false;
    }
}

std::string expand_command_call(const CommandCall& call, MacroContext context) {
    const Config& cfg = *context.config;
    std::vector<std::string> args;
    StandardMacros resolver(context);
    for (Symbol arg : cfg.pool.symbols(call.args.list)) {
        std::string_view text = cfg.pool.str(arg);
        args.push_back(text.find('$') == std::string_view::npos ? std::string(text)
                                                                : expand_macros(text, resolver));
    }
    context.args = args;
    std::string out;
    if (call.command != kNoIndex) {
        StandardMacros with_args(context);
        expand(cfg.commands[call.command].compiled_line, with_args, out);
    }
    return out;
}

}  // namespace yagura::model
