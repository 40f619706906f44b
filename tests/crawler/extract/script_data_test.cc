#include "crawler/extract/script_data.h"

#include <gtest/gtest.h>

namespace sinmun {
namespace {

const std::string kParagraphs =
    "<p>첫 문단은 충분히 길게 쓴다. 본문이 스크립트 안에만 있는 페이지를 흉내 낸다.</p>"
    "<p>둘째 문단도 제법 길다. 추출기는 가장 무거운 본문 문자열을 골라야 한다.</p>";

TEST(ScriptDataTest, NextFlightTextRowReferencedFromJson) {
  // Two pushes; the text row is 0x-length-prefixed and referenced as "$24".
  const std::string body = kParagraphs + "$$ARTICLEAD$$";
  char length[16];
  std::snprintf(length, sizeof length, "%zx", body.size());
  const std::string payload = std::string("1:\"$Sreact.fragment\"\n24:T") + length + "," + body +
                              "5:[\"$\",\"$L23\",null,{\"detail\":{\"title\":\"스크립트 제목\","
                              "\"contentHtml\":\"$24\",\"deployDt\":\"2026.01.29 18:40\","
                              "\"reDeployDt\":\"2026.01.29 18:49\",\"byLines\":[{\"writerName\":\"신현주\"}]}}]\n";
  ScriptBody got = ReadNextFlight(payload);
  EXPECT_EQ(got.source, "next-flight");
  EXPECT_EQ(got.html, kParagraphs);  // placeholder removed
  EXPECT_EQ(got.title, "스크립트 제목");
  EXPECT_EQ(got.published, "2026.01.29 18:40");
  EXPECT_EQ(got.modified, "2026.01.29 18:49");
  EXPECT_EQ(got.authors, std::vector<std::string>{"신현주"});
}

TEST(ScriptDataTest, NextFlightPayloadIsTheConcatenatedStrings) {
  const std::string script1 = "(self.__next_f=self.__next_f||[]).push([0])";
  const std::string script2 = "self.__next_f.push([1,\"a:\\\"x\\\"\\n\"])";
  const std::string script3 = "self.__next_f.push([1,\"b:[1]\\n\"])";
  EXPECT_EQ(NextFlightPayload({{"", script1}, {"", script2}, {"", script3}}), "a:\"x\"\nb:[1]\n");
}

TEST(ScriptDataTest, NextData) {
  const std::string next_data =
      "{\"props\":{\"pageProps\":{\"article\":{\"headline\":\"넥스트 제목\",\"body\":\"" + kParagraphs +
      "\",\"publishedAt\":\"2026-02-01T10:00:00+09:00\"},\"related\":[{\"body\":\"짧다\"}]}}}";
  ScriptBody got = FindScriptBody({{"__NEXT_DATA__", next_data}});
  EXPECT_EQ(got.source, "next-data");
  EXPECT_EQ(got.html, kParagraphs);
  EXPECT_EQ(got.title, "넥스트 제목");
  EXPECT_EQ(got.published, "2026-02-01T10:00:00+09:00");
}

TEST(ScriptDataTest, FusionGlobalContentElementsBecomeHtml) {
  const std::string script =
      "Fusion.globalContent={\"headlines\":{\"basic\":\"아크 제목\"},"
      "\"display_date\":\"2026-03-01T01:00:00Z\",\"credits\":{\"by\":[{\"name\":\"김기자\"}]},"
      "\"content_elements\":[{\"type\":\"text\",\"content\":\"첫 문단이다. 아크 본문은 요소의 목록으로 온다. "
      "충분히 길게 써서 본문으로 읽히게 한다.\"},{\"type\":\"image\",\"url\":\"https://img.example/a.jpg\","
      "\"caption\":\"사진 설명 <b>\"},{\"type\":\"header\",\"content\":\"소제목\"},"
      "{\"type\":\"text\",\"content\":\"둘째 문단이다. 이 문단도 본문의 일부로 읽혀야 한다. 길이를 채운다.\"}]};"
      "Fusion.globalContentConfig={};";
  ScriptBody got = FindScriptBody({{"fusion-metadata", script}});
  EXPECT_EQ(got.source, "fusion");
  EXPECT_EQ(got.title, "아크 제목");
  EXPECT_EQ(got.published, "2026-03-01T01:00:00Z");
  EXPECT_EQ(got.authors, std::vector<std::string>{"김기자"});
  EXPECT_NE(got.html.find("<figure><img src=\"https://img.example/a.jpg\"><figcaption>사진 설명 &lt;b&gt;</figcaption></figure>"),
            std::string::npos)
      << got.html;
  EXPECT_NE(got.html.find("<h3>소제목</h3>"), std::string::npos);
}

TEST(ScriptDataTest, NothingFoundIsEmpty) {
  EXPECT_TRUE(FindScriptBody({{"", "var x = 1;"}, {"", "self.__next_f.push([1,\"unterminated"}}).html.empty());
  EXPECT_TRUE(ReadNextFlight("24:Tffffffff,short").html.empty());
  EXPECT_TRUE(ReadNextFlight("").html.empty());
}


TEST(ScriptDataTest, DeeplyNestedDataIsBoundedNotFatal) {
  // Quotes within quotes 100000 deep, and a flight row of deeply nested arrays.
  std::string nested;
  for (int i = 0; i < 100000; ++i) nested += "{\"type\":\"quote\",\"content_elements\":[";
  for (int i = 0; i < 100000; ++i) nested += "]}";
  const std::string script = "Fusion.globalContent={\"content_elements\":[" + nested + "]};";
  EXPECT_TRUE(FindScriptBody({{"", script}}).html.empty());
  EXPECT_TRUE(ReadNextFlight("0:" + std::string(100000, '[') + std::string(100000, ']') + "\n").html.empty());
}

}  // namespace
}  // namespace sinmun
