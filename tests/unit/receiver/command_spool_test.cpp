#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <yagura/core/error.hpp>
#include <yagura/core/ids.hpp>
#include <yagura/daemon/command_spool.hpp>

namespace yagura::daemon {
namespace {

namespace fs = std::filesystem;

class SpoolTest : public ::testing::Test {
protected:
    SpoolTest() : dir_(fs::temp_directory_path() / ("yagura-spool-" + core::random_hex_id(6))) {
        fs::create_directories(dir_);
    }
    ~SpoolTest() override { fs::remove_all(dir_); }

    static std::vector<std::string> numbered(int from, int to) {
        std::vector<std::string> lines;
        for (int i = from; i < to; ++i) {
            lines.push_back("[1] PROCESS_HOST_CHECK_RESULT;h;0;result " + std::to_string(i));
        }
        return lines;
    }
    // Delivers everything in batches of `batch`, as the router does.
    static std::vector<std::string> drain(CommandSpool& spool, std::size_t batch) {
        std::vector<std::string> out;
        while (!spool.empty()) {
            auto lines = spool.front(batch, 1 << 20);
            out.insert(out.end(), lines.begin(), lines.end());
            spool.pop(lines.size());
        }
        return out;
    }

    fs::path dir_;
};

TEST_F(SpoolTest, KeepsOrderBeyondTheMemoryBound) {
    CommandSpool spool(dir_ / "part-0.spool", {.memory_bytes = 2000, .disk_bytes = 1 << 20});
    auto first = numbered(0, 100);
    auto second = numbered(100, 250);
    spool.push(first);
    spool.push(second);
    EXPECT_EQ(spool.size(), 250u);
    EXPECT_LT(spool.memory_lines(), 60u);  // most lines wait on disk only
    auto all = first;
    all.insert(all.end(), second.begin(), second.end());
    EXPECT_EQ(drain(spool, 7), all);
    EXPECT_EQ(spool.file_bytes(), 16u);  // emptied once delivered
}

TEST_F(SpoolTest, ARestartDeliversWhatWasNotDeliveredInOrder) {
    auto lines = numbered(0, 500);
    {
        CommandSpool spool(dir_ / "part-3.spool", {.memory_bytes = 4000, .disk_bytes = 1 << 20});
        spool.push(lines);
        for (std::size_t delivered = 0; delivered < 120;) {
            auto batch = spool.front(120 - delivered, 1 << 20);
            spool.pop(batch.size());
            delivered += batch.size();
        }
    }
    CommandSpool again(dir_ / "part-3.spool", {.memory_bytes = 4000, .disk_bytes = 1 << 20});
    EXPECT_EQ(again.size(), 380u);
    EXPECT_EQ(drain(again, 50), std::vector<std::string>(lines.begin() + 120, lines.end()));
}

TEST_F(SpoolTest, APartialLineFromACrashIsCutOff) {
    {
        CommandSpool spool(dir_ / "p.spool", {});
        spool.push(numbered(0, 3));
    }
    std::ofstream(dir_ / "p.spool", std::ios::app) << "[1] PROCESS_HOST_CHECK_RESULT;h;0;half";
    CommandSpool again(dir_ / "p.spool", {});
    EXPECT_EQ(drain(again, 10), numbered(0, 3));
}

TEST_F(SpoolTest, AFullSpoolRefusesAndKeepsWhatItHad) {
    CommandSpool spool(dir_ / "p.spool", {.memory_bytes = 1000, .disk_bytes = 3000});
    spool.push(numbered(0, 40));
    const auto before = spool.size();
    EXPECT_THROW(spool.push(numbered(40, 100)), core::Error);
    EXPECT_EQ(spool.size(), before);
    EXPECT_EQ(drain(spool, 100), numbered(0, 40));
}

TEST_F(SpoolTest, NotASpoolFileIsRefused) {
    std::ofstream(dir_ / "junk.spool") << "this is not a spool, it is some other file\n";
    EXPECT_THROW(CommandSpool(dir_ / "junk.spool", {}), core::Error);
}

TEST_F(SpoolTest, MemoryOnlyIsBounded) {
    CommandSpool spool({}, {.memory_bytes = 500, .disk_bytes = 0});
    spool.push(numbered(0, 5));
    EXPECT_THROW(spool.push(numbered(5, 50)), core::Error);
    EXPECT_EQ(spool.take_all(), numbered(0, 5));
    EXPECT_TRUE(spool.empty());
}

TEST_F(SpoolTest, TakeAllEmptiesMemoryAndDisk) {
    CommandSpool spool(dir_ / "p.spool", {.memory_bytes = 500, .disk_bytes = 1 << 20});
    spool.push(numbered(0, 100));
    EXPECT_EQ(spool.take_all(), numbered(0, 100));
    EXPECT_TRUE(spool.empty());
    CommandSpool again(dir_ / "p.spool", {});
    EXPECT_TRUE(again.empty());
}

}  // namespace
}  // namespace yagura::daemon
