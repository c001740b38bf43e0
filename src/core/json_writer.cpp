#include <charconv>
#include <cmath>

#include <yagura/core/json_writer.hpp>

namespace yagura::core {

namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 when it is not valid.
std::size_t utf8_length(std::string_view text, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char c = byte(i);
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1FU;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0FU;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07U;
    } else {
        return 0;
    }
    if (i + n > text.size()) {
        return 0;
    }
    for (std::size_t k = 1; k < n; ++k) {
        if ((byte(i + k) & 0xC0U) != 0x80U) {
            return 0;
        }
        cp = (cp << 6) | (byte(i + k) & 0x3FU);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not valid UTF-8.
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
        return 0;
    }
    return n;
}

// Printable ASCII that JSON takes as it is.
bool plain(unsigned char c) {
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

// Appends the byte or UTF-8 sequence at text[i] that is not plain(); returns the bytes read.
std::size_t append_special(std::string& out, std::string_view text, std::size_t i) {
    static constexpr char kHex[] = "0123456789abcdef";
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
        std::size_t n = utf8_length(text, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
            return 1;
        }
        out.append(text.data() + i, n);
        return n;
    }
    switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:  // the other control characters
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
    }
    return 1;
}

// The shortest text that reads back as `value` (finite) into buffer; returns its length.
std::size_t shortest(double value, char (&buffer)[32]) {
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return static_cast<std::size_t>(end - buffer);
}

}  // namespace

void append_json_escaped(std::string& out, std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        // Most text is plain ASCII: copy it in runs, not byte by byte.
        std::size_t plain_end = i;
        while (plain_end < text.size() && plain(static_cast<unsigned char>(text[plain_end]))) {
            ++plain_end;
        }
        out.append(text.data() + i, plain_end - i);
        i = plain_end;
        if (i < text.size()) {
            i += append_special(out, text, i);
        }
    }
}

void JsonWriter::string(std::string_view text) {
    separator();
    out_ += '"';
    append_json_escaped(out_, text);
    out_ += '"';
}

void JsonWriter::number(double value) {
    separator();
    if (!std::isfinite(value)) {
        out_ += '0';
        return;
    }
    char buffer[32];
    out_.append(buffer, shortest(value, buffer));
}

void JsonWriter::floating(double value) {
    separator();
    if (!std::isfinite(value)) {
        out_ += "0.0";
        return;
    }
    char buffer[32];
    std::string_view text(buffer, shortest(value, buffer));
    out_ += text;
    if (text.find_first_of(".e") == std::string_view::npos) {
        out_ += ".0";
    }
}

void JsonWriter::integer(std::int64_t value) {
    separator();
    char buffer[24];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    out_.append(buffer, end);
}

}  // namespace yagura::core
