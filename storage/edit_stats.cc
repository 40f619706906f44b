#include "storage/edit_stats.h"

#include <algorithm>
#include <vector>

#include "storage/edit_tally.h"

namespace sinmun {
namespace {

namespace pb = storage::pb;

// Sums tallies, filtered by the query's portal, into the statistics of the query.
class TallySum {
 public:
  explicit TallySum(const EditStatsQuery& query) : query_(query) {}

  void Add(const pb::EditTallyRecord& t) {
    if (!query_.portal.empty() && t.portal() != query_.portal) return;
    MergeTally(total_, t);
    MergeTally(by_press_[t.press()], t);
    MergeTally(by_source_[t.source()], t);
  }

  EditStats Finish() const {
    EditStats stats;
    stats.query = query_;
    stats.total = CountsOfTally(total_);
    for (const auto& [name, t] : by_press_) stats.by_press[name] = CountsOfTally(t);
    for (const auto& [name, t] : by_source_) stats.by_source[name] = CountsOfTally(t);
    return stats;
  }

 private:
  const EditStatsQuery& query_;
  pb::EditTallyRecord total_;
  std::map<std::string, pb::EditTallyRecord> by_press_, by_source_;
};

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

EditStatsQuery WholeKstDays(const EditStatsQuery& q) {
  EditStatsQuery out = q;
  if (q.since) out.since = KstDayStart(KstDay(*q.since));
  if (q.until) out.until = KstDayStart(KstDay(*q.until - std::chrono::seconds(1)) + 1);
  return out;
}

EditStatsQuery EditStatsPeriod(Instant now, std::optional<Instant> since, std::optional<Instant> until) {
  EditStatsQuery q;
  q.until = until.value_or(KstDayStart(KstDay(now) + 1));
  q = WholeKstDays(q);  // the end made whole first: the default is 30 whole days before it
  q.since = since.value_or(*q.until - std::chrono::days(30));
  return WholeKstDays(q);
}

Result<EditStats> ComputeEditStats(Archive& archive, const EditStatsQuery& query) {
  const EditStatsQuery q = WholeKstDays(query);
  const int64_t from = q.since ? KstDay(*q.since) : 0;
  const int64_t to = q.until ? KstDay(*q.until) : INT64_C(1) << 32;
  TallySum sum(q);
  pb::EditTallyRecord tally;
  Result<bool> kept = archive.ForEachEditTally(from, to, [&](std::string_view bytes) {
    if (!tally.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
      return Status::Corruption("meta: an edit tally does not parse");
    }
    sum.Add(tally);
    return Status::Ok();
  });
  if (!kept.ok()) return kept.status();
  if (!*kept) return ComputeEditStatsByScan(archive, q);
  return sum.Finish();
}

Result<EditStats> ComputeEditStatsByScan(Archive& archive, const EditStatsQuery& query) {
  const EditStatsQuery q = WholeKstDays(query);
  ListQuery lq;
  lq.since = q.since;
  lq.until = q.until;
  lq.portal = q.portal;
  Result<std::vector<ArticleHead>> heads = archive.List(lq);
  if (!heads.ok()) return heads.status();
  std::map<std::string, pb::EditTallyRecord> tallies;
  for (const ArticleHead& head : *heads) {
    Result<StoredVersion> first = archive.Version(head.id, 1);
    if (!first.ok()) return first.status();
    pb::EditTallyMember member = TallyMemberOf(first->article, head.first_seen);
    pb::EditTallyRecord& tally = tallies[member.key()];
    TallyArticle(tally, first->article);
    if (head.versions < 2) continue;
    Result<std::vector<VersionInfo>> history = archive.History(head.id);
    if (!history.ok()) return history.status();
    for (const VersionInfo& v : *history) TallyEdit(tally, member, v.change_class, v.appended, v.fetched_at);
  }
  TallySum sum(q);
  for (const auto& [key, t] : tallies) sum.Add(t);
  return sum.Finish();
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
