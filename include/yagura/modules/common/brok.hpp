#pragma once

// A brok as broker modules receive it. The broker parses each get_broks answer once; every
// module's queue holds Broks that share that parsed answer, so a brok is never copied per
// module. docs/broks.md describes the types and their fields.

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace yagura::modules {

class Brok {
public:
    // The brok at `index` of `batch`, a JSON array of broks (the "broks" of get_broks).
    Brok(std::shared_ptr<const nlohmann::json> batch, std::size_t index);
    // A brok of its own (tests, broks the broker makes itself).
    static Brok single(nlohmann::json brok);

    // The whole brok: {"type": ..., "instance_id": ..., "data": {...}}.
    const nlohmann::json& json() const { return *brok_; }
    // "" when the type is missing or not a string.
    std::string_view type() const;
    // The scheduler part it describes; 0 when missing or not an integer.
    int instance_id() const;
    // Its fields; an empty object when "data" is missing, null or not an object.
    const nlohmann::json& data() const;

private:
    std::shared_ptr<const nlohmann::json> batch_;
    const nlohmann::json* brok_;
};

// The Broks of a parsed array, in order (nothing when `batch` is not an array).
std::vector<Brok> broks_of(const std::shared_ptr<const nlohmann::json>& batch);

}  // namespace yagura::modules
