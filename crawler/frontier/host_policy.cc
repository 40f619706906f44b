#include "crawler/frontier/host_policy.h"

#include <algorithm>
#include <utility>

namespace sinmun {

bool IsBackoffSignal(const FetchResult& result) {
  if (result.timed_out) return true;
  switch (result.http_status) {
    case 429:
      return true;
    case 0:
      return result.error.code() == Status::Code::kIOError;
    default:
      return result.http_status >= 500 && result.http_status < 600;
  }
}

HostPolicy::HostPolicy(HostPolicyOptions options, uint64_t seed)
    : options_(std::move(options)), rng_(seed) {}

MonoTime HostPolicy::NextAllowed(const std::string& host) const {
  const auto it = hosts_.find(host);
  if (it == hosts_.end()) return MonoTime{};
  const HostStats& h = it->second;
  std::chrono::milliseconds gap = options_.per_host_interval;
  if (h.crawl_delay) gap = std::max(gap, *h.crawl_delay);
  // A host that never started has last_start at the epoch: epoch + gap is long past.
  return std::max(h.last_start + gap, h.backoff_until);
}

bool HostPolicy::MayStart(const std::string& host, MonoTime now) const {
  const auto it = hosts_.find(host);
  if (it == hosts_.end()) return true;
  if (it->second.in_flight >= options_.max_per_host) return false;
  return now >= NextAllowed(host);
}

void HostPolicy::OnStart(const std::string& host, MonoTime now) {
  HostStats& h = hosts_[host];
  ++h.in_flight;
  h.last_start = now;
}

std::chrono::milliseconds HostPolicy::BackoffDelay(int failures) {
  // base * 2^(failures-1), computed without overflow: stop doubling at the cap.
  std::chrono::milliseconds d = options_.backoff_base;
  for (int i = 1; i < failures && d < options_.backoff_max; ++i) d *= 2;
  d = std::min(d, options_.backoff_max);
  const double jitter = std::clamp(options_.jitter, 0.0, 10.0);
  std::uniform_real_distribution<double> extra(0.0, jitter);
  const double factor = 1.0 + (jitter > 0 ? extra(rng_) : 0.0);
  const auto jittered = std::chrono::milliseconds(static_cast<int64_t>(static_cast<double>(d.count()) * factor));
  return std::min(jittered, options_.backoff_max);
}

void HostPolicy::OnFinish(const std::string& host, MonoTime now, const FetchResult& result) {
  HostStats& h = hosts_[host];
  if (h.in_flight > 0) --h.in_flight;
  if (IsBackoffSignal(result)) {
    ++h.consecutive_failures;
    std::chrono::milliseconds delay = BackoffDelay(h.consecutive_failures);
    if (result.retry_after && (result.http_status == 429 || result.http_status == 503)) {
      const auto asked = std::min(
          std::chrono::duration_cast<std::chrono::milliseconds>(*result.retry_after),
          options_.max_retry_after);
      delay = std::max(delay, asked);
    }
    h.backoff = delay;
    h.backoff_until = std::max(h.backoff_until, now + delay);
    return;
  }
  if (result.http_status != 0) {  // an HTTP answer that is not overload: healthy
    h.last_good_answer = now;
    h.consecutive_failures = 0;
    h.backoff = std::chrono::milliseconds(0);
    h.backoff_until = MonoTime{};
  }
}

void HostPolicy::SetCrawlDelay(const std::string& host,
                               std::optional<std::chrono::milliseconds> delay) {
  if (!delay && hosts_.find(host) == hosts_.end()) return;
  hosts_[host].crawl_delay = delay;
}

HostStats HostPolicy::Stats(const std::string& host) const {
  const auto it = hosts_.find(host);
  return it == hosts_.end() ? HostStats{} : it->second;
}

size_t HostPolicy::HostsInBackoff(MonoTime now) const {
  return static_cast<size_t>(std::count_if(hosts_.begin(), hosts_.end(), [now](const auto& kv) {
    return kv.second.backoff_until > now;
  }));
}

void HostPolicy::Prune(MonoTime now, std::chrono::milliseconds idle) {
  for (auto it = hosts_.begin(); it != hosts_.end();) {
    const HostStats& h = it->second;
    if (h.in_flight == 0 && h.consecutive_failures == 0 && h.backoff_until <= now &&
        h.last_start + idle <= now) {
      it = hosts_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace sinmun
