// Signals between the daemon and its plugins: what a plugin starts with, and that a
// plugin's end neither signals the daemon nor depends on how the daemon handles SIGCHLD.
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <unistd.h>

#include <gtest/gtest.h>

#include "process_helpers.hpp"

namespace yagura::exec {
namespace {

using namespace yagura::exec::testing;

// Sets a signal's disposition for the life of the object.
class Disposition {
public:
    Disposition(int signal, void (*handler)(int), int flags = 0) : signal_(signal) {
        struct sigaction action {};
        action.sa_handler = handler;
        action.sa_flags = flags;
        sigemptyset(&action.sa_mask);
        ::sigaction(signal_, &action, &previous_);
    }
    ~Disposition() { ::sigaction(signal_, &previous_, nullptr); }
    Disposition(const Disposition&) = delete;
    Disposition& operator=(const Disposition&) = delete;

private:
    int signal_;
    struct sigaction previous_ {};
};

// The hexadecimal mask that follows `field` in a /proc/<pid>/status text.
std::string status_mask(const std::string& status, const std::string& field) {
    std::istringstream lines(status);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind(field + ":", 0) == 0) {
            return line.substr(line.find_first_not_of(" \t", field.size() + 1));
        }
    }
    return "missing";
}

TEST(RunnerSignals, PluginsStartWithNothingBlockedOrIgnored) {
    Disposition ignore_pipe(SIGPIPE, SIG_IGN);
    Disposition ignore_hup(SIGHUP, SIG_IGN);
    // One no daemon touches, as if inherited ignored from whoever started the daemon.
    Disposition ignore_winch(SIGWINCH, SIG_IGN);
    sigset_t blocked;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGUSR1);
    sigaddset(&blocked, SIGTERM);
    sigset_t previous;
    ::pthread_sigmask(SIG_BLOCK, &blocked, &previous);
    Harness harness;
    auto result =
        harness.run(Command{.command_line = "/bin/cat /proc/self/status", .keep_raw_output = true});
    ::pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    EXPECT_EQ(status_mask(result.raw_stdout, "SigBlk"), "0000000000000000");
    EXPECT_EQ(status_mask(result.raw_stdout, "SigIgn"), "0000000000000000");
}

// A field of /proc/self/task/<tid>/status ("State", "voluntary_ctxt_switches", ...).
std::string task_status(pid_t tid, const std::string& field) {
    std::ifstream status("/proc/self/task/" + std::to_string(tid) + "/status");
    for (std::string line; std::getline(status, line);) {
        if (line.rfind(field + ":", 0) == 0) {
            return line.substr(line.find_first_not_of(" \t", field.size() + 1));
        }
    }
    return {};
}

// How often a thread of this process was switched out because it waited.
long voluntary_switches(pid_t tid) {
    return std::stol(task_status(tid, "voluntary_ctxt_switches"));
}

// A thread that sleeps until told to end, leaving every signal unblocked, like the helper
// threads libraries start (Asio's resolver thread is one).
class SleepingThread {
public:
    SleepingThread() {
        thread_ = std::thread([this] {
            std::unique_lock lock(mutex_);
            tid_ = ::gettid();
            started_.notify_all();
            wake_.wait(lock, [this] { return done_; });
        });
        {
            std::unique_lock lock(mutex_);
            started_.wait(lock, [this] { return tid_ != 0; });
        }
        // It released the mutex on its way into the wait; its sleep comes an instant later.
        for (int i = 0; i < 1000 && task_status(tid_, "State").rfind("S", 0) != 0; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
    }
    ~SleepingThread() {
        {
            std::lock_guard lock(mutex_);
            done_ = true;
        }
        wake_.notify_all();
        thread_.join();
    }
    SleepingThread(const SleepingThread&) = delete;
    SleepingThread& operator=(const SleepingThread&) = delete;
    pid_t tid() const { return tid_; }

private:
    std::mutex mutex_;
    std::condition_variable started_;
    std::condition_variable wake_;
    bool done_ = false;
    pid_t tid_ = 0;
    std::thread thread_;
};

// Every plugin's end sends the daemon a SIGCHLD. Nobody handles it, so the kernel drops it,
// but only while the thread that started the plugin does not block it; blocked (as
// posix_spawn blocks everything while it spawns) it is queued and wakes whichever thread
// leaves it unblocked: thousands of useless wake-ups a second on a busy poller.
TEST(RunnerSignals, PluginsEndingWakeNoOtherThread) {
    SleepingThread sleeper;
    Harness harness(Limits{.max_running = 16});
    long switches_before = voluntary_switches(sleeper.tid());
    constexpr int kRuns = 400;
    int done = 0;
    int ok = 0;
    for (int i = 0; i < kRuns; ++i) {
        harness.runner.start(Command{.command_line = kTinyPlugin + " 1"}, [&](Result result) {
            ++done;
            ok += result.exit_code == 1 ? 1 : 0;
        });
    }
    ASSERT_TRUE(run_until(harness.io, [&] { return done == kRuns; }));
    EXPECT_EQ(ok, kRuns);
    EXPECT_EQ(voluntary_switches(sleeper.tid()), switches_before);
}

// With SIGCHLD ignored (or SA_NOCLDWAIT) the kernel reaps children by itself and their
// exit codes are lost: the runner puts the default back when it starts.
TEST(RunnerSignals, ExitCodesAreReadEvenWhenTheDaemonIgnoredSigchld) {
    for (int flags : {0, SA_NOCLDWAIT}) {
        Disposition ignored(SIGCHLD, flags == 0 ? SIG_IGN : SIG_DFL, flags);
        Harness harness;
        auto result = harness.run(kTinyPlugin + " 2");
        EXPECT_EQ(result.exit_code, 2) << "flags " << flags;
        EXPECT_EQ(result.output, "OK - tiny");
    }
}

}  // namespace
}  // namespace yagura::exec
