// HtmlDocument: a parsed HTML page (libxml2), queried with XPath.
//
// This file and its source are the only extraction code that includes libxml2: the
// extractors see nodes as opaque HtmlNode handles and ask this class for their names,
// attributes and text. Handles stay valid as long as the document that returned them.
//
// Parsing is forgiving (HTML_PARSE_RECOVER: any bytes give some tree) and bounded: input
// above kMaxInputBytes is refused, and libxml2's own depth limit (256 without
// HTML_PARSE_HUGE) turns pathological nesting into a clean error. Every walk over the tree here
// is iterative, so depth never costs stack.
//
// Text helpers return NormalizeText()'d strings (common/text.h): entities are decoded by
// the parser, white space collapsed, zero-width characters dropped. Text inside <script>,
// <style>, <noscript>, <template>, <textarea>, <select>, <button>, <iframe>, <svg> is never text.
//
// Thread-safety: a document is thread-compatible (one thread at a time; queries share one
// XPath context). Distinct documents may be used from distinct threads.
#ifndef SINMUN_CRAWLER_EXTRACT_HTML_DOCUMENT_H_
#define SINMUN_CRAWLER_EXTRACT_HTML_DOCUMENT_H_

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

struct _xmlDoc;
struct _xmlNode;
struct _xmlXPathContext;

namespace sinmun {

using HtmlNode = const struct _xmlNode*;

// What a segment walk does with an element (see HtmlDocument::Segments).
enum class NodeAction {
  kDescend,  // its text belongs to the running paragraph (block elements break it)
  kSkip,     // ignore the element and everything in it
  kItem,     // end the running paragraph and report the element itself as a segment
};

// One unit of a segment walk: a paragraph of text (item == nullptr) or an element the
// classifier asked for (text empty).
struct Segment {
  HtmlNode item = nullptr;
  std::string text;        // normalised, never empty for a text segment
  bool link_only = false;  // every letter of the text came from inside <a> elements
};

class HtmlDocument {
 public:
  static constexpr size_t kMaxInputBytes = 64u << 20;

  // Parses UTF-8 HTML. Fails with InvalidArgument for input above kMaxInputBytes, for
  // input that yields no element at all, for empty input, and for elements nested more
  // than 256 deep (libxml2's limit without HTML_PARSE_HUGE, which would otherwise drop the
  // rest of the page silently).
  static Result<std::unique_ptr<HtmlDocument>> Parse(std::string_view utf8);

  ~HtmlDocument();
  HtmlDocument(const HtmlDocument&) = delete;
  HtmlDocument& operator=(const HtmlDocument&) = delete;

  // Nodes an XPath expression selects, in document order, relative to `context` (the
  // document when null). Empty for a malformed expression or a non-node-set result.
  std::vector<HtmlNode> Select(std::string_view xpath, HtmlNode context = nullptr) const;
  // The first of Select(), or null.
  HtmlNode SelectFirst(std::string_view xpath, HtmlNode context = nullptr) const;

  // The texts an XPath expression gives, relative to `context`: for a node-set, Text() of
  // each element and the normalised value of each attribute or text node, in document order,
  // empty ones left out; for a string, number or boolean result, that value normalised
  // (when not empty). Empty for a malformed expression.
  std::vector<std::string> SelectTexts(std::string_view xpath, HtmlNode context = nullptr) const;

  // "" when `xpath` is a valid XPath 1.0 expression, else what is wrong with it.
  static std::string XPathError(std::string_view xpath);

  // Elements whose class attribute lists `cls`, and elements named `tag` (lower case), in
  // document order. Both come from one index built by a single walk on first use, so that
  // extractors asking many such questions do not walk the tree once per question.
  const std::vector<HtmlNode>& ByClass(std::string_view cls) const;
  const std::vector<HtmlNode>& ByTag(std::string_view tag) const;
  // The first of ByClass(cls) that is named `tag` ("" = any), or null.
  HtmlNode FirstByClass(std::string_view cls, std::string_view tag = "") const;

  // The element whose id attribute is `id` (hash lookup, no tree walk), or null.
  HtmlNode ElementById(std::string_view id) const;

  // Normalised content of the first <meta> whose property or name is `key`
  // ("og:title"), or "" when there is none.
  std::string Meta(std::string_view key) const;

  // The root element (<html> for any page the parser repaired); never null.
  HtmlNode Root() const;

  // Lower-case element name; "" for a non-element. Valid as long as the document.
  static std::string_view Name(HtmlNode node);
  // Attribute value as written (entities decoded, not normalised); "" when absent.
  static std::string Attr(HtmlNode node, std::string_view name);
  // The same without a copy: a view into the document when the value is stored as one text
  // node (the common case), else of the value copied into *scratch.
  static std::string_view AttrView(HtmlNode node, std::string_view name, std::string* scratch);
  static bool HasAttr(HtmlNode node, std::string_view name);
  // True when the class attribute lists `cls` as one of its words.
  static bool HasClass(HtmlNode node, std::string_view cls);
  static HtmlNode Parent(HtmlNode node);
  // Elements whose boundaries end a paragraph (p, div, h1-h6, li, table cells, figure, ...).
  static bool IsBlock(HtmlNode node);
  // Elements whose content is never text (script, style, noscript, template, iframe, ...).
  static bool IsNeverText(HtmlNode node);
  // True for a text or CDATA node; its content through NodeText.
  static bool IsTextNode(HtmlNode node);
  static std::string_view NodeText(HtmlNode node);
  // The element's children and next sibling (elements and text nodes alike), or null.
  static HtmlNode FirstChild(HtmlNode node);
  static HtmlNode NextSibling(HtmlNode node);

  // All text of the subtree as one normalised string; <br> and block boundaries become
  // spaces.
  static std::string Text(HtmlNode node);

  // Text(node) when the subtree holds at most `max_bytes` bytes of raw text, else nullopt —
  // found without reading more than that, so asking about a large ancestor stays cheap.
  static std::optional<std::string> TextUpTo(HtmlNode node, size_t max_bytes);

  // The concatenated text nodes of the subtree exactly as parsed (no normalisation, script
  // content included): for reading embedded data such as JSON-LD.
  static std::string RawText(HtmlNode node);

  // Splits the subtree of `root` into paragraphs: text runs separated by <br> (any number)
  // and by the boundaries of block elements (p, div, h1-h6, li, figure, table, ...).
  // `classify` is asked about every element below `root` (not `root` itself) before its
  // content is read. Walks iteratively; linear in the size of the subtree.
  static std::vector<Segment> Segments(HtmlNode root,
                                       const std::function<NodeAction(HtmlNode)>& classify);

 private:
  HtmlDocument(_xmlDoc* doc, _xmlXPathContext* xpath);

  struct DocFree {
    void operator()(_xmlDoc* doc) const;
  };
  struct XPathContextFree {
    void operator()(_xmlXPathContext* ctx) const;
  };
  std::unique_ptr<_xmlDoc, DocFree> doc_;
  // Declared after doc_ so that it is destroyed first.
  std::unique_ptr<_xmlXPathContext, XPathContextFree> xpath_;
  struct Index;
  const Index& GetIndex() const;
  mutable std::unique_ptr<Index> index_;  // built on first use; see ByClass()
};

// `ref` resolved against `base` (RFC 3986, libxml2's xmlBuildURI), with surrounding white
// space trimmed. Returns `ref` trimmed when either cannot be parsed as a URI, and "" for
// an empty ref.
std::string ResolveUrl(std::string_view ref, std::string_view base);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_EXTRACT_HTML_DOCUMENT_H_
