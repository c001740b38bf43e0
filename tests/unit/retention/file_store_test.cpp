#include <chrono>
#include <fstream>
#include <unistd.h>
#include <vector>

#include <gtest/gtest.h>

#include <yagura/core/error.hpp>
#include <yagura/retention/file_store.hpp>
#include <yagura/retention/keys.hpp>
#include <yagura/retention/writer.hpp>

#include "file_format.hpp"
#include "test_support.hpp"

namespace yagura::retention {
namespace {

namespace fs = std::filesystem;

FileSettings settings_in(const fs::path& directory) {
    FileSettings settings;
    settings.directory = directory;
    return settings;
}

std::vector<std::string> host_keys(int count) {
    std::vector<std::string> keys;
    for (int i = 0; i < count; ++i) {
        keys.push_back(host_key("h" + std::to_string(i)));
    }
    return keys;
}

// Writes one batch setting every key to "<tag>-<index>".
void write_round(FileStore& store, const std::vector<std::string>& keys, const std::string& tag) {
    std::vector<std::string> values;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        values.push_back(tag + "-" + std::to_string(i));
    }
    std::vector<Change> changes;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        changes.push_back({keys[i], values[i]});
    }
    store.write(changes);
}

void expect_round(const LoadResult& loaded, const std::string& tag) {
    for (std::size_t i = 0; i < loaded.values.size(); ++i) {
        ASSERT_EQ(loaded.values[i], tag + "-" + std::to_string(i)) << "key " << i;
    }
}

std::vector<fs::path> files_ending(const fs::path& directory, const std::string& suffix) {
    std::vector<fs::path> found;
    for (const auto& entry : fs::directory_iterator(directory)) {
        if (entry.path().string().ends_with(suffix)) {
            found.push_back(entry.path());
        }
    }
    std::sort(found.begin(), found.end());
    return found;
}

TEST(FileStore, ReloadsWhatAnEarlierStoreWrote) {
    test::TempDir dir("retention-file");
    auto keys = host_keys(100);
    {
        FileStore store(settings_in(dir.path()));
        write_round(store, keys, "first");
        write_round(store, keys, "second");
        std::vector<Change> erase = {{keys[7], {}, true}};
        store.write(erase);
    }
    FileStore reopened(settings_in(dir.path()));
    auto with_unknown = keys;
    with_unknown.push_back(host_key("never-written"));
    auto loaded = reopened.load(with_unknown);
    EXPECT_EQ(loaded.found, 99u);
    EXPECT_FALSE(loaded.values[7]);
    EXPECT_FALSE(loaded.values[100]);
    loaded.values[7] = "second-7";
    loaded.values.pop_back();
    expect_round(loaded, "second");
}

TEST(FileStore, WritesOneJournalAppendPerBatchNotAFilePerElement) {
    test::TempDir dir("retention-file");
    FileStore store(settings_in(dir.path()));
    auto keys = host_keys(1000);
    write_round(store, keys, "a");
    write_round(store, keys, "b");
    EXPECT_EQ(files_ending(dir.path(), ".log").size(), 1u);
    EXPECT_EQ(store.stats().batches, 2u);
}

TEST(FileStore, CompactionKeepsOnlyTheLatestRecords) {
    test::TempDir dir("retention-file");
    FileStore store(settings_in(dir.path()));
    auto keys = host_keys(500);
    for (int round = 0; round < 10; ++round) {
        write_round(store, keys, "round" + std::to_string(round));
    }
    std::vector<Change> erase = {{keys[0], {}, true}};
    store.write(erase);
    auto before = fs::file_size(files_ending(dir.path(), ".log").at(0));

    store.compact_now();
    auto journals = files_ending(dir.path(), ".log");
    ASSERT_EQ(journals.size(), 1u);
    EXPECT_LT(fs::file_size(journals[0]) * 5, before);
    EXPECT_EQ(store.stats().compactions, 1u);

    auto loaded = store.load(keys);
    EXPECT_FALSE(loaded.values[0]);  // the erase survives compaction
    loaded.values[0] = "round9-0";
    expect_round(loaded, "round9");

    // Writing on after a compaction, and reopening, still gives the latest.
    write_round(store, keys, "after");
    FileStore reopened(settings_in(dir.path()));
    expect_round(reopened.load(keys), "after");
}

TEST(FileStore, CompactsInTheBackgroundPastTheThreshold) {
    test::TempDir dir("retention-file");
    auto settings = settings_in(dir.path());
    settings.compact_min_bytes = 64 * 1024;
    FileStore store(settings);
    auto keys = host_keys(200);
    for (int round = 0; round < 100; ++round) {
        write_round(store, keys, "r" + std::to_string(round));
    }
    EXPECT_TRUE(test::eventually([&] { return store.stats().compactions > 0; }));
    expect_round(store.load(keys), "r99");
}

TEST(FileStore, SharedDirectoryGivesTheNewestWriterTheLastWord) {
    test::TempDir dir("retention-file");
    auto keys = host_keys(50);
    FileStore master(settings_in(dir.path()));
    write_round(master, keys, "master");

    // The spare loads what the master wrote, then carries on writing its own stream.
    FileStore spare(settings_in(dir.path()));
    expect_round(spare.load(keys), "master");
    write_round(spare, keys, "spare");

    FileStore reader(settings_in(dir.path()));
    expect_round(reader.load(keys), "spare");
    EXPECT_EQ(files_ending(dir.path(), ".lock").size(), 2u);  // two live writers
}

TEST(FileStore, CompactionAdoptsJournalsOfDeadWritersOnly) {
    test::TempDir dir("retention-file");
    auto keys = host_keys(50);
    auto dead = std::make_unique<FileStore>(settings_in(dir.path()));
    write_round(*dead, keys, "dead");
    FileStore alive(settings_in(dir.path()));
    std::vector<std::string> alive_keys = {host_key("alive-only")};
    std::vector<Change> alive_change = {{alive_keys[0], "mine"}};
    alive.write(alive_change);
    dead.reset();  // its writer is gone: its lock is released

    FileStore survivor(settings_in(dir.path()));
    expect_round(survivor.load(keys), "dead");
    test::OwnedChanges one = {{host_key("x"), "y"}};
    survivor.write(one);
    survivor.compact_now();
    EXPECT_EQ(survivor.stats().adopted_streams, 1u);
    // The dead stream's journal went into survivor's; alive's stream was left alone.
    EXPECT_EQ(files_ending(dir.path(), ".log").size(), 2u);  // alive's, survivor's output
    expect_round(survivor.load(keys), "dead");
    EXPECT_EQ(survivor.load(alive_keys).values[0], "mine");
}

TEST(FileStore, AValueWrittenAfterLoadingWinsEvenWithAClockBehind) {
    test::TempDir dir("retention-file");
    // A journal from a writer whose clock was a year ahead.
    {
        file_format::BatchEncoder encoder;
        encoder.begin();
        auto future =
            static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                           std::chrono::system_clock::now().time_since_epoch())
                                           .count()) +
            365ull * 24 * 3600 * 1'000'000'000ull;
        encoder.add(future, host_key("h"), "from the future", false);
        std::ofstream out(dir.path() / "yagura.v1.00000000000000aa.00000001.log", std::ios::binary);
        out << file_format::encode_header(0xaa, future) << encoder.finish();
    }
    FileStore store(settings_in(dir.path()));
    std::vector<std::string> keys = {host_key("h")};
    EXPECT_EQ(store.load(keys).values[0], "from the future");
    std::vector<Change> change = {{keys[0], "written after loading"}};
    store.write(change);
    FileStore reader(settings_in(dir.path()));
    EXPECT_EQ(reader.load(keys).values[0], "written after loading");
}

TEST(FileStore, TornLastBatchIsIgnoredWholeAndEarlierStateIsIntact) {
    test::TempDir dir("retention-file");
    auto keys = host_keys(100);
    fs::path journal;
    std::uintmax_t after_first = 0;
    {
        FileStore store(settings_in(dir.path()));
        write_round(store, keys, "complete");
        journal = files_ending(dir.path(), ".log").at(0);
        after_first = fs::file_size(journal);
        write_round(store, keys, "torn");
    }
    auto full = fs::file_size(journal);
    // A crash in the middle of the second append: cut it at several places.
    for (auto cut : {full - 1, after_first + (full - after_first) / 2, after_first + 3}) {
        fs::resize_file(journal, cut);
        FileStore store(settings_in(dir.path()));
        auto loaded = store.load(keys);
        EXPECT_EQ(loaded.found, keys.size());
        expect_round(loaded, "complete");
    }
}

TEST(FileStore, DamagedBatchStopsTheReadingOfItsFileOnly) {
    test::TempDir dir("retention-file");
    auto keys = host_keys(20);
    {
        FileStore store(settings_in(dir.path()));
        write_round(store, keys, "good");
    }
    auto first_journal = files_ending(dir.path(), ".log").at(0);
    auto good_size = fs::file_size(first_journal);
    {
        FileStore store(settings_in(dir.path()));
        write_round(store, keys, "later");  // a second journal
    }
    {
        // Flip a byte inside the first journal's only batch.
        std::fstream file(first_journal, std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(static_cast<std::streamoff>(good_size - 5));
        file.put('\xff');
    }
    FileStore store(settings_in(dir.path()));
    expect_round(store.load(keys), "later");
}

TEST(FileStore, LeftoversOfACrashedCompactionAreIgnoredAndCleanedUp) {
    test::TempDir dir("retention-file");
    auto keys = host_keys(10);
    {
        FileStore store(settings_in(dir.path()));
        write_round(store, keys, "kept");
    }
    auto stream = files_ending(dir.path(), ".log").at(0).filename().string().substr(10, 16);
    auto temporary = dir.path() / ("yagura.v1." + stream + ".00000009.log.tmp");
    {
        std::ofstream out(temporary, std::ios::binary);
        out << "half a compaction output, never renamed";
    }
    FileStore store(settings_in(dir.path()));
    expect_round(store.load(keys), "kept");
    store.compact_now();
    EXPECT_FALSE(fs::exists(temporary));
    expect_round(store.load(keys), "kept");
}

TEST(FileStore, FilesOfAnotherFormatVersionAreNeverRead) {
    test::TempDir dir("retention-file");
    {
        std::ofstream out(dir.path() / "yagura.v2.00000000000000bb.00000001.log", std::ios::binary);
        out << "a future format we cannot know";
    }
    FileStore store(settings_in(dir.path()));
    std::vector<std::string> keys = {host_key("h")};
    auto loaded = store.load(keys);
    EXPECT_TRUE(loaded.format_mismatch);
    EXPECT_FALSE(loaded.values[0]);

    // A v1 name over a header of another version is skipped as well.
    file_format::BatchEncoder encoder;
    encoder.begin();
    encoder.add(1, keys[0], "misread", false);
    auto header = file_format::encode_header(0xcc, 1);
    header[8] = 7;  // the version field
    {
        std::ofstream out(dir.path() / "yagura.v1.00000000000000cc.00000001.log", std::ios::binary);
        out << header << encoder.finish();
    }
    EXPECT_FALSE(store.load(keys).values[0]);
    // Compaction leaves both alone.
    test::OwnedChanges change = {{host_key("x"), "y"}};
    store.write(change);
    store.compact_now();
    EXPECT_TRUE(fs::exists(dir.path() / "yagura.v2.00000000000000bb.00000001.log"));
    EXPECT_TRUE(fs::exists(dir.path() / "yagura.v1.00000000000000cc.00000001.log"));
}

TEST(FileStore, WriterOverTheFileStoreFlushesAtStop) {
    test::TempDir dir("retention-file");
    auto keys = host_keys(300);
    {
        Writer writer(std::make_shared<FileStore>(settings_in(dir.path())),
                      WriterSettings{.flush_interval = std::chrono::hours(1)});
        for (int round = 0; round < 3; ++round) {
            for (std::size_t i = 0; i < keys.size(); ++i) {
                writer.put(keys[i], (round == 2 ? "final-" : "early-") + std::to_string(i));
            }
        }
        EXPECT_TRUE(writer.close(std::chrono::seconds(10)));
    }
    FileStore reopened(settings_in(dir.path()));
    expect_round(reopened.load(keys), "final");
}

TEST(FileStore, RejectsBadSettings) {
    test::TempDir dir("retention-file");
    auto settings = settings_in(dir.path());
    settings.key_prefix = "no.dots";
    EXPECT_THROW(FileStore{settings}, core::Error);
    auto blocker = dir.path() / "a-file";
    std::ofstream(blocker) << "x";
    EXPECT_THROW(FileStore{settings_in(blocker / "sub")}, core::Error);
    EXPECT_THROW(FileStore{FileSettings{}}, core::Error);
}

}  // namespace
}  // namespace yagura::retention
