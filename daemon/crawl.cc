#include "daemon/crawl.h"

#include <random>
#include <utility>

#include <spdlog/spdlog.h>

#include "crawler/discover/discovery_plan.h"
#include "crawler/discover/fetched_listing.h"
#include "crawler/discover/links.h"

namespace sinmun {
namespace {

ListingKind ListingKindOf(SourceType type) {
  switch (type) {
    case SourceType::kDaum: return ListingKind::kDaum;
    case SourceType::kNaver: return ListingKind::kNaver;
    case SourceType::kRss: return ListingKind::kFeed;
    case SourceType::kSitemap: return ListingKind::kSitemap;
  }
  return ListingKind::kFeed;
}

FrontierOptions FrontierOptionsFor(const Config& c) {
  FrontierOptions o;
  o.politeness.per_host_interval = c.crawler.per_host_interval;
  o.politeness.max_per_host = c.crawler.max_per_host;
  o.politeness.backoff_base = c.crawler.backoff;
  o.robots.product_token = "sinmun";
  // An unreachable robots.txt is asked again when the host's own backoff would allow (the
  // robots.txt fetch itself waits for the host, whose backoff doubles with each failure).
  o.robots.unreachable_retry = c.crawler.backoff;
  o.respect_robots = c.crawler.respect_robots;
  o.max_in_flight = c.crawler.max_connections;
  o.revisit = c.crawler.revisit;
  return o;
}

std::vector<CrawlSource> CrawlSourcesOf(const Config& c) {
  std::vector<CrawlSource> out;
  for (const SourceConfig& s : c.sources) {
    out.push_back(CrawlSource{s.name, s.url, s.interval, ListingContentTypes(ListingKindOf(s.type))});
  }
  return out;
}

// The most a gzip listing may decompress to: what a Content-Encoding body may (daemon.cc's
// HttpOptions), so a gzip file is no way around the body limit.
DiscoveryOptions DiscoveryOptionsFor(const Config& c) {
  DiscoveryOptions o;
  o.sitemap_depth = c.crawler.sitemap_depth;
  o.sitemap_children = static_cast<size_t>(c.crawler.sitemap_children);
  o.horizon = c.crawler.horizon;
  return o;
}

uint64_t MaxListingBytes(const Config& c) { return std::max<uint64_t>(c.crawler.max_body * 4, c.crawler.max_body); }

std::string FetchKindName(FetchNote::Kind kind) {
  switch (kind) {
    case FetchNote::Kind::kRobots: return "robots";
    case FetchNote::Kind::kSource: return "source";
    case FetchNote::Kind::kArticle: return "article";
  }
  return "";
}

// What a source's answer says, when it is not a page to read links from ("" when it is).
std::string SourceAnswerProblem(const FetchResult& r) {
  if (!r.error.ok()) return r.error.message();
  if (r.http_status == 200 || r.http_status == 304) return "";
  return "HTTP " + std::to_string(r.http_status);
}

}  // namespace

// The "already seen" check over the archive's aliases.
class Crawl::ArchiveSeen final : public SeenUrls {
 public:
  explicit ArchiveSeen(Archive& archive) : archive_(archive) {}
  bool Seen(const std::string& url) const override { return archive_.Resolve(url).ok(); }

 private:
  Archive& archive_;
};

Crawl::Crawl(const Config& config, Archive& archive, IndexFeed* feed,
             std::unique_ptr<HttpClient> http, const Clock& clock, Metrics& metrics)
    : config_(config),
      archive_(archive),
      clock_(clock),
      metrics_(metrics),
      http_(std::move(http)),
      seen_(std::make_unique<ArchiveSeen>(archive)),
      frontier_(std::make_unique<Frontier>(FrontierOptionsFor(config), *http_, clock, *seen_,
                                           std::random_device{}())),
      capture_(archive, feed),
      discovery_(DiscoveryOptionsFor(config)) {}

Crawl::~Crawl() {
  frontier_.reset();
  http_.reset();  // cancels whatever is left
}

const SourceConfig* Crawl::FindSource(const std::string& name) const {
  for (const SourceConfig& s : config_.sources) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

Status Crawl::Start(bool once) {
  Result<std::vector<std::pair<std::string, std::string>>> schedule = archive_.LoadSchedule();
  if (!schedule.ok()) return schedule.status();
  ScheduleChange converted;
  size_t damaged = 0;
  for (auto& [key, value] : *schedule) {
    std::optional<Task> task = DecodeTask(value);
    if (!task || task->url != key) {
      ++damaged;
      converted.erase.push_back(key);
      continue;
    }
    if (IsLegacyTask(value)) converted.put.emplace_back(key, EncodeTask(*task));
    frontier_->Restore(std::move(*task));
  }
  if (damaged > 0) spdlog::error("dropped {} damaged schedule entries", damaged);
  if (!converted.put.empty()) {
    spdlog::info("converted {} schedule entries written by an older sinmun", converted.put.size());
  }
  if (!converted.empty()) {
    if (Status s = archive_.UpdateSchedule(converted); !s.ok()) return s;
  }
  schedule->clear();
  if (Result<uint64_t> n = archive_.ArticleCountEstimate(); n.ok()) articles_ = *n;
  frontier_->SetOnce(once);
  frontier_->SetSources(CrawlSourcesOf(config_), once);
  Persist(frontier_->TakeChanges());
  return Status::Ok();
}

void Crawl::Reload(const Config& next) {
  config_ = next;
  discovery_ = DiscoveryOptionsFor(next);
  frontier_->SetRevisit(next.crawler.revisit);
  frontier_->SetRespectRobots(next.crawler.respect_robots);
  frontier_->SetSources(CrawlSourcesOf(next), false);
  Persist(frontier_->TakeChanges());
}

void Crawl::Step(std::chrono::milliseconds max_wait) {
  Turn turn = frontier_->Step(max_wait);
  const MonoTime now = clock_.Monotonic();
  for (const FetchNote& f : turn.fetches) {
    metrics_.Add("sinmun_fetches_total",
                 {{"source", f.source}, {"kind", FetchKindName(f.kind)}, {"outcome", f.outcome}});
    spdlog::debug("fetch {} {} {}", FetchKindName(f.kind), f.url, f.outcome);
    recent_fetches_.push_back(now);
  }
  for (const Notice& n : turn.notices) {
    if (n.level == Notice::Level::kWarning) {
      spdlog::warn("{}", n.message);
    } else {
      spdlog::info("{}", n.message);
    }
  }
  for (const Refusal& r : turn.refused) OnRefused(r);
  for (const Delivery& d : turn.sources) OnSource(d);
  for (const Delivery& d : turn.articles) OnArticle(d);
  Persist(frontier_->TakeChanges());
}

void Crawl::OnRefused(const Refusal& r) {
  metrics_.Add("sinmun_robots_disallowed_total", {{"source", r.task.source}});
  if (r.task.kind == TaskKind::kSource && r.task.step == 0) {
    SourceCause(r.task.source, "robots.txt disallows it: " + r.reason);
  }
}

void Crawl::OnSource(const Delivery& d) {
  const SourceConfig* source = FindSource(d.task.source);
  const FetchResult& r = d.result;
  PollResult poll;
  const std::string problem = SourceAnswerProblem(r);
  if (source != nullptr && problem.empty() && r.http_status == 200) {
    const ListingKind kind = ListingKindOf(source->type);
    Result<Listing> listing = DiscoverFetchedLinks(r.body, r.content_type, d.page_url(), kind,
                                                   MaxListingBytes(config_));
    if (!listing.ok()) {
      SourceCause(d.task.source, listing.status().message() + " (" + d.page_url() + ")");
    } else {
      // Indexes between the source's URL and this listing (sitemaps only; a paged list's
      // next pages are steps too, but lead to no index).
      const int depth = source->type == SourceType::kSitemap ? static_cast<int>(d.task.step) : 0;
      DiscoveryPlan plan = PlanDiscovery(*listing, kind, depth, clock_.Now(), discovery_);
      poll.read = true;
      for (const DiscoveredLink& link : plan.articles) poll.links.push_back(FoundLink{link.url, link.published});
      for (const DiscoveredLink& child : plan.sitemaps) poll.follow.push_back(child.url);
      for (const std::string& page : listing->next_pages) poll.follow.push_back(page);
      if (d.task.step == 0) SourceCause(d.task.source, "");
      spdlog::debug("source {}: {} links, {} beyond the horizon, {} sitemaps followed, {} left",
                    d.task.source, listing->links.size(), plan.too_old, plan.sitemaps.size(),
                    plan.sitemaps_deferred);
    }
  } else if (source != nullptr && !problem.empty()) {
    SourceCause(d.task.source, problem + " (" + d.page_url() + ")");
  } else if (r.http_status == 304) {
    spdlog::debug("source {}: {} not modified", d.task.source, d.page_url());
  }
  const size_t fresh = frontier_->Polled(d, poll);
  metrics_.Add("sinmun_articles_discovered_total", {{"source", d.task.source}}, double(fresh));
}

void Crawl::OnArticle(const Delivery& d) {
  const Task& task = d.task;
  FetchedPage page;
  page.url = task.url;
  page.aliases.assign(d.chain.begin() + 1, d.chain.end());
  page.fetched_at = clock_.Now();
  page.http_status = d.result.http_status;
  page.body = d.result.body;
  page.content_type = d.result.content_type;
  page.headers = d.result.headers;
  page.etag = d.result.etag;
  page.last_modified = d.result.last_modified;
  page.source = task.source;
  page.listed_published = task.listed_published;
  Capture::Read read = capture_.ReadPage(std::move(page));
  VisitResult visit = VisitResult::kKept;
  Labels labels = {{"source", task.source}, {"outcome", ""}};
  if (read.verdict == Capture::Verdict::kUnusable) {
    visit = VisitResult::kUnusable;
    metrics_.Add("sinmun_extraction_failures_total", {{"source", task.source}});
    spdlog::warn("article {}: {}", task.url, read.error.message());
    RecordParserHealth(task.source, read.error.message());
    labels[1].second = "unusable";
  } else if (read.verdict == Capture::Verdict::kUnknown) {
    visit = VisitResult::kUnknown;
    labels[1].second = "gone";
  } else if (d.result.http_status == 200) {
    RecordParserHealth(task.source, "");
  }
  ScheduleChange schedule;
  for (const Task& t : frontier_->Visited(d, visit).put) schedule.put.emplace_back(t.url, EncodeTask(t));
  if (visit == VisitResult::kUnknown) schedule.erase.push_back(task.url);
  Result<RecordResult> recorded = capture_.Write(std::move(read), std::move(schedule));
  if (visit != VisitResult::kKept) {
    if (!recorded.ok() && !recorded.status().IsNotFound()) {
      spdlog::error("cannot save the schedule: {}", recorded.status().message());
    }
    metrics_.Add("sinmun_captures_total", labels);
    return;
  }
  if (!recorded.ok()) {
    spdlog::error("article {}: cannot record: {}", task.url, recorded.status().message());
    labels[1].second = "record_error";
    metrics_.Add("sinmun_captures_total", labels);
    return;
  }
  labels[1].second = std::string(OutcomeName(recorded->outcome));
  metrics_.Add("sinmun_captures_total", labels);
  if (recorded->outcome != Outcome::kUnchanged) {
    metrics_.Add("sinmun_versions_written_total",
                 {{"source", task.source},
                  {"change_class", std::string(ChangeClassName(recorded->change_class))}});
  }
  if (recorded->outcome == Outcome::kNew) ++articles_;
  spdlog::debug("{} {} v{}", OutcomeName(recorded->outcome), recorded->id, recorded->version);
}

void Crawl::Persist(TaskChanges changes) {
  if (changes.empty()) return;
  ScheduleChange change;
  for (const Task& t : changes.put) change.put.emplace_back(t.url, EncodeTask(t));
  change.erase = std::move(changes.erase);
  if (Status s = archive_.UpdateSchedule(change); !s.ok()) {
    spdlog::error("cannot save the schedule: {}", s.message());
  }
}

void Crawl::SourceCause(const std::string& source, const std::string& cause) {
  auto it = source_cause_.find(source);
  const std::string before = it == source_cause_.end() ? "" : it->second;
  if (before == cause) return;
  if (cause.empty()) {
    spdlog::info("source {}: yields links again", source);
    source_cause_.erase(it);
    return;
  }
  spdlog::warn("source {}: {}", source, cause);
  source_cause_[source] = cause;
}

void Crawl::RecordParserHealth(const std::string& source, const std::string& error) {
  const bool changed = health_.Record(source, error);
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
  if (Status s = archive_.SetSourceHealth(source, note); !s.ok()) {
    spdlog::error("cannot save parser health of {}: {}", source, s.message());
  }
}

size_t Crawl::fetches_last_minute() {
  const MonoTime now = clock_.Monotonic();
  while (!recent_fetches_.empty() && recent_fetches_.front() < now - std::chrono::minutes(1)) {
    recent_fetches_.pop_front();
  }
  return recent_fetches_.size();
}

void Crawl::PublishMetrics() {
  metrics_.Set("sinmun_queue_depth", {}, double(frontier_->queued()));
  metrics_.Set("sinmun_in_flight", {}, double(frontier_->in_flight()));
  for (const auto& [host, backoff] : frontier_->HostBackoffs()) {
    metrics_.Set("sinmun_host_backoff_seconds", {{"host", host}},
                 std::chrono::duration<double>(backoff).count());
  }
}

}  // namespace sinmun
