// RobotsCache: which robots.txt rules are in force for each origin, as pure logic.
//
// The crawl loop asks Lookup() before every fetch. kNeedFetch means "fetch
// <origin>/robots.txt first" (MarkFetching() so only one such fetch runs); the answer
// goes to OnFetched(), which applies RFC 9309 2.3.1:
//   2xx          -> the parsed rules, for ttl (24 h by default);
//   4xx (not 429)-> "unavailable": everything allowed, for ttl;
//   429, 5xx, no HTTP answer (network failure, timeout, a limit hit)
//                -> "unreachable": if earlier rules are known they stay in force
//                   (RFC 9309 2.4 allows a stale copy while unreachable); otherwise
//                   everything is disallowed until the retry time (Retry-After if
//                   longer), then fetched again.
// Origins are caller-chosen keys, normally "scheme://host[:port]" (robots.txt is per
// origin). No clock is read here: callers pass `now`.
//
// Thread-safety: not thread-safe; owned by the crawl loop.
#ifndef SINMUN_CRAWLER_HTTP_ROBOTS_CACHE_H_
#define SINMUN_CRAWLER_HTTP_ROBOTS_CACHE_H_

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/clock.h"
#include "crawler/http/http_client.h"
#include "crawler/http/robots.h"

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
// The fetch for origin's robots.txt: text/plain accepted, cut at kMaxRobotsBytes.
FetchRequest RobotsRequest(uint64_t id, const std::string& origin);

class RobotsCache {
 public:
  explicit RobotsCache(RobotsCacheOptions options = {});

  enum class State {
    kNeedFetch,  // nothing usable: fetch robots.txt (then rules is null)
    kFetching,   // a fetch is under way and nothing usable yet: wait
    kReady,      // rules are in force (possibly DisallowAll while unreachable)
  };
  struct Lookup {
    State state = State::kNeedFetch;
    const RobotsRules* rules = nullptr;  // valid until the next non-const call; null unless kReady
  };
  // Expired rules count as absent (kNeedFetch), except while their refresh is being
  // fetched, when they stay in force (kReady).
  Lookup Find(const std::string& origin, InstantMs now) const;

  // A robots.txt fetch for origin has started; Find() says kFetching (or kReady with
  // the old rules) until OnFetched().
  void MarkFetching(const std::string& origin);
  // The answer to that fetch.
  void OnFetched(const std::string& origin, const FetchResult& result, InstantMs now);

  // Drops entries expired for longer than ttl (idle origins), to bound memory.
  void Prune(InstantMs now);
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::optional<RobotsRules> rules;  // last rules in force, if any
    InstantMs expires{};               // rules (or DisallowAll) valid until
    bool fetching = false;
  };
  RobotsCacheOptions options_;
  std::unordered_map<std::string, Entry> entries_;
  RobotsRules disallow_all_ = RobotsRules::DisallowAll();
};

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_HTTP_ROBOTS_CACHE_H_
