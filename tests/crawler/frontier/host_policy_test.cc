#include "crawler/frontier/host_policy.h"

#include <gtest/gtest.h>

#include "common/clock.h"

namespace sinmun {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::seconds;

const Instant kStart = Instant(seconds(1'790'000'000));

FetchResult WithStatus(int status) {
  FetchResult r;
  r.http_status = status;
  return r;
}

FetchResult TimedOut() {
  FetchResult r;
  r.timed_out = true;
  r.error = Status::IOError("timeout after 30 s");
  return r;
}

HostPolicyOptions NoJitter() {
  HostPolicyOptions o;
  o.per_host_interval = milliseconds(1000);
  o.max_per_host = 2;
  o.backoff_base = seconds(30);
  o.backoff_max = hours(1);
  o.jitter = 0;
  return o;
}

TEST(HostPolicyTest, UnknownHostMayStart) {
  HostPolicy p(NoJitter(), 1);
  FakeClock clock(kStart);
  EXPECT_TRUE(p.MayStart("a.example", clock.Monotonic()));
  EXPECT_EQ(p.NextAllowed("a.example"), MonoTime{});
}

TEST(HostPolicyTest, IntervalBetweenStartsWithMillisecondPrecision) {
  HostPolicy p(NoJitter(), 1);
  FakeClock clock(kStart);
  clock.AdvanceMs(milliseconds(999));
  p.OnStart("a", clock.Monotonic());
  EXPECT_EQ(p.NextAllowed("a"), clock.Monotonic() + milliseconds(1000));
  clock.AdvanceMs(milliseconds(1));  // the next whole second: still too early
  EXPECT_FALSE(p.MayStart("a", clock.Monotonic()));
  EXPECT_TRUE(p.MayStart("b", clock.Monotonic()));  // other hosts are independent
  clock.AdvanceMs(milliseconds(998));
  EXPECT_FALSE(p.MayStart("a", clock.Monotonic()));
  clock.AdvanceMs(milliseconds(1));
  EXPECT_TRUE(p.MayStart("a", clock.Monotonic()));
}

TEST(HostPolicyTest, CrawlDelayWidensIntervalButNeverNarrows) {
  HostPolicy p(NoJitter(), 1);
  FakeClock clock(kStart);
  p.SetCrawlDelay("a", milliseconds(5000));
  p.SetCrawlDelay("b", milliseconds(200));
  p.OnStart("a", clock.Monotonic());
  p.OnStart("b", clock.Monotonic());
  p.OnFinish("a", clock.Monotonic(), WithStatus(200));
  p.OnFinish("b", clock.Monotonic(), WithStatus(200));
  clock.Advance(seconds(1));
  EXPECT_FALSE(p.MayStart("a", clock.Monotonic()));
  EXPECT_TRUE(p.MayStart("b", clock.Monotonic()));
  clock.Advance(seconds(4));
  EXPECT_TRUE(p.MayStart("a", clock.Monotonic()));
  p.SetCrawlDelay("a", std::nullopt);
  EXPECT_EQ(p.Stats("a").crawl_delay, std::nullopt);
}

TEST(HostPolicyTest, ConcurrencyCap) {
  HostPolicyOptions o = NoJitter();
  o.per_host_interval = milliseconds(0);
  HostPolicy p(o, 1);
  FakeClock clock(kStart);
  p.OnStart("a", clock.Monotonic());
  EXPECT_TRUE(p.MayStart("a", clock.Monotonic()));
  p.OnStart("a", clock.Monotonic());
  EXPECT_EQ(p.Stats("a").in_flight, 2);
  EXPECT_FALSE(p.MayStart("a", clock.Monotonic()));
  clock.Advance(hours(1));
  EXPECT_FALSE(p.MayStart("a", clock.Monotonic()));  // time alone does not free a slot
  p.OnFinish("a", clock.Monotonic(), WithStatus(200));
  EXPECT_TRUE(p.MayStart("a", clock.Monotonic()));
}

TEST(HostPolicyTest, BackoffDoublesAndCaps) {
  HostPolicy p(NoJitter(), 1);
  FakeClock clock(kStart);
  const milliseconds expected[] = {seconds(30),  seconds(60),   seconds(120), seconds(240),
                                   seconds(480), seconds(960),  seconds(1920), hours(1),
                                   hours(1),     hours(1)};
  for (const milliseconds want : expected) {
    clock.Advance(hours(2));  // past any backoff
    p.OnStart("a", clock.Monotonic());
    p.OnFinish("a", clock.Monotonic(), WithStatus(503));
    EXPECT_EQ(p.Stats("a").backoff, want);
    EXPECT_EQ(p.NextAllowed("a"), clock.Monotonic() + want);
    EXPECT_FALSE(p.MayStart("a", clock.Monotonic() + want - milliseconds(1)));
    EXPECT_TRUE(p.MayStart("a", clock.Monotonic() + want));
  }
  EXPECT_EQ(p.Stats("a").consecutive_failures, 10);
  EXPECT_EQ(p.HostsInBackoff(clock.Monotonic()), 1u);
}

TEST(HostPolicyTest, SignalsThatBackOff) {
  HostPolicy p(NoJitter(), 1);
  FakeClock clock(kStart);
  for (const int status : {429, 502, 503, 504}) {
    const std::string host = "h" + std::to_string(status);
    p.OnStart(host, clock.Monotonic());
    p.OnFinish(host, clock.Monotonic(), WithStatus(status));
    EXPECT_EQ(p.Stats(host).consecutive_failures, 1) << status;
  }
  p.OnStart("t", clock.Monotonic());
  p.OnFinish("t", clock.Monotonic(), TimedOut());
  EXPECT_EQ(p.Stats("t").consecutive_failures, 1);

  FetchResult refused;
  refused.http_status = 0;
  refused.error = Status::IOError("Connection refused");
  EXPECT_TRUE(IsBackoffSignal(refused));
  for (const int status : {200, 301, 304, 403, 404, 410}) {
    EXPECT_FALSE(IsBackoffSignal(WithStatus(status))) << status;
  }
  for (const int status : {429, 500, 502, 503, 504, 599}) {  // the host's trouble, not the URL's
    EXPECT_TRUE(IsBackoffSignal(WithStatus(status))) << status;
  }
  FetchResult too_large;
  too_large.error = Status::Unsupported("too large");
  EXPECT_FALSE(IsBackoffSignal(too_large));
}

TEST(HostPolicyTest, JitterStaysWithinBounds) {
  HostPolicyOptions o = NoJitter();
  o.jitter = 0.5;
  HostPolicy p(o, 42);
  FakeClock clock(kStart);
  bool saw_above_base = false;
  for (int i = 0; i < 200; ++i) {
    const std::string host = "h" + std::to_string(i);
    p.OnStart(host, clock.Monotonic());
    p.OnFinish(host, clock.Monotonic(), WithStatus(429));
    const milliseconds d = p.Stats(host).backoff;
    EXPECT_GE(d, milliseconds(seconds(30)));
    EXPECT_LE(d, milliseconds(seconds(45)));
    if (d > milliseconds(seconds(31))) saw_above_base = true;
  }
  EXPECT_TRUE(saw_above_base) << "jitter never moved the delay";
}

TEST(HostPolicyTest, JitterIsReproducibleFromSeed) {
  HostPolicyOptions o = NoJitter();
  o.jitter = 0.5;
  HostPolicy a(o, 7), b(o, 7);
  FakeClock clock(kStart);
  for (HostPolicy* p : {&a, &b}) {
    p->OnStart("x", clock.Monotonic());
    p->OnFinish("x", clock.Monotonic(), WithStatus(503));
  }
  EXPECT_EQ(a.Stats("x").backoff, b.Stats("x").backoff);
}

TEST(HostPolicyTest, JitteredDelayStillCapped) {
  HostPolicyOptions o = NoJitter();
  o.jitter = 1.0;
  o.backoff_base = seconds(50);
  o.backoff_max = seconds(60);
  HostPolicy p(o, 3);
  FakeClock clock(kStart);
  for (int i = 0; i < 20; ++i) {
    p.OnStart("a", clock.Monotonic());
    p.OnFinish("a", clock.Monotonic(), WithStatus(503));
    EXPECT_LE(p.Stats("a").backoff, milliseconds(seconds(60)));
  }
}

TEST(HostPolicyTest, RetryAfterOverridesShorterBackoff) {
  HostPolicy p(NoJitter(), 1);
  FakeClock clock(kStart);
  FetchResult r = WithStatus(429);
  r.retry_after = seconds(600);
  p.OnStart("a", clock.Monotonic());
  p.OnFinish("a", clock.Monotonic(), r);
  EXPECT_EQ(p.NextAllowed("a"), clock.Monotonic() + seconds(600));

  // Shorter than the computed backoff: the backoff stands.
  FetchResult short_ra = WithStatus(503);
  short_ra.retry_after = seconds(1);
  p.OnStart("b", clock.Monotonic());
  p.OnFinish("b", clock.Monotonic(), short_ra);
  EXPECT_EQ(p.NextAllowed("b"), clock.Monotonic() + seconds(30));
}

TEST(HostPolicyTest, RetryAfterIsCapped) {
  HostPolicyOptions o = NoJitter();
  o.max_retry_after = hours(6);
  HostPolicy p(o, 1);
  FakeClock clock(kStart);
  FetchResult r = WithStatus(503);
  r.retry_after = seconds(1'000'000'000);
  p.OnStart("a", clock.Monotonic());
  p.OnFinish("a", clock.Monotonic(), r);
  EXPECT_EQ(p.NextAllowed("a"), clock.Monotonic() + hours(6));
}

TEST(HostPolicyTest, SuccessResets) {
  HostPolicy p(NoJitter(), 1);
  FakeClock clock(kStart);
  for (int i = 0; i < 3; ++i) {
    p.OnStart("a", clock.Monotonic());
    p.OnFinish("a", clock.Monotonic(), WithStatus(503));
  }
  EXPECT_EQ(p.Stats("a").consecutive_failures, 3);
  // A fetch the caller forces through (e.g. user-requested) succeeds.
  p.OnStart("a", clock.Monotonic());
  p.OnFinish("a", clock.Monotonic(), WithStatus(200));
  const HostStats s = p.Stats("a");
  EXPECT_EQ(s.consecutive_failures, 0);
  EXPECT_EQ(s.backoff, milliseconds(0));
  EXPECT_EQ(p.HostsInBackoff(clock.Monotonic()), 0u);
  EXPECT_EQ(p.NextAllowed("a"), clock.Monotonic() + milliseconds(1000));  // interval only
  // And the next failure starts from the base again.
  clock.Advance(seconds(5));
  p.OnStart("a", clock.Monotonic());
  p.OnFinish("a", clock.Monotonic(), WithStatus(503));
  EXPECT_EQ(p.Stats("a").backoff, milliseconds(seconds(30)));
}

TEST(HostPolicyTest, PruneForgetsOnlyIdleHealthyHosts) {
  HostPolicy p(NoJitter(), 1);
  FakeClock clock(kStart);
  p.OnStart("idle", clock.Monotonic());
  p.OnFinish("idle", clock.Monotonic(), WithStatus(200));
  p.OnStart("busy", clock.Monotonic());
  p.OnStart("sick", clock.Monotonic());
  p.OnFinish("sick", clock.Monotonic(), WithStatus(503));
  clock.Advance(hours(2));
  p.Prune(clock.Monotonic(), hours(1));
  EXPECT_EQ(p.size(), 2u);
  EXPECT_EQ(p.Stats("busy").in_flight, 1);
  EXPECT_EQ(p.Stats("sick").consecutive_failures, 1);
}

}  // namespace
}  // namespace sinmun
