// A writer process killed with SIGKILL in the middle of its appends and compactions: the store
// it leaves behind holds, for every key, the value of one complete batch, never a torn one.
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <random>
#include <set>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <yagura/retention/file_store.hpp>
#include <yagura/retention/keys.hpp>

#include "test_support.hpp"

extern char** environ;

namespace yagura::retention {
namespace {

namespace fs = std::filesystem;

constexpr const char* kDirectoryVariable = "YAGURA_RETENTION_CRASH_DIR";
constexpr int kKeys = 300;
constexpr std::size_t kPadding = 4000;

FileSettings crash_settings(const fs::path& directory) {
    FileSettings settings;
    settings.directory = directory;
    settings.segment_bytes = 8 << 20;
    settings.compact_min_bytes = 4 << 20;  // compactions happen while the child is killed
    return settings;
}

std::vector<std::string> crash_keys() {
    std::vector<std::string> keys;
    for (int i = 0; i < kKeys; ++i) {
        keys.push_back(service_key("host" + std::to_string(i % 30), "svc" + std::to_string(i)));
    }
    return keys;
}

std::string value_of(int round, int key) {
    auto value = "round " + std::to_string(round) + " key " + std::to_string(key) + " ";
    value.append(kPadding, static_cast<char>('a' + round % 26));
    return value;
}

// Run only inside the child process started by the test below: writes rounds until killed.
TEST(FileStoreCrash, DISABLED_ChildWriter) {
    const char* directory = std::getenv(kDirectoryVariable);
    ASSERT_NE(directory, nullptr);
    FileStore store(crash_settings(directory));
    auto keys = crash_keys();
    for (int round = 1; round < 1'000'000; ++round) {
        std::vector<std::string> values;
        std::vector<Change> changes;
        for (int i = 0; i < kKeys; ++i) {
            values.push_back(value_of(round, i));
        }
        for (int i = 0; i < kKeys; ++i) {
            changes.push_back({keys[i], values[i]});
        }
        store.write(changes);
        std::ofstream(fs::path(directory) / "progress", std::ios::trunc) << round;
    }
}

// Rounds the child has written, from the progress file it keeps (not a store file).
int child_rounds(const fs::path& directory) {
    return std::atoi(test::read_text(directory / "progress").c_str());
}

pid_t start_child(const fs::path& directory) {
    std::string exe = fs::read_symlink("/proc/self/exe").string();
    std::string filter = "--gtest_filter=FileStoreCrash.DISABLED_ChildWriter";
    std::string disabled = "--gtest_also_run_disabled_tests";
    char* argv[] = {exe.data(), filter.data(), disabled.data(), nullptr};
    std::vector<std::string> environment = {std::string(kDirectoryVariable) + "=" +
                                            directory.string()};
    std::vector<char*> envp;
    for (auto& variable : environment) {
        envp.push_back(variable.data());
    }
    envp.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    int error = posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv, envp.data());
    posix_spawn_file_actions_destroy(&actions);
    return error == 0 ? pid : -1;
}

// Every key holds the value of the same complete round; returns that round.
int check_consistent(const fs::path& directory) {
    FileStore store(crash_settings(directory));
    auto keys = crash_keys();
    auto loaded = store.load(keys);
    EXPECT_EQ(loaded.found, keys.size());
    std::set<int> rounds;
    for (int i = 0; i < kKeys; ++i) {
        if (!loaded.values[i]) {
            continue;
        }
        int round = std::atoi(loaded.values[i]->c_str() + 6);
        EXPECT_EQ(*loaded.values[i], value_of(round, i)) << "torn value for key " << i;
        rounds.insert(round);
    }
    EXPECT_EQ(rounds.size(), 1u) << "keys from different batches: a batch was applied in part";
    return rounds.empty() ? 0 : *rounds.begin();
}

TEST(FileStoreCrash, KilledWriterLeavesWholeBatchesOnly) {
    test::TempDir dir("retention-crash");
    std::mt19937 random(std::random_device{}());
    for (int run = 0; run < 3; ++run) {
        pid_t child = start_child(dir.path());
        ASSERT_GT(child, 0);
        // Let it write a random number of rounds, past a compaction or two (each round is
        // 1.2 MB, compaction starts at 4 MB), then kill it wherever it is.
        std::filesystem::remove(dir.path() / "progress");
        int target = 5 + static_cast<int>(random() % 20);
        bool reached = test::eventually([&] { return child_rounds(dir.path()) >= target; },
                                        std::chrono::seconds(60));
        ::kill(child, SIGKILL);
        int status = 0;
        ::waitpid(child, &status, 0);
        ASSERT_TRUE(reached) << "the child writer made no progress";
        ASSERT_TRUE(WIFSIGNALED(status));

        int round = check_consistent(dir.path());
        EXPECT_GT(round, 0);
    }
    // Another store adopts the dead writers' journals; the state is unchanged by it.
    int before = check_consistent(dir.path());
    {
        FileStore store(crash_settings(dir.path()));
        store.compact_now();
        EXPECT_GE(store.stats().adopted_streams, 1u);
    }
    EXPECT_EQ(check_consistent(dir.path()), before);
}

}  // namespace
}  // namespace yagura::retention
