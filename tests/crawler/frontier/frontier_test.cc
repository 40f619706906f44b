// The frontier tier: the Frontier driven by the fake HTTP client and the fake clock.
// A simulation moves the clock straight to the next thing that can happen, so hours of
// crawling (robots.txt retries, backoff, the revisit ladder) run in milliseconds, with no
// sleep and no real time.
#include "crawler/frontier/frontier.h"

#include <gtest/gtest.h>

#include <ctime>
#include <functional>
#include <map>
#include <set>

#include "common/identity.h"
#include "crawler/frontier/revisit.h"
#include "crawler/http/retry_after.h"
#include "tests/support/fake_http_client.h"

namespace sinmun {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

const Instant kStart{seconds(1'790'000'000)};

FetchResult Answer(int status, std::string body = "") {
  return FakeHttpClient::Page(std::move(body), status);
}

FetchResult Redirect(std::string to, int status = 302) {
  FetchResult r = Answer(status);
  r.location = std::move(to);
  return r;
}

FetchResult NetworkDown() {
  FetchResult r;
  r.error = Status::IOError("Could not resolve host: a.example");
  return r;
}

class SetSeen final : public SeenUrls {
 public:
  bool Seen(const std::string& url) const override { return urls.count(url) > 0; }
  std::set<std::string> urls;
};

// One request as the server saw it.
struct Start {
  std::string url;
  MonoTime at;
};

// A crawl of scripted hosts. A source page's body lists its links, one URL per line.
class FrontierSim {
 public:
  using Route = std::function<FetchResult(const FetchRequest&)>;

  explicit FrontierSim(FrontierOptions options = Options())
      : http_([this](const FetchRequest& r) { return Answer(r); }),
        frontier_(std::move(options), http_, clock, seen, 7) {}

  static FrontierOptions Options() {
    FrontierOptions o;
    o.politeness.per_host_interval = seconds(1);
    o.politeness.max_per_host = 1;
    o.politeness.backoff_base = seconds(30);
    o.politeness.jitter = 0;
    return o;
  }

  // url -> answer; an unrouted robots.txt is 404 (allow all), any other URL 404.
  void On(const std::string& url, Route route) { routes_[url] = std::move(route); }
  void On(const std::string& url, FetchResult answer) {
    routes_[url] = [answer](const FetchRequest&) { return answer; };
  }

  void Source(const std::string& name, const std::string& url, seconds interval = minutes(2)) {
    sources_.push_back(CrawlSource{name, url, interval});
    frontier_.SetSources(sources_, false);
  }

  // Runs turns for `d` of simulated time, or until `until` holds.
  void RunFor(milliseconds d, const std::function<bool()>& until = nullptr) {
    const MonoTime end = clock.Monotonic() + d;
    for (int turns = 0; turns < 100'000 && clock.Monotonic() < end; ++turns) {
      if (until && until()) return;
      Turn turn = frontier_.Step(milliseconds(0));
      const bool busy = Handle(turn);
      if (busy) continue;
      const milliseconds left = std::chrono::duration_cast<milliseconds>(end - clock.Monotonic());
      clock.AdvanceMs(std::min(frontier_.TimeToNextWork().value_or(left), left));
    }
  }

  std::vector<Start> StartsTo(const std::string& host) const {
    std::vector<Start> out;
    for (const Start& s : starts) {
      if (ParseUrl(s.url)->host == host) out.push_back(s);
    }
    return out;
  }
  bool HasNotice(const std::string& text) const {
    for (const Notice& n : notices) {
      if (n.message.find(text) != std::string::npos) return true;
    }
    return false;
  }
  size_t Requests(const std::string& url) const {
    size_t n = 0;
    for (const Start& s : starts) n += s.url == url;
    return n;
  }
  // The persisted state of a task after everything so far (nullopt: erased / never).
  std::optional<Task> Persisted(const std::string& url) const {
    auto it = persisted.find(url);
    if (it == persisted.end()) return std::nullopt;
    return it->second;
  }

  FakeClock clock{kStart};
  SetSeen seen;
  std::vector<Start> starts;
  std::vector<Delivery> articles;   // every article delivery, in order
  std::vector<Refusal> refused;
  std::vector<Notice> notices;
  std::map<std::string, Task> persisted;
  std::set<std::string> erased;
  Frontier& frontier() { return frontier_; }
  FakeHttpClient& http() { return http_; }
  VisitResult visit_result = VisitResult::kKept;

 private:
  FetchResult Answer(const FetchRequest& r) {
    starts.push_back(Start{r.url, clock.Monotonic()});
    auto it = routes_.find(r.url);
    if (it != routes_.end()) return it->second(r);
    return FakeHttpClient::Page("not found", 404);
  }

  bool Handle(Turn& turn) {
    for (Notice& n : turn.notices) notices.push_back(std::move(n));
    for (Refusal& r : turn.refused) refused.push_back(std::move(r));
    for (const Delivery& d : turn.sources) {
      PollResult poll;
      std::vector<FoundLink>& links = poll.links;
      if (d.result.error.ok() && d.result.http_status == 200) {
        poll.read = true;
        size_t pos = 0;
        const std::string& body = d.result.body;
        while (pos < body.size()) {
          size_t end = body.find('\n', pos);
          if (end == std::string::npos) end = body.size();
          if (end > pos) links.push_back(FoundLink{body.substr(pos, end - pos), std::nullopt});
          pos = end + 1;
        }
      }
      frontier_.Polled(d, poll);
    }
    for (const Delivery& d : turn.articles) {
      articles.push_back(d);
      Apply(frontier_.Visited(d, visit_result));
    }
    Apply(frontier_.TakeChanges());
    return !turn.fetches.empty() || !turn.sources.empty() || !turn.articles.empty() ||
           !turn.refused.empty();
  }

  void Apply(const TaskChanges& c) {
    for (const std::string& url : c.erase) {
      persisted.erase(url);
      erased.insert(url);
    }
    for (const Task& t : c.put) persisted[t.url] = t;
  }

  FakeHttpClient http_;
  Frontier frontier_;
  std::map<std::string, Route> routes_;
  std::vector<CrawlSource> sources_;
};

// "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110 §5.6.7) for t.
std::string HttpDate(Instant t) {
  const std::time_t seconds_since_epoch = t.time_since_epoch().count();
  std::tm tm{};
  gmtime_r(&seconds_since_epoch, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

// Every gap between two request starts to `host` is at least `gap`.
void ExpectSpaced(const std::vector<Start>& starts, milliseconds gap) {
  for (size_t i = 1; i < starts.size(); ++i) {
    EXPECT_GE(starts[i].at - starts[i - 1].at, gap)
        << starts[i - 1].url << " then " << starts[i].url;
  }
}

// An article the archive already holds, due for a revisit now.
Task Revisit(const std::string& url, uint32_t step = 1) {
  Task t;
  t.kind = TaskKind::kArticle;
  t.url = url;
  t.source = "feed";
  t.step = step;
  t.due = kStart;
  return t;
}

TEST(FrontierTest, PolitenessHoldsForEveryRedirectHop) {
  FrontierSim sim;
  sim.On("https://a.example/feed", Answer(200, "https://a.example/1\nhttps://a.example/2\n"));
  sim.On("https://a.example/1", Redirect("https://a.example/1b"));
  sim.On("https://a.example/1b", Redirect("https://a.example/1c", 301));
  sim.On("https://a.example/1c", Answer(200, "one"));
  sim.On("https://a.example/2", Answer(200, "two"));
  sim.Source("feed", "https://a.example/feed");
  sim.RunFor(minutes(1));

  ASSERT_EQ(sim.articles.size(), 2u);
  const Delivery& one = sim.articles[0].task.url == "https://a.example/1" ? sim.articles[0] : sim.articles[1];
  EXPECT_EQ(one.chain, (std::vector<std::string>{"https://a.example/1", "https://a.example/1b",
                                                 "https://a.example/1c"}));
  EXPECT_EQ(one.result.body, "one");
  // robots.txt, feed, 1, 1b, 1c, 2: six starts, each a second after the one before.
  const std::vector<Start> starts = sim.StartsTo("a.example");
  EXPECT_EQ(starts.size(), 6u);
  ExpectSpaced(starts, seconds(1));
}

TEST(FrontierTest, RedirectLoopIsAFailureOfTheArticleAndStaysPolite) {
  FrontierSim sim;
  sim.frontier().Restore(Revisit("https://a.example/x"));
  sim.On("https://a.example/x", Redirect("https://a.example/y"));
  sim.On("https://a.example/y", Redirect("https://a.example/x"));
  sim.RunFor(seconds(30));

  EXPECT_TRUE(sim.articles.empty());
  EXPECT_EQ(sim.Requests("https://a.example/x"), 1u);
  EXPECT_EQ(sim.Requests("https://a.example/y"), 1u);
  ASSERT_TRUE(sim.Persisted("https://a.example/x"));
  EXPECT_EQ(sim.Persisted("https://a.example/x")->failures, 1u) << "a loop is the article's own answer";
  EXPECT_EQ(sim.Persisted("https://a.example/x")->step, 1u);
  ExpectSpaced(sim.StartsTo("a.example"), seconds(1));
}

TEST(FrontierTest, FiveRedirectsAreFollowedAndASixthIsAnError) {
  FrontierSim sim;
  sim.frontier().Restore(Revisit("https://a.example/r0"));
  for (int i = 0; i < 10; ++i) {
    sim.On("https://a.example/r" + std::to_string(i), Redirect("https://a.example/r" + std::to_string(i + 1)));
  }
  sim.RunFor(seconds(30));
  EXPECT_TRUE(sim.articles.empty());
  // r0 and five hops (r1…r5); r5's redirect is the sixth and is not followed.
  EXPECT_EQ(sim.Requests("https://a.example/r5"), 1u);
  EXPECT_EQ(sim.Requests("https://a.example/r6"), 0u);
  ASSERT_TRUE(sim.Persisted("https://a.example/r0"));
  EXPECT_EQ(sim.Persisted("https://a.example/r0")->failures, 1u);
}

// The address policy applies to every hop, because every hop is a request of its own:
// the client refuses it, and the refusal counts against the article at once.
TEST(FrontierTest, AHopToAPrivateAddressIsRefused) {
  FrontierSim sim;
  sim.frontier().Restore(Revisit("https://a.example/x"));
  sim.On("https://a.example/x", Redirect("http://10.0.0.1/admin"));
  sim.On("http://10.0.0.1/robots.txt", [](const FetchRequest&) {
    FetchResult r;
    r.error = Status::Unsupported("refused address 10.0.0.1 (not public; allow_private_addresses is off)");
    r.address_refused = true;
    return r;
  });
  sim.On("http://10.0.0.1/admin", [](const FetchRequest&) {
    FetchResult r;
    r.error = Status::Unsupported("refused address 10.0.0.1 (not public; allow_private_addresses is off)");
    r.address_refused = true;
    return r;
  });
  sim.RunFor(seconds(30));
  EXPECT_TRUE(sim.articles.empty());
  // The hop is a request like any other, refused by the address policy (in the client).
  EXPECT_EQ(sim.Requests("http://10.0.0.1/admin"), 1u);
  ASSERT_TRUE(sim.Persisted("https://a.example/x"));
  EXPECT_EQ(sim.Persisted("https://a.example/x")->failures, 1u) << "our own refusal counts at once";
  EXPECT_TRUE(sim.refused.empty()) << "not a robots.txt refusal";
  ASSERT_FALSE(sim.notices.empty());
  EXPECT_NE(sim.notices.back().message.find("refused address 10.0.0.1"), std::string::npos)
      << sim.notices.back().message;
}

TEST(FrontierTest, RedirectIntoAPathAnotherHostDisallowsIsNotFollowed) {
  FrontierSim sim;
  sim.frontier().Restore(Revisit("https://a.example/story"));
  sim.On("https://a.example/story", Redirect("https://b.example/private/story"));
  sim.On("https://b.example/robots.txt", Answer(200, "User-agent: *\nDisallow: /private/\n"));
  sim.RunFor(seconds(30));

  EXPECT_EQ(sim.Requests("https://b.example/robots.txt"), 1u);
  EXPECT_EQ(sim.Requests("https://b.example/private/story"), 0u);
  ASSERT_EQ(sim.refused.size(), 1u);
  EXPECT_NE(sim.refused[0].reason.find("redirects to https://b.example/private/story"), std::string::npos)
      << sim.refused[0].reason;
  EXPECT_NE(sim.refused[0].reason.find("\"Disallow: /private/\""), std::string::npos);
  ASSERT_TRUE(sim.Persisted("https://a.example/story")) << "an archived article keeps its task";
  EXPECT_EQ(sim.Persisted("https://a.example/story")->held, sim.refused[0].reason);
}

TEST(FrontierTest, RobotsDisallowHoldsTheTaskUntilTheRulesAreReadAgain) {
  FrontierSim sim;
  int robots_reads = 0;
  sim.On("https://a.example/robots.txt", [&](const FetchRequest&) {
    ++robots_reads;
    return Answer(200, robots_reads == 1 ? "User-agent: *\nDisallow: /news/\n" : "User-agent: *\nAllow: /\n");
  });
  sim.On("https://a.example/news/1", Answer(200, "one"));
  sim.frontier().Restore(Revisit("https://a.example/news/1", 3));
  sim.RunFor(hours(1));
  EXPECT_EQ(sim.Requests("https://a.example/news/1"), 0u);
  ASSERT_TRUE(sim.Persisted("https://a.example/news/1"));
  EXPECT_EQ(sim.Persisted("https://a.example/news/1")->held,
            "https://a.example/robots.txt: \"User-agent: *\" \"Disallow: /news/\"");
  EXPECT_EQ(sim.Persisted("https://a.example/news/1")->step, 3u) << "the ladder does not move";
  ASSERT_FALSE(sim.notices.empty());
  EXPECT_EQ(sim.notices[0].level, Notice::Level::kWarning);

  sim.RunFor(hours(24));  // the rules expire, are read again, and now allow it
  EXPECT_EQ(robots_reads, 2);
  ASSERT_EQ(sim.articles.size(), 1u);
  EXPECT_EQ(sim.Persisted("https://a.example/news/1")->held, "");
  EXPECT_EQ(sim.Persisted("https://a.example/news/1")->step, 4u);
}

TEST(FrontierTest, RobotsClientErrorAllowsEverything) {
  FrontierSim sim;
  sim.On("https://a.example/robots.txt", Answer(403));
  sim.On("https://a.example/1", Answer(200, "one"));
  sim.frontier().Restore(Revisit("https://a.example/1"));
  sim.RunFor(seconds(10));
  EXPECT_EQ(sim.articles.size(), 1u);
}

// The first fault: robots.txt answers 503 once at revisit time, then 200.
TEST(FrontierTest, RobotsServerErrorWaitsAndNeverDropsTheTask) {
  FrontierSim sim;
  int robots_reads = 0;
  sim.On("https://a.example/robots.txt", [&](const FetchRequest&) {
    return ++robots_reads == 1 ? Answer(503) : Answer(200, "User-agent: *\nAllow: /\n");
  });
  sim.On("https://a.example/1", Answer(200, "edited"));
  sim.frontier().Restore(Revisit("https://a.example/1", 2));
  sim.RunFor(minutes(5));
  EXPECT_EQ(sim.Requests("https://a.example/1"), 0u) << "do not crawl for now (RFC 9309 §2.3.1.4)";
  EXPECT_TRUE(sim.refused.empty()) << "an unreachable robots.txt refuses nothing";
  EXPECT_TRUE(sim.HasNotice("robots.txt unreachable: HTTP 503"));

  sim.RunFor(minutes(10));
  EXPECT_EQ(robots_reads, 2);
  ASSERT_EQ(sim.articles.size(), 1u);
  EXPECT_EQ(sim.articles[0].result.body, "edited");
  EXPECT_EQ(sim.Persisted("https://a.example/1")->step, 3u);
}

TEST(FrontierTest, RobotsUnreachableSaysTheNetworkError) {
  FrontierSim sim;
  bool down = true;
  sim.On("https://a.example/robots.txt", [&](const FetchRequest&) { return down ? NetworkDown() : Answer(404); });
  sim.On("https://a.example/1", Answer(200, "one"));
  sim.frontier().Restore(Revisit("https://a.example/1"));
  sim.RunFor(hours(2));
  EXPECT_TRUE(sim.articles.empty());
  EXPECT_TRUE(sim.HasNotice("robots.txt unreachable: Could not resolve host"));
  EXPECT_FALSE(sim.HasNotice("disallow"));
  down = false;
  // The next robots.txt retry succeeds: ten minutes on, or when the host's backoff after so
  // many network errors ends (at most an hour).
  sim.RunFor(hours(1) + minutes(11), [&] { return !sim.articles.empty(); });
  ASSERT_EQ(sim.articles.size(), 1u);
  EXPECT_EQ(sim.articles[0].task.url, "https://a.example/1");
}

// A host that answers nothing (or 503) for a long time: its articles wait, without
// spending their failure budget, and are all visited when it comes back.
TEST(FrontierTest, HostFailuresNeverSpendTheArticlesBudget) {
  FrontierOptions o = FrontierSim::Options();
  o.politeness.backoff_max = minutes(2);
  FrontierSim sim(o);
  bool down = true;
  sim.On("https://a.example/robots.txt", Answer(404));
  std::set<std::string> urls;
  for (int i = 0; i < 4; ++i) {
    std::string url = "https://a.example/" + std::to_string(i);
    urls.insert(url);
    sim.On(url, [&, i](const FetchRequest&) {
      return down ? (i % 2 ? NetworkDown() : Answer(503)) : Answer(200, "page");
    });
    sim.frontier().Restore(Revisit(url, 1));
  }
  sim.RunFor(hours(6));
  EXPECT_TRUE(sim.articles.empty());
  size_t attempts = 0;
  for (const std::string& url : urls) attempts += sim.Requests(url);
  EXPECT_GT(attempts, 4 * kMaxFailures) << "retried past every article's failure budget";
  EXPECT_TRUE(sim.erased.empty());
  for (const auto& [url, task] : sim.persisted) EXPECT_EQ(task.failures, 0u) << url;
  EXPECT_TRUE(sim.HasNotice("a.example: HTTP 503"));
  EXPECT_TRUE(sim.HasNotice("a.example: Could not resolve host"));

  down = false;
  sim.RunFor(hours(2));
  std::set<std::string> revisited;
  for (const Delivery& d : sim.articles) {
    if (d.task.step == 1) revisited.insert(d.task.url);  // still on the rung it was due for
  }
  EXPECT_EQ(revisited, urls);
  ExpectSpaced(sim.StartsTo("a.example"), seconds(1));
}

// One URL that keeps failing while its host answers other URLs fine: that is the article's.
TEST(FrontierTest, RepeatedErrorOfOneUrlOnAHealthyHostCountsAgainstIt) {
  FrontierOptions o = FrontierSim::Options();
  o.politeness.backoff_base = seconds(1);
  FrontierSim sim(o);
  sim.On("https://a.example/robots.txt", Answer(404));
  sim.On("https://a.example/broken", Answer(500));
  sim.On("https://a.example/feed", Answer(200, ""));
  sim.Source("feed", "https://a.example/feed", seconds(20));  // keeps the host answering
  sim.frontier().Restore(Revisit("https://a.example/broken", 2));
  sim.RunFor(minutes(50));  // 1 + 1 + 2 + 4 + 8 minutes of retries; the next rung is an hour on
  ASSERT_TRUE(sim.Persisted("https://a.example/broken"));
  EXPECT_EQ(sim.Persisted("https://a.example/broken")->step, 3u)
      << "after kMaxFailures counted failures the rung is done";
}

TEST(FrontierTest, TooManyRequestsWithRetryAfterSecondsPausesTheHost) {
  FrontierSim sim;
  int calls = 0;
  sim.On("https://a.example/1", [&](const FetchRequest&) {
    return ++calls == 1 ? FakeHttpClient::TooManyRequests(seconds(120)) : Answer(200, "one");
  });
  sim.frontier().Restore(Revisit("https://a.example/1"));
  sim.RunFor(minutes(10));
  ASSERT_EQ(sim.articles.size(), 1u);
  const std::vector<Start> starts = sim.StartsTo("a.example");
  ASSERT_EQ(starts.size(), 3u);  // robots.txt, 429, 200
  EXPECT_GE(starts[2].at - starts[1].at, seconds(120));
  EXPECT_LT(starts[2].at - starts[1].at, seconds(121));
}

TEST(FrontierTest, RetryAfterAsAnHttpDateIsObeyed) {
  FrontierSim sim;
  int calls = 0;
  sim.On("https://a.example/1", [&](const FetchRequest&) {
    if (++calls > 1) return Answer(200, "one");
    FetchResult r = Answer(503);
    // What the client reads from "Retry-After: <date five minutes ahead>".
    r.retry_after = ParseRetryAfter(HttpDate(sim.clock.Now() + minutes(5)), sim.clock.Now());
    return r;
  });
  sim.frontier().Restore(Revisit("https://a.example/1"));
  sim.RunFor(minutes(10));
  ASSERT_EQ(sim.articles.size(), 1u);
  const std::vector<Start> starts = sim.StartsTo("a.example");
  ASSERT_EQ(starts.size(), 3u);
  EXPECT_GE(starts[2].at - starts[1].at, minutes(5));
}

TEST(FrontierTest, WallClockStepsMoveNoPolitenessGapNorBackoff) {
  FrontierSim sim;
  int calls = 0;
  sim.On("https://a.example/1", [&](const FetchRequest&) {
    return ++calls == 1 ? FakeHttpClient::TooManyRequests(seconds(60)) : Answer(200, "one");
  });
  sim.frontier().Restore(Revisit("https://a.example/1"));
  sim.RunFor(seconds(3));
  ASSERT_EQ(calls, 1);
  sim.clock.StepWall(-hours(1));  // an NTP step backwards
  sim.RunFor(seconds(70));
  ASSERT_EQ(calls, 2) << "the backoff is a minute of monotonic time, not an hour more";
  sim.clock.StepWall(hours(3));   // and forwards: the ladder's next rung comes due
  sim.RunFor(seconds(2));
  const std::vector<Start> starts = sim.StartsTo("a.example");
  ExpectSpaced(starts, seconds(1));
  EXPECT_GE(starts.back().at - starts[starts.size() - 2].at, seconds(1));
}

TEST(FrontierTest, ValidatorsTravelWithTheTask) {
  FrontierSim sim;
  int calls = 0;
  sim.On("https://a.example/1", [&](const FetchRequest& r) {
    ++calls;
    if (!r.etag.empty()) {
      EXPECT_EQ(r.etag, "\"v1\"");
      return Answer(304);
    }
    FetchResult page = Answer(200, "one");
    page.etag = "\"v1\"";
    return page;
  });
  sim.frontier().Restore(Revisit("https://a.example/1", 0));
  sim.RunFor(minutes(10));  // the first visit, then the 5-minute rung
  ASSERT_EQ(sim.articles.size(), 2u);
  EXPECT_EQ(sim.articles[1].result.http_status, 304);
  EXPECT_EQ(sim.Persisted("https://a.example/1")->etag, "\"v1\"");
}

TEST(FrontierTest, DrainDeliversWhatIsInFlightAndStartsNothing) {
  FrontierSim sim;
  sim.On("https://a.example/robots.txt", Answer(404));
  sim.On("https://b.example/robots.txt", Answer(404));
  sim.frontier().Restore(Revisit("https://a.example/1"));
  sim.frontier().Restore(Revisit("https://b.example/1"));
  sim.On("https://a.example/1", Answer(200, "a"));
  sim.On("https://b.example/1", Answer(200, "b"));
  sim.RunFor(seconds(1), [&] {  // robots.txt of both
    return sim.Requests("https://a.example/robots.txt") + sim.Requests("https://b.example/robots.txt") == 2;
  });
  sim.http().Pause();
  sim.RunFor(seconds(2));  // both articles start (a second after robots.txt) and stay in flight
  ASSERT_EQ(sim.frontier().in_flight(), 2u);
  sim.frontier().Restore(Revisit("https://a.example/2"));
  sim.frontier().StopStarting();
  sim.http().Resume();
  sim.RunFor(minutes(1));
  EXPECT_EQ(sim.articles.size(), 2u);
  EXPECT_EQ(sim.Requests("https://a.example/2"), 0u);
}

TEST(FrontierTest, OnceLeavesAHostInLongBackoffForTheNextRun) {
  FrontierSim sim;
  sim.frontier().SetOnce(true);
  sim.On("https://a.example/robots.txt", Answer(404));
  sim.On("https://a.example/1", FakeHttpClient::TooManyRequests(hours(1)));
  sim.On("https://b.example/1", Answer(200, "b"));
  sim.frontier().Restore(Revisit("https://a.example/1"));
  sim.frontier().Restore(Revisit("https://b.example/1"));
  sim.RunFor(minutes(5), [&] { return sim.frontier().Idle(); });
  EXPECT_TRUE(sim.frontier().Idle());
  EXPECT_EQ(sim.Requests("https://a.example/1"), 1u);
  EXPECT_EQ(sim.articles.size(), 1u);
  // Not dropped: the schedule still holds it for the next run.
  EXPECT_EQ(sim.erased.count("https://a.example/1"), 0u);
}

TEST(FrontierTest, SourcesKeepTheirDueTimeUnlessTheyChange) {
  FrontierSim sim;
  sim.On("https://a.example/feed", Answer(200, ""));
  sim.On("https://b.example/feed", Answer(200, ""));
  sim.Source("a", "https://a.example/feed", minutes(10));
  sim.RunFor(seconds(5));
  ASSERT_EQ(sim.Requests("https://a.example/feed"), 1u);
  const Instant next = sim.Persisted("https://a.example/feed")->due;
  EXPECT_GE(next, sim.clock.Now() + minutes(8));

  // A reload that adds b and keeps a: a keeps its next poll, b is polled now.
  sim.frontier().SetSources({{"a", "https://a.example/feed", minutes(10)},
                             {"b", "https://b.example/feed", minutes(10)}},
                            false);
  sim.RunFor(seconds(5));
  EXPECT_EQ(sim.Requests("https://a.example/feed"), 1u);
  EXPECT_EQ(sim.Requests("https://b.example/feed"), 1u);
  EXPECT_EQ(sim.Persisted("https://a.example/feed")->due, next);
  // A removed source loses its task.
  sim.frontier().SetSources({{"b", "https://b.example/feed", minutes(10)}}, false);
  sim.RunFor(seconds(1));
  EXPECT_EQ(sim.Persisted("https://a.example/feed"), std::nullopt);
}

TEST(FrontierTest, DiscoveredLinksAreQueuedOnceAndSeenOnesSkipped) {
  FrontierSim sim;
  sim.seen.urls.insert("https://a.example/old");
  sim.On("https://a.example/feed", Answer(200, "https://a.example/new\nhttps://a.example/old\nhttps://a.example/new\n"));
  sim.On("https://a.example/new", Answer(200, "new"));
  sim.Source("feed", "https://a.example/feed", minutes(1));
  sim.RunFor(seconds(90));  // two polls
  EXPECT_EQ(sim.Requests("https://a.example/old"), 0u);
  EXPECT_EQ(sim.Requests("https://a.example/new"), 1u);
}

}  // namespace
}  // namespace sinmun
