#include "foreach.hpp"

#include <charconv>

namespace yagura::config::detail {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
        s.remove_suffix(1);
    }
    return s;
}

struct Range {
    std::size_t at = 0, length = 0;  // where "[x-y]" sits in the key
    long first = 0, last = 0;
    std::size_t width = 0;  // zero padding, from "[01-10]"
};

bool parse_number(std::string_view text, long& out) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && end == text.data() + text.size() && !text.empty();
}

// The [x-y] ranges of a key; false when a bracket is malformed.
bool find_ranges(std::string_view key, std::vector<Range>& ranges) {
    for (std::size_t open = key.find('['); open != std::string_view::npos;
         open = key.find('[', open + 1)) {
        std::size_t close = key.find(']', open);
        std::size_t dash = key.find('-', open);
        if (close == std::string_view::npos || dash == std::string_view::npos || dash > close) {
            continue;  // not a range: kept as written
        }
        Range r;
        r.at = open;
        r.length = close - open + 1;
        std::string_view from = key.substr(open + 1, dash - open - 1);
        std::string_view to = key.substr(dash + 1, close - dash - 1);
        if (!parse_number(from, r.first) || !parse_number(to, r.last)) {
            continue;
        }
        if (r.last < r.first) {
            return false;
        }
        r.width = from.size() > 1 && from.front() == '0' ? from.size() : 0;
        ranges.push_back(r);
    }
    return true;
}

std::string padded(long n, std::size_t width) {
    std::string s = std::to_string(n);
    if (s.size() < width) {
        s.insert(0, width - s.size(), '0');
    }
    return s;
}

// Every key the ranges of `key` generate, in order.
bool expand(const std::string& key, const std::vector<Range>& ranges, std::size_t r,
            std::string prefix_done, std::size_t consumed, std::vector<std::string>& out) {
    if (r == ranges.size()) {
        out.push_back(prefix_done + key.substr(consumed));
        return true;
    }
    const Range& range = ranges[r];
    std::string before = prefix_done + key.substr(consumed, range.at - consumed);
    for (long n = range.first; n <= range.last; ++n) {
        if (out.size() >= kMaxGeneratedKeys) {
            return false;
        }
        if (!expand(key, ranges, r + 1, before + padded(n, range.width), range.at + range.length,
                    out)) {
            return false;
        }
    }
    return true;
}

}  // namespace

KeyValueSequence parse_key_values(std::string_view text, std::string_view default_value) {
    KeyValueSequence result;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t end = pos;
        while (end < text.size() && text[end] != ',' && text.compare(end, 2, "$(") != 0) {
            ++end;
        }
        KeyValues kv;
        kv.key = std::string(trim(text.substr(pos, end - pos)));
        pos = end;
        while (pos < text.size() && text.compare(pos, 2, "$(") == 0) {
            std::size_t close = text.find(")$", pos + 2);
            if (close == std::string_view::npos) {
                result.error = "'$(' without ')$' in " + std::string(text);
                return result;
            }
            kv.values.emplace_back(text.substr(pos + 2, close - pos - 2));
            pos = close + 2;
            while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) {
                ++pos;
            }
        }
        if (pos < text.size() && text[pos] != ',') {
            result.error =
                "unexpected text after the values of '" + kv.key + "' in " + std::string(text);
            return result;
        }
        ++pos;  // the comma
        if (kv.key.empty()) {
            continue;
        }
        if (kv.values.empty()) {
            kv.values.emplace_back(default_value);
        }
        std::vector<Range> ranges;
        if (!find_ranges(kv.key, ranges)) {
            result.error = "range in '" + kv.key + "' ends before it starts";
            return result;
        }
        if (ranges.empty()) {
            result.entries.push_back(std::move(kv));
            continue;
        }
        std::vector<std::string> keys;
        if (!expand(kv.key, ranges, 0, "", 0, keys)) {
            result.error = "'" + kv.key + "' generates more than " +
                           std::to_string(kMaxGeneratedKeys) + " keys";
            return result;
        }
        for (std::string& key : keys) {
            result.entries.push_back({std::move(key), kv.values});
        }
    }
    return result;
}

std::string safe_key(std::string_view key) {
    constexpr std::string_view kIllegal = "`~!$%^&*\"|'<>?,()=";
    std::string out;
    bool in_run = false;
    for (char c : key) {
        if (kIllegal.find(c) != std::string_view::npos) {
            if (!in_run) {
                out += '_';
            }
            in_run = true;
        } else {
            out += c;
            in_run = false;
        }
    }
    return out;
}

std::string substitute(std::string_view text, const KeyValues& kv, std::string_view key_text) {
    if (text.find('$') == std::string_view::npos) {
        return std::string(text);
    }
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t open = text.find('$', pos);
        std::size_t close = open == std::string_view::npos ? open : text.find('$', open + 1);
        if (close == std::string_view::npos) {
            out += text.substr(pos);
            break;
        }
        std::string_view name = text.substr(open + 1, close - open - 1);
        out += text.substr(pos, open - pos);
        std::size_t n = 0;
        if (name == "KEY") {
            out += key_text;
        } else if (name == "VALUE" && !kv.values.empty()) {
            out += kv.values.front();
        } else if (name.size() > 5 && name.substr(0, 5) == "VALUE" &&
                   std::from_chars(name.data() + 5, name.data() + name.size(), n).ec ==
                       std::errc{} &&
                   n >= 1 && n <= kv.values.size()) {
            out += kv.values[n - 1];
        } else {
            out += text.substr(open, close - open);  // another macro: keep, look again at '$'
            pos = close;
            continue;
        }
        pos = close + 1;
    }
    return out;
}

}  // namespace yagura::config::detail
