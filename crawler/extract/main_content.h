// MainContent: where a page keeps its article text, for pages that no site table entry
// describes.
//
// Every run of text is owned by its nearest block element. A run owned by a paragraph-like
// element (p, pre, blockquote, li, dd) counts for the paragraph's parent, and half of it for
// the grandparent; a run written straight into a container (text separated by <br>, the
// way many Korean CMSs write bodies) counts for that container, and half of it for its
// parent. A run counts by its bytes outside links, and not at all when it is mostly link
// text (a list of headlines) or shorter than a short sentence. Text inside page furniture
// (boilerplate.h OutsideArticle: menus, footers, comment sections, related-article boxes,
// ads, hidden elements) does not count.
//
// The body is the element with the highest count, together with those of its siblings that
// count at least a quarter as much (a body split by an ad slot into two containers).
//
// Linear in the size of the page: one walk, a hash map of counts.
//
// Thread-safety: pure function.
#ifndef SINMUN_CRAWLER_EXTRACT_MAIN_CONTENT_H_
#define SINMUN_CRAWLER_EXTRACT_MAIN_CONTENT_H_

#include <cstddef>
#include <vector>

#include "crawler/extract/html_document.h"

namespace sinmun {

struct MainContent {
  std::vector<HtmlNode> roots;  // in document order; empty when the page has no text
  size_t text_bytes = 0;        // the count of the chosen elements (bytes of text)
  size_t paragraphs = 0;        // runs of at least a sentence counted for them
};

MainContent FindMainContent(const HtmlDocument& doc);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_EXTRACT_MAIN_CONTENT_H_
