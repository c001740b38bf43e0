#include <algorithm>
#include <iterator>

#include <yagura/exec/command_line.hpp>

namespace yagura::exec {

namespace {

// Words that only mean something to a shell in command position: keywords and the builtins
// that have no executable of the same name. `exit 2` or `ulimit -t 5; ...` as a check
// command must run through sh, where a plain exec would fail with "not found".
constexpr std::string_view kShellOnlyWords[] = {
    "!",       "{",        "}",      "[[",       "]]",       "case",   "do",    "done",    "elif",
    "else",    "esac",     "fi",     "for",      "function", "if",     "in",    "select",  "then",
    "time",    "until",    "while",  ".",        ":",        "alias",  "bg",    "break",   "cd",
    "command", "continue", "eval",   "exec",     "exit",     "export", "fg",    "getopts", "hash",
    "jobs",    "local",    "read",   "readonly", "return",   "set",    "shift", "source",  "times",
    "trap",    "type",     "ulimit", "umask",    "unalias",  "unset",  "wait",
};

bool is_shell_only_word(std::string_view word) {
    return std::find(std::begin(kShellOnlyWords), std::end(kShellOnlyWords), word) !=
           std::end(kShellOnlyWords);
}

// Characters that make the shell do something when they appear unquoted anywhere in a word:
// operators (| & ; < > ( )), expansions ($ `), globs (* ? [ ]) and braces (bash expands
// {a,b}; /bin/sh may be bash).
bool is_unquoted_special(char c) {
    switch (c) {
        case '|':
        case '&':
        case ';':
        case '<':
        case '>':
        case '(':
        case ')':
        case '$':
        case '`':
        case '*':
        case '?':
        case '[':
        case ']':
        case '{':
        case '}':
        case '\n':
            return true;
        default:
            return false;
    }
}

// Special only at the start of a word: '#' starts a comment, '~' expands to a home
// directory, '!' negates a pipeline. In the middle of a word they are plain characters
// (check_http -u /~user/ needs no shell).
bool is_word_start_special(char c) {
    return c == '#' || c == '~' || c == '!';
}

std::string_view reason_for(char c) {
    switch (c) {
        case '|':
            return "unquoted '|'";
        case '&':
            return "unquoted '&'";
        case ';':
            return "unquoted ';'";
        case '<':
            return "unquoted '<'";
        case '>':
            return "unquoted '>'";
        case '(':
            return "unquoted '('";
        case ')':
            return "unquoted ')'";
        case '$':
            return "'$' expansion";
        case '`':
            return "'`' command substitution";
        case '*':
            return "unquoted '*'";
        case '?':
            return "unquoted '?'";
        case '[':
            return "unquoted '['";
        case ']':
            return "unquoted ']'";
        case '{':
            return "unquoted '{'";
        case '}':
            return "unquoted '}'";
        case '\n':
            return "newline";
        case '#':
            return "'#' comment";
        case '~':
            return "'~' expansion";
        case '!':
            return "'!' at a word start";
        default:
            return "shell syntax";
    }
}

class Splitter {
public:
    Splitter(std::string_view line, std::string& words) : line_(line), words_(words) {
        words_.clear();
    }

    SplitLine run() {
        for (char c : line_) {
            if (!step(c)) {
                return result_;
            }
        }
        if (state_ != State::plain) {
            return invalid(state_ == State::single_quoted ? "unterminated single quote"
                                                          : "unterminated double quote");
        }
        if (backslash_pending_) {
            return shell("trailing backslash");
        }
        end_word();
        if (result_.word_count == 0) {
            return invalid("empty command line");
        }
        if (is_shell_only_word(first_word())) {
            return shell("shell keyword or builtin in command position");
        }
        result_.mode = LineMode::direct;
        return result_;
    }

private:
    enum class State { plain, single_quoted, double_quoted };

    // One character; false once the mode is decided before the end of the line.
    bool step(char c) {
        if (c == '\0') {
            invalid("NUL byte in the command line");
            return false;
        }
        switch (state_) {
            case State::single_quoted:
                return single_quoted(c);
            case State::double_quoted:
                return double_quoted(c);
            case State::plain:
                return plain(c);
        }
        return true;
    }

    bool plain(char c) {
        if (backslash_pending_) {
            backslash_pending_ = false;
            if (c != '\n') {  // backslash-newline is a line continuation: both vanish
                append(c);
            }
            return true;
        }
        if (c == ' ' || c == '\t') {
            end_word();
            return true;
        }
        if (is_unquoted_special(c) || (!in_word_ && is_word_start_special(c))) {
            shell(reason_for(c));
            return false;
        }
        if (c == '=' && result_.word_count == 0) {  // NAME=value before the command
            shell("variable assignment");
            return false;
        }
        if (c == '\\') {
            backslash_pending_ = true;  // a trailing one is reported by run()
            return true;
        }
        if (c == '\'') {
            state_ = State::single_quoted;
            in_word_ = true;
            return true;
        }
        if (c == '"') {
            state_ = State::double_quoted;
            in_word_ = true;
            return true;
        }
        append(c);
        return true;
    }

    bool single_quoted(char c) {
        if (c == '\'') {
            state_ = State::plain;
        } else {
            append(c);
        }
        return true;
    }

    // Inside double quotes '$' and '`' still expand; a backslash escapes only $ ` " \ and a
    // newline, and is kept as a character before anything else.
    bool double_quoted(char c) {
        if (backslash_pending_) {
            backslash_pending_ = false;
            if (c == '\n') {
                return true;
            }
            if (c != '$' && c != '`' && c != '"' && c != '\\') {
                append('\\');
            }
            append(c);
            return true;
        }
        switch (c) {
            case '"':
                state_ = State::plain;
                return true;
            case '\\':
                backslash_pending_ = true;
                return true;
            case '$':
            case '`':
                shell(reason_for(c));
                return false;
            default:
                append(c);
                return true;
        }
    }

    void append(char c) {
        in_word_ = true;
        words_.push_back(c);
    }

    void end_word() {
        if (!in_word_) {
            return;
        }
        if (result_.word_count == 0) {
            first_word_end_ = words_.size();
        }
        words_.push_back('\0');
        ++result_.word_count;
        in_word_ = false;
    }

    std::string_view first_word() const { return std::string_view(words_.data(), first_word_end_); }

    SplitLine shell(std::string_view reason) {
        result_ = SplitLine{LineMode::shell, reason, 0};
        words_.clear();
        return result_;
    }

    SplitLine invalid(std::string_view reason) {
        result_ = SplitLine{LineMode::invalid, reason, 0};
        words_.clear();
        return result_;
    }

    std::string_view line_;
    std::string& words_;
    State state_ = State::plain;
    bool in_word_ = false;
    bool backslash_pending_ = false;
    std::size_t first_word_end_ = 0;
    SplitLine result_;
};

}  // namespace

SplitLine split_command_line(std::string_view line, std::string& words) {
    return Splitter(line, words).run();
}

ParsedCommandLine parse_command_line(std::string_view line) {
    std::string words;
    auto split = split_command_line(line, words);
    ParsedCommandLine parsed{split.mode, split.reason, {}};
    std::size_t start = 0;
    for (std::size_t i = 0; i < split.word_count; ++i) {
        auto end = words.find('\0', start);
        parsed.argv.emplace_back(words, start, end - start);
        start = end + 1;
    }
    return parsed;
}

}  // namespace yagura::exec
