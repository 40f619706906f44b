#include "web/reading_room.h"

#include <map>
#include <string>
#include <vector>

#include "web/pages.h"
#include "web/params.h"
#include "web/templates.h"

namespace sinmun::web {
namespace {

constexpr const char* kPageCsp =
    "default-src 'none'; style-src 'self'; img-src 'self'; frame-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

constexpr const char* kFavicon =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\"><rect width=\"16\" "
    "height=\"16\" rx=\"3\" fill=\"#0b5cad\"/><text x=\"8\" y=\"12\" font-size=\"10\" "
    "text-anchor=\"middle\" fill=\"#fff\">신</text></svg>";

bool HasHeader(const WebResponse& r, const std::string& name) {
  for (const auto& [n, v] : r.headers) {
    if (n == name) return true;
  }
  return false;
}

}  // namespace

Result<std::unique_ptr<ReadingRoom>> ReadingRoom::Open(ReadingRoomOptions options, const Clock& clock) {
  Result<std::unique_ptr<Archive>> archive = Archive::Open(options.archive_dir, Archive::Mode::kReadOnly);
  if (!archive.ok()) return archive.status();
  return std::unique_ptr<ReadingRoom>(new ReadingRoom(std::move(options), clock, std::move(*archive)));
}

ReadingRoom::ReadingRoom(ReadingRoomOptions options, const Clock& clock, std::unique_ptr<Archive> archive)
    : options_(std::move(options)),
      clock_(clock),
      archive_(std::move(archive)),
      search_(options_.archive_dir + "/search"),
      stats_(clock, options_.stats_ttl),
      last_catch_up_ms_(clock.Monotonic().time_since_epoch().count()) {}

void ReadingRoom::MaybeCatchUp() {
  const long long now = clock_.Monotonic().time_since_epoch().count();
  if (now - last_catch_up_ms_.load() < options_.catch_up_interval.count()) return;
  std::unique_lock<std::mutex> lock(catch_up_mu_, std::try_to_lock);
  if (!lock.owns_lock()) return;
  last_catch_up_ms_ = now;
  // A failed catch-up leaves the last view in place; the next interval tries again.
  (void)archive_->CatchUp();
  search_.Refresh();
}

WebResponse ReadingRoom::Route(PageContext& ctx, const WebRequest& request) {
  const std::string& p = request.path;
  // The formats each page answers in besides HTML (the archived page and the files: none,
  // and a format asked of them is not looked at).
  static const std::map<std::string, std::vector<std::string>, std::less<>> kFormats = {
      {"/", {"json", "atom"}},     {"/edits", {"json", "atom"}}, {"/article", {"json"}}, {"/diff", {"json"}},
      {"/search", {"json"}},       {"/stats", {"json"}},         {"/sources", {"json"}}};
  if (const auto formats = kFormats.find(p); formats != kFormats.end()) {
    if (Status s = CheckFormat(request, formats->second); !s.ok()) return ErrorPage(ctx, request, s);
  }
  if (p == "/" || p == "/edits") return EditsPage(ctx, request);
  if (p == "/article") return ArticlePage(ctx, request);
  if (p == "/diff") return DiffPage(ctx, request);
  if (p == "/page") return ArchivedPage(ctx, request);
  if (p == "/search") return SearchPage(ctx, request);
  if (p == "/stats") return StatsPage(ctx, request);
  if (p == "/sources") return SourcesPage(ctx, request);
  if (p == "/static/style.css") {
    return WebResponse{200, "text/css; charset=utf-8", StyleSheet(), {{"Cache-Control", "max-age=3600"}}};
  }
  if (p == "/favicon.svg" || p == "/favicon.ico") {
    return WebResponse{200, "image/svg+xml", kFavicon, {{"Cache-Control", "max-age=86400"}}};
  }
  if (p == "/healthz") return WebResponse{200, "text/plain; charset=utf-8", "ok\n", {}};
  return ErrorPage(ctx, request, Status::NotFound("no page at " + p.substr(0, 200)));
}

WebResponse ReadingRoom::Handle(const WebRequest& request) {
  MaybeCatchUp();
  PageContext ctx{*archive_, search_, stats_, clock_, options_.limits, options_.source_status,
                  PickLang(request.accept_language)};
  WebResponse response = Route(ctx, request);
  if (!HasHeader(response, "Content-Security-Policy")) {
    response.headers.emplace_back("Content-Security-Policy", kPageCsp);
  }
  response.headers.emplace_back("X-Content-Type-Options", "nosniff");
  response.headers.emplace_back("Referrer-Policy", "no-referrer");
  if (response.content_type.starts_with("text/html")) {
    response.headers.emplace_back("Vary", "Accept-Language");
  }
  return response;
}

}  // namespace sinmun::web
