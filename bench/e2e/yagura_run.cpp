#include "yagura_run.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "processes.hpp"

namespace yagura::bench {
namespace {

using nlohmann::json;

std::uint16_t free_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

std::string link(const std::string& type, const std::string& name, std::uint16_t port) {
    return "define " + type + " {\n    " + type + "_name " + name +
           "\n    address 127.0.0.1\n    port " + std::to_string(port) + "\n    use_ssl 0\n}\n";
}

void write_ini(const std::filesystem::path& dir, const std::string& role, std::uint16_t port) {
    std::filesystem::create_directories(dir / role);
    std::ofstream(dir / role / (role + ".ini"))
        << "[daemon]\nworkdir=.\nuse_ssl=0\nhost=127.0.0.1\nport=" << port << "\npidfile=" << role
        << "d.pid\nlocal_log=" << role << ".log\nlog_level=warning\n";
}

struct Ports {
    std::uint16_t arbiter = free_port();
    std::uint16_t scheduler = free_port();
    std::uint16_t poller = free_port();
};

// The poller's link, with its plugins at once when given (else Shinken's knobs' defaults).
std::string poller_link(std::uint16_t port, int in_flight) {
    std::string text = link("poller", "poller-1", port);
    if (in_flight > 0) {
        text.resize(text.size() - 2);  // reopen the block: drop "}\n"
        text += "    max_workers 1\n    processes_by_worker " + std::to_string(in_flight) + "\n}\n";
    }
    return text;
}

void write_site(const std::filesystem::path& dir, const ObjectSet& objects, const Ports& ports,
                int poller_in_flight) {
    auto arbiter = dir / "arbiter";
    std::filesystem::create_directories(arbiter / "objects");
    write_objects(arbiter / "objects" / "objects.cfg", objects);
    // Nothing listens for the reactionner, broker and receiver: free ports, never 7769-7773
    // of a daemon of somebody else on this machine.
    std::ofstream(arbiter / "objects" / "links.cfg")
        << link("arbiter", "arbiter-master", ports.arbiter)
        << link("scheduler", "scheduler-1", ports.scheduler)
        << poller_link(ports.poller, poller_in_flight)
        << link("reactionner", "reactionner-none", free_port())
        << link("broker", "broker-none", free_port())
        << link("receiver", "receiver-none", free_port());
    std::ofstream(arbiter / "yagura.cfg")
        << "cfg_dir=objects\nworkdir=.\nuse_ssl=0\nlock_file=arbiterd.pid\n"
        << "local_log=arbiter.log\nlog_level=warning\ninterval_length=1\n"
        << "max_service_check_spread=1\n";
    write_ini(dir, "scheduler", ports.scheduler);
    write_ini(dir, "poller", ports.poller);
}

// GET http://127.0.0.1:port/path with curl; null when it does not answer.
json get_json(std::uint16_t port, const std::string& path) {
    std::string command =
        "curl -s -m 5 http://127.0.0.1:" + std::to_string(port) + path + " 2>/dev/null";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
    if (!pipe) {
        return nullptr;
    }
    std::string body;
    std::array<char, 4096> buffer{};
    for (std::size_t n = 0; (n = std::fread(buffer.data(), 1, buffer.size(), pipe.get())) > 0;) {
        body.append(buffer.data(), n);
    }
    return json::parse(body, nullptr, false);
}

json engine_stats(std::uint16_t port) {
    json stats = get_json(port, "/stats");
    if (!stats.is_object() || !stats.contains("scheduler") ||
        !stats["scheduler"].contains("engine")) {
        return nullptr;
    }
    return stats["scheduler"]["engine"];
}

// The poller's own latency window (due -> started, its last few thousand checks).
void read_poller_latency(std::uint16_t port, YaguraFigures& figures) {
    json stats = get_json(port, "/stats");
    if (!stats.is_object() || !stats.contains("poller") || !stats["poller"].contains("latency")) {
        return;
    }
    const json& latency = stats["poller"]["latency"];
    figures.poller_latency_samples = latency.value("samples", std::size_t{0});
    figures.poller_latency_p50 = latency.value("p50", 0.0);
    figures.poller_latency_p90 = latency.value("p90", 0.0);
    figures.poller_latency_p99 = latency.value("p99", 0.0);
    figures.poller_latency_max = latency.value("max", 0.0);
}

}  // namespace

YaguraFigures run_yagura(const YaguraBinaries& binaries, const ObjectSet& objects, double warmup,
                         double seconds, const std::filesystem::path& dir, int poller_in_flight) {
    YaguraFigures figures;
    Ports ports;
    write_site(dir, objects, ports, poller_in_flight);
    std::filesystem::current_path(dir / "scheduler");
    Child scheduler({binaries.scheduler, "-c", (dir / "scheduler" / "scheduler.ini").string()},
                    (dir / "scheduler" / "out.log").string());
    std::filesystem::current_path(dir / "poller");
    Child poller({binaries.poller, "-c", (dir / "poller" / "poller.ini").string()},
                 (dir / "poller" / "out.log").string());
    std::filesystem::current_path(dir / "arbiter");
    Child arbiter({binaries.arbiter, "-c", (dir / "arbiter" / "yagura.cfg").string()},
                  (dir / "arbiter" / "out.log").string());
    std::filesystem::current_path(dir);

    // The part arrives when the scheduler's engine reports its services.
    json before;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
        before = engine_stats(ports.scheduler);
        if (before.is_object() && before.value("services", 0) == objects.services()) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    if (!before.is_object() || before.value("services", 0) != objects.services()) {
        figures.why_not = "the scheduler never got its part; see the logs in " + dir.string();
        return figures;
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(warmup));
    before = engine_stats(ports.scheduler);
    double scheduler_before = cpu_seconds(scheduler.pid());
    double cpu_before = scheduler_before + cpu_seconds(poller.pid());
    auto start = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    json after = engine_stats(ports.scheduler);
    figures.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    figures.scheduler_cpu_seconds = cpu_seconds(scheduler.pid()) - scheduler_before;
    figures.cpu_seconds = cpu_seconds(scheduler.pid()) + cpu_seconds(poller.pid()) - cpu_before;
    if (!before.is_object() || !after.is_object()) {
        figures.why_not = "the scheduler stopped answering; see the logs in " + dir.string();
        return figures;
    }
    figures.checks = after["results"]["total"].get<std::uint64_t>() -
                     before["results"]["total"].get<std::uint64_t>();
    figures.latency_p50 = after["latency"]["p50"].get<double>();
    figures.latency_p95 = after["latency"]["p95"].get<double>();
    figures.latency_p99 = after["latency"]["p99"].get<double>();
    read_poller_latency(ports.poller, figures);
    arbiter.stop();
    poller.stop();
    scheduler.stop();
    figures.ran = true;
    return figures;
}

}  // namespace yagura::bench
