#pragma once

// A Satellite on the test's own io_context (the daemon's loop in real life), driven by
// run_until(), against FakeSchedulers on their own threads. Plugins are real processes.

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <yagura/core/clock.hpp>
#include <yagura/core/ids.hpp>
#include <yagura/satellite/satellite.hpp>

#include "fake_scheduler.hpp"

namespace yagura::satellite::testing {

inline const std::string kCheckDummy = "/usr/lib/nagios/plugins/check_dummy";

class SatelliteTest : public ::testing::Test {
protected:
    SatelliteTest()
        : dir_(std::filesystem::temp_directory_path() /
               ("yagura-satellite-" + core::random_hex_id(6))) {
        std::filesystem::create_directories(dir_);
    }

    ~SatelliteTest() override {
        if (satellite_) {
            stop(std::chrono::milliseconds(500));
        }
        satellite_.reset();
        std::error_code ignored;
        std::filesystem::remove_all(dir_, ignored);
    }

    // A satellite with fast retries (the tests make schedulers fail on purpose).
    Satellite& make(Role role = Role::poller, std::function<void(SatelliteOptions&)> adjust = {}) {
        SatelliteOptions options{.role = role, .name = std::string(to_string(role)) + "-test"};
        options.retry_min = std::chrono::milliseconds(20);
        options.retry_max = std::chrono::milliseconds(200);
        options.long_poll_wait = std::chrono::milliseconds(2000);
        if (adjust) {
            adjust(options);
        }
        satellite_ = std::make_unique<Satellite>(io_, options);
        satellite_->start();
        return *satellite_;
    }

    static SatelliteConfig config_for(std::vector<SchedulerEntry> schedulers,
                                      std::function<void(WorkerSettings&)> adjust = {}) {
        SatelliteConfig config;
        config.schedulers = std::move(schedulers);
        config.link.max_workers = 2;
        config.link.processes_by_worker = 4;
        if (adjust) {
            adjust(config.link);
        }
        return config;
    }

    // Runs the satellite's loop until `done` holds or `bound` passes; returns `done()`.
    bool run_until(const std::function<bool()>& done,
                   std::chrono::milliseconds bound = std::chrono::seconds(20)) {
        auto deadline = std::chrono::steady_clock::now() + bound;
        while (!done() && std::chrono::steady_clock::now() < deadline) {
            if (io_.stopped()) {
                io_.restart();
            }
            io_.run_for(std::chrono::milliseconds(5));
        }
        return done();
    }

    // Runs the loop for a while whatever happens (to show something does NOT happen).
    void run_for(std::chrono::milliseconds duration) {
        run_until([] { return false; }, duration);
    }

    void stop(std::chrono::milliseconds bound) {
        bool done = false;
        boost::asio::co_spawn(io_, satellite_->stop(bound),
                              [&](std::exception_ptr) { done = true; });
        run_until([&] { return done; }, bound + std::chrono::seconds(10));
    }

    // The satellite's stats entry of one scheduler.
    nlohmann::json scheduler_stats(const std::string& name) {
        auto stats = satellite_->stats();
        for (const auto& s : stats["schedulers"]) {
            if (s["name"] == name) {
                return s;
            }
        }
        return nullptr;
    }

    std::string write_script(const std::string& name, const std::string& text) {
        auto path = dir_ / name;
        {
            std::FILE* file = std::fopen(path.c_str(), "w");
            std::fputs(text.c_str(), file);
            std::fclose(file);
        }
        std::filesystem::permissions(path, std::filesystem::perms::owner_all);
        return path.string();
    }

    std::filesystem::path dir_;
    core::FakeClock clock_{2000.0};  // for tests that pass it in SatelliteOptions::clock
    boost::asio::io_context io_;
    std::unique_ptr<Satellite> satellite_;
};

}  // namespace yagura::satellite::testing
