// Portal registry: what the crawler does with each portal's pages, one row per portal,
// keyed by the name of its row in common/portals.h (identity, hosts, domain). The
// extractor (extract/extractor.h) asks it which portal's extractor reads a page; link
// discovery (discover/links.h) reads a portal's listing pages by its row.
//
// Adding a portal takes exactly:
//   - its extractor file, crawler/extract/<name>_extractor.{h,cc}: the page test and the
//     extraction function (as daum_extractor.h), added to sinmun_extract in
//     crawler/CMakeLists.txt;
//   - its row in common/portals.cc: name, title, domain, article hosts, the id rule
//     (URL → key, key → canonical path) and a sample article URL;
//   - its row here (portal_registry.cc): the name, the two extractor functions and its
//     listing behaviour — a path that marks foreign links, a script scanner (written
//     next to the row) when its listing pages carry article URLs in script data, and
//     whether they have a "div.paging" bar.
// Nothing else: the source `type =`, the `--portal` filters of the CLI and the reading
// room, the id forms and their messages all come from the two tables, and
// tests/crawler/portal_registry_test.cc walks both (documentation that lists the portals,
// config/sinmun.conf's `type` comment among them, is kept with them: config_keys_test
// compares that comment with the text made from the table).
//
// Thread-safety: a constant table and pure functions.
#ifndef SINMUN_CRAWLER_PORTAL_REGISTRY_H_
#define SINMUN_CRAWLER_PORTAL_REGISTRY_H_

#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "common/article.h"
#include "common/portals.h"
#include "common/status.h"
#include "crawler/extract/html_document.h"
#include "crawler/extract/page_fields.h"

namespace sinmun {

// Receives each article URL a script scan finds; returns false to stop the scan.
using ScriptUrlSink = std::function<bool(const std::string& url)>;

struct PortalPages {
  // The name of the portal's row in common/portals.h.
  std::string_view name;

  // ---- article pages ----
  // True when the markup is the portal's article markup (tried before any host test).
  bool (*looks_like_article)(const HtmlDocument& doc);
  // Sets every Article field except id, url and encoding (extractor.h does those).
  Result<Article> (*extract)(const HtmlDocument& doc, const ExtractContext& ctx);

  // ---- listing pages (discover/links.h) ----
  // A link whose path holds this text is not the listing's own article (a box of another
  // section's articles); "" for none.
  std::string_view foreign_path;
  // Scans the text of an inline <script> for article URLs, in order; nullptr when the
  // portal's listing pages carry none there (only their <a href> are read then).
  void (*scan_script)(std::string_view text, const ScriptUrlSink& emit);
  // The listing pages have a "div.paging" bar whose next page is followed.
  bool paging_bar = false;

  // The portal's row in common/portals.h (every row here has one; the test checks).
  const Portal& portal() const;
};

// Every row, in the order of Portals().
std::span<const PortalPages> PortalRegistry();

// The row named `name`; nullptr when there is none.
const PortalPages* FindPortalPages(std::string_view name);

// The portal whose extractor reads a page: the first whose page test the markup passes,
// else the first whose domain holds `host` (a saved or mirrored page, or a layout the test
// does not know); nullptr for an outlet's page.
const PortalPages* PortalForPage(const HtmlDocument& doc, std::string_view host);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_PORTAL_REGISTRY_H_
