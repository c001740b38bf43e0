// Acknowledgements (sticky, notify, persistent, expiring) and comments (docs/scheduler.md).
#include <gtest/gtest.h>

#include "harness.hpp"

namespace yagura::engine::test {
namespace {

model::Config shard() {
    ShardBuilder b;
    b.with_basics().host("web1");
    b.service("web1", "HTTP", {{"max_check_attempts", "1"}});
    b.service("web1", "SSH", {{"max_check_attempts", "1"}});
    return b.build();
}

struct AckCase {
    const char* name;
    int sticky;
    std::vector<int> after;  // results after the ack (the problem was CRITICAL)
    bool still_acknowledged;
};

class AckKinds : public ::testing::TestWithParam<AckCase> {};

TEST_P(AckKinds, AckSurvivesOrNot) {
    const AckCase& c = GetParam();
    Harness h(shard());
    h.advance(1);
    h.check("web1", "HTTP", 2);
    h.command("ACKNOWLEDGE_SVC_PROBLEM;web1;HTTP;" + std::to_string(c.sticky) + ";0;1;alice;ok");
    EXPECT_TRUE(h.service("web1", "HTTP").problem_has_been_acknowledged);
    for (int code : c.after) {
        h.check("web1", "HTTP", code);
    }
    EXPECT_EQ(h.service("web1", "HTTP").problem_has_been_acknowledged, c.still_acknowledged);
}

INSTANTIATE_TEST_SUITE_P(Cases, AckKinds,
                         ::testing::Values(AckCase{"normal_same_state", 1, {2, 2}, true},
                                           AckCase{"normal_other_problem_state", 1, {1}, false},
                                           AckCase{"zero_is_normal", 0, {1}, false},
                                           AckCase{"sticky_other_problem_state", 2, {1, 2}, true},
                                           AckCase{"normal_recovery", 1, {0}, false},
                                           AckCase{"sticky_recovery", 2, {0}, false}),
                         [](const auto& test_info) { return std::string(test_info.param.name); });

TEST(Acknowledgements, RecordCommentAndBroks) {
    Harness h(shard());
    h.advance(1);
    h.check("web1", "HTTP", 2);
    h.broks();
    h.command("ACKNOWLEDGE_SVC_PROBLEM;web1;HTTP;2;0;1;alice;on it; really");
    const model::Service& s = h.service("web1", "HTTP");
    ASSERT_TRUE(s.acknowledgement);
    EXPECT_EQ(s.acknowledgement->author, "alice");
    EXPECT_EQ(s.acknowledgement->comment, "on it; really");  // the text keeps its semicolons
    EXPECT_TRUE(s.acknowledgement->sticky);
    EXPECT_EQ(s.acknowledgement_type(), 2);
    ASSERT_EQ(s.comments.size(), 1u);
    EXPECT_EQ(s.comments[0].entry_type, model::CommentEntryType::acknowledgement);
    bool raised = false;
    for (const auto& b : h.broks()) {
        if (b["type"] == "acknowledge_raise") {
            raised = true;
            EXPECT_EQ(b["data"]["sticky"], 2);
            EXPECT_EQ(b["data"]["service_description"], "HTTP");
        }
    }
    EXPECT_TRUE(raised);
}

TEST(Acknowledgements, PersistentCommentsOutliveTheAck) {
    Harness h(shard());
    h.advance(1);
    h.check("web1", "HTTP", 2);
    h.check("web1", "SSH", 2);
    h.command("ACKNOWLEDGE_SVC_PROBLEM;web1;HTTP;1;0;1;alice;persistent");
    h.command("ACKNOWLEDGE_SVC_PROBLEM;web1;SSH;1;0;0;alice;not persistent");
    h.command("REMOVE_SVC_ACKNOWLEDGEMENT;web1;HTTP");
    h.command("REMOVE_SVC_ACKNOWLEDGEMENT;web1;SSH");
    EXPECT_FALSE(h.service("web1", "HTTP").problem_has_been_acknowledged);
    EXPECT_EQ(h.service("web1", "HTTP").comments.size(), 1u);
    EXPECT_TRUE(h.service("web1", "SSH").comments.empty());
}

TEST(Acknowledgements, ExpiringAcksExpire) {
    Harness h(shard());
    h.advance(1);
    h.check("web1", "HTTP", 2);
    h.command("ACKNOWLEDGE_SVC_PROBLEM_EXPIRE;web1;HTTP;2;0;0;" +
              std::to_string(static_cast<long long>(h.now() + 120)) + ";alice;for two minutes");
    h.set_result("web1", "HTTP", 2);
    h.advance(100);
    EXPECT_TRUE(h.service("web1", "HTTP").problem_has_been_acknowledged);
    h.advance(30);
    EXPECT_FALSE(h.service("web1", "HTTP").problem_has_been_acknowledged);
}

TEST(Acknowledgements, NothingToAcknowledgeOnAnOkService) {
    Harness h(shard());
    h.advance(1);
    h.check("web1", "HTTP", 0);
    auto outcome = h.try_command("ACKNOWLEDGE_SVC_PROBLEM;web1;HTTP;1;1;1;alice;why");
    EXPECT_EQ(outcome.status, CommandOutcome::Status::rejected);
    EXPECT_FALSE(h.service("web1", "HTTP").problem_has_been_acknowledged);
    EXPECT_TRUE(h.service("web1", "HTTP").comments.empty());
    EXPECT_TRUE(h.notifications().empty());
}

TEST(Acknowledgements, AckedProblemsAreNotRenotifiedUntilRemoved) {
    Harness h(shard());
    h.advance(1);
    h.set_result("web1", "HTTP", 2);
    h.check("web1", "HTTP", 2);
    h.advance(1);
    EXPECT_EQ(h.notifications().size(), 1u);
    h.command("ACKNOWLEDGE_SVC_PROBLEM;web1;HTTP;1;0;1;alice;ok");
    h.advance(2 * 3600, 60);
    EXPECT_TRUE(h.notifications().empty());
    h.command("REMOVE_SVC_ACKNOWLEDGEMENT;web1;HTTP");
    h.advance(3600, 60);
    EXPECT_EQ(h.notifications().size(), 1u);
}

TEST(Comments, AddedWithUniqueIdsAndDeleted) {
    Harness h(shard());
    h.advance(1);
    h.command("ADD_HOST_COMMENT;web1;1;alice;rack moved");
    h.command("ADD_SVC_COMMENT;web1;HTTP;0;bob;new certificate; due friday");
    h.command("ADD_SVC_COMMENT;web1;SSH;1;bob;port 2222");
    const auto& host_comments = h.host("web1").comments;
    const auto& http = h.service("web1", "HTTP").comments;
    ASSERT_EQ(host_comments.size(), 1u);
    ASSERT_EQ(http.size(), 1u);
    EXPECT_EQ(http[0].comment, "new certificate; due friday");
    EXPECT_EQ(http[0].entry_type, model::CommentEntryType::user);
    EXPECT_EQ(http[0].source, model::CommentSource::external);
    EXPECT_FALSE(http[0].persistent);
    EXPECT_NE(host_comments[0].id, http[0].id);
    EXPECT_NE(http[0].id, h.service("web1", "SSH").comments[0].id);

    auto wrong_kind = h.try_command("DEL_HOST_COMMENT;" + std::to_string(http[0].id));
    EXPECT_EQ(wrong_kind.status, CommandOutcome::Status::rejected);
    EXPECT_EQ(http.size(), 1u);
    auto elsewhere = h.try_command("DEL_SVC_COMMENT;9999");
    EXPECT_EQ(elsewhere.status, CommandOutcome::Status::not_here);
    h.command("DEL_SVC_COMMENT;" + std::to_string(http[0].id));
    EXPECT_TRUE(http.empty());
    h.command("DEL_ALL_HOST_COMMENTS;web1");
    EXPECT_TRUE(host_comments.empty());
    h.command("DEL_ALL_SVC_COMMENTS;web1;SSH");
    EXPECT_TRUE(h.service("web1", "SSH").comments.empty());
}

}  // namespace
}  // namespace yagura::engine::test
