// Extractor: the bytes of one article page → an Article.
//
// ExtractArticle decodes the bytes (charset.h), parses them (html_document.h) and picks
// the extractor from the portal registry (crawler/portal_registry.h): by the page's
// markup first — Daum (div.article_view, [dmcf-ptype]), Naver (#dic_area,
// #articleBodyContents, #newsEndContents, .media_end_head) — and by the host of the URL
// second, so a saved or mirrored portal page is recognised wherever it was found.
// Anything else goes to the generic extractor (generic_extractor.h), guided by the site
// table's entry for the page's host (site_table.h) when there is one.
//
// Identity is decided here, once, and every Article returned carries its final id and
// canonical url:
//   - a portal article (common/identity.h PortalArticleFromUrl) when page.url, og:url or
//     <link rel=canonical> names one: "daum:…" / "naver:…" and the portal's canonical URL;
//   - otherwise the page's canonical URL (<link rel=canonical>, else og:url) when it names
//     the same site as page.url (common/identity.h SameSite, or one site table entry serving
//     both hosts) and is not merely the site's home page; else page.url (with no page.url:
//     the canonical link or og:url, whatever site it names). The article's url is that
//     URL's canonical form (CanonicalUrl: the scheme as declared or fetched); its id is
//     "url:" + the identity form (IdentityUrl: scheme folded to https) — so http:// and
//     https://, tracking parameters and alias hosts with a canonical link give one article.
// Relative and protocol-relative image and embed URLs are resolved against the identity
// form of that URL, so the same bytes give the same blocks whatever URL (and scheme) they
// were fetched under.
// page.url may be empty. The article's encoding is what DecodeToUtf8 reported.
//
// Failures (all InvalidArgument, one line, for the caller to prefix with the file or URL):
//   "empty input"; "not a text page: ..." for binary bytes; "not an article page: ..." for
//   RSS/Atom feeds; "no article found: \"<title>\" has a headline but no body text" for a
//   page whose body is empty (a layout change); "no article found: <layout> without
//   <element>" for a page of a known layout that holds no article (listing pages, redirect
//   stubs); "no article found: no headline or body text" for other pages; "no article
//   URL: ..." when no URL is known.
// Bounded: pages above HtmlDocument::kMaxInputBytes are refused; the work is linear in the
// page size.
//
// Thread-safety: pure functions; distinct calls may run on distinct threads, sharing one
// SiteTable.
#ifndef SINMUN_CRAWLER_EXTRACT_EXTRACTOR_H_
#define SINMUN_CRAWLER_EXTRACT_EXTRACTOR_H_

#include <string>
#include <string_view>

#include "common/article.h"
#include "common/status.h"
#include "crawler/extract/site_table.h"

namespace sinmun {

struct Page {
  std::string_view bytes;    // as fetched or saved; not owned
  std::string url;           // where the page came from; may be empty
  std::string content_type;  // HTTP Content-Type; may be empty
};

// What an extraction noticed besides its result, for parser health.
struct ExtractNotes {
  std::string site;      // id of the site table entry used; "" when none
  // Non-empty when the entry's rules matched nothing on the page and the generic extractor
  // read it instead: the page is archived, but the entry needs fixing. Says which entry.
  std::string fallback;
};

// With the shipped site table (ShippedSiteTable()).
Result<Article> ExtractArticle(const Page& page);

// With `sites` (e.g. LoadSiteTable's, the operator's entries over the shipped ones).
// `notes` may be null.
Result<Article> ExtractArticle(const Page& page, const SiteTable& sites,
                               ExtractNotes* notes = nullptr);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_EXTRACT_EXTRACTOR_H_
