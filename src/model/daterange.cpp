// Parsing of timeperiod rule lines (daterange.hpp). A small lexer turns the date part into
// words, numbers, dates, dashes and a slash; the time part starts at the first token with a
// colon.

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>
#include <span>
#include <tuple>

#include <yagura/core/strings.hpp>
#include <yagura/model/daterange.hpp>

namespace yagura::model {

namespace {

constexpr std::array<std::string_view, 7> kWeekdays = {"sunday",   "monday", "tuesday", "wednesday",
                                                       "thursday", "friday", "saturday"};
constexpr std::array<std::string_view, 12> kMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

int find_name(std::string_view word, const auto& names) {
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == word) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

struct Token {
    enum Kind { word, number, date, dash, slash } kind;
    std::string text;
    int value = 0;                     // number
    int year = 0, month = 0, day = 0;  // date (month 1-12)
};

struct Failure {
    std::string message;
};

bool is_digit(char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

int read_digits(std::string_view s, std::size_t& i, int max_digits) {
    int value = 0;
    int n = 0;
    while (i < s.size() && is_digit(s[i]) && n < max_digits) {
        value = value * 10 + (s[i] - '0');
        ++i;
        ++n;
    }
    return n == 0 ? -1 : value;
}

// YYYY-MM-DD at position i, or nullopt (i unchanged).
std::optional<Token> read_date(std::string_view s, std::size_t& i) {
    std::size_t j = i;
    std::size_t digits_start = j;
    int year = read_digits(s, j, 4);
    if (year < 0 || j - digits_start != 4 || j >= s.size() || s[j] != '-' || j + 1 >= s.size() ||
        !is_digit(s[j + 1])) {
        return std::nullopt;
    }
    ++j;
    int month = read_digits(s, j, 2);
    if (j >= s.size() || s[j] != '-' || j + 1 >= s.size() || !is_digit(s[j + 1])) {
        return std::nullopt;
    }
    ++j;
    int day = read_digits(s, j, 2);
    Token t{Token::date, std::string(s.substr(i, j - i))};
    t.year = year;
    t.month = month;
    t.day = day;
    i = j;
    return t;
}

std::vector<Token> lex(std::string_view s, std::string& error) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (i < s.size() && error.empty()) {
        char c = s[i];
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
        } else if (std::isalpha(static_cast<unsigned char>(c))) {
            std::size_t start = i;
            while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) {
                ++i;
            }
            tokens.push_back({Token::word, core::to_lower(s.substr(start, i - start))});
        } else if (is_digit(c)) {
            if (auto date = read_date(s, i)) {
                tokens.push_back(*date);
                continue;
            }
            std::size_t start = i;
            int value = read_digits(s, i, 9);
            tokens.push_back({Token::number, std::string(s.substr(start, i - start)), value});
        } else if (c == '-') {
            // A minus sign after a word, a dash or at the start ("day -1"); else a range dash.
            bool sign = i + 1 < s.size() && is_digit(s[i + 1]) &&
                        (tokens.empty() || tokens.back().kind == Token::word ||
                         tokens.back().kind == Token::dash);
            if (sign) {
                std::size_t start = i++;
                int value = read_digits(s, i, 9);
                tokens.push_back({Token::number, std::string(s.substr(start, i - start)), -value});
            } else {
                tokens.push_back({Token::dash, "-"});
                ++i;
            }
        } else if (c == '/') {
            tokens.push_back({Token::slash, "/"});
            ++i;
        } else {
            error = "unexpected character '" + std::string(1, c) + "'";
        }
    }
    return tokens;
}

// "HH:MM" -> minutes, 0 to 1440.
std::optional<int> parse_clock(std::string_view text, std::string& error) {
    auto colon = text.find(':');
    auto h = core::parse_int(text.substr(0, colon));
    auto m =
        colon == std::string_view::npos ? std::nullopt : core::parse_int(text.substr(colon + 1));
    if (!h || !m || colon == 0 || colon + 1 >= text.size()) {
        error = "'" + std::string(text) + "' is not a time (HH:MM)";
        return std::nullopt;
    }
    if (*h < 0 || *h > 24 || *m < 0 || *m > 59 || (*h == 24 && *m != 0)) {
        error = "time '" + std::string(text) + "' is out of range (00:00 to 24:00)";
        return std::nullopt;
    }
    return static_cast<int>(*h * 60 + *m);
}

std::optional<std::vector<TimeRange>> parse_times(std::string_view text, std::string& error,
                                                  std::string& warning) {
    std::string compact;
    for (char c : text) {
        if (!std::isspace(static_cast<unsigned char>(c))) {
            compact += c;
        }
    }
    std::vector<TimeRange> ranges;
    for (const std::string& item : core::split(compact, ',')) {
        auto dash = item.find('-');
        if (dash == std::string::npos) {
            error = "'" + item + "' is not a time range (HH:MM-HH:MM)";
            return std::nullopt;
        }
        std::string_view view(item);
        auto start = parse_clock(view.substr(0, dash), error);
        auto end = start ? parse_clock(view.substr(dash + 1), error) : std::nullopt;
        if (!end) {
            return std::nullopt;
        }
        int last = *end;
        if (*end < *start) {
            // Nagios 4 and Shinken files have these: keep them, meaning what users expect.
            last += 1440;
            warning = "time range " + item + " ends before it starts: read as " +
                      item.substr(0, dash) + "-24:00 and 00:00-" + item.substr(dash + 1) +
                      " the next day";
        }
        ranges.push_back({static_cast<std::uint16_t>(*start), static_cast<std::uint16_t>(last)});
    }
    if (ranges.empty()) {
        error = "no time ranges (HH:MM-HH:MM)";
        return std::nullopt;
    }
    std::sort(ranges.begin(), ranges.end(),
              [](const TimeRange& a, const TimeRange& b) { return a.start < b.start; });
    return ranges;
}

int days_in_month(int year, int month1) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month1 == 2 && leap ? 29 : kDays[month1 - 1];
}

// One end of a date range, as written.
struct Point {
    DateRangeType type;
    int year = 0, month = 0, mday = 0, wday = 0, offset = 0;  // month 0-11
};

std::string check_day_offset(int n) {
    if (n == 0 || n < -31 || n > 31) {
        return "day " + std::to_string(n) + " does not exist (1 to 31, or -1 for the last day)";
    }
    return {};
}

std::string check_week_offset(int n) {
    if (n == 0 || n < -5 || n > 5) {
        return "week offset " + std::to_string(n) + " out of range (1 to 5, or -1 for the last)";
    }
    return {};
}

// Reads one end: a date, `weekday N [month]`, `month N`, `day N`; or with `like` (the start),
// the short forms of the end: `N` alone.
std::optional<Point> read_point(std::span<const Token> t, const Point* like, std::string& error) {
    auto word = [&](std::size_t i) { return i < t.size() && t[i].kind == Token::word; };
    auto number = [&](std::size_t i) { return i < t.size() && t[i].kind == Token::number; };
    Point p{};
    if (t.size() == 1 && t[0].kind == Token::date) {
        p.type = DateRangeType::calendar_date;
        p.year = t[0].year;
        p.month = t[0].month - 1;
        p.mday = t[0].day;
        if (t[0].month < 1 || t[0].month > 12 || t[0].day < 1 ||
            t[0].day > days_in_month(t[0].year, t[0].month)) {
            error = "date " + t[0].text + " does not exist";
            return std::nullopt;
        }
        return p;
    }
    if (like != nullptr && t.size() == 1 && number(0) &&
        like->type != DateRangeType::calendar_date && like->type != DateRangeType::month_week_day) {
        p = *like;
        (like->type == DateRangeType::week_day ? p.offset : p.mday) = t[0].value;
    } else if (t.size() == 2 && word(0) && number(1) && t[0].text == "day") {
        p.type = DateRangeType::month_day;
        p.mday = t[1].value;
    } else if (t.size() == 2 && word(0) && number(1) && find_name(t[0].text, kMonths) >= 0) {
        p.type = DateRangeType::month_date;
        p.month = find_name(t[0].text, kMonths);
        p.mday = t[1].value;
    } else if ((t.size() == 2 || t.size() == 3) && word(0) && number(1) &&
               find_name(t[0].text, kWeekdays) >= 0) {
        p.type = DateRangeType::week_day;
        p.wday = find_name(t[0].text, kWeekdays);
        p.offset = t[1].value;
        if (t.size() == 3) {
            if (!word(2) || find_name(t[2].text, kMonths) < 0) {
                error = "'" + t[2].text + "' is not a month";
                return std::nullopt;
            }
            p.type = DateRangeType::month_week_day;
            p.month = find_name(t[2].text, kMonths);
        }
    } else {
        std::string text;
        for (const Token& tok : t) {
            text += (text.empty() ? "" : " ") + tok.text;
        }
        error = text.empty() ? "missing date"
                             : "'" + text +
                                   "' is not a date, weekday, month day "
                                   "or `day N`";
        return std::nullopt;
    }
    error = p.type == DateRangeType::week_day || p.type == DateRangeType::month_week_day
                ? check_week_offset(p.offset)
                : check_day_offset(p.mday);
    if (!error.empty()) {
        return std::nullopt;
    }
    return p;
}

void insert_exception(TimePeriodRules& rules, DateRange range) {
    auto after = std::find_if(rules.exceptions.begin(), rules.exceptions.end(),
                              [&](const DateRange& r) { return r.type > range.type; });
    rules.exceptions.insert(after, std::move(range));
}

// Parses the date part (tokens before the times) into `rules`; returns "" or an error.
std::string parse_dates(std::span<const Token> tokens, std::vector<TimeRange> times,
                        TimePeriodRules& rules) {
    int skip = 0;
    if (tokens.size() >= 2 && tokens[tokens.size() - 2].kind == Token::slash) {
        const Token& n = tokens.back();
        if (n.kind != Token::number || n.value < 1) {
            return "`/ N` needs a positive number of days";
        }
        skip = n.value;
        tokens = tokens.first(tokens.size() - 2);
    }
    for (const Token& t : tokens) {
        if (t.kind == Token::slash) {
            return "`/ N` must come right before the times";
        }
    }
    // A plain weekday: the regular weekly schedule.
    if (tokens.size() == 1 && tokens[0].kind == Token::word &&
        find_name(tokens[0].text, kWeekdays) >= 0) {
        if (skip != 0) {
            return "a weekday line takes no `/ N`; write `monday 1 - 5 / 2` for a range";
        }
        rules.weekdays[static_cast<std::size_t>(find_name(tokens[0].text, kWeekdays))] =
            std::move(times);
        return {};
    }
    auto dash = std::find_if(tokens.begin(), tokens.end(),
                             [](const Token& t) { return t.kind == Token::dash; });
    std::string error;
    auto start = read_point(tokens.subspan(0, static_cast<std::size_t>(dash - tokens.begin())),
                            nullptr, error);
    if (!start) {
        return error;
    }
    Point end = *start;
    if (dash != tokens.end()) {
        auto rest = tokens.subspan(static_cast<std::size_t>(dash - tokens.begin()) + 1);
        auto parsed = read_point(rest, &*start, error);
        if (!parsed) {
            return error;
        }
        if (parsed->type != start->type) {
            return "both ends of a date range must be the same kind of date";
        }
        end = *parsed;
    }
    if (start->type == DateRangeType::calendar_date &&
        std::tie(end.year, end.month, end.mday) <
            std::tie(start->year, start->month, start->mday)) {
        return "date range ends before it starts";
    }
    DateRange range;
    range.type = start->type;
    range.syear = start->year;
    range.eyear = end.year;
    range.smon = static_cast<std::int8_t>(start->month);
    range.emon = static_cast<std::int8_t>(end.month);
    range.smday = static_cast<std::int8_t>(start->mday);
    range.emday = static_cast<std::int8_t>(end.mday);
    range.swday = static_cast<std::int8_t>(start->wday);
    range.ewday = static_cast<std::int8_t>(end.wday);
    range.swday_offset = static_cast<std::int8_t>(start->offset);
    range.ewday_offset = static_cast<std::int8_t>(end.offset);
    range.skip_interval = skip;
    range.times = std::move(times);
    insert_exception(rules, std::move(range));
    return {};
}

}  // namespace

bool TimePeriodRules::empty() const {
    return exceptions.empty() &&
           std::all_of(weekdays.begin(), weekdays.end(), [](const auto& d) { return d.empty(); });
}

bool is_timeperiod_rule_key(std::string_view key) {
    key = core::trim(key);
    if (key.empty()) {
        return false;
    }
    if (is_digit(key.front())) {
        return true;
    }
    std::string first = core::to_lower(key.substr(0, key.find_first_of(" \t")));
    return first == "day" || find_name(first, kWeekdays) >= 0 || find_name(first, kMonths) >= 0;
}

std::string parse_timeperiod_line(std::string_view line, TimePeriodRules& rules,
                                  std::string* warning) {
    line = core::trim(line);
    // The times start at the first word that holds a colon.
    std::size_t times_at = std::string_view::npos;
    for (std::size_t i = 0; i < line.size();) {
        std::size_t end = line.find_first_of(" \t", i);
        std::string_view token = line.substr(i, end == std::string_view::npos ? end : end - i);
        if (token.find(':') != std::string_view::npos) {
            times_at = i;
            break;
        }
        if (end == std::string_view::npos) {
            break;
        }
        i = line.find_first_not_of(" \t", end);
    }
    std::string error;
    auto fail = [&](const std::string& why) {
        return "bad timeperiod line '" + std::string(line) + "': " + why;
    };
    if (times_at == std::string_view::npos) {
        return fail("no time ranges (HH:MM-HH:MM)");
    }
    std::string wraps;
    auto times = parse_times(line.substr(times_at), error, wraps);
    if (!times) {
        return fail(error);
    }
    auto tokens = lex(line.substr(0, times_at), error);
    if (!error.empty()) {
        return fail(error);
    }
    TimePeriodRules updated = rules;
    error = parse_dates(tokens, std::move(*times), updated);
    if (!error.empty()) {
        return fail(error);
    }
    rules = std::move(updated);
    if (warning != nullptr && !wraps.empty()) {
        *warning = "timeperiod line '" + std::string(line) + "': " + wraps;
    }
    return {};
}

}  // namespace yagura::model
