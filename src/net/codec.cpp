#include <cctype>
#include <cstdint>

#include <yagura/net/codec.hpp>

namespace yagura::net {

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

constexpr std::string_view kBase64Alphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int base64_value(char c) {
    auto pos = kBase64Alphabet.find(c);
    return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

}  // namespace

std::string percent_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%' && i + 2 < text.size()) {
            int high = hex_value(text[i + 1]);
            int low = hex_value(text[i + 2]);
            if (high >= 0 && low >= 0) {
                out += static_cast<char>(high * 16 + low);
                i += 2;
                continue;
            }
        }
        out += (plus_is_space && c == '+') ? ' ' : c;
    }
    return out;
}

std::string percent_encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        bool unreserved = std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '~';
        if (unreserved) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

Params parse_params(std::string_view text) {
    Params params;
    while (!text.empty()) {
        auto amp = text.find('&');
        auto pair = text.substr(0, amp);
        text = amp == std::string_view::npos ? std::string_view{} : text.substr(amp + 1);
        if (pair.empty()) {
            continue;
        }
        auto eq = pair.find('=');
        auto key = percent_decode(pair.substr(0, eq), true);
        auto value = eq == std::string_view::npos ? std::string{}
                                                  : percent_decode(pair.substr(eq + 1), true);
        params.emplace(std::move(key), std::move(value));
    }
    return params;
}

void split_target(std::string_view target, std::string& path, Params& query) {
    auto question = target.find('?');
    path = percent_decode(target.substr(0, question), false);
    query =
        question == std::string_view::npos ? Params{} : parse_params(target.substr(question + 1));
}

std::optional<std::string> base64_decode(std::string_view text) {
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    std::size_t padding = 0;
    for (char c : text) {
        if (c == '=') {
            ++padding;
            continue;
        }
        int value = base64_value(c);
        if (value < 0 || padding > 0) {
            return std::nullopt;
        }
        buffer = (buffer << 6) | static_cast<std::uint32_t>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    if (padding > 2) {
        return std::nullopt;
    }
    return out;
}

std::string base64_encode(std::string_view data) {
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < data.size(); i += 3) {
        std::uint32_t n = (static_cast<unsigned char>(data[i]) << 16) |
                          (static_cast<unsigned char>(data[i + 1]) << 8) |
                          static_cast<unsigned char>(data[i + 2]);
        for (int shift = 18; shift >= 0; shift -= 6) {
            out += kBase64Alphabet[(n >> shift) & 63];
        }
    }
    std::size_t rest = data.size() - i;
    if (rest > 0) {
        std::uint32_t n = static_cast<unsigned char>(data[i]) << 16;
        if (rest == 2) {
            n |= static_cast<unsigned char>(data[i + 1]) << 8;
        }
        out += kBase64Alphabet[(n >> 18) & 63];
        out += kBase64Alphabet[(n >> 12) & 63];
        out += rest == 2 ? kBase64Alphabet[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

}  // namespace yagura::net
