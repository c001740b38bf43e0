#pragma once

#include <cstdint>
#include <string>
#include <string_view>

// A JSON text writer for hot paths (broks, the scheduler's get_checks answer): the text is
// written straight into a string, no DOM, no allocation beyond the string's own growth.
// Strings are escaped and invalid UTF-8 (plugin output may hold anything) becomes U+FFFD, so
// everything written parses. Keys are the caller's own ASCII names and are not escaped.
namespace yagura::core {

class JsonWriter {
public:
    explicit JsonWriter(std::string& out) : out_(out) {}

    void begin_object() {
        separator();
        out_ += '{';
        first_ = true;
    }
    void end_object() {
        out_ += '}';
        first_ = false;
    }
    void begin_array() {
        separator();
        out_ += '[';
        first_ = true;
    }
    void end_array() {
        out_ += ']';
        first_ = false;
    }
    // Object key; the next value follows it.
    void key(std::string_view name) {
        separator();
        out_ += '"';
        out_ += name;  // keys are ours: plain ASCII
        out_ += "\":";
        first_ = true;
    }

    void string(std::string_view text);
    // The shortest text that reads back as the same double; not finite: 0 (JSON has no NaN).
    void number(double value);
    // As number(), but integral values keep a ".0" (as nlohmann's dump writes a double), for
    // readers that tell 10 from 10.0.
    void floating(double value);
    void integer(std::int64_t value);
    void boolean(bool value) {
        separator();
        out_ += value ? "true" : "false";
    }
    void null() {
        separator();
        out_ += "null";
    }
    // A value already written as JSON text.
    void raw(std::string_view json_text) {
        separator();
        out_ += json_text;
    }

    void field(std::string_view name, std::string_view text) {
        key(name);
        string(text);
    }
    void field(std::string_view name, const char* text) { field(name, std::string_view(text)); }
    void field(std::string_view name, double value) {
        key(name);
        number(value);
    }
    void field(std::string_view name, int value) {
        key(name);
        integer(value);
    }
    void field(std::string_view name, std::int64_t value) {
        key(name);
        integer(value);
    }
    void field(std::string_view name, std::uint64_t value) {
        key(name);
        integer(static_cast<std::int64_t>(value));
    }
    void field(std::string_view name, std::uint32_t value) {
        key(name);
        integer(value);
    }
    void field(std::string_view name, bool value) {
        key(name);
        boolean(value);
    }

private:
    void separator() {
        if (!first_) {
            out_ += ',';
        }
        first_ = false;
    }

    std::string& out_;
    bool first_ = true;
};

// Appends `text` as a JSON string body (without quotes).
void append_json_escaped(std::string& out, std::string_view text);

}  // namespace yagura::core
