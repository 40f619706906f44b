#include "daemon/crawl.h"

#include <random>
#include <utility>

#include <spdlog/spdlog.h>

#include "common/portals.h"
#include "crawler/discover/discovery_plan.h"
#include "crawler/discover/fetched_listing.h"
#include "crawler/discover/links.h"

namespace sinmun {

HttpOptions HttpOptionsFor(const Config& c) {
  HttpOptions o;
  o.user_agent = c.crawler.user_agent;
  o.timeout = c.crawler.timeout;
  o.max_body = c.crawler.max_body;
  o.max_decompressed = std::max<uint64_t>(c.crawler.max_body * 4, c.crawler.max_body);
  o.max_connections = c.crawler.max_connections;
  o.allow_private_addresses = c.crawler.allow_private_addresses;
  o.proxy = c.crawler.proxy;
  o.no_proxy = c.crawler.no_proxy;
  return o;
}

ListingKind ListingKindOf(SourceType type) {
  switch (type.form) {
    case SourceType::Form::kPortal:
      return ListingKind::ForPortal(type.portal != nullptr ? type.portal->name : "");
    case SourceType::Form::kRss: return ListingKind::kFeed;
    case SourceType::Form::kSitemap: return ListingKind::kSitemap;
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

namespace {

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

std::vector<std::string> SourceNames(const Config& c) {
  std::vector<std::string> out;
  for (const SourceConfig& s : c.sources) out.push_back(s.name);
  return out;
}

// How often the sources' counters are written when no status changed.
constexpr std::chrono::seconds kSourceCountersEvery{60};

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
  board_.SetSources(SourceNames(config_));
  if (Result<std::map<std::string, std::string>> kept = archive_.LoadSourceRecords(); kept.ok()) {
    for (const auto& [name, text] : *kept) {
      if (std::optional<SourceRecord> record = DecodeSourceRecord(text)) board_.Restore(name, *record);
    }
  } else {
    spdlog::warn("cannot read the sources' statuses: {}", kept.status().message());
  }
  frontier_->SetOnce(once);
  frontier_->SetSources(CrawlSourcesOf(config_), once);
  Persist(frontier_->TakeChanges());
  board_.TakeChanged(clock_.Now());  // restored states are not news
  PersistSources(true);
  return Status::Ok();
}

Status Crawl::LoadSites(const std::string& path) {
  Result<SiteTable> sites = LoadSiteTable(path);
  if (!sites.ok()) return sites.status();
  capture_.SetSiteTable(std::make_shared<const SiteTable>(std::move(*sites)));
  return Status::Ok();
}

void Crawl::Reload(const Config& next) {
  if (Status s = LoadSites(next.extract_site_table); !s.ok()) {
    spdlog::error("reload: [extract] site_table: {}; keeping the site table in use", s.message());
  }
  config_ = next;
  discovery_ = DiscoveryOptionsFor(next);
  frontier_->SetRevisit(next.crawler.revisit);
  frontier_->SetRespectRobots(next.crawler.respect_robots);
  frontier_->SetSources(CrawlSourcesOf(next), false);
  board_.SetSources(SourceNames(next));
  Persist(frontier_->TakeChanges());
  PersistSources(true);
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
  for (const Refusal& r : turn.failed) {
    if (!r.task.source.empty()) board_.ArticleRefused(r.task.source, clock_.Now(), r.reason);
  }
  for (const Refusal& r : turn.waiting) {
    if (r.task.source.empty()) continue;
    PollOutcome waiting;
    waiting.listing = SourceState::kUnreachable;
    waiting.detail = r.reason;
    BoardPoll(Delivery{r.task, FetchResult{}, {r.task.url}}, std::move(waiting));
  }
  for (const Delivery& d : turn.sources) OnSource(d);
  for (const Delivery& d : turn.articles) OnArticle(d);
  Persist(frontier_->TakeChanges());
  PersistSources(false);
}

void Crawl::OnRefused(const Refusal& r) {
  metrics_.Add("sinmun_robots_disallowed_total", {{"source", r.task.source}});
  if (r.task.source.empty()) return;
  if (r.task.kind == TaskKind::kSource) {
    PollOutcome refused;
    refused.listing = SourceState::kRobotsDisallowed;
    refused.detail = r.reason;
    BoardPoll(Delivery{r.task, FetchResult{}, {r.task.url}}, std::move(refused));
  } else {
    board_.ArticleRefused(r.task.source, clock_.Now(), "robots.txt disallows " + r.task.url + ": " + r.reason);
  }
}

void Crawl::OnSource(const Delivery& d) {
  const SourceConfig* source = FindSource(d.task.source);
  const FetchResult& r = d.result;
  PollResult poll;
  PollOutcome outcome;
  const std::string problem = SourceAnswerProblem(r);
  if (source != nullptr && problem.empty() && r.http_status == 200) {
    const ListingKind kind = ListingKindOf(source->type);
    Result<Listing> listing = DiscoverFetchedLinks(r.body, r.content_type, d.page_url(), kind,
                                                   MaxListingBytes(config_));
    if (!listing.ok()) {
      outcome.listing = kind.xml() ? SourceState::kNotAFeed : SourceState::kNotAListing;
      outcome.detail = listing.status().message() + " (" + d.page_url() + ")";
    } else {
      // Indexes between the source's URL and this listing (sitemaps only; a paged list's
      // next pages are steps too, but lead to no index).
      const int depth = source->type == SourceType::kSitemap ? static_cast<int>(d.task.step) : 0;
      DiscoveryPlan plan = PlanDiscovery(*listing, kind, depth, clock_.Now(), discovery_);
      poll.read = true;
      for (const DiscoveredLink& link : plan.articles) poll.links.push_back(FoundLink{link.url, link.published});
      for (const DiscoveredLink& child : plan.sitemaps) poll.follow.push_back(child.url);
      for (const std::string& page : listing->next_pages) poll.follow.push_back(page);
      outcome.found = poll.links.size();
      outcome.known = KnownLinks(poll.links);
      outcome.following = poll.follow.size();
      if (plan.articles.empty() && listing->links.size() > 0 && plan.too_old > 0) {
        outcome.detail = "every link is older than the horizon (" + std::to_string(plan.too_old) + ")";
      }
      spdlog::debug("source {}: {} links, {} beyond the horizon, {} sitemaps followed, {} left",
                    d.task.source, listing->links.size(), plan.too_old, plan.sitemaps.size(),
                    plan.sitemaps_deferred);
    }
  } else if (!problem.empty()) {
    outcome.listing = r.error.ok() ? SourceState::kHttpError : SourceState::kUnreachable;
    outcome.detail = problem + " (" + d.page_url() + ")";
  } else if (r.http_status == 304) {
    spdlog::debug("source {}: {} not modified", d.task.source, d.page_url());
  }
  const size_t fresh = frontier_->Polled(d, poll);
  metrics_.Add("sinmun_articles_discovered_total", {{"source", d.task.source}}, double(fresh));
  if (source == nullptr) return;
  if (r.http_status == 304 && problem.empty()) {
    if (d.task.step == 0) {
      board_.NotModified(d.task.source, clock_.Now());
    } else {
      board_.Followed(d.task.source, clock_.Now(), PollOutcome{});
    }
    return;
  }
  outcome.fresh = fresh;
  BoardPoll(d, std::move(outcome));
}

void Crawl::BoardPoll(const Delivery& d, PollOutcome outcome) {
  if (d.task.step == 0) {
    board_.Polled(d.task.source, clock_.Now(), outcome);
  } else {
    board_.Followed(d.task.source, clock_.Now(), outcome);
  }
}

size_t Crawl::KnownLinks(const std::vector<FoundLink>& links) const {
  size_t known = 0;
  for (const FoundLink& link : links) known += seen_->Seen(link.url) ? 1 : 0;
  return known;
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
    if (!task.source.empty()) {
      board_.ArticleRefused(task.source, clock_.Now(), task.url + ": " + read.error.message());
    }
    labels[1].second = "unusable";
  } else if (read.verdict == Capture::Verdict::kUnknown) {
    visit = VisitResult::kUnknown;
    labels[1].second = "gone";
  } else if (d.result.http_status == 200) {
    RecordParserHealth(task.source, "");
    if (!read.site_fallback.empty()) spdlog::warn("article {}: {}", task.url, read.site_fallback);
  }
  ScheduleChange schedule;
  for (const Task& t : frontier_->Visited(d, visit).put) schedule.put.emplace_back(t.url, EncodeTask(t));
  if (visit == VisitResult::kUnknown) schedule.erase.push_back(task.url);
  Result<RecordResult> recorded = capture_.Write(std::move(read), std::move(schedule));
  if (!recorded.ok() && !recorded.status().IsNotFound() && ArchiveStopped()) {
    frontier_->Restore(task);  // as the archive still holds it: fetched again after the resume
    return;
  }
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
  if (recorded->outcome == Outcome::kNew) {
    ++articles_;
    if (!task.source.empty()) board_.ArticleArchived(task.source, clock_.Now());
  }
  spdlog::debug("{} {} v{}", OutcomeName(recorded->outcome), recorded->id, recorded->version);
}

void Crawl::Persist(TaskChanges changes) {
  if (changes.empty()) return;
  for (const Task& t : changes.put) {
    const SourceConfig* source = t.kind == TaskKind::kSource ? FindSource(t.source) : nullptr;
    if (source != nullptr && t.step == 0 && t.url == source->url) board_.NextPoll(t.source, t.due);
  }
  ScheduleChange change;
  for (const Task& t : changes.put) change.put.emplace_back(t.url, EncodeTask(t));
  change.erase = std::move(changes.erase);
  if (Status s = archive_.UpdateSchedule(change); !s.ok()) {
    if (!ArchiveStopped()) {
      spdlog::error("cannot save the schedule: {}", s.message());
      return;
    }
    watch_->Defer(std::move(change));
  }
}

void Crawl::PersistSources(bool all) {
  const Instant now = clock_.Now();
  std::map<std::string, std::string> put;
  auto record = [&](const std::string& name) {
    SourceRecord r = board_.Record(name, now);
    if (const SourceConfig* s = FindSource(name)) {
      r.type = std::string(SourceTypeName(s->type));
      r.url = s->url;
    }
    put[name] = EncodeSourceRecord(r);
  };
  for (const auto& [name, status] : board_.TakeChanged(now)) {
    const std::string line = "source " + name + " [" + std::string(SourceStateName(status.state)) + "]" +
                             (status.detail.empty() ? "" : ": " + status.detail);
    switch (status.state) {
      case SourceState::kOk:
      case SourceState::kPending: spdlog::info("{}", line); break;
      case SourceState::kParserFailing: spdlog::error("{}", line); break;
      default: spdlog::warn("{}", line); break;
    }
    record(name);
  }
  const MonoTime mono = clock_.Monotonic();
  const bool counters_due = mono - sources_persisted_ >= kSourceCountersEvery;
  if (all || counters_due) {
    for (const std::string& name : board_.names()) record(name);
  }
  if (put.empty()) return;
  sources_persisted_ = mono;
  const std::optional<std::vector<std::string>> keep =
      all ? std::optional<std::vector<std::string>>(board_.names()) : std::nullopt;
  if (Status s = archive_.PutSourceRecords(put, keep); !s.ok() && !ArchiveStopped()) {
    spdlog::error("cannot save the sources' statuses: {}", s.message());
  }
}

bool Crawl::ArchiveStopped() { return watch_ != nullptr && watch_->OnWriteFailed(clock_.Monotonic()); }

void Crawl::RecordParserHealth(const std::string& source, const std::string& error) {
  const bool changed = health_.Record(source, error);
  ParserHealth::SourceHealth h = health_.Get(source);
  metrics_.Set("sinmun_source_empty_share", {{"source", source}}, h.EmptyShare());
  if (!changed) return;
  std::string note;
  if (h.unhealthy) {
    note = std::to_string(h.empty) + " of the last " + std::to_string(h.samples) +
           " article pages yielded no article: " + h.last_error;
  }
  // The board logs the change (once, at error) with the source's status.
  board_.ParserHealth(source, h.unhealthy, h.unhealthy ? note + " — has the page layout changed?" : "");
  if (Status s = archive_.SetSourceHealth(source, note); !s.ok() && !ArchiveStopped()) {
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
  const Instant now = clock_.Now();
  for (const std::string& name : board_.names()) {
    const SourceState state = board_.Get(name, now).state;
    for (size_t i = 0; i < kSourceStateCount; ++i) {
      const auto s = static_cast<SourceState>(i);
      metrics_.Set("sinmun_source_status", {{"source", name}, {"status", std::string(SourceStateName(s))}},
                   s == state ? 1.0 : 0.0);
    }
  }
  metrics_.Set("sinmun_queue_depth", {}, double(frontier_->queued()));
  metrics_.Set("sinmun_in_flight", {}, double(frontier_->in_flight()));
  for (const auto& [host, backoff] : frontier_->HostBackoffs()) {
    metrics_.Set("sinmun_host_backoff_seconds", {{"host", host}},
                 std::chrono::duration<double>(backoff).count());
  }
}

}  // namespace sinmun
