#include "raw_spawn.hpp"

#include <chrono>
#include <fcntl.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

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

}  // namespace yagura::bench
