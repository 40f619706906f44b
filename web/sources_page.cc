// /sources: each source's status (web/sources.h).
#include "web/pages.h"
#include "web/sources.h"

namespace sinmun::web {
namespace {

// ok in green, pending muted, every failure in red (the words say which).
std::string StatusClass(const std::string& status) {
  if (status == "ok") return "ok";
  if (status == "pending") return "pending";
  return "bad";
}

Json RowJson(const SourceRow& r) {
  return Json{{"name", r.name},           {"type", r.type},
              {"url", r.url},             {"status", r.status},
              {"detail", r.detail},  // "" when ok, as `sinmun sources --json`
              {"last_poll", TimeOrNull(r.last_poll)},
              {"next_poll", TimeOrNull(r.next_poll)},
              {"found_24h", r.found_24h}, {"new_24h", r.new_24h},
              {"archived_24h", r.archived_24h}};
}

}  // namespace

WebResponse SourcesPage(PageContext& ctx, const WebRequest& request) {
  Result<std::vector<SourceRow>> rows = ctx.sources(ctx.archive);
  if (!rows.ok()) return ErrorPage(ctx, request, rows.status());
  if (WantsJson(request)) {
    Json out = Json::array();
    for (const SourceRow& r : *rows) out.push_back(RowJson(r));
    return JsonPage(out);
  }
  Json data = LayoutData(ctx, Word(ctx.lang, "sources_title"), "sources", "/sources?format=json");
  Json list = Json::array();
  for (const SourceRow& r : *rows) {
    list.push_back(Json{{"name", r.name},
                        {"type", r.type},
                        {"url", r.url},
                        {"status", r.status},
                        {"status_class", StatusClass(r.status)},
                        {"detail", r.detail},
                        {"last_poll", r.last_poll ? ShortKst(*r.last_poll) : "–"},
                        {"next_poll", r.next_poll ? ShortKst(*r.next_poll) : "–"},
                        {"found_24h", std::to_string(r.found_24h)},
                        {"new_24h", std::to_string(r.new_24h)},
                        {"archived_24h", std::to_string(r.archived_24h)}});
  }
  data["has_rows"] = !list.empty();
  data["rows"] = std::move(list);
  return HtmlPage("sources", data);
}

}  // namespace sinmun::web
