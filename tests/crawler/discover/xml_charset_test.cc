// DecodeXml over the encodings XML 1.0 Appendix F distinguishes, built here byte by byte
// from a known UTF-8 text, so each expectation is the text itself.
#include "crawler/discover/xml_charset.h"

#include <gtest/gtest.h>

#include <string>

namespace sinmun {
namespace {

// "<?xml …?><rss><channel><item><title>한국</title></item></channel></rss>" in UTF-16 or
// UTF-32 of either byte order, from code points (all in the BMP).
std::u32string Feed(const std::string& encoding) {
  return U"<?xml version=\"1.0\" encoding=\"" + std::u32string(encoding.begin(), encoding.end()) +
         U"\"?><rss><channel><item><title>\uD55C\uAD6D</title></item></channel></rss>";
}
std::string Wide(const std::u32string& text, int width, bool big_endian) {
  std::string out;
  for (char32_t c : text) {
    for (int i = 0; i < width; ++i) {
      const int shift = big_endian ? 8 * (width - 1 - i) : 8 * i;
      out.push_back(static_cast<char>((c >> shift) & 0xFF));
    }
  }
  return out;
}
std::string Utf8Feed(const std::string& encoding) {
  return "<?xml version=\"1.0\" encoding=\"" + encoding +
         "\"?><rss><channel><item><title>한국</title></item></channel></rss>";
}

TEST(DecodeXmlTest, Utf16WithoutByteOrderMark) {
  for (bool be : {false, true}) {
    const std::string bytes = Wide(Feed("UTF-16"), 2, be);
    Result<DecodedText> d = DecodeXml(bytes, "");
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    EXPECT_EQ(d->utf8, Utf8Feed("UTF-16"));
    EXPECT_EQ(d->encoding, be ? "UTF-16BE" : "UTF-16LE");
    // A wrong HTTP charset does not win over the bytes' own structure.
    d = DecodeXml(bytes, "application/rss+xml; charset=utf-8");
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->utf8, Utf8Feed("UTF-16"));
  }
}

TEST(DecodeXmlTest, ByteOrderMarksNeverSurvive) {
  const std::u32string bom = U"\uFEFF";
  struct Case {
    int width;
    bool be;
    const char* name;
  };
  for (const Case& c : {Case{4, true, "UTF-32BE"}, Case{4, false, "UTF-32LE"},
                        Case{2, true, "UTF-16BE"}, Case{2, false, "UTF-16LE"}}) {
    const std::string bytes = Wide(bom + Feed(c.name), c.width, c.be);
    Result<DecodedText> d = DecodeXml(bytes, std::string("text/xml; charset=") + c.name);
    ASSERT_TRUE(d.ok()) << c.name << ": " << d.status().ToString();
    EXPECT_EQ(d->utf8, Utf8Feed(c.name)) << c.name;
    EXPECT_EQ(d->encoding, c.name);
  }
  Result<DecodedText> d = DecodeXml("\xEF\xBB\xBF" + Utf8Feed("utf-8"), "");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->utf8, Utf8Feed("utf-8"));
}

TEST(DecodeXmlTest, Utf32WithoutByteOrderMark) {
  Result<DecodedText> d = DecodeXml(Wide(Feed("UTF-32"), 4, true), "");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->utf8, Utf8Feed("UTF-32"));
  EXPECT_EQ(d->encoding, "UTF-32BE");
}

TEST(DecodeXmlTest, DeclarationDecidesForAsciiCompatibleBytes) {
  // "한국" in EUC-KR, declared only in the XML declaration.
  const std::string euc_kr = "<?xml version=\"1.0\" encoding=\"euc-kr\"?><rss><channel><item>"
                             "<title>\xC7\xD1\xB1\xB9</title></item></channel></rss>";
  Result<DecodedText> d = DecodeXml(euc_kr, "text/xml");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->encoding, "EUC-KR");
  EXPECT_EQ(d->utf8, Utf8Feed("euc-kr"));
  EXPECT_EQ(XmlDeclaredEncoding(euc_kr), "euc-kr");
  EXPECT_EQ(XmlDeclaredEncoding("<?xml version='1.0' encoding = 'UTF-8' ?><a/>"), "UTF-8");
  EXPECT_EQ(XmlDeclaredEncoding("<?xml version='1.0'?><a/>"), "");
  EXPECT_EQ(XmlDeclaredEncoding("<?xml encoding=\"x y\"?>"), "");
  EXPECT_FALSE(DecodeXml("", "").ok());
  EXPECT_FALSE(DecodeXml("\xFF\xFE", "").ok());
}

}  // namespace
}  // namespace sinmun
