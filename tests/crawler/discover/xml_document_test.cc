#include "crawler/discover/xml_document.h"

#include <gtest/gtest.h>

#include <string>

namespace sinmun {
namespace {

std::unique_ptr<XmlDocument> MustParse(std::string_view xml, std::string_view base = "") {
  Result<std::unique_ptr<XmlDocument>> doc = XmlDocument::Parse(xml, base);
  EXPECT_TRUE(doc.ok()) << doc.status().ToString();
  return doc.ok() ? std::move(doc).value() : nullptr;
}

TEST(XmlDocumentTest, RefusesEmptyAndOversizedInput) {
  EXPECT_FALSE(XmlDocument::Parse("", "").ok());
  EXPECT_FALSE(XmlDocument::Parse("just text, no element", "").ok());
  std::string big = "<a>" + std::string(XmlDocument::kMaxInputBytes, 'x') + "</a>";
  Result<std::unique_ptr<XmlDocument>> doc = XmlDocument::Parse(big, "");
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find("too large"), std::string::npos);
}

TEST(XmlDocumentTest, LocalNameQueriesIgnoreNamespaces) {
  auto doc = MustParse(
      R"(<feed xmlns="http://www.w3.org/2005/Atom" xmlns:x="urn:x">)"
      R"(<entry><x:title>가</x:title></entry><entry><title>나</title></entry></feed>)");
  ASSERT_NE(doc, nullptr);
  EXPECT_EQ(XmlDocument::LocalName(doc->Root()), "feed");
  std::vector<XmlNode> titles = doc->Select("//*[local-name()='title']");
  ASSERT_EQ(titles.size(), 2u);
  EXPECT_EQ(XmlDocument::Text(titles[0]), "가");
  EXPECT_EQ(XmlDocument::Text(titles[1]), "나");
  // A namespace-unaware query finds nothing: the default namespace applies.
  EXPECT_TRUE(doc->Select("//title").empty());
  EXPECT_TRUE(doc->Select("//[").empty());  // malformed expression
}

TEST(XmlDocumentTest, TextJoinsTextAndCdataAndTrims) {
  auto doc = MustParse("<r><a>  one <b>two</b><![CDATA[ <three> ]]>&amp;&#xAC00;\n</a></r>");
  ASSERT_NE(doc, nullptr);
  EXPECT_EQ(XmlDocument::Text(doc->SelectFirst("//a")), "one two <three> &가");
}

TEST(XmlDocumentTest, AttributesByLocalName) {
  auto doc = MustParse(
      R"(<r xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><i rdf:about="u" href="h&amp;x"/></r>)");
  ASSERT_NE(doc, nullptr);
  XmlNode i = doc->SelectFirst("//i");
  EXPECT_EQ(XmlDocument::Attr(i, "about"), "u");
  EXPECT_EQ(XmlDocument::Attr(i, "href"), "h&x");
  EXPECT_TRUE(XmlDocument::HasAttr(i, "href"));
  EXPECT_FALSE(XmlDocument::HasAttr(i, "rel"));
  EXPECT_EQ(XmlDocument::Attr(i, "rel"), "");
}

TEST(XmlDocumentTest, BaseCombinesDocumentUrlAndXmlBase) {
  auto doc = MustParse(R"(<feed xml:base="/blog/"><entry xml:base="2026/"><link/></entry></feed>)",
                       "https://example.org/feeds/atom.xml");
  ASSERT_NE(doc, nullptr);
  EXPECT_EQ(doc->BaseOf(doc->SelectFirst("//link")), "https://example.org/blog/2026/");
  EXPECT_EQ(doc->BaseOf(doc->Root()), "https://example.org/blog/");
}

TEST(XmlDocumentTest, EncodingDeclarationIsIgnoredForDecodedInput) {
  // The caller already decoded the bytes to UTF-8; "euc-kr" must not re-decode them.
  auto doc = MustParse("<?xml version=\"1.0\" encoding=\"euc-kr\"?><r>한국어</r>");
  ASSERT_NE(doc, nullptr);
  EXPECT_EQ(XmlDocument::Text(doc->Root()), "한국어");
}

TEST(XmlDocumentTest, EntitiesAreNotExpanded) {
  // Nested internal entities: the text helper must not walk into references.
  std::string xml = "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
                    "<r>x&b;y</r>";
  auto doc = MustParse(xml);
  ASSERT_NE(doc, nullptr);
  EXPECT_EQ(XmlDocument::Text(doc->Root()), "xy");
}

}  // namespace
}  // namespace sinmun
