#include "crawler/http/retry_after.h"

#include <gtest/gtest.h>

namespace sinmun {
namespace {

using std::chrono::seconds;

TEST(RetryAfterTest, DeltaSeconds) {
  const Instant now(seconds(1'790'000'000));
  EXPECT_EQ(ParseRetryAfter("120", now), seconds(120));
  EXPECT_EQ(ParseRetryAfter(" 0 ", now), seconds(0));
  EXPECT_GT(ParseRetryAfter("99999999999999999999999", now).value(), seconds(1'000'000'000));
}

TEST(RetryAfterTest, HttpDateRelativeToNow) {
  const Instant now = *ParseTime("Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 08:51:37 GMT", now), seconds(120));
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 08:00:00 GMT", now), seconds(0));  // past
}

TEST(RetryAfterTest, JunkIsNothing) {
  const Instant now(seconds(1'790'000'000));
  EXPECT_EQ(ParseRetryAfter("", now), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("-5", now), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("12s", now), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("soon", now), std::nullopt);
}

}  // namespace
}  // namespace sinmun
