#include "storage/edit_stats.h"

#include <algorithm>
#include <vector>

namespace sinmun {
namespace {

// Per group: the counts and every delay seen, for the quantiles.
struct Accumulator {
  EditCounts counts;
  std::vector<int64_t> delays;
};

struct ArticleEdits {
  uint64_t edits = 0, headline = 0, body = 0, byline = 0, correction = 0, minor = 0,
           deleted = 0, restored = 0;
  std::vector<int64_t> delays;  // seconds
};

ArticleEdits EditsOf(const ArticleHead& head, const std::vector<VersionInfo>& history) {
  ArticleEdits out;
  const Instant origin = head.published.value_or(head.first_seen);
  for (const VersionInfo& v : history) {
    uint64_t* counter = nullptr;
    switch (v.change_class) {
      case ChangeClass::kNew:
      case ChangeClass::kReextracted: continue;
      case ChangeClass::kHeadline: counter = &out.headline; break;
      case ChangeClass::kBody: counter = &out.body; break;
      case ChangeClass::kByline: counter = &out.byline; break;
      case ChangeClass::kCorrectionAppended: counter = &out.correction; break;
      case ChangeClass::kMinor: counter = &out.minor; break;
      case ChangeClass::kDeleted: counter = &out.deleted; break;
      case ChangeClass::kRestored: counter = &out.restored; break;
    }
    ++*counter;
    ++out.edits;
    out.delays.push_back(std::max<int64_t>(0, (v.fetched_at - origin).count()));
  }
  return out;
}

void Add(Accumulator& acc, const ArticleEdits& e) {
  EditCounts& c = acc.counts;
  ++c.articles;
  if (e.edits > 0) ++c.edited;
  c.edits += e.edits;
  c.headline += e.headline;
  c.body += e.body;
  c.byline += e.byline;
  c.correction += e.correction;
  c.minor += e.minor;
  c.deleted += e.deleted;
  c.restored += e.restored;
  if (e.headline > 0) ++c.articles_headline;
  if (e.correction > 0) ++c.articles_corrected;
  if (e.deleted > 0) ++c.articles_deleted;
  for (int64_t d : e.delays) {
    size_t bucket = 0;
    while (bucket < kEditDelayBounds.size() && d >= kEditDelayBounds[bucket].count()) ++bucket;
    ++c.delay[bucket];
    acc.delays.push_back(d);
  }
}

// Nearest-rank quantile q of sorted values.
std::chrono::seconds Quantile(const std::vector<int64_t>& sorted, double q) {
  size_t rank = static_cast<size_t>(q * double(sorted.size()) + 0.999999);
  rank = std::clamp<size_t>(rank, 1, sorted.size());
  return std::chrono::seconds(sorted[rank - 1]);
}

EditCounts Finish(Accumulator& acc) {
  if (!acc.delays.empty()) {
    std::sort(acc.delays.begin(), acc.delays.end());
    acc.counts.median_delay = Quantile(acc.delays, 0.5);
    acc.counts.p90_delay = Quantile(acc.delays, 0.9);
  }
  return acc.counts;
}

Json SecondsOrNull(const std::optional<std::chrono::seconds>& s) {
  return s ? Json(s->count()) : Json(nullptr);
}

Json Groups(const std::map<std::string, EditCounts>& groups) {
  std::vector<const std::pair<const std::string, EditCounts>*> order;
  for (const auto& g : groups) order.push_back(&g);
  std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) {
    return a->second.articles > b->second.articles;
  });
  Json out = Json::array();
  for (const auto* g : order) {
    Json j;
    j["name"] = StringOrNull(g->first);
    const Json counts = EditCountsJson(g->second);
    for (auto it = counts.begin(); it != counts.end(); ++it) j[it.key()] = it.value();
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

std::string_view EditDelayBucketName(size_t bucket) {
  static constexpr std::string_view kNames[] = {"10m", "1h", "3h", "12h", "1d", "3d", "7d", ""};
  return bucket < std::size(kNames) ? kNames[bucket] : "";
}

Result<EditStats> ComputeEditStats(Archive& archive, const EditStatsQuery& query) {
  ListQuery lq;
  lq.since = query.since;
  lq.until = query.until;
  lq.portal = query.portal;
  Result<std::vector<ArticleHead>> heads = archive.List(lq);
  if (!heads.ok()) return heads.status();
  Accumulator total;
  std::map<std::string, Accumulator> by_press, by_source;
  for (const ArticleHead& head : *heads) {
    std::vector<VersionInfo> history;
    if (head.versions > 1) {
      Result<std::vector<VersionInfo>> h = archive.History(head.id);
      if (!h.ok()) return h.status();
      history = std::move(*h);
    }
    Result<StoredVersion> first = archive.Version(head.id, 1);
    if (!first.ok()) return first.status();
    const ArticleEdits edits = EditsOf(head, history);
    Add(total, edits);
    Add(by_press[head.press], edits);
    Add(by_source[first->article.source], edits);
  }
  EditStats stats;
  stats.query = query;
  stats.total = Finish(total);
  for (auto& [name, acc] : by_press) stats.by_press[name] = Finish(acc);
  for (auto& [name, acc] : by_source) stats.by_source[name] = Finish(acc);
  return stats;
}

Json EditCountsJson(const EditCounts& c) {
  Json j;
  j["articles"] = c.articles;
  j["edited"] = c.edited;
  j["edited_share"] = c.edited_share();
  j["edits"] = c.edits;
  j["edits_per_article"] = c.edits_per_article();
  j["classes"] = Json{{"headline", c.headline}, {"body", c.body},       {"byline", c.byline},
                      {"correction", c.correction}, {"minor", c.minor}, {"deleted", c.deleted},
                      {"restored", c.restored}};
  j["articles_with"] = Json{{"headline", c.articles_headline},
                            {"correction", c.articles_corrected},
                            {"deleted", c.articles_deleted}};
  Json buckets = Json::array();
  for (size_t i = 0; i < kEditDelayBuckets; ++i) {
    std::string_view name = EditDelayBucketName(i);
    buckets.push_back(Json{{"upto", name.empty() ? Json(nullptr) : Json(std::string(name))},
                           {"edits", c.delay[i]}});
  }
  j["delay"] = Json{{"buckets", std::move(buckets)},
                    {"median_seconds", SecondsOrNull(c.median_delay)},
                    {"p90_seconds", SecondsOrNull(c.p90_delay)}};
  return j;
}

Json EditStatsJson(const EditStats& stats) {
  Json j;
  j["since"] = TimeOrNull(stats.query.since);
  j["until"] = TimeOrNull(stats.query.until);
  j["portal"] = StringOrNull(stats.query.portal);
  j["total"] = EditCountsJson(stats.total);
  j["by_press"] = Groups(stats.by_press);
  j["by_source"] = Groups(stats.by_source);
  return j;
}

}  // namespace sinmun
