// Crawl: sinmund's crawl, wired. The frontier (crawler/frontier/) decides what to fetch and
// when and drives the HttpClient; Crawl acts on what comes back — a source's page goes to
// link discovery (crawler/discover/) and its links back to the frontier; an article's page
// goes through capture (capture/: extract, record, index) together with the schedule
// change the frontier decided, in one archive write — and turns the frontier's notes and
// notices into metrics and log lines.
//
//   Step(): frontier.Step ─▶ sources:  DiscoverLinks ─▶ frontier.Polled ─▶ persist changes
//                          ─▶ articles: capture.ReadPage ─▶ frontier.Visited ─▶ capture.Write
//                          ─▶ notices:  one log line per change of cause
//                          ─▶ SourceBoard: each source's status, logged once per change
//                                          and kept in the archive (`sinmun sources`)
//
// While the archive takes no writes (a full disk: daemon/archive_watch.h) the daemon pauses
// the crawl (Pause): nothing starts, answers in flight are still read, and an article whose
// version cannot be written gets its task back as it was (due: fetched again after the
// resume); schedule changes wait in the ArchiveWatch.
//
// Thread-safety: one thread (the daemon's loop). The Archive is shared with the metrics
// endpoint and the search indexer, which Archive allows.
#ifndef SINMUN_DAEMON_CRAWL_H_
#define SINMUN_DAEMON_CRAWL_H_

#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <string>

#include "capture/capture.h"
#include "common/clock.h"
#include "config/config.h"
#include "crawler/discover/discovery_plan.h"
#include "crawler/discover/fetched_listing.h"
#include "crawler/frontier/frontier.h"
#include "crawler/frontier/source_status.h"
#include "crawler/http/http_client.h"
#include "daemon/archive_watch.h"
#include "daemon/metrics.h"
#include "daemon/parser_health.h"
#include "storage/archive.h"

namespace sinmun {

// The config's view of the crawl's parts, shared with --check-sources (check_sources.h).
HttpOptions HttpOptionsFor(const Config& c);
ListingKind ListingKindOf(SourceType type);
FrontierOptions FrontierOptionsFor(const Config& c);
std::vector<CrawlSource> CrawlSourcesOf(const Config& c);
DiscoveryOptions DiscoveryOptionsFor(const Config& c);
// The most a listing may decompress to, in bytes (a gzip file is no way around max_body).
uint64_t MaxListingBytes(const Config& c);

class Crawl {
 public:
  // archive, clock, metrics (and feed, when not null) must outlive the Crawl.
  Crawl(const Config& config, Archive& archive, IndexFeed* feed, std::unique_ptr<HttpClient> http,
        const Clock& clock, Metrics& metrics);
  ~Crawl();
  Crawl(const Crawl&) = delete;
  Crawl& operator=(const Crawl&) = delete;

  // Reads the schedule back from the archive (converting entries written by older
  // releases) and makes the configured sources the polled ones. once: poll every source
  // now and leave work that cannot start within a minute for the next run.
  Status Start(bool once);

  // One turn: starts what may start, waits up to max_wait for answers, acts on them.
  void Step(std::chrono::milliseconds max_wait);

  // A reload's sources, revisit ladder, respect_robots and site table (politeness and HTTP
  // settings need a restart; the daemon says so). The site table file is read again even
  // when its path is unchanged; a bad one is logged and the table in use kept.
  void Reload(const Config& next);
  // Reads [extract] site_table (the shipped table when empty). Errors: LoadSiteTable's
  // (NotFound, IOError, InvalidArgument naming the file and line); the table in use stays.
  Status LoadSites(const std::string& path);

  void StopStarting() { frontier_->StopStarting(); }
  // Failed writes are told to `watch` (which must outlive the Crawl); see the file comment.
  void SetArchiveWatch(ArchiveWatch* watch) { watch_ = watch; }
  // paused: start nothing (the archive takes no writes); false: start again.
  void Pause(bool paused) { paused ? frontier_->StopStarting() : frontier_->ResumeStarting(); }
  bool Idle() const { return frontier_->Idle(); }
  size_t in_flight() const { return frontier_->in_flight(); }
  size_t queued() const { return frontier_->queued(); }
  size_t hosts_in_backoff() const { return frontier_->HostsInBackoff(); }
  uint64_t articles() const { return articles_; }
  // Fetches that finished in the last minute (for the systemd STATUS line).
  size_t fetches_last_minute();
  // Sets the gauges of the crawl's state (and persists the sources' 24-hour counters).
  void PublishMetrics();
  // Sources in each status ("ok", "robots-disallowed", …), for the summary line, STATUS and
  // /healthz.
  std::map<SourceState, size_t> SourceCounts() const { return board_.Counts(); }

 private:
  class ArchiveSeen;

  void OnSource(const Delivery& d);
  void OnArticle(const Delivery& d);
  void OnRefused(const Refusal& r);
  void Persist(TaskChanges changes);
  void RecordParserHealth(const std::string& source, const std::string& error);
  const SourceConfig* FindSource(const std::string& name) const;
  // The board's view of a source delivery (a poll of the source's URL, or a page it follows).
  void BoardPoll(const Delivery& d, PollOutcome outcome);
  // Logs and persists the board's changes; with all, every source's record (counters).
  void PersistSources(bool all);
  size_t KnownLinks(const std::vector<FoundLink>& links) const;
  // After a failed write: true when the archive has stopped taking writes (the watch says).
  bool ArchiveStopped();

  Config config_;
  Archive& archive_;
  const Clock& clock_;
  Metrics& metrics_;
  std::unique_ptr<HttpClient> http_;
  std::unique_ptr<ArchiveSeen> seen_;
  std::unique_ptr<Frontier> frontier_;
  Capture capture_;
  ParserHealth health_;
  DiscoveryOptions discovery_;
  SourceBoard board_;
  std::deque<MonoTime> recent_fetches_;
  uint64_t articles_ = 0;
  MonoTime sources_persisted_{};
  ArchiveWatch* watch_ = nullptr;
};

}  // namespace sinmun

#endif  // SINMUN_DAEMON_CRAWL_H_
