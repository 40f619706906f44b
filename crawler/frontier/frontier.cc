#include "crawler/frontier/frontier.h"

#include <algorithm>
#include <utility>

#include "common/identity.h"
#include "crawler/frontier/revisit.h"

namespace sinmun {
namespace {

using std::chrono::milliseconds;

std::string HostOf(const std::string& url) {
  std::optional<UrlParts> p = ParseUrl(url);
  return p ? p->host : std::string();
}

std::string OutcomeClass(const FetchResult& r) {
  if (r.http_status == 0) return r.timed_out ? "timeout" : "error";
  return "http_" + std::to_string(r.http_status / 100) + "xx";
}

// The cause of a failed fetch in words: the transport error's own message, or the status.
std::string Cause(const FetchResult& r) {
  if (!r.error.ok()) return r.error.message();
  return "HTTP " + std::to_string(r.http_status);
}

std::string Seconds(milliseconds d) {
  return std::to_string((d.count() + 999) / 1000) + " s";
}

// Our own refusals (too large, content type, private address, bad URL): properties of
// this URL's answer, not of the host's health.
bool OwnLimit(const FetchResult& r) {
  return r.http_status == 0 && !r.error.ok() && !IsBackoffSignal(r);
}

FetchResult Failed(Status why) {
  FetchResult r;
  r.error = std::move(why);
  return r;
}

}  // namespace

void TaskChanges::Append(TaskChanges other) {
  for (Task& t : other.put) put.push_back(std::move(t));
  for (std::string& u : other.erase) erase.push_back(std::move(u));
}

Frontier::Frontier(FrontierOptions options, HttpClient& http, const Clock& clock,
                   const SeenUrls& seen, uint64_t seed)
    : options_(std::move(options)),
      http_(http),
      clock_(clock),
      seen_(seen),
      rng_(seed),
      hosts_(options_.politeness, seed ^ 0x9e3779b97f4a7c15ULL),
      robots_(options_.robots) {}

void Frontier::Restore(Task task) { queue_.Upsert(std::move(task)); }

const CrawlSource* Frontier::FindSource(const std::string& name) const {
  for (const CrawlSource& s : sources_) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

void Frontier::SetSources(const std::vector<CrawlSource>& sources, bool poll_now) {
  const Instant now = clock_.Now();
  const bool reload = !sources_.empty();
  std::unordered_set<std::string> urls;
  for (const CrawlSource& s : sources) {
    urls.insert(s.url);
    const CrawlSource* before = FindSource(s.name);
    const bool changed = reload && (before == nullptr || !(*before == s));
    const Task* existing = queue_.Find(s.url);
    const bool ours = existing != nullptr && existing->kind == TaskKind::kSource &&
                      existing->step == 0 && existing->source == s.name;
    if (ours && !changed && !poll_now) continue;
    if (existing == nullptr && active_.count(s.url) > 0) continue;  // being polled now
    Task t;
    t.kind = TaskKind::kSource;
    t.url = s.url;
    t.source = s.name;
    t.due = now;
    if (ours && !changed) {  // a changed source is read whole, not answered 304
      t.etag = existing->etag;
      t.last_modified = existing->last_modified;
    }
    queue_.Upsert(t);
    changes_.put.push_back(std::move(t));
  }
  std::vector<std::string> gone;
  queue_.ForEach([&](const Task& t) {
    if (t.kind == TaskKind::kSource && t.step == 0 && urls.count(t.url) == 0) gone.push_back(t.url);
  });
  for (const std::string& url : gone) {
    queue_.Remove(url);
    changes_.erase.push_back(url);
  }
  sources_ = sources;
}

Instant Frontier::WallIn(milliseconds d) const {
  return clock_.Now() + std::chrono::ceil<std::chrono::seconds>(std::max(d, milliseconds(1000)));
}

Turn Frontier::Step(milliseconds max_wait) {
  Turn turn;
  const MonoTime now = clock_.Monotonic();
  if (now - last_prune_ >= std::chrono::minutes(1)) {
    hosts_.Prune(now, std::chrono::minutes(30));
    robots_.Prune(now);
    last_prune_ = now;
  }
  if (!stopping_) {
    MoveDueTasks();
    StartReadyWork(turn);
  }
  milliseconds wait = max_wait;
  if (std::optional<milliseconds> next = TimeToNextWork()) wait = std::min(wait, *next);
  for (FetchResult& r : http_.Poll(std::max(wait, milliseconds(0)))) OnResult(std::move(r), turn);
  return turn;
}

std::optional<milliseconds> Frontier::TimeToNextWork() const {
  std::optional<milliseconds> out;
  auto consider = [&out](milliseconds d) {
    d = std::max(d, milliseconds(1));
    if (!out || d < *out) out = d;
  };
  if (stopping_) return out;
  if (std::optional<Instant> due = queue_.NextDue()) consider(InstantMs(*due) - clock_.NowMs());
  if (ready_count_ > 0 && next_wake_ != MonoTime::max()) consider(next_wake_ - clock_.Monotonic());
  return out;
}

void Frontier::MoveDueTasks() {
  while (std::optional<Task> task = queue_.PopDue(clock_.Now())) {
    std::string host = HostOf(task->url);
    if (host.empty()) {  // cannot happen for tasks made here; a damaged restore
      changes_.erase.push_back(task->url);
      continue;
    }
    active_.insert(task->url);
    std::string url = task->url;
    ready_[host].push_back(Work{std::move(*task), {}, std::move(url)});
    ++ready_count_;
  }
}

void Frontier::StartReadyWork(Turn& turn) {
  const size_t cap = static_cast<size_t>(std::max(1, options_.max_in_flight));
  next_wake_ = MonoTime::max();
  bool progress = true;
  while (progress && in_flight_.size() < cap) {
    progress = false;
    for (auto it = ready_.begin(); it != ready_.end() && in_flight_.size() < cap;) {
      if (TryStartFront(it->first, it->second, turn)) progress = true;
      it = it->second.empty() ? ready_.erase(it) : std::next(it);
    }
  }
}

bool Frontier::TryStartFront(const std::string& host, std::deque<Work>& queue, Turn& turn) {
  const MonoTime now = clock_.Monotonic();
  const auto wait_until = [&](MonoTime until) {
    if (once_ && until > now + options_.once_max_wait) {
      LeaveForNextRun(queue);
    } else if (until > now) {
      next_wake_ = std::min(next_wake_, until);
    }
    return false;
  };
  if (options_.respect_robots) {
    GateAnswer gate = RobotsGate(host, queue.front().url);
    if (gate.gate == Gate::kWait && gate.unreachable && once_) {
      LeaveForNextRun(queue);  // a single run does not wait out an outage
      return false;
    }
    if (gate.gate == Gate::kWait) return wait_until(gate.until);
    if (gate.gate == Gate::kRefused) {
      Work refused = std::move(queue.front());
      queue.pop_front();
      --ready_count_;
      Hold(std::move(refused), gate.why, gate.until, turn);
      return true;
    }
  }
  if (!hosts_.MayStart(host, now)) {
    if (hosts_.Stats(host).in_flight >= options_.politeness.max_per_host) return false;
    return wait_until(hosts_.NextAllowed(host));
  }
  Work work = std::move(queue.front());
  queue.pop_front();
  --ready_count_;
  StartWork(host, std::move(work));
  return true;
}

Frontier::GateAnswer Frontier::RobotsGate(const std::string& host, const std::string& url) {
  const MonoTime now = clock_.Monotonic();
  std::optional<std::string> origin = RobotsOrigin(url);
  std::optional<std::string> path = RobotsPathAndQuery(url);
  if (!origin || !path) return {Gate::kPass};  // the client refuses such a URL itself
  const RobotsCache::Lookup look = robots_.Find(*origin, now);
  switch (look.state) {
    case RobotsCache::State::kNeedFetch:
      if (hosts_.MayStart(host, now) &&
          in_flight_.size() < static_cast<size_t>(std::max(1, options_.max_in_flight))) {
        StartRobots(host, *origin);
        return {Gate::kWait, MonoTime{}};
      }
      return {Gate::kWait, hosts_.NextAllowed(host)};
    case RobotsCache::State::kFetching:
      return {Gate::kWait, MonoTime{}};
    case RobotsCache::State::kUnreachable:
      return {Gate::kWait, look.until, "", true};
    case RobotsCache::State::kAddressRefused:
      return {Gate::kPass};
    case RobotsCache::State::kReady:
      break;
  }
  hosts_.SetCrawlDelay(host, look.rules->crawl_delay());
  const RobotsMatch match = look.rules->Match(*path);
  if (match.allowed) return {Gate::kPass};
  GateAnswer refused{Gate::kRefused, look.until};
  refused.why = *origin + "/robots.txt: \"" + look.rules->group() + "\" \"" + match.rule + "\"";
  return refused;
}

void Frontier::StartRobots(const std::string& host, const std::string& origin) {
  FetchRequest request = RobotsRequest(next_id_++, origin);
  robots_.MarkFetching(origin);
  hosts_.OnStart(host, clock_.Monotonic());
  in_flight_[request.id] = InFlight{true, host, origin, {}};
  http_.Start(std::move(request));
}

void Frontier::StartWork(const std::string& host, Work work) {
  FetchRequest request;
  request.id = next_id_++;
  request.url = work.url;
  request.etag = work.task.etag;
  request.last_modified = work.task.last_modified;
  if (work.task.kind == TaskKind::kSource) {
    if (const CrawlSource* source = FindSource(work.task.source)) {
      request.allowed_content_types = source->content_types;
    }
  }
  hosts_.OnStart(host, clock_.Monotonic());
  in_flight_[request.id] = InFlight{false, host, RobotsOrigin(work.url).value_or(""), std::move(work)};
  http_.Start(std::move(request));
}

void Frontier::LeaveForNextRun(std::deque<Work>& queue) {
  // The tasks stay in the persisted schedule as they were; this run forgets them.
  for (const Work& w : queue) Finish(w.task.url);
  ready_count_ -= queue.size();
  queue.clear();
}

void Frontier::OnResult(FetchResult r, Turn& turn) {
  auto it = in_flight_.find(r.id);
  if (it == in_flight_.end()) return;
  InFlight f = std::move(it->second);
  in_flight_.erase(it);
  hosts_.OnFinish(f.host, clock_.Monotonic(), r);
  const FetchNote::Kind kind = f.robots ? FetchNote::Kind::kRobots
                               : f.work.task.kind == TaskKind::kSource ? FetchNote::Kind::kSource
                                                                        : FetchNote::Kind::kArticle;
  turn.fetches.push_back(FetchNote{kind, f.robots ? "" : f.work.task.source, r.url, OutcomeClass(r)});
  if (IsBackoffSignal(r)) {
    Notify(turn, "host:" + f.host, Cause(r), Notice::Level::kWarning,
           f.host + ": " + Cause(r) + " (" + r.url + "); no requests to it for " +
               Seconds(hosts_.Stats(f.host).backoff));
  } else if (r.http_status != 0) {
    Notify(turn, "host:" + f.host, "", Notice::Level::kInfo, f.host + " answers again");
  }
  if (f.robots) {
    OnRobots(f, r, turn);
    return;
  }
  Work& w = f.work;
  w.chain.push_back(w.url);
  if (r.error.ok() && r.http_status >= 300 && r.http_status < 400 && r.http_status != 304 &&
      !r.location.empty()) {
    OnRedirect(std::move(w), r, turn);
    return;
  }
  if (w.task.kind == TaskKind::kSource) {
    turn.sources.push_back(Delivery{std::move(w.task), std::move(r), std::move(w.chain)});
    return;
  }
  const int s = r.http_status;
  if (r.error.ok() && (s == 200 || s == 304 || s == 404 || s == 410)) {
    last_failure_.erase(w.task.url);
    turn.articles.push_back(Delivery{std::move(w.task), std::move(r), std::move(w.chain)});
    return;
  }
  OnFailure(w, f.host, r, turn);
}

void Frontier::OnRobots(const InFlight& f, const FetchResult& r, Turn& turn) {
  const MonoTime now = clock_.Monotonic();
  robots_.OnFetched(f.origin, r, now);
  const RobotsCache::Lookup look = robots_.Find(f.origin, now);
  if (look.state == RobotsCache::State::kReady && look.error.empty()) {
    hosts_.SetCrawlDelay(f.host, look.rules->crawl_delay());
    Notify(turn, "robots:" + f.origin, "", Notice::Level::kInfo,
           f.origin + "/robots.txt answers again");
    return;
  }
  const std::string cause = RobotsFailure(r);
  if (auto queue = ready_.find(f.host); queue != ready_.end()) {
    for (const Work& w : queue->second) {
      if (w.task.kind == TaskKind::kSource) turn.waiting.push_back(Refusal{w.task, f.origin + "/robots.txt: " + cause});
    }
  }
  if (look.state == RobotsCache::State::kAddressRefused) {
    Notify(turn, "robots:" + f.origin, cause, Notice::Level::kWarning,
           f.origin + ": " + cause + "; no request to it is made");
    return;
  }
  Notify(turn, "robots:" + f.origin, cause, Notice::Level::kWarning,
         f.origin + "/robots.txt unreachable: " + cause + "; not crawling " + f.host +
             " for now (RFC 9309 §2.3.1.4), trying again in " +
             Seconds(std::chrono::duration_cast<milliseconds>(look.until - now)));
}

void Frontier::OnRedirect(Work work, const FetchResult& r, Turn& turn) {
  const std::string& to = r.location;
  const std::string from_host = HostOf(work.url);
  if (work.chain.size() > static_cast<size_t>(options_.max_redirects)) {
    OnFailure(work, from_host,
              Failed(Status::Unsupported("too many redirects (more than " +
                                         std::to_string(options_.max_redirects) + ") from " +
                                         work.chain.front())),
              turn);
    return;
  }
  if (std::find(work.chain.begin(), work.chain.end(), to) != work.chain.end()) {
    OnFailure(work, from_host, Failed(Status::Unsupported("redirect loop: " + work.url + " -> " + to)),
              turn);
    return;
  }
  const std::string host = HostOf(to);
  if (host.empty()) {
    OnFailure(work, from_host, Failed(Status::Unsupported("redirect to an unusable URL: " + to)),
              turn);
    return;
  }
  work.url = to;
  ready_[host].push_back(std::move(work));
  ++ready_count_;
}

void Frontier::OnFailure(const Work& work, const std::string& host, const FetchResult& r,
                         Turn& turn) { 
  const Task& task = work.task;
  if (task.kind == TaskKind::kSource) {  // a source's visit ends in a delivery either way
    FetchResult failed = r;
    turn.sources.push_back(Delivery{task, std::move(failed), work.chain});
    return;
  }
  const MonoTime now = clock_.Monotonic();
  const auto last = last_failure_.find(task.url);
  const bool host_fine_since =
      last != last_failure_.end() && hosts_.Stats(host).last_good_answer > last->second;
  last_failure_[task.url] = now;
  Finish(task.url);
  turn.failed.push_back(Refusal{task, work.url + ": " + Cause(r)});
  if (!OwnLimit(r) && !host_fine_since) {
    // Not (yet) the article's fault: wait for the host (its backoff holds the task back)
    // or, for an answer of its own that may be passing, a minute.
    Task retry = task;
    retry.due = IsBackoffSignal(r) ? clock_.Now() : WallIn(std::chrono::minutes(1));
    queue_.Upsert(std::move(retry));
    return;
  }
  std::optional<Task> next = RetryArticleVisit(task, clock_.Now(), options_.revisit);
  std::string message = "article " + task.url + ": " + Cause(r) + " (failure " +
                        std::to_string(task.failures + 1) + " in a row";
  if (!next || next->step != task.step) {
    message += "; this revisit is given up";
    last_failure_.erase(task.url);
  }
  turn.notices.push_back(Notice{Notice::Level::kInfo, message + ")"});
  if (next) {
    queue_.Upsert(*next);
    changes_.put.push_back(std::move(*next));
  } else {
    changes_.erase.push_back(task.url);
  }
}

void Frontier::Hold(Work work, const std::string& why, MonoTime until, Turn& turn) {
  Task task = std::move(work.task);
  const bool hop = work.chain.size() > 0;
  const std::string reason = hop ? "redirects to " + work.url + ", which " + why : why;
  const std::string url = task.url;
  Finish(url);
  Notify(turn, "disallow:" + reason, reason, Notice::Level::kWarning,
         "robots.txt disallows " + work.url + " (" + reason + "); not fetching it" +
             (task.source.empty() ? "" : " for source " + task.source));
  turn.refused.push_back(Refusal{task, reason});
  const CrawlSource* source = FindSource(task.source);
  const bool never_fetched = task.kind == TaskKind::kArticle && task.step == 0 && !task.held.empty();
  if (never_fetched || (task.kind == TaskKind::kSource && (task.step > 0 || source == nullptr))) {
    changes_.erase.push_back(url);  // a one-off page, or a link robots.txt still refuses
    return;
  }
  task.held = reason;
  if (task.kind == TaskKind::kSource) {
    Task next = NextSourcePoll(task, clock_.Now(), source->interval, rng_);
    next.held = reason;
    task = std::move(next);
  } else {
    task.due = WallIn(std::chrono::duration_cast<milliseconds>(until - clock_.Monotonic()));
  }
  queue_.Upsert(task);
  changes_.put.push_back(std::move(task));
}

size_t Frontier::Polled(const Delivery& delivery, const PollResult& poll) {
  const Task& task = delivery.task;
  const Instant now = clock_.Now();
  const CrawlSource* source = FindSource(task.source);
  const bool own = task.step == 0;
  Finish(task.url);
  if (source == nullptr || (own && source->url != task.url)) {
    // Removed or changed by a reload while it was fetched: SetSources made its new task.
    if (!own) changes_.erase.push_back(task.url);
    return 0;
  }
  const FetchResult& r = delivery.result;
  const bool validators = poll.read && (!r.etag.empty() || !r.last_modified.empty());
  // Due times a second apart, in the past, keep the given order in the due queue.
  Instant due = now - std::chrono::seconds(poll.links.size());
  size_t fresh = 0;
  for (const FoundLink& link : poll.links) {
    due += std::chrono::seconds(1);
    if (link.url.empty() || queue_.Contains(link.url) || active_.count(link.url) > 0 ||
        seen_.Seen(link.url)) {
      continue;
    }
    Task t;
    t.kind = TaskKind::kArticle;
    t.url = link.url;
    t.source = task.source;
    t.due = due;
    t.listed_published = link.published;
    queue_.Upsert(t);
    changes_.put.push_back(std::move(t));
    ++fresh;
  }
  for (const std::string& page : poll.follow) {
    if (task.step + 1 >= options_.max_follow_depth || queue_.Contains(page) ||
        active_.count(page) > 0) {
      continue;
    }
    Task t;
    t.kind = TaskKind::kSource;
    t.url = page;
    t.source = task.source;
    t.due = now;
    t.step = task.step + 1;
    if (auto v = followed_validators_.find(page); v != followed_validators_.end()) {
      t.etag = v->second.first;
      t.last_modified = v->second.second;
    }
    queue_.Upsert(t);
    changes_.put.push_back(std::move(t));
  }
  if (!own) {
    if (validators) {
      if (followed_validators_.size() >= 10'000) followed_validators_.clear();
      followed_validators_[task.url] = {r.etag, r.last_modified};
    }
    changes_.erase.push_back(task.url);
    return fresh;
  }
  Task next = NextSourcePoll(task, now, source->interval, rng_);
  next.held.clear();
  if (validators) {
    next.etag = r.etag;
    next.last_modified = r.last_modified;
  } else if (!(r.error.ok() && r.http_status == 304)) {
    next.etag.clear();
    next.last_modified.clear();
  }
  queue_.Upsert(next);
  changes_.put.push_back(std::move(next));
  return fresh;
}

TaskChanges Frontier::Visited(const Delivery& delivery, VisitResult result) {
  const Task& task = delivery.task;
  TaskChanges out;
  Finish(task.url);
  last_failure_.erase(task.url);
  std::optional<Task> next;
  if (result != VisitResult::kUnknown) next = NextArticleVisit(task, clock_.Now(), options_.revisit);
  if (!next) {
    queue_.Remove(task.url);
    out.erase.push_back(task.url);
    return out;
  }
  next->held.clear();
  const FetchResult& r = delivery.result;
  if (result == VisitResult::kUnusable || r.http_status == 404 || r.http_status == 410) {
    next->etag.clear();
    next->last_modified.clear();
  } else if (r.http_status == 200) {
    next->etag = r.etag;
    next->last_modified = r.last_modified;
  }
  queue_.Upsert(*next);
  out.put.push_back(std::move(*next));
  return out;
}

TaskChanges Frontier::TakeChanges() {
  TaskChanges out = std::move(changes_);
  changes_ = TaskChanges{};
  return out;
}

bool Frontier::Idle() const {
  if (!in_flight_.empty() || ready_count_ > 0) return false;
  std::optional<Instant> next = queue_.NextDue();
  return !next || *next > clock_.Now();
}

std::vector<std::pair<std::string, milliseconds>> Frontier::HostBackoffs() const {
  const MonoTime now = clock_.Monotonic();
  std::vector<std::pair<std::string, milliseconds>> out;
  for (const auto& [host, work] : ready_) {
    const MonoTime until = hosts_.Stats(host).backoff_until;
    out.emplace_back(host, until > now ? until - now : milliseconds(0));
  }
  return out;
}

size_t Frontier::HostsInBackoff() const { return hosts_.HostsInBackoff(clock_.Monotonic()); }

void Frontier::Notify(Turn& turn, const std::string& key, const std::string& cause,
                      Notice::Level level, std::string message) {
  const auto it = notified_.find(key);
  if (cause.empty()) {
    if (it == notified_.end()) return;
    notified_.erase(it);
  } else {
    if (it != notified_.end() && it->second == cause) return;
    notified_[key] = cause;
  }
  turn.notices.push_back(Notice{level, std::move(message)});
}

}  // namespace sinmun
