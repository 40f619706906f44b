#include "crawler/http/robots_cache.h"

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
  return r;
}

RobotsCache::RobotsCache(RobotsCacheOptions options) : options_(std::move(options)) {}

RobotsCache::Lookup RobotsCache::Find(const std::string& origin, InstantMs now) const {
  const auto it = entries_.find(origin);
  if (it == entries_.end()) return {State::kNeedFetch, nullptr};
  const Entry& e = it->second;
  const RobotsRules* rules = e.rules ? &*e.rules : &disallow_all_;
  if (now < e.expires) return {State::kReady, rules};
  if (!e.fetching) return {State::kNeedFetch, nullptr};
  if (e.rules) return {State::kReady, rules};
  return {State::kFetching, nullptr};
}

void RobotsCache::MarkFetching(const std::string& origin) {
  Entry& e = entries_[origin];
  e.fetching = true;
}

void RobotsCache::OnFetched(const std::string& origin, const FetchResult& result, InstantMs now) {
  Entry& e = entries_[origin];
  e.fetching = false;
  const int status = result.http_status;
  const bool answered = result.error.ok() && status != 0;
  if (answered && status >= 200 && status < 300) {
    e.rules = ParseRobots(result.body, options_.product_token);
    e.expires = now + options_.ttl;
    return;
  }
  if (answered && status >= 400 && status < 500 && status != 429) {
    e.rules = RobotsRules::AllowAll();
    e.expires = now + options_.ttl;
    return;
  }
  // Unreachable (429, 5xx, 3xx left over, no answer). Keep earlier rules if any;
  // otherwise DisallowAll (rules absent) until the retry time.
  std::chrono::milliseconds wait = options_.unreachable_retry;
  if (result.retry_after) {
    const auto asked = std::chrono::duration_cast<std::chrono::milliseconds>(*result.retry_after);
    wait = std::max(wait, std::min(asked, options_.max_retry_after));
  }
  e.expires = now + wait;
}

void RobotsCache::Prune(InstantMs now) {
  for (auto it = entries_.begin(); it != entries_.end();) {
    const Entry& e = it->second;
    if (!e.fetching && e.expires + options_.ttl < now) {
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace sinmun
