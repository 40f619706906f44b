#include "daemon/check_sources.h"

#include <map>
#include <optional>

#include "capture/capture.h"
#include "crawler/frontier/frontier.h"
#include "daemon/crawl.h"

namespace sinmun {
namespace {

// Nothing is archived: every link is new to the check.
class NothingSeen final : public SeenUrls {
 public:
  bool Seen(const std::string&) const override { return false; }
};

// The first `max` characters (code points) of UTF-8 `text`, with "…" when cut.
std::string Shorten(const std::string& text, size_t max) {
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (chars++ == max) return text.substr(0, i) + "…";
  }
  return text;
}

class Checker {
 public:
  Checker(const Config& config, HttpClient& http, const Clock& clock)
      : config_(config),
        clock_(clock),
        frontier_(FrontierOptionsFor(config), http, clock, seen_, /*seed=*/1) {
    for (const SourceConfig& s : config.sources) pending_[s.name] = State{};
  }

  std::vector<SourceVerdict> Run(std::chrono::seconds deadline) {
    frontier_.SetSources(CrawlSourcesOf(config_), /*poll_now=*/true);
    const MonoTime until = clock_.Monotonic() + deadline;
    while (Undecided() > 0 && clock_.Monotonic() < until) {
      Turn turn = frontier_.Step(std::chrono::milliseconds(500));
      for (const Refusal& r : turn.refused) {
        const bool listing = r.task.kind == TaskKind::kSource;
        Decide(r.task.source, false, "blocked — " + (listing ? std::string() : r.task.url + " (the first article): ") +
                                         r.reason);
      }
      for (const Refusal& r : turn.waiting) Decide(r.task.source, false, "unreachable — " + r.reason);
      for (const Refusal& r : turn.failed) Decide(r.task.source, false, "article-failed — " + r.reason);
      for (const Delivery& d : turn.sources) OnSource(d);
      for (const Delivery& d : turn.articles) OnArticle(d);
      frontier_.TakeChanges();
    }
    std::vector<SourceVerdict> out;
    for (const SourceConfig& s : config_.sources) {
      State& st = pending_[s.name];
      if (!st.verdict) {
        st.verdict = SourceVerdict{s.name, false,
                                   "no-answer — nothing decided within " + std::to_string(deadline.count()) + " s"};
      }
      st.verdict->name = s.name;
      st.verdict->line = s.name + ": " + st.verdict->line;
      out.push_back(*st.verdict);
    }
    return out;
  }

 private:
  struct State {
    size_t links = 0;
    bool article_chosen = false;
    bool child_chosen = false;
    std::optional<SourceVerdict> verdict;
  };

  size_t Undecided() const {
    size_t n = 0;
    for (const auto& [name, st] : pending_) n += st.verdict ? 0 : 1;
    return n;
  }

  void Decide(const std::string& source, bool ok, std::string line) {
    auto it = pending_.find(source);
    if (it == pending_.end() || it->second.verdict) return;
    it->second.verdict = SourceVerdict{source, ok, std::move(line)};
  }

  const SourceConfig* Find(const std::string& name) const {
    for (const SourceConfig& s : config_.sources) {
      if (s.name == name) return &s;
    }
    return nullptr;
  }

  void OnSource(const Delivery& d) {
    const SourceConfig* source = Find(d.task.source);
    State& st = pending_[d.task.source];
    PollResult poll;
    const FetchResult& r = d.result;
    if (source == nullptr || st.verdict) {
    } else if (!r.error.ok()) {
      Decide(d.task.source, false, "unreachable — " + r.error.message() + " (" + d.page_url() + ")");
    } else if (r.http_status != 200) {
      Decide(d.task.source, false, "http-error — HTTP " + std::to_string(r.http_status) + " (" + d.page_url() + ")");
    } else {
      const ListingKind kind = ListingKindOf(source->type);
      Result<Listing> listing = DiscoverFetchedLinks(r.body, r.content_type, d.page_url(), kind,
                                                     MaxListingBytes(config_));
      if (!listing.ok()) {
        const bool feed = kind.xml();
        Decide(d.task.source, false, std::string(feed ? "not-a-feed" : "not-a-listing") + " — " +
                                         listing.status().message() + " (" + d.page_url() + ")");
      } else {
        const int depth = source->type == SourceType::kSitemap ? static_cast<int>(d.task.step) : 0;
        DiscoveryPlan plan = PlanDiscovery(*listing, kind, depth, clock_.Now(), DiscoveryOptionsFor(config_));
        poll.read = true;
        st.links += plan.articles.size();
        if (!plan.articles.empty() && !st.article_chosen) {
          st.article_chosen = true;
          poll.links.push_back(FoundLink{plan.articles.front().url, plan.articles.front().published});
        } else if (plan.articles.empty() && !plan.sitemaps.empty() && !st.child_chosen) {
          st.child_chosen = true;  // a sitemap index: its newest child is enough
          poll.follow.push_back(plan.sitemaps.front().url);
        } else if (!st.article_chosen && plan.sitemaps.empty()) {
          Decide(d.task.source, false,
                 "no-links — " + std::to_string(listing->links.size()) + " links, " +
                     std::to_string(plan.too_old) + " older than the horizon (" + d.page_url() + ")");
        }
      }
    }
    frontier_.Polled(d, poll);
  }

  void OnArticle(const Delivery& d) {
    frontier_.Visited(d, VisitResult::kKept);
    const std::string& url = d.page_url();
    if (d.result.http_status != 200) {
      Decide(d.task.source, false, "article-failed — " + url + ": HTTP " + std::to_string(d.result.http_status));
      return;
    }
    Result<Article> article = ExtractPage(d.result.body, url, d.result.content_type);
    if (!article.ok()) {
      Decide(d.task.source, false, "article-failed — " + url + ": " + article.status().message());
      return;
    }
    size_t paragraphs = 0;
    for (const Block& b : article->blocks) paragraphs += b.type == BlockType::kParagraph ? 1 : 0;
    const State& st = pending_[d.task.source];
    Decide(d.task.source, true,
           "ok — " + std::to_string(st.links) + " links; " + url + " extracted (\"" +
               Shorten(article->title, 30) + "\", " + std::to_string(paragraphs) + " paragraphs)");
  }

  const Config& config_;
  const Clock& clock_;
  NothingSeen seen_;
  Frontier frontier_;
  std::map<std::string, State> pending_;
};

}  // namespace

std::vector<SourceVerdict> CheckSources(const Config& config, HttpClient& http, const Clock& clock,
                                        std::chrono::seconds deadline) {
  return Checker(config, http, clock).Run(deadline);
}

}  // namespace sinmun
