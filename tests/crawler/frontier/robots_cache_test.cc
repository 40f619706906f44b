#include "crawler/frontier/robots_cache.h"

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
  EXPECT_EQ(cache_.Find(kOrigin, clock_.Monotonic()).state, State::kNeedFetch);
  cache_.MarkFetching(kOrigin);
  const auto l = cache_.Find(kOrigin, clock_.Monotonic());
  EXPECT_EQ(l.state, State::kFetching);
  EXPECT_EQ(l.rules, nullptr);
}

TEST_F(RobotsCacheTest, SuccessGivesParsedRulesFor24Hours) {
  cache_.MarkFetching(kOrigin);
  cache_.OnFetched(kOrigin, Answer(200, "User-agent: *\nDisallow: /private\n"), clock_.Monotonic());
  auto l = cache_.Find(kOrigin, clock_.Monotonic());
  ASSERT_EQ(l.state, State::kReady);
  EXPECT_FALSE(l.rules->Allowed("/private/1"));
  EXPECT_TRUE(l.rules->Allowed("/news/1"));
  clock_.Advance(hours(24) - seconds(1));
  EXPECT_EQ(cache_.Find(kOrigin, clock_.Monotonic()).state, State::kReady);
  clock_.Advance(seconds(1));
  EXPECT_EQ(cache_.Find(kOrigin, clock_.Monotonic()).state, State::kNeedFetch);
  // While the refresh runs, the old rules stay in force.
  cache_.MarkFetching(kOrigin);
  l = cache_.Find(kOrigin, clock_.Monotonic());
  ASSERT_EQ(l.state, State::kReady);
  EXPECT_FALSE(l.rules->Allowed("/private/1"));
}

TEST_F(RobotsCacheTest, ClientErrorsMeanAllowAll) {
  for (const int status : {401, 403, 404, 410}) {
    const std::string origin = kOrigin + "/" + std::to_string(status);
    cache_.OnFetched(origin, Answer(status, "User-agent: *\nDisallow: /\n"), clock_.Monotonic());
    const auto l = cache_.Find(origin, clock_.Monotonic());
    ASSERT_EQ(l.state, State::kReady) << status;
    EXPECT_TRUE(l.rules->Allowed("/anything")) << status;
  }
}

TEST_F(RobotsCacheTest, ServerErrorOrNetworkFailureMeansWait) {
  for (const FetchResult& r : {Answer(500), Answer(503), Answer(429), NetworkFailure()}) {
    RobotsCache cache;
    cache.MarkFetching(kOrigin);
    cache.OnFetched(kOrigin, r, clock_.Monotonic());
    // RFC 9309 §2.3.1.4: do not crawl *for now* — wait, refusing nothing.
    const auto l = cache.Find(kOrigin, clock_.Monotonic());
    ASSERT_EQ(l.state, State::kUnreachable);
    EXPECT_EQ(l.rules, nullptr);
    EXPECT_EQ(l.error, RobotsFailure(r));
    EXPECT_EQ(l.until, clock_.Monotonic() + minutes(10));
    // Retried after the retry interval (10 min by default).
    EXPECT_EQ(cache.Find(kOrigin, clock_.Monotonic() + minutes(9)).state, State::kUnreachable);
    EXPECT_EQ(cache.Find(kOrigin, clock_.Monotonic() + minutes(10)).state, State::kNeedFetch);
  }
}

TEST_F(RobotsCacheTest, RetryAfterLengthensTheWait) {
  FetchResult r = Answer(503);
  r.retry_after = hours(2);
  cache_.OnFetched(kOrigin, r, clock_.Monotonic());
  EXPECT_EQ(cache_.Find(kOrigin, clock_.Monotonic() + hours(1)).state, State::kUnreachable);
  EXPECT_EQ(cache_.Find(kOrigin, clock_.Monotonic() + hours(2)).state, State::kNeedFetch);
}

TEST_F(RobotsCacheTest, FailuresSayWhatHappened) {
  EXPECT_EQ(RobotsFailure(Answer(503)), "HTTP 503");
  EXPECT_EQ(RobotsFailure(NetworkFailure()), "Could not resolve host");
  FetchResult refused;
  refused.error = Status::Unsupported("refused address 10.1.2.3 (not public)");
  refused.address_refused = true;
  cache_.OnFetched(kOrigin, refused, clock_.Monotonic());
  const auto l = cache_.Find(kOrigin, clock_.Monotonic());
  EXPECT_EQ(l.state, State::kAddressRefused);
  EXPECT_EQ(l.error, "refused address 10.1.2.3 (not public)");
}

TEST_F(RobotsCacheTest, UnreachableKeepsEarlierRules) {
  cache_.OnFetched(kOrigin, Answer(200, "User-agent: *\nDisallow: /x\n"), clock_.Monotonic());
  clock_.Advance(hours(25));
  cache_.MarkFetching(kOrigin);
  cache_.OnFetched(kOrigin, Answer(503), clock_.Monotonic());
  const auto l = cache_.Find(kOrigin, clock_.Monotonic());
  ASSERT_EQ(l.state, State::kReady);
  EXPECT_TRUE(l.rules->Allowed("/news"));
  EXPECT_FALSE(l.rules->Allowed("/x"));
}

TEST_F(RobotsCacheTest, ProductTokenFromOptions) {
  RobotsCacheOptions o;
  o.product_token = "Sinmun";
  RobotsCache cache(o);
  cache.OnFetched(kOrigin, Answer(200, "User-agent: sinmun\nDisallow: /mine\n"), clock_.Monotonic());
  EXPECT_FALSE(cache.Find(kOrigin, clock_.Monotonic()).rules->Allowed("/mine"));
}

TEST_F(RobotsCacheTest, PruneDropsLongExpiredEntries) {
  cache_.OnFetched(kOrigin, Answer(404), clock_.Monotonic());
  cache_.OnFetched("https://b.example", Answer(404), clock_.Monotonic() + hours(30));
  cache_.Prune(clock_.Monotonic() + hours(49));
  EXPECT_EQ(cache_.size(), 1u);
  EXPECT_EQ(cache_.Find(kOrigin, clock_.Monotonic() + hours(49)).state, State::kNeedFetch);
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
