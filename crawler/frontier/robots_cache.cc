#include "crawler/frontier/robots_cache.h"

#include <algorithm>
#include <utility>

#include "common/identity.h"

namespace sinmun {

std::optional<std::string> RobotsOrigin(std::string_view url) {
  const std::optional<UrlParts> u = ParseUrl(url);
  if (!u) return std::nullopt;
  std::string origin = u->scheme + "://" + u->host;
  const bool default_port = u->port.empty() || (u->scheme == "http" && u->port == "80") ||
                            (u->scheme == "https" && u->port == "443");
  if (!default_port) origin += ":" + u->port;
  return origin;
}

std::optional<std::string> RobotsPathAndQuery(std::string_view url) {
  const std::optional<UrlParts> u = ParseUrl(url);
  if (!u) return std::nullopt;
  std::string path = u->path.empty() ? "/" : u->path;
  if (!u->query.empty()) path += "?" + u->query;
  return path;
}

FetchRequest RobotsRequest(uint64_t id, const std::string& origin) {
  FetchRequest r;
  r.id = id;
  r.url = origin + "/robots.txt";
  r.allowed_content_types = RobotsContentTypes();
  r.truncate_at = kMaxRobotsBytes;
  r.max_redirects = kRobotsRedirects;
  return r;
}

RobotsCache::RobotsCache(RobotsCacheOptions options) : options_(std::move(options)) {}

RobotsCache::Lookup RobotsCache::Find(const std::string& origin, MonoTime now) const {
  const auto it = entries_.find(origin);
  if (it == entries_.end()) return {State::kNeedFetch};
  const Entry& e = it->second;
  if (e.rules && now < e.rules_expire) return {State::kReady, &*e.rules, e.rules_expire, ""};
  const bool failed = !e.error.empty();
  // Stale rules stay in force while their refresh runs, and after it failed until the
  // retry time (§2.4).
  if (e.rules && e.fetching) return {State::kReady, &*e.rules, now, e.error};
  if (e.rules && failed && now < e.retry_at) return {State::kReady, &*e.rules, e.retry_at, e.error};
  if (e.fetching) return {State::kFetching};
  if (failed && now < e.retry_at) {
    return {e.address_refused ? State::kAddressRefused : State::kUnreachable, nullptr, e.retry_at, e.error};
  }
  return {State::kNeedFetch};
}

void RobotsCache::MarkFetching(const std::string& origin) { entries_[origin].fetching = true; }

void RobotsCache::OnFetched(const std::string& origin, const FetchResult& result, MonoTime now) {
  Entry& e = entries_[origin];
  e.fetching = false;
  const int status = result.error.ok() ? result.http_status : 0;
  if (status >= 200 && status < 300) {
    e.rules = ParseRobots(result.body, options_.product_token);
    e.rules_expire = now + options_.ttl;
    e.error.clear();
    e.address_refused = false;
    return;
  }
  if (status >= 400 && status < 500 && status != 429) {
    e.rules = RobotsRules::AllowAll();
    e.rules_expire = now + options_.ttl;
    e.error.clear();
    e.address_refused = false;
    return;
  }
  std::chrono::milliseconds wait = options_.unreachable_retry;
  if (result.retry_after) {
    const auto asked = std::chrono::duration_cast<std::chrono::milliseconds>(*result.retry_after);
    wait = std::max(wait, std::min(asked, options_.max_retry_after));
  }
  e.retry_at = now + wait;
  e.error = RobotsFailure(result);
  e.address_refused = result.address_refused;
}

void RobotsCache::Prune(MonoTime now) {
  for (auto it = entries_.begin(); it != entries_.end();) {
    const Entry& e = it->second;
    const MonoTime last = std::max(e.rules_expire, e.retry_at);
    if (!e.fetching && last + options_.ttl < now) {
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
}

std::string RobotsFailure(const FetchResult& result) {
  if (!result.error.ok()) return result.error.message();
  if (result.http_status == 0) return "no answer";
  if (result.http_status >= 300 && result.http_status < 400) {
    return "HTTP " + std::to_string(result.http_status) + " (too many redirects)";
  }
  return "HTTP " + std::to_string(result.http_status);
}

}  // namespace sinmun
