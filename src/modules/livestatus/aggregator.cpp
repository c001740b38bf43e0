#include "aggregator.hpp"

#include <algorithm>
#include <cmath>

namespace yagura::modules::livestatus {

void Aggregator::consume(Row row) {
    if (spec_->aggregation == Aggregation::count) {
        if (spec_->filter->accepts(row)) {
            ++count_;
        }
        return;
    }
    double value = spec_->column->floating(row);
    min_ = count_ == 0 ? value : std::min(min_, value);
    max_ = count_ == 0 ? value : std::max(max_, value);
    ++count_;
    sum_ += value;
    sum_of_squares_ += value * value;
    if (value != 0) {
        sum_of_inverses_ += 1.0 / value;
    }
}

void Aggregator::render(Renderer& renderer) const {
    // sum, min and max of an int column stay ints, as clients expect for counters.
    bool integral = spec_->column != nullptr && spec_->column->type() != ColumnType::floating;
    auto number = [&](double value) {
        if (integral) {
            renderer.integer(static_cast<std::int64_t>(value));
        } else {
            renderer.floating(value);
        }
    };
    double n = static_cast<double>(count_);
    switch (spec_->aggregation) {
        case Aggregation::count:
            renderer.integer(count_);
            return;
        case Aggregation::sum:
            number(sum_);
            return;
        case Aggregation::min:
            number(min_);
            return;
        case Aggregation::max:
            number(max_);
            return;
        case Aggregation::avg:
            renderer.floating(count_ == 0 ? 0.0 : sum_ / n);
            return;
        case Aggregation::std: {
            // Population standard deviation, as Checkmk computes it.
            double mean = count_ == 0 ? 0.0 : sum_ / n;
            double variance = count_ == 0 ? 0.0 : sum_of_squares_ / n - mean * mean;
            renderer.floating(std::sqrt(std::max(0.0, variance)));
            return;
        }
        case Aggregation::suminv:
            renderer.floating(sum_of_inverses_);
            return;
        case Aggregation::avginv:
            renderer.floating(count_ == 0 ? 0.0 : sum_of_inverses_ / n);
            return;
    }
}

}  // namespace yagura::modules::livestatus
