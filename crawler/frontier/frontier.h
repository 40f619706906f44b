// Frontier: what the crawler fetches next, and when.
//
// The frontier holds every task (crawler/frontier/task.h): a DueQueue of tasks waiting for
// their time, and per host a queue of work that is due and waits for the host — for its
// robots.txt, its politeness gap, its concurrency cap or its backoff. Step() moves due tasks
// to their host queues, starts what may start through the injected HttpClient, and hands
// back what the caller must act on: pages to extract and record (articles) or to read links
// from (sources), with notes for metrics and notices for the log. It does no I/O of its own:
// the HttpClient, the Clock and the seed come in through the constructor, so a test drives
// it with a fake client and a fake clock, without sleeping.
//
// Rules (the README's "Politeness" section is the user's view of the same):
//   - robots.txt gate (RFC 9309), per origin, when respect_robots: fetched before the
//     first request to an origin and again when its rules expire (robots_cache.h). An
//     unreachable robots.txt (429, 5xx, network error) means "do not crawl for now"
//     (§2.3.1.4): the origin's work waits and nothing is refused. A URL the rules disallow
//     is not fetched: its task is held (Task::held says why) until the rules expire and is
//     checked again then; an article task is never dropped for it, except one never
//     fetched (step 0) that is still disallowed at that check.
//   - politeness per host (host_policy.h): request starts at least per_host_interval (or
//     Crawl-delay) apart, at most max_per_host in flight, backoff after 429/5xx/timeouts/
//     network errors with Retry-After obeyed. Gaps and deadlines use the monotonic clock.
//   - redirects are frontier work: the client does not follow them (robots.txt fetches
//     aside, which follow up to five, RFC 9309 §2.3.1.2). A 3xx with a Location becomes a
//     new request for the same task in the target host's queue, under that host's robots.txt
//     and politeness, so no hop skips either. More than max_redirects hops, or a Location
//     already in the chain (a loop), ends the visit as a failure of the article; a target
//     robots.txt disallows holds the task as above. Every URL of the chain is delivered.
//   - failures: what belongs to the host or the network (no answer, DNS, TLS, timeout,
//     429, 5xx, robots.txt unreachable) pauses the host and the task waits; it never ends
//     the article's revisit ladder nor counts against it. A failure counts against the
//     article (Task::failures; kMaxFailures in a row end its rung, revisit.h) when it is
//     the article's own answer: a refusal by our own limits (too large, content type,
//     private address, redirect loop), or a repeated error while the host answers other
//     URLs fine (a good answer from the host between two failures of this URL).
//   - the revisit ladder (revisit.h) after every visit; sources every interval (±10%).
// Due times are wall-clock instants (they are persisted); a step of the wall clock moves
// when tasks fall due, never a politeness gap or a backoff.
//
// Persistence is the caller's: every change to a task is either returned by Visited()
// (to be written in the same batch as the version it follows) or collected for
// TakeChanges().
//
// Thread-safety: not thread-safe; owned by one loop, like the HttpClient it drives.
#ifndef SINMUN_CRAWLER_FRONTIER_FRONTIER_H_
#define SINMUN_CRAWLER_FRONTIER_FRONTIER_H_

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/clock.h"
#include "crawler/frontier/due_queue.h"
#include "crawler/frontier/host_policy.h"
#include "crawler/frontier/robots_cache.h"
#include "crawler/frontier/task.h"
#include "crawler/http/http_client.h"

namespace sinmun {

// The "already seen" check: true when the archive already holds an article under this
// URL (so discovery does not queue it again). Implemented by the daemon over the archive.
class SeenUrls {
 public:
  virtual ~SeenUrls() = default;
  virtual bool Seen(const std::string& url) const = 0;
};

// A source as the frontier polls it (config's [source.NAME]).
struct CrawlSource {
  std::string name;
  std::string url;
  std::chrono::seconds interval{120};
  // Media types its pages are accepted as (FetchRequest::allowed_content_types); empty:
  // the page types.
  std::vector<std::string> content_types;
  bool operator==(const CrawlSource&) const = default;
};

struct FrontierOptions {
  HostPolicyOptions politeness;
  RobotsCacheOptions robots;
  // Obey robots.txt. Default: true.
  bool respect_robots = true;
  // Requests in flight in total. Default: 16.
  int max_in_flight = 16;
  // Redirect hops followed per visit. Default: 5.
  int max_redirects = 5;
  // The revisit ladder: the k-th revisit comes ladder[k] after the visit before.
  // Default: 5m,15m,1h,3h,12h,1d,3d,7d.
  std::vector<std::chrono::seconds> revisit{
      std::chrono::minutes(5), std::chrono::minutes(15), std::chrono::hours(1),
      std::chrono::hours(3),   std::chrono::hours(12),   std::chrono::hours(24),
      std::chrono::hours(72),  std::chrono::hours(168)};
  // One-off pages a poll leads to (following listing pages, child sitemaps), counted from
  // the source's own URL. Default: 5.
  uint32_t max_follow_depth = 5;
  // With once (a single run, for cron): work that could not start within this long is left
  // for the next run. Default: 60 s.
  std::chrono::seconds once_max_wait{60};
};

// What the caller must act on: the final answer to a visit (article: 200, 304, 404 or
// 410; source: any HTTP answer, or none), after any redirects.
struct Delivery {
  Task task;                       // as it was fetched
  FetchResult result;              // the last hop's answer
  std::vector<std::string> chain;  // every URL fetched for this visit, in order (task.url first)
  const std::string& page_url() const { return chain.back(); }
};

// One finished fetch, for metrics and debug logs.
struct FetchNote {
  enum class Kind { kRobots, kSource, kArticle } kind;
  std::string source;  // "" for robots.txt
  std::string url;
  std::string outcome;  // "http_2xx", "http_3xx", …, "timeout", "error"
};

// A change worth one log line: the cause the frontier acted on (once per change).
struct Notice {
  enum class Level { kInfo, kWarning } level;
  std::string message;
};

// A task robots.txt kept from being fetched (held until the rules expire).
struct Refusal {
  Task task;
  std::string reason;  // "https://x/robots.txt: \"User-agent: *\" \"Disallow: /\""
};

struct Turn {
  std::vector<Delivery> articles;  // each REQUIRES exactly one Visited()
  std::vector<Delivery> sources;   // each REQUIRES exactly one Polled()
  std::vector<Refusal> refused;
  // Article visits that failed (reason: the cause; the task waits for its host or moves on
  // its ladder as the failure rules say): for the source's status.
  std::vector<Refusal> failed;
  // Source polls waiting for a robots.txt that could not be fetched, or for a host whose
  // address the policy refuses (reason: the cause): for the source's status.
  std::vector<Refusal> waiting;
  std::vector<FetchNote> fetches;
  std::vector<Notice> notices;
};

struct TaskChanges {
  std::vector<Task> put;
  std::vector<std::string> erase;  // task URLs
  bool empty() const { return put.empty() && erase.empty(); }
  void Append(TaskChanges other);
};

// What became of an article visit once the caller processed its page.
enum class VisitResult {
  kKept,      // recorded (new, changed, unchanged, deleted): keep the answer's validators
  kUnusable,  // a page that yielded no article: next rung, no validators kept
  kUnknown,   // 304/404/410 for an article the archive never held: drop the task
};

// A link a poll found.
struct FoundLink {
  std::string url;
  std::optional<Instant> published;  // from the feed or sitemap, if it says
};

// What the caller read in a source delivery.
struct PollResult {
  // The answer was a listing that could be read. Only then are its validators kept for the
  // next poll (a listing that failed is fetched whole again, not answered 304 and forgotten).
  bool read = false;
  // Article URLs in the order to fetch them (newest first, where the listing says).
  std::vector<FoundLink> links;
  // One-off pages this poll leads to: a listing's next pages, a sitemap index's children.
  std::vector<std::string> follow;
};

class Frontier {
 public:
  // http, clock and seen must outlive the frontier. seed: the jitter RNG's (tests fix it).
  Frontier(FrontierOptions options, HttpClient& http, const Clock& clock, const SeenUrls& seen,
           uint64_t seed);
  Frontier(const Frontier&) = delete;
  Frontier& operator=(const Frontier&) = delete;

  // Tasks read back from the archive's schedule, at start.
  void Restore(Task task);
  // Makes `sources` the polled sources: a new source gets a task due now, a removed one
  // loses its task, one whose URL or interval changed is polled now; the others keep
  // their next due time (chrony's rule: unchanged sources keep their state). poll_now: every
  // source due now (--once).
  void SetSources(const std::vector<CrawlSource>& sources, bool poll_now);
  // A reload's new ladder and robots setting; politeness settings need a restart.
  void SetRevisit(std::vector<std::chrono::seconds> ladder) { options_.revisit = std::move(ladder); }
  void SetRespectRobots(bool respect) { options_.respect_robots = respect; }

  // One turn of the crawl: moves due tasks to their hosts, starts what may start, waits up
  // to max_wait for answers (less when something falls due sooner) and returns them.
  Turn Step(std::chrono::milliseconds max_wait);

  // The caller has processed an article delivery. Returns the task's next state (next
  // rung, or its end), to be written in the same batch as what the page recorded.
  TaskChanges Visited(const Delivery& delivery, VisitResult result);
  // The caller has read a source delivery. Article links are queued (unless already
  // queued, in flight or seen) in the given order; followed pages are fetched as part of
  // this poll, up to max_follow_depth deep, with the validators their last answer gave.
  // Schedules the next poll (for the source's own URL). Returns how many links were new.
  // Changes go to TakeChanges().
  size_t Polled(const Delivery& delivery, const PollResult& poll);

  // Changes to persist that no Visited() returned (discovered tasks, polls, held tasks).
  TaskChanges TakeChanges();

  // Stop starting work (a drain); answers in flight are still delivered by Step().
  void StopStarting() { stopping_ = true; }
  // Start again after StopStarting (a pause: the archive took no writes for a while).
  void ResumeStarting() { stopping_ = false; }
  // A single run: work that cannot start within once_max_wait, or waits for a robots.txt
  // that could not be fetched, is left for the next run.
  void SetOnce(bool once) { once_ = once; }
  // Nothing due now, nothing waiting for a host, nothing in flight.
  bool Idle() const;

  size_t queued() const { return queue_.size() + ready_count_; }
  size_t in_flight() const { return in_flight_.size(); }
  // Hosts with work waiting, and how long each stays in backoff from now (0: none).
  std::vector<std::pair<std::string, std::chrono::milliseconds>> HostBackoffs() const;
  size_t HostsInBackoff() const;
  // How long until something may happen without an answer arriving (a task falls due, a
  // host's gap or backoff ends, a robots.txt retry); nullopt when only answers can. For
  // loops (Step does this itself) and simulations that move a fake clock.
  std::optional<std::chrono::milliseconds> TimeToNextWork() const;

 private:
  enum class WorkKind { kSource, kArticle };
  // A request to make for a task: its own URL, or a redirect hop.
  struct Work {
    Task task;
    std::vector<std::string> chain;  // URLs already fetched for this visit
    std::string url;                 // the URL to fetch now
  };
  struct InFlight {
    bool robots = false;
    std::string host, origin;
    Work work;  // unless robots
  };

  void MoveDueTasks();
  void StartReadyWork(Turn& turn);
  // What the front of a host queue is waiting for; true when it started or was settled.
  bool TryStartFront(const std::string& host, std::deque<Work>& queue, Turn& turn);
  enum class Gate { kPass, kWait, kRefused };
  struct GateAnswer {
    Gate gate = Gate::kPass;
    MonoTime until{};  // kWait: when to look again (epoch: an answer will wake us);
                       // kRefused: when the rules expire
    std::string why;   // kRefused: robots.txt and the rule
    bool unreachable = false;  // kWait: robots.txt could not be fetched
  };
  GateAnswer RobotsGate(const std::string& host, const std::string& url);
  void StartRobots(const std::string& host, const std::string& origin);
  void StartWork(const std::string& host, Work work);
  void LeaveForNextRun(std::deque<Work>& queue);

  void OnResult(FetchResult result, Turn& turn);
  void OnRobots(const InFlight& f, const FetchResult& r, Turn& turn);
  void OnRedirect(Work work, const FetchResult& r, Turn& turn);
  void OnFailure(const Work& work, const std::string& host, const FetchResult& r, Turn& turn);
  void Hold(Work work, const std::string& why, MonoTime until, Turn& turn);
  void Queue(Work work);
  void Requeue(Task task);
  void Finish(const std::string& url) { active_.erase(url); }

  // Adds a notice when `cause` differs from the last one under `key` ("" = all well: a
  // notice only when something was wrong before).
  void Notify(Turn& turn, const std::string& key, const std::string& cause, Notice::Level level,
              std::string message);
  const CrawlSource* FindSource(const std::string& name) const;
  Instant WallIn(std::chrono::milliseconds d) const;

  FrontierOptions options_;
  HttpClient& http_;
  const Clock& clock_;
  const SeenUrls& seen_;
  std::mt19937_64 rng_;
  HostPolicy hosts_;
  RobotsCache robots_;
  std::vector<CrawlSource> sources_;

  DueQueue queue_;                                  // tasks waiting for their time
  std::map<std::string, std::deque<Work>> ready_;   // host -> due work waiting for it
  size_t ready_count_ = 0;
  std::unordered_set<std::string> active_;          // task URLs ready, in flight or delivered
  std::unordered_map<uint64_t, InFlight> in_flight_;
  std::unordered_map<std::string, MonoTime> last_failure_;  // task URL -> its last failure
  // Validators of followed pages (their tasks end with the poll), for the next poll that
  // follows them; bounded, and lost at a restart (which costs one full fetch each).
  std::unordered_map<std::string, std::pair<std::string, std::string>> followed_validators_;
  uint64_t next_id_ = 1;
  TaskChanges changes_;
  std::unordered_map<std::string, std::string> notified_;   // notice key -> last cause
  MonoTime next_wake_ = MonoTime::max();                    // earliest host wake, last scan
  MonoTime last_prune_{};
  bool stopping_ = false;
  bool once_ = false;
};

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_FRONTIER_FRONTIER_H_
