#include "crawler/extract/json_ld.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace sinmun {
namespace {

bool Parses(const std::string& text) {
  return !nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false).is_discarded();
}

TEST(JsonLdTest, RawControlCharactersInStringsAreEscaped) {
  const std::string block = "{\"headline\": \"첫 줄\n둘째\t줄\", \"x\": 1}";
  ASSERT_FALSE(Parses(block));
  const std::string repaired = RepairJsonLd(block);
  ASSERT_TRUE(Parses(repaired)) << repaired;
  EXPECT_EQ(nlohmann::json::parse(repaired)["headline"], "첫 줄\n둘째\t줄");
}

TEST(JsonLdTest, TrailingCommasWrappersAndJsEscapesAreRepaired) {
  EXPECT_TRUE(Parses(RepairJsonLd("<!--\n{\"a\": [1, 2,], \"b\": {\"c\": 3,},}\n-->")));
  EXPECT_TRUE(Parses(RepairJsonLd("//<![CDATA[\n{\"a\": \"it\\'s\"};\n//]]>")));
  EXPECT_EQ(nlohmann::json::parse(RepairJsonLd("{\"a\": \"it\\'s\"}"))["a"], "it's");
  // A comma inside a string is text, not a trailing comma.
  EXPECT_EQ(nlohmann::json::parse(RepairJsonLd("{\"a\": \"x,}\"}"))["a"], "x,}");
}

TEST(JsonLdTest, OneRawNewlineNoLongerLosesTheBlock) {
  JsonLdArticle a = ReadJsonLdArticle({
      "{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"가\n나\","
      "\"datePublished\":\"2026-04-12T06:00:00+09:00\",\"dateModified\":\"2026-04-12T09:15:30+09:00\","
      "\"author\":{\"@type\":\"Person\",\"name\":\"홍길동 기자\"}}"});
  EXPECT_TRUE(a.found);
  EXPECT_EQ(a.headline, "가\n나");
  EXPECT_EQ(a.date_published, "2026-04-12T06:00:00+09:00");
  EXPECT_EQ(a.date_modified, "2026-04-12T09:15:30+09:00");
  EXPECT_EQ(a.authors, std::vector<std::string>{"홍길동 기자"});
  EXPECT_EQ(a.broken_blocks, 0u);
}

TEST(JsonLdTest, BlocksAreMergedAndReferencesResolved) {
  JsonLdArticle a = ReadJsonLdArticle({
      "{\"@type\":\"WebSite\",\"name\":\"사이트\"}",
      "{\"@type\":\"NewsArticle\",\"headline\":\"제목\",\"publisher\":{\"@id\":\"#org\"}}",
      "{\"@graph\":[{\"@type\":\"Organization\",\"@id\":\"#org\",\"name\":\"가람일보\"},"
      "{\"@type\":\"NewsArticle\",\"headline\":\"다른 제목\",\"datePublished\":\"2026-01-01\","
      "\"articleBody\":\"본문\"}]}",
      "not json at all"});
  EXPECT_EQ(a.headline, "제목");  // the first article object's
  EXPECT_EQ(a.publisher, "가람일보");
  EXPECT_EQ(a.date_published, "2026-01-01");  // from the second article object
  EXPECT_EQ(a.article_body, "본문");
  EXPECT_EQ(a.broken_blocks, 1u);
}

TEST(JsonLdTest, OrganizationAuthorsAreKeptApart) {
  JsonLdArticle a = ReadJsonLdArticle(
      {"[{\"@type\":[\"NewsArticle\"],\"author\":[{\"@type\":\"Organization\",\"name\":\"가람일보\"},"
       "\"나윤서\"],\"mainEntityOfPage\":{\"@id\":\"https://x.example/a\"}}]"});
  EXPECT_EQ(a.authors, std::vector<std::string>{"나윤서"});
  EXPECT_EQ(a.author_organizations, std::vector<std::string>{"가람일보"});
  EXPECT_EQ(a.url, "https://x.example/a");
}

TEST(JsonLdTest, NoArticleObject) {
  JsonLdArticle a = ReadJsonLdArticle({"{\"@type\":\"BreadcrumbList\"}", ""});
  EXPECT_FALSE(a.found);
  EXPECT_EQ(a.broken_blocks, 0u);
}


TEST(JsonLdTest, DeepNestingAndHugeBlocksAreBoundedNotFatal) {
  const std::string deep = std::string(100000, '[') + "{\"@type\":\"NewsArticle\",\"headline\":\"깊다\"}" +
                           std::string(100000, ']');
  JsonLdArticle a = ReadJsonLdArticle({deep});
  EXPECT_TRUE(a.found);
  EXPECT_EQ(a.headline, "깊다");
  JsonLdArticle big = ReadJsonLdArticle({std::string(kMaxJsonLdBlockBytes + 1, ' ')});
  EXPECT_FALSE(big.found);
  EXPECT_EQ(big.broken_blocks, 1u);
}

}  // namespace
}  // namespace sinmun
