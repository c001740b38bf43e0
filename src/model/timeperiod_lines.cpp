#include "timeperiod_lines.hpp"

#include <algorithm>

#include <yagura/core/strings.hpp>

namespace yagura::model::detail {

namespace {

int dateranges_index() {
    static const int index = field_index<TimePeriod>("dateranges");
    return index;
}

void append_line(TimePeriod& period, std::string_view line, StringPool& pool) {
    auto existing = pool.list(period.dateranges.list);
    std::vector<std::uint32_t> lines(existing.begin(), existing.end());
    lines.push_back(pool.intern(line).id);
    period.dateranges.list = pool.intern_list(lines);
    period.explicitly_set.set(static_cast<std::size_t>(dateranges_index()));
}

// The weekday a line sets (0 = sunday), or -1 for an exception line.
int weekday_of(std::string_view line) {
    TimePeriodRules scratch;
    if (!parse_timeperiod_line(line, scratch).empty() || !scratch.exceptions.empty()) {
        return -1;
    }
    for (std::size_t d = 0; d < scratch.weekdays.size(); ++d) {
        if (!scratch.weekdays[d].empty()) {
            return static_cast<int>(d);
        }
    }
    return -1;
}

}  // namespace

bool is_rule_key(std::string_view key) {
    return is_timeperiod_rule_key(key);
}

SetResult add_timeperiod_line(TimePeriod& period, std::string_view key, std::string_view value,
                              StringPool& pool) {
    std::string line(core::trim(key));
    line += ' ';
    line += core::trim(value);
    std::string warning;
    if (std::string error = parse_timeperiod_line(line, period.rules, &warning); !error.empty()) {
        return {SetResult::Status::invalid, std::move(error)};
    }
    append_line(period, line, pool);
    return {SetResult::Status::ok, std::move(warning)};
}

std::string compile_timeperiod(TimePeriod& period, const StringPool& pool) {
    TimePeriodRules rules;
    for (Symbol line : pool.symbols(period.dateranges.list)) {
        if (std::string error = parse_timeperiod_line(pool.str(line), rules); !error.empty()) {
            return error;
        }
    }
    period.rules = std::move(rules);
    return {};
}

void inherit_timeperiod_lines(TimePeriod& period, const TimePeriod& tpl, StringPool& pool) {
    auto own = pool.list(period.dateranges.list);
    std::vector<bool> defined(7, false);
    for (std::uint32_t id : own) {
        if (int day = weekday_of(pool.str(Symbol{id})); day >= 0) {
            defined[static_cast<std::size_t>(day)] = true;
        }
    }
    for (Symbol line : pool.symbols(tpl.dateranges.list)) {
        int day = weekday_of(pool.str(line));
        bool wanted = day >= 0 ? !defined[static_cast<std::size_t>(day)]
                               : std::find(own.begin(), own.end(), line.id) == own.end();
        if (wanted && parse_timeperiod_line(pool.str(line), period.rules).empty()) {
            append_line(period, pool.str(line), pool);
        }
    }
}

}  // namespace yagura::model::detail
