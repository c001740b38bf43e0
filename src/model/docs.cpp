#include <yagura/model/docs.hpp>
#include <yagura/model/macros.hpp>
#include <yagura/model/schema.hpp>

namespace yagura::model {

namespace {

std::string cell(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '|') {
            out += "\\|";
        } else if (c == '\n') {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

std::string code(std::string_view text) {
    if (text.empty()) {
        return "";
    }
    std::string fence = text.find('`') == std::string_view::npos ? "`" : "``";
    std::string pad = fence.size() > 1 ? " " : "";
    return fence + pad + cell(text) + pad + fence;
}

std::string flags_of(const FieldInfo& f) {
    std::string out;
    auto add = [&](bool on, std::string_view name) {
        if (on) {
            out += out.empty() ? "" : ", ";
            out += name;
        }
    };
    add(f.has(kKey), "key");
    add(f.has(kRequired), "required");
    add(f.has(kConfig), "config");
    add(f.has(kState), "state");
    add(f.has(kImplicitFromHost), "from host");
    add(f.has(kNoInherit), "not inherited");
    add(f.has(kRepeatable), "repeatable");
    add(f.has(kReference), "reference");
    return out;
}

template <class T>
std::string kind_of(const FieldDef<T>& f) {
    std::string out(f.ops->kind_name);
    if (f.choices != nullptr) {
        out += f.ops->kind == ValueKind::letters ? ": " : " ";
        bool first = true;
        for (const Choice& c : f.choices->items) {
            out += first ? "" : ", ";
            out += c.word;
            first = false;
        }
    }
    return out;
}

template <class T>
std::string anchor() {
    std::string out;
    for (char c : type_info<T>().name) {
        out += c == ' ' ? '-' : c;
    }
    return out;
}

template <class T>
void type_section(std::string& out, std::string_view heading) {
    const TypeInfo<T>& info = type_info<T>();
    out += "## " + std::string(heading) + "\n\n" + std::string(info.doc) + "\n\n";
    out += "| attribute | kind | default | flags | description |\n";
    out += "|---|---|---|---|---|\n";
    for (const FieldDef<T>& f : info.fields) {
        std::string doc(f.doc);
        if (!f.aliases.empty()) {
            std::string aliases(f.aliases);
            for (std::size_t p = 0; (p = aliases.find(',', p)) != std::string::npos; p += 2) {
                aliases.replace(p, 1, ", ");
            }
            doc += " Also accepted as: " + aliases + ".";
        }
        out += "| " + code(f.name) + " | " + cell(kind_of(f)) + " | " + code(f.default_text) +
               " | " + flags_of(f) + " | " + cell(doc) + " |\n";
    }
    if (!info.ignored.empty()) {
        out += "\nAccepted and ignored with a warning:\n\n";
        for (const IgnoredAttribute& a : info.ignored) {
            out += "- " + code(a.name) + ": " + cell(a.reason) + "\n";
        }
    }
    out += "\n";
}

constexpr std::string_view kIntroduction = R"(# Object reference

Every object type of the configuration (`define <type> { ... }`), every attribute with its
kind, default and flags, and the main file's settings. This file is generated from the field
declarations in `src/model/schema_*.cpp`: run `build/dev/src/model/yagura-model-docs >
docs/objects.md` after changing them (a unit test fails while it is out of date).

Defaults are Shinken 2.4's unless said otherwise; Nagios 4 names are accepted where they
differ (listed as "also accepted as"). Attributes of Nagios or Shinken that yagura does not
use are accepted with a warning that says why.

Flags:
- **key**: names the object (services: host_name and service_description together).
- **required**: must be set (directly or by a template) on every registered object.
- **config**: part of the configuration sent to the daemons; unflagged attributes only matter
  to the arbiter while it reads the files (templates, service generation).
- **state**: runtime state, kept by retention and sent in status broks. Attributes that are
  both config and state can be changed by external commands; retention restores them only
  when their bit is set in `modified_attributes`.
- **from host**: a service that does not set it takes its host's value.
- **not inherited**: templates do not pass it on.
- **repeatable**: each line adds one entry.
- **reference**: names other objects; the configuration check reports unknown names.

Every object also takes custom variables, one per line: `_NAME value` (names are
case-insensitive; macros `$_HOSTNAME$`, `$_SERVICENAME$`, `$_CONTACTNAME$`). Any attribute can
be reset to its default with the value `null`.

)";

constexpr std::string_view kTimeperiods = R"(## Timeperiod rules

Beside `timeperiod_name`, `alias` and `exclude`, each line of a timeperiod is a rule:

| line | meaning |
|---|---|
| `monday 09:00-17:00` | every monday (the weekly schedule) |
| `day 1 - 15 00:00-24:00`, `day -1 00:00-24:00` | days of every month; negative days count from the end |
| `monday 3 00:00-24:00`, `friday -1 00:00-24:00` | the 3rd monday, the last friday of every month |
| `monday 1 - thursday 3 00:00-24:00` | from a weekday of the month to another |
| `tuesday -1 november 00:00-24:00` | the last tuesday of november |
| `february 10 00:00-24:00`, `april 10 - may 15 ...` | days of a month, ranges of days |
| `2024-01-01 - 2024-02-01 00:00-24:00` | calendar dates |
| `... / 3 ...` | on any range: every 3rd day from its start (`2024-01-01 / 3`: forever) |

Times are `HH:MM-HH:MM`, several separated by commas (`00:00-09:00,17:00-24:00`); `24:00` ends
the day; a range over midnight is written as two. On a given day the first rule that matches
(calendar dates first, then month days, days of month, weekdays of a month, weekdays of every
month; within a kind as written) replaces that day's weekly schedule, so
`2024-12-25 00:00-00:00` makes a day empty. `exclude` removes the times of other timeperiods,
recursively.

Differences from Nagios 4, where Nagios is wrong: ranges are half-open (17:00:00 is outside
09:00-17:00); times are wall-clock times on daylight-saving days (09:00 is 09:00, not 10:00, on
the day clocks go forward); a range over new year (`december 20 - january 10`) also matches in
January.

)";

void macros_section(std::string& out) {
    out +=
        "## Macros\n\n"
        "`$$` is a literal `$`; an unknown macro, or one whose object is not there (a service "
        "macro in a host check), is left as written. `$ARGn$` (1 to 32) are the `!` arguments "
        "of the command reference, themselves expanded; `$USERn$` (1 to 256) and any other "
        "`$NAME$` come from resource files. On-demand forms name another object: "
        "`$HOSTSTATE:web1$`, `$SERVICEOUTPUT:web1:HTTP$`, `$CONTACTEMAIL:alice$`, "
        "`$HOSTGROUPALIAS:linux$`.\n\nStandard macros (volatile ones depend on state or "
        "time; output-like ones lose the `illegal_macro_output_chars`):\n\n"
        "| macro | volatile | output-like |\n|---|---|---|\n";
    for (const MacroInfo& m : standard_macros()) {
        out += "| `$" + std::string(m.name) + "$` | " + (m.is_volatile ? "yes" : "") + " | " +
               (m.cleanable ? "yes" : "") + " |\n";
    }
    out += "\n";
}

}  // namespace

std::string objects_reference_markdown() {
    std::string out(kIntroduction);
    out += "## Contents\n\n";
    for_each_object_type([&](auto type) {
        using T = typename decltype(type)::type;
        out += "- [" + std::string(type_info<T>().name) + "](#" + anchor<T>() + ")\n";
    });
    out += "- [main configuration (yagura.cfg)](#main-configuration-yaguracfg)\n";
    out += "- [timeperiod rules](#timeperiod-rules)\n- [macros](#macros)\n\n";
    for_each_object_type([&](auto type) {
        using T = typename decltype(type)::type;
        type_section<T>(out, type_info<T>().name);
    });
    type_section<Globals>(out, "main configuration (yagura.cfg)");
    out += kTimeperiods;
    macros_section(out);
    return out;
}

}  // namespace yagura::model
