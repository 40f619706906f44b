#include "common/text.h"

#include <gtest/gtest.h>

namespace sinmun {
namespace {

TEST(NormalizeTextTest, ComposesConjoiningJamoToSyllables) {
  // "한" as conjoining jamo U+1112 U+1161 U+11AB composes to U+D55C.
  EXPECT_EQ(NormalizeText("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB"), "\xED\x95\x9C");
}

TEST(NormalizeTextTest, CollapsesAllWhiteSpaceAndTrims) {
  EXPECT_EQ(NormalizeText("  a\t\n b\xC2\xA0\xC2\xA0" "c\xE3\x80\x80" "d  "), "a b c d");
}

TEST(NormalizeTextTest, DropsZeroWidthCharacters) {
  EXPECT_EQ(NormalizeText("\xEF\xBB\xBF" "기\xE2\x80\x8B사"), "기사");
}

TEST(NormalizeTextTest, ReplacesInvalidUtf8) {
  EXPECT_EQ(NormalizeText("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
}

TEST(IsValidUtf8Test, RejectsOverlongsAndSurrogates) {
  EXPECT_TRUE(IsValidUtf8("신문"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));
  EXPECT_FALSE(IsValidUtf8("\xEC\x8B"));
}

TEST(SplitWordsTest, KeepsSpacesAndPunctuationAsTokens) {
  std::vector<std::string> expected = {"엔비디아가", " ", "수출규제를", " ", "받았다", "."};
  EXPECT_EQ(SplitWords("엔비디아가 수출규제를 받았다."), expected);
}

TEST(DisplayWidthTest, CountsHangulDouble) {
  EXPECT_EQ(DisplayWidth("abc"), 3);
  EXPECT_EQ(DisplayWidth("신문a"), 5);
  EXPECT_EQ(TruncateToWidth("대한민국만세", 7), "대한민…");
  EXPECT_EQ(TruncateToWidth("대한", 7), "대한");
}

}  // namespace
}  // namespace sinmun
