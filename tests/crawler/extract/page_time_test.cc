#include "crawler/extract/page_time.h"

#include <gtest/gtest.h>

namespace sinmun {
namespace {

std::string Kst(std::string_view text) {
  auto t = ParsePageTime(text);
  return t ? FormatRfc3339Kst(*t) : "nullopt";
}

TEST(PageTimeTest, NaverDisplayForm) {
  EXPECT_EQ(Kst("2026.03.21. 오후 9:43"), "2026-03-21T21:43:00+09:00");
  EXPECT_EQ(Kst("2026.03.21. 오전 9:43"), "2026-03-21T09:43:00+09:00");
  EXPECT_EQ(Kst("2026.03.21. 오후 12:05"), "2026-03-21T12:05:00+09:00");
  EXPECT_EQ(Kst("2026.03.21. 오전 12:05"), "2026-03-21T00:05:00+09:00");
}

TEST(PageTimeTest, LabelsAreSkipped) {
  EXPECT_EQ(Kst("기사입력 2017.05.12. 오후 02:09"), "2017-05-12T14:09:00+09:00");
  EXPECT_EQ(Kst("최종수정 2017.05.12. 오후 02:09"), "2017-05-12T14:09:00+09:00");
  EXPECT_EQ(Kst("입력 2026. 3. 21. 21:43"), "2026-03-21T21:43:00+09:00");
}

TEST(PageTimeTest, DaumDisplayForm) {
  EXPECT_EQ(Kst("2026. 3. 21. 21:43"), "2026-03-21T21:43:00+09:00");
}

TEST(PageTimeTest, FormsOfParseTime) {
  EXPECT_EQ(Kst("20260321214325"), "2026-03-21T21:43:25+09:00");
  EXPECT_EQ(Kst("2026-03-21 19:42:57"), "2026-03-21T19:42:57+09:00");
  EXPECT_EQ(Kst("2026-03-25T09:30:00+09:00"), "2026-03-25T09:30:00+09:00");
}

TEST(PageTimeTest, OutletForms) {
  // 매일경제 "입력 : 2025-05-28 18:21:46", KBS "입력 2026.01.06 (17:45)", 한국일보
  // "2026.01.29 18:40", 뉴스타파 "2025년 12월 26일 15시 12분", TV조선 "오후 17:25".
  EXPECT_EQ(Kst("입력 : 2025-05-28 18:21:46"), "2025-05-28T18:21:46+09:00");
  EXPECT_EQ(Kst("입력 2026.01.06 (17:45)"), "2026-01-06T17:45:00+09:00");
  EXPECT_EQ(Kst("2026.01.29 18:40"), "2026-01-29T18:40:00+09:00");
  EXPECT_EQ(Kst("2025년 12월 26일 15시 12분"), "2025-12-26T15:12:00+09:00");
  EXPECT_EQ(Kst("등록: 2026.01.06 오후 17:25"), "2026-01-06T17:25:00+09:00");
  EXPECT_EQ(Kst("2026.01.06(화) 09:05"), "2026-01-06T09:05:00+09:00");
  EXPECT_EQ(Kst("승인 2026.01.06 09:05"), "2026-01-06T09:05:00+09:00");
}

TEST(PageTimeTest, Rejects) {
  EXPECT_EQ(Kst(""), "nullopt");
  EXPECT_EQ(Kst("오후"), "nullopt");
  EXPECT_EQ(Kst("2026.13.21. 오후 9:43"), "nullopt");
  EXPECT_EQ(Kst("2026.03.21. 오후 24:43"), "nullopt");
  EXPECT_EQ(Kst("2026.03.21. 오전 13:43"), "nullopt");
  EXPECT_EQ(Kst("2026.03.21. 오후"), "nullopt");
  EXPECT_EQ(Kst("21.03.2026"), "nullopt");
  EXPECT_EQ(Kst("123456.03.21"), "nullopt");
}

}  // namespace
}  // namespace sinmun
