#pragma once

// A record's brok fields: key -> how to read the JSON value into the record.

#include <functional>
#include <string>
#include <unordered_map>

#include "json_values.hpp"

namespace yagura::modules::brokerstate {

template <class T>
class FieldTable {
public:
    using Setter = std::function<void(T&, const nlohmann::json&, const std::string&)>;

    FieldTable& custom(const char* key, Setter setter) {
        setters_[key] = std::move(setter);
        return *this;
    }
    FieldTable& text(const char* key, std::string T::*member) {
        return custom(key, [member](T& o, const auto& v, const auto& k) {
            o.*member = json_values::text(v, k);
        });
    }
    FieldTable& number(const char* key, double T::*member) {
        return custom(key, [member](T& o, const auto& v, const auto& k) {
            o.*member = json_values::number(v, k);
        });
    }
    FieldTable& integer(const char* key, int T::*member) {
        return custom(key, [member](T& o, const auto& v, const auto& k) {
            o.*member = json_values::integer(v, k);
        });
    }
    FieldTable& flag(const char* key, bool T::*member) {
        return custom(key, [member](T& o, const auto& v, const auto& k) {
            o.*member = json_values::flag(v, k);
        });
    }
    FieldTable& names(const char* key, std::vector<std::string> T::*member) {
        return custom(key, [member](T& o, const auto& v, const auto& k) {
            o.*member = json_values::names(v, k);
        });
    }
    // Takes every field of a base class's table.
    template <class Base>
    FieldTable& include(const FieldTable<Base>& base) {
        for (const auto& [key, setter] : base.setters()) {
            setters_[key] = [setter = setter](T& o, const auto& v, const auto& k) {
                setter(static_cast<Base&>(o), v, k);
            };
        }
        return *this;
    }

    // Applies the fields present in data; unknown keys are ignored (Shinken sends many).
    void apply(T& object, const nlohmann::json& data) const {
        if (!data.is_object()) {
            throw BrokError("brok data is not an object");
        }
        for (const auto& [key, value] : data.items()) {
            auto it = setters_.find(key);
            if (it != setters_.end()) {
                it->second(object, value, key);
            }
        }
    }

    const std::unordered_map<std::string, Setter>& setters() const { return setters_; }

private:
    std::unordered_map<std::string, Setter> setters_;
};

}  // namespace yagura::modules::brokerstate
