#include <fmt/format.h>

#include <yagura/modules/livestatus/column.hpp>
#include <yagura/modules/livestatus/core.hpp>

namespace yagura::modules::livestatus {

std::string_view to_string(ColumnType type) {
    switch (type) {
        case ColumnType::integer:
            return "int";
        case ColumnType::floating:
            return "float";
        case ColumnType::string:
            return "string";
        case ColumnType::list:
            return "list";
        case ColumnType::dict:
            return "dict";
        case ColumnType::time:
            return "time";
    }
    return "unknown";
}

const CustomVars& Column::dict(Row) const {
    static const CustomVars empty;
    return empty;
}

namespace {

std::string scalar_text(const Value& value) {
    if (const auto* text = std::get_if<std::string>(&value.data)) {
        return *text;
    }
    if (const auto* number = std::get_if<std::int64_t>(&value.data)) {
        return std::to_string(*number);
    }
    if (const auto* real = std::get_if<double>(&value.data)) {
        return fmt::format("{}", *real);
    }
    return {};
}

}  // namespace

// A tuple compares as its first element, or as "first|second" when both are names (a
// servicegroup member is "host|service", as Checkmk's clients write it).
std::string element_text(const Value& value) {
    const auto* tuple = std::get_if<ValueList>(&value.data);
    if (tuple == nullptr) {
        return scalar_text(value);
    }
    if (tuple->empty()) {
        return {};
    }
    std::string text = scalar_text((*tuple)[0]);
    if (tuple->size() > 1 && std::holds_alternative<std::string>((*tuple)[1].data)) {
        text += '|';
        text += std::get<std::string>((*tuple)[1].data);
    }
    return text;
}

std::string_view to_string(Trigger trigger) {
    switch (trigger) {
        case Trigger::check:
            return "check";
        case Trigger::state:
            return "state";
        case Trigger::log:
            return "log";
        case Trigger::downtime:
            return "downtime";
        case Trigger::comment:
            return "comment";
        case Trigger::command:
            return "command";
        case Trigger::program:
            return "program";
        case Trigger::all:
            return "all";
    }
    return "all";
}

std::string ExternalCommand::line() const {
    std::string text = fmt::format("[{}] {}", static_cast<long long>(timestamp), name);
    if (!arguments.empty()) {
        text += ';';
        text += arguments;
    }
    return text;
}

}  // namespace yagura::modules::livestatus
