#pragma once

#include <cstdint>
#include <string>

#include <yagura/core/clock.hpp>

// The operator records and histories a host or service carries at run time. They are state
// fields (kept by retention, sent in broks) and have no configuration text form.
namespace yagura::model {

using core::EpochSeconds;

// A scheduled downtime (SCHEDULE_HOST_DOWNTIME and friends). Fixed downtimes run from start to
// end; flexible ones start at the first problem between start and end and last `duration`.
struct Downtime {
    std::uint64_t id = 0;
    EpochSeconds entry_time = 0;
    EpochSeconds start_time = 0;
    EpochSeconds end_time = 0;
    bool fixed = true;
    double duration = 0;           // seconds, for flexible downtimes
    std::uint64_t trigger_id = 0;  // downtime that triggers this one, 0 = none
    std::string author;
    std::string comment;
    std::uint64_t comment_id = 0;  // the comment this downtime added
    bool is_in_effect = false;
    bool has_been_triggered = false;
    EpochSeconds real_end_time = 0;  // when a started flexible downtime ends
    friend bool operator==(const Downtime&, const Downtime&) = default;
};

// A comment on a host or service: by a user, or added by a downtime, flapping or an ack.
enum class CommentEntryType : std::uint8_t {
    user = 1,
    downtime = 2,
    flapping = 3,
    acknowledgement = 4
};
enum class CommentSource : std::uint8_t { internal = 0, external = 1 };

struct Comment {
    std::uint64_t id = 0;
    EpochSeconds entry_time = 0;
    std::string author;
    std::string comment;
    CommentEntryType entry_type = CommentEntryType::user;
    CommentSource source = CommentSource::external;
    bool persistent = true;
    bool expires = false;
    EpochSeconds expire_time = 0;
    friend bool operator==(const Comment&, const Comment&) = default;
};

// The acknowledgement of the current problem, meaningful while problem_has_been_acknowledged.
// Sticky: kept until the object recovers (else removed on any state change).
struct Acknowledgement {
    std::string author;
    std::string comment;
    EpochSeconds entry_time = 0;
    EpochSeconds expire_time = 0;  // 0 = never (ACKNOWLEDGE_*_PROBLEM_EXPIRE sets it)
    bool sticky = false;
    bool notify = false;
    bool persistent = false;
    std::uint64_t comment_id = 0;
    friend bool operator==(const Acknowledgement&, const Acknowledgement&) = default;
};

// The last state changes used by flap detection: one bit per check result (1 = the state
// changed at that check), at most kCapacity entries, oldest dropped first. The global
// flap_history decides how many the engine uses (default 20).
struct FlapHistory {
    static constexpr int kCapacity = 32;
    std::uint32_t bits = 0;  // bit i = i-th entry, oldest first
    std::uint8_t count = 0;

    bool changed(int i) const { return ((bits >> i) & 1U) != 0; }
    void push(bool state_changed, int limit = kCapacity) {
        if (limit > kCapacity) {
            limit = kCapacity;
        }
        while (count >= limit && count > 0) {
            bits >>= 1;
            --count;
        }
        if (state_changed) {
            bits |= 1U << count;
        }
        ++count;
    }
    friend bool operator==(const FlapHistory&, const FlapHistory&) = default;
};

}  // namespace yagura::model
