#include "crawler/extract/inert_page.h"

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>

#include <cstring>
#include <memory>
#include <vector>

#include "crawler/extract/charset.h"

namespace sinmun {
namespace {

constexpr size_t kMaxInputBytes = 64u << 20;

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
struct BufferFree {
  void operator()(xmlChar* p) const { xmlFree(p); }
};

bool Named(const xmlNode* n, const char* name) {
  return xmlStrcasecmp(n->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

bool DroppedElement(const xmlNode* n) {
  for (const char* name : {"script", "noscript", "iframe", "frame", "frameset", "object", "embed",
                           "applet", "portal", "link", "base", "meta"}) {
    if (Named(n, name)) return true;
  }
  return false;
}

bool DroppedAttribute(const xmlNode* element, const xmlAttr* a) {
  const char* name = reinterpret_cast<const char*>(a->name);
  if ((name[0] == 'o' || name[0] == 'O') && (name[1] == 'n' || name[1] == 'N')) return true;
  for (const char* n : {"src", "srcset", "data", "poster", "background", "action", "formaction",
                        "ping", "lowsrc", "dynsrc", "longdesc", "manifest", "codebase", "archive"}) {
    if (strcasecmp(name, n) == 0) return true;
  }
  return strcasecmp(name, "href") == 0 && !Named(element, "a");
}

// Removes what the file comment lists, walking the tree without recursion.
void MakeInert(xmlNode* root) {
  std::vector<xmlNode*> dropped;
  std::vector<xmlNode*> stack = {root};
  while (!stack.empty()) {
    xmlNode* n = stack.back();
    stack.pop_back();
    if (n->type != XML_ELEMENT_NODE) continue;
    if (DroppedElement(n)) {
      dropped.push_back(n);
      continue;
    }
    for (xmlAttr* a = n->properties; a != nullptr;) {
      xmlAttr* next = a->next;
      if (DroppedAttribute(n, a)) xmlRemoveProp(a);
      a = next;
    }
    if (Named(n, "img") && !xmlHasProp(n, reinterpret_cast<const xmlChar*>("alt"))) {
      xmlSetProp(n, reinterpret_cast<const xmlChar*>("alt"), reinterpret_cast<const xmlChar*>("[image]"));
    }
    for (xmlNode* c = n->children; c != nullptr; c = c->next) stack.push_back(c);
  }
  for (xmlNode* n : dropped) {
    xmlUnlinkNode(n);
    xmlFreeNode(n);
  }
}

}  // namespace

Result<std::string> InertPage(std::string_view bytes, std::string_view content_type) {
  if (bytes.size() > kMaxInputBytes) return Status::InvalidArgument("page too large to show");
  Result<DecodedText> text = DecodeToUtf8(bytes, content_type);
  if (!text.ok()) return text.status();
  xmlInitParser();
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
  std::unique_ptr<xmlDoc, DocFree> doc(htmlReadMemory(text->utf8.data(), static_cast<int>(text->utf8.size()),
                                                      nullptr, "UTF-8", options));
  xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (root == nullptr) return Status::InvalidArgument("not an HTML document: the parser found no element");
  MakeInert(root);
  xmlChar* out = nullptr;
  int size = 0;
  htmlDocDumpMemoryFormat(doc.get(), &out, &size, 0);
  std::unique_ptr<xmlChar, BufferFree> owned(out);
  if (out == nullptr) return Status::InvalidArgument("the page could not be written back");
  std::string html(reinterpret_cast<const char*>(out), static_cast<size_t>(size));
  // The serialiser writes the document's encoding into <head> only when it has one.
  if (html.find("charset") == std::string::npos) html = "<meta charset=\"utf-8\">\n" + html;
  return html;
}

}  // namespace sinmun
