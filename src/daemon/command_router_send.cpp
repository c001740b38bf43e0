// Delivery: one loop per part sends the head of its queue to the part's scheduler, many
// commands per POST, and removes them only once the scheduler answered. One POST at a time per
// part keeps the order in which senders were answered.

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <yagura/core/error.hpp>
#include <yagura/net/metrics.hpp>

#include "command_router_impl.hpp"

namespace yagura::daemon {

namespace asio = boost::asio;
using nlohmann::json;

namespace {

// {"commands": [...]} without building a JSON document of thousands of strings.
std::string commands_body(const std::vector<std::string>& batch) {
    std::string body;
    std::size_t size = 16;
    for (const auto& line : batch) {
        size += line.size() + 4;
    }
    body.reserve(size);
    body += "{\"commands\":[";
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (i > 0) {
            body += ',';
        }
        body += json(batch[i]).dump(-1, ' ', false, json::error_handler_t::replace);
    }
    body += "]}";
    return body;
}

// A 4xx the scheduler gives for the batch itself: sending it again cannot help.
bool permanent(int status) {
    return status >= 400 && status < 500 && status != 408 && status != 409 && status != 429;
}

}  // namespace

net::HttpClient& CommandRouter::Impl::client_for(bool link_use_ssl) {
    // A link's use_ssl is Shinken compatibility: a daemon that serves TLS itself calls its
    // peers over TLS whatever the link says (the site is TLS or it is not).
    const bool use_ssl = link_use_ssl || options.tls.use_ssl;
    auto& client = use_ssl ? tls_client : plain_client;
    if (!client) {
        net::ClientSettings settings;
        settings.tls = options.tls;
        settings.tls.use_ssl = use_ssl;
        settings.data_timeout = std::chrono::seconds(60);
        client = std::make_unique<net::HttpClient>(io, std::move(settings));
    }
    return *client;
}

std::chrono::milliseconds CommandRouter::Impl::backoff(int failures) const {
    auto delay = options.retry_min;
    for (int i = 1; i < failures && delay < options.retry_max; ++i) {
        delay *= 2;
    }
    return std::min(delay, options.retry_max);
}

void CommandRouter::Impl::start_sender(const std::shared_ptr<Part>& part) {
    if (part->sending || stopping) {
        return;
    }
    part->sending = true;
    asio::co_spawn(
        io, [self = shared_from_this(), part]() { return self->deliver(part); }, asio::detached);
}

asio::awaitable<void> CommandRouter::Impl::deliver(std::shared_ptr<Part> part) {
    while (!stopping) {
        if (part->spool.empty() || !part->target) {
            co_await part->wake.wait(std::chrono::seconds(5));
            continue;
        }
        const CommandTarget target = *part->target;
        std::vector<std::string> batch;
        bool readable = true;
        try {
            batch = part->spool.front(options.batch_lines, options.batch_bytes);
        } catch (const core::Error& e) {
            log->error("part {}: {}", part->part_id, e.what());
            readable = false;
        }
        if (readable && co_await post_batch(*part, target, batch)) {
            part->failures = 0;
            continue;
        }
        ++part->failures;
        co_await part->wake.wait(backoff(part->failures));
    }
    part->sending = false;
}

// True when the batch left the queue (delivered, or refused for good by the scheduler).
asio::awaitable<bool> CommandRouter::Impl::post_batch(Part& part, const CommandTarget& target,
                                                      const std::vector<std::string>& batch) {
    net::CallOptions call;
    call.long_call = true;
    call.headers["content-type"] = "application/json";
    ++part.posts;
    std::string error;
    try {
        auto response = co_await client_for(target.use_ssl)
                            .request(target.endpoint, "POST", "/run_external_commands",
                                     commands_body(batch), call);
        if (response.ok()) {
            std::size_t refused = 0;
            try {
                auto answer = response.json();
                // "not_here": the scheduler does not run that host (its map not yet updated).
                for (const char* key : {"rejected", "not_here"}) {
                    auto r = answer.find(key);
                    if (r == answer.end() || !r->is_array() || r->empty()) {
                        continue;
                    }
                    refused += r->size();
                    log->warn("scheduler {} did not apply {} of {} commands ({}), first: {}",
                              target.name, r->size(), batch.size(), key, r->front().dump());
                }
            } catch (const core::Error&) {
            }
            part.spool.pop(batch.size());
            part.delivered += batch.size() - std::min(refused, batch.size());
            part.refused_by_scheduler += refused;
            if (!part.reachable) {
                log->info("scheduler {} at {} takes commands (part {}, {} still queued)",
                          target.name, target.endpoint.key(), part.part_id, part.spool.size());
            }
            part.reachable = true;
            part.last_error.clear();
            co_return true;
        }
        error = fmt::format("HTTP {}: {}", response.status, response.body.substr(0, 300));
        if (permanent(response.status)) {
            log->error("scheduler {} refused a batch of {} commands for good ({}); dropped",
                       target.name, batch.size(), error);
            part.spool.pop(batch.size());
            part.dropped += batch.size();
            part.last_error = error;
            co_return true;
        }
    } catch (const core::Error& e) {
        error = e.what();
    }
    ++part.failed_posts;
    if (part.reachable || part.last_error.empty()) {
        log->warn(
            "cannot deliver commands to scheduler {} at {} (part {}): {}; {} queued, "
            "retrying",
            target.name, target.endpoint.key(), part.part_id, error, part.spool.size());
    }
    part.reachable = false;
    part.last_error = error;
    co_return false;
}

void CommandRouter::request_stop() {
    impl_->stopping = true;
    for (auto& [id, part] : impl_->parts) {
        part->wake.close();
    }
}

asio::awaitable<void> CommandRouter::stop(std::chrono::milliseconds bound) {
    auto impl = impl_;
    request_stop();
    asio::steady_timer timer(impl->io);
    const auto deadline = std::chrono::steady_clock::now() + bound;
    auto busy = [&] {
        for (const auto& [id, part] : impl->parts) {
            if (part->sending) {
                return true;
            }
        }
        return false;
    };
    while (busy() && std::chrono::steady_clock::now() < deadline) {
        timer.expires_after(std::chrono::milliseconds(20));
        co_await timer.async_wait(asio::use_awaitable);
    }
    std::size_t left = queued();
    if (left > 0) {
        impl->log->info("{} commands stay queued for the next start", left);
    }
}

json CommandRouter::stats() const {
    json parts = json::object();
    for (const auto& [id, part] : impl_->parts) {
        json p{{"queued", part->spool.size()},
               {"in_memory", part->spool.memory_lines()},
               {"spool_bytes", part->spool.file_bytes()},
               {"delivered", part->delivered},
               {"refused_by_scheduler", part->refused_by_scheduler},
               {"dropped", part->dropped},
               {"posts", part->posts},
               {"failed_posts", part->failed_posts},
               {"reachable", part->reachable},
               {"last_error", part->last_error}};
        if (part->target) {
            p["scheduler"] = part->target->name;
            p["address"] = part->target->endpoint.key();
        } else {
            p["scheduler"] = nullptr;
        }
        parts[std::to_string(id)] = std::move(p);
    }
    return {{"routes_known", impl_->has_routes},
            {"hosts", impl_->routes.host_parts.size()},
            {"accepted", impl_->accepted_lines},
            {"rejected", impl_->rejected_lines},
            {"unknown_host_results_forwarded", impl_->unknown_forwarded},
            {"queued", queued()},
            {"parts", std::move(parts)}};
}

void CommandRouter::write_metrics(net::MetricsWriter& out) const {
    out.counter("yagura_commands_accepted_total", "External command lines accepted from senders",
                static_cast<double>(impl_->accepted_lines));
    out.counter("yagura_commands_rejected_total",
                "External command lines refused (malformed, unknown command or host)",
                static_cast<double>(impl_->rejected_lines));
    for (const auto& [id, part] : impl_->parts) {
        const net::Labels labels{{"part", std::to_string(id)}};
        out.gauge("yagura_commands_queued", "Commands waiting for their scheduler",
                  static_cast<double>(part->spool.size()), labels);
        out.counter("yagura_commands_delivered_total", "Commands a scheduler took",
                    static_cast<double>(part->delivered), labels);
        out.counter("yagura_commands_dropped_total",
                    "Queued commands dropped (refused for good, part gone)",
                    static_cast<double>(part->dropped), labels);
    }
}

}  // namespace yagura::daemon
