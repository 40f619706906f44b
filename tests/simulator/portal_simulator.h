// PortalSimulator: a scripted stand-in for the Korean news portals, served by a
// LoopbackServer on 127.0.0.1 (port 0), so the real crawler and the whole daemon can be
// tested without the internet.
//
// What it serves (paths are on one server; every host name that reaches it is the same
// site, so "127.0.0.1:<port>", "localhost:<port>" and "slow.localhost:<port>" are distinct
// hosts to a crawler, with their own politeness and backoff; libcurl resolves *.localhost
// to the loopback address itself):
//   /robots.txt              "User-agent: *", "Disallow: /private/", and a Crawl-delay
//                            when one is set.
//   /daum/list               a Daum-like listing: article links /v/<17 digits>, one link
//                            into /private/, navigation and ad links that are no articles.
//   /v/<17 digits>           Daum article pages (og:url https://v.daum.net/v/<id>,
//                            og:regDate, og:article:author, h3.tit_view, div.article_view >
//                            section[dmcf-sid] > p[dmcf-ptype=general][contents-hash][dmcf-pid]).
//   /naver/section/100       a Naver-like section page linking /mnews/article/<oid>/<aid>.
//   /mnews/article/<oid>/<aid>  Naver article pages (#title_area, #dic_area with
//                            <br>-separated text, _ARTICLE_DATE_TIME[data-date-time],
//                            press logo, og:url https://n.news.naver.com/mnews/article/...).
//   /rss.xml                 RSS 2.0; items link generic outlet pages /news/<n>.html
//                            (JSON-LD NewsArticle, og: meta, <p> paragraphs) and one page
//                            under /private/ (robots.txt forbids it: never to be fetched).
//   /hostile/rss.xml         RSS 2.0 linking the hostile pages, each on a host of its own
//                            (HostileUrl: "http://<label>.localhost:<port><path>", so one
//                            page's backoff does not hold up the others), in this order:
//                            /news/euckr.html   EUC-KR bytes under "charset=utf-8", no <meta>
//                            /hostile/oversized.html  a body of Options::oversized_bytes
//                            /hostile/bomb.html gzip of Options::gzip_bomb_bytes zeros
//                            /hostile/loop/a    302 -> /hostile/loop/b -> 302 -> a ...
//                            /hostile/slow.html answered after Options::slow_delay
//                            /hostile/unavailable.html  503 for the first
//                                               Options::unavailable_burst requests, then 200
//   Discovery as real sites publish, one generic article page each (DiscoveryArticlePaths):
//   /sitemap/index.xml       a sitemap index whose one child is /sitemap/news-latest.xml, a
//                            Google News urlset
//   /sitemap-news.xml.gz     a news sitemap as a gzip file: application/x-gzip, no
//                            Content-Encoding
//   /rss/rdf.xml             RSS 1.0 (rdf:RDF) as application/rdf+xml
//   /rss/octet.xml           RSS 2.0 as application/octet-stream
// /rss.xml links are absolute and name the host the feed was fetched under (the Host
// header); listing links are relative. Feed and sitemap dates are ten minutes before the
// simulator started (inside any age horizon), so a listing's bytes do not change between
// requests. Listings, feeds and sitemaps carry an ETag and answer a matching
// If-None-Match with 304 Not Modified.
//
// Replay (Options::replay): saved copies of real sources served under their own host
// names — see tests/simulator/source_replay.h.
//
// Scripted behaviour, set from the test thread at any time: article edits (now, or after
// k requests of the article), 404/410 then restored, the next n requests answered 429/503
// (with Retry-After), per-path delays, a "redesign" that removes the article body, new
// articles appearing on the listings. Every request is logged with its arrival time.
//
// Thread-safety: all public methods are thread-safe; the handler runs on the server's
// connection threads.
#ifndef SINMUN_TESTS_SIMULATOR_PORTAL_SIMULATOR_H_
#define SINMUN_TESTS_SIMULATOR_PORTAL_SIMULATOR_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/simulator/source_replay.h"
#include "tests/support/loopback_server.h"

namespace sinmun::test_support {

// One article as the simulator currently serves it.
struct SimArticle {
  enum class Layout { kDaum, kNaver, kGeneric, kEucKr };
  Layout layout = Layout::kDaum;
  std::string path;       // where it is served: "/v/20261102093000001"
  std::string id;         // what the extractor should give: "daum:…", "naver:…:…", "" for
                          // generic pages (their id is "url:" + the URL they were fetched at)
  std::string title;
  std::string press;
  std::string author;     // "홍길동 기자"
  std::string published;  // KST, "2026-11-02 09:30:00"; "" for a page that states no time
  std::vector<std::string> paragraphs;  // NFC text, no markup
};

// What a "redesigned" portal serves on its article pages.
enum class Redesign {
  kNone,
  // The body container is gone (rendered by script): the page keeps its <head> (og:title,
  // og:url) but no element of the old layout and no paragraph text.
  kNoBody,
  // The old containers stay (h3.tit_view, div.article_view) but hold no paragraph: the
  // body is now a JSON blob for a script. The headline still extracts.
  kEmptyBody,
};

class PortalSimulator {
 public:
  struct Options {
    int daum_articles = 4;     // on /daum/list
    int naver_articles = 2;    // on /naver/section/100
    int feed_articles = 2;     // on /rss.xml
    std::optional<int> crawl_delay_seconds;  // robots.txt Crawl-delay
    uint64_t oversized_bytes = 9u << 20;     // above the default max_body (8 MiB)
    uint64_t gzip_bomb_bytes = 64u << 20;    // above the default max_decompressed
    std::chrono::milliseconds slow_delay{5000};
    int unavailable_burst = 1;
    // Replays the saved copies of real sources listed in this manifest (a replay.tsv,
    // source_replay.h) on "<real host>.localhost:<port>". "": no replay.
    std::string replay_manifest;
    // Where replay manifest lines that name "real:<file>" find it (the real saved pages).
    std::string real_pages_dir;
  };

  static constexpr std::string_view kRobotsPath = "/robots.txt";
  static constexpr std::string_view kDaumListPath = "/daum/list";
  static constexpr std::string_view kNaverSectionPath = "/naver/section/100";
  static constexpr std::string_view kFeedPath = "/rss.xml";
  static constexpr std::string_view kHostileFeedPath = "/hostile/rss.xml";
  static constexpr std::string_view kPrivateDaumPath = "/private/v/20261102093000999";
  static constexpr std::string_view kPrivateFeedPath = "/private/news/secret.html";
  static constexpr std::string_view kEucKrPath = "/news/euckr.html";
  static constexpr std::string_view kOversizedPath = "/hostile/oversized.html";
  static constexpr std::string_view kBombPath = "/hostile/bomb.html";
  static constexpr std::string_view kLoopPath = "/hostile/loop/a";
  static constexpr std::string_view kSlowPath = "/hostile/slow.html";
  static constexpr std::string_view kUnavailablePath = "/hostile/unavailable.html";
  static constexpr std::string_view kSitemapIndexPath = "/sitemap/index.xml";
  static constexpr std::string_view kNewsSitemapPath = "/sitemap/news-latest.xml";
  static constexpr std::string_view kGzipSitemapPath = "/sitemap-news.xml.gz";
  static constexpr std::string_view kRdfFeedPath = "/rss/rdf.xml";
  static constexpr std::string_view kOctetFeedPath = "/rss/octet.xml";

  PortalSimulator();
  explicit PortalSimulator(Options options);
  ~PortalSimulator();
  PortalSimulator(const PortalSimulator&) = delete;
  PortalSimulator& operator=(const PortalSimulator&) = delete;

  uint16_t port() const { return server_->port(); }
  // "http://127.0.0.1:<port>" + path.
  std::string Url(std::string_view path) const;
  // "http://localhost:<port>" + path: the same server under a second host name.
  std::string AltUrl(std::string_view path) const;
  // Where /hostile/rss.xml links a hostile page (or the EUC-KR page): its own host,
  // "http://<label>.localhost:<port>" + path, label "euckr", "oversized", "bomb", "loop",
  // "slow" or "unavailable".
  std::string HostileUrl(std::string_view path) const;

  // Article paths on each listing, in listing order.
  std::vector<std::string> DaumPaths() const;
  std::vector<std::string> NaverPaths() const;
  std::vector<std::string> FeedPaths() const;
  // The article page linked from a discovery listing (kSitemapIndexPath — through its
  // child —, kGzipSitemapPath, kRdfFeedPath, kOctetFeedPath).
  static std::string DiscoveryArticlePath(std::string_view listing_path);
  // The date every feed and sitemap entry carries: ten minutes before the simulator started.
  std::chrono::system_clock::time_point ListingTime() const;
  // The replay, when Options::replay_manifest is set; null otherwise.
  const SourceReplay* replay() const { return replay_.get(); }
  // The article served at path (a snapshot); nullopt for an unknown path.
  std::optional<SimArticle> Article(std::string_view path) const;
  // The id the archive should give the article at path when fetched through `base`
  // ("http://127.0.0.1:<port>" by default): "daum:…", "naver:…:…" or "url:<base><path>"
  // with the scheme folded to https (common/identity.h ArticleIdForUrl).
  std::string ExpectedId(std::string_view path) const;

  // Adds a new article at the top of /daum/list (or /naver/section/100); returns its path.
  std::string AddDaumArticle();
  std::string AddNaverArticle();

  // Edits, visible from the next request on. REQUIRES: path names an article;
  // paragraph < the article's paragraph count.
  void EditParagraph(std::string_view path, size_t paragraph, std::string text);
  void SetHeadline(std::string_view path, std::string title);
  void AppendParagraph(std::string_view path, std::string text);
  // Runs `edit` on the article just before its request number `after_requests` + 1 is
  // answered (after_requests = 1: the first fetch sees the original, the second the edit).
  void EditAfterRequests(std::string_view path, int after_requests,
                         std::function<void(SimArticle&)> edit);

  // 404 or 410 for the article from now on, until Restore().
  void SetGone(std::string_view path, int status = 404);
  void Restore(std::string_view path);

  // The next `count` requests whose path starts with path_prefix ("" = any path but
  // /robots.txt; "/robots.txt" for robots.txt itself) are answered `status` (429, 503, ...),
  // with "Retry-After: <seconds>" when given. Calls queue up: the first rule with requests
  // left answers.
  void FailNext(int status, int count, std::optional<int> retry_after_seconds = std::nullopt,
                std::string path_prefix = "");
  // Requests whose path starts with path_prefix are answered after `delay` (0 removes).
  void SetDelay(std::string path_prefix, std::chrono::milliseconds delay);
  void SetRedesign(Redesign redesign);
  // down: the server stops listening (connections refused, as with the server process
  // stopped or the network gone); false listens again on the same port.
  void SetDown(bool down);
  void SetCrawlDelay(std::optional<int> seconds);

  // Every request so far, in arrival order; those for one path (target before '?').
  std::vector<Request> Requests() const;
  std::vector<Request> RequestsTo(std::string_view path) const;
  size_t RequestCount(std::string_view path) const;

  // A sinmun.conf for a daemon crawling this simulator (every source, the given archive
  // and metrics listen address), as printed by the portal_simulator binary.
  std::string ConfigSnippet(const std::string& archive_path, const std::string& metrics_listen) const;

 private:
  struct FailRule {
    int status;
    int remaining;
    std::optional<int> retry_after;
    std::string prefix;
  };
  struct PendingEdit {
    int after_requests;
    std::function<void(SimArticle&)> edit;
  };
  struct Gone {
    int status;
  };

  Response Handle(const Request& request);
  Response HandleLocked(const Request& request, const std::string& host)
      /* REQUIRES: mu_ held */;
  SimArticle& MustFind(std::string_view path) /* REQUIRES: mu_ held */;
  std::string NewDaumArticleLocked() /* REQUIRES: mu_ held */;
  std::string NewNaverArticleLocked() /* REQUIRES: mu_ held */;
  std::string NewFeedArticleLocked() /* REQUIRES: mu_ held */;
  // The discovery listings (see the file comment); nullopt for another path.
  std::optional<Response> DiscoveryListing(const std::string& path) const;

  const Options options_;
  mutable std::mutex mu_;
  std::map<std::string, SimArticle, std::less<>> articles_;         // GUARDED_BY(mu_)
  std::vector<std::string> daum_list_, naver_list_, feed_list_;      // GUARDED_BY(mu_)
  int next_daum_ = 1, next_naver_ = 1, next_feed_ = 1;               // GUARDED_BY(mu_)
  std::map<std::string, std::vector<PendingEdit>, std::less<>> edits_;  // GUARDED_BY(mu_)
  std::map<std::string, int, std::less<>> served_;                  // GUARDED_BY(mu_)
  std::map<std::string, Gone, std::less<>> gone_;                   // GUARDED_BY(mu_)
  std::vector<FailRule> fail_rules_;                                // GUARDED_BY(mu_)
  std::vector<std::pair<std::string, std::chrono::milliseconds>> delays_;  // GUARDED_BY(mu_)
  Redesign redesign_ = Redesign::kNone;                             // GUARDED_BY(mu_)
  std::optional<int> crawl_delay_;                                  // GUARDED_BY(mu_)
  int unavailable_served_ = 0;                                      // GUARDED_BY(mu_)
  std::string oversized_body_, bomb_body_, euc_kr_body_;            // built once, in the constructor
  std::chrono::system_clock::time_point started_;                   // feed and sitemap dates
  std::unique_ptr<SourceReplay> replay_;                            // built once, in the constructor

  std::unique_ptr<LoopbackServer> server_;  // last: stopped (and joined) first
};

}  // namespace sinmun::test_support

#endif  // SINMUN_TESTS_SIMULATOR_PORTAL_SIMULATOR_H_
