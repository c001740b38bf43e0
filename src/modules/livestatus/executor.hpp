#pragma once

#include <string>

#include "query.hpp"

namespace yagura::modules::livestatus {

struct ExecutionLimits {
    std::size_t max_response_bytes = 256u << 20;
};

// Runs a parsed GET query against a core and renders its answer into body. Throws QueryError
// (e.g. 413 when the answer grows past the limit).
void execute_query(const Query& query, const Core& core, const ExecutionLimits& limits,
                   std::string& body);

// Whether a query's WaitCondition holds now: on its WaitObject's row, or on any row.
bool wait_condition_holds(const Query& query, const Core& core);

}  // namespace yagura::modules::livestatus
