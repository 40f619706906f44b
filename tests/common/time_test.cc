#include "common/time.h"

#include <gtest/gtest.h>

namespace sinmun {
namespace {

// 2026-03-21T12:43:25Z, computed by hand: 20533 days from 1970-01-01 to 2026-03-21.
constexpr long long kRef = 20533LL * 86400 + 12 * 3600 + 43 * 60 + 25;

long long Unix(std::string_view s) {
  auto t = ParseTime(s);
  EXPECT_TRUE(t.has_value()) << s;
  return t ? t->time_since_epoch().count() : -1;
}

TEST(ParseTimeTest, ReadsTheFormsPagesUse) {
  EXPECT_EQ(Unix("2026-03-21T21:43:25+09:00"), kRef);
  EXPECT_EQ(Unix("2026-03-21T12:43:25Z"), kRef);
  EXPECT_EQ(Unix("2026-03-21T12:43:25.123Z"), kRef);
  EXPECT_EQ(Unix("2026-03-21 21:43:25"), kRef);  // no zone: KST
  EXPECT_EQ(Unix("2026.03.21. 21:43:25"), kRef);
  EXPECT_EQ(Unix("20260321214325"), kRef);
  EXPECT_EQ(Unix("Sat, 21 Mar 2026 12:43:25 GMT"), kRef);
  EXPECT_EQ(Unix("Sat, 21 Mar 2026 21:43:25 +0900"), kRef);
  EXPECT_EQ(Unix("21 Mar 2026 21:43:25 KST"), kRef);
  EXPECT_EQ(Unix("2026-03-21T21:43:25+0900"), kRef);
}

TEST(ParseTimeTest, ReadsKoreanForms) {
  // As Korean portals and feeds write times: KST, 오전 (AM) / 오후 (PM) on a 12-hour clock.
  EXPECT_EQ(Unix("2026.03.21. 오후 9:43"), kRef - 25);
  EXPECT_EQ(Unix("2026년 03월 21일 21:43:25"), kRef);
  EXPECT_EQ(Unix("2026-03-21 오후 9:43:17"), kRef - 8);
  EXPECT_EQ(Unix("2026-03-21 오후 9:43:25"), kRef);
  EXPECT_EQ(Unix("2026년 3월 21일 오후 9:43"), kRef - 25);
  // Midnight and noon: 오전 12 is 00, 오후 12 is 12.
  EXPECT_EQ(Unix("2026-03-21 오전 12:10"), kRef - (21 * 3600 + 33 * 60 + 25));
  EXPECT_EQ(Unix("2026-03-21 오후 12:10"), kRef - (9 * 3600 + 33 * 60 + 25));
  EXPECT_EQ(Unix("2026년 3월 21일"), kRef - (21 * 3600 + 43 * 60 + 25));
  // Daum's pages print dates with a space after each dot, and Korean text gives hours as 시.
  EXPECT_EQ(Unix("2026. 3. 21."), kRef - (21 * 3600 + 43 * 60 + 25));
  EXPECT_EQ(Unix("2026. 03. 21. 오후 9:43"), kRef - 25);
  EXPECT_EQ(Unix("2026-03-21 21시"), kRef - (43 * 60 + 25));
  EXPECT_EQ(Unix("2026. 3. 21. 21시 43분"), kRef - 25);
  EXPECT_EQ(Unix("2026년 3월 21일 오후 9시 43분 25초"), kRef);
  EXPECT_EQ(Unix("2026-03-21 오전 12시"), kRef - (21 * 3600 + 43 * 60 + 25));
  EXPECT_FALSE(ParseTime("2026-03-21 24시"));
  EXPECT_FALSE(ParseTime("2026-03-21 21시 43"));
  EXPECT_FALSE(ParseTime("2026-03-21 21시 +09:00"));
  EXPECT_FALSE(ParseTime("2026 .3 .21."));
  EXPECT_FALSE(ParseTime("2026-03-21 오후 13:00"));
  EXPECT_FALSE(ParseTime("2026-03-21 오후 0:30"));
  EXPECT_FALSE(ParseTime("2026년 03월 21 21:43"));
  EXPECT_FALSE(ParseTime("2026년 13월 21일"));
}

TEST(ParseTimeTest, RejectsNonsense) {
  EXPECT_FALSE(ParseTime(""));
  EXPECT_FALSE(ParseTime("yesterday"));
  EXPECT_FALSE(ParseTime("2026-13-01"));
  EXPECT_FALSE(ParseTime("2026-02-30 10:00"));
  EXPECT_FALSE(ParseTime("2026-03-21T25:00:00"));
  EXPECT_FALSE(ParseTime("Sat, 21 Foo 2026 12:43:25 GMT"));
  EXPECT_FALSE(ParseTime("2026-03-21T21:43:25+09:00 trailing"));
}

TEST(ParsePeriodEndTest, ADateAloneEndsAtTheEndOfItsDay) {
  // A date without a time of day, in each form ParseTime reads: 00:00 KST of the next day.
  for (const char* text : {"2026-03-21", "2026년 3월 21일", " 2026-03-21 "}) {
    std::optional<Instant> t = ParsePeriodEnd(text);
    ASSERT_TRUE(t.has_value()) << text;
    EXPECT_EQ(FormatRfc3339Kst(*t), "2026-03-22T00:00:00+09:00") << text;
  }
  // With a time of day, even midnight, it is that instant.
  EXPECT_EQ(FormatRfc3339Kst(*ParsePeriodEnd("2026-03-21T00:00:00+09:00")), "2026-03-21T00:00:00+09:00");
  EXPECT_EQ(FormatRfc3339Kst(*ParsePeriodEnd("2026-03-21 21:43")), "2026-03-21T21:43:00+09:00");
  EXPECT_EQ(FormatRfc3339Kst(*ParsePeriodEnd("20260321000000")), "2026-03-21T00:00:00+09:00");
  EXPECT_EQ(FormatRfc3339Kst(*ParsePeriodEnd("Sat, 21 Mar 2026 12:43:25 GMT")), "2026-03-21T21:43:25+09:00");
  EXPECT_EQ(FormatRfc3339Kst(*ParsePeriodEnd("2026. 3. 21.")), "2026-03-22T00:00:00+09:00");
  EXPECT_EQ(FormatRfc3339Kst(*ParsePeriodEnd("2026-03-21 21시")), "2026-03-21T21:00:00+09:00");
  EXPECT_FALSE(ParsePeriodEnd("2026-02-30").has_value());
  EXPECT_FALSE(ParsePeriodEnd("tomorrow").has_value());
}

TEST(ParsePeriodEndTest, AFractionOfASecondEndsAtTheEndOfThatSecond) {
  // ParseTime drops the fraction (the start of a period is the second it falls in) ...
  EXPECT_EQ(Unix("2026-03-21T21:43:25.5+09:00"), kRef);
  // ... and an end keeps what was stamped in that second inside the period.
  EXPECT_EQ(FormatRfc3339Kst(*ParsePeriodEnd("2026-03-21T21:43:25.5+09:00")), "2026-03-21T21:43:26+09:00");
  EXPECT_EQ(FormatRfc3339Kst(*ParsePeriodEnd("2026-03-21 21:43:25,001")), "2026-03-21T21:43:26+09:00");
  EXPECT_EQ(FormatRfc3339Kst(*ParsePeriodEnd("2026-03-21T12:43:25.000Z")), "2026-03-21T21:43:25+09:00");
  EXPECT_FALSE(ParsePeriodEnd("2026-03-21T21:43:25.+09:00").has_value());
  EXPECT_FALSE(ParsePeriodEnd("2026-03-21 21:43.5").has_value()) << "a fraction of a minute is not read";
  EXPECT_FALSE(ParseTime("2026-03-21 오후 9:43.5").has_value());
}

TEST(FormatRfc3339KstTest, PrintsKstWithOffset) {
  EXPECT_EQ(FormatRfc3339Kst(Instant(std::chrono::seconds(kRef))), "2026-03-21T21:43:25+09:00");
  EXPECT_EQ(FormatRfc3339Kst(Instant(std::chrono::seconds(0))), "1970-01-01T09:00:00+09:00");
}

}  // namespace
}  // namespace sinmun
