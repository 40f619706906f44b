#include "crawler/discover/xml_document.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include <cstring>

#include "crawler/extract/libxml_support.h"

namespace sinmun {
namespace {

using libxml::Chars;
using libxml::XmlCharPtr;

// XPath errors (a malformed expression) are reported as an empty result, not printed.
void IgnoreXmlError(void*, xmlErrorPtr) {}

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

}  // namespace

void XmlDocument::DocFree::operator()(_xmlDoc* doc) const { xmlFreeDoc(doc); }
void XmlDocument::XPathContextFree::operator()(_xmlXPathContext* ctx) const {
  xmlXPathFreeContext(ctx);
}

XmlDocument::XmlDocument(_xmlDoc* doc, _xmlXPathContext* xpath) : doc_(doc), xpath_(xpath) {}
XmlDocument::~XmlDocument() = default;

Result<std::unique_ptr<XmlDocument>> XmlDocument::Parse(std::string_view utf8,
                                                        std::string_view base_url) {
  if (utf8.empty()) return Status::InvalidArgument("empty input");
  if (utf8.size() > kMaxInputBytes) {
    return Status::InvalidArgument("XML document too large: " + std::to_string(utf8.size()) +
                                   " bytes (limit " + std::to_string(kMaxInputBytes) + ")");
  }
  xmlInitParser();
  // Deliberately absent: XML_PARSE_NOENT, XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR,
  // XML_PARSE_DTDVALID, XML_PARSE_XINCLUDE, XML_PARSE_HUGE (see the header).
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                      XML_PARSE_RECOVER | XML_PARSE_IGNORE_ENC | XML_PARSE_COMPACT;
  const std::string url(base_url);
  std::unique_ptr<_xmlDoc, DocFree> doc(
      xmlReadMemory(utf8.data(), static_cast<int>(utf8.size()),
                    url.empty() ? nullptr : url.c_str(), "UTF-8", options));
  if (!doc || xmlDocGetRootElement(doc.get()) == nullptr) {
    return Status::InvalidArgument("not an XML document: the parser found no root element");
  }
  xmlXPathContext* ctx = xmlXPathNewContext(doc.get());
  if (ctx == nullptr) return Status::InvalidArgument("cannot create an XPath context");
  ctx->error = IgnoreXmlError;
  return std::unique_ptr<XmlDocument>(new XmlDocument(doc.release(), ctx));
}

std::vector<XmlNode> XmlDocument::Select(std::string_view xpath, XmlNode context) const {
  return libxml::SelectNodes(xpath_.get(), doc_.get(), context, xpath);
}

XmlNode XmlDocument::SelectFirst(std::string_view xpath, XmlNode context) const {
  std::vector<XmlNode> nodes = Select(xpath, context);
  return nodes.empty() ? nullptr : nodes.front();
}

XmlNode XmlDocument::Root() const { return xmlDocGetRootElement(doc_.get()); }

std::string XmlDocument::LocalName(XmlNode node) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE || node->name == nullptr) return "";
  return Chars(node->name);
}

std::string XmlDocument::Attr(XmlNode node, std::string_view local_name) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE) return "";
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    if (a->name == nullptr || std::string_view(Chars(a->name)) != local_name) continue;
    // Attribute values hold text nodes, and entity references only when the document
    // used undeclared or non-predefined entities: read the text nodes alone.
    std::string value;
    for (const xmlNode* c = a->children; c != nullptr; c = c->next) {
      if (c->type == XML_TEXT_NODE && c->content != nullptr) value += Chars(c->content);
    }
    return value;
  }
  return "";
}

bool XmlDocument::HasAttr(XmlNode node, std::string_view local_name) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE) return false;
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    if (a->name != nullptr && std::string_view(Chars(a->name)) == local_name) return true;
  }
  return false;
}

std::string XmlDocument::Text(XmlNode node) {
  std::string out;
  if (node == nullptr) return out;
  const auto take = [&out](const xmlNode* n) {
    if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content != nullptr) {
      out += Chars(n->content);
    }
  };
  if (node->type != XML_ELEMENT_NODE) {
    take(node);
  } else {
    // Iterative pre-order walk over element children only: entity reference nodes (whose
    // "children" are the shared entity declaration) are never entered.
    const xmlNode* n = node->children;
    while (n != nullptr) {
      take(n);
      if (n->type == XML_ELEMENT_NODE && n->children != nullptr) {
        n = n->children;
        continue;
      }
      while (n != nullptr && n->next == nullptr) {
        n = n->parent;
        if (n == node) n = nullptr;
      }
      if (n != nullptr) n = n->next;
    }
  }
  size_t begin = 0;
  size_t end = out.size();
  while (begin < end && IsAsciiSpace(out[begin])) ++begin;
  while (end > begin && IsAsciiSpace(out[end - 1])) --end;
  return out.substr(begin, end - begin);
}

std::string XmlDocument::BaseOf(XmlNode node) const {
  XmlCharPtr base(xmlNodeGetBase(doc_.get(), node));
  return base ? std::string(Chars(base.get())) : std::string();
}

}  // namespace sinmun
