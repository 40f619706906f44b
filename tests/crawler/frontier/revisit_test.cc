#include "crawler/frontier/revisit.h"

#include <gtest/gtest.h>

namespace sinmun {
namespace {

using std::chrono::seconds;
const std::vector<seconds> kLadder = {seconds(300), seconds(900), seconds(3600)};
Instant At(long long s) { return Instant(seconds(s)); }

TEST(RevisitTest, ClimbsTheLadderThenStops) {
  Task t;
  t.url = "http://a/1";
  std::optional<Task> n = NextArticleVisit(t, At(1000), kLadder);
  ASSERT_TRUE(n);
  EXPECT_EQ(n->due, At(1300));
  EXPECT_EQ(n->step, 1u);
  n = NextArticleVisit(*n, At(1300), kLadder);
  EXPECT_EQ(n->due, At(2200));
  n = NextArticleVisit(*n, At(2200), kLadder);
  EXPECT_EQ(n->due, At(5800));
  EXPECT_EQ(n->step, 3u);
  EXPECT_FALSE(NextArticleVisit(*n, At(5800), kLadder));
}

TEST(RevisitTest, FailuresBackOffThenMoveOn) {
  Task t;
  t.url = "http://a/1";
  t.step = 2;  // the rung is 3600 s
  std::optional<Task> r = RetryArticleVisit(t, At(0), kLadder);
  EXPECT_EQ(r->due, At(60));
  EXPECT_EQ(r->failures, 1u);
  r = RetryArticleVisit(*r, At(0), kLadder);
  EXPECT_EQ(r->due, At(120));
  r = RetryArticleVisit(*r, At(0), kLadder);
  EXPECT_EQ(r->due, At(240));
  r = RetryArticleVisit(*r, At(0), kLadder);
  EXPECT_EQ(r->due, At(480));
  EXPECT_EQ(r->failures, 4u);
  r = RetryArticleVisit(*r, At(0), kLadder);  // the fifth failure: the rung is given up
  EXPECT_EQ(r->step, 3u);
  EXPECT_EQ(r->failures, 0u);
  EXPECT_EQ(r->due, At(3600));
}

TEST(RevisitTest, SourcePollsJitterWithinTenPercent) {
  std::mt19937_64 rng(42);
  Task s;
  s.kind = TaskKind::kSource;
  s.url = "http://a/list";
  long long min = 1'000'000, max = 0;
  for (int i = 0; i < 1000; ++i) {
    long long d = NextSourcePoll(s, At(0), seconds(120), rng).due.time_since_epoch().count();
    min = std::min(min, d);
    max = std::max(max, d);
  }
  EXPECT_GE(min, 108);
  EXPECT_LE(max, 132);
  EXPECT_LT(min, 112);  // the spread is used, not a constant
  EXPECT_GT(max, 128);
}

}  // namespace
}  // namespace sinmun
