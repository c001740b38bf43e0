#pragma once

#include "query.hpp"
#include "renderer.hpp"

namespace yagura::modules::livestatus {

// Accumulates one Stats header over the rows of a query (or of one StatsGroupBy group).
class Aggregator {
public:
    explicit Aggregator(const StatsSpec& spec) : spec_(&spec) {}
    void consume(Row row);
    void render(Renderer& renderer) const;

private:
    const StatsSpec* spec_;
    std::int64_t count_ = 0;
    double sum_ = 0, sum_of_squares_ = 0, sum_of_inverses_ = 0, min_ = 0, max_ = 0;
};

}  // namespace yagura::modules::livestatus
