// Daemon: sinmund's service shell — the archive, the search indexer, the crawl
// (daemon/crawl.h), signals, sd_notify, the metrics/health endpoint and reload. The crawl
// itself (frontier, discovery, capture) is Crawl's; this file keeps the process alive
// around it.
//
// One thread runs the loop: signals (from a signalfd) ─▶ Crawl::Step ─▶ WAL sync, status,
// watchdog. Signals: SIGHUP reloads the config — parse, validate, diff, swap; a bad file is
// logged and the old config kept; sources whose URL and interval did not change keep their
// next due time. SIGTERM/SIGINT stop starting work, give in-flight fetches kDrainDeadline,
// then close the archive and return 0.
//
// Durability: archive writes go to the WAL without fsync, and the WAL is fsynced every
// second and at shutdown. A killed daemon loses nothing it recorded; a power cut loses at
// most the last second. The schedule is written in the same batch as the fetch that
// changed it, so after a crash or kill -9 the daemon continues where it stopped.
//
// A full disk (or another write error) pauses the crawl (daemon/archive_watch.h): nothing
// starts until the archive takes writes again, an article whose version could not be
// written keeps its task as it was, and schedule changes wait in memory; signals, the
// watchdog, /metrics and /healthz (daemon/health.h) go on. An unrecoverable write error
// ends Run with exit code 1, and so does a full disk in --once mode.
//
// Thread-safety: Run() on one thread. The metrics endpoint reads Metrics (thread-safe), an
// atomic heartbeat and, for /changes.atom (storage/changes_feed.h), the Archive (safe for
// concurrent use) from its own thread. The search index is kept by a SearchIndexer thread
// fed with the recorded versions (daemon/search_indexer.h).
#ifndef SINMUN_DAEMON_DAEMON_H_
#define SINMUN_DAEMON_DAEMON_H_

#include <atomic>
#include <chrono>
#include <memory>

#include "common/clock.h"
#include "config/config.h"
#include "daemon/archive_watch.h"
#include "daemon/crawl.h"
#include "daemon/health.h"
#include "daemon/http_endpoint.h"
#include "daemon/metrics.h"
#include "daemon/notifier.h"
#include "daemon/search_indexer.h"
#include "storage/archive.h"

namespace sinmun {

inline constexpr std::chrono::seconds kDrainDeadline{10};

class Daemon {
 public:
  // Opens the archive (Busy when another writer holds it), the search index, the HTTP
  // client and the metrics endpoint, and restores the crawl's schedule. config_path is
  // re-read on SIGHUP; overrides are the command line's (kept on reload).
  static Result<std::unique_ptr<Daemon>> Create(Config config, DaemonOptions overrides,
                                                const Clock& clock, Notifier& notifier);
  ~Daemon();
  Daemon(const Daemon&) = delete;
  Daemon& operator=(const Daemon&) = delete;

  // once: poll every source one time, fetch every article that is due (everything it
  // discovered included), and return. Otherwise run until SIGTERM/SIGINT. Returns the
  // process exit code: 0, or 1 when the archive failed (an unrecoverable write error; with
  // once, any write error, a full disk included).
  int Run(bool once);

  int metrics_port() const { return endpoint_ ? endpoint_->port() : 0; }

 private:
  Daemon(Config config, DaemonOptions overrides, const Clock& clock, Notifier& notifier);

  Status Open();
  Status StartEndpoint();
  void Reload();
  void PublishStatus(MonoTime now);
  void Housekeeping(std::optional<std::chrono::milliseconds> watchdog);
  // Sets up archive_watch_ and the conditions /healthz reports.
  void WatchHealth();
  // The archive's state for this turn (ArchiveWatch::Poll); pauses or resumes the crawl.
  ArchiveWatch::State WatchArchive(bool stopping);
  // After the loop: cancel fetches, sync, stop the indexer; returns exit_code.
  int Finish(bool once, int exit_code, MonoTime started);

  Config config_;
  DaemonOptions overrides_;
  const Clock& clock_;
  Notifier& notifier_;
  Metrics metrics_;

  std::unique_ptr<Archive> archive_;
  Health service_health_;  // /healthz
  std::unique_ptr<ArchiveWatch> archive_watch_;
  bool paused_ = false;  // the crawl is paused for the archive
  // Keeps the search index (derived from the archive) up on its own thread. Declared after
  // archive_, so it stops first.
  std::unique_ptr<SearchIndexer> indexer_;
  std::unique_ptr<Crawl> crawl_;

  MonoTime last_status_{};
  MonoTime last_summary_{};
  MonoTime last_wal_sync_{};
  MonoTime last_watchdog_{};
  std::atomic<long long> heartbeat_ms_{0};  // monotonic milliseconds of the last turn
  std::unique_ptr<HttpEndpoint> endpoint_;  // last: stopped first
};

}  // namespace sinmun

#endif  // SINMUN_DAEMON_DAEMON_H_
