// DiscoverFetchedLinks over feeds and sitemaps served as real servers serve them: gzip files
// without Content-Encoding, RSS 1.0 as application/rdf+xml, RSS 2.0 as
// application/octet-stream, text/plain or without a Content-Type; and what it refuses.
#include "crawler/discover/fetched_listing.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crawler/http/http_client.h"
#include "tests/support/loopback_server.h"

namespace sinmun {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr uint64_t kLimit = 1 << 20;

const std::string kRss2 =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>t</title>"
    "<item><title>첫 기사</title><link>https://www.example.co.kr/a/1</link>"
    "<pubDate>Sat, 21 Mar 2026 21:43:25 +0900</pubDate></item></channel></rss>";
const std::string kRss1 =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
    " xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
    "<channel rdf:about=\"https://www.example.co.kr/\"><title>t</title></channel>"
    "<item rdf:about=\"https://www.example.co.kr/a/2\"><title>둘째 기사</title>"
    "<link>https://www.example.co.kr/a/2</link><dc:date>2026-03-21T21:43:25+09:00</dc:date>"
    "</item></rdf:RDF>";
const std::string kNewsSitemap =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""
    " xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\"><url>"
    "<loc>https://www.example.co.kr/article/3</loc><news:news>"
    "<news:publication_date>2026-03-21T12:43:25Z</news:publication_date>"
    "<news:title>셋째 기사</news:title></news:news></url></urlset>";

std::vector<std::string> Urls(const Listing& listing) {
  std::vector<std::string> out;
  for (const DiscoveredLink& l : listing.links) out.push_back(l.url);
  return out;
}

Listing Must(std::string_view body, std::string_view type, std::string_view url, ListingKind kind) {
  Result<Listing> listing = DiscoverFetchedLinks(body, type, url, kind, kLimit);
  EXPECT_TRUE(listing.ok()) << type << ": " << listing.status().ToString();
  return listing.ok() ? std::move(listing).value() : Listing{};
}

TEST(FetchedListingTest, GzippedSitemapWithoutContentEncoding) {
  const std::string gz = test_support::Gzip(kNewsSitemap);
  for (std::string_view type : {"application/x-gzip", "application/gzip",
                                "application/octet-stream", "", "application/xml"}) {
    Listing listing = Must(gz, type, "https://www.example.co.kr/sitemap-news.xml.gz",
                           ListingKind::kSitemap);
    EXPECT_THAT(Urls(listing), ElementsAre("https://www.example.co.kr/article/3")) << type;
    ASSERT_EQ(listing.links.size(), 1u);
    EXPECT_EQ(listing.links[0].title, "셋째 기사");
    EXPECT_EQ(FormatRfc3339Kst(*listing.links[0].published), "2026-03-21T21:43:25+09:00");
  }
  // A gzipped feed too.
  Listing feed = Must(test_support::Gzip(kRss2), "application/x-gzip",
                      "https://www.example.co.kr/rss.xml.gz", ListingKind::kFeed);
  EXPECT_THAT(Urls(feed), ElementsAre("https://www.example.co.kr/a/1"));
}

TEST(FetchedListingTest, FeedsUnderTheTypesServersSend) {
  Listing rdf = Must(kRss1, "application/rdf+xml", "https://www.example.co.kr/rss", ListingKind::kFeed);
  EXPECT_THAT(Urls(rdf), ElementsAre("https://www.example.co.kr/a/2"));
  for (std::string_view type : {"application/octet-stream", "text/plain; charset=utf-8", "",
                                "application/rss+xml", "text/xml"}) {
    Listing rss = Must(kRss2, type, "https://www.example.co.kr/rss", ListingKind::kFeed);
    EXPECT_THAT(Urls(rss), ElementsAre("https://www.example.co.kr/a/1")) << type;
  }
  // White space and a byte-order mark before the declaration are still XML.
  Listing bom = Must("\xEF\xBB\xBF\n  " + kRss2.substr(kRss2.find("<rss")), "application/octet-stream",
                     "https://www.example.co.kr/rss", ListingKind::kFeed);
  EXPECT_THAT(Urls(bom), ElementsAre("https://www.example.co.kr/a/1"));
}

TEST(FetchedListingTest, SaysWhatTheBytesWere) {
  Result<Listing> text = DiscoverFetchedLinks("Service temporarily unavailable", "text/plain",
                                              "https://www.example.co.kr/rss", ListingKind::kFeed, kLimit);
  ASSERT_FALSE(text.ok());
  EXPECT_THAT(text.status().message(),
              HasSubstr("not a feed: served as text/plain and not XML, begins «Service temporarily"));

  Result<Listing> fake_gz = DiscoverFetchedLinks(kNewsSitemap, "application/x-gzip",
                                                 "https://www.example.co.kr/s.xml.gz",
                                                 ListingKind::kSitemap, kLimit);
  ASSERT_FALSE(fake_gz.ok());
  EXPECT_THAT(fake_gz.status().message(), HasSubstr("not gzip: served as application/x-gzip"));

  Result<Listing> bomb = DiscoverFetchedLinks(test_support::GzipOfZeros(8u << 20), "application/gzip",
                                              "https://www.example.co.kr/s.xml.gz",
                                              ListingKind::kSitemap, kLimit);
  ASSERT_FALSE(bomb.ok());
  EXPECT_THAT(bomb.status().message(), HasSubstr("more than 1048576 bytes"));

  Result<Listing> image = DiscoverFetchedLinks("\x89PNG\r\n", "image/png", "https://www.example.co.kr/rss",
                                               ListingKind::kFeed, kLimit);
  ASSERT_FALSE(image.ok());
  EXPECT_THAT(image.status().message(), HasSubstr("not a feed: served as image/png"));

  // An HTML error page for a feed URL is XML-looking, and the parser names its root.
  Result<Listing> html = DiscoverFetchedLinks("<html><body>점검 중</body></html>", "text/html",
                                              "https://www.example.co.kr/rss", ListingKind::kFeed, kLimit);
  ASSERT_FALSE(html.ok());
  EXPECT_THAT(html.status().message(), HasSubstr("not an RSS or Atom feed"));

  // Portal listing pages accept page types only.
  Result<Listing> portal = DiscoverFetchedLinks("<a href='/v/20260321214325415'>x</a>", "text/plain",
                                                "https://news.daum.net/politics", ListingKind::ForPortal("daum"), kLimit);
  ASSERT_FALSE(portal.ok());
  EXPECT_THAT(portal.status().message(), HasSubstr("served as text/plain"));
}

TEST(FetchedListingTest, ContentTypesByKind) {
  EXPECT_TRUE(ContentTypeAllowed("application/x-gzip", ListingContentTypes(ListingKind::kSitemap)));
  EXPECT_TRUE(ContentTypeAllowed("application/rdf+xml", ListingContentTypes(ListingKind::kFeed)));
  EXPECT_TRUE(ContentTypeAllowed("", ListingContentTypes(ListingKind::kFeed)));
  EXPECT_FALSE(ContentTypeAllowed("image/png", ListingContentTypes(ListingKind::kFeed)));
  EXPECT_FALSE(ContentTypeAllowed("application/octet-stream", ListingContentTypes(ListingKind::ForPortal("daum"))));
  EXPECT_TRUE(ContentTypeAllowed("text/html", ListingContentTypes(ListingKind::ForPortal("naver"))));
}

}  // namespace
}  // namespace sinmun
