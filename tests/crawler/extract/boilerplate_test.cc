#include "crawler/extract/boilerplate.h"

#include <gtest/gtest.h>

namespace sinmun {
namespace {

TEST(BoilerplateTest, LinesThatAreNotArticleText) {
  for (const char* line : {"※ '당신의 제보가 뉴스가 됩니다'", "[카카오톡] YTN 검색해 채널 추가",
                           "[전화] 02-398-8585", "[메일] social@ytn.co.kr",
                           "기사 URL이 복사되었습니다.", "▶ 네이버에서 가람일보 구독하기",
                           "☞ 관련 기사 더 보기", "social@ytn.co.kr"}) {
    EXPECT_EQ(ClassifyLine(line, false), LineKind::kPrompt) << line;
  }
  for (const char* line : {"YTN 김이영 (kimyy0820@ytn.co.kr)", "홍길동 기자 hong@yna.co.kr",
                           "/홍길동 기자", "워싱턴=홍길동 특파원", "정하늘 기자 sky@nuri.example"}) {
    EXPECT_EQ(ClassifyLine(line, false), LineKind::kByline) << line;
  }
  for (const char* line : {"영상기자 : 박경태 이영재", "영상편집 : 이정욱",
                           "[영상취재 이학진 조용희 이완근 유연경 영상편집 김지훈]", "(사진=연합뉴스)",
                           "[사진 출처 = 부산시]", "그래픽=김그림 기자", "(제공=삼성전자)"}) {
    EXPECT_EQ(ClassifyLine(line, false), LineKind::kCredit) << line;
  }
  for (const char* line : {"[저작권자(c) YTN 무단전재, 재배포 및 AI 데이터 활용 금지]",
                           "<저작권자 ⓒ 가람일보, 무단 전재 및 재배포 금지>"}) {
    EXPECT_EQ(ClassifyLine(line, false), LineKind::kCopyright) << line;
  }
}

TEST(BoilerplateTest, ArticleTextStaysText) {
  for (const char* line : {"[앵커]", "[기자]", "김이영 기자!", "지금까지 서울 광화문광장에서 YTN 김이영입니다.",
                           "경찰은 시민의 제보를 받고 출동했다.", "■ 대선 후보들의 공약",
                           "김영민 기자, 지금 정확히 어디에 있습니까?",
                           "[서울=뉴시스]이현주 기자 = 삼성전자가 올해 더 강력한 인공지능(AI) 기능을 갖춘 노트북을 내놓는다.",
                           "그러면서 ▲즉각적인 계약 원안 이행 ▲지역사회 참여 보장 등을 요구했다."}) {
    EXPECT_EQ(ClassifyLine(line, false), LineKind::kText) << line;
  }
}

TEST(BoilerplateTest, TrailingEmail) {
  const std::string with = "역전을 다짐했다. /fpdlsl72556@osen.co.kr";
  EXPECT_EQ(with.substr(0, with.size() - TrailingEmail(with)), "역전을 다짐했다.");
  EXPECT_EQ(TrailingEmail("문의는 help@x.kr 로 하면 된다"), 0u);
  EXPECT_EQ(TrailingEmail("주소는 help@x.kr"), 0u);  // not after a finished sentence
}

TEST(BoilerplateTest, ElementsByWholeClassWords) {
  auto doc = HtmlDocument::Parse(
      "<html><body><div id=a class='ad_box'></div><div id=b class='sideAd'></div>"
      "<div id=c class='article-related'></div><div id=d class='head'></div>"
      "<div id=e class='thread read-more'></div><div id=f style='display: none'></div>"
      "<aside id=g></aside><div id=h class='reporter_area'></div><div id=i class='news_view'></div>"
      "<p id=j class=' article-body__content-text | text--black font--size-md-18 font--primary'></p>"
      "</body></html>");
  ASSERT_TRUE(doc.ok());
  const auto el = [&](const char* id) { return (*doc)->ElementById(id); };
  EXPECT_TRUE(BoilerplateElement(el("a")));
  EXPECT_TRUE(BoilerplateElement(el("b")));
  EXPECT_TRUE(BoilerplateElement(el("c")));
  EXPECT_FALSE(BoilerplateElement(el("d")));  // "head" is not "ad"
  EXPECT_FALSE(BoilerplateElement(el("e")));  // "thread", "read", "more"
  EXPECT_TRUE(BoilerplateElement(el("f")));
  EXPECT_TRUE(BoilerplateElement(el("g")));
  EXPECT_TRUE(BoilerplateElement(el("h")));   // inside a body only:
  EXPECT_FALSE(OutsideArticle(el("h")));      // the search for the body keeps it
  EXPECT_TRUE(OutsideArticle(el("c")));
  EXPECT_FALSE(BoilerplateElement(el("i")));
  EXPECT_FALSE(BoilerplateElement(el("j")));  // typography classes (Arc XP paragraphs)
}

TEST(BoilerplateTest, ReporterRoleWords) {
  EXPECT_TRUE(NamesReporter("홍길동 기자 hong@x.kr"));
  EXPECT_FALSE(NamesReporter("[메일] social@ytn.co.kr"));
}

}  // namespace
}  // namespace sinmun
