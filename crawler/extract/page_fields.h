// PageFields: the pieces of article extraction that every layout shares.
//
//  - ExtractContext: what an extractor knows besides the document (base URL, host).
//  - CleanAuthors: journalist names from a byline. sinmun stores bare names: the role
//    word ("기자", "특파원", "논설위원", ...), e-mail addresses and anything in brackets are
//    removed, several names are split on ',', '·', '/' and after each role word.
//  - IsBoilerplateLine: copyright and redistribution notices ("ⓒ", "무단 전재",
//    "재배포 금지", "All rights reserved") and the bare "기사원문" link text. Such short lines
//    never become body blocks. (Bylines standing alone, credits and tip-off prompts are
//    told apart by boilerplate.h ClassifyLine, which uses this for its copyright kind.)
//  - ImageSource: the URL of an <img>, preferring the original over lazy-load and
//    thumbnail attributes, resolved to an absolute URL.
//
// Thread-safety: pure functions.
#ifndef SINMUN_CRAWLER_EXTRACT_PAGE_FIELDS_H_
#define SINMUN_CRAWLER_EXTRACT_PAGE_FIELDS_H_

#include <string>
#include <string_view>
#include <vector>

#include "crawler/extract/html_document.h"

namespace sinmun {

struct SiteRule;
class SiteTable;

struct ExtractContext {
  std::string base_url;  // absolute URL relative links resolve against; may be empty
  std::string host;      // lower-case host of the page or article URL; may be empty
  const SiteTable* sites = nullptr;  // the site table in use; null = none
  const SiteRule* site = nullptr;    // its entry for this page, or null
  std::string* note = nullptr;       // where an extractor says why it fell back; may be null
};

std::vector<std::string> CleanAuthors(std::string_view byline);

// Appends the names of `byline` to *authors, skipping names already present.
void AddAuthors(std::string_view byline, std::vector<std::string>* authors);

// REQUIRES: `text` is normalised.
bool IsBoilerplateLine(std::string_view text);

// "" when the element has no usable image URL (absent, or a data: URI).
std::string ImageSource(HtmlNode img, const ExtractContext& ctx);

// XPath predicate text for "has the class word `cls`", e.g.
// "contains(concat(' ', normalize-space(@class), ' '), ' tit_view ')".
std::string ClassPredicate(std::string_view cls);

// `text` after the first occurrence of `sep`, or `text` when absent; trimmed.
std::string_view AfterSeparator(std::string_view text, std::string_view sep);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_EXTRACT_PAGE_FIELDS_H_
