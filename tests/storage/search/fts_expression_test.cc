// Queries as FTS5 expressions: what the terms alone decide (exact) and what they leave to
// the matcher.
#include "storage/search/fts_expression.h"

#include <gtest/gtest.h>

namespace sinmun {
namespace {

FtsExpression Fts(std::string_view text, bool title = false) {
  Query q = ReadQuery(text, nullptr);
  return ToFts(q, title);
}

TEST(FtsExpressionTest, OneTermIsExactSeveralAreNot) {
  FtsExpression e = Fts("수출");
  EXPECT_EQ(e.text, "\"수출\"");
  EXPECT_TRUE(e.exact);
  e = Fts("수출규제");
  EXPECT_EQ(e.text, "(\"규제\" AND \"수출\" AND \"출규\")");
  EXPECT_FALSE(e.exact);
  e = Fts("하하하");  // the same bigram twice: one term, but not the word
  EXPECT_EQ(e.text, "(\"하하\")");
  EXPECT_FALSE(e.exact);
  e = Fts("쌀");
  EXPECT_EQ(e.text, "\"쌀\"*");
  EXPECT_TRUE(e.exact);
  EXPECT_EQ(Fts("쌀", true).text, "\"\x02쌀\"*");
  EXPECT_EQ(Fts("Nvidia").text, "\"nvidia\"");
}

TEST(FtsExpressionTest, ExclusionsArePushedDownOnlyWhenExact) {
  FtsExpression e = Fts("수출 -삼성");
  EXPECT_EQ(e.text, "(\"수출\" NOT \"삼성\")");
  EXPECT_TRUE(e.exact);
  e = Fts("수출 -엔비디아");
  EXPECT_EQ(e.text, "\"수출\"");
  EXPECT_FALSE(e.exact);
  e = Fts("-삼성");
  EXPECT_EQ(e.text, "(\"\x01" "A\" NOT \"삼성\")");
  EXPECT_TRUE(e.exact);
  e = Fts("-엔비디아");
  EXPECT_TRUE(e.all);
  EXPECT_FALSE(e.exact);
}

TEST(FtsExpressionTest, AndOrAndEverything) {
  FtsExpression e = Fts("수출 OR 규제 반도체");
  EXPECT_EQ(e.text, "(\"수출\" OR (\"규제\" AND (\"도체\" AND \"반도\")))");
  EXPECT_FALSE(e.exact);
  e = Fts("수출 OR -엔비디아");  // one side is every document (but some): the whole may be
  EXPECT_TRUE(e.all);
  EXPECT_FALSE(e.exact);
  EXPECT_EQ(WithTerms(Fts("-엔비디아"), {}), "\"\x01" "A\"");
  EXPECT_EQ(WithTerms(Fts("수출"), {"\x01Pdaum"}), "\"수출\" AND \"\x01Pdaum\"");
  EXPECT_EQ(WithTerms(Fts(""), {"\x01Pdaum", "\x01N신문"}), "\"\x01Pdaum\" AND \"\x01N신문\"");
}

TEST(FtsExpressionTest, QuotesAreDoubled) { EXPECT_EQ(Quote("a\"b"), "\"a\"\"b\""); }

}  // namespace
}  // namespace sinmun
