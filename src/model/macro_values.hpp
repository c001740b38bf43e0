#pragma once

// Values of the standard macros per object (macro_values.cpp), used by StandardMacros.
// Each returns false when the code is not one of its object's macros.

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include <yagura/model/config.hpp>
#include <yagura/model/macros.hpp>

namespace yagura::model::detail {

bool host_value(MacroCode code, const Host& h, const Config& cfg, EpochSeconds now,
                std::string& out);
bool service_value(MacroCode code, const Service& s, const Config& cfg, EpochSeconds now,
                   std::string& out);
bool contact_value(MacroCode code, const Contact& c, const Config& cfg, std::string& out);
bool hostgroup_value(MacroCode code, const HostGroup& g, const Config& cfg, std::string& out);
bool servicegroup_value(MacroCode code, const ServiceGroup& g, const Config& cfg, std::string& out);
bool contactgroup_value(MacroCode code, const ContactGroup& g, const Config& cfg, std::string& out);

// The macros hosts and services share, read from the Checkable part.
bool checkable_value(MacroCode code, const Checkable& c, const Config& cfg, EpochSeconds now,
                     std::string& out);

inline void append_number(std::string& out, std::int64_t v) {
    out += std::to_string(v);
}

inline void append_fixed(std::string& out, double v, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
    out += buffer;
}

inline void append_time(std::string& out, EpochSeconds t) {
    append_number(out, static_cast<std::int64_t>(t));
}

std::vector<std::string_view> hostgroup_names(const Config& cfg, const Host& h);
std::vector<std::string_view> servicegroup_names(const Config& cfg, const Service& s);
std::vector<std::string_view> contactgroup_names(const Config& cfg, const Contact& c);

}  // namespace yagura::model::detail
