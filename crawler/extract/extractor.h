// Extractor: the bytes of one article page → an Article.
//
// ExtractArticle decodes the bytes (charset.h), parses them (html_document.h) and picks
// the extractor by the page's markup first — Daum (div.article_view, [dmcf-ptype]),
// Naver (#dic_area, #articleBodyContents, #newsEndContents, .media_end_head) — and by the
// host of the URL second, so a saved or mirrored portal page is recognised wherever it was
// found. Anything else goes to the generic extractor (JSON-LD, og:/article: meta, the
// element with the most paragraph text).
//
// Identity: the first of page.url, og:url and <link rel=canonical> that names a portal
// article gives the portal id and canonical URL (common/identity.h); otherwise the
// canonical form of page.url (or og:url, or the canonical link) gives "url:<canonical>".
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
// Thread-safety: pure function; distinct calls may run on distinct threads.
#ifndef SINMUN_CRAWLER_EXTRACT_EXTRACTOR_H_
#define SINMUN_CRAWLER_EXTRACT_EXTRACTOR_H_

#include <string>
#include <string_view>

#include "common/article.h"
#include "common/status.h"

namespace sinmun {

struct Page {
  std::string_view bytes;    // as fetched or saved; not owned
  std::string url;           // where the page came from; may be empty
  std::string content_type;  // HTTP Content-Type; may be empty
};

Result<Article> ExtractArticle(const Page& page);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_EXTRACT_EXTRACTOR_H_
