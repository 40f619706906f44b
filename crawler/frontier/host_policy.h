// HostPolicy: per-host politeness as pure logic. The frontier asks MayStart() before
// starting a fetch, and reports OnStart() / OnFinish(); nothing here reads a clock or
// sleeps: times are monotonic readings (common/clock.h) passed in by the caller, so a
// step of the wall clock never shortens a gap or a backoff.
//
// Rules, per host:
//   - starts are at least max(per_host_interval, Crawl-delay) apart;
//   - at most max_per_host fetches are in flight;
//   - 429, any 5xx, a timeout or a transport failure (no HTTP answer, IOError: DNS,
//     connect, TLS) put the host in backoff: backoff_base * 2^(n-1) for the n-th failure in a row, times a
//     random factor in [1, 1 + jitter] (so hosts that failed together do not return
//     together), capped at backoff_max;
//   - a Retry-After on 429/503 replaces that delay when it is longer (up to
//     max_retry_after: a hostile "Retry-After: 1e9" must not park a host for ever);
//   - any other HTTP answer (2xx, 3xx, 304, 404, ...) resets the failure count and
//     ends the backoff. Limit errors of our own (too large, content type, refused
//     address) change nothing.
// Hosts are caller-chosen keys, normally the lower-case host name.
//
// Thread-safety: not thread-safe; owned by the crawl loop.
#ifndef SINMUN_CRAWLER_FRONTIER_HOST_POLICY_H_
#define SINMUN_CRAWLER_FRONTIER_HOST_POLICY_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>

#include "common/clock.h"
#include "crawler/http/http_client.h"

namespace sinmun {

struct HostPolicyOptions {
  // Minimum gap between two request starts to one host. Default: 1 s.
  std::chrono::milliseconds per_host_interval{1000};
  // Concurrent fetches per host. Default: 2.
  int max_per_host = 2;
  // First backoff delay; doubles with each failure in a row. Default: 30 s.
  std::chrono::milliseconds backoff_base{std::chrono::seconds(30)};
  // Largest backoff delay (after jitter). Default: 1 h.
  std::chrono::milliseconds backoff_max{std::chrono::hours(1)};
  // Random extra fraction of the delay, uniform in [0, jitter]. Default: 0.5.
  double jitter = 0.5;
  // Retry-After is obeyed up to this. Default: 6 h.
  std::chrono::milliseconds max_retry_after{std::chrono::hours(6)};
};

struct HostStats {
  int in_flight = 0;
  int consecutive_failures = 0;
  MonoTime last_start{};
  MonoTime backoff_until{};             // no backoff when <= now
  MonoTime last_good_answer{};          // the last HTTP answer that was not a backoff signal
  std::chrono::milliseconds backoff{0};  // the delay last applied (0 after a success)
  std::optional<std::chrono::milliseconds> crawl_delay;
};

class HostPolicy {
 public:
  // seed: for the jitter RNG; tests pass a fixed one, the daemon a random one.
  HostPolicy(HostPolicyOptions options, uint64_t seed);

  // True when a fetch to host may start at now: under max_per_host and not before
  // NextAllowed(host).
  bool MayStart(const std::string& host, MonoTime now) const;
  // Earliest start time allowed by interval, Crawl-delay and backoff (concurrency aside).
  // A host never seen: the epoch.
  MonoTime NextAllowed(const std::string& host) const;

  // REQUIRES: MayStart(host, now) (not checked: the caller may override, e.g. for a
  // user-requested fetch).
  void OnStart(const std::string& host, MonoTime now);
  // REQUIRES: a matching OnStart(host, ...).
  void OnFinish(const std::string& host, MonoTime now, const FetchResult& result);

  // The Crawl-delay from the host's robots.txt (nullopt: none). Widens the interval.
  void SetCrawlDelay(const std::string& host, std::optional<std::chrono::milliseconds> delay);

  // For metrics and `sinmun stats`. A host never seen: all zero.
  HostStats Stats(const std::string& host) const;
  // Hosts whose backoff has not ended at now.
  size_t HostsInBackoff(MonoTime now) const;

  // Forgets hosts with nothing in flight, no failure count, and no start within
  // `idle`, to bound memory. Their Crawl-delay is forgotten too: callers set it again
  // from the robots cache before starting.
  void Prune(MonoTime now, std::chrono::milliseconds idle);
  size_t size() const { return hosts_.size(); }

 private:
  std::chrono::milliseconds BackoffDelay(int failures);

  HostPolicyOptions options_;
  std::mt19937_64 rng_;
  std::unordered_map<std::string, HostStats> hosts_;
};

// The politeness reading of a result: true for 429, 5xx, timeouts and transport
// failures (see above): failures of the host or the network, not of one URL.
bool IsBackoffSignal(const FetchResult& result);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_FRONTIER_HOST_POLICY_H_
