// CheckSources: `sinmund --check-sources` — does each configured source yield articles on
// the web as it is now, and if not, why? The answer a newcomer needs before running the
// daemon for months.
//
// For each source it fetches, in the crawl's own way (the Frontier: robots.txt gate, per-host
// interval and concurrency, redirects as hops): the listing's robots.txt, the listing (for
// a sitemap index, its newest child), then the first article the listing links — that
// host's robots.txt, the page — and extracts the article. It opens no archive and writes
// nothing, so it runs beside a sinmund on the same archive.
//
// One verdict per source, e.g.
//   daum-politics: ok — 206 links; https://v.daum.net/v/… extracted ("title…", 14 paragraphs)
//   naver-politics: blocked — https://news.naver.com/robots.txt: "User-agent: *" "Disallow: /"
// Verdict words: ok, blocked (robots.txt), unreachable (no answer; the network error),
// http-error, not-a-feed / not-a-listing, no-links, article-failed (the first article could
// not be fetched or extracted), no-answer (nothing decided within the deadline).
//
// Thread-safety: runs on the calling thread; the HttpClient is driven from it alone.
#ifndef SINMUN_DAEMON_CHECK_SOURCES_H_
#define SINMUN_DAEMON_CHECK_SOURCES_H_

#include <chrono>
#include <string>
#include <vector>

#include "common/clock.h"
#include "config/config.h"
#include "crawler/http/http_client.h"

namespace sinmun {

struct SourceVerdict {
  std::string name;
  bool ok = false;    // the source yields articles
  std::string line;   // "NAME: WORD — what was seen"
};

// Checks every source of `config` through `http` (which must outlive the call), giving up
// on what is not decided after `deadline` (monotonic). Verdicts in config order.
std::vector<SourceVerdict> CheckSources(const Config& config, HttpClient& http, const Clock& clock,
                                        std::chrono::seconds deadline);

}  // namespace sinmun

#endif  // SINMUN_DAEMON_CHECK_SOURCES_H_
