#include "crawler/http/robots_cache.h"

#include <gtest/gtest.h>

namespace sinmun {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using State = RobotsCache::State;

const std::string kOrigin = "https://news.example";

FetchResult Answer(int status, std::string body = "") {
  FetchResult r;
  r.http_status = status;
  r.body = std::move(body);
  return r;
}

FetchResult NetworkFailure() {
  FetchResult r;
  r.error = Status::IOError("Could not resolve host");
  return r;
}

class RobotsCacheTest : public ::testing::Test {
 protected:
  FakeClock clock_{Instant(seconds(1'790'000'000))};
  RobotsCache cache_;
};

TEST_F(RobotsCacheTest, UnknownOriginNeedsFetchThenFetching) {
  EXPECT_EQ(cache_.Find(kOrigin, clock_.NowMs()).state, State::kNeedFetch);
  cache_.MarkFetching(kOrigin);
  const auto l = cache_.Find(kOrigin, clock_.NowMs());
  EXPECT_EQ(l.state, State::kFetching);
  EXPECT_EQ(l.rules, nullptr);
}

TEST_F(RobotsCacheTest, SuccessGivesParsedRulesFor24Hours) {
  cache_.MarkFetching(kOrigin);
  cache_.OnFetched(kOrigin, Answer(200, "User-agent: *\nDisallow: /private\n"), clock_.NowMs());
  auto l = cache_.Find(kOrigin, clock_.NowMs());
  ASSERT_EQ(l.state, State::kReady);
  EXPECT_FALSE(l.rules->Allowed("/private/1"));
  EXPECT_TRUE(l.rules->Allowed("/news/1"));
  clock_.Advance(hours(24) - seconds(1));
  EXPECT_EQ(cache_.Find(kOrigin, clock_.NowMs()).state, State::kReady);
  clock_.Advance(seconds(1));
  EXPECT_EQ(cache_.Find(kOrigin, clock_.NowMs()).state, State::kNeedFetch);
  // While the refresh runs, the old rules stay in force.
  cache_.MarkFetching(kOrigin);
  l = cache_.Find(kOrigin, clock_.NowMs());
  ASSERT_EQ(l.state, State::kReady);
  EXPECT_FALSE(l.rules->Allowed("/private/1"));
}

TEST_F(RobotsCacheTest, ClientErrorsMeanAllowAll) {
  for (const int status : {401, 403, 404, 410}) {
    const std::string origin = kOrigin + "/" + std::to_string(status);
    cache_.OnFetched(origin, Answer(status, "User-agent: *\nDisallow: /\n"), clock_.NowMs());
    const auto l = cache_.Find(origin, clock_.NowMs());
    ASSERT_EQ(l.state, State::kReady) << status;
    EXPECT_TRUE(l.rules->Allowed("/anything")) << status;
  }
}

TEST_F(RobotsCacheTest, ServerErrorOrNetworkFailureMeansWait) {
  for (const FetchResult& r : {Answer(500), Answer(503), Answer(429), NetworkFailure()}) {
    RobotsCache cache;
    cache.MarkFetching(kOrigin);
    cache.OnFetched(kOrigin, r, clock_.NowMs());
    const auto l = cache.Find(kOrigin, clock_.NowMs());
    ASSERT_EQ(l.state, State::kReady);
    EXPECT_FALSE(l.rules->Allowed("/news/1"));
    // Retried after the retry interval (10 min by default).
    EXPECT_EQ(cache.Find(kOrigin, clock_.NowMs() + minutes(9)).state, State::kReady);
    EXPECT_EQ(cache.Find(kOrigin, clock_.NowMs() + minutes(10)).state, State::kNeedFetch);
  }
}

TEST_F(RobotsCacheTest, RetryAfterLengthensTheWait) {
  FetchResult r = Answer(503);
  r.retry_after = hours(2);
  cache_.OnFetched(kOrigin, r, clock_.NowMs());
  EXPECT_EQ(cache_.Find(kOrigin, clock_.NowMs() + hours(1)).state, State::kReady);
  EXPECT_EQ(cache_.Find(kOrigin, clock_.NowMs() + hours(2)).state, State::kNeedFetch);
}

TEST_F(RobotsCacheTest, UnreachableKeepsEarlierRules) {
  cache_.OnFetched(kOrigin, Answer(200, "User-agent: *\nDisallow: /x\n"), clock_.NowMs());
  clock_.Advance(hours(25));
  cache_.MarkFetching(kOrigin);
  cache_.OnFetched(kOrigin, Answer(503), clock_.NowMs());
  const auto l = cache_.Find(kOrigin, clock_.NowMs());
  ASSERT_EQ(l.state, State::kReady);
  EXPECT_TRUE(l.rules->Allowed("/news"));
  EXPECT_FALSE(l.rules->Allowed("/x"));
}

TEST_F(RobotsCacheTest, ProductTokenFromOptions) {
  RobotsCacheOptions o;
  o.product_token = "Sinmun";
  RobotsCache cache(o);
  cache.OnFetched(kOrigin, Answer(200, "User-agent: sinmun\nDisallow: /mine\n"), clock_.NowMs());
  EXPECT_FALSE(cache.Find(kOrigin, clock_.NowMs()).rules->Allowed("/mine"));
}

TEST_F(RobotsCacheTest, PruneDropsLongExpiredEntries) {
  cache_.OnFetched(kOrigin, Answer(404), clock_.NowMs());
  cache_.OnFetched("https://b.example", Answer(404), clock_.NowMs() + hours(30));
  cache_.Prune(clock_.NowMs() + hours(49));
  EXPECT_EQ(cache_.size(), 1u);
  EXPECT_EQ(cache_.Find(kOrigin, clock_.NowMs() + hours(49)).state, State::kNeedFetch);
}

}  // namespace
}  // namespace sinmun

namespace sinmun {
namespace {

TEST(RobotsKeysTest, OriginAndPath) {
  EXPECT_EQ(RobotsOrigin("https://News.Example:443/a?b#c"), "https://news.example");
  EXPECT_EQ(RobotsOrigin("http://news.example:8080/a"), "http://news.example:8080");
  EXPECT_EQ(RobotsOrigin("http://news.example:80"), "http://news.example");
  EXPECT_EQ(RobotsOrigin("ftp://news.example/"), std::nullopt);
  EXPECT_EQ(RobotsPathAndQuery("https://news.example/a/b?x=1&y=2#frag"), "/a/b?x=1&y=2");
  EXPECT_EQ(RobotsPathAndQuery("https://news.example"), "/");
}

}  // namespace
}  // namespace sinmun
