#include "crawler/extract/charset.h"

#include <gtest/gtest.h>

#include <string>

#include "common/text.h"

namespace sinmun {
namespace {

std::string Utf16Le(const std::u16string& s, bool bom) {
  std::string out = bom ? std::string("\xFF\xFE") : std::string();
  for (char16_t c : s) {
    out += static_cast<char>(c & 0xFF);
    out += static_cast<char>(c >> 8);
  }
  return out;
}

std::string Utf16Be(const std::u16string& s) {
  std::string out("\xFE\xFF");
  for (char16_t c : s) {
    out += static_cast<char>(c >> 8);
    out += static_cast<char>(c & 0xFF);
  }
  return out;
}

// "한국" in CP949/EUC-KR.
const std::string kHangulEucKr = "\xC7\xD1\xB1\xB9";

TEST(CharsetTest, EmptyInputIsInvalidArgument) {
  Result<DecodedText> r = DecodeToUtf8("", "text/html; charset=utf-8");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "empty input");
}

TEST(CharsetTest, PlainUtf8WithoutDeclaration) {
  Result<DecodedText> r = DecodeToUtf8("<p>한국</p>", "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->utf8, "<p>한국</p>");
  EXPECT_EQ(r->encoding, "UTF-8");
}

TEST(CharsetTest, Utf8BomIsStripped) {
  Result<DecodedText> r = DecodeToUtf8("\xEF\xBB\xBF<p>한국</p>", "text/html; charset=euc-kr");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->utf8, "<p>한국</p>");
  EXPECT_EQ(r->encoding, "UTF-8");
}

TEST(CharsetTest, Utf16LeBomWinsOverDeclarations) {
  Result<DecodedText> r = DecodeToUtf8(Utf16Le(u"<p>한국</p>", true), "text/html; charset=euc-kr");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->utf8, "<p>한국</p>");
  EXPECT_EQ(r->encoding, "UTF-16LE");
}

TEST(CharsetTest, Utf16BeBom) {
  Result<DecodedText> r = DecodeToUtf8(Utf16Be(u"<b>뉴스</b>"), "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->utf8, "<b>뉴스</b>");
  EXPECT_EQ(r->encoding, "UTF-16BE");
}

TEST(CharsetTest, HttpCharsetEucKr) {
  Result<DecodedText> r = DecodeToUtf8("<p>" + kHangulEucKr + "</p>", "text/html; charset=EUC-KR");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->utf8, "<p>한국</p>");
  EXPECT_EQ(r->encoding, "EUC-KR");
}

TEST(CharsetTest, MetaCharsetEucKrDecodesAsCp949Superset) {
  // "똠" (CP949 0x8C63) is outside KS X 1001, so plain EUC-KR could not decode it.
  const std::string page =
      "<html><head><meta charset=\"euc-kr\"></head><body>\x8C\x63" + kHangulEucKr +
      "</body></html>";
  Result<DecodedText> r = DecodeToUtf8(page, "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->utf8, "<html><head><meta charset=\"euc-kr\"></head><body>똠한국</body></html>");
  EXPECT_EQ(r->encoding, "EUC-KR");
}

TEST(CharsetTest, UndeclaredInvalidUtf8ThatIsCp949IsEucKr) {
  Result<DecodedText> r = DecodeToUtf8("<p>" + kHangulEucKr + "</p>", "text/html");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->utf8, "<p>한국</p>");
  EXPECT_EQ(r->encoding, "EUC-KR");
}

TEST(CharsetTest, DeclaredEucKrButValidUtf8IsUtf8) {
  const std::string page =
      "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-kr\"><p>한국</p>";
  Result<DecodedText> r = DecodeToUtf8(page, "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->utf8, page);
  EXPECT_EQ(r->encoding, "UTF-8");
}

TEST(CharsetTest, HttpEucKrButValidUtf8IsUtf8) {
  Result<DecodedText> r = DecodeToUtf8("<p>한국</p>", "text/html;charset=\"euc-kr\"");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->utf8, "<p>한국</p>");
  EXPECT_EQ(r->encoding, "UTF-8");
}

TEST(CharsetTest, Latin1MojibakeInUtf16IsUndone) {
  // UTF-8 bytes of the page, each read as a Latin-1 character, written as UTF-16LE.
  const std::string original = "<meta charset=\"utf-8\"><p>다음뉴스</p>";
  std::u16string mojibake;
  for (char c : original) mojibake += static_cast<char16_t>(static_cast<unsigned char>(c));
  Result<DecodedText> r = DecodeToUtf8(Utf16Le(mojibake, true), "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->utf8, original);
  EXPECT_EQ(r->encoding, "UTF-16LE (mojibake of UTF-8)");
}

TEST(CharsetTest, Utf16WithOnlyLatin1ThatIsNotUtf8StaysAsIs) {
  // "café" in UTF-16: code points <= U+00FF but not a UTF-8 byte sequence.
  Result<DecodedText> r = DecodeToUtf8(Utf16Le(u"caf\u00e9", true), "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->utf8, "café");
  EXPECT_EQ(r->encoding, "UTF-16LE");
}

TEST(CharsetTest, DeclaredUtf8WithInvalidBytesGetsReplacementCharacters) {
  Result<DecodedText> r = DecodeToUtf8("ab\xFF\xFE\xFDz", "text/html; charset=utf-8");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(IsValidUtf8(r->utf8));
  EXPECT_EQ(r->utf8.substr(0, 2), "ab");
  EXPECT_EQ(r->utf8.back(), 'z');
  EXPECT_EQ(r->utf8, "ab\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDz");
  EXPECT_EQ(r->encoding, "UTF-8");
}

TEST(CharsetTest, UnknownCharsetNameFallsBackToTheBytes) {
  Result<DecodedText> r = DecodeToUtf8("<p>한국</p>", "text/html; charset=x-no-such-charset");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->utf8, "<p>한국</p>");
  EXPECT_EQ(r->encoding, "UTF-8");
}

TEST(CharsetTest, OddLengthUtf16IsRepairedNotFatal) {
  std::string bytes = Utf16Le(u"<p>한</p>", true) + "\x41";
  Result<DecodedText> r = DecodeToUtf8(bytes, "");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(IsValidUtf8(r->utf8));
  EXPECT_EQ(r->utf8.substr(0, 6), "<p>한");
}

TEST(CharsetTest, CharsetFromContentType) {
  EXPECT_EQ(CharsetFromContentType("text/html; charset=UTF-8"), "utf-8");
  EXPECT_EQ(CharsetFromContentType("text/html;charset='EUC-KR'"), "euc-kr");
  EXPECT_EQ(CharsetFromContentType("text/html"), "");
  EXPECT_EQ(CharsetFromContentType(""), "");
}

TEST(CharsetTest, CharsetFromMeta) {
  EXPECT_EQ(CharsetFromMeta("<html><head><META CHARSET=\"EUC-KR\">"), "euc-kr");
  EXPECT_EQ(CharsetFromMeta("<meta http-equiv='Content-Type' content='text/html; charset=ks_c_5601-1987'>"),
            "ks_c_5601-1987");
  EXPECT_EQ(CharsetFromMeta("<meta name=\"viewport\" content=\"width=device-width\">"), "");
  // Only the first 4 KiB are read.
  EXPECT_EQ(CharsetFromMeta(std::string(5000, ' ') + "<meta charset=\"euc-kr\">"), "");
}

// The HTML standard's prescan, as the html5lib encoding tests exercise it.
TEST(CharsetTest, CharsetFromMetaSkipsCommentsAndOtherTagsAttributes) {
  EXPECT_EQ(CharsetFromMeta("<!-- <meta charset=\"windows-1252\"> --><meta charset=\"euc-kr\">"), "euc-kr");
  EXPECT_EQ(CharsetFromMeta("<!--><meta charset=\"euc-kr\">"), "euc-kr");  // "<!-->" is a whole comment
  EXPECT_EQ(CharsetFromMeta("<div title='<meta charset=\"windows-1252\">'><meta charset=euc-kr>"), "euc-kr");
  EXPECT_EQ(CharsetFromMeta("<img alt=\"<meta charset=windows-1252>\">"), "");
  EXPECT_EQ(CharsetFromMeta("<meta content=\"text/html; charset=euc-kr\">"), "");  // no http-equiv
  EXPECT_EQ(CharsetFromMeta("<meta content=\"text/html; charset=euc-kr\" http-equiv=\"Content-Type\">"),
            "euc-kr");
  EXPECT_EQ(CharsetFromMeta("<meta charset=\"euc-kr\" charset=\"utf-8\">"), "euc-kr");  // first wins
  EXPECT_EQ(CharsetFromMeta("<metadata charset=\"euc-kr\">"), "");
  EXPECT_EQ(CharsetFromMeta("<!-- never closed <meta charset=euc-kr>"), "");
}

TEST(CharsetTest, EucKrAfterACommentedOutMetaIsEucKr) {
  // "한국어 기사" in EUC-KR.
  const std::string korean = "\xC7\xD1\xB1\xB9\xBE\xEE \xB1\xE2\xBB\xE7";
  Result<DecodedText> r = DecodeToUtf8(
      "<html><head><!-- <meta charset=\"windows-1252\"> --><meta charset=\"euc-kr\"></head><body><p>" +
          korean + "</p></body></html>",
      "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->encoding, "EUC-KR");
  EXPECT_NE(r->utf8.find("한국어 기사"), std::string::npos);
}

TEST(CharsetTest, UnknownMetaCharsetKeepsTheEucKrCheck) {
  const std::string korean = "\xC7\xD1\xB1\xB9\xBE\xEE \xB1\xE2\xBB\xE7";
  Result<DecodedText> r =
      DecodeToUtf8("<meta charset=\"x-no-such-charset\"><p>" + korean + "</p>", "");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->encoding, "EUC-KR");
  EXPECT_NE(r->utf8.find("한국어 기사"), std::string::npos);
}

}  // namespace
}  // namespace sinmun
