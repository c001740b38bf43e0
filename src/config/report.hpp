#pragma once

// Collects the errors and warnings of one load. Every stage reports through it, naming the
// object at fault with describe() and its location (imported_from).

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <yagura/config/diagnostics.hpp>
#include <yagura/model/config.hpp>
#include <yagura/model/schema.hpp>

namespace yagura::config::detail {

// 'text', for messages.
std::string in_quotes(std::string_view text);

// " (did you mean 'x'?)" when one of the candidates is a plausible typo of `name`, else "".
std::string suggestion(std::string_view name, const std::vector<std::string_view>& candidates);

class Report {
public:
    explicit Report(const model::StringPool& pool) : pool_(&pool) {}

    void error(model::SourceLocation where, std::string object, std::string message);
    void warning(model::SourceLocation where, std::string object, std::string message);
    // Problems not tied to an interned location (files that cannot be read, JSON entries).
    void error_at(std::string file, std::uint32_t line, std::string object, std::string message);
    void warning_at(std::string file, std::uint32_t line, std::string object, std::string message);

    // Warnings of one kind (unknown attribute 'x', ...) beyond this many are counted, not
    // listed: a site of a million services should not print a million identical lines.
    static constexpr std::size_t kWarningsPerKind = 20;
    void warning_of_kind(std::string_view kind, model::SourceLocation where, std::string object,
                         std::string message);

    bool has_errors() const { return !errors_.empty(); }
    std::size_t error_count() const { return errors_.size(); }
    // Moves everything out, with "... and N more" lines for the capped kinds.
    std::vector<Diagnostic> take_errors() { return std::move(errors_); }
    std::vector<Diagnostic> take_warnings();

    const model::StringPool& pool() const { return *pool_; }

    // Suggestions ("did you mean ...?") compare a name with every candidate: after this many
    // the rest of the unknown names are reported without one.
    static constexpr std::size_t kSuggestions = 200;
    bool may_suggest() { return suggestions_++ < kSuggestions; }

private:
    Diagnostic make(Severity severity, model::SourceLocation where, std::string object,
                    std::string message) const;

    const model::StringPool* pool_;
    std::vector<Diagnostic> errors_;
    std::vector<Diagnostic> warnings_;
    std::map<std::string, std::size_t, std::less<>> per_kind_;
    std::size_t suggestions_ = 0;
};

// "unknown host 'x' (did you mean 'y'?)", the candidates being the names of a table.
template <class T>
std::string unknown_name(Report& report, std::string_view what, std::string_view name,
                         const model::Table<T>& table) {
    std::string out = "unknown " + std::string(what) + " " + in_quotes(name);
    if (!report.may_suggest()) {
        return out;
    }
    std::vector<std::string> owned;
    owned.reserve(table.size());
    for (const T& obj : table) {
        owned.push_back(model::object_name(obj, report.pool()));
    }
    std::vector<std::string_view> names(owned.begin(), owned.end());
    return out + suggestion(name, names);
}

// "host 'web1'", "service 'web1/HTTP'", "host template 'generic-host'", "hostdependency".
template <class T>
std::string describe(const T& obj, const model::StringPool& pool) {
    std::string out(model::type_info<T>().name);
    std::string name = model::object_name(obj, pool);
    if constexpr (std::is_base_of_v<model::ObjectHeader, T>) {
        if (!obj.registered) {
            out += " template";
            if (!obj.template_name.empty()) {
                name = pool.str(obj.template_name);
            }
        }
    }
    if (!name.empty() && name != "/") {
        out += ' ';
        out += in_quotes(name);
    }
    return out;
}

}  // namespace yagura::config::detail
