// GenericExtractor: articles on outlet sites and anything not a portal.
//
// Fields come from, in order of trust: JSON-LD (a NewsArticle/Article object, also inside
// @graph or arrays: headline, datePublished, dateModified, author, publisher.name,
// articleSection, alternativeHeadline/description), then og:/article: meta tags, then
// <h1>/<title>. The body is the element with the most direct paragraph text (the sum over
// its <p> children), or the JSON-LD articleBody split at line breaks when the page has no
// such element; it is split into paragraphs at <br> and block boundaries, with figures and
// images as image blocks, and navigation, asides, forms, link-only lines and copyright
// lines dropped.
//
// Sets every Article field except id, url and encoding; portal is "web".
// Fails with InvalidArgument("no article found: no headline or body text").
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
