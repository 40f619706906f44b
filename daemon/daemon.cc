#include "daemon/daemon.h"

#include <unistd.h>

#include <algorithm>
#include <fstream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "config/config_diff.h"
#include "crawler/http/curl_client.h"
#include "storage/changes_feed.h"
#include "daemon/signals.h"

namespace sinmun {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kWalSyncEvery{1000};
constexpr milliseconds kStatusEvery{10'000};
constexpr milliseconds kSummaryEvery{std::chrono::minutes(5)};  // the info-level log line
constexpr milliseconds kStalledAfter{30'000};                   // /healthz: loop stalled

double ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  long long pages_total = 0, pages_resident = 0;
  statm >> pages_total >> pages_resident;
  return double(pages_resident) * double(sysconf(_SC_PAGESIZE));
}

void DescribeMetrics(Metrics& m) {
  using T = Metrics::Type;
  m.Describe("sinmun_fetches_total", T::kCounter,
             "Fetches by source, kind (robots, source, article) and outcome (HTTP class, "
             "timeout, error); redirect hops included.");
  m.Describe("sinmun_captures_total", T::kCounter,
             "Article pages captured, by source and outcome (new, changed, unchanged, deleted, "
             "restored, unusable, gone, record_error).");
  m.Describe("sinmun_versions_written_total", T::kCounter,
             "Article versions written, by source and change class.");
  m.Describe("sinmun_articles_discovered_total", T::kCounter,
             "New article URLs found on a source's listing.");
  m.Describe("sinmun_extraction_failures_total", T::kCounter,
             "Article pages fetched that yielded no article, by source.");
  m.Describe("sinmun_source_empty_share", T::kGauge,
             "Share of a source's recent article pages that yielded no body (parser health).");
  m.Describe("sinmun_source_status", T::kGauge,
             "1 for a source's current status (ok, pending, robots-disallowed, unreachable, "
             "http-error, not-a-feed, not-a-listing, no-links, articles-refused, parser-failing), 0 "
             "for the others.");
  m.Describe("sinmun_robots_disallowed_total", T::kCounter,
             "Tasks held back because robots.txt disallows them.");
  m.Describe("sinmun_queue_depth", T::kGauge, "Tasks scheduled (due or not), not in flight.");
  m.Describe("sinmun_in_flight", T::kGauge, "Fetches in flight.");
  m.Describe("sinmun_host_backoff_seconds", T::kGauge,
             "Current backoff of a host after 429/5xx/timeouts/network errors (0: none).");
  m.Describe("sinmun_archive_bytes", T::kGauge, "Live SST bytes of the archive.");
  m.Describe("sinmun_search_backlog", T::kGauge, "Recorded versions not yet in the search index.");
  m.Describe("sinmun_process_resident_bytes", T::kGauge, "Resident memory of sinmund.");
}

}  // namespace

Daemon::Daemon(Config config, DaemonOptions overrides, const Clock& clock, Notifier& notifier)
    : config_(std::move(config)), overrides_(std::move(overrides)), clock_(clock), notifier_(notifier) {
  DescribeMetrics(metrics_);
}

Daemon::~Daemon() = default;

Result<std::unique_ptr<Daemon>> Daemon::Create(Config config, DaemonOptions overrides,
                                               const Clock& clock, Notifier& notifier) {
  std::unique_ptr<Daemon> d(new Daemon(std::move(config), std::move(overrides), clock, notifier));
  if (Status s = d->Open(); !s.ok()) return s;
  return d;
}

Status Daemon::Open() {
  if (config_.crawler.user_agent == DefaultConfig().crawler.user_agent) {
    spdlog::warn("user_agent names this project's contact, not yours: set [crawler] user_agent "
                 "to name a URL or address where the sites you crawl can reach you");
  }
  ArchiveOptions options;
  options.sync = false;  // the loop fsyncs the WAL every kWalSyncEvery (file comment)
  options.keep_raw = config_.crawler.keep_raw;
  Result<std::unique_ptr<Archive>> archive =
      Archive::Open(config_.archive_path, Archive::Mode::kReadWrite, options);
  if (!archive.ok()) return archive.status();
  archive_ = std::move(*archive);
  // The search index is opened (or rebuilt, or caught up) by its own thread.
  indexer_ = std::make_unique<SearchIndexer>(*archive_, IndexDir(config_.archive_path + "/search"));
  Result<std::unique_ptr<HttpClient>> http = CreateCurlClient(HttpOptionsFor(config_), clock_);
  if (!http.ok()) return http.status();
  crawl_ = std::make_unique<Crawl>(config_, *archive_, indexer_.get(), std::move(*http), clock_, metrics_);
  if (Status s = crawl_->LoadSites(config_.extract_site_table); !s.ok()) {
    return Status::InvalidArgument("[extract] site_table: " + s.message());
  }
  WatchHealth();
  if (Status s = StartEndpoint(); !s.ok()) return s;
  return Status::Ok();
}

Status Daemon::StartEndpoint() {
  if (config_.metrics_listen.empty()) return Status::Ok();
  std::map<std::string, HttpEndpoint::Handler> routes;
  routes["/metrics"] = [this] {
    metrics_.Set("sinmun_process_resident_bytes", {}, ResidentBytes());
    return EndpointResponse{200, "text/plain; version=0.0.4; charset=utf-8", metrics_.Render()};
  };
  // Reads the archive from the endpoint's thread (Archive is safe for concurrent use);
  // touches none of the loop's state.
  routes["/changes.atom"] = [this] {
    Result<std::string> feed = ChangesFeed(*archive_, kChangesFeedLength, clock_.Now(), "");
    if (!feed.ok()) return EndpointResponse{500, "text/plain; charset=utf-8", feed.status().message() + "\n"};
    return EndpointResponse{200, "application/atom+xml; charset=utf-8", std::move(*feed)};
  };
  routes["/healthz"] = [this] {
    HealthReport report = service_health_.Report();
    return EndpointResponse{report.http_status(), "text/plain; charset=utf-8", report.Body()};
  };
  Result<std::unique_ptr<HttpEndpoint>> endpoint =
      HttpEndpoint::Start(config_.metrics_listen, std::move(routes));
  if (!endpoint.ok()) return endpoint.status();
  endpoint_ = std::move(*endpoint);
  spdlog::info("metrics, health and changes feed on {} (port {})", config_.metrics_listen,
               endpoint_->port());
  return Status::Ok();
}

void Daemon::WatchHealth() {
  archive_watch_ =
      std::make_unique<ArchiveWatch>(*archive_, config_.archive_path, service_health_, metrics_, notifier_);
  crawl_->SetArchiveWatch(archive_watch_.get());
  service_health_.AddProbe("loop", [this]() -> std::optional<HealthCondition> {
    const milliseconds age(clock_.Monotonic().time_since_epoch().count() - heartbeat_ms_.load());
    if (age <= kStalledAfter) return std::nullopt;
    return HealthCondition{HealthState::kUnhealthy,
                           "stalled: no turn of the loop for " + std::to_string(age.count() / 1000) + " s"};
  });
}

ArchiveWatch::State Daemon::WatchArchive(bool stopping) {
  const ArchiveWatch::State state = archive_watch_->Poll(clock_.Monotonic());
  const bool pause = state != ArchiveWatch::State::kWriting;
  if (pause != paused_ && !stopping) {
    crawl_->Pause(pause);
    paused_ = pause;
  }
  return state;
}

void Daemon::Reload() {
  notifier_.Notify("RELOADING=1");
  Result<Config> loaded = LoadConfigFile(overrides_.config_path);
  if (!loaded.ok()) {
    spdlog::error("reload: {}; keeping the running configuration", loaded.status().message());
    notifier_.Notify("READY=1");
    return;
  }
  Config next = ApplyOverrides(std::move(*loaded), overrides_);
  if (ConfigDiff diff = DiffConfig(config_, next); !diff.restart.empty()) {
    spdlog::warn("reload: these changes wait for a restart: {}; the rest applies now",
                 fmt::join(diff.restart, ", "));
  }
  next = ApplyLiveChanges(config_, next);
  config_ = std::move(next);
  crawl_->Reload(config_);
  spdlog::info("reload: {} sources", config_.sources.size());
  notifier_.Notify("READY=1");
}

void Daemon::PublishStatus(MonoTime now) {
  crawl_->PublishMetrics();
  if (indexer_) metrics_.Set("sinmun_search_backlog", {}, double(indexer_->backlog()));
  if (Result<uint64_t> bytes = archive_->SstBytes(); bytes.ok()) {
    metrics_.Set("sinmun_archive_bytes", {}, double(*bytes));
  }
  std::string status = std::to_string(crawl_->articles()) + " articles, " +
                       std::to_string(crawl_->fetches_last_minute()) + " fetches/min, queue " +
                       std::to_string(crawl_->queued()) + "; sources:";
  const std::map<SourceState, size_t> counts = crawl_->SourceCounts();
  size_t configured = 0;
  for (const auto& [state, n] : counts) {
    status += (configured == 0 ? " " : ", ") + std::to_string(n) + " " + std::string(SourceStateName(state));
    configured += n;
  }
  if (configured == 0) status += " none";
  if (configured > 0 && !counts.contains(SourceState::kOk)) {
    service_health_.Set("sources", HealthState::kDegraded, "no source is ok (sinmun sources says why)");
  } else {
    service_health_.Clear("sources");
  }
  if (!archive_watch_->writing()) status = "paused: " + archive_watch_->reason() + "; " + status;
  notifier_.Notify("STATUS=" + status);
  if (now - last_summary_ >= kSummaryEvery) {
    spdlog::info("{}, {} hosts in backoff", status, crawl_->hosts_in_backoff());
    last_summary_ = now;
  }
}

void Daemon::Housekeeping(std::optional<milliseconds> watchdog) {
  const MonoTime now = clock_.Monotonic();
  if (now - last_wal_sync_ >= kWalSyncEvery) {
    if (archive_watch_->writing()) {
      if (Status s = archive_->SyncWal(); !s.ok() && !archive_watch_->OnWriteFailed(now)) {
        spdlog::error("WAL sync: {}", s.message());
      }
    }
    last_wal_sync_ = now;
  }
  if (now - last_status_ >= kStatusEvery) {
    PublishStatus(now);
    last_status_ = now;
  }
  if (watchdog && now - last_watchdog_ >= *watchdog) {
    notifier_.Notify("WATCHDOG=1");
    last_watchdog_ = now;
  }
}

int Daemon::Run(bool once) {
  Result<SignalEvents> signals = SignalEvents::Open();
  if (!signals.ok()) {
    spdlog::critical("{}", signals.status().message());
    return 1;
  }
  if (Status s = crawl_->Start(once); !s.ok()) {
    spdlog::critical("cannot read the schedule: {}", s.message());
    return 1;
  }
  spdlog::info("archive {} open: {} articles, {} tasks scheduled, {} sources", config_.archive_path,
               crawl_->articles(), crawl_->queued(), config_.sources.size());
  std::optional<milliseconds> watchdog = notifier_.WatchdogInterval();
  notifier_.Notify("READY=1");
  PublishStatus(clock_.Monotonic());
  spdlog::info("sinmund running{}", once ? " once" : "");
  const MonoTime started = clock_.Monotonic();
  bool stopping = false;
  MonoTime drain_deadline{};
  int exit_code = 0;
  while (true) {
    while (std::optional<SignalEvent> event = signals->Next()) {
      if (*event == SignalEvent::kReload && !stopping) {
        Reload();
      } else if (*event == SignalEvent::kStop && !stopping) {
        stopping = true;
        drain_deadline = clock_.Monotonic() + kDrainDeadline;
        crawl_->StopStarting();
        notifier_.Notify("STOPPING=1");
        spdlog::info("stopping: {} fetches in flight get {} s", crawl_->in_flight(), kDrainDeadline.count());
      }
    }
    heartbeat_ms_ = clock_.Monotonic().time_since_epoch().count();
    const ArchiveWatch::State archive = WatchArchive(stopping);
    if (archive == ArchiveWatch::State::kFailed || (once && archive == ArchiveWatch::State::kPaused)) {
      if (archive == ArchiveWatch::State::kPaused) {
        spdlog::info("ending the run (--once): the archive takes no writes");
      }
      exit_code = 1;
      break;
    }
    if (stopping && crawl_->in_flight() == 0) break;
    if (stopping && clock_.Monotonic() >= drain_deadline) {
      spdlog::warn("drain deadline passed; abandoning {} fetches (they stay scheduled)",
                   crawl_->in_flight());
      break;
    }
    if (once && !stopping && crawl_->Idle()) break;
    crawl_->Step(milliseconds(500));
    Housekeeping(watchdog);
  }
  return Finish(once, exit_code, started);
}

int Daemon::Finish(bool once, int exit_code, MonoTime started) {
  const size_t left = crawl_->queued();
  crawl_.reset();  // cancels whatever is left in flight
  spdlog::info("crawl finished after {:.3f} s; {} versions still to index",
               std::chrono::duration<double>(clock_.Monotonic() - started).count(),
               indexer_ ? indexer_->backlog() : 0);
  if (archive_watch_->writing()) {
    if (Status s = archive_->SyncWal(); !s.ok()) spdlog::error("WAL sync: {}", s.message());
  } else if (archive_watch_->deferred() > 0) {
    spdlog::warn("{} schedule changes made while the archive took no writes are not saved",
                 archive_watch_->deferred());
  }
  if (indexer_) {
    // --once leaves a complete index behind (for cron); a stop gives indexing the drain
    // deadline, and the freshness check reports what it could not finish.
    const bool complete = once && exit_code == 0;
    indexer_->Stop(complete ? std::chrono::duration_cast<milliseconds>(std::chrono::hours(24 * 365))
                            : std::chrono::duration_cast<milliseconds>(kDrainDeadline));
    metrics_.Set("sinmun_search_backlog", {}, double(indexer_->backlog()));
  }
  spdlog::info("sinmund stopped: {} tasks scheduled", left);
  return exit_code;
}

}  // namespace sinmun
