// /stats: edit statistics per press or per source over a period (storage/edit_stats.h),
// as a table and SVG bar charts drawn here.
#include <algorithm>
#include <cstdio>

#include "web/chart.h"
#include "web/pages.h"
#include "web/params.h"
#include "web/stats_cache.h"

namespace sinmun::web {
namespace {

// Groups drawn in the share chart (the table lists all).
constexpr size_t kChartGroups = 12;

std::string Fixed(double v, int decimals) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string Share(uint64_t part, uint64_t whole) {
  return whole == 0 ? "–" : Percent(double(part) / double(whole));
}

std::string Delay(const PageContext& ctx, const std::optional<std::chrono::seconds>& d) {
  return d ? FormatDelay(ctx.lang, d->count()) : "–";
}

Json Row(const PageContext& ctx, const std::string& name, const EditCounts& c, bool total) {
  return Json{{"name", name},
              {"total", total},
              {"articles", std::to_string(c.articles)},
              {"edited_share", Share(c.edited, c.articles)},
              {"edits_per_article", c.articles == 0 ? "–" : Fixed(c.edits_per_article(), 2)},
              {"headline_share", Share(c.articles_headline, c.articles)},
              {"correction_share", Share(c.articles_corrected, c.articles)},
              {"deleted_share", Share(c.articles_deleted, c.articles)},
              {"median", Delay(ctx, c.median_delay)},
              {"p90", Delay(ctx, c.p90_delay)}};
}

std::vector<std::pair<std::string, const EditCounts*>> Ordered(const std::map<std::string, EditCounts>& groups) {
  std::vector<std::pair<std::string, const EditCounts*>> out;
  for (const auto& [name, c] : groups) out.emplace_back(name, &c);
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.second->articles > b.second->articles; });
  return out;
}

Json Charts(const PageContext& ctx, const EditStats& stats, const std::map<std::string, EditCounts>& groups,
            Json& data) {
  std::vector<Bar> share;
  for (const auto& [name, c] : Ordered(groups)) {
    if (share.size() == kChartGroups) break;
    share.push_back(Bar{name.empty() ? Word(ctx.lang, "unknown") : name, c->edited_share(),
                        Percent(c->edited_share())});
  }
  std::vector<Bar> delay;
  for (size_t i = 0; i < kEditDelayBuckets; ++i) {
    std::string_view name = EditDelayBucketName(i);
    // Short labels: the bars are narrow; the caption says what they count.
    std::string label = name.empty() ? "≥" + std::string(EditDelayBucketName(i - 1)) : "<" + std::string(name);
    delay.push_back(Bar{label, double(stats.total.delay[i]), std::to_string(stats.total.delay[i])});
  }
  const EditCounts& t = stats.total;
  std::vector<Bar> classes;
  for (auto [cls, n] : {std::pair{ChangeClass::kHeadline, t.headline}, {ChangeClass::kBody, t.body},
                        {ChangeClass::kByline, t.byline}, {ChangeClass::kCorrectionAppended, t.correction},
                        {ChangeClass::kMinor, t.minor}, {ChangeClass::kDeleted, t.deleted},
                        {ChangeClass::kRestored, t.restored}}) {
    classes.push_back(Bar{ClassLabel(ctx.lang, cls), double(n), std::to_string(n)});
  }
  data["share_chart"] = HorizontalBarChart(Word(ctx.lang, "share_chart"), share, 1.0);
  data["delay_chart"] = VerticalBarChart(Word(ctx.lang, "delay_chart"), delay);
  data["class_chart"] = HorizontalBarChart(Word(ctx.lang, "class_chart"), classes);
  return data;
}

}  // namespace

WebResponse StatsPage(PageContext& ctx, const WebRequest& request) {
  Result<Period> period = PeriodParams(request);
  if (!period.ok()) return ErrorPage(ctx, request, period.status());
  Result<std::string> portal = PortalParam(request);
  if (!portal.ok()) return ErrorPage(ctx, request, portal.status());
  const std::string by = request.Param("by").value_or("press");
  if (by != "press" && by != "source") {
    return ErrorPage(ctx, request, Status::InvalidArgument("parameter 'by' must be press or source"));
  }
  // Whole KST days; by default the 30 up to the end of today, so a cached result serves a
  // whole day's views.
  EditStatsQuery q = EditStatsPeriod(ctx.clock.Now(), period->since, period->until);
  q.portal = *portal;
  Result<EditStats> stats = ctx.stats.Get(ctx.archive, q);
  if (!stats.ok()) return ErrorPage(ctx, request, stats.status());
  if (WantsJson(request)) return JsonPage(EditStatsJson(*stats));

  const auto& groups = by == "source" ? stats->by_source : stats->by_press;
  std::vector<std::pair<std::string, std::string>> params;
  for (const auto& [name, value] : request.params) {
    if (name != "format") params.emplace_back(name, value);
  }
  params.emplace_back("format", "json");
  Json data = LayoutData(ctx, Word(ctx.lang, "stats_title"), "stats", BuildUrl("/stats", params));
  data["since"] = DateKst(*q.since);
  data["until"] = DateKst(*q.until - std::chrono::seconds(1));
  data["period"] = ShortKst(*q.since) + " – " + ShortKst(*q.until) + " (KST)";
  data["portals"] = PortalOptions(ctx, q.portal);
  data["by_source"] = by == "source";
  data["group_label"] = Word(ctx.lang, by);
  Json rows = Json::array();
  for (const auto& [name, c] : Ordered(groups)) {
    rows.push_back(Row(ctx, name.empty() ? Word(ctx.lang, "unknown") : name, *c, false));
  }
  rows.push_back(Row(ctx, Word(ctx.lang, "total"), stats->total, true));
  data["rows"] = std::move(rows);
  Charts(ctx, *stats, groups, data);
  return HtmlPage("stats", data);
}

}  // namespace sinmun::web
