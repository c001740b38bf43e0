#include "lexer.hpp"

#include <cstring>

namespace yagura::config::detail {

namespace {

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_blank(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && is_blank(s.back())) {
        s.remove_suffix(1);
    }
    return s;
}

// The physical lines of the text, comments cut, joined across trailing backslashes.
class LineReader {
public:
    explicit LineReader(std::string_view text) : text_(text) {}

    // The next logical line, trimmed, or false at the end. Comment lines come back empty.
    bool next(std::string_view& line, std::uint32_t& number) {
        joined_.clear();
        bool joining = false;
        while (pos_ < text_.size()) {
            std::string_view raw = take_physical();
            if (!joining) {
                number = physical_;
            }
            std::string_view content = strip_comment(raw);
            if (!content.empty() && content.front() == '#') {
                content = {};
            }
            if (!content.empty() && content.back() == '\\') {
                content.remove_suffix(1);
                append(content);
                joining = true;
                continue;
            }
            if (joining) {
                append(content);
                line = trim(joined_);
            } else {
                line = content;
            }
            return true;
        }
        if (joining) {  // a backslash on the last line: take what was joined
            line = trim(joined_);
            return true;
        }
        return false;
    }

private:
    std::string_view take_physical() {
        const char* start = text_.data() + pos_;
        const void* nl = std::memchr(start, '\n', text_.size() - pos_);
        std::size_t len = nl == nullptr
                              ? text_.size() - pos_
                              : static_cast<std::size_t>(static_cast<const char*>(nl) - start);
        pos_ += len + 1;
        ++physical_;
        return {start, len};
    }

    // Cuts the line at the first unescaped `;` and unescapes `\;` before it.
    std::string_view strip_comment(std::string_view raw) {
        std::size_t semi = raw.find(';');
        bool escaped = false;
        while (semi != std::string_view::npos && semi > 0 && raw[semi - 1] == '\\') {
            escaped = true;
            semi = raw.find(';', semi + 1);
        }
        std::string_view kept = trim(raw.substr(0, semi));
        if (!escaped) {
            return kept;
        }
        unescaped_.clear();
        for (std::size_t i = 0; i < kept.size(); ++i) {
            if (kept[i] == '\\' && i + 1 < kept.size() && kept[i + 1] == ';') {
                continue;
            }
            unescaped_ += kept[i];
        }
        return unescaped_;
    }

    void append(std::string_view piece) { joined_ += piece; }

    std::string_view text_;
    std::size_t pos_ = 0;
    std::uint32_t physical_ = 0;
    std::string joined_;
    std::string unescaped_;
};

bool starts_with_define(std::string_view line) {
    return line.size() > 6 && line.compare(0, 6, "define") == 0 &&
           (is_blank(line[6]) || line[6] == '{');
}

class BlockLexer {
public:
    explicit BlockLexer(LexSink& sink) : sink_(sink) {}

    void line(std::string_view text, std::uint32_t number) {
        if (text.empty()) {
            return;
        }
        if (awaiting_brace_) {
            awaiting_brace_ = false;
            if (text.front() == '{') {
                text = trim(text.substr(1));
                if (text.empty()) {
                    return;
                }
            } else {
                sink_.problem(number, "expected '{' after 'define " + type_ + "' on line " +
                                          std::to_string(block_line_));
            }
        }
        if (in_block_) {
            block_line(text, number);
        } else {
            outside_line(text, number);
        }
    }

    void finish() {
        if (in_block_ || awaiting_brace_) {
            sink_.problem(block_line_, "'define " + type_ + "' is never closed with '}'");
            sink_.end(block_line_);
        }
    }

private:
    void outside_line(std::string_view text, std::uint32_t number) {
        if (starts_with_define(text)) {
            open(text, number);
            return;
        }
        if (text.front() == '}') {
            sink_.problem(number, "'}' without a 'define' block to close");
            return;
        }
        std::size_t eq = text.find('=');
        if (eq == std::string_view::npos) {
            sink_.problem(number, "expected 'key=value' or 'define <type> {', got '" +
                                      std::string(text) + "'");
            return;
        }
        sink_.setting(number, trim(text.substr(0, eq)), trim(text.substr(eq + 1)));
    }

    void block_line(std::string_view text, std::uint32_t number) {
        if (starts_with_define(text)) {
            sink_.problem(block_line_, "'define " + type_ +
                                           "' is not closed with '}' before line " +
                                           std::to_string(number));
            sink_.end(block_line_);
            in_block_ = false;
            open(text, number);
            return;
        }
        bool closes = text.back() == '}';
        if (closes) {
            text = trim(text.substr(0, text.size() - 1));
        }
        if (!text.empty()) {
            std::size_t space = 0;
            while (space < text.size() && !is_blank(text[space])) {
                ++space;
            }
            sink_.attribute(number, text.substr(0, space), trim(text.substr(space)));
        }
        if (closes) {
            sink_.end(number);
            in_block_ = false;
        }
    }

    void open(std::string_view text, std::uint32_t number) {
        std::string_view rest = trim(text.substr(6));
        std::size_t brace = rest.find('{');
        type_ = std::string(trim(rest.substr(0, brace)));
        block_line_ = number;
        sink_.begin(number, type_);
        if (brace == std::string_view::npos) {
            awaiting_brace_ = true;
            in_block_ = true;
            return;
        }
        in_block_ = true;
        std::string_view after = trim(rest.substr(brace + 1));
        if (!after.empty()) {
            block_line(after, number);
        }
    }

    LexSink& sink_;
    bool in_block_ = false;
    bool awaiting_brace_ = false;
    std::string type_;
    std::uint32_t block_line_ = 0;
};

}  // namespace

void lex(std::string_view text, LexSink& sink) {
    LineReader reader(text);
    BlockLexer blocks(sink);
    std::string_view line;
    std::uint32_t number = 0;
    while (reader.next(line, number)) {
        blocks.line(line, number);
    }
    blocks.finish();
}

}  // namespace yagura::config::detail
