// The broker's own cost: a broker role in a daemon of this process (its loop on its own
// thread, as yagura-broker runs it) with its three modules - Livestatus, graphite to a TCP sink
// in this process that counts lines, the monitoring log in a temp dir - pulling over HTTP from
// a scheduler that speaks the protocol (the broker unit tests' FakeScheduler).
//
// It prints:
// - throughput: check-result broks per second from the scheduler's queue through the state,
//   Livestatus and every module (graphite lines received by the sink; one check in ten also
//   brings a SERVICE ALERT log brok, written to the monitoring log), and the broker loop's CPU
//   per brok;
// - latency: from a check result queued at the scheduler to Livestatus answering with it
//   (p50, p90, max over a series of single results).
//
//   bench_broker [--hosts 1000] [--broks 200000] [--latency-samples 200]

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <future>
#include <string>
#include <sys/resource.h>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <nlohmann/json.hpp>

#include <yagura/core/ids.hpp>
#include <yagura/core/logging.hpp>
#include <yagura/daemon/daemon.hpp>
#include <yagura/net/client.hpp>
#include <yagura/net/run_sync.hpp>

#include "broker/broker.hpp"
#include "broker/fake_scheduler.hpp"

namespace {

namespace asio = boost::asio;
namespace fs = std::filesystem;
using json = nlohmann::json;
using Clock = std::chrono::steady_clock;
using yagura::broker::testing::FakeScheduler;

// Carbon as far as the broker can tell: accepts, reads, counts lines.
class CountingSink {
public:
    CountingSink() : acceptor_(io_, {asio::ip::make_address("127.0.0.1"), 0}) {
        thread_ = std::thread([this] { serve(); });
    }
    ~CountingSink() {
        stopping_ = true;
        boost::system::error_code ignored;
        acceptor_.close(ignored);
        io_.stop();
        thread_.join();
    }
    std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
    std::uint64_t lines() const { return lines_.load(); }

private:
    void serve() {
        boost::system::error_code ec;
        asio::ip::tcp::socket socket(io_);
        acceptor_.accept(socket, ec);
        std::vector<char> buffer(1 << 16);
        while (!ec && !stopping_) {
            auto n = socket.read_some(asio::buffer(buffer), ec);
            lines_ +=
                static_cast<std::uint64_t>(std::count(buffer.begin(), buffer.begin() + n, '\n'));
        }
    }
    asio::io_context io_;
    asio::ip::tcp::acceptor acceptor_;
    std::thread thread_;
    std::atomic<std::uint64_t> lines_{0};
    std::atomic<bool> stopping_{false};
};

double thread_cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_THREAD, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct Options {
    int hosts = 1000;
    int broks = 200'000;
    int latency_samples = 200;
};

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string key = argv[i];
        int value = std::stoi(argv[i + 1]);
        if (key == "--hosts") {
            o.hosts = value;
        } else if (key == "--broks") {
            o.broks = value;
        } else if (key == "--latency-samples") {
            o.latency_samples = value;
        }
    }
    return o;
}

class Bench {
public:
    explicit Bench(const Options& options) : options_(options) {
        for (int i = 0; i < options.hosts; ++i) {
            host_names_.push_back("host" + std::to_string(i));
        }
        scheduler_ = std::make_unique<FakeScheduler>("scheduler-1", 0, host_names_);
        scheduler_->set_auto_dump(true);
        scheduler_->set_poll_interval(std::chrono::milliseconds(1));
        dir_ =
            fs::temp_directory_path() / ("yagura-bench-broker-" + yagura::core::random_hex_id(6));
        fs::create_directories(dir_);
        yagura::daemon::DaemonSettings settings;
        settings.role = "broker";
        settings.name = "broker-bench";
        settings.host = "127.0.0.1";
        settings.port = 0;
        settings.workdir = dir_.string();
        settings.pidfile = (dir_ / "brokerd.pid").string();
        daemon_ = std::make_unique<yagura::daemon::Daemon>(settings);
        yagura::broker::BrokerOptions broker_options;
        broker_options.read_ini = false;
        broker_ = std::make_unique<yagura::broker::Broker>(*daemon_, broker_options);
        std::promise<std::uint16_t> port;
        daemon_->on_start([&] {
            loop_thread_cpu_ = [] { return thread_cpu_seconds(); };
            port.set_value(daemon_->port());
        });
        runner_ = std::async(std::launch::async, [this] { return daemon_->run(); });
        peer_ = {"127.0.0.1", port.get_future().get(), "broker-bench"};
        on_loop([&] {
            broker_->set_modules({{"livestatus", "livestatus", {{"port", "0"}, {"socket", "live"}}},
                                  {"graphite",
                                   "graphite",
                                   {{"host", "127.0.0.1"}, {"port", std::to_string(sink_.port())}}},
                                  {"log", "logfile", {{"path", "monitoring.log"}}}});
            broker_->set_schedulers({scheduler_->endpoint()});
        });
        wait_until([&] { return stats()["state"]["services"] == options.hosts; },
                   std::chrono::milliseconds(10), "the initial dump");
        wait_until([&] { return (livestatus_port_ = livestatus_port()) != 0; },
                   std::chrono::milliseconds(10), "livestatus");
    }
    ~Bench() {
        asio::post(daemon_->io(), [this] { daemon_->request_stop(); });
        runner_.get();
        std::error_code ignored;
        fs::remove_all(dir_, ignored);
    }

    void throughput() {
        auto received_before = stats()["broks_received"].get<std::uint64_t>();
        auto lines_before = sink_.lines();
        auto log_before = log_lines();
        const auto alerts = static_cast<std::uint64_t>((options_.broks + 9) / 10);
        double cpu_before = loop_cpu();
        auto start = Clock::now();
        const int batch = 1000;
        for (int sent = 0; sent < options_.broks; sent += batch) {
            for (int i = sent; i < sent + batch; ++i) {
                scheduler_->push(check_result(i, i));
                if (i % 10 == 0) {
                    scheduler_->push(alert(i));
                }
            }
            // Keep at most a few batches queued at the scheduler, as a real one would.
            wait_until(
                [&] {
                    return stats()["broks_received"].get<std::uint64_t>() - received_before +
                               5 * batch >=
                           static_cast<std::uint64_t>(sent + batch) * 11 / 10;
                },
                std::chrono::milliseconds(2), "pacing");
        }
        const auto expected_lines =
            lines_before + 4ull * static_cast<std::uint64_t>(options_.broks);
        wait_until(
            [&] {
                return stats()["broks_received"].get<std::uint64_t>() - received_before >=
                           static_cast<std::uint64_t>(options_.broks) + alerts &&
                       sink_.lines() >= expected_lines && log_lines() >= log_before + alerts;
            },
            std::chrono::milliseconds(2), "the last broks");
        double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        double cpu = loop_cpu() - cpu_before;
        const double total = static_cast<double>(options_.broks) + static_cast<double>(alerts);
        std::printf(
            "throughput  %d check results for %d services (rta with thresholds, pl: 4 "
            "carbon lines each) + %llu SERVICE ALERT log broks\n",
            options_.broks, options_.hosts, static_cast<unsigned long long>(alerts));
        std::printf(
            "            %.0f broks/s end to end (state, Livestatus, graphite lines at the "
            "sink, log lines written), %.1f us of broker loop CPU per brok\n",
            total / seconds, cpu / total * 1e6);
        std::printf(
            "            %llu carbon lines received, %llu log lines, %llu broks dropped by "
            "module queues\n",
            static_cast<unsigned long long>(sink_.lines() - lines_before),
            static_cast<unsigned long long>(log_lines() - log_before),
            static_cast<unsigned long long>(dropped()));
    }

    void latency() {
        std::vector<double> samples;
        for (int n = 0; n < options_.latency_samples; ++n) {
            std::string output = "latency probe " + std::to_string(n);
            auto start = Clock::now();
            scheduler_->push(check_result(n, 1, output));
            std::string request = "GET services\nColumns: plugin_output\nFilter: host_name = " +
                                  host_names_[static_cast<std::size_t>(n) % host_names_.size()];
            wait_until([&] { return query(request) == output + "\n"; },
                       std::chrono::microseconds(200), "latency");
            samples.push_back(
                std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        }
        std::sort(samples.begin(), samples.end());
        auto at = [&](double q) {
            return samples[static_cast<std::size_t>(q * (samples.size() - 1))];
        };
        std::printf(
            "latency     check result queued at the scheduler -> Livestatus answers with it "
            "(%zu samples; the test scheduler looks at its queue every 1 ms)\n",
            samples.size());
        std::printf("            p50 %.2f ms  p90 %.2f ms  max %.2f ms\n", at(0.5), at(0.9),
                    samples.back());
    }

private:
    json alert(int n) const {
        const auto& host = host_names_[static_cast<std::size_t>(n) % host_names_.size()];
        return scheduler_->brok(
            "log", {{"log", "SERVICE ALERT: " + host + ";ping;WARNING;HARD;3;PING WARNING"},
                    {"time", 1700000000 + n}});
    }
    std::uint64_t log_lines() {
        auto all = stats();
        for (const auto& module : all["modules"]) {
            if (module["type"] == "logfile") {
                return module["module"]["lines"].get<std::uint64_t>();
            }
        }
        return 0;
    }
    json check_result(int n, int value, const std::string& output = "PING OK") const {
        const auto& host = host_names_[static_cast<std::size_t>(n) % host_names_.size()];
        return scheduler_->brok("service_check_result",
                                {{"host_name", host},
                                 {"service_description", "ping"},
                                 {"state", "OK"},
                                 {"state_id", 0},
                                 {"state_type", "HARD"},
                                 {"output", output},
                                 {"perf_data", "rta=" + std::to_string(value) + "ms;100;200 pl=0%"},
                                 {"last_chk", 1700000000 + n}});
    }
    void on_loop(const std::function<void()>& f) {
        std::promise<void> done;
        asio::post(daemon_->io(), [&] {
            f();
            done.set_value();
        });
        done.get_future().get();
    }
    double loop_cpu() {
        double cpu = 0;
        on_loop([&] { cpu = loop_thread_cpu_(); });
        return cpu;
    }
    json stats() { return yagura::net::run_sync(io_, client_.get_json(peer_, "/stats"))["broker"]; }
    std::uint64_t dropped() {
        std::uint64_t total = 0;
        auto all = stats();
        for (const auto& module : all["modules"]) {
            total += module["dropped"].get<std::uint64_t>();
        }
        return total;
    }
    std::uint16_t livestatus_port() {
        auto all = stats();
        for (const auto& module : all["modules"]) {
            if (module["type"] == "livestatus" && module["state"] == "running") {
                auto tcp = module["module"]["tcp"].get<std::string>();
                return static_cast<std::uint16_t>(std::stoi(tcp.substr(tcp.rfind(':') + 1)));
            }
        }
        return 0;
    }
    std::string query(const std::string& request) {
        asio::io_context io;
        asio::ip::tcp::socket socket(io);
        socket.connect({asio::ip::make_address("127.0.0.1"), livestatus_port_});
        asio::write(socket, asio::buffer(request + "\n\n"));
        std::string answer;
        boost::system::error_code ec;
        asio::read(socket, asio::dynamic_buffer(answer), ec);
        return answer;
    }
    static void wait_until(const std::function<bool()>& done,
                           std::chrono::microseconds poll = std::chrono::microseconds(200),
                           const char* what = "") {
        auto deadline = Clock::now() + std::chrono::minutes(2);
        while (!done()) {
            if (Clock::now() > deadline) {
                throw std::runtime_error(
                    std::string("the broker did not keep up within 2 minutes: ") + what);
            }
            std::this_thread::sleep_for(poll);
        }
    }

    Options options_;
    std::vector<std::string> host_names_;
    std::unique_ptr<FakeScheduler> scheduler_;
    CountingSink sink_;
    fs::path dir_;
    std::unique_ptr<yagura::daemon::Daemon> daemon_;
    std::unique_ptr<yagura::broker::Broker> broker_;
    std::function<double()> loop_thread_cpu_;
    std::future<int> runner_;
    yagura::net::Endpoint peer_;
    asio::io_context io_;
    yagura::net::HttpClient client_{io_, yagura::net::ClientSettings{}};
    std::uint16_t livestatus_port_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
    yagura::core::set_log_level("warning");
    auto options = parse(argc, argv);
    unsigned cores = std::thread::hardware_concurrency();
    double load = 0;
    std::ifstream("/proc/loadavg") >> load;
    std::printf("bench_broker: %u cores, load average %.1f\n", cores, load);
    Bench bench(options);
    bench.throughput();
    bench.latency();
    return 0;
}
