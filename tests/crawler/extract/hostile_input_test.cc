// Outside input at its worst: every case ends in a clear error or a sane Article.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "common/text.h"
#include "crawler/extract/charset.h"
#include "crawler/extract/extractor.h"
#include "crawler/extract/html_document.h"
#include "tests/crawler/extract/test_pages.h"

namespace sinmun {
namespace {

using ::sinmun::testing::TestPage;

const char kUrl[] = "https://www.outlet.example/arti/1.html";

TEST(HostileInputTest, EmptyPage) {
  Result<Article> a = ExtractArticle(Page{"", kUrl, ""});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(a.status().message(), "empty input");
}

TEST(HostileInputTest, BinaryGarbage) {
  std::mt19937 rng(42);
  std::string bytes(1 << 16, '\0');
  for (char& c : bytes) c = static_cast<char>(rng() & 0xFF);
  Result<Article> a = ExtractArticle(Page{bytes, kUrl, ""});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(a.status().message().rfind("not a text page: ", 0), 0u) << a.status().message();
}

TEST(HostileInputTest, GarbageDecodesToValidUtf8) {
  std::mt19937 rng(7);
  for (int round = 0; round < 50; ++round) {
    std::string bytes(1 + rng() % 4096, '\0');
    for (char& c : bytes) c = static_cast<char>(rng() & 0xFF);
    if (round % 3 == 0) bytes.insert(0, "\xFF\xFE");
    Result<DecodedText> d = DecodeToUtf8(bytes, round % 2 ? "text/html; charset=euc-kr" : "");
    ASSERT_TRUE(d.ok());
    EXPECT_TRUE(IsValidUtf8(d->utf8)) << "round " << round;
  }
}

TEST(HostileInputTest, TruncatedPageKeepsWhatItHas) {
  const std::string full = TestPage("naver_current.html");
  const size_t cut = full.find("셋째 문단");
  ASSERT_NE(cut, std::string::npos);
  Result<Article> a = ExtractArticle(Page{std::string_view(full).substr(0, cut), "", ""});
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->title, "네이버 '시험' 기사");
  ASSERT_EQ(a->blocks.size(), 4u);
  EXPECT_EQ(a->blocks.back().text, "둘째 문단입니다.");
}

TEST(HostileInputTest, TruncatedInsideATag) {
  const std::string full = TestPage("daum_2026.html");
  const size_t cut = full.find("dmcf-ptype=\"h3\"") + 5;
  Result<Article> a = ExtractArticle(Page{std::string_view(full).substr(0, cut), "", ""});
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->id, "daum:20260321214325415");
  ASSERT_EQ(a->blocks.size(), 3u);  // embed, first paragraph, image
  EXPECT_EQ(a->blocks[1].text, "첫 문단입니다. & 엔티티도 풀립니다.");
}

TEST(HostileInputTest, InvalidUtf8InsideAUtf8Page) {
  std::string page = TestPage("naver_current.html");
  const size_t pos = page.find("첫 문단입니다.");
  ASSERT_NE(pos, std::string::npos);
  page.insert(pos, "\xC3\x28\xFF");  // an invalid sequence and a byte that is never UTF-8
  Result<Article> a = ExtractArticle(Page{page, "", "text/html; charset=utf-8"});
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->encoding, "UTF-8");
  ASSERT_GE(a->blocks.size(), 3u);
  EXPECT_EQ(a->blocks[2].text, "\xEF\xBF\xBD(\xEF\xBF\xBD첫 문단입니다.");
  for (const Block& b : a->blocks) EXPECT_TRUE(IsValidUtf8(b.text));
}

TEST(HostileInputTest, FiftyMegabytePage) {
  std::string page =
      "<html><head><meta property=\"og:type\" content=\"article\"><title>큰 페이지</title></head>"
      "<body><div id=\"body\">";
  const std::string paragraph = "<p>큰 페이지의 문단입니다. 같은 글이 반복됩니다.</p>\n";
  size_t paragraphs = 0;
  while (page.size() < (50u << 20)) {
    page += paragraph;
    ++paragraphs;
  }
  page += "</div></body></html>";
  Result<Article> a = ExtractArticle(Page{page, kUrl, ""});
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->title, "큰 페이지");
  EXPECT_EQ(a->blocks.size(), paragraphs);
  EXPECT_EQ(a->blocks.front().text, "큰 페이지의 문단입니다. 같은 글이 반복됩니다.");
  EXPECT_EQ(a->blocks.back().text, "큰 페이지의 문단입니다. 같은 글이 반복됩니다.");
}

TEST(HostileInputTest, PageAboveTheSizeLimitIsRefused) {
  std::string page = "<html><body><p>";
  page.append(HtmlDocument::kMaxInputBytes, 'a');
  Result<Article> a = ExtractArticle(Page{page, kUrl, ""});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message().rfind("page too large: ", 0), 0u) << a.status().message();
}

TEST(HostileInputTest, HundredThousandNestedElements) {
  std::string page = "<html><head><title>깊다</title></head><body>";
  for (int i = 0; i < 100000; ++i) page += "<div>";
  page += "<p>깊은 곳의 글</p>";
  for (int i = 0; i < 100000; ++i) page += "</div>";
  page += "</body></html>";
  Result<Article> a = ExtractArticle(Page{page, kUrl, ""});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message(), "page nests elements too deeply (limit 256 levels)");

  // Unclosed inline elements nest just the same.
  std::string spans = "<html><body>";
  for (int i = 0; i < 100000; ++i) spans += "<span><b>";
  Result<Article> b = ExtractArticle(Page{spans, kUrl, ""});
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().message(), "page nests elements too deeply (limit 256 levels)");
}

TEST(HostileInputTest, NestingBelowTheLimitIsFine) {
  std::string page =
      "<html><head><meta property=\"og:type\" content=\"article\"><title>적당히 깊다</title>"
      "</head><body>";
  for (int i = 0; i < 200; ++i) page += "<div>";
  page += "<p>깊은 곳의 글</p>";
  for (int i = 0; i < 200; ++i) page += "</div>";
  page += "</body></html>";
  Result<Article> a = ExtractArticle(Page{page, kUrl, ""});
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->title, "적당히 깊다");
  ASSERT_EQ(a->blocks.size(), 1u);
  EXPECT_EQ(a->blocks[0].text, "깊은 곳의 글");
}

TEST(HostileInputTest, TextWithoutMarkup) {
  Result<Article> a = ExtractArticle(Page{"그냥 글 한 줄", kUrl, "text/plain"});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message(), "no article found: no headline or body text");
}

}  // namespace
}  // namespace sinmun
