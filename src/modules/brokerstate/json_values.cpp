#include "json_values.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <yagura/core/strings.hpp>

namespace yagura::modules::brokerstate::json_values {

namespace {

[[noreturn]] void wrong(const std::string& key, const char* expected, const json& value) {
    throw BrokError("field '" + key + "': expected " + expected + ", got " +
                    std::string(value.type_name()));
}

}  // namespace

std::string text(const json& value, const std::string& key) {
    if (value.is_null()) {
        return {};
    }
    if (!value.is_string()) {
        wrong(key, "a string", value);
    }
    return value.get<std::string>();
}

double number(const json& value, const std::string& key) {
    if (value.is_null()) {
        return 0;
    }
    if (value.is_boolean()) {
        return value.get<bool>() ? 1 : 0;
    }
    if (!value.is_number()) {
        wrong(key, "a number", value);
    }
    double number = value.get<double>();
    return std::isfinite(number) ? number : 0;
}

int integer(const json& value, const std::string& key) {
    double n = number(value, key);
    if (n > 2147483647.0 || n < -2147483648.0) {
        throw BrokError("field '" + key + "': out of range");
    }
    return static_cast<int>(n);
}

bool flag(const json& value, const std::string& key) {
    return number(value, key) != 0;
}

std::vector<std::string> names(const json& value, const std::string& key) {
    if (value.is_null()) {
        return {};
    }
    if (value.is_string()) {
        return core::split(value.get<std::string>(), ',');
    }
    if (!value.is_array()) {
        wrong(key, "a list of names", value);
    }
    std::vector<std::string> out;
    out.reserve(value.size());
    for (const auto& item : value) {
        if (!item.is_string()) {
            wrong(key, "a list of names", item);
        }
        out.push_back(item.get<std::string>());
    }
    return out;
}

ls::CustomVars customs(const json& value, const std::string& key) {
    if (value.is_null()) {
        return {};
    }
    if (!value.is_object()) {
        wrong(key, "an object of custom variables", value);
    }
    ls::CustomVars vars;
    for (const auto& [name, item] : value.items()) {
        std::string upper = name;
        if (!upper.empty() && upper.front() == '_') {
            upper.erase(0, 1);
        }
        std::transform(upper.begin(), upper.end(), upper.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        std::string text_value;
        if (item.is_string()) {
            text_value = item.get<std::string>();
        } else if (item.is_number() || item.is_boolean()) {
            text_value = item.dump();
        } else if (!item.is_null()) {
            wrong(key + "." + name, "a string", item);
        }
        vars.emplace_back(std::move(upper), std::move(text_value));
    }
    std::sort(vars.begin(), vars.end());
    return vars;
}

int state(const json& value, const std::string& key) {
    if (!value.is_string()) {
        return integer(value, key);
    }
    static const std::pair<const char*, int> states[] = {
        {"OK", 0},       {"UP", 0},          {"WARNING", 1}, {"DOWN", 1},
        {"CRITICAL", 2}, {"UNREACHABLE", 2}, {"UNKNOWN", 3}, {"PENDING", 0},
    };
    auto name = value.get<std::string>();
    for (const auto& [word, number] : states) {
        if (name == word) {
            return number;
        }
    }
    throw BrokError("field '" + key + "': unknown state '" + name + "'");
}

int state_type(const json& value, const std::string& key) {
    if (value.is_string()) {
        const auto& name = value.get_ref<const std::string&>();
        if (name == "HARD") {
            return 1;
        }
        if (name == "SOFT") {
            return 0;
        }
        throw BrokError("field '" + key + "': unknown state type '" + name + "'");
    }
    return integer(value, key) != 0 ? 1 : 0;
}

}  // namespace yagura::modules::brokerstate::json_values
