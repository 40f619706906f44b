#include "crawler/extract/press_name.h"

#include <gtest/gtest.h>

#include "crawler/extract/site_table.h"

namespace sinmun {
namespace {

TEST(PressNameTest, NormalizePress) {
  const SiteTable& sites = ShippedSiteTable();
  EXPECT_EQ(NormalizePress("매일경제", &sites), "매일경제");
  EXPECT_EQ(NormalizePress("mk.co.kr", &sites), "매일경제");
  EXPECT_EQ(NormalizePress("https://www.hani.co.kr/", &sites), "한겨레");
  EXPECT_EQ(NormalizePress("Daum | YTN", &sites), "YTN");
  EXPECT_EQ(NormalizePress("뉴스1 - 빠르고 정확한 뉴스", &sites), "뉴스1");
  EXPECT_EQ(NormalizePress("뉴스", &sites), "");
  EXPECT_EQ(NormalizePress("다음뉴스", &sites), "");
  EXPECT_EQ(NormalizePress("News", &sites), "");
  EXPECT_EQ(NormalizePress("unknown.example", &sites), "");
  EXPECT_EQ(NormalizePress("가람일보", nullptr), "가람일보");
  EXPECT_EQ(NormalizePress("KBS 뉴스", nullptr), "KBS");
  EXPECT_EQ(NormalizePress("JTBC News", nullptr), "JTBC");
  EXPECT_EQ(NormalizePress("시험 신문", nullptr), "시험 신문");
  EXPECT_EQ(NormalizePress("Daum 뉴스", nullptr), "");
}

TEST(PressNameTest, PressFromTitle) {
  EXPECT_EQ(PressFromTitle("한파에 수도관 동파 신고 잇따라 | SBS 뉴스", nullptr), "SBS");
  EXPECT_EQ(PressFromTitle("제목 - 가람일보", nullptr), "가람일보");
  EXPECT_EQ(PressFromTitle("제목만 있는 페이지", nullptr), "");
  EXPECT_EQ(PressFromTitle("A - B 대결에서 이긴 쪽은 어디인가", nullptr), "");
}

TEST(PressNameTest, CleanTitle) {
  EXPECT_EQ(CleanTitle("제목입니다 - 매일경제", "매일경제", "매일경제"), "제목입니다");
  EXPECT_EQ(CleanTitle("장동혁, 한동훈 제명했지만-정치ㅣ한국일보", "한국일보", "한국일보"),
            "장동혁, 한동훈 제명했지만");
  EXPECT_EQ(CleanTitle("제목 | 사회 | 가람일보", "가람일보", ""), "제목");
  EXPECT_EQ(CleanTitle("제목 : 네이버 뉴스", "", ""), "제목 : 네이버 뉴스");
  EXPECT_EQ(CleanTitle("제목 | 네이버 뉴스", "", ""), "제목");
  EXPECT_EQ(CleanTitle("A - B 대결, 승자는", "가람일보", ""), "A - B 대결, 승자는");
  EXPECT_EQ(CleanTitle("제목 - www.garam.example", "", ""), "제목");
}

}  // namespace
}  // namespace sinmun
