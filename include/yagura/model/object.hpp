#pragma once

#include <bitset>
#include <cstddef>

#include <yagura/model/symbol.hpp>
#include <yagura/model/values.hpp>

namespace yagura::model {

// Upper bound of declared fields per type (the widest, Host, has 128; static_asserts guard it).
inline constexpr std::size_t kMaxFields = 192;

// What every object type starts with: Shinken's Item attributes (name, use, register,
// imported_from), custom variables and which fields the configuration set explicitly.
struct ObjectHeader {
    Symbol template_name;    // `name`: lets other objects `use` this one
    SymbolList use;          // templates to inherit from, left to right, depth first
    bool registered = true;  // `register 0`: a template only, never a real object
    SourceLocation imported_from;
    CustomVars customs;
    // Bit i: field i of the type's table was given by the object itself or a template. The
    // config stage uses it for template and implicit inheritance and `required` checks;
    // set_attribute() (schema.hpp) sets it. Not part of the JSON form.
    std::bitset<kMaxFields> explicitly_set;
};

}  // namespace yagura::model
