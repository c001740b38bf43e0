// The Livestatus query language: "GET table" or "COMMAND [ts] NAME;args", then "Header: value"
// lines.
#include <cmath>
#include <string>

#include <yagura/core/strings.hpp>

#include "query.hpp"
#include "tables.hpp"

namespace yagura::modules::livestatus {

namespace {

[[noreturn]] void fail(std::string message) {
    throw QueryError{Status::bad_request, std::move(message)};
}

// The next whitespace-separated word of text, removed from it.
std::string_view next_word(std::string_view& text) {
    text = core::trim(text);
    auto end = text.find_first_of(" \t");
    auto word = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : core::trim(text.substr(end));
    return word;
}

std::size_t parse_count(std::string_view header, std::string_view value) {
    auto number = core::parse_int(value);
    if (!number || *number < 0) {
        fail(std::string(header) + ": expected a non-negative integer, got '" + std::string(value) +
             "'");
    }
    return static_cast<std::size_t>(*number);
}

bool parse_on_off(std::string_view header, std::string_view value) {
    if (value == "on") {
        return true;
    }
    if (value == "off") {
        return false;
    }
    fail(std::string(header) + ": must be 'on' or 'off', got '" + std::string(value) + "'");
}

class Parser {
public:
    Parser(const Tables& tables, double now) : tables_(tables), now_(now) {}

    ParsedRequest run(std::string_view text) {
        auto lines = split_lines(text);
        if (lines.empty()) {
            record({Status::invalid_request, "empty request"});
            return std::move(request_);
        }
        first_line(lines.front());
        for (std::size_t i = 1; i < lines.size(); ++i) {
            if (lines[i].empty()) {
                continue;
            }
            try {
                header(lines[i]);
            } catch (const QueryError& error) {
                record(error);
            }
        }
        if (request_.kind == ParsedRequest::Kind::get && !request_.error) {
            finish_query();
        }
        return std::move(request_);
    }

private:
    static std::vector<std::string_view> split_lines(std::string_view text) {
        std::vector<std::string_view> lines;
        while (!text.empty()) {
            auto end = text.find('\n');
            auto line = text.substr(0, end);
            if (!line.empty() && line.back() == '\r') {
                line.remove_suffix(1);
            }
            lines.push_back(line);
            if (end == std::string_view::npos) {
                break;
            }
            text.remove_prefix(end + 1);
        }
        return lines;
    }

    void record(QueryError error) {
        if (!request_.error) {
            request_.error = std::move(error);
        }
    }

    void first_line(std::string_view line) {
        if (core::starts_with(line, "GET ")) {
            request_.kind = ParsedRequest::Kind::get;
            auto name = core::trim(line.substr(4));
            query().table = tables_.find(name);
            if (query().table == nullptr) {
                record({Status::not_found,
                        "Invalid GET request, no such table '" + std::string(name) + "'"});
            }
        } else if (core::starts_with(line, "COMMAND ")) {
            request_.kind = ParsedRequest::Kind::command;
            try {
                parse_command(core::trim(line.substr(8)));
            } catch (const QueryError& error) {
                record(error);
            }
        } else {
            record({Status::invalid_request,
                    "Invalid request: the first line must be 'GET <table>' or 'COMMAND [time] "
                    "NAME;args', got '" +
                        std::string(line.substr(0, 80)) + "'"});
        }
    }

    void parse_command(std::string_view text) {
        ExternalCommand& command = request_.command;
        command.timestamp = now_;
        if (!text.empty() && text.front() == '[') {
            auto close = text.find(']');
            auto stamp = close == std::string_view::npos
                             ? std::nullopt
                             : core::parse_int(text.substr(1, close - 1));
            if (!stamp) {
                fail("COMMAND: malformed timestamp in '" + std::string(text.substr(0, 40)) + "'");
            }
            command.timestamp = static_cast<double>(*stamp);
            text = core::trim(text.substr(close + 1));
        }
        auto semicolon = text.find(';');
        command.name = std::string(text.substr(0, semicolon));
        if (semicolon != std::string_view::npos) {
            command.arguments = std::string(text.substr(semicolon + 1));
        }
        bool valid_name = !command.name.empty() &&
                          command.name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") ==
                              std::string::npos;
        if (!valid_name) {
            fail("COMMAND: '" + command.name.substr(0, 80) +
                 "' is not a command name (upper-case letters, digits and '_')");
        }
    }

    Query& query() { return request_.query; }

    // Headers that need the table are skipped once the table is unknown.
    const Table& table() {
        if (query().table == nullptr) {
            throw QueryError{Status::not_found, "no table"};
        }
        return *query().table;
    }

    const Column& column(std::string_view name) {
        const Column* found = table().column(name);
        if (found == nullptr) {
            throw QueryError{Status::not_found, "Table '" + table().name() + "' has no column '" +
                                                    std::string(name) + "'"};
        }
        return *found;
    }

    void header(std::string_view line) {
        auto colon = line.find(':');
        if (colon == std::string_view::npos) {
            fail("Invalid header line '" + std::string(line.substr(0, 80)) +
                 "': expected 'Name: value'");
        }
        auto name = line.substr(0, colon);
        auto value = core::trim(line.substr(colon + 1));
        // Headers every request may carry, GET or COMMAND.
        if (name == "KeepAlive") {
            request_.keep_alive = parse_on_off(name, value);
        } else if (name == "ResponseHeader") {
            if (value != "off" && value != "fixed16") {
                fail("ResponseHeader: must be 'off' or 'fixed16', got '" + std::string(value) +
                     "'");
            }
            request_.fixed16 = value == "fixed16";
        } else if (request_.kind != ParsedRequest::Kind::get) {
            fail("Header '" + std::string(name) + "' is only valid in a GET request");
        } else {
            query_header(name, value);
        }
    }

    void query_header(std::string_view name, std::string_view value) {
        if (name == "Filter") {
            query().filters.push_back(filter(value));
        } else if (name == "And" || name == "Or") {
            combine(query().filters, name, value);
        } else if (name == "Negate") {
            negate(query().filters, name);
        } else if (name == "Columns") {
            columns(value);
        } else if (name == "Stats") {
            stats(value);
        } else if (name == "StatsAnd" || name == "StatsOr") {
            combine_stats(name, value);
        } else if (name == "StatsNegate") {
            negate_stats();
        } else if (name == "StatsGroupBy") {
            columns(value);  // the old spelling of "Columns with Stats"
        } else {
            other_header(name, value);
        }
    }

    void other_header(std::string_view name, std::string_view value) {
        if (name == "Limit") {
            query().limit = parse_count(name, value);
        } else if (name == "AuthUser") {
            if (value.empty()) {
                fail("AuthUser: missing contact name");
            }
            query().auth_user = std::string(value);
        } else if (name == "OutputFormat") {
            output_format(value);
        } else if (name == "ColumnHeaders") {
            query().column_headers = parse_on_off(name, value);
        } else if (name == "Separators") {
            separators(value);
        } else if (name == "Localtime") {
            localtime(value);
        } else if (name == "WaitObject") {
            table();
            query().wait_object = std::string(value);
        } else if (name == "WaitCondition") {
            query().wait_conditions.push_back(filter(value));
        } else if (name == "WaitConditionAnd" || name == "WaitConditionOr") {
            combine(query().wait_conditions, name, value);
        } else if (name == "WaitConditionNegate") {
            negate(query().wait_conditions, name);
        } else if (name == "WaitTrigger") {
            wait_trigger(value);
        } else if (name == "WaitTimeout") {
            query().wait_timeout_ms = static_cast<int>(
                std::min<std::size_t>(parse_count(name, value), 24u * 3600u * 1000u));
        } else {
            fail("Undefined request header '" + std::string(name) + "'");
        }
    }

    FilterPtr filter(std::string_view spec) {
        auto column_name = next_word(spec);
        if (column_name.empty()) {
            fail("empty filter: expected 'column operator value'");
        }
        const Column& col = column(column_name);
        auto op_text = next_word(spec);
        auto op = parse_operator(op_text);
        if (!op) {
            fail("invalid filter operator '" + std::string(op_text) + "' for column '" +
                 std::string(column_name) + "'");
        }
        return make_column_filter(col, *op, spec, query().tz_offset);
    }

    static void combine(std::vector<FilterPtr>& stack, std::string_view name,
                        std::string_view value) {
        auto count = parse_count(name, value);
        if (count > stack.size()) {
            fail(std::string(name) + ": " + std::to_string(count) + " filters asked, only " +
                 std::to_string(stack.size()) + " given");
        }
        std::vector<FilterPtr> parts;
        for (auto it = stack.end() - static_cast<std::ptrdiff_t>(count); it != stack.end(); ++it) {
            parts.push_back(std::move(*it));
        }
        stack.resize(stack.size() - count);
        bool is_or = core::ends_with(name, "Or");
        stack.push_back(is_or ? make_or(std::move(parts)) : make_and(std::move(parts)));
    }

    static void negate(std::vector<FilterPtr>& stack, std::string_view name) {
        if (stack.empty()) {
            fail(std::string(name) + ": no filter to negate");
        }
        stack.back() = make_not(std::move(stack.back()));
    }

    void columns(std::string_view value) {
        query().columns_given = true;
        while (true) {
            auto name = next_word(value);
            if (name.empty()) {
                break;
            }
            query().columns.push_back(&column(name));
        }
    }

    void stats(std::string_view value) {
        static const std::pair<std::string_view, Aggregation> aggregations[] = {
            {"sum", Aggregation::sum},       {"min", Aggregation::min},
            {"max", Aggregation::max},       {"avg", Aggregation::avg},
            {"std", Aggregation::std},       {"suminv", Aggregation::suminv},
            {"avginv", Aggregation::avginv},
        };
        std::string_view rest = value;
        auto first = next_word(rest);
        for (const auto& [word, aggregation] : aggregations) {
            if (first == word) {
                auto name = next_word(rest);
                if (name.empty()) {
                    fail("Stats: missing column after '" + std::string(word) + "'");
                }
                const Column& col = column(name);
                if (col.type() != ColumnType::integer && col.type() != ColumnType::floating &&
                    col.type() != ColumnType::time) {
                    fail("Stats: cannot aggregate non-numeric column '" + std::string(name) + "'");
                }
                query().stats.push_back({aggregation, &col, nullptr});
                return;
            }
        }
        query().stats.push_back({Aggregation::count, nullptr, filter(value)});
    }

    void combine_stats(std::string_view name, std::string_view value) {
        auto& stats = query().stats;
        auto count = parse_count(name, value);
        std::vector<FilterPtr> parts;
        if (count > stats.size()) {
            fail(std::string(name) + ": " + std::to_string(count) + " Stats asked, only " +
                 std::to_string(stats.size()) + " given");
        }
        for (auto it = stats.end() - static_cast<std::ptrdiff_t>(count); it != stats.end(); ++it) {
            if (it->aggregation != Aggregation::count) {
                fail(std::string(name) + ": can only combine Stats headers that count a filter");
            }
            parts.push_back(std::move(it->filter));
        }
        stats.resize(stats.size() - count);
        bool is_or = name == "StatsOr";
        stats.push_back({Aggregation::count, nullptr,
                         is_or ? make_or(std::move(parts)) : make_and(std::move(parts))});
    }

    void negate_stats() {
        auto& stats = query().stats;
        if (stats.empty() || stats.back().aggregation != Aggregation::count) {
            fail("StatsNegate: the last Stats header does not count a filter");
        }
        stats.back().filter = make_not(std::move(stats.back().filter));
    }

    void output_format(std::string_view value) {
        if (value == "csv") {
            query().format = OutputFormat::csv;
        } else if (value == "json") {
            query().format = OutputFormat::json;
        } else if (value == "python") {
            query().format = OutputFormat::python;
        } else if (value == "python3") {
            query().format = OutputFormat::python3;
        } else {
            fail("OutputFormat: '" + std::string(value) +
                 "' is not one of csv, json, python, python3");
        }
    }

    void separators(std::string_view value) {
        std::string* targets[] = {&query().separators.dataset, &query().separators.field,
                                  &query().separators.list, &query().separators.host_service};
        for (auto* target : targets) {
            auto word = next_word(value);
            if (word.empty()) {
                break;
            }
            auto code = core::parse_int(word);
            if (!code || *code < 0 || *code > 255) {
                fail("Separators: expected up to four character codes 0..255, got '" +
                     std::string(word) + "'");
            }
            *target = std::string(1, static_cast<char>(*code));
        }
    }

    // The client's clock, to shift times into its time zone: the difference is rounded to
    // half hours (clocks are assumed in sync, only zones differ), as mk-livestatus does.
    void localtime(std::string_view value) {
        auto theirs = core::parse_int(value);
        if (!theirs) {
            fail("Localtime: expected the client's epoch seconds, got '" + std::string(value) +
                 "'");
        }
        double difference = static_cast<double>(*theirs) - now_;
        double half_hours = std::round(difference / 1800.0);
        if (std::abs(half_hours) >= 48) {
            fail("Localtime: time zone difference greater than 24 hours");
        }
        query().tz_offset = static_cast<int>(half_hours) * 1800;
    }

    void wait_trigger(std::string_view value) {
        static const Trigger triggers[] = {Trigger::check,    Trigger::state,   Trigger::log,
                                           Trigger::downtime, Trigger::comment, Trigger::command,
                                           Trigger::program,  Trigger::all};
        for (auto trigger : triggers) {
            if (value == to_string(trigger)) {
                query().wait_trigger = trigger;
                return;
            }
        }
        fail("WaitTrigger: '" + std::string(value) +
             "' is not one of check, state, log, downtime, comment, command, program, all");
    }

    void finish_query() {
        if (query().table == nullptr) {
            return;
        }
        if (!query().columns_given && query().stats.empty()) {
            for (const auto& col : query().table->columns()) {
                query().columns.push_back(col.get());
            }
        }
    }

    const Tables& tables_;
    double now_;
    ParsedRequest request_;
};

}  // namespace

ParsedRequest parse_request(std::string_view text, const Tables& tables, double now) {
    try {
        return Parser(tables, now).run(text);
    } catch (const QueryError& error) {
        ParsedRequest request;
        request.error = error;
        return request;
    } catch (const std::exception& error) {
        ParsedRequest request;
        request.error = QueryError{Status::bad_request, error.what()};
        return request;
    }
}

}  // namespace yagura::modules::livestatus
