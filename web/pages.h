// The reading room's pages, one function each from a request to a response (the router is
// web/reading_room.h). Every page has a permanent URL whose parameters say all it shows
// (web/params.h), an HTML form and, with ?format=json, a JSON form (README "The reading room").
//
//   /edits    EditsPage     the latest edits, filtered and paged by cursor (?format=atom: Atom)
//   /article  ArticlePage   one version, the timeline, URLs, related articles, the stored page
//   /diff     DiffPage      word-level diff of two versions, inline or side by side
//   /page     ArchivedPage  the stored page itself, for a sandboxed frame (its own CSP)
//   /search   SearchPage    full-text search with `sinmun search`'s query language
//   /stats    StatsPage     edit statistics per press or source, with SVG charts
//   /sources  SourcesPage   each source's status
//
// Thread-safety: each reads through its PageContext (see web/page_common.h).
#ifndef SINMUN_WEB_PAGES_H_
#define SINMUN_WEB_PAGES_H_

#include "web/page_common.h"
#include "web/request.h"

namespace sinmun::web {

WebResponse EditsPage(PageContext& ctx, const WebRequest& request);
WebResponse ArticlePage(PageContext& ctx, const WebRequest& request);
WebResponse DiffPage(PageContext& ctx, const WebRequest& request);
WebResponse ArchivedPage(PageContext& ctx, const WebRequest& request);
WebResponse SearchPage(PageContext& ctx, const WebRequest& request);
WebResponse StatsPage(PageContext& ctx, const WebRequest& request);
WebResponse SourcesPage(PageContext& ctx, const WebRequest& request);

}  // namespace sinmun::web

#endif  // SINMUN_WEB_PAGES_H_
