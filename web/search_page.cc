// /search: `sinmun search` in the browser, through the search adapter.
#include "web/pages.h"
#include "web/params.h"
#include "web/search_adapter.h"
#include "storage/search/search_index.h"

namespace sinmun::web {
namespace {

// Pages past this would make the index rank more hits than anyone reads.
constexpr long long kMaxSearchPage = 50;

// The snippet as runs of marked and unmarked text: [{"text", "mark"}].
Json SnippetData(const Snippet& s) {
  Json out = Json::array();
  size_t cp = 0, next = 0;
  std::string run;
  bool marked = false;
  auto flush = [&] {
    if (!run.empty()) out.push_back(Json{{"text", run}, {"mark", marked}});
    run.clear();
  };
  for (size_t i = 0; i < s.text.size(); ++i) {
    if ((static_cast<unsigned char>(s.text[i]) & 0xC0) != 0x80) {
      while (next < s.marks.size() && s.marks[next].end <= cp) ++next;
      const bool in = next < s.marks.size() && s.marks[next].begin <= cp;
      if (in != marked) {
        flush();
        marked = in;
      }
      ++cp;
    }
    run += s.text[i];
  }
  flush();
  return out;
}

std::string VersionList(const std::vector<uint32_t>& v) {
  std::string out;
  for (uint32_t n : v) out += (out.empty() ? "v" : ", v") + std::to_string(n);
  return out;
}

Result<SearchQuery> ReadQuery(const WebRequest& r, size_t limit) {
  SearchQuery q;
  q.text = r.Param("q").value_or("");
  Result<Period> period = PeriodParams(r);
  if (!period.ok()) return period.status();
  Result<std::string> portal = PortalParam(r);
  if (!portal.ok()) return portal.status();
  q.since = period->since;
  q.until = period->until;
  q.portal = std::move(*portal);
  q.press = r.Param("press").value_or("");
  q.source = r.Param("source").value_or("");
  Result<bool> all_versions = FlagParam(r, "all_versions");
  if (!all_versions.ok()) return all_versions.status();
  q.all_versions = *all_versions;
  const std::string sort = r.Param("sort").value_or("relevance");
  if (sort == "date") {
    q.sort = SearchQuery::Sort::kDate;
  } else if (sort != "relevance") {
    return Status::InvalidArgument("parameter 'sort' must be relevance or date");
  }
  q.limit = limit;
  return q;
}

}  // namespace

WebResponse SearchPage(PageContext& ctx, const WebRequest& request) {
  Result<SearchQuery> query = ReadQuery(request, ctx.limits.hits_per_page);
  if (!query.ok()) return ErrorPage(ctx, request, query.status());
  Result<long long> page = IntParam(request, "page", 1, kMaxSearchPage, 1);
  if (!page.ok()) return ErrorPage(ctx, request, page.status());
  const size_t offset = static_cast<size_t>(*page - 1) * ctx.limits.hits_per_page;
  std::vector<std::pair<std::string, std::string>> params;
  for (const auto& [name, value] : request.params) {
    if (name != "format" && name != "page") params.emplace_back(name, value);
  }
  auto url_with = [&](const std::string& name, const std::string& value) {
    auto p = params;
    p.emplace_back(name, value);
    if (name == "format" && *page > 1) p.emplace_back("page", std::to_string(*page));
    return BuildUrl("/search", p);
  };

  // The empty search form has no JSON form (a search needs a query).
  Json data = LayoutData(ctx, query->text.empty() ? Word(ctx.lang, "search_title") : query->text,
                         "search", query->text.empty() ? "" : url_with("format", "json"));
  data["q"] = query->text;
  data["since"] = query->since ? DateKst(*query->since) : "";
  // A date field holds a day: the day of the period's last second (a bare date gives its own).
  data["until"] = query->until ? DateKst(*query->until - std::chrono::seconds(1)) : "";
  data["press"] = query->press;
  data["source"] = query->source;
  data["portals"] = PortalOptions(ctx, query->portal);
  data["by_date"] = query->sort == SearchQuery::Sort::kDate;
  data["all_versions"] = query->all_versions;
  data["searched"] = false;
  if (query->text.empty()) {
    if (WantsJson(request)) return ErrorPage(ctx, request, Status::InvalidArgument("parameter 'q' is missing"));
    return HtmlPage("search", data);
  }
  if (AsksForNothing(*query)) {
    return ErrorPage(ctx, request, Status::InvalidArgument("parameter 'q' has no word to search for"));
  }
  Result<WebSearchResults> results = ctx.search.Search(ctx.archive, *query, offset);
  if (!results.ok()) {
    if (WantsJson(request) || !results.status().IsNotFound()) return ErrorPage(ctx, request, results.status());
    data["error"] = results.status().message();
    return HtmlPage("search", data);
  }
  const bool more = results->more && *page < kMaxSearchPage;
  if (WantsJson(request)) {
    // As `sinmun search --json` answers, and the next page's address (null on the last).
    Json j = SearchResultsJson(query->text, *results);
    auto next = params;
    next.emplace_back("page", std::to_string(*page + 1));
    next.emplace_back("format", "json");
    j["next"] = more ? Json(BuildUrl("/search", next)) : Json(nullptr);
    return JsonPage(j);
  }
  Json hits = Json::array();
  for (const WebHit& h : results->hits) {
    hits.push_back(Json{{"url", ArticleUrl(h.hit.id, h.hit.version)},
                        {"title", h.title.empty() ? h.hit.id : h.title},
                        {"press", h.hit.press.empty() ? h.hit.portal : h.hit.press},
                        {"published", h.hit.published ? ShortKst(*h.hit.published) : ""},
                        {"id", h.hit.id},
                        {"version", std::to_string(h.hit.version)},
                        {"versions", std::to_string(h.versions)},
                        {"matched", query->all_versions ? VersionList(h.hit.matched_versions) : ""},
                        {"deleted", h.deleted ? ClassLabel(ctx.lang, ChangeClass::kDeleted) : ""},
                        {"snippet", SnippetData(h.snippet)}});
  }
  // What the index does not answer for, said on the page as `sinmun search` says it on stderr.
  Json lag = Json::array();
  if (results->older_layout) lag.push_back(Word(ctx.lang, "index_older"));
  if (results->behind > 0) {
    lag.push_back(Word(ctx.lang, "index_behind") + ": " + std::to_string(results->behind) + " / " +
                  std::to_string(results->versions));
  }
  if (results->missing > 0) lag.push_back(Word(ctx.lang, "index_missing") + ": " + std::to_string(results->missing));
  data["lag"] = std::move(lag);
  data["searched"] = true;
  data["estimated"] = std::to_string(results->estimated_matches);
  data["start"] = std::to_string(offset + 1);
  data["hits"] = std::move(hits);
  data["more_url"] = more ? Json(url_with("page", std::to_string(*page + 1))) : Json(nullptr);
  return HtmlPage("search", data);
}

}  // namespace sinmun::web
