// The portal simulator's pages, fetched with the real libcurl client and read by the
// project's own extractor and link discovery: what the daemon system tests rely on.
#include "tests/simulator/portal_simulator.h"

#include <algorithm>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/clock.h"
#include "common/time.h"
#include "crawler/discover/links.h"
#include "crawler/extract/extractor.h"
#include "crawler/http/curl_client.h"

namespace sinmun::test_support {
namespace {

using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

class SimulatorTest : public ::testing::Test {
 protected:
  std::unique_ptr<HttpClient> Client(HttpOptions options = {}) {
    options.allow_private_addresses = true;
    options.user_agent = "sinmun-simulator-test";
    Result<std::unique_ptr<HttpClient>> c = CreateCurlClient(options, clock_);
    EXPECT_TRUE(c.ok()) << c.status().message();
    return c.ok() ? std::move(*c) : nullptr;
  }

  FetchResult Fetch(const std::string& url, HttpOptions options = {}) {
    std::unique_ptr<HttpClient> client = Client(options);
    if (!client) return {};
    FetchRequest request;
    request.id = 1;
    request.url = url;
    if (url.ends_with("/robots.txt")) request.allowed_content_types = RobotsContentTypes();
    client->Start(request);
    for (int i = 0; i < 600; ++i) {  // up to a minute
      std::vector<FetchResult> done = client->Poll(std::chrono::milliseconds(100));
      if (!done.empty()) return done.front();
    }
    ADD_FAILURE() << "no result for " << url;
    return {};
  }

  Article MustExtract(const std::string& url) {
    FetchResult r = Fetch(url);
    EXPECT_TRUE(r.error.ok()) << url << ": " << r.error.message();
    EXPECT_EQ(r.http_status, 200) << url;
    Result<Article> a = ExtractArticle(Page{r.body, url, r.content_type});
    EXPECT_TRUE(a.ok()) << url << ": " << a.status().message();
    return a.ok() ? *a : Article{};
  }

  static std::vector<std::string> Texts(const Article& a) {
    std::vector<std::string> out;
    for (const Block& b : a.blocks) out.push_back(b.text);
    return out;
  }

  SystemClock clock_;
  PortalSimulator sim_;
};

TEST_F(SimulatorTest, RobotsDisallowsPrivate) {
  FetchResult r = Fetch(sim_.Url("/robots.txt"));
  EXPECT_EQ(r.http_status, 200);
  EXPECT_THAT(r.body, HasSubstr("User-agent: *\nDisallow: /private/\n"));
  EXPECT_THAT(r.body, ::testing::Not(HasSubstr("Crawl-delay")));
  sim_.SetCrawlDelay(2);
  EXPECT_THAT(Fetch(sim_.Url("/robots.txt")).body, HasSubstr("Crawl-delay: 2\n"));
}

TEST_F(SimulatorTest, DaumListingLinksItsArticlesOnItsOwnHost) {
  const std::string url = sim_.Url(PortalSimulator::kDaumListPath);
  FetchResult r = Fetch(url);
  ASSERT_EQ(r.http_status, 200);
  Result<Listing> listing = DiscoverLinks(r.body, r.content_type, url, ListingKind::ForPortal("daum"));
  ASSERT_TRUE(listing.ok()) << listing.status().message();
  std::vector<std::string> urls, ids, want_urls, want_ids;
  for (const DiscoveredLink& l : listing->links) {
    urls.push_back(l.url);
    ids.push_back(l.article_id);
  }
  for (const std::string& p : sim_.DaumPaths()) {
    want_urls.push_back(sim_.Url(p));
    want_ids.push_back(sim_.ExpectedId(p));
  }
  ASSERT_EQ(want_ids.size(), 4u);
  EXPECT_EQ(want_ids[0], "daum:20261102093000001");
  // Navigation, ad, comment and search links are no articles; /private/v/… is not an
  // article path either.
  EXPECT_THAT(urls, ElementsAreArray(want_urls));
  EXPECT_THAT(ids, ElementsAreArray(want_ids));

  const std::string added = sim_.AddDaumArticle();
  r = Fetch(url);
  listing = DiscoverLinks(r.body, r.content_type, url, ListingKind::ForPortal("daum"));
  ASSERT_TRUE(listing.ok());
  ASSERT_EQ(listing->links.size(), 5u);
  EXPECT_EQ(listing->links.front().article_id, "daum:20261102093000005");
  EXPECT_EQ(listing->links.front().url, sim_.Url(added));
}

TEST_F(SimulatorTest, DaumArticlesExtract) {
  for (const std::string& path : sim_.DaumPaths()) {
    SimArticle want = *sim_.Article(path);
    Article a = MustExtract(sim_.Url(path));
    EXPECT_EQ(a.id, want.id);
    EXPECT_EQ(a.url, "https://v.daum.net" + path);
    EXPECT_EQ(a.portal, "daum");
    EXPECT_EQ(a.title, want.title);
    EXPECT_EQ(a.press, want.press);
    EXPECT_THAT(a.authors, ElementsAreArray({std::string(want.author.substr(0, want.author.find(' ')))}));
    ASSERT_TRUE(a.published.has_value());
    EXPECT_EQ(FormatRfc3339Kst(*a.published), "2026-11-02T09:30:00+09:00");
    EXPECT_THAT(Texts(a), ElementsAreArray(want.paragraphs));
    for (const Block& b : a.blocks) {
      EXPECT_EQ(b.publisher_hash.size(), 64u);
      EXPECT_FALSE(b.publisher_id.empty());
    }
  }
}

TEST_F(SimulatorTest, NaverSectionAndArticlesExtract) {
  const std::string url = sim_.Url(PortalSimulator::kNaverSectionPath);
  FetchResult r = Fetch(url);
  Result<Listing> listing = DiscoverLinks(r.body, r.content_type, url, ListingKind::ForPortal("naver"));
  ASSERT_TRUE(listing.ok()) << listing.status().message();
  std::vector<std::string> ids, want_ids;
  for (const DiscoveredLink& l : listing->links) ids.push_back(l.article_id);
  for (const std::string& p : sim_.NaverPaths()) want_ids.push_back(sim_.ExpectedId(p));
  EXPECT_THAT(ids, ElementsAreArray(want_ids));
  EXPECT_EQ(want_ids.front(), "naver:437:0000000001");

  for (const std::string& path : sim_.NaverPaths()) {
    SimArticle want = *sim_.Article(path);
    Article a = MustExtract(sim_.Url(path + "?sid=100"));
    EXPECT_EQ(a.id, want.id);
    EXPECT_EQ(a.portal, "naver");
    EXPECT_EQ(a.title, want.title);
    EXPECT_EQ(a.press, want.press);
    ASSERT_TRUE(a.published.has_value());
    EXPECT_EQ(FormatRfc3339Kst(*a.published), "2026-11-02T09:30:00+09:00");
    EXPECT_THAT(Texts(a), ElementsAreArray(want.paragraphs));
  }
}

TEST_F(SimulatorTest, FeedLinksGenericPagesThatExtract) {
  const std::string url = sim_.Url(PortalSimulator::kFeedPath);
  FetchResult r = Fetch(url);
  ASSERT_EQ(r.http_status, 200);
  Result<Listing> listing = DiscoverLinks(r.body, r.content_type, url, ListingKind::kFeed);
  ASSERT_TRUE(listing.ok()) << listing.status().message();
  std::vector<std::string> urls;
  for (const DiscoveredLink& l : listing->links) urls.push_back(l.url);
  std::vector<std::string> want;
  for (const std::string& p : sim_.FeedPaths()) want.push_back(sim_.Url(p));
  want.push_back(sim_.Url(PortalSimulator::kPrivateFeedPath));  // for robots.txt to stop
  EXPECT_THAT(urls, ElementsAreArray(want));

  for (const std::string& path : sim_.FeedPaths()) {
    SimArticle want_article = *sim_.Article(path);
    Article a = MustExtract(sim_.Url(path));
    EXPECT_EQ(a.id, sim_.ExpectedId(path));
    EXPECT_EQ(a.url, sim_.Url(path));
    EXPECT_EQ(a.title, want_article.title);
    EXPECT_THAT(Texts(a), ElementsAreArray(want_article.paragraphs));
  }
}

TEST_F(SimulatorTest, HostileFeedNamesTheHostItWasFetchedUnder) {
  const std::string url = sim_.AltUrl(PortalSimulator::kHostileFeedPath);
  FetchResult r = Fetch(url);
  ASSERT_EQ(r.http_status, 200) << r.error.message();
  Result<Listing> listing = DiscoverLinks(r.body, r.content_type, url, ListingKind::kFeed);
  ASSERT_TRUE(listing.ok()) << listing.status().message();
  ASSERT_EQ(listing->links.size(), 6u);
  EXPECT_EQ(listing->links[0].url, sim_.HostileUrl(PortalSimulator::kEucKrPath));
  EXPECT_THAT(listing->links[0].url, HasSubstr("//euckr.localhost:"));
  EXPECT_EQ(listing->links[3].url, sim_.HostileUrl(PortalSimulator::kLoopPath));
  EXPECT_THAT(listing->links[3].url, HasSubstr("//loop.localhost:"));
  EXPECT_EQ(listing->links[5].url, sim_.HostileUrl(PortalSimulator::kUnavailablePath));
  // Each host name reaches the same server.
  FetchResult euc = Fetch(listing->links[0].url);
  EXPECT_EQ(euc.http_status, 200) << euc.error.message();
  EXPECT_THAT(sim_.RequestsTo(PortalSimulator::kEucKrPath).back().Header("Host"),
              HasSubstr("euckr.localhost:"));
}

TEST_F(SimulatorTest, EucKrPageUnderUtf8HeaderDecodes) {
  const std::string url = sim_.Url(PortalSimulator::kEucKrPath);
  FetchResult r = Fetch(url);
  ASSERT_EQ(r.http_status, 200);
  EXPECT_THAT(r.content_type, HasSubstr("charset=utf-8"));
  EXPECT_EQ(r.body.find("기사"), std::string::npos) << "the bytes should not be UTF-8";
  SimArticle want = *sim_.Article(PortalSimulator::kEucKrPath);
  Article a = MustExtract(url);
  EXPECT_EQ(a.encoding, "EUC-KR");
  EXPECT_EQ(a.title, want.title);
  EXPECT_THAT(Texts(a), ElementsAreArray(want.paragraphs));
}

TEST_F(SimulatorTest, EditsAfterRequests) {
  const std::string path = sim_.DaumPaths()[1];
  sim_.EditAfterRequests(path, 1, [](SimArticle& a) { a.paragraphs[1] = "고친 둘째 문단이다."; });
  sim_.EditAfterRequests(path, 2, [](SimArticle& a) { a.title = "바뀐 제목"; });
  Article v1 = MustExtract(sim_.Url(path));
  Article v2 = MustExtract(sim_.Url(path));
  Article v3 = MustExtract(sim_.Url(path));
  EXPECT_NE(v1.blocks[1].text, v2.blocks[1].text);
  EXPECT_EQ(v2.blocks[1].text, "고친 둘째 문단이다.");
  EXPECT_NE(v1.blocks[1].publisher_hash, v2.blocks[1].publisher_hash);
  EXPECT_EQ(v1.blocks[1].publisher_id, v2.blocks[1].publisher_id);
  EXPECT_EQ(v2.title, v1.title);
  EXPECT_EQ(v3.title, "바뀐 제목");
  sim_.EditParagraph(path, 0, "바로 고친 첫 문단.");
  sim_.AppendParagraph(path, "[정정] 둘째 문단의 숫자를 바로잡습니다.");
  Article v4 = MustExtract(sim_.Url(path));
  EXPECT_EQ(v4.blocks.front().text, "바로 고친 첫 문단.");
  EXPECT_EQ(v4.blocks.back().text, "[정정] 둘째 문단의 숫자를 바로잡습니다.");
}

TEST_F(SimulatorTest, FailuresGoneAndRestored) {
  const std::string path = sim_.DaumPaths()[0];
  sim_.FailNext(429, 1, 2);
  sim_.FailNext(503, 2);
  FetchResult r = Fetch(sim_.Url(path));
  EXPECT_EQ(r.http_status, 429);
  ASSERT_TRUE(r.retry_after.has_value());
  EXPECT_EQ(*r.retry_after, std::chrono::seconds(2));
  EXPECT_EQ(Fetch(sim_.Url("/robots.txt")).http_status, 200) << "robots.txt is not failed";
  EXPECT_EQ(Fetch(sim_.Url(path)).http_status, 503);
  EXPECT_EQ(Fetch(sim_.Url(path)).http_status, 503);
  EXPECT_EQ(Fetch(sim_.Url(path)).http_status, 200);

  sim_.SetGone(path, 410);
  EXPECT_EQ(Fetch(sim_.Url(path)).http_status, 410);
  sim_.Restore(path);
  EXPECT_EQ(Fetch(sim_.Url(path)).http_status, 200);
  EXPECT_EQ(Fetch(sim_.Url("/v/20261102093000777")).http_status, 404);
}

TEST_F(SimulatorTest, HostilePagesHitTheClientsLimits) {
  PortalSimulator::Options o;
  o.oversized_bytes = 2u << 20;
  o.gzip_bomb_bytes = 16u << 20;
  o.slow_delay = std::chrono::milliseconds(3000);
  PortalSimulator sim(o);
  HttpOptions limits;
  limits.max_body = 1u << 20;
  limits.max_decompressed = 4u << 20;
  limits.timeout = std::chrono::seconds(1);

  FetchResult big = Fetch(sim.Url(PortalSimulator::kOversizedPath), limits);
  EXPECT_EQ(big.http_status, 0);
  EXPECT_THAT(big.error.message(), HasSubstr("too large"));
  FetchResult bomb = Fetch(sim.Url(PortalSimulator::kBombPath), limits);
  EXPECT_EQ(bomb.http_status, 0);
  EXPECT_THAT(bomb.error.message(), HasSubstr("too large"));
  // The loop answers a redirect to itself (the frontier refuses to follow it: frontier_test).
  FetchResult loop = Fetch(sim.HostileUrl(PortalSimulator::kLoopPath), limits);
  EXPECT_GE(loop.http_status, 300);
  EXPECT_LT(loop.http_status, 400);
  EXPECT_FALSE(loop.location.empty());
  FetchResult slow = Fetch(sim.Url(PortalSimulator::kSlowPath), limits);
  EXPECT_TRUE(slow.timed_out);
  FetchResult unavailable = Fetch(sim.Url(PortalSimulator::kUnavailablePath), limits);
  EXPECT_EQ(unavailable.http_status, 503);
  unavailable = Fetch(sim.Url(PortalSimulator::kUnavailablePath), limits);
  EXPECT_EQ(unavailable.http_status, 200);
}

TEST_F(SimulatorTest, RedesignRemovesTheBody) {
  const std::string daum = sim_.DaumPaths()[0], naver = sim_.NaverPaths()[0];
  sim_.SetRedesign(Redesign::kNoBody);
  for (const std::string& path : {daum, naver}) {
    FetchResult r = Fetch(sim_.Url(path));
    ASSERT_EQ(r.http_status, 200);
    Result<Article> a = ExtractArticle(Page{r.body, sim_.Url(path), r.content_type});
    if (a.ok()) {
      EXPECT_TRUE(a->blocks.empty()) << path << " still has a body";
    } else {
      EXPECT_THAT(a.status().message(), HasSubstr("no article found")) << path;
    }
  }
  sim_.SetRedesign(Redesign::kEmptyBody);
  for (const std::string& path : {daum, naver}) {
    FetchResult r = Fetch(sim_.Url(path));
    Result<Article> a = ExtractArticle(Page{r.body, sim_.Url(path), r.content_type});
    if (a.ok()) {
      EXPECT_TRUE(a->blocks.empty()) << path << " still has a body";
    }
  }
  sim_.SetRedesign(Redesign::kNone);
  EXPECT_FALSE(MustExtract(sim_.Url(daum)).blocks.empty());
}

TEST_F(SimulatorTest, LogsEveryRequestWithArrivalTimes) {
  const std::string path = sim_.DaumPaths()[2];
  sim_.SetDelay(path, std::chrono::milliseconds(200));
  const auto before = std::chrono::steady_clock::now();
  Fetch(sim_.Url(path));
  Fetch(sim_.Url(path + "?x=1"));
  Fetch(sim_.AltUrl(path));
  std::vector<Request> log = sim_.RequestsTo(path);
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(sim_.RequestCount(path), 3u);
  EXPECT_GE(log[0].arrival, before);
  EXPECT_GE(log[1].arrival - log[0].arrival, std::chrono::milliseconds(200))
      << "the second request starts after the delayed first answer";
  EXPECT_EQ(log[1].query, "x=1");
  EXPECT_THAT(log[2].Header("Host"), HasSubstr("localhost:"));
  EXPECT_EQ(sim_.RequestCount("/never"), 0u);
}

}  // namespace
}  // namespace sinmun::test_support
