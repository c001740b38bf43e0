#include "raw_spawn.hpp"

#include <algorithm>
#include <chrono>
#include <fcntl.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>
#include <vector>

extern char** environ;

namespace yagura::bench {

namespace {

double own_cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

}  // namespace

SpawnFigures raw_spawn_rate(const std::string& plugin, int runs, int in_flight) {
    int sink = open("/dev/null", O_WRONLY | O_CLOEXEC);
    posix_spawn_file_actions_t to_sink;
    posix_spawn_file_actions_init(&to_sink);
    posix_spawn_file_actions_adddup2(&to_sink, sink, STDOUT_FILENO);
    std::string path = plugin;
    char* argv[] = {path.data(), nullptr};

    double cpu_start = own_cpu_seconds();
    auto start = std::chrono::steady_clock::now();
    int launched = 0;
    int alive = 0;
    while (launched < runs || alive > 0) {
        for (; launched < runs && alive < in_flight; ++launched, ++alive) {
            pid_t pid = 0;
            if (posix_spawn(&pid, argv[0], &to_sink, nullptr, argv, environ) != 0) {
                throw std::runtime_error("posix_spawn " + plugin + " failed");
            }
        }
        if (wait(nullptr) > 0) {
            --alive;
        }
    }
    SpawnFigures figures;
    figures.runs = runs;
    figures.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    figures.cpu_seconds = own_cpu_seconds() - cpu_start;
    posix_spawn_file_actions_destroy(&to_sink);
    close(sink);
    return figures;
}

SpawnFigures parallel_raw_spawn_rate(const std::string& plugin, int runs, int in_flight,
                                     int processes) {
    processes = std::max(1, processes);
    const int each_runs = runs / processes;
    const int each_in_flight = std::max(1, in_flight / processes);
    std::vector<std::pair<pid_t, int>> children;  // pid, read end of its report
    for (int i = 0; i < processes; ++i) {
        int report[2];
        if (pipe(report) != 0) {
            throw std::runtime_error("pipe failed");
        }
        pid_t pid = fork();
        if (pid < 0) {
            throw std::runtime_error("fork failed");
        }
        if (pid == 0) {
            close(report[0]);
            auto figures = raw_spawn_rate(plugin, each_runs, each_in_flight);
            double numbers[2] = {figures.seconds, figures.cpu_seconds};
            _exit(write(report[1], numbers, sizeof numbers) == sizeof numbers ? 0 : 1);
        }
        close(report[1]);
        children.emplace_back(pid, report[0]);
    }
    SpawnFigures total;
    total.runs = each_runs * processes;
    for (auto [pid, fd] : children) {
        double numbers[2] = {0, 0};
        if (read(fd, numbers, sizeof numbers) != sizeof numbers) {
            throw std::runtime_error("a spawning process failed");
        }
        close(fd);
        waitpid(pid, nullptr, 0);
        total.seconds = std::max(total.seconds, numbers[0]);
        total.cpu_seconds += numbers[1];
    }
    return total;
}

}  // namespace yagura::bench
