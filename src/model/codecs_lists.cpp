// Codecs of lists, name/value pairs, source locations and notified contacts.

#include <algorithm>
#include <cctype>
#include <charconv>

#include <yagura/core/strings.hpp>

#include "codecs.hpp"

namespace yagura::model::detail {

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
