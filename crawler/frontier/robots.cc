#include "crawler/frontier/robots.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace sinmun {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool IsUnreserved(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

// RFC 9309 2.2.2: compare octets with non-ASCII percent-encoded and percent-encoded
// unreserved characters decoded; hex digits of the remaining escapes upper-cased. Applied
// to rule patterns and request paths alike, so "/%7Ea" matches "/~a" and "/한" matches
// "/%ED%95%9C". '*' and '$' pass through (they are pattern syntax).
std::string NormalizeRobotsPath(std::string_view in) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    const auto c = static_cast<unsigned char>(in[i]);
    if (c == '%' && i + 2 < in.size() && HexValue(in[i + 1]) >= 0 && HexValue(in[i + 2]) >= 0) {
      const auto v = static_cast<unsigned char>(HexValue(in[i + 1]) * 16 + HexValue(in[i + 2]));
      if (IsUnreserved(v)) {
        out.push_back(static_cast<char>(v));
      } else {
        out.push_back('%');
        out.push_back(kHex[v >> 4]);
        out.push_back(kHex[v & 15]);
      }
      i += 2;
    } else if (c >= 0x80 || c <= 0x20 || c == 0x7f) {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

// Does `pattern` ('*' any run, trailing '$' end anchor) match a prefix of `path` (or all
// of it, when anchored)? Greedy matching with one backtrack point: O(pattern x path).
bool PatternMatches(std::string_view pattern, std::string_view path) {
  bool anchored = false;
  if (!pattern.empty() && pattern.back() == '$') {
    anchored = true;
    pattern.remove_suffix(1);
  }
  size_t p = 0, s = 0;
  size_t star = std::string_view::npos, star_s = 0;
  while (true) {
    if (p == pattern.size()) {
      if (!anchored || s == path.size()) return true;
      // Anchored but path left over: let the last '*' swallow more.
    } else if (pattern[p] == '*') {
      star = p++;
      star_s = s;
      continue;
    } else if (s < path.size() && pattern[p] == path[s]) {
      ++p;
      ++s;
      continue;
    }
    if (star == std::string_view::npos || star_s >= path.size()) return false;
    p = star + 1;
    s = ++star_s;
  }
}

std::optional<std::chrono::milliseconds> ParseCrawlDelay(std::string_view v) {
  // Decimal seconds: "10", "0.5", "2.". Anything else is ignored.
  uint64_t whole = 0;
  size_t i = 0;
  bool digits = false;
  for (; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i) {
    digits = true;
    if (whole < 1000000) whole = whole * 10 + static_cast<uint64_t>(v[i] - '0');
  }
  uint64_t millis = 0;
  if (i < v.size() && v[i] == '.') {
    ++i;
    uint64_t scale = 100;
    for (; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i) {
      digits = true;
      millis += static_cast<uint64_t>(v[i] - '0') * scale;
      scale /= 10;
    }
  }
  if (!digits || i != v.size()) return std::nullopt;
  const auto total = std::chrono::milliseconds(static_cast<int64_t>(whole * 1000 + millis));
  return std::min(total, kMaxCrawlDelay);
}

// The user-agent value as a product token: the leading run of [A-Za-z_-] ("Googlebot/2.1"
// names "Googlebot"), or "*".
std::string_view AgentToken(std::string_view value) {
  value = Trim(value);
  if (!value.empty() && value.front() == '*') return "*";
  size_t n = 0;
  while (n < value.size()) {
    const char c = value[n];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '-')) break;
    ++n;
  }
  return value.substr(0, n);
}

}  // namespace

RobotsRules RobotsRules::AllowAll() { return RobotsRules(); }

RobotsRules RobotsRules::DisallowAll() {
  RobotsRules r;
  r.disallow_all_ = true;
  return r;
}

bool RobotsRules::Allowed(std::string_view path_and_query) const {
  return Match(path_and_query).allowed;
}

RobotsMatch RobotsRules::Match(std::string_view path_and_query) const {
  if (path_and_query.empty()) path_and_query = "/";
  if (path_and_query == "/robots.txt") return {true, ""};
  if (disallow_all_) return {false, ""};
  if (rules_.empty()) return {true, ""};
  const std::string path = NormalizeRobotsPath(path_and_query);
  const Rule* best = nullptr;
  for (const Rule& rule : rules_) {
    const size_t len = rule.pattern.size();
    // A shorter rule cannot win, and an equal-length one only if it allows.
    if (best != nullptr && (len < best->pattern.size() ||
                            (len == best->pattern.size() && (best->allow || !rule.allow)))) {
      continue;
    }
    if (!PatternMatches(rule.pattern, path)) continue;
    best = &rule;
  }
  if (best == nullptr) return {true, ""};
  return {best->allow, best->line};
}

RobotsRules ParseRobots(std::string_view text, std::string_view product_token) {
  if (text.size() > kMaxRobotsBytes) text = text.substr(0, kMaxRobotsBytes);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);

  RobotsRules mine;  // groups naming product_token
  RobotsRules star;  // groups naming "*"
  bool have_mine = false, have_star = false;
  std::vector<std::string> sitemaps;

  // Group state: which collections the current group's rules go into.
  bool in_agent_lines = false;  // the previous record was a user-agent line
  bool group_mine = false, group_star = false;

  auto add_rule = [&](bool allow, std::string_view value) {
    if (!group_mine && !group_star) return;
    if (value.empty()) return;  // "Disallow:" with no path means nothing
    RobotsRules::Rule rule{NormalizeRobotsPath(value), allow,
                           std::string(allow ? "Allow: " : "Disallow: ") + std::string(value)};
    if (group_mine) mine.rules_.push_back(rule);
    if (group_star) star.rules_.push_back(std::move(rule));
  };
  auto set_delay = [](RobotsRules& r, std::chrono::milliseconds d) {
    if (!r.crawl_delay_ || *r.crawl_delay_ < d) r.crawl_delay_ = d;
  };

  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (const size_t hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string_view key = Trim(line.substr(0, colon));
    const std::string_view value = Trim(line.substr(colon + 1));

    if (EqualsIgnoreCase(key, "user-agent")) {
      if (!in_agent_lines) group_mine = group_star = false;  // a new group begins
      in_agent_lines = true;
      const std::string_view token = AgentToken(value);
      if (token == "*") {
        group_star = true;
        have_star = true;
        star.group_ = "User-agent: *";
      } else if (!token.empty() && EqualsIgnoreCase(token, product_token)) {
        group_mine = true;
        have_mine = true;
        mine.group_ = "User-agent: " + std::string(value.substr(0, 100));
      }
      continue;
    }
    if (EqualsIgnoreCase(key, "sitemap")) {
      // Not part of any group; does not end one either.
      if (!value.empty() && sitemaps.size() < 1000) sitemaps.emplace_back(value);
      continue;
    }
    if (EqualsIgnoreCase(key, "allow")) {
      in_agent_lines = false;
      add_rule(true, value);
    } else if (EqualsIgnoreCase(key, "disallow")) {
      in_agent_lines = false;
      add_rule(false, value);
    } else if (EqualsIgnoreCase(key, "crawl-delay")) {
      in_agent_lines = false;
      if (const auto d = ParseCrawlDelay(value)) {
        if (group_mine) set_delay(mine, *d);
        if (group_star) set_delay(star, *d);
      }
    }
    // Other records (Host, Clean-param, ...) are ignored and do not end a group.
  }

  RobotsRules out;
  if (have_mine) {
    out = std::move(mine);
  } else if (have_star) {
    out = std::move(star);
  }
  out.sitemaps_ = std::move(sitemaps);
  return out;
}

}  // namespace sinmun
