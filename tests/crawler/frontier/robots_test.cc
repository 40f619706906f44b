#include "crawler/frontier/robots.h"

#include <gtest/gtest.h>

#include <string>

namespace sinmun {
namespace {

using std::chrono::milliseconds;

// RFC 9309 section 5.1 example, lightly extended.
constexpr const char* kRfcExample =
    "User-Agent: *\n"
    "Disallow: *.gif$\n"
    "Disallow: /example/\n"
    "Allow: /publications/\n"
    "\n"
    "User-Agent: foobot\n"
    "Disallow:/\n"
    "Allow:/example/page.html\n"
    "Allow:/example/allowed.gif\n"
    "\n"
    "User-Agent: barbot\n"
    "User-Agent: bazbot\n"
    "Disallow: /example/page.html\n"
    "\n"
    "User-Agent: quxbot\n";

TEST(RobotsTest, RfcExampleFoobot) {
  const RobotsRules r = ParseRobots(kRfcExample, "foobot");
  EXPECT_FALSE(r.Allowed("/"));
  EXPECT_FALSE(r.Allowed("/anything"));
  EXPECT_TRUE(r.Allowed("/example/page.html"));
  EXPECT_TRUE(r.Allowed("/example/allowed.gif"));
  EXPECT_FALSE(r.Allowed("/example/other.html"));
}

TEST(RobotsTest, RfcExampleGroupWithTwoAgents) {
  for (const char* bot : {"barbot", "bazbot"}) {
    const RobotsRules r = ParseRobots(kRfcExample, bot);
    EXPECT_FALSE(r.Allowed("/example/page.html")) << bot;
    EXPECT_TRUE(r.Allowed("/example/other.html")) << bot;
    // Its own group applies, not "*": .gif is allowed for barbot.
    EXPECT_TRUE(r.Allowed("/a.gif")) << bot;
  }
}

TEST(RobotsTest, RfcExampleEmptyGroupAllowsAll) {
  const RobotsRules r = ParseRobots(kRfcExample, "quxbot");
  EXPECT_TRUE(r.Allowed("/example/page.html"));
  EXPECT_TRUE(r.Allowed("/a.gif"));
}

TEST(RobotsTest, RfcExampleStarGroupForOthers) {
  const RobotsRules r = ParseRobots(kRfcExample, "sinmun");
  EXPECT_FALSE(r.Allowed("/x/y.gif"));
  EXPECT_TRUE(r.Allowed("/x/y.gif?v=1"));  // "$" anchors the end
  EXPECT_FALSE(r.Allowed("/example/"));
  EXPECT_FALSE(r.Allowed("/example/x"));
  EXPECT_TRUE(r.Allowed("/publications/2026"));
  EXPECT_TRUE(r.Allowed("/other"));
}

TEST(RobotsTest, ProductTokenMatchesCaseInsensitively) {
  const char* text =
      "User-agent: SINMUN\nDisallow: /private\n\nUser-agent: *\nDisallow: /\n";
  const RobotsRules r = ParseRobots(text, "sinmun");
  EXPECT_TRUE(r.Allowed("/news"));
  EXPECT_FALSE(r.Allowed("/private/1"));
}

TEST(RobotsTest, UserAgentValueWithVersionNamesItsToken) {
  const RobotsRules r = ParseRobots("User-agent: Sinmun/1.0 (+https://x)\nDisallow: /a\n", "sinmun");
  EXPECT_FALSE(r.Allowed("/a"));
  // A token that merely starts with ours is someone else.
  const RobotsRules other = ParseRobots("User-agent: sinmunbot\nDisallow: /a\n", "sinmun");
  EXPECT_TRUE(other.Allowed("/a"));
}

TEST(RobotsTest, MatchingGroupsAreMerged) {
  const char* text =
      "User-agent: sinmun\nDisallow: /a\n\nUser-agent: other\nDisallow: /b\n\n"
      "User-agent: sinmun\nDisallow: /c\n";
  const RobotsRules r = ParseRobots(text, "sinmun");
  EXPECT_FALSE(r.Allowed("/a"));
  EXPECT_TRUE(r.Allowed("/b"));
  EXPECT_FALSE(r.Allowed("/c"));
}

TEST(RobotsTest, LongestMatchWins) {
  const char* text =
      "User-agent: *\nDisallow: /news\nAllow: /news/public\nDisallow: /news/public/secret\n";
  const RobotsRules r = ParseRobots(text, "sinmun");
  EXPECT_FALSE(r.Allowed("/news/1"));
  EXPECT_TRUE(r.Allowed("/news/public/1"));
  EXPECT_FALSE(r.Allowed("/news/public/secret/1"));
  EXPECT_TRUE(r.Allowed("/other"));
}

TEST(RobotsTest, AllowWinsTies) {
  const RobotsRules r = ParseRobots("User-agent: *\nDisallow: /page\nAllow: /page\n", "sinmun");
  EXPECT_TRUE(r.Allowed("/page"));
  const RobotsRules r2 = ParseRobots("User-agent: *\nAllow: /page\nDisallow: /page\n", "sinmun");
  EXPECT_TRUE(r2.Allowed("/page"));
  // Equal length with wildcards: still allow.
  const RobotsRules r3 = ParseRobots("User-agent: *\nDisallow: /*.php\nAllow: /x*.php\n", "sinmun");
  EXPECT_TRUE(r3.Allowed("/xy.php"));
}

TEST(RobotsTest, Wildcards) {
  const char* text =
      "User-agent: *\nDisallow: /*/print\nDisallow: /*.pdf$\nDisallow: /search*q=\nAllow: /$\n"
      "Disallow: /\n";
  const RobotsRules r = ParseRobots(text, "sinmun");
  EXPECT_TRUE(r.Allowed("/"));
  EXPECT_FALSE(r.Allowed("/index.html"));
  const RobotsRules w = ParseRobots(
      "User-agent: *\nDisallow: /*/print\nDisallow: /*.pdf$\nDisallow: /search*q=\n", "sinmun");
  EXPECT_FALSE(w.Allowed("/news/print"));
  EXPECT_FALSE(w.Allowed("/news/print/2"));
  EXPECT_FALSE(w.Allowed("/a/b.pdf"));
  EXPECT_TRUE(w.Allowed("/a/b.pdf.html"));
  EXPECT_FALSE(w.Allowed("/search?a=1&q=x"));
  EXPECT_TRUE(w.Allowed("/search?a=1"));
}

TEST(RobotsTest, PrefixMatchAfterStar) {
  // "/*/print" is a prefix pattern, so "/news/printable" is matched too.
  const RobotsRules r = ParseRobots("User-agent: *\nDisallow: /*/print\n", "sinmun");
  EXPECT_FALSE(r.Allowed("/news/printable"));
}

TEST(RobotsTest, EmptyDisallowAllowsEverything) {
  const RobotsRules r = ParseRobots("User-agent: *\nDisallow:\n", "sinmun");
  EXPECT_TRUE(r.Allowed("/anything"));
  EXPECT_EQ(r.rule_count(), 0u);
}

TEST(RobotsTest, NoGroupsOrNoMatchAllowsAll) {
  EXPECT_TRUE(ParseRobots("", "sinmun").Allowed("/x"));
  EXPECT_TRUE(ParseRobots("Disallow: /\n", "sinmun").Allowed("/x"));  // rule before any group
  EXPECT_TRUE(ParseRobots("User-agent: other\nDisallow: /\n", "sinmun").Allowed("/x"));
}

TEST(RobotsTest, RobotsTxtItselfAlwaysAllowed) {
  const RobotsRules r = ParseRobots("User-agent: *\nDisallow: /\n", "sinmun");
  EXPECT_FALSE(r.Allowed("/x"));
  EXPECT_TRUE(r.Allowed("/robots.txt"));
  EXPECT_FALSE(RobotsRules::DisallowAll().Allowed("/x"));
  EXPECT_TRUE(RobotsRules::DisallowAll().Allowed("/robots.txt"));
  EXPECT_TRUE(RobotsRules::AllowAll().Allowed("/x"));
}

TEST(RobotsTest, CommentsCaseAndLineEndings) {
  const char* text =
      "\xEF\xBB\xBF# comment\r\nuser-AGENT: *  # trailing\r\nDISALLOW: /a # no\rallow: /a/b\r\n";
  const RobotsRules r = ParseRobots(text, "sinmun");
  EXPECT_FALSE(r.Allowed("/a/c"));
  EXPECT_TRUE(r.Allowed("/a/b"));
}

TEST(RobotsTest, SitemapDoesNotEndGroupAndIsCollected) {
  const char* text =
      "User-agent: sinmun\nSitemap: https://example.com/s1.xml\nDisallow: /x\n"
      "Sitemap: https://example.com/s2.xml\n";
  const RobotsRules r = ParseRobots(text, "sinmun");
  EXPECT_FALSE(r.Allowed("/x"));
  ASSERT_EQ(r.sitemaps().size(), 2u);
  EXPECT_EQ(r.sitemaps()[1], "https://example.com/s2.xml");
}

TEST(RobotsTest, PercentEncodingNormalised) {
  const RobotsRules r = ParseRobots("User-agent: *\nDisallow: /%7Euser\nDisallow: /뉴스\n", "sinmun");
  EXPECT_FALSE(r.Allowed("/~user/page"));
  EXPECT_FALSE(r.Allowed("/%eb%89%b4%EC%8A%A4/1"));
  EXPECT_TRUE(r.Allowed("/news"));
}

TEST(RobotsTest, CrawlDelay) {
  const char* text =
      "User-agent: sinmun\nCrawl-delay: 2.5\nDisallow: /x\n\nUser-agent: *\nCrawl-delay: 10\n";
  EXPECT_EQ(ParseRobots(text, "sinmun").crawl_delay(), milliseconds(2500));
  EXPECT_EQ(ParseRobots(text, "other").crawl_delay(), milliseconds(10000));
  EXPECT_EQ(ParseRobots("User-agent: *\nCrawl-delay: soon\n", "s").crawl_delay(), std::nullopt);
  EXPECT_EQ(ParseRobots("User-agent: *\nCrawl-delay: 99999999999\n", "s").crawl_delay(),
            kMaxCrawlDelay);
  EXPECT_EQ(ParseRobots("User-agent: *\nDisallow: /\n", "s").crawl_delay(), std::nullopt);
}

TEST(RobotsTest, OnlyFirst500KiBAreParsed) {
  std::string text = "User-agent: *\n";
  while (text.size() < kMaxRobotsBytes) text += "# padding padding padding padding padding\n";
  text += "Disallow: /late\n";
  EXPECT_TRUE(ParseRobots(text, "sinmun").Allowed("/late"));
  EXPECT_FALSE(ParseRobots("User-agent: *\nDisallow: /late\n", "sinmun").Allowed("/late"));
}

TEST(RobotsTest, PathologicalWildcardsStayCorrect) {
  std::string pattern = "/";
  for (int i = 0; i < 50; ++i) pattern += "*a";
  pattern += "$";
  const RobotsRules r = ParseRobots("User-agent: *\nDisallow: " + pattern + "\n", "sinmun");
  EXPECT_TRUE(r.Allowed("/" + std::string(2000, 'a') + "b"));
  EXPECT_FALSE(r.Allowed("/" + std::string(60, 'a')));
}

}  // namespace
}  // namespace sinmun
