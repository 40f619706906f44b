// BodyBlocks: the elements that hold an article's body → the article's blocks.
//
// Inside the body roots:
//   - <figure>, <picture>, and any element holding exactly one image and no more than a
//     caption's worth of text (a photo box: img + caption div, a layout table) become one
//     image block whose text is the caption (<figcaption>, else an element named caption/
//     desc, else the box's own text, else the image's alt). A caption-named element standing
//     after an image becomes that image's caption; elsewhere it is dropped. Captions are
//     never paragraphs.
//   - <iframe>, <video>, <embed> of video and social players become embed blocks.
//   - <h2>–<h6> become subheadings; <h1> (the headline again) is dropped.
//   - Page furniture (boilerplate.h BoilerplateElement) and link lists (two or more links
//     making up most of an element's text) are dropped — unless they hold most of the
//     body's text, so that a container with an unlucky class name is never lost.
//   - Every other run of text, split at <br> and block boundaries, is a paragraph, unless
//     ClassifyLine calls it a byline (kept in `bylines` for the authors), credit, prompt
//     or copyright line. A trailing " /e-mail" byline is cut from the last paragraph.
//   - Paragraphs equal to the headline or the subtitle (the head repeated in the body) are
//     dropped.
// Image and embed URLs are resolved against ctx.base_url.
//
// Thread-safety: pure function (the document is only read).
#ifndef SINMUN_CRAWLER_EXTRACT_BODY_BLOCKS_H_
#define SINMUN_CRAWLER_EXTRACT_BODY_BLOCKS_H_

#include <string>
#include <unordered_set>
#include <vector>

#include "common/article.h"
#include "crawler/extract/html_document.h"
#include "crawler/extract/page_fields.h"

namespace sinmun {

struct BodyOptions {
  std::unordered_set<HtmlNode> drop;  // elements to leave out with all they hold
  std::string title;                  // normalised; "" when unknown
  std::string subtitle;               // normalised; "" when unknown
};

struct BodyBlocks {
  std::vector<Block> blocks;
  std::vector<std::string> bylines;  // reporter lines taken out of the body, in order
};

BodyBlocks BuildBodyBlocks(const HtmlDocument& doc, const std::vector<HtmlNode>& roots,
                           const ExtractContext& ctx, const BodyOptions& options);

// Applies the line rules above to blocks another extractor built (the portals'): drops
// bylines (appending them to *bylines when not null), credits, prompts and copyright
// lines, and cuts a trailing e-mail byline from the last paragraph.
void DropBoilerplateLines(std::vector<Block>* blocks, std::vector<std::string>* bylines);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_EXTRACT_BODY_BLOCKS_H_
