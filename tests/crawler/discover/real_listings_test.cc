// DiscoverLinks over real portal listing pages and feeds (see SOURCES.md in the real-pages
// folder): the folder named by $SINMUN_REAL_PAGES, else SINMUN_REAL_PAGES_DEFAULT. Skipped,
// saying so, when the folder is absent.
//
// Expected counts were made by hand, independently of this code, from the raw files:
//   Daum:  distinct ids of "//(v|news.v|v.media|m.v).daum.net/v/<17 digits>" anywhere in the
//          page (anchors and script data), "\/"-escapes allowed, no 18th digit:
//            grep -oE '//(v|news\.v|v\.media|m\.v)\.daum\.net(\\?/)v\\?/[0-9]{17}([^0-9]|$)' F
//            | grep -oE '[0-9]{17}' | sort -u | wc -l
//   Naver: distinct oid/aid pairs of hrefs (absolute on *.naver.com or relative) whose path
//          is (/mnews)/article/<3>/<10> or whose query has oid=<3 digits> and aid=<10 digits>
//          (&amp; decoded): grep -oE over the href attributes, a perl one-liner for the query
//          form, sort -u | wc -l. The EUC-KR page was first converted with iconv -f cp949.
//   Feeds: the number of <item>s (grep -c '<item'), all with distinct http(s) links.
#include "crawler/discover/links.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace sinmun {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::string RealPagesDir() {
  const char* env = std::getenv("SINMUN_REAL_PAGES");
  return env != nullptr && *env != '\0' ? env : SINMUN_REAL_PAGES_DEFAULT;
}

class RealListingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::is_directory(RealPagesDir())) {
      GTEST_SKIP() << "real pages folder " << RealPagesDir()
                   << " is absent; set SINMUN_REAL_PAGES to run these tests";
    }
  }

  static Listing Discover(const std::string& file, std::string_view page_url, ListingKind kind) {
    std::ifstream in(RealPagesDir() + "/" + file, std::ios::binary);
    EXPECT_TRUE(in.good()) << "missing real page " << file;
    std::stringstream ss;
    ss << in.rdbuf();
    Result<Listing> listing = DiscoverLinks(ss.str(), "", page_url, kind);
    EXPECT_TRUE(listing.ok()) << file << ": " << listing.status().ToString();
    return listing.ok() ? std::move(listing).value() : Listing{};
  }

  static std::vector<std::string> Urls(const Listing& listing) {
    std::vector<std::string> out;
    for (const DiscoveredLink& l : listing.links) out.push_back(l.url);
    return out;
  }
  static std::vector<std::string> Ids(const Listing& listing) {
    std::vector<std::string> out;
    for (const DiscoveredLink& l : listing.links) out.push_back(l.article_id);
    return out;
  }
};

TEST_F(RealListingsTest, DaumNewsHome) {
  Listing listing = Discover("daum_news_home_20260520.recovered.utf8.html", "https://news.daum.net/",
                             ListingKind::ForPortal("daum"));
  // 33 distinct articles in anchors, 195 in the SvelteKit script data (a superset).
  EXPECT_EQ(listing.links.size(), 195u);
  ASSERT_FALSE(listing.links.empty());
  EXPECT_EQ(listing.links.front().url, "https://v.daum.net/v/20260520113007601");  // first anchor
  EXPECT_EQ(listing.links.front().article_id, "daum:20260520113007601");
  ASSERT_TRUE(listing.links.front().published.has_value());
  EXPECT_EQ(FormatRfc3339Kst(*listing.links.front().published), "2026-05-20T11:30:07+09:00");
  const std::vector<std::string> urls = Urls(listing);
  EXPECT_THAT(urls, Contains("https://v.daum.net/v/20260520095512127"));  // script data only
  EXPECT_THAT(urls, Contains("https://v.daum.net/v/20260519170249927"));
  EXPECT_THAT(listing.next_pages, IsEmpty());
}

TEST_F(RealListingsTest, DaumNewsPolitics) {
  Listing listing = Discover("daum_news_politics_20260520.recovered.utf8.html",
                             "https://news.daum.net/politics", ListingKind::ForPortal("daum"));
  EXPECT_EQ(listing.links.size(), 206u);
  const std::vector<std::string> urls = Urls(listing);
  ASSERT_FALSE(urls.empty());
  EXPECT_EQ(urls.front(), "https://v.daum.net/v/20260520113230729");
  EXPECT_THAT(urls, Contains("https://v.daum.net/v/20260520000950935"));
}

TEST_F(RealListingsTest, DaumMojibakePagesGiveTheSameLinksAsTheirTwins) {
  for (const auto& [twin, page_url] :
       {std::pair{std::string("daum_news_home_20260520"), "https://news.daum.net/"},
        std::pair{std::string("daum_news_politics_20260520"), "https://news.daum.net/politics"}}) {
    Listing mojibake = Discover(twin + ".utf16le-mojibake.html", page_url, ListingKind::ForPortal("daum"));
    Listing recovered = Discover(twin + ".recovered.utf8.html", page_url, ListingKind::ForPortal("daum"));
    EXPECT_EQ(mojibake.encoding, "UTF-16LE (mojibake of UTF-8)");
    EXPECT_EQ(recovered.encoding, "UTF-8");
    EXPECT_FALSE(recovered.links.empty());
    EXPECT_EQ(Urls(mojibake), Urls(recovered)) << twin;
    EXPECT_EQ(Ids(mojibake), Ids(recovered)) << twin;
  }
}

TEST_F(RealListingsTest, NaverSection100) {
  Listing listing = Discover("naver_section_100_20260530.html", "https://news.naver.com/section/100",
                             ListingKind::ForPortal("naver"));
  // 45 article links and 4 issue-series ones; 79 more in the ranking box are left out.
  EXPECT_EQ(listing.links.size(), 49u);
  const std::vector<std::string> urls = Urls(listing);
  ASSERT_FALSE(urls.empty());
  EXPECT_EQ(urls.front(), "https://n.news.naver.com/mnews/article/056/0012190764");
  EXPECT_THAT(urls, Contains("https://n.news.naver.com/mnews/article/353/0000055612"));
  EXPECT_THAT(Ids(listing), Contains("naver:056:0012190764"));
  EXPECT_THAT(listing.next_pages, IsEmpty());
}

TEST_F(RealListingsTest, NaverNewsHome) {
  Listing listing = Discover("naver_news_home_20260530.html", "https://news.naver.com/main/home.naver",
                             ListingKind::ForPortal("naver"));
  EXPECT_EQ(listing.links.size(), 427u);  // 424 article links, 3 more issue-series ones
  const std::vector<std::string> urls = Urls(listing);
  ASSERT_FALSE(urls.empty());
  // The page writes n.news.naver.com/article/…; the portal's canonical form has /mnews/.
  EXPECT_EQ(urls.front(), "https://n.news.naver.com/mnews/article/008/0005364978");
  EXPECT_THAT(urls, Contains("https://n.news.naver.com/mnews/article/014/0005523710"));
}

TEST_F(RealListingsTest, NaverLegacyEucKrListWithPaging) {
  Listing listing = Discover("naver_list_LSD_sid1-100_20260530.euc-kr.html",
                             "https://news.naver.com/main/main.naver?mode=LSD&mid=shm&sid1=100",
                             ListingKind::ForPortal("naver"));
  EXPECT_EQ(listing.encoding, "EUC-KR");
  EXPECT_EQ(listing.links.size(), 35u);
  const std::vector<std::string> urls = Urls(listing);
  EXPECT_THAT(urls, Contains("https://n.news.naver.com/mnews/article/421/0008974833"));
  EXPECT_THAT(urls, Contains("https://n.news.naver.com/mnews/article/023/0003979271"));
  EXPECT_THAT(listing.next_pages,
              ElementsAre("https://news.naver.com/main/main.naver?mode=LSD&mid=shm&sid1=100"
                          "&date=20260530&page=2"));
}

TEST_F(RealListingsTest, NaverSectionHome2022) {
  Listing listing = Discover("naver_section_home_LSD_sid1-100_20221229.html",
                             "https://news.naver.com/main/main.naver?mode=LSD&mid=shm&sid1=100",
                             ListingKind::ForPortal("naver"));
  EXPECT_EQ(listing.encoding, "UTF-8");  // declares euc-kr, is UTF-8
  EXPECT_EQ(listing.links.size(), 59u);  // 55 article links, 4 issue-series ones; no ranking box
  const std::vector<std::string> urls = Urls(listing);
  EXPECT_THAT(urls, Contains("https://n.news.naver.com/mnews/article/025/0003249579"));
  EXPECT_THAT(urls, Contains("https://n.news.naver.com/mnews/article/003/0011613768"));
  EXPECT_THAT(listing.next_pages, IsEmpty());  // its div#paging is empty (filled by script)
}

TEST_F(RealListingsTest, NaverLegacyLists2022) {
  Listing first = Discover(
      "naver_list_LS2D_sid1-100_sid2-267_20220218.html",
      "https://news.naver.com/main/list.naver?mode=LS2D&mid=shm&sid1=100&sid2=267&date=20170101",
      ListingKind::ForPortal("naver"));
  EXPECT_EQ(first.links.size(), 116u);
  // read.naver?…&oid=421&aid=0002484966 becomes the portal's canonical URL.
  EXPECT_THAT(Urls(first), Contains("https://n.news.naver.com/mnews/article/421/0002484966"));
  EXPECT_THAT(first.next_pages,
              ElementsAre("https://news.naver.com/main/list.naver?mode=LS2D&sid2=267&mid=shm"
                          "&sid1=100&date=20170101&page=2"));

  Listing single = Discover("naver_list_LS2D_sid1-100_sid2-254_20220218.html",
                            "https://news.naver.com/main/list.naver?mode=LS2D&mid=shm&sid1=100&sid2=254",
                            ListingKind::ForPortal("naver"));
  EXPECT_EQ(single.links.size(), 116u);
  EXPECT_THAT(Urls(single), Contains("https://n.news.naver.com/mnews/article/032/0002783980"));
  EXPECT_THAT(Urls(single), Contains("https://n.news.naver.com/mnews/article/449/0000222596"));
  EXPECT_THAT(single.next_pages, IsEmpty());  // "<strong>1</strong>" alone: one page
}

TEST_F(RealListingsTest, HanionRssWithKstDates) {
  Listing listing = Discover("hanion_rss_popular_20260829.xml", "http://www.hanion.co.kr/rss/popular.xml",
                             ListingKind::kFeed);
  ASSERT_EQ(listing.links.size(), 5u);
  const DiscoveredLink& first = listing.links.front();
  EXPECT_EQ(first.url, "http://www.hanion.co.kr/news/articleView.html?idxno=38809");
  EXPECT_EQ(first.article_id, "");
  EXPECT_EQ(first.title, "승리와 고립, 핵관의 장막에 갇힌 자");
  ASSERT_TRUE(first.published.has_value());
  EXPECT_EQ(FormatRfc3339Kst(*first.published), "2026-08-28T14:57:04+09:00");
  EXPECT_THAT(Urls(listing), Contains("http://www.hanion.co.kr/news/articleView.html?idxno=38821"));
  for (const DiscoveredLink& l : listing.links) EXPECT_TRUE(l.published.has_value()) << l.url;
}

TEST_F(RealListingsTest, HaniThirdPartyRss) {
  Listing listing = Discover("hani_rss_thirdparty_regenerated_20260325.xml",
                             "https://swelbyboy.github.io/prospect-rss-feeds/hankyoreh.xml",
                             ListingKind::kFeed);
  ASSERT_EQ(listing.links.size(), 8u);
  EXPECT_EQ(listing.links.front().url,
            "https://www.hani.co.kr/arti/politics/politics_general/1251000.html");
  ASSERT_TRUE(listing.links.front().published.has_value());
  EXPECT_EQ(FormatRfc3339Kst(*listing.links.front().published), "2026-03-25T11:51:40+09:00");
  EXPECT_THAT(Urls(listing), Contains("https://www.hani.co.kr/arti/area/honam/1250991.html"));
}

}  // namespace
}  // namespace sinmun
