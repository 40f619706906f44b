#include "crawler/extract/inert_page.h"

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>

#include <cstring>
#include <strings.h>
#include <memory>
#include <string>
#include <vector>

#include "crawler/extract/charset.h"

namespace sinmun {
namespace {

constexpr size_t kMaxInputBytes = 64u << 20;

struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
struct OutputFree {
  void operator()(xmlOutputBuffer* b) const { xmlOutputBufferClose(b); }
};

bool Named(const xmlNode* n, const char* name) {
  return xmlStrcasecmp(n->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

bool DroppedElement(const xmlNode* n) {
  for (const char* name : {"script", "noscript", "iframe", "frame", "frameset", "portal", "link",
                           "base", "meta"}) {
    if (Named(n, name)) return true;
  }
  return false;
}

// Plugins go, their fallback content stays: libxml2's HTML parser also takes <embed> for a
// container and puts the rest of the page inside it.
bool UnwrappedElement(const xmlNode* n) {
  return Named(n, "object") || Named(n, "embed") || Named(n, "applet");
}

bool DroppedAttribute(const xmlNode* element, const xmlAttr* a) {
  const char* name = reinterpret_cast<const char*>(a->name);
  if ((name[0] == 'o' || name[0] == 'O') && (name[1] == 'n' || name[1] == 'N')) return true;
  for (const char* n : {"src", "srcset", "data", "poster", "background", "action", "formaction",
                        "ping", "lowsrc", "dynsrc", "longdesc", "manifest", "codebase", "archive"}) {
    if (strcasecmp(name, n) == 0) return true;
  }
  if (strcasecmp(name, "href") != 0) return false;
  if (!Named(element, "a")) return true;
  // A link that would run code when followed (the sandbox would refuse it anyway).
  std::string value = a->children != nullptr && a->children->content != nullptr
                          ? reinterpret_cast<const char*>(a->children->content)
                          : "";
  value.erase(0, value.find_first_not_of(" \t\r\n"));
  for (const char* scheme : {"javascript:", "vbscript:", "data:"}) {
    if (strncasecmp(value.c_str(), scheme, std::strlen(scheme)) == 0) return true;
  }
  return false;
}

// Removes what the file comment lists, walking the tree without recursion.
void MakeInert(xmlNode* root) {
  std::vector<xmlNode*> dropped, unwrapped;
  std::vector<xmlNode*> stack = {root};
  while (!stack.empty()) {
    xmlNode* n = stack.back();
    stack.pop_back();
    if (n->type != XML_ELEMENT_NODE) continue;
    if (DroppedElement(n)) {
      dropped.push_back(n);
      continue;
    }
    if (UnwrappedElement(n)) unwrapped.push_back(n);
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
  for (xmlNode* n : unwrapped) {
    while (xmlNode* child = n->children) {
      xmlUnlinkNode(child);
      xmlAddPrevSibling(n, child);
    }
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
  // Say UTF-8 in <head> (when there is one), and write UTF-8 whatever it says: the
  // serialiser would otherwise write character references for everything beyond ASCII.
  // (UTF-8 is libxml2's own encoding: a buffer without an encoder writes it as it is; the
  // document's encoding keeps attribute values from being escaped to references.)
  htmlSetMetaEncoding(doc.get(), reinterpret_cast<const xmlChar*>("UTF-8"));
  if (doc->encoding == nullptr) doc->encoding = xmlStrdup(reinterpret_cast<const xmlChar*>("UTF-8"));
  std::unique_ptr<xmlOutputBuffer, OutputFree> buffer(xmlAllocOutputBuffer(nullptr));
  if (!buffer) return Status::InvalidArgument("the page could not be written back");
  htmlDocContentDumpFormatOutput(buffer.get(), doc.get(), "UTF-8", 0);
  xmlOutputBufferFlush(buffer.get());
  const xmlChar* out = xmlOutputBufferGetContent(buffer.get());
  const size_t size = xmlOutputBufferGetSize(buffer.get());
  return std::string(reinterpret_cast<const char*>(out), size);
}

}  // namespace sinmun
