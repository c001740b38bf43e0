#pragma once

// How each member type reads and writes itself: configuration text, JSON, equality across
// pools. One Codec<V> per value type; the field tables pick them by member type. Private to
// the model library (it pulls in nlohmann/json.hpp).

#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include <yagura/model/compact.hpp>
#include <yagura/model/field.hpp>
#include <yagura/model/state_types.hpp>
#include <yagura/model/string_pool.hpp>
#include <yagura/model/values.hpp>

namespace yagura::model::detail {

using nlohmann::json;

std::string quote(std::string_view text);  // 'text', for error messages

inline std::string expects(const FieldInfo& f, std::string_view what) {
    return std::string(f.name) + " expects " + std::string(what);
}

// Calls f for each comma-separated item, trimmed, empty ones dropped.
template <class F>
void for_each_item(std::string_view text, F&& f) {
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t comma = text.find(',', start);
        std::size_t end = comma == std::string_view::npos ? text.size() : comma;
        std::string_view piece = text.substr(start, end - start);
        while (!piece.empty() && std::isspace(static_cast<unsigned char>(piece.front()))) {
            piece.remove_prefix(1);
        }
        while (!piece.empty() && std::isspace(static_cast<unsigned char>(piece.back()))) {
            piece.remove_suffix(1);
        }
        if (!piece.empty()) {
            f(piece);
        }
        if (comma == std::string_view::npos) {
            break;
        }
        start = comma + 1;
    }
}

template <class V>
struct Codec;

// Values that are state only: they have no configuration text form.
template <class V>
struct StateOnlyText {
    static std::string parse(V&, std::string_view, StringPool&, const FieldInfo& f) {
        return std::string(f.name) + " is runtime state, not a configuration attribute";
    }
};

template <>
struct Codec<Symbol> {
    static constexpr ValueKind kind = ValueKind::string;
    static constexpr std::string_view kind_name = "string";
    static std::string parse(Symbol& v, std::string_view text, StringPool& pool, const FieldInfo&);
    static void format(Symbol v, std::string& out, const StringPool& pool, const FieldInfo&) {
        out += pool.str(v);
    }
    static void to_json(Symbol v, json& out, const StringPool& pool, const FieldInfo&) {
        out = pool.str(v);
    }
    static std::string from_json(Symbol& v, const json& in, StringPool& pool, const FieldInfo&);
    static bool equal(Symbol a, const StringPool& pa, Symbol b, const StringPool& pb) {
        return &pa == &pb ? a == b : pa.str(a) == pb.str(b);
    }
};

template <>
struct Codec<std::string> {
    static constexpr ValueKind kind = ValueKind::text;
    static constexpr std::string_view kind_name = "text";
    static std::string parse(std::string& v, std::string_view text, StringPool&, const FieldInfo&) {
        v.assign(text);
        return {};
    }
    static void format(const std::string& v, std::string& out, const StringPool&,
                       const FieldInfo&) {
        out += v;
    }
    static void to_json(const std::string& v, json& out, const StringPool&, const FieldInfo&) {
        out = v;
    }
    static std::string from_json(std::string& v, const json& in, StringPool&, const FieldInfo&);
    static bool equal(const std::string& a, const StringPool&, const std::string& b,
                      const StringPool&) {
        return a == b;
    }
};

// Runtime text kept compact (plugin output): the same forms as std::string.
template <>
struct Codec<CompactString> {
    static constexpr ValueKind kind = ValueKind::text;
    static constexpr std::string_view kind_name = "text";
    static std::string parse(CompactString& v, std::string_view text, StringPool&,
                             const FieldInfo&) {
        v = text;
        return {};
    }
    static void format(const CompactString& v, std::string& out, const StringPool&,
                       const FieldInfo&) {
        out += v.view();
    }
    static void to_json(const CompactString& v, json& out, const StringPool&, const FieldInfo&) {
        out = v.view();
    }
    static std::string from_json(CompactString& v, const json& in, StringPool&,
                                 const FieldInfo& f) {
        if (!in.is_string()) {
            return std::string(f.name) + " expects a string";
        }
        v = in.get_ref<const std::string&>();
        return {};
    }
    static bool equal(const CompactString& a, const StringPool&, const CompactString& b,
                      const StringPool&) {
        return a == b;
    }
};

template <class I>
concept Integer = std::is_integral_v<I> && !std::is_same_v<I, bool>;

// Defined in codecs.cpp for the integer types fields use. Free functions rather than
// out-of-line members of the constrained specialisation below: clang 14 (the fuzz preset)
// cannot match such out-of-line definitions.
template <class I>
std::string parse_integer(I& v, std::string_view text, const FieldInfo& f);
template <class I>
std::string integer_from_json(I& v, const json& in, const FieldInfo& f);

template <Integer I>
struct Codec<I> {
    static constexpr ValueKind kind = ValueKind::integer;
    static constexpr std::string_view kind_name =
        std::is_signed_v<I> ? "integer" : "unsigned integer";
    static std::string parse(I& v, std::string_view text, StringPool&, const FieldInfo& f) {
        return parse_integer(v, text, f);
    }
    static void format(I v, std::string& out, const StringPool&, const FieldInfo&) {
        out += std::to_string(v);
    }
    static void to_json(I v, json& out, const StringPool&, const FieldInfo&) { out = v; }
    static std::string from_json(I& v, const json& in, StringPool&, const FieldInfo& f) {
        return integer_from_json(v, in, f);
    }
    static bool equal(I a, const StringPool&, I b, const StringPool&) { return a == b; }
};

template <>
struct Codec<double> {
    static constexpr ValueKind kind = ValueKind::real;
    static constexpr std::string_view kind_name = "number";
    static std::string parse(double& v, std::string_view text, StringPool&, const FieldInfo&);
    static void format(double v, std::string& out, const StringPool&, const FieldInfo&);
    static void to_json(double v, json& out, const StringPool&, const FieldInfo&) { out = v; }
    static std::string from_json(double& v, const json& in, StringPool&, const FieldInfo&);
    static bool equal(double a, const StringPool&, double b, const StringPool&) { return a == b; }
};

template <>
struct Codec<bool> {
    static constexpr ValueKind kind = ValueKind::boolean;
    static constexpr std::string_view kind_name = "boolean";
    static std::string parse(bool& v, std::string_view text, StringPool&, const FieldInfo&);
    static void format(bool v, std::string& out, const StringPool&, const FieldInfo&) {
        out += v ? '1' : '0';
    }
    static void to_json(bool v, json& out, const StringPool&, const FieldInfo&) { out = v; }
    static std::string from_json(bool& v, const json& in, StringPool&, const FieldInfo&);
    static bool equal(bool a, const StringPool&, bool b, const StringPool&) { return a == b; }
};

// Enumerations are written with the words of their field's Choices.
std::string parse_choice(std::uint8_t& v, std::string_view text, const FieldInfo& f);
std::string_view choice_word(std::uint8_t v, const FieldInfo& f);

template <class E>
concept Enumeration = std::is_enum_v<E>;

template <Enumeration E>
struct Codec<E> {
    static constexpr ValueKind kind = ValueKind::enumeration;
    static constexpr std::string_view kind_name = "one of";
    static std::string parse(E& v, std::string_view text, StringPool&, const FieldInfo& f) {
        auto raw = static_cast<std::uint8_t>(v);
        auto error = parse_choice(raw, text, f);
        if (error.empty()) {
            v = static_cast<E>(raw);
        }
        return error;
    }
    static void format(E v, std::string& out, const StringPool&, const FieldInfo& f) {
        out += choice_word(static_cast<std::uint8_t>(v), f);
    }
    static void to_json(E v, json& out, const StringPool&, const FieldInfo& f) {
        out = choice_word(static_cast<std::uint8_t>(v), f);
    }
    static std::string from_json(E& v, const json& in, StringPool& pool, const FieldInfo& f) {
        if (!in.is_string()) {
            return std::string(f.name) + " expects a string";
        }
        return parse(v, in.get_ref<const std::string&>(), pool, f);
    }
    static bool equal(E a, const StringPool&, E b, const StringPool&) { return a == b; }
};

template <>
struct Codec<Letters> {
    static constexpr ValueKind kind = ValueKind::letters;
    static constexpr std::string_view kind_name = "options";
    static std::string parse(Letters& v, std::string_view text, StringPool&, const FieldInfo& f);
    static void format(Letters v, std::string& out, const StringPool&, const FieldInfo&);
    static void to_json(Letters v, json& out, const StringPool& pool, const FieldInfo& f);
    static std::string from_json(Letters& v, const json& in, StringPool& pool, const FieldInfo& f);
    static bool equal(Letters a, const StringPool&, Letters b, const StringPool&) { return a == b; }
};

// Interned lists of symbols: SymbolList (comma-separated text) and LineList (one entry per
// occurrence). Their JSON form is an array of strings.
bool equal_symbol_lists(ListId a, const StringPool& pa, ListId b, const StringPool& pb);
void symbols_to_json(ListId v, json& out, const StringPool& pool);
std::string symbols_from_json(ListId& v, const json& in, StringPool& pool, const FieldInfo& f);

template <>
struct Codec<SymbolList> {
    static constexpr ValueKind kind = ValueKind::name_list;
    static constexpr std::string_view kind_name = "list of names";
    static std::string parse(SymbolList& v, std::string_view text, StringPool& pool,
                             const FieldInfo&);
    static void format(SymbolList v, std::string& out, const StringPool& pool, const FieldInfo&);
    static void to_json(SymbolList v, json& out, const StringPool& pool, const FieldInfo&) {
        symbols_to_json(v.list, out, pool);
    }
    static std::string from_json(SymbolList& v, const json& in, StringPool& pool,
                                 const FieldInfo& f) {
        return symbols_from_json(v.list, in, pool, f);
    }
    static bool equal(SymbolList a, const StringPool& pa, SymbolList b, const StringPool& pb) {
        return equal_symbol_lists(a.list, pa, b.list, pb);
    }
};

template <>
struct Codec<LineList> {
    static constexpr ValueKind kind = ValueKind::name_list;
    static constexpr std::string_view kind_name = "lines (each occurrence adds one)";
    static std::string parse(LineList& v, std::string_view text, StringPool& pool,
                             const FieldInfo&);
    static void format(LineList v, std::string& out, const StringPool& pool, const FieldInfo&);
    static void to_json(LineList v, json& out, const StringPool& pool, const FieldInfo&) {
        symbols_to_json(v.list, out, pool);
    }
    static std::string from_json(LineList& v, const json& in, StringPool& pool,
                                 const FieldInfo& f) {
        return symbols_from_json(v.list, in, pool, f);
    }
    static bool equal(LineList a, const StringPool& pa, LineList b, const StringPool& pb) {
        return equal_symbol_lists(a.list, pa, b.list, pb);
    }
};

// Lists of (name, value) symbol pairs: custom variables and key=value maps.
bool equal_pairs(ListId a, const StringPool& pa, ListId b, const StringPool& pb);
void pairs_to_json(ListId v, json& out, const StringPool& pool, std::string_view key_prefix);
std::string pairs_from_json(ListId& v, const json& in, StringPool& pool, const FieldInfo& f,
                            bool custom);
// The pairs with `name` set to `value` (replacing an existing value), sorted by name.
ListId set_pair(ListId pairs, Symbol name, Symbol value, StringPool& pool);

template <>
struct Codec<CustomVars> {
    static constexpr ValueKind kind = ValueKind::custom_vars;
    static constexpr std::string_view kind_name = "custom variables";
    static std::string parse(CustomVars&, std::string_view, StringPool&, const FieldInfo&) {
        return "custom variables are written one per line as _NAME value";
    }
    static void format(CustomVars v, std::string& out, const StringPool& pool, const FieldInfo&);
    static void to_json(CustomVars v, json& out, const StringPool& pool, const FieldInfo&) {
        pairs_to_json(v.pairs, out, pool, "_");
    }
    static std::string from_json(CustomVars& v, const json& in, StringPool& pool,
                                 const FieldInfo& f) {
        return pairs_from_json(v.pairs, in, pool, f, true);
    }
    static bool equal(CustomVars a, const StringPool& pa, CustomVars b, const StringPool& pb) {
        return equal_pairs(a.pairs, pa, b.pairs, pb);
    }
};

template <>
struct Codec<KeyValues> {
    static constexpr ValueKind kind = ValueKind::key_values;
    static constexpr std::string_view kind_name = "name=value list";
    static std::string parse(KeyValues& v, std::string_view text, StringPool& pool,
                             const FieldInfo&);
    static void format(KeyValues v, std::string& out, const StringPool& pool, const FieldInfo&);
    static void to_json(KeyValues v, json& out, const StringPool& pool, const FieldInfo&) {
        pairs_to_json(v.pairs, out, pool, "");
    }
    static std::string from_json(KeyValues& v, const json& in, StringPool& pool,
                                 const FieldInfo& f) {
        return pairs_from_json(v.pairs, in, pool, f, false);
    }
    static bool equal(KeyValues a, const StringPool& pa, KeyValues b, const StringPool& pb) {
        return equal_pairs(a.pairs, pa, b.pairs, pb);
    }
};

template <>
struct Codec<SourceLocation> {
    static constexpr ValueKind kind = ValueKind::source;
    static constexpr std::string_view kind_name = "file:line";
    static std::string parse(SourceLocation& v, std::string_view text, StringPool& pool,
                             const FieldInfo&);
    static void format(SourceLocation v, std::string& out, const StringPool& pool,
                       const FieldInfo&);
    static void to_json(SourceLocation v, json& out, const StringPool& pool, const FieldInfo& f) {
        std::string text;
        format(v, text, pool, f);
        out = text;
    }
    static std::string from_json(SourceLocation& v, const json& in, StringPool& pool,
                                 const FieldInfo& f);
    static bool equal(SourceLocation a, const StringPool& pa, SourceLocation b,
                      const StringPool& pb) {
        return a.line == b.line && Codec<Symbol>::equal(a.file, pa, b.file, pb);
    }
};

// State records: JSON only, compared with operator== (no symbols inside) except the list of
// notified contact names.
void record_to_json(const HeapOptional<Acknowledgement>& v, json& out);
void record_to_json(const FlapHistory& v, json& out);
void record_to_json(const std::vector<Downtime>& v, json& out);
void record_to_json(const std::vector<Comment>& v, json& out);
std::string record_from_json(HeapOptional<Acknowledgement>& v, const json& in);
std::string record_from_json(FlapHistory& v, const json& in);
std::string record_from_json(std::vector<Downtime>& v, const json& in);
std::string record_from_json(std::vector<Comment>& v, const json& in);

template <class R>
struct RecordCodec : StateOnlyText<R> {
    static constexpr ValueKind kind = ValueKind::record;
    static void format(const R& v, std::string& out, const StringPool& pool, const FieldInfo& f) {
        json j;
        to_json(v, j, pool, f);
        out += j.dump();
    }
    static void to_json(const R& v, json& out, const StringPool&, const FieldInfo&) {
        record_to_json(v, out);
    }
    static std::string from_json(R& v, const json& in, StringPool&, const FieldInfo& f) {
        auto error = record_from_json(v, in);
        return error.empty() ? error : std::string(f.name) + ": " + error;
    }
    static bool equal(const R& a, const StringPool&, const R& b, const StringPool&) {
        return a == b;
    }
};

template <>
struct Codec<HeapOptional<Acknowledgement>> : RecordCodec<HeapOptional<Acknowledgement>> {
    static constexpr std::string_view kind_name = "acknowledgement";
};
template <>
struct Codec<FlapHistory> : RecordCodec<FlapHistory> {
    static constexpr std::string_view kind_name = "state change history";
};
template <>
struct Codec<std::vector<Downtime>> : RecordCodec<std::vector<Downtime>> {
    static constexpr std::string_view kind_name = "list of downtimes";
};
template <>
struct Codec<std::vector<Comment>> : RecordCodec<std::vector<Comment>> {
    static constexpr std::string_view kind_name = "list of comments";
};

template <>
struct Codec<std::vector<Symbol>> : StateOnlyText<std::vector<Symbol>> {
    static constexpr ValueKind kind = ValueKind::record;
    static constexpr std::string_view kind_name = "list of names";
    static void format(const std::vector<Symbol>& v, std::string& out, const StringPool& pool,
                       const FieldInfo&);
    static void to_json(const std::vector<Symbol>& v, json& out, const StringPool& pool,
                        const FieldInfo&);
    static std::string from_json(std::vector<Symbol>& v, const json& in, StringPool& pool,
                                 const FieldInfo& f);
    static bool equal(const std::vector<Symbol>& a, const StringPool& pa,
                      const std::vector<Symbol>& b, const StringPool& pb);
};

}  // namespace yagura::model::detail
