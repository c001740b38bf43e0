#include <vector>

#include <yagura/retention/keys.hpp>

namespace yagura::retention {

namespace {

constexpr std::string_view kHexDigits = "0123456789ABCDEF";

bool needs_escape(unsigned char c) {
    return c == '%' || c == ':' || c < 0x20 || c == 0x7f;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

// Splits on ':' (never escaped inside a part, so every ':' is a separator).
std::vector<std::string_view> split_parts(std::string_view key) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        auto colon = key.find(':', start);
        parts.push_back(key.substr(start, colon - start));
        if (colon == std::string_view::npos) {
            return parts;
        }
        start = colon + 1;
    }
}

}  // namespace

std::string escape_key_part(std::string_view part) {
    std::string out;
    out.reserve(part.size());
    for (char c : part) {
        auto byte = static_cast<unsigned char>(c);
        if (needs_escape(byte)) {
            out += '%';
            out += kHexDigits[byte >> 4];
            out += kHexDigits[byte & 0x0f];
        } else {
            out += c;
        }
    }
    return out;
}

std::optional<std::string> unescape_key_part(std::string_view part) {
    std::string out;
    out.reserve(part.size());
    for (std::size_t i = 0; i < part.size(); ++i) {
        char c = part[i];
        if (c == ':') {
            return std::nullopt;
        }
        if (c != '%') {
            out += c;
            continue;
        }
        if (i + 2 >= part.size()) {  // a truncated escape
            return std::nullopt;
        }
        int high = hex_value(part[i + 1]);
        int low = hex_value(part[i + 2]);
        if (high < 0 || low < 0) {
            return std::nullopt;
        }
        out += static_cast<char>(high * 16 + low);
        i += 2;
    }
    return out;
}

std::string host_key(std::string_view host_name) {
    return "host:" + escape_key_part(host_name);
}

std::string service_key(std::string_view host_name, std::string_view service_description) {
    return "service:" + escape_key_part(host_name) + ":" + escape_key_part(service_description);
}

std::string global_key(std::string_view name) {
    return "global:" + escape_key_part(name);
}

std::optional<ParsedKey> parse_key(std::string_view key) {
    auto parts = split_parts(key);
    std::vector<std::string> names;
    for (std::size_t i = 1; i < parts.size(); ++i) {
        auto name = unescape_key_part(parts[i]);
        if (!name) {
            return std::nullopt;
        }
        names.push_back(std::move(*name));
    }
    if (parts[0] == "host" && names.size() == 1) {
        return ParsedKey{KeyKind::host, std::move(names[0]), {}};
    }
    if (parts[0] == "service" && names.size() == 2) {
        return ParsedKey{KeyKind::service, std::move(names[0]), std::move(names[1])};
    }
    if (parts[0] == "global" && names.size() == 1) {
        return ParsedKey{KeyKind::global, std::move(names[0]), {}};
    }
    return std::nullopt;
}

}  // namespace yagura::retention
