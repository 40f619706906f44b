// Daemon: sinmund's loop. It owns the crawl state and wires the crawler to the archive
// (crawler/ and storage/ never see each other; this is the one place they meet).
//
// One thread runs everything that changes crawl state:
//
//   signals ─▶ due queue ─▶ per-host ready lists ─▶ robots.txt gate ─▶ host politeness
//           ─▶ HttpClient::Start … Poll ─▶ discover links (sources) / extract + record
//           (articles) ─▶ archive write (version + schedule change in one batch)
//
// Tasks (crawler/schedule/task.h) are persisted in the archive's schedule with every change,
// in the same WriteBatch as the fetch that caused it: after a crash or kill -9 the daemon
// reloads the schedule and continues; a fetch whose result was recorded is not repeated,
// and one that was in flight (not recorded) is simply done again.
//
// Politeness: a task starts only when its origin's robots.txt allows it (fetched first,
// cached 24 h; see crawler/http/robots_cache.h), its host is under max_per_host, the last
// start to that host is per_host_interval (or Crawl-delay) ago, and the host is not in
// backoff after 429/503/timeouts (Retry-After obeyed). See crawler/http/host_policy.h.
//
// Signals (read from a signalfd in the loop): SIGHUP reloads the config — parse, validate,
// diff, swap; a bad file is logged and the old config kept; sources whose type, URL and
// interval did not change keep their next due time. SIGTERM/SIGINT stop starting work,
// give in-flight fetches kDrainDeadline, then close the archive and return 0.
//
// Durability: archive writes go to the WAL without fsync, and the WAL is fsynced every
// second and at shutdown. A killed daemon loses nothing it recorded; a power cut loses at
// most the last second.
//
// Thread-safety: Run() on one thread. The metrics endpoint reads Metrics (thread-safe), an
// atomic heartbeat and, for /changes.atom (daemon/changes_feed.h), the Archive (safe for
// concurrent use) from its own thread. The search index is kept by a SearchIndexer thread
// fed with the recorded versions (daemon/search_indexer.h).
#ifndef SINMUN_DAEMON_DAEMON_H_
#define SINMUN_DAEMON_DAEMON_H_

#include <atomic>
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "common/clock.h"
#include "config/config.h"
#include "crawler/http/host_policy.h"
#include "crawler/http/http_client.h"
#include "crawler/http/robots_cache.h"
#include "crawler/schedule/due_queue.h"
#include "daemon/http_endpoint.h"
#include "daemon/metrics.h"
#include "daemon/notifier.h"
#include "daemon/parser_health.h"
#include "daemon/search_indexer.h"
#include "daemon/signals.h"
#include "storage/archive.h"

namespace sinmun {

inline constexpr std::chrono::seconds kDrainDeadline{10};

class Daemon {
 public:
  // Opens the archive (Busy when another writer holds it), loads the persisted schedule,
  // adds a task for every configured source that has none, starts the metrics endpoint.
  // config_path is re-read on SIGHUP; overrides are the command line's (kept on reload).
  static Result<std::unique_ptr<Daemon>> Create(Config config, DaemonOptions overrides,
                                                const Clock& clock, Notifier& notifier);
  ~Daemon();
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  // once: poll every source one time, fetch every article that is due (everything it
  // discovered included), and return. Otherwise run until SIGTERM/SIGINT. Returns the
  // process exit code.
  int Run(bool once);

  int metrics_port() const { return endpoint_ ? endpoint_->port() : 0; }

 private:
  enum class FetchKind { kRobots, kSource, kArticle };
  struct InFlight {
    FetchKind kind;
    Task task;  // kSource, kArticle
    std::string host, origin;
  };

  Daemon(Config config, DaemonOptions overrides, const Clock& clock, Notifier& notifier);

  Status Open();
  void SyncSources(bool make_due_now);
  const SourceConfig* FindSource(const std::string& name) const;
  void PersistTasks(const std::vector<Task>& put, const std::vector<std::string>& erase);

  void MoveDueTasks(Instant now);
  void StartReadyWork(InstantMs now);
  bool TryStart(const Task& task, InstantMs now);  // false: not now (keep it waiting)
  void Start(FetchKind kind, const Task& task, const std::string& url, InstantMs now);

  void OnResult(FetchResult result);
  void OnRobots(const InFlight& f, const FetchResult& r);
  void OnSource(const InFlight& f, const FetchResult& r);
  void OnArticle(const InFlight& f, const FetchResult& r);
  void Reschedule(const Task& task, bool success, Fetch* fetch);
  void RecordParserHealth(const std::string& source, const std::string& error);

  void Reload();
  void PublishStatus(InstantMs now);
  bool Idle(Instant now) const;

  Config config_;
  DaemonOptions overrides_;
  const Clock& clock_;
  Notifier& notifier_;
  Metrics metrics_;
  std::mt19937_64 rng_;

  std::unique_ptr<Archive> archive_;
  // Keeps the search index (derived from the archive) up on its own thread. Declared after
  // archive_, so it stops first.
  std::unique_ptr<SearchIndexer> indexer_;
  std::unique_ptr<HttpClient> http_;
  HostPolicy hosts_;
  RobotsCache robots_;
  DueQueue queue_;
  // Due tasks waiting for their host (politeness) or origin (robots.txt), per host.
  std::map<std::string, std::deque<Task>> ready_;
  size_t ready_count_ = 0;
  std::unordered_set<std::string> active_urls_;  // in ready_ or in flight
  std::unordered_map<uint64_t, InFlight> in_flight_;
  uint64_t next_id_ = 1;
  ParserHealth health_;
  bool once_ = false;

  std::deque<InstantMs> recent_fetches_;  // the last minute's, for STATUS
  uint64_t articles_ = 0;
  InstantMs last_status_{};
  InstantMs last_summary_{};
  InstantMs last_wal_sync_{};
  InstantMs last_watchdog_{};
  std::atomic<long long> heartbeat_ms_{0};
  std::unique_ptr<HttpEndpoint> endpoint_;  // last: stopped first
};

}  // namespace sinmun

#endif  // SINMUN_DAEMON_DAEMON_H_
