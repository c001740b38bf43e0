#include "codecs.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include <yagura/core/strings.hpp>

namespace yagura::model::detail {

std::string quote(std::string_view text) {
    std::string out = "'";
    out += text;
    out += '\'';
    return out;
}

// --- Symbol and text ---

std::string Codec<Symbol>::parse(Symbol& v, std::string_view text, StringPool& pool,
                                 const FieldInfo&) {
    v = pool.intern(core::trim(text));
    return {};
}

std::string Codec<Symbol>::from_json(Symbol& v, const json& in, StringPool& pool,
                                     const FieldInfo& f) {
    if (!in.is_string()) {
        return expects(f, "a string");
    }
    v = pool.intern(in.get_ref<const std::string&>());
    return {};
}

std::string Codec<std::string>::from_json(std::string& v, const json& in, StringPool&,
                                          const FieldInfo& f) {
    if (!in.is_string()) {
        return expects(f, "a string");
    }
    v = in.get<std::string>();
    return {};
}

// --- numbers and booleans ---

template <class I>
std::string parse_integer(I& v, std::string_view text, const FieldInfo& f) {
    text = core::trim(text);
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
    }
    I value{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc::result_out_of_range) {
        return expects(f, "an integer in range, got " + quote(text));
    }
    if (ec != std::errc{} || end != text.data() + text.size()) {
        return expects(f, std::string(std::is_signed_v<I> ? "an integer" : "a positive integer") +
                              ", got " + quote(text));
    }
    v = value;
    return {};
}

template <class I>
std::string integer_from_json(I& v, const json& in, const FieldInfo& f) {
    if (!in.is_number_integer()) {
        return expects(f, "an integer");
    }
    if constexpr (std::is_signed_v<I>) {
        auto x = in.get<std::int64_t>();
        if (x < std::numeric_limits<I>::min() || x > std::numeric_limits<I>::max()) {
            return expects(f, "an integer in range");
        }
        v = static_cast<I>(x);
    } else {
        if (in.is_number_unsigned() || in.get<std::int64_t>() >= 0) {
            auto x = in.get<std::uint64_t>();
            if (x > std::numeric_limits<I>::max()) {
                return expects(f, "an integer in range");
            }
            v = static_cast<I>(x);
        } else {
            return expects(f, "a positive integer");
        }
    }
    return {};
}

template std::string parse_integer(std::int32_t&, std::string_view, const FieldInfo&);
template std::string parse_integer(std::uint32_t&, std::string_view, const FieldInfo&);
template std::string parse_integer(std::uint64_t&, std::string_view, const FieldInfo&);
template std::string integer_from_json(std::int32_t&, const json&, const FieldInfo&);
template std::string integer_from_json(std::uint32_t&, const json&, const FieldInfo&);
template std::string integer_from_json(std::uint64_t&, const json&, const FieldInfo&);

std::string Codec<double>::parse(double& v, std::string_view text, StringPool&,
                                 const FieldInfo& f) {
    auto value = core::parse_double(text);
    if (!value || !std::isfinite(*value)) {
        return expects(f, "a number, got " + quote(core::trim(text)));
    }
    v = *value;
    return {};
}

void Codec<double>::format(double v, std::string& out, const StringPool&, const FieldInfo&) {
    if (v == std::floor(v) && std::fabs(v) < 1e15) {
        out += std::to_string(static_cast<long long>(v));
        return;
    }
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
    out.append(buffer, end);
}

std::string Codec<double>::from_json(double& v, const json& in, StringPool&, const FieldInfo& f) {
    if (!in.is_number()) {
        return expects(f, "a number");
    }
    v = in.get<double>();
    return {};
}

std::string Codec<bool>::parse(bool& v, std::string_view text, StringPool&, const FieldInfo& f) {
    auto value = core::parse_bool(text);
    if (!value) {
        return expects(f, "0 or 1, got " + quote(core::trim(text)));
    }
    v = *value;
    return {};
}

std::string Codec<bool>::from_json(bool& v, const json& in, StringPool&, const FieldInfo& f) {
    if (in.is_boolean()) {
        v = in.get<bool>();
    } else if (in.is_number_integer() && (in.get<int>() == 0 || in.get<int>() == 1)) {
        v = in.get<int>() == 1;
    } else {
        return expects(f, "true or false");
    }
    return {};
}

// --- enumerations and letters ---

namespace {

std::string choice_list(const FieldInfo& f) {
    std::string out;
    for (const Choice& c : f.choices->items) {
        if (!out.empty()) {
            out += ", ";
        }
        out += c.word;
    }
    return out;
}

const Choice* find_choice(std::string_view word, const FieldInfo& f) {
    for (const Choice& c : f.choices->items) {
        if (core::iequals(c.word, word)) {
            return &c;
        }
    }
    return nullptr;
}

}  // namespace

std::string parse_choice(std::uint8_t& v, std::string_view text, const FieldInfo& f) {
    text = core::trim(text);
    if (const Choice* c = find_choice(text, f)) {
        v = c->value;
        return {};
    }
    // The numeric ids are accepted too ("state 2").
    if (auto n = core::parse_int(text)) {
        for (const Choice& c : f.choices->items) {
            if (c.value == *n) {
                v = c.value;
                return {};
            }
        }
    }
    return expects(f, "one of " + choice_list(f) + ", got " + quote(text));
}

std::string_view choice_word(std::uint8_t v, const FieldInfo& f) {
    for (const Choice& c : f.choices->items) {
        if (c.value == v) {
            return c.word;
        }
    }
    return {};
}

std::string Codec<Letters>::parse(Letters& v, std::string_view text, StringPool&,
                                  const FieldInfo& f) {
    Letters out;
    std::string error;
    for_each_item(text, [&](std::string_view word) {
        if (const Choice* c = find_choice(word, f)) {
            out.set(static_cast<char>(c->value));
        } else if (core::iequals(word, "a") || core::iequals(word, "all")) {
            for (const Choice& all : f.choices->items) {
                if (all.value != 'n') {
                    out.set(static_cast<char>(all.value));
                }
            }
        } else if (error.empty()) {
            error = expects(f, "letters among " + choice_list(f) + ", got " + quote(word));
        }
    });
    if (!error.empty()) {
        return error;
    }
    v = out;
    return {};
}

void Codec<Letters>::format(Letters v, std::string& out, const StringPool&, const FieldInfo&) {
    bool first = true;
    for (char c = 'a'; c <= 'z'; ++c) {
        if (v.has(c)) {
            if (!first) {
                out += ',';
            }
            out += c;
            first = false;
        }
    }
}

void Codec<Letters>::to_json(Letters v, json& out, const StringPool& pool, const FieldInfo& f) {
    std::string text;
    format(v, text, pool, f);
    out = text;
}

std::string Codec<Letters>::from_json(Letters& v, const json& in, StringPool& pool,
                                      const FieldInfo& f) {
    if (!in.is_string()) {
        return expects(f, "a string of option letters");
    }
    return parse(v, in.get_ref<const std::string&>(), pool, f);
}

}  // namespace yagura::model::detail
