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

namespace {

std::string expects(const FieldInfo& f, std::string_view what) {
    return std::string(f.name) + " expects " + std::string(what);
}

// Splits on commas, trimming each piece and dropping empty ones.
template <class F>
void for_each_item(std::string_view text, F&& f) {
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t comma = text.find(',', start);
        std::size_t end = comma == std::string_view::npos ? text.size() : comma;
        auto piece = core::trim(text.substr(start, end - start));
        if (!piece.empty()) {
            f(piece);
        }
        if (comma == std::string_view::npos) {
            break;
        }
        start = comma + 1;
    }
}

}  // namespace

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

template <Integer I>
std::string Codec<I>::parse(I& v, std::string_view text, StringPool&, const FieldInfo& f) {
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

template <Integer I>
std::string Codec<I>::from_json(I& v, const json& in, StringPool&, const FieldInfo& f) {
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

template struct Codec<std::int32_t>;
template struct Codec<std::uint32_t>;
template struct Codec<std::uint64_t>;

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

// --- lists ---

bool equal_symbol_lists(ListId a, const StringPool& pa, ListId b, const StringPool& pb) {
    if (&pa == &pb) {
        return a == b;
    }
    auto la = pa.list(a);
    auto lb = pb.list(b);
    return std::ranges::equal(la, lb, [&](std::uint32_t x, std::uint32_t y) {
        return pa.str(Symbol{x}) == pb.str(Symbol{y});
    });
}

void symbols_to_json(ListId v, json& out, const StringPool& pool) {
    out = json::array();
    for (Symbol s : pool.symbols(v)) {
        out.push_back(pool.str(s));
    }
}

std::string symbols_from_json(ListId& v, const json& in, StringPool& pool, const FieldInfo& f) {
    if (!in.is_array()) {
        return expects(f, "an array of strings");
    }
    std::vector<Symbol> items;
    items.reserve(in.size());
    for (const json& item : in) {
        if (!item.is_string()) {
            return expects(f, "an array of strings");
        }
        items.push_back(pool.intern(item.get_ref<const std::string&>()));
    }
    v = pool.intern_symbols(items);
    return {};
}

std::string Codec<SymbolList>::parse(SymbolList& v, std::string_view text, StringPool& pool,
                                     const FieldInfo&) {
    std::vector<Symbol> items;
    for_each_item(text, [&](std::string_view name) { items.push_back(pool.intern(name)); });
    v.list = pool.intern_symbols(items);
    return {};
}

void Codec<SymbolList>::format(SymbolList v, std::string& out, const StringPool& pool,
                               const FieldInfo&) {
    bool first = true;
    for (Symbol s : pool.symbols(v.list)) {
        if (!first) {
            out += ',';
        }
        out += pool.str(s);
        first = false;
    }
}

std::string Codec<LineList>::parse(LineList& v, std::string_view text, StringPool& pool,
                                   const FieldInfo&) {
    text = core::trim(text);
    if (text.empty()) {
        return {};
    }
    auto existing = pool.list(v.list);
    std::vector<std::uint32_t> items(existing.begin(), existing.end());
    items.push_back(pool.intern(text).id);
    v.list = pool.intern_list(items);
    return {};
}

void Codec<LineList>::format(LineList v, std::string& out, const StringPool& pool,
                             const FieldInfo&) {
    bool first = true;
    for (Symbol s : pool.symbols(v.list)) {
        if (!first) {
            out += '\n';
        }
        out += pool.str(s);
        first = false;
    }
}

// --- pairs ---

bool equal_pairs(ListId a, const StringPool& pa, ListId b, const StringPool& pb) {
    return equal_symbol_lists(a, pa, b, pb);
}

void pairs_to_json(ListId v, json& out, const StringPool& pool, std::string_view key_prefix) {
    out = json::object();
    auto items = pool.list(v);
    for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
        std::string key(key_prefix);
        key += pool.str(Symbol{items[i]});
        out[key] = pool.str(Symbol{items[i + 1]});
    }
}

namespace {

// Pairs are kept sorted by name, one value per name (the last one given wins).
ListId intern_pairs(std::vector<std::pair<Symbol, Symbol>>& pairs, const StringPool& names,
                    StringPool& pool) {
    std::stable_sort(pairs.begin(), pairs.end(), [&](const auto& x, const auto& y) {
        return names.str(x.first) < names.str(y.first);
    });
    std::vector<std::uint32_t> flat;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        if (i + 1 < pairs.size() && pairs[i + 1].first == pairs[i].first) {
            continue;
        }
        flat.push_back(pairs[i].first.id);
        flat.push_back(pairs[i].second.id);
    }
    return pool.intern_list(flat);
}

}  // namespace

std::string pairs_from_json(ListId& v, const json& in, StringPool& pool, const FieldInfo& f,
                            bool custom) {
    if (!in.is_object()) {
        return expects(f, "an object of strings");
    }
    std::vector<std::pair<Symbol, Symbol>> pairs;
    for (const auto& [key, value] : in.items()) {
        if (!value.is_string()) {
            return expects(f, "an object of strings");
        }
        std::string name = key;
        if (custom) {
            if (!name.empty() && name.front() == '_') {
                name.erase(0, 1);
            }
            for (char& ch : name) {
                ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            }
        }
        pairs.emplace_back(pool.intern(name), pool.intern(value.get_ref<const std::string&>()));
    }
    v = intern_pairs(pairs, pool, pool);
    return {};
}

ListId set_pair(ListId v, Symbol name, Symbol value, StringPool& pool) {
    std::vector<std::pair<Symbol, Symbol>> pairs;
    auto items = pool.list(v);
    for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
        pairs.emplace_back(Symbol{items[i]}, Symbol{items[i + 1]});
    }
    pairs.emplace_back(name, value);
    return intern_pairs(pairs, pool, pool);
}

void Codec<CustomVars>::format(CustomVars v, std::string& out, const StringPool& pool,
                               const FieldInfo&) {
    auto items = pool.list(v.pairs);
    for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
        if (i > 0) {
            out += '\n';
        }
        out += '_';
        out += pool.str(Symbol{items[i]});
        out += ' ';
        out += pool.str(Symbol{items[i + 1]});
    }
}

std::string Codec<KeyValues>::parse(KeyValues& v, std::string_view text, StringPool& pool,
                                    const FieldInfo& f) {
    std::vector<std::pair<Symbol, Symbol>> pairs;
    std::string error;
    for_each_item(text, [&](std::string_view item) {
        auto eq = item.find('=');
        if (eq == std::string_view::npos || eq == 0) {
            if (error.empty()) {
                error = expects(f, "name=value items, got " + quote(item));
            }
            return;
        }
        pairs.emplace_back(pool.intern(core::trim(item.substr(0, eq))),
                           pool.intern(core::trim(item.substr(eq + 1))));
    });
    if (!error.empty()) {
        return error;
    }
    v.pairs = intern_pairs(pairs, pool, pool);
    return {};
}

void Codec<KeyValues>::format(KeyValues v, std::string& out, const StringPool& pool,
                              const FieldInfo&) {
    auto items = pool.list(v.pairs);
    for (std::size_t i = 0; i + 1 < items.size(); i += 2) {
        if (i > 0) {
            out += ',';
        }
        out += pool.str(Symbol{items[i]});
        out += '=';
        out += pool.str(Symbol{items[i + 1]});
    }
}

// --- source location ---

std::string Codec<SourceLocation>::parse(SourceLocation& v, std::string_view text, StringPool& pool,
                                         const FieldInfo& f) {
    text = core::trim(text);
    auto colon = text.rfind(':');
    std::uint32_t line = 0;
    if (colon != std::string_view::npos) {
        auto number = text.substr(colon + 1);
        auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), line);
        if (ec == std::errc{} && end == number.data() + number.size()) {
            v = SourceLocation{pool.intern(text.substr(0, colon)), line};
            return {};
        }
    }
    if (text.empty()) {
        v = SourceLocation{};
        return {};
    }
    return expects(f, "file:line, got " + quote(text));
}

void Codec<SourceLocation>::format(SourceLocation v, std::string& out, const StringPool& pool,
                                   const FieldInfo&) {
    if (v.file.empty() && v.line == 0) {
        return;
    }
    out += pool.str(v.file);
    out += ':';
    out += std::to_string(v.line);
}

std::string Codec<SourceLocation>::from_json(SourceLocation& v, const json& in, StringPool& pool,
                                             const FieldInfo& f) {
    if (!in.is_string()) {
        return expects(f, "a string");
    }
    return parse(v, in.get_ref<const std::string&>(), pool, f);
}

// --- notified contacts ---

void Codec<std::vector<Symbol>>::format(const std::vector<Symbol>& v, std::string& out,
                                        const StringPool& pool, const FieldInfo&) {
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i > 0) {
            out += ',';
        }
        out += pool.str(v[i]);
    }
}

void Codec<std::vector<Symbol>>::to_json(const std::vector<Symbol>& v, json& out,
                                         const StringPool& pool, const FieldInfo&) {
    out = json::array();
    for (Symbol s : v) {
        out.push_back(pool.str(s));
    }
}

std::string Codec<std::vector<Symbol>>::from_json(std::vector<Symbol>& v, const json& in,
                                                  StringPool& pool, const FieldInfo& f) {
    if (!in.is_array()) {
        return expects(f, "an array of strings");
    }
    std::vector<Symbol> out;
    for (const json& item : in) {
        if (!item.is_string()) {
            return expects(f, "an array of strings");
        }
        out.push_back(pool.intern(item.get_ref<const std::string&>()));
    }
    v = std::move(out);
    return {};
}

bool Codec<std::vector<Symbol>>::equal(const std::vector<Symbol>& a, const StringPool& pa,
                                       const std::vector<Symbol>& b, const StringPool& pb) {
    return std::ranges::equal(a, b, [&](Symbol x, Symbol y) { return pa.str(x) == pb.str(y); });
}

}  // namespace yagura::model::detail
