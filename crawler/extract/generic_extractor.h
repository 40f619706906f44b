// GenericExtractor: articles on outlets' own sites and anything that is not a portal.
//
// Every field comes from the first source that has it:
//   title     site table → JSON-LD headline → og:title → <title> (site name and section
//             suffixes stripped, press_name.h CleanTitle)
//   subtitle  site table → JSON-LD alternativeHeadline → script data
//   press     site table → JSON-LD publisher → og:site_name → meta author, each normalised
//             (press_name.h; never a generic word such as "뉴스")
//   authors   site table → JSON-LD author (people; organisations only when nothing else
//             names a person) → meta author / article:author → bylines taken out of the
//             body → the dateline of the first paragraph → byline elements of the page
//   times     site table → JSON-LD datePublished/dateModified → article:published_time /
//             article:modified_time and similar meta → microdata → the page's 입력/수정
//             lines (head_fields.h) → script data
//   section   JSON-LD articleSection → article:section
// The body is the site table's body element(s); else the page's main content
// (main_content.h); when that holds little text, the body found in script data
// (script_data.h: Next.js flight data or __NEXT_DATA__, Arc's Fusion.globalContent); and
// the JSON-LD articleBody, split at line breaks, when the markup has no body or clearly
// less of it than articleBody. Blocks are built by body_blocks.h, which keeps captions with
// their images and drops in-body boilerplate.
//
// A page is an article when it says so (JSON-LD article, og:type article) or when its main
// content holds at least kMinBodyBytes of text in kMinBodyParagraphs runs; otherwise it
// fails with InvalidArgument("no article found: no headline or body text").
//
// When the site entry's body rules select nothing, the page is read as if it had no entry
// and *ctx.note (when set) says so.
//
// Sets every Article field except id, url and encoding; portal is "web".
//
// Thread-safety: pure function.
#ifndef SINMUN_CRAWLER_EXTRACT_GENERIC_EXTRACTOR_H_
#define SINMUN_CRAWLER_EXTRACT_GENERIC_EXTRACTOR_H_

#include "common/article.h"
#include "common/status.h"
#include "crawler/extract/html_document.h"
#include "crawler/extract/page_fields.h"

namespace sinmun {

Result<Article> ExtractGenericArticle(const HtmlDocument& doc, const ExtractContext& ctx);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_EXTRACT_GENERIC_EXTRACTOR_H_
