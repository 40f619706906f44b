// A stored page made inert for display: no element or attribute that runs or fetches
// survives, the text does, and legacy encodings come out as UTF-8.
#include "crawler/extract/inert_page.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cctype>

namespace sinmun {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(InertPageTest, DropsWhatRunsOrFetchesAndKeepsTheText) {
  const std::string page = R"~(<!DOCTYPE html><html><head>
<meta http-equiv="refresh" content="0; url=https://evil.example/r"><base href="https://evil.example/">
<link rel="preconnect" href="https://evil.example"><link rel="stylesheet" href="https://evil.example/s.css">
<script src="https://evil.example/t.js"></script><title>제목</title></head>
<body onload="x()"><h1 onclick="y()">기사 제목</h1>
<p style="color:red">첫 문단 <a href="https://news.example/more" ping="https://evil.example/p">더보기</a>
<a href=" JavaScript:alert(1)">링크</a></p>
<iframe src="https://evil.example/f"></iframe><object data="https://evil.example/o"></object>
<embed src="https://evil.example/e"><img src="https://cdn.example/a.jpg" alt="사진 설명"><img src="b.jpg">
<video poster="https://evil.example/v.jpg" src="https://evil.example/v.mp4"></video>
<svg><image href="https://evil.example/i.svg"/></svg>
<form action="https://evil.example/post"><button formaction="https://evil.example/b">보내기</button></form>
<p>닫히지 않은 <b>태그</body>)~";
  Result<std::string> inert = InertPage(page, "text/html; charset=utf-8");
  ASSERT_TRUE(inert.ok()) << inert.status().ToString();
  EXPECT_THAT(*inert, Not(HasSubstr("evil.example")));
  EXPECT_THAT(*inert, Not(HasSubstr("cdn.example")));
  EXPECT_THAT(*inert, Not(HasSubstr("<script")));
  EXPECT_THAT(*inert, Not(HasSubstr("onload")));
  EXPECT_THAT(*inert, Not(HasSubstr("onclick")));
  EXPECT_THAT(*inert, Not(HasSubstr("alert")));
  EXPECT_THAT(*inert, HasSubstr("<a>링크</a>"));
  EXPECT_THAT(*inert, HasSubstr("기사 제목"));
  EXPECT_THAT(*inert, HasSubstr("<a href=\"https://news.example/more\">더보기</a>"));
  EXPECT_THAT(*inert, HasSubstr("style=\"color:red\""));
  EXPECT_THAT(*inert, HasSubstr("<img alt=\"사진 설명\">"));
  EXPECT_THAT(*inert, HasSubstr("<img alt=\"[image]\">"));
  EXPECT_THAT(*inert, HasSubstr("닫히지 않은 <b>태그"));
}

TEST(InertPageTest, LegacyEncodingsBecomeUtf8) {
  // "한국" in EUC-KR.
  const std::string page =
      "<html><head><meta charset=\"euc-kr\"><title>t</title></head><body><p>\xC7\xD1\xB1\xB9</p></body></html>";
  Result<std::string> inert = InertPage(page, "text/html");
  ASSERT_TRUE(inert.ok());
  EXPECT_THAT(*inert, HasSubstr("<p>한국</p>"));
  std::string lower = *inert;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_THAT(lower, Not(HasSubstr("euc-kr")));
  EXPECT_THAT(lower, HasSubstr("charset=utf-8"));  // written into <head>
}

TEST(InertPageTest, RefusesWhatIsNoPage) {
  EXPECT_FALSE(InertPage("", "text/html").ok());
}

}  // namespace
}  // namespace sinmun
