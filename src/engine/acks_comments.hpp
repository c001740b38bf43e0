#pragma once

#include <string>
#include <string_view>

#include "state.hpp"

// Acknowledgements and comments, with ids unique within the part.
namespace yagura::engine::detail {

// ACKNOWLEDGE_*_PROBLEM(_EXPIRE). sticky: 2 keeps the ack through changes between problem
// states, 0 or 1 does not. Returns an error when the element has no problem to acknowledge.
std::string acknowledge(EngineState& s, ElementId e, int sticky, bool notify, bool persistent,
                        std::string_view author, std::string_view comment, EpochSeconds expire);
// Removes the acknowledgement and its non-persistent comments.
void unacknowledge(EngineState& s, ElementId e);
void unacknowledge_if_not_sticky(EngineState& s, ElementId e);
// The acknowledgement's expiry timer fired.
void expire_acknowledgement(EngineState& s, ElementId e, EpochSeconds now);

std::uint64_t add_comment(EngineState& s, ElementId e, model::CommentEntryType type,
                          model::CommentSource source, bool persistent, std::string_view author,
                          std::string_view text, EpochSeconds expire_time = 0);
// Deletes one comment of the element; false when it has none with that id.
bool delete_comment(EngineState& s, ElementId e, std::uint64_t id);
void delete_all_comments(EngineState& s, ElementId e);
// The element holding a comment id, kNoElement when none.
ElementId comment_owner(const EngineState& s, std::uint64_t id);
void expire_comment(EngineState& s, ElementId e, std::uint64_t id, EpochSeconds now);

}  // namespace yagura::engine::detail
