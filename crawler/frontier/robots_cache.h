// RobotsCache: which robots.txt rules are in force for each origin, as pure logic.
//
// The frontier asks Find() before every fetch. kNeedFetch means "fetch
// <origin>/robots.txt first" (MarkFetching() so only one such fetch runs); the answer
// goes to OnFetched(), which applies RFC 9309 §2.3.1:
//   2xx           -> the parsed rules, for ttl (24 h by default);
//   4xx (not 429) -> "unavailable": everything allowed, for ttl (§2.3.1.3);
//   429, 5xx, no HTTP answer (network failure, DNS, TLS, timeout, a limit or the address
//                    policy refused it), a redirect left over
//                 -> "unreachable" (§2.3.1.4): do not crawl *for now*. If earlier rules
//                    are known they stay in force (§2.4 allows a cached copy); otherwise
//                    Find() says kUnreachable — wait, nothing is refused — until the retry
//                    time (unreachable_retry, or a longer Retry-After), then kNeedFetch.
// A disallow is only ever read from rules that were fetched; rules are re-read when they
// expire, so a path that robots.txt newly allows is crawled again within ttl.
// Origins are caller-chosen keys, normally "scheme://host[:port]" (robots.txt is per
// origin). Times are monotonic readings passed in by the caller (common/clock.h).
//
// Thread-safety: not thread-safe; owned by the frontier.
#ifndef SINMUN_CRAWLER_FRONTIER_ROBOTS_CACHE_H_
#define SINMUN_CRAWLER_FRONTIER_ROBOTS_CACHE_H_

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/clock.h"
#include "crawler/frontier/robots.h"
#include "crawler/http/http_client.h"

namespace sinmun {

struct RobotsCacheOptions {
  // Matched against user-agent lines. Default: "sinmun".
  std::string product_token = "sinmun";
  // How long fetched rules (or "unavailable": allow all) are used. Default: 24 h.
  std::chrono::milliseconds ttl{std::chrono::hours(24)};
  // After an unreachable robots.txt: wait this long before fetching again. Default: 10 min.
  std::chrono::milliseconds unreachable_retry{std::chrono::minutes(10)};
  // Retry-After on an unreachable robots.txt is honoured up to this. Default: 24 h.
  std::chrono::milliseconds max_retry_after{std::chrono::hours(24)};
};

// Keys and paths for a URL, so every caller derives them the same way. Nullopt unless
// the URL is absolute http(s).
//   RobotsOrigin("https://News.Example:443/a?b#c") == "https://news.example"
//   RobotsPathAndQuery(same)                       == "/a?b"   (what Allowed() takes)
// The robots.txt URL is RobotsOrigin(url) + "/robots.txt".
std::optional<std::string> RobotsOrigin(std::string_view url);
std::optional<std::string> RobotsPathAndQuery(std::string_view url);
// robots.txt fetches follow redirects themselves, up to this many (RFC 9309 §2.3.1.2: at
// least five; an http -> https redirect is common).
inline constexpr int kRobotsRedirects = 5;
// The fetch for origin's robots.txt: text/plain accepted, cut at kMaxRobotsBytes,
// kRobotsRedirects followed.
FetchRequest RobotsRequest(uint64_t id, const std::string& origin);

class RobotsCache {
 public:
  explicit RobotsCache(RobotsCacheOptions options = {});

  enum class State {
    kNeedFetch,    // nothing usable: fetch robots.txt (rules null)
    kFetching,     // a fetch is under way and nothing usable yet: wait (rules null)
    kUnreachable,  // the last fetch failed and nothing usable is known: wait until
                   // `until` (rules null; `error` says why)
    kReady,        // rules are in force until `until`
    kAddressRefused,  // the address policy refused the origin's address: no request to it
                      // can be made, so robots.txt has nothing to guard (the request's own
                      // refusal says why) until `until`
  };
  struct Lookup {
    State state = State::kNeedFetch;
    const RobotsRules* rules = nullptr;  // valid until the next non-const call; null unless kReady
    MonoTime until{};                    // kReady: when the rules expire; kUnreachable: retry time
    std::string error;                   // kUnreachable (and kReady on stale rules): the last failure
  };
  // Expired rules count as absent (kNeedFetch), except while their refresh is being
  // fetched, or the refresh failed (unreachable), when they stay in force (kReady).
  Lookup Find(const std::string& origin, MonoTime now) const;

  // A robots.txt fetch for origin has started; Find() says kFetching (or kReady with
  // the old rules) until OnFetched().
  void MarkFetching(const std::string& origin);
  // The answer to that fetch.
  void OnFetched(const std::string& origin, const FetchResult& result, MonoTime now);

  // Drops entries expired for longer than ttl (idle origins), to bound memory.
  void Prune(MonoTime now);
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::optional<RobotsRules> rules;  // last rules fetched, if any
    MonoTime rules_expire{};           // rules valid until
    MonoTime retry_at{};               // after a failure: fetch again from then
    std::string error;                 // the last failure ("" after a success)
    bool address_refused = false;      // that failure was the address policy's
    bool fetching = false;
  };
  RobotsCacheOptions options_;
  std::unordered_map<std::string, Entry> entries_;
};

// Why a robots.txt fetch counts as unreachable, in words: "HTTP 503", the transport
// error's message ("Could not resolve host: …"), "address not public (…)".
std::string RobotsFailure(const FetchResult& result);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_FRONTIER_ROBOTS_CACHE_H_
