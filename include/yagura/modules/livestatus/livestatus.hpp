#pragma once

// The Livestatus query engine over a Core: parse a request, wait for its condition (the
// server does that), execute it. Synchronous and single-threaded: call it on the thread that
// owns the core.

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <yagura/core/clock.hpp>
#include <yagura/modules/livestatus/core.hpp>

namespace yagura::modules::livestatus {

struct ParsedRequest;
class Tables;

// An answer, ready to send with wire().
struct Response {
    int status = 200;      // 200, or 400/403/404/413/451/452 with body holding the message
    std::string body;      // rows in the requested format, or the error message
    bool fixed16 = false;  // ResponseHeader: fixed16 ("200          42\n" before the body)
    bool keep_alive = false;
    bool silent = false;  // an accepted COMMAND: Livestatus sends nothing back
    std::string wire() const;
};

// A parsed request. Opaque; ask it what the server needs to know before executing it.
class Request {
public:
    Request();
    ~Request();
    Request(Request&&) noexcept;
    Request& operator=(Request&&) noexcept;

    bool keep_alive() const;
    bool is_command() const;
    bool waits() const;                              // has WaitCondition or WaitTrigger headers
    Trigger wait_trigger() const;                    // `all` when none was given
    std::chrono::milliseconds wait_timeout() const;  // zero: no limit but the server's

private:
    friend class Livestatus;
    std::unique_ptr<ParsedRequest> parsed_;
};

struct LivestatusSettings {
    std::size_t max_response_bytes = 256u << 20;  // larger answers get 413
};

class Livestatus {
public:
    // commands may be null: COMMAND then answers 403 ("no command sink").
    Livestatus(const Core& core, CommandSink* commands, const core::Clock& clock,
               LivestatusSettings settings = {});
    ~Livestatus();
    Livestatus(const Livestatus&) = delete;
    Livestatus& operator=(const Livestatus&) = delete;

    // Parses one request: its lines without the blank line that ends it. Never throws.
    Request parse(std::string_view text) const;
    // Whether the request's WaitCondition holds now (true when it has none).
    bool wait_condition_met(const Request& request) const;
    // Answers a parsed request: runs a GET, hands a COMMAND to the sink, or reports the
    // request's error. Never throws.
    Response execute(const Request& request) const;
    // parse + execute, without waiting: for tests, benchmarks and embedding.
    Response answer(std::string_view text) const;

    std::vector<std::string> table_names() const;

private:
    const Core& core_;
    CommandSink* commands_;
    const core::Clock& clock_;
    LivestatusSettings settings_;
    std::unique_ptr<Tables> tables_;
};

}  // namespace yagura::modules::livestatus
