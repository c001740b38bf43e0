#include <fmt/format.h>

#include <yagura/core/logging.hpp>
#include <yagura/modules/livestatus/livestatus.hpp>

#include "executor.hpp"
#include "query.hpp"
#include "tables.hpp"

namespace yagura::modules::livestatus {

std::string Response::wire() const {
    if (silent) {
        return {};
    }
    if (!fixed16) {
        return body;
    }
    return fmt::format("{:03d} {:>11}\n", status, body.size()) + body;
}

Request::Request() : parsed_(std::make_unique<ParsedRequest>()) {}
Request::~Request() = default;
Request::Request(Request&&) noexcept = default;
Request& Request::operator=(Request&&) noexcept = default;

bool Request::keep_alive() const {
    return parsed_->keep_alive;
}
bool Request::is_command() const {
    return parsed_->kind == ParsedRequest::Kind::command;
}
bool Request::waits() const {
    return !parsed_->error && parsed_->kind == ParsedRequest::Kind::get && parsed_->query.waits();
}
Trigger Request::wait_trigger() const {
    return parsed_->query.wait_trigger.value_or(Trigger::all);
}
std::chrono::milliseconds Request::wait_timeout() const {
    return std::chrono::milliseconds(parsed_->query.wait_timeout_ms);
}

Livestatus::Livestatus(const Core& core, CommandSink* commands, const core::Clock& clock,
                       LivestatusSettings settings)
    : core_(core),
      commands_(commands),
      clock_(clock),
      settings_(settings),
      tables_(std::make_unique<Tables>()) {}

Livestatus::~Livestatus() = default;

Request Livestatus::parse(std::string_view text) const {
    Request request;
    *request.parsed_ = parse_request(text, *tables_, clock_.now());
    auto& parsed = *request.parsed_;
    // A WaitObject must name an object now, as mk-livestatus checks.
    if (!parsed.error && parsed.query.wait_object) {
        bool found = parsed.query.table->with_object(core_, *parsed.query.wait_object,
                                                     [](Row) { return false; });
        if (!found) {
            parsed.error =
                QueryError{Status::bad_request, "WaitObject: object '" + *parsed.query.wait_object +
                                                    "' not found or not supported by table '" +
                                                    parsed.query.table->name() + "'"};
        }
    }
    return request;
}

bool Livestatus::wait_condition_met(const Request& request) const {
    const auto& parsed = *request.parsed_;
    if (parsed.error || parsed.query.wait_conditions.empty()) {
        return true;
    }
    return wait_condition_holds(parsed.query, core_);
}

Response Livestatus::execute(const Request& request) const {
    const auto& parsed = *request.parsed_;
    Response response;
    response.fixed16 = parsed.fixed16;
    response.keep_alive = parsed.keep_alive;
    auto fail = [&](const QueryError& error) {
        response.status = static_cast<int>(error.status);
        response.body = error.message + "\n";
        core::logger("livestatus")->info("query error {}: {}", response.status, error.message);
    };
    if (parsed.error) {
        fail(*parsed.error);
        return response;
    }
    if (parsed.kind == ParsedRequest::Kind::command) {
        if (commands_ == nullptr) {
            fail({Status::forbidden, "COMMAND: this Livestatus does not accept commands"});
            return response;
        }
        commands_->submit(parsed.command);
        response.silent = !parsed.fixed16;
        return response;
    }
    try {
        execute_query(parsed.query, core_, ExecutionLimits{settings_.max_response_bytes},
                      response.body);
    } catch (const QueryError& error) {
        response.body.clear();
        fail(error);
    } catch (const std::exception& error) {
        response.body.clear();
        fail({Status::bad_request, std::string("query failed: ") + error.what()});
    }
    return response;
}

Response Livestatus::answer(std::string_view text) const {
    return execute(parse(text));
}

std::vector<std::string> Livestatus::table_names() const {
    std::vector<std::string> names;
    for (const auto& table : tables_->all()) {
        names.push_back(table->name());
    }
    return names;
}

}  // namespace yagura::modules::livestatus
