// XmlDocument: a parsed XML document (RSS, Atom, sitemaps), queried with XPath.
//
// This file's source is, with crawler/extract/html_document.cc, the only code that includes
// libxml2. Nodes are opaque XmlNode handles, valid as long as the document that returned them.
//
// Parsing is safe against hostile documents: libxml2 reads with XML_PARSE_NONET (never opens
// a network connection), without XML_PARSE_NOENT (entities are not substituted, so external
// entities are never loaded and nested internal entities are never expanded into the tree),
// without XML_PARSE_DTDLOAD (no external DTD), and without XML_PARSE_HUGE (libxml2's own
// limits on depth, text size and entity amplification stay on). XML_PARSE_RECOVER keeps
// whatever a broken feed still holds. The text helpers below read text and CDATA nodes only
// and never walk into entity references, so a "billion laughs" document costs no more than
// its own size.
//
// Input is UTF-8 (callers decode first, crawler/extract/charset.h): the document's own
// encoding declaration is ignored (XML_PARSE_IGNORE_ENC), because the bytes were already
// decoded according to it, the HTTP charset and a check of the bytes themselves.
//
// Feeds mix namespaces freely (RSS with dc:, content:, media:; Atom with or without a
// prefix; sitemaps with news: and image:), so queries are written namespace-agnostic with
// local-name(): "//*[local-name()='item']". No namespace is registered with the context.
//
// Thread-safety: a document is thread-compatible (one thread at a time; queries share one
// XPath context). Distinct documents may be used from distinct threads.
#ifndef SINMUN_CRAWLER_DISCOVER_XML_DOCUMENT_H_
#define SINMUN_CRAWLER_DISCOVER_XML_DOCUMENT_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

struct _xmlDoc;
struct _xmlNode;
struct _xmlXPathContext;

namespace sinmun {

using XmlNode = const struct _xmlNode*;

class XmlDocument {
 public:
  static constexpr size_t kMaxInputBytes = 32u << 20;

  // Parses UTF-8 XML. `base_url` (may be "") is the document's URL, the base that
  // BaseOf() combines with xml:base attributes. Fails with InvalidArgument for empty input,
  // input above kMaxInputBytes, and input in which the parser found no root element.
  static Result<std::unique_ptr<XmlDocument>> Parse(std::string_view utf8,
                                                    std::string_view base_url);

  ~XmlDocument();
  XmlDocument(const XmlDocument&) = delete;
  XmlDocument& operator=(const XmlDocument&) = delete;

  // Nodes an XPath 1.0 expression selects, in document order, relative to `context` (the
  // document when null). Empty for a malformed expression or a non-node-set result.
  std::vector<XmlNode> Select(std::string_view xpath, XmlNode context = nullptr) const;
  // The first of Select(), or null.
  XmlNode SelectFirst(std::string_view xpath, XmlNode context = nullptr) const;

  // The root element; never null for a parsed document.
  XmlNode Root() const;

  // The element's name without its namespace prefix ("item" for <rss:item>); "" for a
  // non-element.
  static std::string LocalName(XmlNode node);
  // Value of the attribute with this local name (any namespace), "" when absent.
  static std::string Attr(XmlNode node, std::string_view local_name);
  static bool HasAttr(XmlNode node, std::string_view local_name);
  // The text and CDATA content of the subtree, concatenated as written (not normalised),
  // with leading and trailing ASCII white space trimmed. Entity references are not
  // followed (see the file comment). Walks iteratively.
  static std::string Text(XmlNode node);
  // The base URL in effect at `node`: the document URL combined with every xml:base on
  // the way down (libxml2's xmlNodeGetBase); "" when there is none.
  std::string BaseOf(XmlNode node) const;

 private:
  XmlDocument(_xmlDoc* doc, _xmlXPathContext* xpath);

  struct DocFree {
    void operator()(_xmlDoc* doc) const;
  };
  struct XPathContextFree {
    void operator()(_xmlXPathContext* ctx) const;
  };
  std::unique_ptr<_xmlDoc, DocFree> doc_;
  // Declared after doc_ so that it is destroyed first.
  std::unique_ptr<_xmlXPathContext, XPathContextFree> xpath_;
};

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_DISCOVER_XML_DOCUMENT_H_
