#include <algorithm>
#include <array>
#include <charconv>
#include <optional>

#include <yagura/core/logging.hpp>
#include <yagura/model/macros.hpp>

namespace yagura::model {

namespace {

constexpr int kMaxArguments = 32;    // Nagios' MAX_COMMAND_ARGUMENTS
constexpr int kMaxUserMacros = 256;  // Nagios' MAX_USER_MACROS

using M = MacroCode;

// name, code, volatile (depends on state, time or the notification), cleanable (output-like)
constexpr MacroInfo kMacros[] = {
    {"HOSTNAME", M::HOSTNAME, false, false},
    {"HOSTDISPLAYNAME", M::HOSTDISPLAYNAME, false, false},
    {"HOSTALIAS", M::HOSTALIAS, false, false},
    {"HOSTADDRESS", M::HOSTADDRESS, false, false},
    {"HOSTSTATE", M::HOSTSTATE, true, false},
    {"HOSTSTATEID", M::HOSTSTATEID, true, false},
    {"LASTHOSTSTATE", M::LASTHOSTSTATE, true, false},
    {"LASTHOSTSTATEID", M::LASTHOSTSTATEID, true, false},
    {"HOSTSTATETYPE", M::HOSTSTATETYPE, true, false},
    {"HOSTATTEMPT", M::HOSTATTEMPT, true, false},
    {"MAXHOSTATTEMPTS", M::MAXHOSTATTEMPTS, true, false},
    {"HOSTEVENTID", M::HOSTEVENTID, true, false},
    {"LASTHOSTEVENTID", M::LASTHOSTEVENTID, true, false},
    {"HOSTPROBLEMID", M::HOSTPROBLEMID, true, false},
    {"LASTHOSTPROBLEMID", M::LASTHOSTPROBLEMID, true, false},
    {"HOSTLATENCY", M::HOSTLATENCY, true, false},
    {"HOSTEXECUTIONTIME", M::HOSTEXECUTIONTIME, true, false},
    {"HOSTDURATION", M::HOSTDURATION, true, false},
    {"HOSTDURATIONSEC", M::HOSTDURATIONSEC, true, false},
    {"HOSTDOWNTIME", M::HOSTDOWNTIME, true, false},
    {"HOSTPERCENTCHANGE", M::HOSTPERCENTCHANGE, true, false},
    {"HOSTGROUPNAME", M::HOSTGROUPNAME, false, false},
    {"HOSTGROUPNAMES", M::HOSTGROUPNAMES, false, false},
    {"LASTHOSTCHECK", M::LASTHOSTCHECK, true, false},
    {"LASTHOSTSTATECHANGE", M::LASTHOSTSTATECHANGE, true, false},
    {"LASTHOSTUP", M::LASTHOSTUP, true, false},
    {"LASTHOSTDOWN", M::LASTHOSTDOWN, true, false},
    {"LASTHOSTUNREACHABLE", M::LASTHOSTUNREACHABLE, true, false},
    {"HOSTOUTPUT", M::HOSTOUTPUT, true, true},
    {"LONGHOSTOUTPUT", M::LONGHOSTOUTPUT, true, true},
    {"HOSTPERFDATA", M::HOSTPERFDATA, true, true},
    {"LASTHOSTPERFDATA", M::LASTHOSTPERFDATA, true, true},
    {"HOSTCHECKCOMMAND", M::HOSTCHECKCOMMAND, true, false},
    {"HOSTCHECKTYPE", M::HOSTCHECKTYPE, true, false},
    {"HOSTACKAUTHOR", M::HOSTACKAUTHOR, true, true},
    {"HOSTACKAUTHORNAME", M::HOSTACKAUTHORNAME, true, true},
    {"HOSTACKAUTHORALIAS", M::HOSTACKAUTHORALIAS, true, true},
    {"HOSTACKCOMMENT", M::HOSTACKCOMMENT, true, true},
    {"HOSTACTIONURL", M::HOSTACTIONURL, false, false},
    {"HOSTNOTESURL", M::HOSTNOTESURL, false, false},
    {"HOSTNOTES", M::HOSTNOTES, false, false},
    {"HOSTREALM", M::HOSTREALM, false, false},
    {"HOSTBUSINESSIMPACT", M::HOSTBUSINESSIMPACT, false, false},
    {"HOSTNOTIFICATIONNUMBER", M::HOSTNOTIFICATIONNUMBER, true, false},
    {"HOSTNOTIFICATIONID", M::HOSTNOTIFICATIONID, true, false},
    {"HOSTNOTIFICATIONENABLED", M::HOSTNOTIFICATIONENABLED, true, false},
    {"HOSTNOTIFICATIONPERIOD", M::HOSTNOTIFICATIONPERIOD, true, false},
    {"TOTALHOSTSERVICES", M::TOTALHOSTSERVICES, false, false},
    {"TOTALHOSTSERVICESOK", M::TOTALHOSTSERVICESOK, true, false},
    {"TOTALHOSTSERVICESWARNING", M::TOTALHOSTSERVICESWARNING, true, false},
    {"TOTALHOSTSERVICESUNKNOWN", M::TOTALHOSTSERVICESUNKNOWN, true, false},
    {"TOTALHOSTSERVICESCRITICAL", M::TOTALHOSTSERVICESCRITICAL, true, false},
    {"HOSTGROUPALIAS", M::HOSTGROUPALIAS, false, false},
    {"HOSTGROUPMEMBERS", M::HOSTGROUPMEMBERS, false, false},
    {"HOSTGROUPNOTES", M::HOSTGROUPNOTES, false, false},
    {"HOSTGROUPNOTESURL", M::HOSTGROUPNOTESURL, false, false},
    {"HOSTGROUPACTIONURL", M::HOSTGROUPACTIONURL, false, false},
    {"SERVICEDESC", M::SERVICEDESC, false, false},
    {"SERVICEDISPLAYNAME", M::SERVICEDISPLAYNAME, false, false},
    {"SERVICESTATE", M::SERVICESTATE, true, false},
    {"SERVICESTATEID", M::SERVICESTATEID, true, false},
    {"LASTSERVICESTATE", M::LASTSERVICESTATE, true, false},
    {"LASTSERVICESTATEID", M::LASTSERVICESTATEID, true, false},
    {"SERVICESTATETYPE", M::SERVICESTATETYPE, true, false},
    {"SERVICEATTEMPT", M::SERVICEATTEMPT, true, false},
    {"MAXSERVICEATTEMPTS", M::MAXSERVICEATTEMPTS, true, false},
    {"SERVICEISVOLATILE", M::SERVICEISVOLATILE, false, false},
    {"SERVICEEVENTID", M::SERVICEEVENTID, true, false},
    {"LASTSERVICEEVENTID", M::LASTSERVICEEVENTID, true, false},
    {"SERVICEPROBLEMID", M::SERVICEPROBLEMID, true, false},
    {"LASTSERVICEPROBLEMID", M::LASTSERVICEPROBLEMID, true, false},
    {"SERVICELATENCY", M::SERVICELATENCY, true, false},
    {"SERVICEEXECUTIONTIME", M::SERVICEEXECUTIONTIME, true, false},
    {"SERVICEDURATION", M::SERVICEDURATION, true, false},
    {"SERVICEDURATIONSEC", M::SERVICEDURATIONSEC, true, false},
    {"SERVICEDOWNTIME", M::SERVICEDOWNTIME, true, false},
    {"SERVICEPERCENTCHANGE", M::SERVICEPERCENTCHANGE, true, false},
    {"SERVICEGROUPNAME", M::SERVICEGROUPNAME, false, false},
    {"SERVICEGROUPNAMES", M::SERVICEGROUPNAMES, false, false},
    {"LASTSERVICECHECK", M::LASTSERVICECHECK, true, false},
    {"LASTSERVICESTATECHANGE", M::LASTSERVICESTATECHANGE, true, false},
    {"LASTSERVICEOK", M::LASTSERVICEOK, true, false},
    {"LASTSERVICEWARNING", M::LASTSERVICEWARNING, true, false},
    {"LASTSERVICEUNKNOWN", M::LASTSERVICEUNKNOWN, true, false},
    {"LASTSERVICECRITICAL", M::LASTSERVICECRITICAL, true, false},
    {"SERVICEOUTPUT", M::SERVICEOUTPUT, true, true},
    {"LONGSERVICEOUTPUT", M::LONGSERVICEOUTPUT, true, true},
    {"SERVICEPERFDATA", M::SERVICEPERFDATA, true, true},
    {"LASTSERVICEPERFDATA", M::LASTSERVICEPERFDATA, true, true},
    {"SERVICECHECKCOMMAND", M::SERVICECHECKCOMMAND, true, false},
    {"SERVICECHECKTYPE", M::SERVICECHECKTYPE, true, false},
    {"SERVICEACKAUTHOR", M::SERVICEACKAUTHOR, true, true},
    {"SERVICEACKAUTHORNAME", M::SERVICEACKAUTHORNAME, true, true},
    {"SERVICEACKAUTHORALIAS", M::SERVICEACKAUTHORALIAS, true, true},
    {"SERVICEACKCOMMENT", M::SERVICEACKCOMMENT, true, true},
    {"SERVICEACTIONURL", M::SERVICEACTIONURL, false, false},
    {"SERVICENOTESURL", M::SERVICENOTESURL, false, false},
    {"SERVICENOTES", M::SERVICENOTES, false, false},
    {"SERVICEBUSINESSIMPACT", M::SERVICEBUSINESSIMPACT, false, false},
    {"SERVICENOTIFICATIONNUMBER", M::SERVICENOTIFICATIONNUMBER, true, false},
    {"SERVICENOTIFICATIONID", M::SERVICENOTIFICATIONID, true, false},
    {"SERVICENOTIFICATIONENABLED", M::SERVICENOTIFICATIONENABLED, true, false},
    {"SERVICENOTIFICATIONPERIOD", M::SERVICENOTIFICATIONPERIOD, true, false},
    {"SERVICEGROUPALIAS", M::SERVICEGROUPALIAS, false, false},
    {"SERVICEGROUPMEMBERS", M::SERVICEGROUPMEMBERS, false, false},
    {"SERVICEGROUPNOTES", M::SERVICEGROUPNOTES, false, false},
    {"SERVICEGROUPNOTESURL", M::SERVICEGROUPNOTESURL, false, false},
    {"SERVICEGROUPACTIONURL", M::SERVICEGROUPACTIONURL, false, false},
    {"CONTACTNAME", M::CONTACTNAME, false, false},
    {"CONTACTALIAS", M::CONTACTALIAS, false, false},
    {"CONTACTEMAIL", M::CONTACTEMAIL, false, false},
    {"CONTACTPAGER", M::CONTACTPAGER, false, false},
    {"CONTACTADDRESS1", M::CONTACTADDRESS1, false, false},
    {"CONTACTADDRESS2", M::CONTACTADDRESS2, false, false},
    {"CONTACTADDRESS3", M::CONTACTADDRESS3, false, false},
    {"CONTACTADDRESS4", M::CONTACTADDRESS4, false, false},
    {"CONTACTADDRESS5", M::CONTACTADDRESS5, false, false},
    {"CONTACTADDRESS6", M::CONTACTADDRESS6, false, false},
    {"CONTACTGROUPNAME", M::CONTACTGROUPNAME, false, false},
    {"CONTACTGROUPNAMES", M::CONTACTGROUPNAMES, false, false},
    {"CONTACTGROUPALIAS", M::CONTACTGROUPALIAS, false, false},
    {"CONTACTGROUPMEMBERS", M::CONTACTGROUPMEMBERS, false, false},
    {"NOTIFICATIONTYPE", M::NOTIFICATIONTYPE, true, false},
    {"NOTIFICATIONNUMBER", M::NOTIFICATIONNUMBER, true, false},
    {"NOTIFICATIONID", M::NOTIFICATIONID, true, false},
    {"NOTIFICATIONRECIPIENTS", M::NOTIFICATIONRECIPIENTS, true, false},
    {"NOTIFICATIONISESCALATED", M::NOTIFICATIONISESCALATED, true, false},
    {"NOTIFICATIONAUTHOR", M::NOTIFICATIONAUTHOR, true, true},
    {"NOTIFICATIONAUTHORNAME", M::NOTIFICATIONAUTHORNAME, true, true},
    {"NOTIFICATIONAUTHORALIAS", M::NOTIFICATIONAUTHORALIAS, true, true},
    {"NOTIFICATIONCOMMENT", M::NOTIFICATIONCOMMENT, true, true},
    {"LONGDATETIME", M::LONGDATETIME, true, false},
    {"SHORTDATETIME", M::SHORTDATETIME, true, false},
    {"DATE", M::DATE, true, false},
    {"TIME", M::TIME, true, false},
    {"TIMET", M::TIMET, true, false},
    {"ADMINEMAIL", M::ADMINEMAIL, false, false},
    {"ADMINPAGER", M::ADMINPAGER, false, false},
    {"COMMANDFILE", M::COMMANDFILE, false, false},
    {"RESOURCEFILE", M::RESOURCEFILE, false, false},
};

static_assert(std::size(kMacros) == static_cast<std::size_t>(MacroCode::count_) - 1,
              "every MacroCode has a row");

// Table sorted by code so macro_info() is an index.
constexpr auto kByCode = [] {
    std::array<MacroInfo, std::size(kMacros) + 1> out{};
    out[0] = {"", MacroCode::none, false, false};
    for (const MacroInfo& m : kMacros) {
        out[static_cast<std::size_t>(m.code)] = m;
    }
    return out;
}();

std::optional<int> number_after(std::string_view text, std::string_view prefix, int max) {
    if (text.size() <= prefix.size() || text.substr(0, prefix.size()) != prefix) {
        return std::nullopt;
    }
    auto digits = text.substr(prefix.size());
    int n = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec != std::errc{} || end != digits.data() + digits.size() || n < 1 || n > max) {
        return std::nullopt;
    }
    return n;
}

}  // namespace

std::span<const MacroInfo> standard_macros() {
    return kMacros;
}

const MacroInfo* find_standard_macro(std::string_view name) {
    for (const MacroInfo& m : kMacros) {
        if (m.name == name) {
            return &m;
        }
    }
    return nullptr;
}

const MacroInfo& macro_info(MacroCode code) {
    return kByCode[static_cast<std::size_t>(code)];
}

MacroRef classify_macro(std::string_view text) {
    MacroRef ref;
    ref.raw = std::string(text);
    std::string_view name = text;
    if (auto colon = text.find(':'); colon != std::string_view::npos) {
        name = text.substr(0, colon);
        auto rest = text.substr(colon + 1);
        auto second = rest.find(':');
        ref.arg1 = std::string(rest.substr(0, second));
        if (second != std::string_view::npos) {
            ref.arg2 = std::string(rest.substr(second + 1));
        }
        ref.on_demand = true;
    }
    ref.name = std::string(name);
    if (auto n = number_after(name, "ARG", kMaxArguments); n && !ref.on_demand) {
        ref.kind = MacroKind::argument;
        ref.number = static_cast<std::uint16_t>(*n);
        ref.is_volatile = false;
    } else if (auto u = number_after(name, "USER", kMaxUserMacros); u && !ref.on_demand) {
        ref.kind = MacroKind::user;
        ref.number = static_cast<std::uint16_t>(*u);
        ref.is_volatile = false;
    } else if (name.starts_with("_HOST") && name.size() > 5) {
        ref.kind = MacroKind::custom_host;
        ref.name = std::string(name.substr(5));
        ref.is_volatile = false;
    } else if (name.starts_with("_SERVICE") && name.size() > 8) {
        ref.kind = MacroKind::custom_service;
        ref.name = std::string(name.substr(8));
        ref.is_volatile = false;
    } else if (name.starts_with("_CONTACT") && name.size() > 8) {
        ref.kind = MacroKind::custom_contact;
        ref.name = std::string(name.substr(8));
        ref.is_volatile = false;
    } else if (const MacroInfo* info = find_standard_macro(name)) {
        ref.kind = MacroKind::standard;
        ref.code = info->code;
        ref.is_volatile = info->is_volatile || ref.on_demand;
    } else {
        ref.kind = MacroKind::other;  // a resource macro, or unknown
        ref.is_volatile = false;
    }
    return ref;
}

CompiledText CompiledText::compile(std::string_view text) {
    CompiledText out;
    auto add_literal = [&](std::string_view piece) {
        if (piece.empty()) {
            return;
        }
        if (!out.pieces_.empty() && out.pieces_.back().macro < 0 &&
            out.pieces_.back().end == out.text_.size()) {
            out.text_ += piece;
            out.pieces_.back().end = static_cast<std::uint32_t>(out.text_.size());
            return;
        }
        auto begin = static_cast<std::uint32_t>(out.text_.size());
        out.text_ += piece;
        out.pieces_.push_back({begin, static_cast<std::uint32_t>(out.text_.size()), -1});
    };
    std::size_t i = 0;
    while (i < text.size()) {
        auto open = text.find('$', i);
        if (open == std::string_view::npos) {
            add_literal(text.substr(i));
            break;
        }
        add_literal(text.substr(i, open - i));
        auto close = text.find('$', open + 1);
        if (close == std::string_view::npos) {  // a stray dollar stays as written
            add_literal(text.substr(open));
            break;
        }
        if (close == open + 1) {  // $$ is a literal dollar
            add_literal("$");
        } else {
            out.macros_.push_back(classify_macro(text.substr(open + 1, close - open - 1)));
            out.pieces_.push_back({0, 0, static_cast<std::int32_t>(out.macros_.size() - 1)});
        }
        i = close + 1;
    }
    return out;
}

bool CompiledText::is_volatile() const {
    return std::any_of(macros_.begin(), macros_.end(),
                       [](const MacroRef& m) { return m.is_volatile; });
}

void expand(const CompiledText& text, const MacroResolver& resolver, std::string& out) {
    for (const CompiledText::Piece& piece : text.pieces()) {
        if (piece.macro < 0) {
            out += text.literal(piece);
            continue;
        }
        const MacroRef& macro = text.macros()[static_cast<std::size_t>(piece.macro)];
        if (!resolver.resolve(macro, out)) {
            static const auto log = core::logger("macros");
            log->debug("macro ${}$ is unknown or has no object here; left as written", macro.raw);
            out += '$';
            out += macro.raw;
            out += '$';
        }
    }
}

std::string expand_macros(std::string_view text, const MacroResolver& resolver) {
    std::string out;
    expand(CompiledText::compile(text), resolver, out);
    return out;
}

CompiledText partially_expand(const CompiledText& text, const MacroResolver& resolver) {
    // Rebuild the source with static macros replaced, then compile it again. Dollars in the
    // values are doubled so they stay literal.
    std::string source;
    for (const CompiledText::Piece& piece : text.pieces()) {
        std::string value;
        if (piece.macro < 0) {
            value = text.literal(piece);
        } else {
            const MacroRef& macro = text.macros()[static_cast<std::size_t>(piece.macro)];
            if (macro.is_volatile || !resolver.resolve(macro, value)) {
                source += '$';
                source += macro.raw;
                source += '$';
                continue;
            }
        }
        for (char c : value) {
            source += c;
            if (c == '$') {
                source += '$';
            }
        }
    }
    return CompiledText::compile(source);
}

CommandLineCall split_command_call(std::string_view text) {
    CommandLineCall call;
    auto bang = text.find('!');
    call.name = text.substr(0, bang);
    if (bang == std::string_view::npos) {
        return call;
    }
    std::string arg;
    for (std::size_t i = bang + 1; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == '!') {
            call.args.push_back(std::move(arg));
            arg.clear();
        } else if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '!') {
            arg += '!';
            ++i;
        } else {
            arg += text[i];
        }
    }
    return call;
}

}  // namespace yagura::model
