#pragma once

#include <vector>

#include <yagura/model/config.hpp>

// Big linked shards for the engine benchmark and the 24-hour simulation test: N hosts with M
// services each, built from one template per type (as the config stage leaves them: every
// default set, links resolved), fast enough for a million services.
namespace yagura::engine::bench {

struct SyntheticSpec {
    int hosts = 1000;
    int services_per_host = 10;
    // Check intervals (minutes) given to services in turn, so the load is mixed.
    std::vector<double> check_intervals{5};
    double retry_interval = 1;
    int max_check_attempts = 3;
    double host_check_interval = 0;  // 0: hosts checked on demand only (internal checks)
};

model::Config synthetic_shard(const SyntheticSpec& spec);

}  // namespace yagura::engine::bench
