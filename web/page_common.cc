#include "web/page_common.h"

#include <cstdio>

#include "common/portals.h"
#include "web/params.h"
#include "web/templates.h"

namespace sinmun::web {

Json LayoutData(const PageContext& ctx, const std::string& title, const std::string& nav,
                const std::string& json_url, const std::string& atom_url) {
  Json data;
  data["lang"] = std::string(LangCode(ctx.lang));
  data["title"] = title;
  data["t"] = Words(ctx.lang);
  data["nav"] = Json{{nav, true}};
  data["json_url"] = json_url;
  data["atom_url"] = atom_url.empty() ? Json(nullptr) : Json(atom_url);
  return data;
}

WebResponse HtmlPage(const std::string& page, const Json& data) {
  return WebResponse{200, "text/html; charset=utf-8", RenderPage(page, data), {}};
}

WebResponse JsonPage(const Json& json) {
  return WebResponse{200, "application/json; charset=utf-8",
                     json.dump(2, ' ', false, Json::error_handler_t::replace) + "\n", {}};
}

bool WantsJson(const WebRequest& request) { return request.Param("format") == "json"; }

WebResponse ErrorPage(const PageContext& ctx, const WebRequest& request, const Status& status) {
  int code = 500;
  switch (status.code()) {
    case Status::Code::kNotFound: code = 404; break;
    case Status::Code::kInvalidArgument: code = 400; break;
    case Status::Code::kBusy:
    case Status::Code::kIOError: code = 503; break;
    default: break;
  }
  WebResponse r;
  if (WantsJson(request)) {
    r = JsonPage(Json{{"error", status.message()}});
  } else {
    const std::string heading = Word(ctx.lang, code == 404 ? "not_found" : "error");
    Json data = LayoutData(ctx, heading, "", "");
    data["heading"] = heading;
    data["message"] = status.message();
    r = HtmlPage("error", data);
  }
  r.status = code;
  return r;
}

std::string ShortKst(Instant t) {
  std::string s = FormatRfc3339Kst(t).substr(0, 16);
  s[10] = ' ';
  return s;
}

std::string DateKst(Instant t) { return FormatRfc3339Kst(t).substr(0, 10); }

Json PortalOptions(const PageContext& ctx, const std::string& current) {
  Json out = Json::array();
  std::vector<std::string_view> values = PortalFilterValues();
  values.insert(values.begin(), "");
  for (std::string_view p : values) {
    std::string label = p.empty() ? Word(ctx.lang, "any") : std::string(p);
    out.push_back(Json{{"value", std::string(p)}, {"label", label}, {"selected", current == p}});
  }
  return out;
}

std::string ArticleUrl(const std::string& id, uint32_t version) {
  return BuildUrl("/article", {{"id", id}, {"v", version != 0 ? std::to_string(version) : ""}});
}

std::string DiffUrl(const std::string& id, uint32_t from, uint32_t to, bool side) {
  return BuildUrl("/diff", {{"id", id},
                            {"from", std::to_string(from)},
                            {"to", std::to_string(to)},
                            {"view", side ? "side" : ""}});
}

std::string Percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", share * 100);
  return buf;
}

}  // namespace sinmun::web
