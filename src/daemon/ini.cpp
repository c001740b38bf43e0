#include <fstream>
#include <sstream>

#include <yagura/core/error.hpp>
#include <yagura/core/strings.hpp>
#include <yagura/daemon/ini.hpp>

namespace yagura::daemon {

namespace {

[[noreturn]] void fail(const std::string& source, int line, const std::string& message) {
    throw core::Error(core::ErrorKind::invalid_input,
                      source + ":" + std::to_string(line) + ": " + message);
}

// Expands %(key)s from the section, then [DEFAULT]; "%%" is a literal '%'.
std::string interpolate(const IniFile& ini, const std::map<std::string, IniValue>& section,
                        const IniValue& value, int depth = 0) {
    if (depth > 10) {
        fail(ini.source, value.line, "%(...)s references nest too deep (a loop?)");
    }
    const auto* defaults = ini.section("default");
    std::string out;
    const std::string& text = value.value;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '%') {
            out += text[i];
            continue;
        }
        if (i + 1 < text.size() && text[i + 1] == '%') {
            out += '%';
            ++i;
            continue;
        }
        auto close = text.find(")s", i);
        if (i + 1 >= text.size() || text[i + 1] != '(' || close == std::string::npos) {
            out += '%';
            continue;
        }
        auto key = core::to_lower(text.substr(i + 2, close - i - 2));
        const IniValue* referenced = nullptr;
        if (auto it = section.find(key); it != section.end()) {
            referenced = &it->second;
        } else if (defaults != nullptr) {
            if (auto d = defaults->find(key); d != defaults->end()) {
                referenced = &d->second;
            }
        }
        if (referenced == nullptr) {
            fail(ini.source, value.line, "%(" + key + ")s refers to an unknown key");
        }
        out += interpolate(ini, section, *referenced, depth + 1);
        i = close + 1;
    }
    return out;
}

}  // namespace

const std::map<std::string, IniValue>* IniFile::section(const std::string& name) const {
    auto it = sections.find(core::to_lower(name));
    return it == sections.end() ? nullptr : &it->second;
}

IniFile parse_ini(std::string_view text, const std::string& source) {
    IniFile ini;
    ini.source = source;
    std::map<std::string, IniValue>* current = nullptr;
    int number = 0;
    std::istringstream lines{std::string(text)};
    for (std::string raw; std::getline(lines, raw);) {
        ++number;
        auto line = core::trim(raw);
        if (line.empty() || line.front() == '#' || line.front() == ';') {
            continue;
        }
        if (line.front() == '[') {
            if (line.back() != ']' || line.size() < 3) {
                fail(source, number, "malformed section header '" + std::string(line) + "'");
            }
            current = &ini.sections[core::to_lower(core::trim(line.substr(1, line.size() - 2)))];
            continue;
        }
        auto separator = line.find_first_of("=:");
        if (separator == std::string_view::npos || separator == 0) {
            fail(source, number, "expected 'key = value', got '" + std::string(line) + "'");
        }
        if (current == nullptr) {
            fail(source, number, "'" + std::string(line) + "' comes before any [section]");
        }
        auto key = core::to_lower(core::trim(line.substr(0, separator)));
        (*current)[key] = IniValue{std::string(core::trim(line.substr(separator + 1))), number};
    }
    // Interpolate once everything is known: a reference may point further down the file.
    for (auto& [name, section] : ini.sections) {
        auto copy = section;
        for (auto& [key, value] : section) {
            value.value = interpolate(ini, copy, copy.at(key));
        }
    }
    return ini;
}

IniFile load_ini(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        throw core::Error(core::ErrorKind::not_found, "cannot read " + path);
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    return parse_ini(buffer.str(), path);
}

}  // namespace yagura::daemon
