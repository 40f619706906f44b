#include "common/identity.h"

#include <gtest/gtest.h>

namespace sinmun {
namespace {

TEST(IdentityTest, DaumArticleUrls) {
  EXPECT_EQ(ArticleIdForUrl("https://v.daum.net/v/20260321214325415"), "daum:20260321214325415");
  EXPECT_EQ(ArticleIdForUrl("http://news.v.daum.net/v/20170101120000123?f=o"),
            "daum:20170101120000123");
  EXPECT_EQ(ArticleIdForUrl("https://v.media.daum.net/v/20150101000000001"),
            "daum:20150101000000001");
  // Wrong number of digits: not an article id.
  EXPECT_EQ(ArticleIdForUrl("https://v.daum.net/v/2026032121432541"),
            "url:https://v.daum.net/v/2026032121432541");
}

TEST(IdentityTest, NaverArticleUrlsIgnoreSid) {
  EXPECT_EQ(ArticleIdForUrl("https://n.news.naver.com/mnews/article/421/0008770777?sid=110"),
            "naver:421:0008770777");
  EXPECT_EQ(ArticleIdForUrl("https://n.news.naver.com/article/437/0000483987"),
            "naver:437:0000483987");
  EXPECT_EQ(ArticleIdForUrl("https://news.naver.com/main/read.naver?mode=LSD&mid=sec&amp;oid=001&"
                            "aid=0009205077&sid1=001"),
            "naver:001:0009205077");
  EXPECT_EQ(ArticleIdForUrl("https://sports.news.naver.com/news?oid=477&aid=0000073768"),
            "naver:477:0000073768");
  EXPECT_EQ(ArticleIdForUrl("https://m.entertain.naver.com/article/311/0001234567"),
            "naver:311:0001234567");
  // The same article from the ranking box and an issue series (real listing links).
  EXPECT_EQ(ArticleIdForUrl("https://n.news.naver.com/mnews/ranking/article/469/0000933527?ntype=RANKING"),
            "naver:469:0000933527");
  EXPECT_EQ(ArticleIdForUrl("https://n.news.naver.com/mnews/hotissue/article/031/0001031927?type=series&cid=2003529"),
            "naver:031:0001031927");
  EXPECT_FALSE(ArticleIdForUrl("https://n.news.naver.com/a/b/c/article/031/0001031927")->starts_with("naver:"));
}

TEST(IdentityTest, OtherUrlsAreCanonicalised) {
  EXPECT_EQ(ArticleIdForUrl("HTTPS://WWW.Hani.co.kr:443/arti/politics/1.html?utm_source=x&a=1#top"),
            "url:https://www.hani.co.kr/arti/politics/1.html?a=1");
  EXPECT_EQ(CanonicalUrl("http://example.com"), "http://example.com/");
  EXPECT_EQ(CanonicalUrl("http://example.com:8080/a"), "http://example.com:8080/a");
  EXPECT_FALSE(ArticleIdForUrl("ftp://example.com/x"));
  EXPECT_FALSE(ArticleIdForUrl("not a url"));
  EXPECT_FALSE(ArticleIdForUrl("http://:80/"));
}

TEST(IdentityTest, TheSchemeIsFoldedForIdentity) {
  EXPECT_EQ(IdentityUrl("http://WWW.Outlet.example/a?utm_medium=rss&b=2"),
            "https://www.outlet.example/a?b=2");
  EXPECT_EQ(IdentityUrl("https://www.outlet.example/a"), "https://www.outlet.example/a");
  EXPECT_EQ(IdentityUrl("http://www.outlet.example:80/a"), "https://www.outlet.example/a");
  EXPECT_EQ(ArticleIdForUrl("http://www.outlet.example/a"), ArticleIdForUrl("https://www.outlet.example/a"));
  EXPECT_FALSE(IdentityUrl("ftp://example.com/x"));
  // Portal ids do not depend on the scheme either.
  EXPECT_EQ(ArticleIdForUrl("http://v.media.daum.net/v/20260321214325415"), "daum:20260321214325415");
}

TEST(IdentityTest, SameSiteByRegistrableDomain) {
  EXPECT_TRUE(SameSite("www.mk.co.kr", "m.mk.co.kr"));
  EXPECT_TRUE(SameSite("mk.co.kr", "stock.mk.co.kr"));
  EXPECT_TRUE(SameSite("news.kbs.co.kr", "mn.kbs.co.kr"));
  EXPECT_TRUE(SameSite("www.chosun.com", "biz.chosun.com"));
  EXPECT_TRUE(SameSite("www.news1.kr", "news1.kr"));
  EXPECT_FALSE(SameSite("www.news1.kr", "www.yna.co.kr"));
  EXPECT_FALSE(SameSite("a.co.kr", "b.co.kr"));  // co.kr is a public suffix, not a site
  EXPECT_FALSE(SameSite("www.bbc.co.uk", "www.itv.co.uk"));
  EXPECT_FALSE(SameSite("", "www.mk.co.kr"));
  EXPECT_TRUE(SameSite("127.0.0.1", "127.0.0.1"));
}

TEST(IdentityTest, CanonicalisingIsIdempotent) {
  // Entities escaped twice decode fully, so a canonical URL is its own canonical form.
  EXPECT_EQ(CanonicalUrl("http://a.kr/x?p=1&amp;amp;q=2"), "http://a.kr/x?p=1&q=2");
  EXPECT_EQ(CanonicalUrl("http://a.kr/x?p=1&&&q=2"), "http://a.kr/x?p=1&q=2");
  // Characters that cannot stand in a host name make the URL unusable.
  EXPECT_FALSE(CanonicalUrl("http://a&Amp;b/"));
  EXPECT_FALSE(CanonicalUrl("http://a b/"));
  EXPECT_EQ(CanonicalUrl("http://[::1]:8080/x"), "http://[::1]:8080/x");
}

TEST(IdentityTest, RecognisesIds) {
  EXPECT_TRUE(LooksLikeArticleId("daum:20260321214325415"));
  EXPECT_TRUE(LooksLikeArticleId("naver:001:0009205077"));
  EXPECT_TRUE(LooksLikeArticleId("url:https://www.hani.co.kr/a"));
  EXPECT_FALSE(LooksLikeArticleId("naver:1:2"));
  EXPECT_FALSE(LooksLikeArticleId("https://v.daum.net/v/20260321214325415"));
}

}  // namespace
}  // namespace sinmun
