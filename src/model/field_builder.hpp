#pragma once

// Builds FieldDef entries from member pointers: field<Host, &Host::address>({...}) pairs the
// member with the Codec of its type. Private to the model library; used by schema_*.cpp.

#include <array>
#include <cstddef>

#include <yagura/model/field.hpp>

#include "codecs.hpp"

namespace yagura::model::detail {

template <class C, class V>
V member_value_type(V C::*);

template <class T, auto Member>
struct MemberOps {
    using V = decltype(member_value_type(Member));

    static std::string parse(T& o, std::string_view text, StringPool& pool, const FieldInfo& f) {
        return Codec<V>::parse(o.*Member, text, pool, f);
    }
    static void format(const T& o, std::string& out, const StringPool& pool, const FieldInfo& f) {
        Codec<V>::format(o.*Member, out, pool, f);
    }
    static void to_json(const T& o, json& out, const StringPool& pool, const FieldInfo& f) {
        Codec<V>::to_json(o.*Member, out, pool, f);
    }
    static std::string from_json(T& o, const json& in, StringPool& pool, const FieldInfo& f) {
        return Codec<V>::from_json(o.*Member, in, pool, f);
    }
    static bool equal(const T& a, const StringPool& pa, const T& b, const StringPool& pb) {
        return Codec<V>::equal(a.*Member, pa, b.*Member, pb);
    }
    static void assign(T& to, const T& from) { to.*Member = from.*Member; }

    static constexpr FieldOps<T> ops{Codec<V>::kind, Codec<V>::kind_name, &parse, &format,
                                     &to_json,       &from_json,          &equal, &assign};
};

template <class T, auto Member>
constexpr FieldDef<T> field(FieldInfo info) {
    return FieldDef<T>{info, &MemberOps<T, Member>::ops};
}

template <class T, std::size_t... N>
constexpr auto concat(const std::array<FieldDef<T>, N>&... parts) {
    std::array<FieldDef<T>, (N + ...)> out{};
    std::size_t i = 0;
    ((std::copy(parts.begin(), parts.end(), out.begin() + static_cast<std::ptrdiff_t>(i)), i += N),
     ...);
    return out;
}

// The attributes every ObjectHeader type has: name, use, register, imported_from and the
// custom variables.
template <class T>
constexpr std::array<FieldDef<T>, 5> header_fields() {
    return {
        field<T, &T::template_name>({.name = "name",
                                     .flags = kNoInherit,
                                     .doc = "Template name: other objects can `use` this one."}),
        field<T, &T::use>({.name = "use",
                           .flags = kNoInherit,
                           .doc = "Templates to inherit from, left to right, depth first."}),
        field<T, &T::registered>({.name = "register",
                                  .flags = kNoInherit,
                                  .default_text = "1",
                                  .doc = "0: a template only, never a real object."}),
        field<T, &T::imported_from>(
            {.name = "imported_from",
             .flags = kConfig,
             .doc = "Where the object was defined (file:line), set by the parser."}),
        field<T, &T::customs>(
            {.name = "customs",
             .flags = kConfig | kState,
             .doc = "Custom variables, written `_NAME value`; read by the macros "
                    "$_HOSTNAME$, $_SERVICENAME$, $_CONTACTNAME$ (NAME: the variable).",
             .modattr = kModCustomVariable}),
    };
}

}  // namespace yagura::model::detail
