#include "nagios_run.hpp"

#include <chrono>
#include <cmath>
#include <fstream>
#include <thread>
#include <unistd.h>

#include "processes.hpp"

namespace yagura::bench {

namespace {

void write_main_config(const std::filesystem::path& dir) {
    auto var = dir / "var";
    std::filesystem::create_directories(var);
    std::filesystem::create_directories(dir / "spool");
    const auto user = std::to_string(getuid());
    std::ofstream out(dir / "nagios.cfg");
    out << "cfg_file=" << (dir / "objects.cfg").string() << "\n"
        << "log_file=" << (var / "nagios.log").string() << "\n"
        << "lock_file=" << (var / "nagios.lock").string() << "\n"
        << "temp_file=" << (var / "nagios.tmp").string() << "\n"
        << "temp_path=" << var.string() << "\n"
        << "status_file=" << (var / "status.dat").string() << "\n"
        << "object_cache_file=" << (var / "objects.cache").string() << "\n"
        << "precached_object_file=" << (var / "objects.precache").string() << "\n"
        << "check_result_path=" << (dir / "spool").string() << "\n"
        << "state_retention_file=" << (var / "retention.dat").string() << "\n"
        << "command_file=" << (var / "nagios.cmd").string() << "\n"
        << "query_socket=" << (var / "nagios.qh").string() << "\n"
        << "service_perfdata_file=" << (var / "perfdata.log").string()
        << "\n"
        // Run as whoever runs the bench (root in a container is allowed this way).
        << "nagios_user=" << user << "\nnagios_group=" << getgid() << "\n"
        << "retain_state_information=0\n"
        << "check_external_commands=0\n"
        << "interval_length=1\n"
        << "enable_notifications=0\n"
        << "enable_event_handlers=0\n"
        << "enable_flap_detection=0\n"
        << "process_performance_data=1\n"
        << "service_perfdata_file_template=$TIMET$\n"
        << "service_perfdata_file_mode=a\n"
        << "service_perfdata_file_processing_interval=0\n"
        << "enable_environment_macros=0\n"
        << "use_large_installation_tweaks=1\n"
        << "max_concurrent_checks=0\n"
        << "service_inter_check_delay_method=n\n"
        << "max_service_check_spread=1\n"
        << "status_update_interval=60\n"
        << "log_service_retries=0\n"
        << "log_passive_checks=0\n";
}

// Sleeps until the wall clock reaches the whole second `when` (epoch).
void sleep_until_second(long when) {
    auto target = std::chrono::system_clock::time_point(std::chrono::seconds(when));
    std::this_thread::sleep_until(target);
}

std::size_t count_results(const std::filesystem::path& file, long from, long to) {
    std::ifstream in(file);
    std::size_t count = 0;
    for (long stamp = 0; in >> stamp;) {
        count += stamp >= from && stamp < to ? 1 : 0;
    }
    return count;
}

}  // namespace

NagiosFigures run_nagios(const std::string& binary, const ObjectSet& objects, double warmup,
                         double seconds, const std::filesystem::path& dir) {
    NagiosFigures figures;
    if (access(binary.c_str(), X_OK) != 0) {
        figures.why_not = binary + " is not installed";
        return figures;
    }
    std::filesystem::create_directories(dir);
    write_objects(dir / "objects.cfg", objects);
    write_main_config(dir);
    Child nagios({binary, (dir / "nagios.cfg").string()}, (dir / "nagios.out").string());

    auto now =
        std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    auto from = static_cast<long>(std::ceil(now + warmup));
    auto to = from + static_cast<long>(std::lround(seconds));
    sleep_until_second(from);
    if (!nagios.running()) {
        figures.why_not = "nagios stopped early; see " + (dir / "nagios.out").string();
        return figures;
    }
    double cpu_before = cpu_seconds_with_children(nagios.pid());
    sleep_until_second(to);
    figures.cpu_seconds = cpu_seconds_with_children(nagios.pid()) - cpu_before;
    figures.workers = children_of(nagios.pid()).size();
    nagios.stop();  // closes (flushes) the performance data file
    reap_orphans();
    figures.checks = count_results(dir / "var" / "perfdata.log", from, to);
    figures.seconds = static_cast<double>(to - from);
    figures.ran = true;
    return figures;
}

}  // namespace yagura::bench
