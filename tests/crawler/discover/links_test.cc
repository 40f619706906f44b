// DiscoverLinks over small hand-written listings in tests/data/listings/, with the exact
// links each must give (checked by hand against the fixture).
#include "crawler/discover/links.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

namespace sinmun {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::string ReadListing(const std::string& name) {
  std::ifstream in(std::string(SINMUN_LISTINGS_DIR) + "/" + name, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing fixture " << name;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// "url | article_id | title | published | sitemap": one line per link, so a failure shows
// the whole difference.
std::vector<std::string> Summary(const Listing& listing) {
  std::vector<std::string> out;
  for (const DiscoveredLink& l : listing.links) {
    out.push_back(l.url + " | " + l.article_id + " | " + l.title + " | " +
                  (l.published ? FormatRfc3339Kst(*l.published) : "-") +
                  (l.is_sitemap ? " | sitemap" : ""));
  }
  return out;
}

Listing MustDiscover(std::string_view bytes, std::string_view page_url, ListingKind kind,
                     std::string_view content_type = "") {
  Result<Listing> listing = DiscoverLinks(bytes, content_type, page_url, kind);
  EXPECT_TRUE(listing.ok()) << listing.status().ToString();
  return listing.ok() ? std::move(listing).value() : Listing{};
}

// ---- portal listing pages ----

TEST(DiscoverDaumTest, AnchorsAndScriptDataInDocumentOrder) {
  Listing listing = MustDiscover(ReadListing("daum_listing.html"),
                                 "https://news.daum.net/politics", ListingKind::ForPortal("daum"));
  EXPECT_THAT(
      Summary(listing),
      ElementsAre(
          "https://v.daum.net/v/20260520113007601 | daum:20260520113007601 |  | 2026-05-20T11:30:07+09:00",
          "https://v.daum.net/v/20260520111817849 | daum:20260520111817849 |  | 2026-05-20T11:18:17+09:00",
          // From the inline script: a JS object literal, then a "\/"-escaped URL.
          "https://v.daum.net/v/20260520112339151 | daum:20260520112339151 |  | 2026-05-20T11:23:39+09:00",
          "https://v.daum.net/v/20260520111210468 | daum:20260520111210468 |  | 2026-05-20T11:12:10+09:00",
          // Legacy host, after the script.
          "https://v.daum.net/v/20170101000000001 | daum:20170101000000001 |  | 2017-01-01T00:00:00+09:00"));
  EXPECT_THAT(listing.next_pages, IsEmpty());
  EXPECT_EQ(listing.encoding, "UTF-8");
  EXPECT_FALSE(listing.truncated);
}

TEST(DiscoverDaumTest, KindDecidesWhichPortal) {
  // The same page read as a Naver listing finds only the one Naver article it links.
  Listing listing = MustDiscover(ReadListing("daum_listing.html"),
                                 "https://news.daum.net/politics", ListingKind::ForPortal("naver"));
  EXPECT_THAT(Summary(listing),
              ElementsAre("https://n.news.naver.com/mnews/article/001/0015000001 | "
                          "naver:001:0015000001 |  | -"));
}

TEST(DiscoverDaumTest, OwnHostLinksKeepTheirUrl) {
  const std::string page =
      "<html><body><a href='/v/20260520113007601'>a</a>"
      "<a href='http://127.0.0.1:8081/v/20260520113007602'>other port</a>"
      "<a href='http://10.0.0.1:8080/v/20260520113007603'>other host</a>"
      "<a href='/news/politics'>nav</a></body></html>";
  Listing listing = MustDiscover(page, "http://127.0.0.1:8080/news/politics", ListingKind::ForPortal("daum"));
  EXPECT_THAT(Summary(listing),
              ElementsAre("http://127.0.0.1:8080/v/20260520113007601 | daum:20260520113007601 |  | "
                          "2026-05-20T11:30:07+09:00"));
  Listing naver = MustDiscover(
      "<a href='/mnews/article/001/0015000001?sid=100'>a</a><a href='/section/100'>s</a>",
      "http://127.0.0.1:8080/section/100", ListingKind::ForPortal("naver"));
  EXPECT_THAT(Summary(naver),
              ElementsAre("http://127.0.0.1:8080/mnews/article/001/0015000001?sid=100 | "
                          "naver:001:0015000001 |  | -"));
}

TEST(DiscoverDaumTest, BaseElementIsHonoured) {
  Listing listing = MustDiscover(
      "<html><head><base href='https://v.daum.net/'></head><body>"
      "<a href='v/20260520113007601'>a</a></body></html>",
      "https://news.daum.net/", ListingKind::ForPortal("daum"));
  EXPECT_THAT(Summary(listing), ElementsAre("https://v.daum.net/v/20260520113007601 | "
                                            "daum:20260520113007601 |  | 2026-05-20T11:30:07+09:00"));
}

TEST(DiscoverNaverTest, SectionPage) {
  Listing listing = MustDiscover(ReadListing("naver_section.html"),
                                 "https://news.naver.com/section/100", ListingKind::ForPortal("naver"));
  EXPECT_THAT(Summary(listing),
              ElementsAre("https://n.news.naver.com/mnews/article/001/0015000001 | naver:001:0015000001 |  | -",
                          "https://n.news.naver.com/mnews/article/421/0008770777 | naver:421:0008770777 |  | -",
                          "https://n.news.naver.com/mnews/article/018/0005236061 | naver:018:0005236061 |  | -",
                          "https://n.news.naver.com/mnews/article/477/0000073768 | naver:477:0000073768 |  | -"));
  // Its paging bar has no <strong> current page: not a legacy list.
  EXPECT_THAT(listing.next_pages, IsEmpty());
}

TEST(DiscoverNaverTest, LegacyEucKrListWithNextPage) {
  const std::string bytes = ReadListing("naver_legacy_list.euc-kr.html");
  const std::string page =
      "https://news.naver.com/main/list.naver?mode=LS2D&mid=shm&sid1=100&sid2=264&date=20260530&page=2";
  Listing listing = MustDiscover(bytes, page, ListingKind::ForPortal("naver"), "text/html;charset=EUC-KR");
  EXPECT_EQ(listing.encoding, "EUC-KR");
  EXPECT_THAT(Summary(listing),
              ElementsAre("https://n.news.naver.com/mnews/article/001/0015000011 | naver:001:0015000011 |  | -",
                          "https://n.news.naver.com/mnews/article/022/0003900012 | naver:022:0003900012 |  | -"));
  EXPECT_THAT(listing.next_pages,
              ElementsAre("https://news.naver.com/main/list.naver?mode=LS2D&sid2=264&mid=shm&sid1=100"
                          "&date=20260530&page=3"));
  // Without the HTTP charset the <meta> declaration decides.
  EXPECT_EQ(MustDiscover(bytes, page, ListingKind::ForPortal("naver")).encoding, "EUC-KR");
}

TEST(DiscoverNaverTest, LastPageHasNoNextPage) {
  Listing listing = MustDiscover(
      "<div class='paging'><a href='?page=1'>1</a> <strong>2</strong></div>",
      "https://news.naver.com/main/list.naver?mode=LSD&page=2", ListingKind::ForPortal("naver"));
  EXPECT_THAT(listing.next_pages, IsEmpty());
  // A next link that leaves Naver is not followed.
  listing = MustDiscover("<div class='paging'><strong>1</strong><a href='https://evil.example/?page=2'>2</a></div>",
                         "https://news.naver.com/main/list.naver?mode=LSD", ListingKind::ForPortal("naver"));
  EXPECT_THAT(listing.next_pages, IsEmpty());
  // Paging is a Naver-legacy feature only.
  listing = MustDiscover("<div class='paging'><strong>1</strong><a href='?page=2'>2</a></div>",
                         "https://news.daum.net/", ListingKind::ForPortal("daum"));
  EXPECT_THAT(listing.next_pages, IsEmpty());
}

// ---- feeds ----

TEST(DiscoverFeedTest, Rss2WithNonRfc822Dates) {
  Listing listing = MustDiscover(ReadListing("rss_nonrfc822.xml"),
                                 "https://www.example.co.kr/rss/popular.xml", ListingKind::kFeed);
  EXPECT_THAT(
      Summary(listing),
      ElementsAre(
          // "2026-08-28 14:57:04" is KST; utm_source dropped by CanonicalUrl.
          "http://www.example.co.kr/news/articleView.html?idxno=38809 |  | 승리와 고립, 핵관의 장막에 갇힌 자 | 2026-08-28T14:57:04+09:00",
          // guid without isPermaLink is a permalink; RFC 822 GMT.
          "https://www.example.co.kr/news/2 |  | guid 만 있는 기사 | 2026-08-28T14:00:00+09:00",
          // isPermaLink="false" guid skipped; a portal article gets its id; dc:date.
          "https://n.news.naver.com/mnews/article/437/0000483987 | naver:437:0000483987 | 포털 기사 | 2026-08-28T10:00:00+09:00",
          // javascript: skipped; CDATA link trimmed; entity in title decoded.
          "https://www.example.co.kr/news/6 |  | A & B | -"));
  EXPECT_EQ(listing.encoding, "UTF-8");
}

TEST(DiscoverFeedTest, Atom) {
  Listing listing =
      MustDiscover(ReadListing("atom.xml"), "https://blog.example.org/feed.atom", ListingKind::kFeed);
  EXPECT_THAT(
      Summary(listing),
      ElementsAre(
          // rel="alternate" chosen over rel="edit", resolved against xml:base; published wins.
          "https://blog.example.org/posts/1 |  | 첫 글 <속보> | 2026-03-21T21:43:25+09:00",
          // A link without rel is the alternate; only <updated>.
          "https://blog.example.org/posts/2 |  | 둘째 글 | 2026-03-21T21:43:25+09:00",
          // No date in the feed: the Daum id gives it.
          "https://v.daum.net/v/20260321214325415 | daum:20260321214325415 | 다음 기사 | 2026-03-21T21:43:25+09:00"));
}

TEST(DiscoverFeedTest, Rss1AndEucKrDeclaration) {
  // RSS 1.0 (RDF) items sit outside <channel>; the title is EUC-KR ("한국"), declared only
  // in the XML declaration.
  const std::string xml =
      "<?xml version=\"1.0\" encoding=\"euc-kr\"?>"
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\""
      " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
      "<channel rdf:about=\"https://www.example.co.kr/\"><title>t</title></channel>"
      "<item rdf:about=\"https://www.example.co.kr/a/1\"><title>\xC7\xD1\xB1\xB9</title>"
      "<dc:date>2026-05-30T10:00:00+09:00</dc:date></item>"
      "</rdf:RDF>";
  Listing listing = MustDiscover(xml, "https://www.example.co.kr/rss", ListingKind::kFeed);
  EXPECT_EQ(listing.encoding, "EUC-KR");
  EXPECT_THAT(Summary(listing),
              ElementsAre("https://www.example.co.kr/a/1 |  | 한국 | 2026-05-30T10:00:00+09:00"));
}

// "<?xml … encoding="UTF-16"?>" RSS written as UTF-16 (or UTF-32) code units, from ASCII
// and two Hangul syllables.
std::string WideFeed(std::u32string_view text, int width, bool big_endian) {
  std::string out;
  for (char32_t c : text) {
    for (int i = 0; i < width; ++i) {
      const int shift = big_endian ? 8 * (width - 1 - i) : 8 * i;
      out.push_back(static_cast<char>((c >> shift) & 0xFF));
    }
  }
  return out;
}

TEST(DiscoverFeedTest, Utf16WithoutMarkAndUtf32WithMark) {
  const std::u32string feed =
      U"<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss><channel><item><title>\uD55C\uAD6D</title>"
      U"<link>https://www.example.co.kr/a/16</link></item></channel></rss>";
  Listing le = MustDiscover(WideFeed(feed, 2, false), "https://www.example.co.kr/rss", ListingKind::kFeed);
  EXPECT_EQ(le.encoding, "UTF-16LE");
  EXPECT_THAT(Summary(le), ElementsAre("https://www.example.co.kr/a/16 |  | 한국 | -"));
  Listing be = MustDiscover(WideFeed(feed, 2, true), "https://www.example.co.kr/rss", ListingKind::kFeed);
  EXPECT_EQ(be.encoding, "UTF-16BE");
  EXPECT_THAT(Summary(be), ElementsAre("https://www.example.co.kr/a/16 |  | 한국 | -"));
  // UTF-32BE with a byte-order mark, declared in the header: the mark is not text.
  Listing utf32 = MustDiscover(WideFeed(U"\uFEFF" + feed, 4, true), "https://www.example.co.kr/rss",
                               ListingKind::kFeed, "application/rss+xml; charset=utf-32be");
  EXPECT_EQ(utf32.encoding, "UTF-32BE");
  EXPECT_THAT(Summary(utf32), ElementsAre("https://www.example.co.kr/a/16 |  | 한국 | -"));
}

TEST(DiscoverFeedTest, HtmlServedForAFeedIsAnError) {
  Result<Listing> listing =
      DiscoverLinks("<html><body><a href='https://www.example.co.kr/a/1'>x</a></body></html>",
                    "text/html", "https://www.example.co.kr/rss", ListingKind::kFeed);
  ASSERT_FALSE(listing.ok());
  EXPECT_NE(listing.status().message().find("not an RSS or Atom feed"), std::string::npos);
}

// ---- sitemaps ----

TEST(DiscoverSitemapTest, UrlSet) {
  Listing listing = MustDiscover(ReadListing("sitemap.xml"), "https://www.example.co.kr/sitemap.xml",
                                 ListingKind::kSitemap);
  EXPECT_THAT(
      Summary(listing),
      ElementsAre(
          "https://www.example.co.kr/news/articleView.html?idxno=1 |  |  | 2026-05-30T00:00:00+09:00",
          // Host lower-cased, default port and fragment dropped.
          "https://www.example.co.kr/news/articleView.html?idxno=2 |  |  | 2026-05-30T10:16:56+09:00",
          // Duplicate and ftp: skipped; a portal article gets its id.
          "https://v.daum.net/v/20260530101656001 | daum:20260530101656001 |  | 2026-05-30T10:16:56+09:00"));
}

TEST(DiscoverSitemapTest, NewsSitemap) {
  Listing listing = MustDiscover(ReadListing("news_sitemap.xml"),
                                 "https://www.example.co.kr/sitemap-news.xml", ListingKind::kSitemap);
  EXPECT_THAT(
      Summary(listing),
      ElementsAre(
          // publication_date, not lastmod.
          "https://www.example.co.kr/article/2026053012345 |  | 여야, 예산안 합의 | 2026-05-30T10:16:56+09:00",
          "https://n.news.naver.com/mnews/article/001/0015000011 | naver:001:0015000011 | 네이버 기사 | 2026-05-30T10:00:00+09:00"));
}

TEST(DiscoverSitemapTest, SitemapIndex) {
  Listing listing = MustDiscover(ReadListing("sitemap_index.xml"),
                                 "https://www.example.co.kr/sitemap.xml", ListingKind::kSitemap);
  EXPECT_THAT(Summary(listing),
              ElementsAre("https://www.example.co.kr/sitemap-news.xml |  |  | 2026-05-30T10:00:00+09:00 | sitemap",
                          "https://www.example.co.kr/sitemap-2026-05.xml |  |  | - | sitemap"));
}

TEST(DiscoverSitemapTest, FeedIsNotASitemap) {
  Result<Listing> listing = DiscoverLinks(ReadListing("rss_nonrfc822.xml"), "",
                                          "https://www.example.co.kr/sitemap.xml", ListingKind::kSitemap);
  ASSERT_FALSE(listing.ok());
  EXPECT_NE(listing.status().message().find("not a sitemap"), std::string::npos);
}

// ---- hostile input and limits ----

bool AnyFieldContains(const Listing& listing, std::string_view needle) {
  for (const DiscoveredLink& l : listing.links) {
    if (l.url.find(needle) != std::string::npos || l.title.find(needle) != std::string::npos) {
      return true;
    }
  }
  return false;
}

TEST(DiscoverHostileTest, BillionLaughsIsNotExpanded) {
  const std::string xml = ReadListing("billion_laughs.xml");
  const auto start = std::chrono::steady_clock::now();
  for (ListingKind kind : {ListingKind::kFeed, ListingKind::kSitemap}) {
    Result<Listing> listing = DiscoverLinks(xml, "application/rss+xml", "https://www.example.co.kr/rss", kind);
    if (!listing.ok()) continue;  // refusing the document is as good as not expanding it
    EXPECT_FALSE(AnyFieldContains(*listing, "lollollol"));
    for (const DiscoveredLink& l : listing->links) {
      EXPECT_LT(l.url.size() + l.title.size(), 200u) << l.url;
    }
  }
  // 10^9 "lol"s would take minutes and gigabytes.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(DiscoverHostileTest, BillionLaughsStopsTheParser) {
  // libxml2's entity amplification check (on without XML_PARSE_HUGE) stops the parse at the
  // first reference to the bomb: the feed yields nothing, quickly, instead of 3 GB of "lol".
  Listing listing = MustDiscover(ReadListing("billion_laughs.xml"), "https://www.example.co.kr/rss",
                                 ListingKind::kFeed);
  EXPECT_THAT(Summary(listing), IsEmpty());
}

TEST(DiscoverHostileTest, ExternalEntitiesAreNotLoaded) {
  Listing listing =
      MustDiscover(ReadListing("xxe.xml"), "https://www.example.co.kr/rss", ListingKind::kFeed);
  EXPECT_FALSE(AnyFieldContains(listing, "root:"));
  EXPECT_THAT(Summary(listing),
              ::testing::Contains("https://www.example.co.kr/news/1 |  | 안전한 기사 | -"));

  // The same with a file whose content we know, so the test fails if it is ever read.
  const std::filesystem::path secret =
      std::filesystem::temp_directory_path() / ("sinmun_discover_xxe_" + std::to_string(::getpid()));
  { std::ofstream(secret) << "SECRET-TOKEN-1234"; }
  const std::string xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY s SYSTEM \"file://" +
                          secret.string() + "\">]><rss><channel><item><title>&s;</title>"
                          "<link>https://www.example.co.kr/&s;</link></item></channel></rss>";
  for (ListingKind kind : {ListingKind::kFeed, ListingKind::kSitemap}) {
    Result<Listing> got = DiscoverLinks(xml, "", "https://www.example.co.kr/rss", kind);
    if (got.ok()) {
      EXPECT_FALSE(AnyFieldContains(*got, "SECRET"));
    }
  }
  std::filesystem::remove(secret);
}

TEST(DiscoverLimitsTest, RefusesBadInput) {
  EXPECT_FALSE(DiscoverLinks("", "", "https://news.daum.net/", ListingKind::ForPortal("daum")).ok());
  EXPECT_FALSE(DiscoverLinks("<a href='x'>", "", "not a url", ListingKind::ForPortal("daum")).ok());
  EXPECT_FALSE(DiscoverLinks("<a href='x'>", "", "ftp://news.daum.net/", ListingKind::ForPortal("daum")).ok());
  Result<Listing> gz = DiscoverLinks(std::string("\x1f\x8b\x08\x00rest", 8), "",
                                     "https://www.example.co.kr/sitemap.xml.gz", ListingKind::kSitemap);
  ASSERT_FALSE(gz.ok());
  EXPECT_EQ(gz.status().code(), Status::Code::kUnsupported);
  std::string big(kMaxListingBytes + 1, ' ');
  Result<Listing> too_big = DiscoverLinks(big, "", "https://news.daum.net/", ListingKind::ForPortal("daum"));
  ASSERT_FALSE(too_big.ok());
  EXPECT_EQ(too_big.status().code(), Status::Code::kInvalidArgument);
}

TEST(DiscoverLimitsTest, AtMostTenThousandLinks) {
  std::string xml = "<urlset>";
  for (int i = 0; i < 10'050; ++i) {
    xml += "<url><loc>https://www.example.co.kr/a/" + std::to_string(i) + "</loc></url>";
  }
  xml += "</urlset>";
  Listing listing = MustDiscover(xml, "https://www.example.co.kr/sitemap.xml", ListingKind::kSitemap);
  ASSERT_EQ(listing.links.size(), kMaxLinks);
  EXPECT_TRUE(listing.truncated);
  EXPECT_EQ(listing.links.back().url, "https://www.example.co.kr/a/9999");

  std::string script = "<script>";
  for (int i = 0; i < 10'050; ++i) {
    char id[18];
    std::snprintf(id, sizeof id, "20260520%09d", i);
    script += "{u:\"https://v.daum.net/v/" + std::string(id) + "\"},";
  }
  script += "</script>";
  Listing daum = MustDiscover(script, "https://news.daum.net/", ListingKind::ForPortal("daum"));
  EXPECT_EQ(daum.links.size(), kMaxLinks);
  EXPECT_TRUE(daum.truncated);
}

TEST(DiscoverLimitsTest, OnlyHttpLinks) {
  Listing listing = MustDiscover(
      "<rss><channel>"
      "<item><link>ftp://www.example.co.kr/a</link></item>"
      "<item><link>file:///etc/passwd</link></item>"
      "<item><link>data:text/html,hi</link></item>"
      "<item><link>/relative/ok</link></item>"
      "</channel></rss>",
      "https://www.example.co.kr/rss", ListingKind::kFeed);
  EXPECT_THAT(Summary(listing), ElementsAre("https://www.example.co.kr/relative/ok |  |  | -"));
}

}  // namespace
}  // namespace sinmun
