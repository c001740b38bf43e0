#include <charconv>
#include <cmath>
#include <limits>

#include <yagura/exec/perfdata.hpp>

namespace yagura::exec {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Length of the number at the start of `text` ([+-]digits[.digits][e[+-]digits], or with a
// decimal comma as some localised plugins print), 0 when there is none.
std::size_t number_length(std::string_view text) {
    std::size_t i = 0;
    auto digits = [&] {
        std::size_t start = i;
        while (i < text.size() && is_digit(text[i])) {
            ++i;
        }
        return i - start;
    };
    if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
        ++i;
    }
    std::size_t integer_digits = digits();
    std::size_t fraction_digits = 0;
    if (i < text.size() && (text[i] == '.' || text[i] == ',')) {
        std::size_t dot = i++;
        fraction_digits = digits();
        if (fraction_digits == 0) {
            i = dot;  // "5." is a number followed by a unit starting with '.'
        }
    }
    if (integer_digits + fraction_digits == 0) {
        return 0;
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        std::size_t mark = i++;
        if (i < text.size() && (text[i] == '-' || text[i] == '+')) {
            ++i;
        }
        if (digits() == 0) {
            i = mark;  // "5e" or "5eggs": the 'e' belongs to the unit
        }
    }
    return i;
}

std::optional<double> to_double(std::string_view number) {
    std::string copy(number);  // from_chars wants '.', and no leading '+'
    for (char& c : copy) {
        if (c == ',') {
            c = '.';
        }
    }
    std::string_view digits = copy;
    if (!digits.empty() && digits.front() == '+') {
        digits.remove_prefix(1);
    }
    double value = 0;
    auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (error != std::errc() || end != digits.data() + digits.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

// The whole of `text` as a number, or nothing.
std::optional<double> whole_number(std::string_view text) {
    if (text.empty() || number_length(text) != text.size()) {
        return std::nullopt;
    }
    return to_double(text);
}

std::string_view next_field(std::string_view& fields) {
    auto semicolon = fields.find(';');
    auto field = fields.substr(0, semicolon);
    fields =
        semicolon == std::string_view::npos ? std::string_view() : fields.substr(semicolon + 1);
    return field;
}

class MetricParser {
public:
    MetricParser(std::string_view text, PerfData& out) : text_(text), out_(out) {}

    void run() {
        while (skip_spaces()) {
            std::size_t start = pos_;
            PerfMetric metric;
            if (!read_label(metric.label)) {
                if (stopped_) {
                    return;
                }
                skip_token(start);
                continue;
            }
            auto fields = read_token();
            if (read_fields(metric, fields)) {
                out_.metrics.push_back(std::move(metric));
            }
        }
    }

private:
    bool skip_spaces() {
        while (pos_ < text_.size() && is_space(text_[pos_])) {
            ++pos_;
        }
        return pos_ < text_.size();
    }

    std::string_view read_token() {
        std::size_t start = pos_;
        while (pos_ < text_.size() && !is_space(text_[pos_])) {
            ++pos_;
        }
        return text_.substr(start, pos_ - start);
    }

    void skip_token(std::size_t start) {
        pos_ = start;
        auto token = read_token();
        note("'" + std::string(token) + "' is not label=value, skipped");
    }

    // Reads the label and the '=' after it; false (with pos_ anywhere) when there is none.
    bool read_label(std::string& label) {
        if (text_[pos_] == '\'') {
            return read_quoted_label(label);
        }
        while (pos_ < text_.size() && text_[pos_] != '=' && !is_space(text_[pos_])) {
            label.push_back(text_[pos_++]);
        }
        if (pos_ >= text_.size() || text_[pos_] != '=' || label.empty()) {
            return false;
        }
        ++pos_;
        return true;
    }

    bool read_quoted_label(std::string& label) {
        ++pos_;
        while (pos_ < text_.size()) {
            char c = text_[pos_++];
            if (c != '\'') {
                label.push_back(c);
            } else if (pos_ < text_.size() && text_[pos_] == '\'') {
                label.push_back('\'');  // '' is a quote inside a quoted label
                ++pos_;
            } else {
                if (pos_ < text_.size() && text_[pos_] == '=' && !label.empty()) {
                    ++pos_;
                    return true;
                }
                return false;
            }
        }
        note("unterminated quote in label '" + label + "', rest of the perfdata skipped");
        stopped_ = true;
        return false;
    }

    bool read_fields(PerfMetric& metric, std::string_view fields) {
        auto value_field = next_field(fields);
        if (value_field.size() >= 1 && value_field.front() == 'U' &&
            (value_field.size() == 1 || !is_digit(value_field[1]))) {
            metric.unit = std::string(value_field.substr(1));
        } else {
            auto length = number_length(value_field);
            auto value = length > 0 ? to_double(value_field.substr(0, length)) : std::nullopt;
            if (!value) {
                note("'" + metric.label + "': value '" + std::string(value_field) +
                     "' is not a number, skipped");
                return false;
            }
            metric.value = value;
            metric.unit = std::string(value_field.substr(length));
        }
        metric.warn = read_range(next_field(fields));
        metric.crit = read_range(next_field(fields));
        metric.min = read_limit(metric, "min", next_field(fields));
        metric.max = read_limit(metric, "max", next_field(fields));
        return true;
    }

    static std::optional<PerfRange> read_range(std::string_view field) {
        if (field.empty()) {
            return std::nullopt;
        }
        return parse_perf_range(field);
    }

    std::optional<double> read_limit(const PerfMetric& metric, const char* which,
                                     std::string_view field) {
        if (field.empty()) {
            return std::nullopt;
        }
        auto value = whole_number(field);
        if (!value) {
            note("'" + metric.label + "': " + which + " '" + std::string(field) +
                 "' is not a number, ignored");
        }
        return value;
    }

    void note(std::string text) {
        // A plugin printing megabytes of garbage must not make us keep megabytes of notes.
        if (out_.notes.size() < 32) {
            out_.notes.push_back(std::move(text));
        }
    }

    std::string_view text_;
    PerfData& out_;
    std::size_t pos_ = 0;
    bool stopped_ = false;
};

}  // namespace

bool PerfRange::alerts(double value) const {
    if (!parsed) {
        return false;
    }
    bool within = low <= value && value <= high;
    return inside ? within : !within;
}

PerfRange parse_perf_range(std::string_view text) {
    PerfRange range;
    range.raw = std::string(text);
    if (!text.empty() && text.front() == '@') {
        range.inside = true;
        text.remove_prefix(1);
    }
    auto colon = text.find(':');
    std::optional<double> low = 0.0;
    std::optional<double> high;
    if (colon == std::string_view::npos) {
        high = whole_number(text);
    } else {
        auto left = text.substr(0, colon);
        auto right = text.substr(colon + 1);
        low = left == "~" ? -kInfinity : left.empty() ? 0.0 : whole_number(left);
        high = right.empty() ? kInfinity : whole_number(right);
    }
    if (low && high && *low <= *high) {
        range.parsed = true;
        range.low = *low;
        range.high = *high;
    } else {
        range.inside = false;
    }
    return range;
}

PerfData parse_perf_data(std::string_view text) {
    PerfData data;
    MetricParser(text, data).run();
    return data;
}

}  // namespace yagura::exec
