#pragma once

// A parsed Livestatus request: a GET query with its headers, or a COMMAND.

#include <optional>
#include <string>
#include <vector>

#include <yagura/modules/livestatus/core.hpp>

#include "filter.hpp"
#include "query_error.hpp"
#include "table.hpp"

namespace yagura::modules::livestatus {

class Tables;

enum class OutputFormat { csv, json, python, python3 };

struct Separators {
    std::string dataset = "\n", field = ";", list = ",", host_service = "|";
};

enum class Aggregation { count, sum, min, max, avg, std, suminv, avginv };

struct StatsSpec {
    Aggregation aggregation = Aggregation::count;
    const Column* column = nullptr;  // the aggregated column (not for count)
    FilterPtr filter;                // what a count counts
};

struct Query {
    const Table* table = nullptr;
    std::vector<const Column*> columns;
    bool columns_given = false;
    std::vector<FilterPtr> filters;  // a stack (And/Or/Negate combine its top); all must hold
    std::vector<StatsSpec> stats;
    std::vector<FilterPtr> wait_conditions;
    std::optional<std::string> wait_object;
    std::optional<Trigger> wait_trigger;
    int wait_timeout_ms = 0;  // 0: no limit but the server's
    std::optional<std::size_t> limit;
    std::optional<std::string> auth_user;
    OutputFormat format = OutputFormat::csv;
    Separators separators;
    std::optional<bool> column_headers;
    int tz_offset = 0;  // Localtime: seconds to add to times we output

    bool waits() const { return !wait_conditions.empty() || wait_trigger.has_value(); }
};

struct ParsedRequest {
    enum class Kind { get, command, invalid };
    Kind kind = Kind::invalid;
    Query query;
    ExternalCommand command;
    bool keep_alive = false;
    bool fixed16 = false;
    std::optional<QueryError> error;  // the first error found; the request is answered with it
};

// Parses one request (its lines, without the terminating blank line). Never throws: errors
// land in ParsedRequest::error, and the headers after a bad one are still read so that
// ResponseHeader and KeepAlive apply to the error answer too.
ParsedRequest parse_request(std::string_view text, const Tables& tables, double now);

}  // namespace yagura::modules::livestatus
