#include <yagura/core/strings.hpp>
#include <yagura/exec/plugin_output.hpp>

namespace yagura::exec {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

std::string_view rtrim(std::string_view text) {
    while (!text.empty() && is_space(text.back())) {
        text.remove_suffix(1);
    }
    return text;
}

// Position of the first '|' not escaped by a backslash, or npos.
std::size_t find_separator(std::string_view line) {
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) {
            return i;
        }
    }
    return std::string_view::npos;
}

// Appends `text` with every "\|" turned into '|'.
void append_unescaped(std::string& out, std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '|') {
            continue;
        }
        out.push_back(text[i]);
    }
}

void append_perf_part(std::string& perf, std::string_view part) {
    part = core::trim(part);
    if (part.empty()) {
        return;
    }
    if (!perf.empty()) {
        perf.push_back(' ');
    }
    append_unescaped(perf, part);
}

// Collects long output lines, dropping leading blank lines now and trailing ones at the end.
class LongOutput {
public:
    explicit LongOutput(std::string& out) : out_(out) {}
    void add(std::string_view line) {
        line = rtrim(line);
        if (line.empty()) {
            if (!out_.empty()) {
                ++pending_blank_lines_;
            }
            return;
        }
        for (; pending_blank_lines_ > 0; --pending_blank_lines_) {
            out_.push_back('\n');
        }
        if (!out_.empty()) {
            out_.push_back('\n');
        }
        append_unescaped(out_, line);
    }

private:
    std::string& out_;
    std::size_t pending_blank_lines_ = 0;
};

}  // namespace

PluginOutput parse_plugin_output(std::string_view text) {
    PluginOutput parsed;
    auto first_end = text.find('\n');
    auto first_line = text.substr(0, first_end);
    auto pipe = find_separator(first_line);
    append_unescaped(parsed.output, core::trim(first_line.substr(0, pipe)));
    if (pipe != std::string_view::npos) {
        append_perf_part(parsed.perf_data, first_line.substr(pipe + 1));
    }
    if (first_end == std::string_view::npos) {
        return parsed;
    }

    LongOutput long_output(parsed.long_output);
    bool in_perfdata = false;
    std::string_view rest = text.substr(first_end + 1);
    while (!rest.empty()) {
        auto end = rest.find('\n');
        auto line = rest.substr(0, end);
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        if (in_perfdata) {
            append_perf_part(parsed.perf_data, line);
            continue;
        }
        pipe = find_separator(line);
        long_output.add(line.substr(0, pipe));
        if (pipe != std::string_view::npos) {
            in_perfdata = true;
            append_perf_part(parsed.perf_data, line.substr(pipe + 1));
        }
    }
    return parsed;
}

std::string_view utf8_complete_prefix(std::string_view text) {
    // Look back over at most three continuation bytes for the lead byte of the last
    // character, and drop that character if it has fewer bytes than its lead announces.
    std::size_t continuation = 0;
    for (std::size_t i = text.size(); i > 0 && continuation < 4; --i) {
        auto byte = static_cast<unsigned char>(text[i - 1]);
        if ((byte & 0xC0) == 0x80) {
            ++continuation;
            continue;
        }
        std::size_t expected = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
        if (expected > continuation + 1) {
            return text.substr(0, i - 1);
        }
        return text;
    }
    return text;
}

}  // namespace yagura::exec
