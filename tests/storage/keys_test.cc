#include "storage/keys.h"

#include <gtest/gtest.h>

namespace sinmun::storage_keys {
namespace {

TEST(KeysTest, VersionKeysSortNumerically) {
  EXPECT_LT(VersionKey("daum:1", 2), VersionKey("daum:1", 10));
  EXPECT_LT(VersionKey("daum:1", 255), VersionKey("daum:1", 256));
  // "id 0x00" keeps one article's keys apart from a longer id with the same start.
  EXPECT_LT(VersionKey("daum:1", 0xFFFFFFFF), VersionKey("daum:10", 1));
  auto parsed = ParseVersionKey(VersionKey("naver:001:0000000001", 300));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->id, "naver:001:0000000001");
  EXPECT_EQ(parsed->number, 300u);
  EXPECT_FALSE(ParseVersionKey("short"));
}

TEST(KeysTest, TimesSortAndRoundTrip) {
  Instant before_epoch{std::chrono::seconds(-5)};
  Instant t{std::chrono::seconds(1774097005)};
  EXPECT_LT(ByTimeKey(before_epoch, "b"), ByTimeKey(t, "a"));
  auto e = ParseByTimeKey(ByTimeKey(t, "daum:20260321214325415"));
  ASSERT_TRUE(e);
  EXPECT_EQ(e->first_seen, t);
  EXPECT_EQ(e->id, "daum:20260321214325415");
  EXPECT_EQ(TimeFromKey(TimeKey(before_epoch)), before_epoch);
}

}  // namespace
}  // namespace sinmun::storage_keys
