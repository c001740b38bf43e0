#include "report.hpp"

#include <yagura/core/strings.hpp>

namespace yagura::config {

std::string Diagnostic::to_string() const {
    std::string out;
    if (!file.empty()) {
        out += file;
        if (line > 0) {
            out += ':';
            out += std::to_string(line);
        }
        out += ": ";
    }
    if (severity == Severity::warning) {
        out += "warning: ";
    }
    if (!object.empty()) {
        out += object;
        out += ": ";
    }
    out += message;
    return out;
}

namespace detail {

std::string in_quotes(std::string_view text) {
    std::string out = "'";
    out += text;
    out += '\'';
    return out;
}

std::string suggestion(std::string_view name, const std::vector<std::string_view>& candidates) {
    std::string_view best = model::closest_name(name, candidates);
    if (best.empty() || best == name) {
        return {};
    }
    return " (did you mean " + in_quotes(best) + "?)";
}

Diagnostic Report::make(Severity severity, model::SourceLocation where, std::string object,
                        std::string message) const {
    Diagnostic d;
    d.severity = severity;
    d.file = std::string(pool_->str(where.file));
    d.line = where.line;
    d.object = std::move(object);
    d.message = std::move(message);
    return d;
}

void Report::error(model::SourceLocation where, std::string object, std::string message) {
    errors_.push_back(make(Severity::error, where, std::move(object), std::move(message)));
}

void Report::warning(model::SourceLocation where, std::string object, std::string message) {
    warnings_.push_back(make(Severity::warning, where, std::move(object), std::move(message)));
}

void Report::error_at(std::string file, std::uint32_t line, std::string object,
                      std::string message) {
    errors_.push_back(
        {Severity::error, std::move(file), line, std::move(object), std::move(message)});
}

void Report::warning_at(std::string file, std::uint32_t line, std::string object,
                        std::string message) {
    warnings_.push_back(
        {Severity::warning, std::move(file), line, std::move(object), std::move(message)});
}

void Report::warning_of_kind(std::string_view kind, model::SourceLocation where, std::string object,
                             std::string message) {
    auto it = per_kind_.find(kind);
    if (it == per_kind_.end()) {
        it = per_kind_.emplace(std::string(kind), 0).first;
    }
    if (++it->second <= kWarningsPerKind) {
        warning(where, std::move(object), std::move(message));
    }
}

std::vector<Diagnostic> Report::take_warnings() {
    for (const auto& [kind, count] : per_kind_) {
        if (count > kWarningsPerKind) {
            warnings_.push_back({Severity::warning, "", 0, "",
                                 "... and " + std::to_string(count - kWarningsPerKind) +
                                     " more warnings like: " + kind});
        }
    }
    per_kind_.clear();
    return std::move(warnings_);
}

}  // namespace detail
}  // namespace yagura::config
