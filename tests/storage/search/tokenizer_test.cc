// The terms of text and of query words: CJK runs as positioned bigrams and characters,
// other text as Xapian-style words (the rules the index of layout 2 was made with).
#include "storage/search/tokenizer.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sinmun {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using Positioned = std::pair<std::string, uint32_t>;

std::vector<Positioned> Tokens(std::string_view text, uint32_t first = 0, uint32_t* next = nullptr) {
  Tokenizer t;
  std::vector<Positioned> out;
  uint32_t end = t.Tokenize(text, first, [&](std::string_view term, uint32_t at) { out.emplace_back(term, at); });
  if (next != nullptr) *next = end;
  return out;
}

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  for (auto& [term, at] : Tokens(text)) out.push_back(term);
  return out;
}

TEST(TokenizerTest, ACjkRunIsItsBigramsAndItsCharacters) {
  uint32_t next = 0;
  EXPECT_THAT(Tokens("수출규제를", 10, &next),
              ElementsAre(Positioned{"수출", 10}, Positioned{"출규", 11}, Positioned{"규제", 12},
                          Positioned{"제를", 13}, Positioned{"수", 10}, Positioned{"출", 11}, Positioned{"규", 12},
                          Positioned{"제", 13}, Positioned{"를", 14}));
  EXPECT_EQ(next, 15u);
  EXPECT_THAT(Tokens("값"), ElementsAre(Positioned{"값", 0}));
}

TEST(TokenizerTest, WhiteSpaceBetweenCjkCharactersIsDropped) {
  EXPECT_EQ(Tokens("수출 규제를"), Tokens("수출규제를"));
  EXPECT_EQ(Tokens("美 연준"), Tokens("美연준"));
  EXPECT_THAT(Words("美 연준"), ElementsAre("美연", "연준", "美", "연", "준"));
  // Not between a CJK character and anything else.
  EXPECT_THAT(Tokens("2026 년"), ElementsAre(Positioned{"2026", 0}, Positioned{"년", 1}));
}

TEST(TokenizerTest, OtherTextIsWordsOneAPosition) {
  EXPECT_THAT(Tokens("Nvidia H20 칩"), ElementsAre(Positioned{"nvidia", 0}, Positioned{"h20", 1}, Positioned{"칩", 2}));
  EXPECT_THAT(Words("R&D AT&T don't"), ElementsAre("r&d", "at&t", "don't"));
  EXPECT_THAT(Words("1,000억원 0.25%p 3.5%"), ElementsAre("1,000", "억원", "억", "원", "0.25", "p", "3.5"));
  EXPECT_THAT(Words("U.S. 국채와 U.S.A"), ElementsAre("us", "국채", "채와", "국", "채", "와", "usa"));
  EXPECT_THAT(Words("C++ C# c+d"), ElementsAre("c++", "c#", "c", "d"));
  EXPECT_THAT(Words("e-mail 12:30 2026-03-21 x.y"), ElementsAre("e", "mail", "12", "30", "2026", "03", "21", "x", "y"));
  EXPECT_THAT(Words("Café ÜBER foo_bar"), ElementsAre("café", "über", "foo_bar"));
  EXPECT_THAT(Words("A. Smith"), ElementsAre("a", "smith"));
}

TEST(TokenizerTest, PunctuationAndBrokenBytesSeparateWords) {
  EXPECT_THAT(Words("삼성전자(005930)"), ElementsAre("삼성", "성전", "전자", "삼", "성", "전", "자", "005930"));
  EXPECT_THAT(Words("«인용» \"따옴표\""), ElementsAre("인용", "인", "용", "따옴", "옴표", "따", "옴", "표"));
  EXPECT_THAT(Words(std::string("ab\xff" "cd\xe2\x82")), ElementsAre("ab", "cd"));
  EXPECT_THAT(Words("  \t\n  "), IsEmpty());
  EXPECT_THAT(Words(""), IsEmpty());
}

TEST(TokenizerTest, QueryTermsStandAtConsecutivePositions) {
  QueryTerms t = TermsOf("수출규제");
  EXPECT_THAT(t.terms, ElementsAre("수출", "출규", "규제"));  // 제 dropped: 수출규제를 matches
  EXPECT_FALSE(t.prefix);
  EXPECT_THAT(TermsOf("수출 규제").terms, ElementsAre("수출", "출규", "규제"));
  EXPECT_THAT(TermsOf("2026년").terms, ElementsAre("2026", "년"));
  EXPECT_THAT(TermsOf("AI반도체").terms, ElementsAre("ai", "반도", "도체"));
  EXPECT_THAT(TermsOf("반도체AI").terms, ElementsAre("반도", "도체", "체", "ai"));
  EXPECT_THAT(TermsOf("3월").terms, ElementsAre("3", "월"));
  EXPECT_THAT(TermsOf("R&D").terms, ElementsAre("r&d"));
  EXPECT_THAT(TermsOf("!!").terms, IsEmpty());
  QueryTerms one = TermsOf("쌀");
  EXPECT_THAT(one.terms, ElementsAre("쌀"));
  EXPECT_TRUE(one.prefix);
  EXPECT_FALSE(TermsOf("3쌀").prefix);
}

TEST(TokenizerTest, QueryTermsAreWhereTheTextPutsThem) {
  // Every query word's terms stand at consecutive positions in a text that holds the word.
  const std::vector<std::pair<std::string, std::string>> found = {
      {"수출규제", "미국의 수출 규제를"}, {"2026년", "2026년에는"}, {"AI반도체", "AI반도체 매출"},
      {"3월", "3월 회의"}, {"U.S.", "U.S. 국채"}, {"美연준", "美 연준이"}};
  for (const auto& [query, text] : found) {
    std::vector<Positioned> tokens = Tokens(text);
    const std::vector<std::string> terms = TermsOf(query).terms;
    bool match = false;
    for (const auto& [term, at] : tokens) {
      if (term != terms[0]) continue;
      bool all = true;
      for (size_t k = 1; k < terms.size(); ++k) {
        all = all && std::find(tokens.begin(), tokens.end(), Positioned{terms[k], at + static_cast<uint32_t>(k)}) != tokens.end();
      }
      match = match || all;
    }
    EXPECT_TRUE(match) << query << " in " << text;
  }
}

}  // namespace
}  // namespace sinmun
