#include "crawler/extract/html_document.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sinmun {
namespace {

std::unique_ptr<HtmlDocument> MustParse(const std::string& html) {
  Result<std::unique_ptr<HtmlDocument>> doc = HtmlDocument::Parse(html);
  EXPECT_TRUE(doc.ok()) << doc.status().ToString();
  return doc.ok() ? std::move(doc).value() : nullptr;
}

std::vector<std::string> Texts(const std::vector<Segment>& segments) {
  std::vector<std::string> out;
  for (const Segment& s : segments) out.push_back(s.item ? "<" + std::string(HtmlDocument::Name(s.item)) + ">" : s.text);
  return out;
}

TEST(HtmlDocumentTest, EmptyAndOversizedInputAreRefused) {
  Result<std::unique_ptr<HtmlDocument>> empty = HtmlDocument::Parse("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().message(), "empty input");

  std::string big(HtmlDocument::kMaxInputBytes + 1, 'a');
  Result<std::unique_ptr<HtmlDocument>> too_big = HtmlDocument::Parse(big);
  ASSERT_FALSE(too_big.ok());
  EXPECT_EQ(too_big.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(too_big.status().message().rfind("page too large: ", 0), 0u);
}

TEST(HtmlDocumentTest, SelectAttrAndClass) {
  auto doc = MustParse(
      "<html><body><div class=' a  article_view b'><p id=x data-v='1&amp;2'>t</p></div>"
      "<div class='article_viewer'></div></body></html>");
  ASSERT_TRUE(doc);
  std::vector<HtmlNode> divs = doc->Select("//div");
  ASSERT_EQ(divs.size(), 2u);
  EXPECT_TRUE(HtmlDocument::HasClass(divs[0], "article_view"));
  EXPECT_FALSE(HtmlDocument::HasClass(divs[1], "article_view"));
  HtmlNode p = doc->ElementById("x");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(HtmlDocument::Name(p), "p");
  EXPECT_EQ(HtmlDocument::Attr(p, "data-v"), "1&2");
  EXPECT_EQ(HtmlDocument::Attr(p, "missing"), "");
  EXPECT_FALSE(HtmlDocument::HasAttr(p, "missing"));
  EXPECT_EQ(HtmlDocument::Parent(p), divs[0]);
  EXPECT_EQ(doc->ElementById("nope"), nullptr);
  EXPECT_TRUE(doc->Select("//*[").empty());  // malformed XPath: nothing, no crash
  EXPECT_EQ(doc->SelectFirst("//span"), nullptr);
}

TEST(HtmlDocumentTest, MetaByPropertyOrName) {
  auto doc = MustParse(
      "<html><head><meta property='og:title' content=' 제목  하나 '>"
      "<meta name='author' content='홍길동'><meta property='og:url' content=''></head></html>");
  ASSERT_TRUE(doc);
  EXPECT_EQ(doc->Meta("og:title"), "제목 하나");
  EXPECT_EQ(doc->Meta("author"), "홍길동");
  EXPECT_EQ(doc->Meta("og:url"), "");
  EXPECT_EQ(doc->Meta("og:type"), "");
}

TEST(HtmlDocumentTest, TextSkipsScriptsAndNormalises) {
  auto doc = MustParse(
      "<div id=d>가<b>나</b>&nbsp;다<script>var x='숨김';</script><!-- 주석 -->"
      "<style>p{}</style><br>라\xE2\x80\x8B마</div>");
  ASSERT_TRUE(doc);
  EXPECT_EQ(HtmlDocument::Text(doc->ElementById("d")), "가나 다 라마");
  EXPECT_EQ(HtmlDocument::Text(nullptr), "");
}

TEST(HtmlDocumentTest, SegmentsSplitOnBrRunsAndBlocks) {
  auto doc = MustParse(
      "<article id=a>하나<br>둘<br><br><br>셋 <i>이어짐</i><div>넷</div>다섯"
      "<span class=photo><img src=x.jpg><em>설명</em></span>"
      "<br><a href=/p>광고 링크</a><br><a href=/q>링크</a> 와 글<br><span class=skip>건너뜀</span>끝</article>");
  ASSERT_TRUE(doc);
  std::vector<Segment> segs =
      HtmlDocument::Segments(doc->ElementById("a"), [](HtmlNode n) {
        if (HtmlDocument::HasClass(n, "photo")) return NodeAction::kItem;
        if (HtmlDocument::HasClass(n, "skip")) return NodeAction::kSkip;
        return NodeAction::kDescend;
      });
  EXPECT_EQ(Texts(segs), (std::vector<std::string>{"하나", "둘", "셋 이어짐", "넷", "다섯",
                                                   "<span>", "광고 링크", "링크 와 글", "끝"}));
  ASSERT_EQ(segs.size(), 9u);
  EXPECT_TRUE(segs[6].link_only);
  EXPECT_FALSE(segs[7].link_only);
  EXPECT_FALSE(segs[0].link_only);
}

TEST(HtmlDocumentTest, ResolveUrl) {
  EXPECT_EQ(ResolveUrl("/images/a.jpg", "https://www.outlet.example/arti/1.html"),
            "https://www.outlet.example/images/a.jpg");
  EXPECT_EQ(ResolveUrl("//kakaotv.daum.net/embed?x=1", "https://v.daum.net/v/1"),
            "https://kakaotv.daum.net/embed?x=1");
  EXPECT_EQ(ResolveUrl("b.jpg", "https://h.example/dir/page"), "https://h.example/dir/b.jpg");
  EXPECT_EQ(ResolveUrl(" https://abs.example/x ", "https://h.example/"), "https://abs.example/x");
  EXPECT_EQ(ResolveUrl("a.jpg", ""), "a.jpg");
  EXPECT_EQ(ResolveUrl("", "https://h.example/"), "");
}

}  // namespace
}  // namespace sinmun
