// How fast exec::Runner starts plugins, against the kernel's own rate.
//
// Prints, for the same tiny static plugin and the same number in flight:
//   raw     a plain loop of posix_spawn + waitpid (stdout to /dev/null, nothing read)
//   runner  exec::Runner on one io_context thread: pipes read, output parsed, results built
// their rates, the ratio, and this process's own CPU per plugin (getrusage RUSAGE_SELF:
// user + system time of the daemon side, children excluded).
//
// Usage: exec_bench [--runs N] [--in-flight N] [--plugin PATH] [--repeat N]
//                   [--only raw|runner]   (one side alone, e.g. under perf)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include <boost/asio/io_context.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/exec/runner.hpp>

extern char** environ;

namespace {

struct Options {
    int runs = 20000;
    int in_flight = 32;
    int repeat = 3;
    std::string plugin = YAGURA_TINY_PLUGIN;
    std::string only;
};

struct Figures {
    double seconds = 0;
    double user_seconds = 0;    // this process only, children excluded
    double system_seconds = 0;  // idem
};

Figures cpu_of_self() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
    return Figures{0, seconds(usage.ru_utime), seconds(usage.ru_stime)};
}

template <typename Body>
Figures measure(Body body) {
    Figures before = cpu_of_self();
    auto start = std::chrono::steady_clock::now();
    body();
    std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
    Figures after = cpu_of_self();
    return Figures{wall.count(), after.user_seconds - before.user_seconds,
                   after.system_seconds - before.system_seconds};
}

Figures raw_spawn(const Options& options) {
    int dev_null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, dev_null, STDOUT_FILENO);
    std::string path = options.plugin;
    std::vector<char*> argv = {path.data(), nullptr};
    auto figures = measure([&] {
        int started = 0;
        int running = 0;
        while (started < options.runs || running > 0) {
            while (started < options.runs && running < options.in_flight) {
                pid_t pid;
                if (posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
                    std::perror("posix_spawn");
                    std::exit(1);
                }
                ++started;
                ++running;
            }
            int status;
            if (waitpid(-1, &status, 0) > 0) {
                --running;
            }
        }
    });
    posix_spawn_file_actions_destroy(&actions);
    close(dev_null);
    return figures;
}

Figures through_runner(const Options& options) {
    boost::asio::io_context io;
    yagura::core::SystemClock clock;
    yagura::exec::Runner runner(io, clock,
                                {.max_running = static_cast<std::size_t>(options.in_flight)});
    int done = 0;
    int ok = 0;
    auto figures = measure([&] {
        for (int i = 0; i < options.runs; ++i) {
            runner.start(yagura::exec::Command{.command_line = options.plugin},
                         [&](yagura::exec::Result result) {
                             ++done;
                             ok += result.exit_status == 0 ? 1 : 0;
                         });
        }
        while (done < options.runs) {
            io.run_one();
        }
    });
    if (ok != options.runs) {
        std::fprintf(stderr, "only %d of %d runs were OK\n", ok, options.runs);
        std::exit(1);
    }
    return figures;
}

Options parse(int argc, char** argv) {
    Options options;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string flag = argv[i];
        if (flag == "--runs") {
            options.runs = std::atoi(argv[i + 1]);
        } else if (flag == "--in-flight") {
            options.in_flight = std::atoi(argv[i + 1]);
        } else if (flag == "--plugin") {
            options.plugin = argv[i + 1];
        } else if (flag == "--only") {
            options.only = argv[i + 1];
        } else if (flag == "--repeat") {
            options.repeat = std::atoi(argv[i + 1]);
        } else {
            std::fprintf(stderr, "unknown option %s\n", flag.c_str());
            std::exit(2);
        }
    }
    return options;
}

void print(const char* name, const Options& options, const Figures& figures) {
    double per_run = 1e6 / options.runs;
    std::printf("%-7s %8.0f plugins/s   %6.1f us daemon CPU per plugin (user %.1f, system %.1f)\n",
                name, options.runs / figures.seconds,
                (figures.user_seconds + figures.system_seconds) * per_run,
                figures.user_seconds * per_run, figures.system_seconds * per_run);
}

}  // namespace

int main(int argc, char** argv) {
    Options options = parse(argc, argv);
    yagura::exec::ensure_descriptor_limit(static_cast<std::size_t>(options.in_flight) * 3 + 256);
    std::printf("plugin %s, %d runs, %d in flight, best of %d\n", options.plugin.c_str(),
                options.runs, options.in_flight, options.repeat);
    Figures best_raw{1e9, 0, 0};
    Figures best_runner{1e9, 0, 0};
    for (int round = 0; round < options.repeat; ++round) {
        if (options.only != "runner") {
            auto raw = raw_spawn(options);
            best_raw = raw.seconds < best_raw.seconds ? raw : best_raw;
        }
        if (options.only != "raw") {
            auto runner = through_runner(options);
            best_runner = runner.seconds < best_runner.seconds ? runner : best_runner;
        }
    }
    if (options.only != "runner") {
        print("raw", options, best_raw);
    }
    if (options.only != "raw") {
        print("runner", options, best_runner);
    }
    if (!options.only.empty()) {
        return 0;
    }
    std::printf("ratio   %8.1f %% of the raw spawn rate\n",
                100.0 * best_raw.seconds / best_runner.seconds);
    return 0;
}
