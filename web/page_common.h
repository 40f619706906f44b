// What every page of the reading room shares: the context a page reads (archive, search,
// clock, language), the layout's data, and the responses (HTML, JSON, errors) with the
// headers each kind of response carries.
//
// Thread-safety: PageContext is built per request; the functions are pure.
#ifndef SINMUN_WEB_PAGE_COMMON_H_
#define SINMUN_WEB_PAGE_COMMON_H_

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

#include "common/article_json.h"
#include "common/clock.h"
#include "common/status.h"
#include "storage/archive.h"
#include "web/i18n.h"
#include "web/request.h"
#include "web/sources.h"

namespace sinmun::web {

class SearchAdapter;
class StatsCache;

struct PageLimits {
  // Edits per page of the edit list. Default: 50.
  size_t edits_per_page = 50;
  // Changes-index entries one edit-list request examines at most when a filter needs each
  // entry's article (press, source, section): the page then ends early and its "next" link
  // goes on from where it stopped, so one request's time and memory stay bounded.
  // Default: 2000.
  size_t max_scan = 2000;
  // Search hits per page. Default: 20.
  size_t hits_per_page = 20;
};

using SourceStatusFn = std::function<Result<std::vector<SourceRow>>(Archive&)>;

struct PageContext {
  Archive& archive;
  SearchAdapter& search;
  StatsCache& stats;
  const Clock& clock;
  const PageLimits& limits;
  const SourceStatusFn& sources;
  Lang lang;
};

// The layout's data for a page: "lang", "title", "t", "nav": {<nav>: true}, "json_url",
// "atom_url" (null unless given).
Json LayoutData(const PageContext& ctx, const std::string& title, const std::string& nav,
                const std::string& json_url, const std::string& atom_url = "");

// 200 text/html: the page template `page` with `data` (web/templates.h).
WebResponse HtmlPage(const std::string& page, const Json& data);
// 200 application/json (documented forms; README "The reading room").
WebResponse JsonPage(const Json& json);
// The error page (HTML, or {"error": message} when the request asked for JSON) with the
// status the Status calls for: 404 NotFound, 400 InvalidArgument, 503 Busy/IOError, else 500.
WebResponse ErrorPage(const PageContext& ctx, const WebRequest& request, const Status& status);

bool WantsJson(const WebRequest& request);

// "2026-11-02 10:10" (KST), for people; the machine form is FormatRfc3339Kst.
std::string ShortKst(Instant t);
// "2026-11-02" (KST), the value of a date input.
std::string DateKst(Instant t);

// The portal choices of a filter form: [{"value", "label", "selected"}], "" (any) first.
Json PortalOptions(const PageContext& ctx, const std::string& current);

// "/article?id=…[&v=N]", "/diff?id=…&from=A&to=B[&view=side]".
std::string ArticleUrl(const std::string& id, uint32_t version = 0);
std::string DiffUrl(const std::string& id, uint32_t from, uint32_t to, bool side = false);

// "12.5%".
std::string Percent(double share);

}  // namespace sinmun::web

#endif  // SINMUN_WEB_PAGE_COMMON_H_
