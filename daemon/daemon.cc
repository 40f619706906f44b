#include "daemon/daemon.h"

#include <unistd.h>

#include <algorithm>
#include <fstream>

#include <spdlog/spdlog.h>

#include "common/identity.h"
#include "crawler/discover/links.h"
#include "crawler/extract/extractor.h"
#include "crawler/http/curl_client.h"
#include "crawler/schedule/revisit.h"
#include "daemon/changes_feed.h"

namespace sinmun {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kWalSyncEvery{1000};
constexpr milliseconds kStatusEvery{10'000};
constexpr milliseconds kSummaryEvery{std::chrono::minutes(5)};  // the info-level log line
constexpr milliseconds kPruneIdle{std::chrono::minutes(30)};
// In --once mode a task whose host is in backoff for longer than this is left for the
// next run instead of holding the run open.
constexpr std::chrono::seconds kOnceMaxWait{60};
// A paged listing is followed this many pages deep per poll (the first page included).
constexpr uint32_t kMaxListingPages = 5;

struct UrlKey {
  std::string host, origin, path;
};

std::optional<UrlKey> KeyOf(const std::string& url) {
  std::optional<UrlParts> p = ParseUrl(url);
  if (!p) return std::nullopt;
  UrlKey k;
  k.host = p->host;
  k.origin = p->scheme + "://" + p->host + (p->port.empty() ? "" : ":" + p->port);
  k.path = p->path + (p->query.empty() ? "" : "?" + p->query);
  return k;
}

ListingKind ListingKindOf(SourceType type) {
  switch (type) {
    case SourceType::kDaum: return ListingKind::kDaum;
    case SourceType::kNaver: return ListingKind::kNaver;
    case SourceType::kRss: return ListingKind::kFeed;
    case SourceType::kSitemap: return ListingKind::kSitemap;
  }
  return ListingKind::kFeed;
}

std::string StatusClass(const FetchResult& r) {
  if (r.http_status == 0) return r.timed_out ? "timeout" : "error";
  return "http_" + std::to_string(r.http_status / 100) + "xx";
}

double ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  long long pages_total = 0, pages_resident = 0;
  statm >> pages_total >> pages_resident;
  return double(pages_resident) * double(sysconf(_SC_PAGESIZE));
}

HttpOptions HttpOptionsFor(const Config& c) {
  HttpOptions o;
  o.user_agent = c.crawler.user_agent;
  o.timeout = c.crawler.timeout;
  o.max_body = c.crawler.max_body;
  o.max_decompressed = std::max<uint64_t>(c.crawler.max_body * 4, c.crawler.max_body);
  o.max_connections = c.crawler.max_connections;
  o.allow_private_addresses = c.crawler.allow_private_addresses;
  return o;
}

HostPolicyOptions HostOptionsFor(const Config& c) {
  HostPolicyOptions o;
  o.per_host_interval = c.crawler.per_host_interval;
  o.max_per_host = c.crawler.max_per_host;
  o.backoff_base = c.crawler.backoff;
  return o;
}

RobotsCacheOptions RobotsOptions() {
  RobotsCacheOptions o;
  o.product_token = "sinmun";
  return o;
}

void DescribeMetrics(Metrics& m) {
  using T = Metrics::Type;
  m.Describe("sinmun_fetches_total", T::kCounter, "Fetches by source, kind and outcome.");
  m.Describe("sinmun_versions_written_total", T::kCounter,
             "Article versions written, by source and change class.");
  m.Describe("sinmun_articles_discovered_total", T::kCounter,
             "New article URLs found on a source's listing.");
  m.Describe("sinmun_extraction_failures_total", T::kCounter,
             "Article pages fetched that yielded no article, by source.");
  m.Describe("sinmun_source_empty_share", T::kGauge,
             "Share of a source's recent article pages that yielded no body (parser health).");
  m.Describe("sinmun_robots_disallowed_total", T::kCounter,
             "Tasks dropped because robots.txt disallows them.");
  m.Describe("sinmun_queue_depth", T::kGauge, "Tasks scheduled (due or not), not in flight.");
  m.Describe("sinmun_in_flight", T::kGauge, "Fetches in flight.");
  m.Describe("sinmun_host_backoff_seconds", T::kGauge,
             "Current backoff of a host after 429/503/timeouts (0: none).");
  m.Describe("sinmun_archive_bytes", T::kGauge, "Live SST bytes of the archive.");
  m.Describe("sinmun_search_backlog", T::kGauge, "Recorded versions not yet in the search index.");
  m.Describe("sinmun_process_resident_bytes", T::kGauge, "Resident memory of sinmund.");
}

}  // namespace

Daemon::Daemon(Config config, DaemonOptions overrides, const Clock& clock, Notifier& notifier)
    : config_(std::move(config)),
      overrides_(std::move(overrides)),
      clock_(clock),
      notifier_(notifier),
      rng_(std::random_device{}()),
      hosts_(HostOptionsFor(config_), std::random_device{}()),
      robots_(RobotsOptions()) {
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
  http_ = std::move(*http);

  {
    // Scoped: the loaded copy of the schedule is freed before SyncSources reads it again
    // (with 100,000 tasks each copy is ~20 MB).
    Result<std::vector<std::pair<std::string, std::string>>> schedule = archive_->LoadSchedule();
    if (!schedule.ok()) return schedule.status();
    size_t damaged = 0;
    std::vector<std::string> erase;
    for (const auto& [key, value] : *schedule) {
      std::optional<Task> task = DecodeTask(value);
      if (!task || task->url != key) {
        ++damaged;
        erase.push_back(key);
        continue;
      }
      queue_.Upsert(std::move(*task));
    }
    if (damaged > 0) {
      spdlog::error("dropped {} damaged schedule entries", damaged);
      PersistTasks({}, erase);
    }
  }
  if (Result<uint64_t> n = archive_->ArticleCountEstimate(); n.ok()) articles_ = *n;
  SyncSources(false);

  if (!config_.metrics_listen.empty()) {
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
      long long age = clock_.NowMs().time_since_epoch().count() - heartbeat_ms_.load();
      if (age > 30'000) return EndpointResponse{503, "text/plain; charset=utf-8", "stalled\n"};
      return EndpointResponse{200, "text/plain; charset=utf-8", "ok\n"};
    };
    Result<std::unique_ptr<HttpEndpoint>> endpoint =
        HttpEndpoint::Start(config_.metrics_listen, std::move(routes));
    if (!endpoint.ok()) return endpoint.status();
    endpoint_ = std::move(*endpoint);
    spdlog::info("metrics, health and changes feed on {} (port {})", config_.metrics_listen, endpoint_->port());
  }
  spdlog::info("archive {} open: {} articles, {} tasks scheduled, {} sources", config_.archive_path,
               articles_, queue_.size(), config_.sources.size());
  return Status::Ok();
}

const SourceConfig* Daemon::FindSource(const std::string& name) const {
  for (const SourceConfig& s : config_.sources) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

void Daemon::PersistTasks(const std::vector<Task>& put, const std::vector<std::string>& erase) {
  ScheduleChange change;
  for (const Task& t : put) change.put.emplace_back(t.url, EncodeTask(t));
  change.erase = erase;
  if (change.put.empty() && change.erase.empty()) return;
  if (Status s = archive_->UpdateSchedule(change); !s.ok()) {
    spdlog::error("cannot save the schedule: {}", s.message());
  }
}

// Every configured source has exactly one task; tasks of sources that are gone are dropped.
void Daemon::SyncSources(bool make_due_now) {
  Instant now = clock_.Now();
  std::vector<Task> put;
  std::vector<std::string> erase;
  std::unordered_set<std::string> source_urls;
  for (const SourceConfig& s : config_.sources) {
    source_urls.insert(s.url);
    const Task* existing = queue_.Find(s.url);
    if (existing != nullptr && existing->kind == TaskKind::kSource && !make_due_now &&
        existing->source == s.name) {
      continue;
    }
    if (existing == nullptr && active_urls_.count(s.url) > 0) continue;  // in flight now
    Task t;
    t.kind = TaskKind::kSource;
    t.url = s.url;
    t.source = s.name;
    t.due = (existing != nullptr && !make_due_now) ? existing->due : now;
    queue_.Upsert(t);
    put.push_back(t);
  }
  // Source tasks whose URL no longer belongs to a source (read back from the archive,
  // which holds every task; this runs at start and on reload only).
  Result<std::vector<std::pair<std::string, std::string>>> all = archive_->LoadSchedule();
  if (all.ok()) {
    for (const auto& [key, value] : *all) {
      std::optional<Task> t = DecodeTask(value);
      if (t && t->kind == TaskKind::kSource && t->step == 0 && source_urls.count(t->url) == 0) {
        queue_.Remove(t->url);
        erase.push_back(key);
      }
    }
  }
  PersistTasks(put, erase);
}

void Daemon::MoveDueTasks(Instant now) {
  while (std::optional<Task> task = queue_.PopDue(now)) {
    std::optional<UrlKey> key = KeyOf(task->url);
    if (!key) {
      spdlog::warn("dropping a task with an unusable URL: {}", task->url);
      PersistTasks({}, {task->url});
      continue;
    }
    active_urls_.insert(task->url);
    ready_[key->host].push_back(std::move(*task));
    ++ready_count_;
  }
}

void Daemon::StartReadyWork(InstantMs now) {
  const size_t max_in_flight = static_cast<size_t>(std::max(1, config_.crawler.max_connections));
  bool progress = true;
  while (progress && in_flight_.size() < max_in_flight) {
    progress = false;
    for (auto it = ready_.begin(); it != ready_.end() && in_flight_.size() < max_in_flight;) {
      std::deque<Task>& tasks = it->second;
      if (once_ && hosts_.NextAllowed(it->first) > now + kOnceMaxWait) {
        // Left in the persisted schedule for the next run.
        for (const Task& t : tasks) active_urls_.erase(t.url);
        ready_count_ -= tasks.size();
        it = ready_.erase(it);
        continue;
      }
      if (TryStart(tasks.front(), now)) {
        tasks.pop_front();
        --ready_count_;
        progress = true;
      }
      it = tasks.empty() ? ready_.erase(it) : std::next(it);
    }
  }
}

bool Daemon::TryStart(const Task& task, InstantMs now) {
  std::optional<UrlKey> key = KeyOf(task.url);  // checked in MoveDueTasks
  if (config_.crawler.respect_robots) {
    RobotsCache::Lookup robots = robots_.Find(key->origin, now);
    if (robots.state == RobotsCache::State::kNeedFetch) {
      if (hosts_.MayStart(key->host, now)) {
        robots_.MarkFetching(key->origin);
        Start(FetchKind::kRobots, Task{}, key->origin + "/robots.txt", now);
      }
      return false;
    }
    if (robots.state == RobotsCache::State::kFetching) return false;
    hosts_.SetCrawlDelay(key->host, robots.rules->crawl_delay());
    if (!robots.rules->Allowed(key->path)) {
      spdlog::info("robots.txt of {} disallows {}; not fetching it", key->origin, task.url);
      metrics_.Add("sinmun_robots_disallowed_total", {{"source", task.source}});
      active_urls_.erase(task.url);
      if (task.kind == TaskKind::kSource && task.step == 0) {
        Task next = NextSourcePoll(task, clock_.Now(), FindSource(task.source)
                                                           ? FindSource(task.source)->interval
                                                           : std::chrono::hours(1), rng_);
        queue_.Upsert(next);
        PersistTasks({next}, {});
      } else {
        PersistTasks({}, {task.url});
      }
      return true;
    }
  }
  if (!hosts_.MayStart(key->host, now)) return false;
  Start(task.kind == TaskKind::kSource ? FetchKind::kSource : FetchKind::kArticle, task,
        task.url, now);
  return true;
}

void Daemon::Start(FetchKind kind, const Task& task, const std::string& url, InstantMs now) {
  std::optional<UrlKey> key = KeyOf(url);
  FetchRequest request;
  request.id = next_id_++;
  request.url = url;
  if (kind == FetchKind::kRobots) request.allowed_content_types = RobotsContentTypes();
  if (kind == FetchKind::kArticle) {
    // Conditional GET with what the archive kept from the last answer.
    if (Result<std::string> id = archive_->Resolve(url); id.ok()) {
      if (Result<ArticleHead> head = archive_->Head(*id); head.ok() && !head->deleted) {
        request.etag = head->etag;
        request.last_modified = head->last_modified;
      }
    }
  }
  hosts_.OnStart(key->host, now);
  in_flight_[request.id] = InFlight{kind, task, key->host, key->origin};
  http_->Start(std::move(request));
}

void Daemon::OnResult(FetchResult r) {
  auto it = in_flight_.find(r.id);
  if (it == in_flight_.end()) return;
  InFlight f = std::move(it->second);
  in_flight_.erase(it);
  InstantMs now = clock_.NowMs();
  hosts_.OnFinish(f.host, now, r);
  recent_fetches_.push_back(now);
  spdlog::debug("fetch {} {} {}", r.url, r.http_status,
                r.error.ok() ? std::string() : r.error.message());
  switch (f.kind) {
    case FetchKind::kRobots: OnRobots(f, r); break;
    case FetchKind::kSource: OnSource(f, r); break;
    case FetchKind::kArticle: OnArticle(f, r); break;
  }
  active_urls_.erase(f.task.url);
}

void Daemon::OnRobots(const InFlight& f, const FetchResult& r) {
  robots_.OnFetched(f.origin, r, clock_.NowMs());
  metrics_.Add("sinmun_fetches_total", {{"source", ""}, {"kind", "robots"}, {"outcome", StatusClass(r)}});
  RobotsCache::Lookup robots = robots_.Find(f.origin, clock_.NowMs());
  if (robots.state == RobotsCache::State::kReady) {
    hosts_.SetCrawlDelay(f.host, robots.rules->crawl_delay());
  }
}

void Daemon::OnSource(const InFlight& f, const FetchResult& r) {
  const Task& task = f.task;
  const SourceConfig* source = FindSource(task.source);
  std::vector<Task> put;
  std::vector<std::string> erase;
  metrics_.Add("sinmun_fetches_total",
               {{"source", task.source}, {"kind", "source"}, {"outcome", StatusClass(r)}});
  // step 0 is the source's own URL; step k > 0 the k-th following page of a paged
  // listing (Naver's legacy lists), fetched once per poll and not rescheduled.
  const bool follow_page = task.step > 0;
  if (source == nullptr || (!follow_page && source->url != task.url)) {
    // The source was removed or changed by a reload while this fetch ran.
    if (follow_page) PersistTasks({}, {task.url});
    return;
  }
  if (r.error.ok() && r.http_status == 200) {
    Result<Listing> listing = DiscoverLinks(r.body, r.content_type,
                                            r.final_url.empty() ? r.url : r.final_url,
                                            ListingKindOf(source->type));
    if (!listing.ok()) {
      spdlog::warn("source {}: {} ({})", task.source, listing.status().message(), task.url);
    } else {
      size_t found = 0;
      Instant now = clock_.Now();
      for (const DiscoveredLink& link : listing->links) {
        if (link.is_sitemap || link.url.empty()) continue;
        if (queue_.Contains(link.url) || active_urls_.count(link.url) > 0) continue;
        if (archive_->Resolve(link.url).ok()) continue;
        Task t;
        t.kind = TaskKind::kArticle;
        t.url = link.url;
        t.source = task.source;
        t.due = now;
        queue_.Upsert(t);
        put.push_back(std::move(t));
        ++found;
      }
      for (const std::string& page : listing->next_pages) {
        if (task.step + 1 >= kMaxListingPages || queue_.Contains(page) ||
            active_urls_.count(page) > 0) {
          continue;
        }
        Task t;
        t.kind = TaskKind::kSource;
        t.url = page;
        t.source = task.source;
        t.due = now;
        t.step = task.step + 1;
        queue_.Upsert(t);
        put.push_back(std::move(t));
      }
      metrics_.Add("sinmun_articles_discovered_total", {{"source", task.source}}, double(found));
      spdlog::debug("source {}: {} links, {} new", task.source, listing->links.size(), found);
    }
  } else {
    spdlog::warn("source {}: {} {}", task.source, task.url,
                 r.error.ok() ? "HTTP " + std::to_string(r.http_status) : r.error.message());
  }
  if (follow_page) {
    erase.push_back(task.url);
  } else {
    Task next = NextSourcePoll(task, clock_.Now(), source->interval, rng_);
    queue_.Upsert(next);
    put.push_back(next);
  }
  PersistTasks(put, erase);
}

// After a visit: the next rung of the ladder (success) or a retry; written with `fetch`
// when there is one, so version and schedule change land in one batch.
void Daemon::Reschedule(const Task& task, bool success, Fetch* fetch) {
  Instant now = clock_.Now();
  std::optional<Task> next = success ? NextArticleVisit(task, now, config_.crawler.revisit)
                                     : RetryArticleVisit(task, now, config_.crawler.revisit);
  ScheduleChange change;
  if (next) {
    queue_.Upsert(*next);
    change.put.emplace_back(next->url, EncodeTask(*next));
  } else {
    change.erase.push_back(task.url);
  }
  if (fetch != nullptr) {
    fetch->schedule = std::move(change);
    return;
  }
  if (Status s = archive_->UpdateSchedule(change); !s.ok()) {
    spdlog::error("cannot save the schedule: {}", s.message());
  }
}

void Daemon::RecordParserHealth(const std::string& source, const std::string& error) {
  bool changed = health_.Record(source, error);
  ParserHealth::SourceHealth h = health_.Get(source);
  metrics_.Set("sinmun_source_empty_share", {{"source", source}}, h.EmptyShare());
  if (!changed) return;
  std::string note;
  if (h.unhealthy) {
    note = std::to_string(h.empty) + " of the last " + std::to_string(h.samples) +
           " article pages yielded no article: " + h.last_error;
    spdlog::error("source {}: {} — has the page layout changed?", source, note);
  } else {
    spdlog::info("source {}: article pages yield articles again", source);
  }
  if (Status s = archive_->SetSourceHealth(source, note); !s.ok()) {
    spdlog::error("cannot save parser health of {}: {}", source, s.message());
  }
}

void Daemon::OnArticle(const InFlight& f, const FetchResult& r) {
  const Task& task = f.task;
  Labels labels = {{"source", task.source}, {"kind", "article"}, {"outcome", StatusClass(r)}};
  Fetch fetch;
  fetch.url = task.url;
  fetch.fetched_at = clock_.Now();
  fetch.http_status = r.http_status;
  fetch.etag = r.etag;
  fetch.last_modified = r.last_modified;
  fetch.content_type = r.content_type;  // with the status and headers: what WARC export needs
  fetch.response_headers = r.headers;

  if (!r.error.ok() || r.http_status == 0) {
    metrics_.Add("sinmun_fetches_total", labels);
    spdlog::debug("article {}: {}", task.url, r.error.message());
    Reschedule(task, false, nullptr);
    return;
  }
  if (r.http_status == 200) {
    std::string page_url = r.final_url.empty() ? task.url : r.final_url;
    Result<Article> article = ExtractArticle(Page{r.body, page_url, r.content_type});
    if (!article.ok()) {
      metrics_.Add("sinmun_fetches_total", labels);
      metrics_.Add("sinmun_extraction_failures_total", {{"source", task.source}});
      spdlog::warn("article {}: {}", task.url, article.status().message());
      RecordParserHealth(task.source, article.status().message());
      Reschedule(task, true, nullptr);
      return;
    }
    RecordParserHealth(task.source, "");
    article->source = task.source;
    fetch.article = std::move(*article);
    fetch.raw = r.body;
  } else if (r.http_status != 304 && r.http_status != 404 && r.http_status != 410) {
    metrics_.Add("sinmun_fetches_total", labels);
    Reschedule(task, false, nullptr);
    return;
  }

  Reschedule(task, true, &fetch);
  Result<RecordResult> recorded = archive_->Record(fetch);
  if (!recorded.ok()) {
    if (recorded.status().IsNotFound()) {
      // 304/404/410 for an article never archived: nothing to keep, nothing to revisit.
      queue_.Remove(task.url);
      PersistTasks({}, {task.url});
    } else {
      spdlog::error("article {}: cannot record: {}", task.url, recorded.status().message());
      if (Status s = archive_->UpdateSchedule(fetch.schedule); !s.ok()) {
        spdlog::error("cannot save the schedule: {}", s.message());
      }
    }
    labels[2].second = recorded.status().IsNotFound() ? "gone" : "record_error";
    metrics_.Add("sinmun_fetches_total", labels);
    return;
  }
  labels[2].second = std::string(OutcomeName(recorded->outcome));
  metrics_.Add("sinmun_fetches_total", labels);
  if (recorded->outcome != Outcome::kUnchanged) {
    metrics_.Add("sinmun_versions_written_total",
                 {{"source", task.source},
                  {"change_class", std::string(ChangeClassName(recorded->change_class))}});
  }
  if (recorded->outcome == Outcome::kNew) ++articles_;
  if (recorded->outcome != Outcome::kUnchanged && indexer_) {
    indexer_->Enqueue(recorded->id, recorded->version);
  }
  spdlog::debug("{} {} v{}", OutcomeName(recorded->outcome), recorded->id, recorded->version);
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
  if (next.archive_path != config_.archive_path || next.metrics_listen != config_.metrics_listen ||
      !(HttpOptionsFor(next).user_agent == HttpOptionsFor(config_).user_agent) ||
      next.crawler.timeout != config_.crawler.timeout ||
      next.crawler.max_body != config_.crawler.max_body ||
      next.crawler.max_connections != config_.crawler.max_connections ||
      next.crawler.allow_private_addresses != config_.crawler.allow_private_addresses ||
      next.crawler.per_host_interval != config_.crawler.per_host_interval ||
      next.crawler.max_per_host != config_.crawler.max_per_host ||
      next.crawler.backoff != config_.crawler.backoff ||
      next.crawler.keep_raw != config_.crawler.keep_raw) {
    spdlog::warn("reload: changes to [archive], [metrics] and the crawler's HTTP and politeness "
                 "settings take effect at the next restart; sources and revisit apply now");
    Config applied = config_;
    applied.sources = next.sources;
    applied.crawler.revisit = next.crawler.revisit;
    applied.crawler.respect_robots = next.crawler.respect_robots;
    next = std::move(applied);
  }
  // A source that changed (type, URL or interval) is polled at once; unchanged ones keep
  // their next due time.
  std::vector<SourceConfig> changed;
  for (const SourceConfig& s : next.sources) {
    bool same = std::find(config_.sources.begin(), config_.sources.end(), s) != config_.sources.end();
    if (!same) changed.push_back(s);
  }
  config_ = std::move(next);
  SyncSources(false);
  Instant now = clock_.Now();
  for (const SourceConfig& s : changed) {
    if (const Task* t = queue_.Find(s.url); t != nullptr) {
      Task due = *t;
      due.due = now;
      due.source = s.name;
      queue_.Upsert(due);
      PersistTasks({due}, {});
    }
  }
  spdlog::info("reload: {} sources ({} new or changed)", config_.sources.size(), changed.size());
  notifier_.Notify("READY=1");
}

bool Daemon::Idle(Instant now) const {
  std::optional<Instant> next = queue_.NextDue();
  return ready_count_ == 0 && in_flight_.empty() && (!next || *next > now);
}

void Daemon::PublishStatus(InstantMs now) {
  while (!recent_fetches_.empty() && recent_fetches_.front() < now - std::chrono::minutes(1)) {
    recent_fetches_.pop_front();
  }
  metrics_.Set("sinmun_queue_depth", {}, double(queue_.size() + ready_count_));
  metrics_.Set("sinmun_in_flight", {}, double(in_flight_.size()));
  for (const auto& [host, tasks] : ready_) {
    HostStats s = hosts_.Stats(host);
    double backoff = s.backoff_until > now
                         ? std::chrono::duration<double>(s.backoff_until - now).count()
                         : 0;
    metrics_.Set("sinmun_host_backoff_seconds", {{"host", host}}, backoff);
  }
  if (indexer_) metrics_.Set("sinmun_search_backlog", {}, double(indexer_->backlog()));
  if (Result<uint64_t> bytes = archive_->SstBytes(); bytes.ok()) {
    metrics_.Set("sinmun_archive_bytes", {}, double(*bytes));
  }
  std::string status = std::to_string(articles_) + " articles, " +
                       std::to_string(recent_fetches_.size()) + " fetches/min, queue " +
                       std::to_string(queue_.size() + ready_count_);
  notifier_.Notify("STATUS=" + status);
  if (now - last_summary_ >= kSummaryEvery) {
    spdlog::info("{}, {} hosts in backoff", status, hosts_.HostsInBackoff(now));
    last_summary_ = now;
  }
}

int Daemon::Run(bool once) {
  once_ = once;
  Result<SignalEvents> signals = SignalEvents::Open();
  if (!signals.ok()) {
    spdlog::critical("{}", signals.status().message());
    return 1;
  }
  if (once) SyncSources(true);
  std::optional<milliseconds> watchdog = notifier_.WatchdogInterval();
  notifier_.Notify("READY=1");
  PublishStatus(clock_.NowMs());
  spdlog::info("sinmund running{}", once ? " once" : "");
  const InstantMs started = clock_.NowMs();

  bool stopping = false;
  InstantMs drain_deadline{};
  while (true) {
    while (std::optional<SignalEvent> event = signals->Next()) {
      if (*event == SignalEvent::kReload && !stopping) {
        Reload();
      } else if (*event == SignalEvent::kStop && !stopping) {
        stopping = true;
        drain_deadline = clock_.NowMs() + kDrainDeadline;
        notifier_.Notify("STOPPING=1");
        spdlog::info("stopping: {} fetches in flight get {} s", in_flight_.size(),
                     kDrainDeadline.count());
      }
    }
    InstantMs now = clock_.NowMs();
    Instant now_s = std::chrono::floor<std::chrono::seconds>(now);
    heartbeat_ms_ = now.time_since_epoch().count();
    if (!stopping) {
      MoveDueTasks(now_s);
      StartReadyWork(now);
    }
    if (stopping && in_flight_.empty()) break;
    if (stopping && now >= drain_deadline) {
      spdlog::warn("drain deadline passed; abandoning {} fetches (they stay scheduled)",
                   in_flight_.size());
      break;
    }
    if (once && !stopping && Idle(now_s)) break;

    milliseconds wait{500};
    if (ready_count_ > 0) wait = milliseconds(50);
    if (std::optional<Instant> next = queue_.NextDue(); next) {
      wait = std::clamp(std::chrono::duration_cast<milliseconds>(InstantMs(*next) - now),
                        milliseconds(1), wait);
    }
    for (FetchResult& r : http_->Poll(wait)) OnResult(std::move(r));

    now = clock_.NowMs();
    if (now - last_wal_sync_ >= kWalSyncEvery) {
      if (Status s = archive_->SyncWal(); !s.ok()) spdlog::error("WAL sync: {}", s.message());
      last_wal_sync_ = now;
    }
    if (now - last_status_ >= kStatusEvery) {
      PublishStatus(now);
      hosts_.Prune(now, kPruneIdle);
      robots_.Prune(now);
      last_status_ = now;
    }
    if (watchdog && now - last_watchdog_ >= *watchdog) {
      notifier_.Notify("WATCHDOG=1");
      last_watchdog_ = now;
    }
  }
  http_.reset();  // cancels whatever is left
  spdlog::info("crawl finished after {:.3f} s; {} versions still to index",
               std::chrono::duration<double>(clock_.NowMs() - started).count(),
               indexer_ ? indexer_->backlog() : 0);
  if (Status s = archive_->SyncWal(); !s.ok()) spdlog::error("WAL sync: {}", s.message());
  if (indexer_) {
    // --once leaves a complete index behind (for cron); a stop gives indexing the drain
    // deadline, and the freshness check reports what it could not finish.
    indexer_->Stop(once ? std::chrono::duration_cast<milliseconds>(std::chrono::hours(24 * 365))
                        : std::chrono::duration_cast<milliseconds>(kDrainDeadline));
  }
  PublishStatus(clock_.NowMs());
  spdlog::info("sinmund stopped: {} articles, {} tasks scheduled", articles_,
               queue_.size() + ready_count_);
  return 0;
}

}  // namespace sinmun
