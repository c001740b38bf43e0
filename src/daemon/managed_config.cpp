#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/daemon/daemon.hpp>
#include <yagura/daemon/managed_config.hpp>
#include <yagura/net/router.hpp>

namespace yagura::daemon {

namespace {

using net::Request;
using net::Response;
using nlohmann::json;

// An empty body counts as {} (curl -X POST without data).
json body_of(const Request& request) {
    return request.body.empty() ? json::object() : request.json();
}

}  // namespace

struct ManagedConfig::Impl : std::enable_shared_from_this<ManagedConfig::Impl> {
    Daemon& daemon;
    ConfigHolder holder;
    std::function<void(const ReceivedConfig&)> hook;
    std::shared_ptr<spdlog::logger> log = core::logger("config");

    Impl(Daemon& d, std::string kind) : daemon(d), holder(std::move(kind)) {}

    // Answers, and when the configuration changed, runs the role's hook on the loop once the
    // answer is on its way (a scheduler loading a big part does not hold the arbiter's call).
    Response finish(ConfigHolder::Outcome outcome, std::string_view what) {
        if (outcome.response.status == 409) {
            log->warn("{} refused: {}", what,
                      json::parse(outcome.response.body).value("detail", ""));
        }
        if (outcome.changed) {
            const auto& now = holder.current();
            log->info("{} from arbiter {} (epoch {}): {}", what, now.arbiter.name,
                      now.arbiter.epoch,
                      now.idle() ? std::string("idle") : holder.what_i_managed().dump());
            boost::asio::post(daemon.io(), [self = shared_from_this()] {
                if (self->hook) {
                    self->hook(self->holder.current());
                }
            });
        }
        return std::move(outcome.response);
    }

    void register_routes() {
        auto& router = daemon.router();
        auto self = shared_from_this();
        router.add_sync(
            "POST", "/put_conf",
            [self](Request& r) {
                return self->finish(self->holder.put_conf(body_of(r), core::SystemClock{}.now()),
                                    "configuration");
            },
            "the arbiter pushes this daemon's configuration (docs/protocol.md)");
        router.add_sync(
            "GET", "/have_conf",
            [self](Request& r) {
                return Response::json(self->holder.have_conf(r.param("flavor")));
            },
            "whether a configuration (of ?flavor=F) is held");
        router.add_sync(
            "GET", "/what_i_managed",
            [self](Request&) { return Response::json(self->holder.what_i_managed()); },
            "the parts held: {\"<part_id>\": \"<flavor>\"}");
        router.add_sync(
            "POST", "/wait_new_conf",
            [self](Request& r) {
                return self->finish(self->holder.wait_new_conf(body_of(r)), "wait_new_conf");
            },
            "drop the configuration and go idle");
        router.add_sync(
            "POST", "/remove_from_conf",
            [self](Request& r) {
                return self->finish(self->holder.remove_from_conf(body_of(r)), "remove_from_conf");
            },
            "forget one part: {\"part_id\": N}");
        if (holder.current().kind == "receiver") {
            router.add_sync(
                "POST", "/push_host_names",
                [self](Request& r) {
                    return self->finish(self->holder.push_host_names(body_of(r)),
                                        "push_host_names");
                },
                "the hosts of a part: {\"part_id\": N, \"hosts\": [...]}");
        }
        daemon.add_stats("configuration", [self] { return self->holder.stats(); });
    }
};

ManagedConfig::ManagedConfig(Daemon& daemon, std::string kind)
    : impl_(std::make_shared<Impl>(daemon, std::move(kind))) {
    impl_->register_routes();
}

ManagedConfig::~ManagedConfig() = default;

void ManagedConfig::on_change(std::function<void(const ReceivedConfig&)> hook) {
    impl_->hook = std::move(hook);
}

const ReceivedConfig& ManagedConfig::current() const {
    return impl_->holder.current();
}

const ConfigHolder& ManagedConfig::holder() const {
    return impl_->holder;
}

}  // namespace yagura::daemon
