// The query reader (what a search text means) and the matcher (whether an article's text
// matches it, positions included).
#include "storage/search/query.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sinmun {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using Kind = Query::Kind;

// The query as a compact string: terms joined by '+', operators as prefixes.
std::string Show(const Query& q) {
  switch (q.kind) {
    case Kind::kNothing: return "nothing";
    case Kind::kAll: return "all";
    case Kind::kTerms: {
      std::string out;
      for (const std::string& t : q.terms.terms) out += (out.empty() ? "" : "+") + t;
      return q.terms.prefix ? out + "*" : out;
    }
    case Kind::kAnd:
    case Kind::kOr: {
      std::string out = q.kind == Kind::kAnd ? "and(" : "or(";
      for (size_t i = 0; i < q.children.size(); ++i) out += (i ? " " : "") + Show(q.children[i]);
      return out + ")";
    }
    case Kind::kAndNot: return "not(" + Show(q.children[0]) + " " + Show(q.children[1]) + ")";
  }
  return "?";
}

std::string Read(std::string_view text, std::vector<std::string>* highlight = nullptr) {
  return Show(ReadQuery(text, highlight));
}

TEST(QueryReaderTest, WordsPhrasesOperatorsAndGroups) {
  EXPECT_EQ(Read("수출 규제"), "and(수출 규제)");
  EXPECT_EQ(Read("\"수출 규제\""), "수출+출규+규제");
  EXPECT_EQ(Read("수출 AND 규제"), "and(수출 규제)");
  EXPECT_EQ(Read("수출 OR 규제"), "or(수출 규제)");
  EXPECT_EQ(Read("수출 -규제"), "not(수출 규제)");
  EXPECT_EQ(Read("수출 NOT 규제 -\"미국 정부\""), "not(수출 or(규제 미국+국정+정부))");
  EXPECT_EQ(Read("-규제"), "not(all 규제)");
  EXPECT_EQ(Read("(쌀 OR 비중) 매출"), "and(or(쌀* 비중) 매출)");
  EXPECT_EQ(Read("-(비중 OR 2025년) 매출"), "not(매출 or(비중 2025+년))");
  EXPECT_EQ(Read("삼성전자(005930)"), "and(삼성+성전+전자 005930)");
}

TEST(QueryReaderTest, NoTextIsASyntaxError) {
  EXPECT_EQ(Read("OR"), "or");  // an operator where none can stand is a word
  EXPECT_EQ(Read("\"OR\" 연산"), "and(or 연산)");
  EXPECT_EQ(Read("삼성전자 AND"), "삼성+성전+전자");
  EXPECT_EQ(Read("((삼성전자"), "삼성+성전+전자");
  EXPECT_EQ(Read(") 반도체 )) OR OR"), "and(반도+도체 or)");
  for (const char* nothing : {"", "\"", "-", "()", "\"\"", "*", "(-)", "!!"}) {
    EXPECT_EQ(Read(nothing), "nothing") << nothing;
  }
  EXPECT_EQ(Read("NOT"), "not");
}

TEST(QueryReaderTest, HighlightsWhatIsNotExcluded) {
  std::vector<std::string> highlight;
  Read("(쌀 OR 비중) -(없다) \"수출 규제\"", &highlight);
  EXPECT_THAT(highlight, ElementsAre("쌀", "비중", "수출 규제"));
  highlight.clear();
  Read("-쌀", &highlight);
  EXPECT_THAT(highlight, IsEmpty());
}

TEST(QueryReaderTest, PositiveItemsLeaveExclusionsOut) {
  Query q = ReadQuery("(쌀 OR 비중) 매출 -없다", nullptr);
  std::vector<std::string> shown;
  for (const QueryTerms* t : PositiveItems(q)) shown.push_back(t->terms[0]);
  EXPECT_THAT(shown, ElementsAre("쌀", "비중", "매출"));
}

Article Make(const std::string& title, std::vector<std::string> paragraphs) {
  Article a;
  a.title = title;
  for (std::string& p : paragraphs) a.blocks.push_back(Block{BlockType::kParagraph, std::move(p)});
  return a;
}

bool Matches(std::string_view query, const Article& a) {
  Query q = ReadQuery(query, nullptr);
  return QueryMatcher(q).Matches(a);
}

TEST(QueryMatcherTest, WordsMatchWhereTheirCharactersStandTogether) {
  Article a = Make("엔비디아, 미국 정부 비판", {"엔비디아가 미국의 수출 규제를 비판했다.", "3개월 만에 AI반도체"});
  EXPECT_TRUE(Matches("수출규제", a));
  EXPECT_TRUE(Matches("\"미국의 수출\"", a));
  EXPECT_FALSE(Matches("\"수출의 미국\"", a));
  EXPECT_FALSE(Matches("3월", a));
  EXPECT_TRUE(Matches("AI반도체", a));
  EXPECT_TRUE(Matches("\"ai 반도체\"", a));
  EXPECT_TRUE(Matches("개", a));    // one character, inside a run
  EXPECT_FALSE(Matches("쌀", a));
  EXPECT_TRUE(Matches("수출 -쌀", a));
  EXPECT_FALSE(Matches("수출 -엔비디아", a));
  EXPECT_TRUE(Matches("쌀 OR 정부", a));
  EXPECT_TRUE(Matches("-쌀", a));
}

TEST(QueryMatcherTest, PhrasesDoNotRunFromOneFieldIntoTheNext) {
  Article a = Make("미국 정부", {"수출 규제"});
  EXPECT_TRUE(Matches("정부", a));
  EXPECT_FALSE(Matches("\"정부 수출\"", a));
  EXPECT_FALSE(Matches("부수", a));
  Article b = Make("미국 정부", {"정부수출 규제"});
  EXPECT_TRUE(Matches("\"정부 수출\"", b));
}

TEST(QueryMatcherTest, OneMatcherReadsManyArticles) {
  Query q = ReadQuery("\"수출 규제\" -엔비디아", nullptr);
  QueryMatcher m(q);
  EXPECT_TRUE(m.Matches(Make("제목", {"수출 규제를 강화"})));
  EXPECT_FALSE(m.Matches(Make("제목", {"엔비디아와 수출 규제"})));
  EXPECT_FALSE(m.Matches(Make("제목", {"규제 수출"})));
  EXPECT_TRUE(m.Matches(Make("수출규제", {})));
}

}  // namespace
}  // namespace sinmun
