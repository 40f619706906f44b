// /healthz's model (daemon/health.h): named conditions and probes -> state, reasons, status.
#include "daemon/health.h"

#include <gtest/gtest.h>

namespace sinmun {
namespace {

TEST(HealthTest, NothingHoldingIsOk) {
  Health health;
  HealthReport r = health.Report();
  EXPECT_EQ(r.state, HealthState::kOk);
  EXPECT_EQ(r.http_status(), 200);
  EXPECT_EQ(r.Body(), "ok\n");
}

TEST(HealthTest, TheWorstConditionDecidesAndEveryReasonIsListed) {
  Health health;
  health.Set("sources", HealthState::kDegraded, "2 of 5 sources failing");
  HealthReport r = health.Report();
  EXPECT_EQ(r.state, HealthState::kDegraded);
  EXPECT_EQ(r.http_status(), 200);
  EXPECT_EQ(r.Body(), "degraded\nsources: 2 of 5 sources failing\n");

  health.Set("archive", HealthState::kUnhealthy, "not writable (no space left)");
  health.Set("index", HealthState::kDegraded, "120 versions not indexed yet");
  r = health.Report();
  EXPECT_EQ(r.state, HealthState::kUnhealthy);
  EXPECT_EQ(r.http_status(), 503);
  EXPECT_EQ(r.Body(),
            "unhealthy\n"
            "archive: not writable (no space left)\n"
            "index: 120 versions not indexed yet\n"
            "sources: 2 of 5 sources failing\n");

  health.Clear("archive");
  health.Set("index", HealthState::kOk, "");
  r = health.Report();
  EXPECT_EQ(r.state, HealthState::kDegraded);
  ASSERT_EQ(r.reasons.size(), 1u);
  EXPECT_EQ(r.reasons[0].first, "sources");
}

TEST(HealthTest, ProbesAreAskedAtEachReport) {
  Health health;
  bool stalled = false;
  health.AddProbe("loop", [&]() -> std::optional<HealthCondition> {
    if (!stalled) return std::nullopt;
    return HealthCondition{HealthState::kUnhealthy, "stalled: no turn of the loop for 31 s"};
  });
  EXPECT_EQ(health.Report().state, HealthState::kOk);
  stalled = true;
  HealthReport r = health.Report();
  EXPECT_EQ(r.http_status(), 503);
  EXPECT_EQ(r.Body(), "unhealthy\nloop: stalled: no turn of the loop for 31 s\n");
  stalled = false;
  EXPECT_EQ(health.Report().Body(), "ok\n");
}

TEST(HealthTest, StateNames) {
  EXPECT_EQ(HealthStateName(HealthState::kOk), "ok");
  EXPECT_EQ(HealthStateName(HealthState::kDegraded), "degraded");
  EXPECT_EQ(HealthStateName(HealthState::kUnhealthy), "unhealthy");
}

}  // namespace
}  // namespace sinmun
