// What the two libxml2 wrappers (extract/html_document.cc, discover/xml_document.cc) share:
// owning pointers for what libxml2 allocates, and XPath selection. Only those two files
// include it; everything else sees HtmlDocument and XmlDocument.
#ifndef SINMUN_CRAWLER_EXTRACT_LIBXML_SUPPORT_H_
#define SINMUN_CRAWLER_EXTRACT_LIBXML_SUPPORT_H_

#include <libxml/tree.h>
#include <libxml/xpath.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sinmun::libxml {

struct XPathObjectFree {
  void operator()(xmlXPathObject* obj) const { xmlXPathFreeObject(obj); }
};
using XPathObjectPtr = std::unique_ptr<xmlXPathObject, XPathObjectFree>;

struct XmlCharFree {
  void operator()(xmlChar* s) const { xmlFree(s); }
};
using XmlCharPtr = std::unique_ptr<xmlChar, XmlCharFree>;

inline const char* Chars(const xmlChar* s) { return reinterpret_cast<const char*>(s); }

// The nodes `xpath` selects in `doc` from `context` (the document itself when null), in
// document order; none when the expression is malformed or does not select nodes.
std::vector<const xmlNode*> SelectNodes(xmlXPathContext* xpath_context, xmlDoc* doc,
                                        const xmlNode* context, std::string_view xpath);

// Evaluates `xpath` in `doc` from `context` (the document when null): the result object,
// or null for a malformed expression.
XPathObjectPtr Evaluate(xmlXPathContext* xpath_context, xmlDoc* doc, const xmlNode* context,
                        std::string_view xpath);

// Empty when `xpath` compiles; else libxml2's message for it (or a generic one).
std::string XPathError(std::string_view xpath);

}  // namespace sinmun::libxml

#endif  // SINMUN_CRAWLER_EXTRACT_LIBXML_SUPPORT_H_
