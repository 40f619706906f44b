#include "crawler/extract/main_content.h"

#include <gtest/gtest.h>

namespace sinmun {
namespace {

std::vector<std::string> Ids(const HtmlDocument& doc, const MainContent& m) {
  std::vector<std::string> out;
  for (HtmlNode n : m.roots) out.push_back(HtmlDocument::Attr(n, "id"));
  (void)doc;
  return out;
}

const std::string kSentence = "이 문장은 본문 한 문단의 길이를 가진다. 본문을 찾는 셈에서 한 문단으로 센다.";

TEST(MainContentTest, TextInBrRunsCountsForItsContainer) {
  auto doc = HtmlDocument::Parse(
      "<html><body><div id=nav><a href=/1>" + kSentence + "</a><a href=/2>" + kSentence + "</a></div>"
      "<div id=body>" + kSentence + "<br><br>" + kSentence + "<br><br>" + kSentence + "</div>"
      "<div id=comments class=comment-list><p>" + kSentence + kSentence + kSentence + kSentence + "</p></div>"
      "</body></html>");
  ASSERT_TRUE(doc.ok());
  MainContent m = FindMainContent(**doc);
  EXPECT_EQ(Ids(**doc, m), std::vector<std::string>{"body"});
  EXPECT_EQ(m.paragraphs, 3u);
}

TEST(MainContentTest, ParagraphsCountForTheirParentAndSiblingsSplitByAnAdJoin) {
  auto doc = HtmlDocument::Parse(
      "<html><body><article id=a><div id=part1><p>" + kSentence + "</p><p>" + kSentence + "</p></div>"
      "<div id=ad class=ad_slot><p>" + kSentence + "</p></div>"
      "<div id=part2><p>" + kSentence + "</p></div><div id=tags><a href=/t>#태그</a></div></article>"
      "<aside id=side><p>" + kSentence + kSentence + kSentence + "</p></aside></body></html>");
  ASSERT_TRUE(doc.ok());
  MainContent m = FindMainContent(**doc);
  EXPECT_EQ(Ids(**doc, m), (std::vector<std::string>{"part1", "part2"}));
}

TEST(MainContentTest, AOneLinePageStillHasItsLine) {
  auto doc = HtmlDocument::Parse("<html><body><div id=x><p>짧은 글</p></div></body></html>");
  ASSERT_TRUE(doc.ok());
  MainContent m = FindMainContent(**doc);
  EXPECT_EQ(Ids(**doc, m), std::vector<std::string>{"x"});
  EXPECT_EQ(m.paragraphs, 0u);
}

}  // namespace
}  // namespace sinmun
