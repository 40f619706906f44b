// robots.txt rules (RFC 9309) for one product token.
//
// ParseRobots reads a robots.txt body and keeps only what applies to the crawler: the
// rules of every group whose user-agent line names the product token (case-insensitive;
// several such groups are merged), or else those of the "*" group, or else none (all
// allowed). Allowed() picks the longest matching rule, allow winning a tie; "*" matches
// any run of octets and a trailing "$" anchors the end. /robots.txt itself is always
// allowed. Crawl-delay (not in RFC 9309, but widely used) is read from the same
// group(s); Sitemap lines are collected from anywhere in the file.
//
// Hostile input is bounded: only the first kMaxRobotsBytes are parsed (RFC 9309 2.5
// allows a limit of at least 500 KiB), and matching is linear in pattern x path length.
//
// Thread-safety: RobotsRules is an immutable value after parsing; safe to share.
#ifndef SINMUN_CRAWLER_FRONTIER_ROBOTS_H_
#define SINMUN_CRAWLER_FRONTIER_ROBOTS_H_

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sinmun {

inline constexpr size_t kMaxRobotsBytes = 500 * 1024;
// Crawl-delay values above this are read as this (a hostile "Crawl-delay: 1e9" must not
// park a host for ever). Default politeness is usually far below.
inline constexpr std::chrono::milliseconds kMaxCrawlDelay{std::chrono::minutes(5)};

// Which rule decided a path: `rule` is its line as written ("Disallow: /news/"), "" when
// no rule matched (allowed) or the rules are DisallowAll.
struct RobotsMatch {
  bool allowed = true;
  std::string rule;
};

class RobotsRules {
 public:
  // No rules: everything allowed (404 robots.txt, no matching group).
  static RobotsRules AllowAll();
  // Everything disallowed (robots.txt unreachable: wait and retry).
  static RobotsRules DisallowAll();

  // path_and_query: the URL's path plus "?query" if any, e.g. "/v/2026?x=1"; an empty
  // string is read as "/". True when the crawler may fetch it.
  bool Allowed(std::string_view path_and_query) const;
  // Allowed() with the rule that decided it, for messages.
  RobotsMatch Match(std::string_view path_and_query) const;
  // The user-agent line of the group in force ("User-agent: *", "User-agent: sinmun");
  // "" when no group applies.
  const std::string& group() const { return group_; }

  // From Crawl-delay in the matched group(s) (the largest if several), capped at
  // kMaxCrawlDelay; nullopt when absent or unparsable.
  std::optional<std::chrono::milliseconds> crawl_delay() const { return crawl_delay_; }
  // Every Sitemap URL in the file, in order (not group-specific).
  const std::vector<std::string>& sitemaps() const { return sitemaps_; }
  size_t rule_count() const { return rules_.size(); }

 private:
  friend RobotsRules ParseRobots(std::string_view text, std::string_view product_token);
  struct Rule {
    std::string pattern;  // normalised (see NormalizeRobotsPath in robots.cc)
    bool allow = false;
    std::string line;  // "Allow: …" / "Disallow: …", the value as written
  };
  std::vector<Rule> rules_;
  bool disallow_all_ = false;
  std::string group_;
  std::optional<std::chrono::milliseconds> crawl_delay_;
  std::vector<std::string> sitemaps_;
};

// product_token: the crawler's name as matched against user-agent lines, e.g. "sinmun"
// (letters, '_' and '-'; the part of the User-Agent header before '/').
RobotsRules ParseRobots(std::string_view text, std::string_view product_token);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_FRONTIER_ROBOTS_H_
