#include "crawler/extract/html_document.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/valid.h>
#include <libxml/xpath.h>

#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <deque>

#include "common/text.h"
#include "crawler/extract/libxml_support.h"

namespace sinmun {
namespace {

using libxml::Chars;
using libxml::XmlCharPtr;

struct ParserCtxtFree {
  void operator()(htmlParserCtxt* ctxt) const { htmlFreeParserCtxt(ctxt); }
};
using ParserCtxtPtr = std::unique_ptr<htmlParserCtxt, ParserCtxtFree>;

bool NameIs(HtmlNode node, const char* name) {
  return node != nullptr && node->type == XML_ELEMENT_NODE && node->name != nullptr &&
         std::strcmp(Chars(node->name), name) == 0;
}

bool NameIn(HtmlNode node, std::initializer_list<const char*> names) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE || node->name == nullptr) return false;
  for (const char* n : names) {
    if (std::strcmp(Chars(node->name), n) == 0) return true;
  }
  return false;
}

bool IsBlock(HtmlNode node) {
  return NameIn(node, {"p",       "div",     "h1",     "h2",     "h3",         "h4",
                       "h5",      "h6",      "li",     "ul",     "ol",         "dl",
                       "dd",      "dt",      "table",  "tr",     "td",         "th",
                       "tbody",   "thead",   "tfoot",  "caption", "figure",    "figcaption",
                       "section", "article", "aside",  "header", "footer",     "nav",
                       "main",    "blockquote", "pre", "hr",     "address",    "center",
                       "form",    "fieldset", "details", "summary", "body",    "html"});
}

bool IsNeverText(HtmlNode node) {
  return NameIn(node, {"script", "style", "noscript", "template", "textarea", "select",
                       "head", "title", "svg", "math", "object", "iframe", "button"});
}

size_t NonSpaceBytes(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++n;
  }
  return n;
}

}  // namespace

// Keys are views into the document (element names are interned by libxml2, attribute
// values live in their text nodes) or into `owned`, so building the index allocates only
// for its lists.
struct HtmlDocument::Index {
  std::unordered_map<std::string_view, std::vector<HtmlNode>> by_class;
  std::unordered_map<std::string_view, std::vector<HtmlNode>> by_tag;
  std::unordered_map<std::string, std::string> meta;  // property or name → content
  std::deque<std::string> owned;  // class values that were not stored as one text node
  std::vector<HtmlNode> none;
};

void HtmlDocument::DocFree::operator()(_xmlDoc* doc) const { xmlFreeDoc(doc); }
void HtmlDocument::XPathContextFree::operator()(_xmlXPathContext* ctx) const {
  xmlXPathFreeContext(ctx);
}

HtmlDocument::HtmlDocument(_xmlDoc* doc, _xmlXPathContext* xpath) : doc_(doc), xpath_(xpath) {}
HtmlDocument::~HtmlDocument() = default;

Result<std::unique_ptr<HtmlDocument>> HtmlDocument::Parse(std::string_view utf8) {
  if (utf8.empty()) return Status::InvalidArgument("empty input");
  if (utf8.size() > kMaxInputBytes) {
    return Status::InvalidArgument("page too large: " + std::to_string(utf8.size()) +
                                   " bytes (limit " + std::to_string(kMaxInputBytes) + ")");
  }
  xmlInitParser();
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                      HTML_PARSE_NONET | HTML_PARSE_COMPACT;
  ParserCtxtPtr ctxt(htmlNewParserCtxt());
  if (!ctxt) return Status::InvalidArgument("cannot create an HTML parser");
  std::unique_ptr<_xmlDoc, DocFree> doc(htmlCtxtReadMemory(
      ctxt.get(), utf8.data(), static_cast<int>(utf8.size()), nullptr, "UTF-8", options));
  // Without HTML_PARSE_HUGE libxml2 stops at 256 levels of nesting and drops the rest of
  // the page: say so rather than hand on a silently truncated tree.
  const xmlError* err = xmlCtxtGetLastError(ctxt.get());
  if (err != nullptr && err->level == XML_ERR_FATAL && err->message != nullptr &&
      std::strstr(err->message, "Excessive depth") != nullptr) {
    return Status::InvalidArgument("page nests elements too deeply (limit 256 levels)");
  }
  if (!doc || xmlDocGetRootElement(doc.get()) == nullptr) {
    return Status::InvalidArgument("not an HTML document: the parser found no element");
  }
  xmlXPathContext* ctx = xmlXPathNewContext(doc.get());
  if (ctx == nullptr) return Status::InvalidArgument("cannot create an XPath context");
  ctx->error = [](void*, xmlError*) {};  // a bad expression is an empty result, not a message
  return std::unique_ptr<HtmlDocument>(new HtmlDocument(doc.release(), ctx));
}

std::vector<HtmlNode> HtmlDocument::Select(std::string_view xpath, HtmlNode context) const {
  return libxml::SelectNodes(xpath_.get(), doc_.get(), context, xpath);
}

HtmlNode HtmlDocument::SelectFirst(std::string_view xpath, HtmlNode context) const {
  std::vector<HtmlNode> nodes = Select(xpath, context);
  return nodes.empty() ? nullptr : nodes.front();
}

std::vector<std::string> HtmlDocument::SelectTexts(std::string_view xpath, HtmlNode context) const {
  std::vector<std::string> out;
  libxml::XPathObjectPtr obj = libxml::Evaluate(xpath_.get(), doc_.get(), context, xpath);
  if (!obj) return out;
  if (obj->type == XPATH_NODESET) {
    const xmlNodeSet* set = obj->nodesetval;
    for (int i = 0; set != nullptr && i < set->nodeNr; ++i) {
      const xmlNode* n = set->nodeTab[i];
      std::string text;
      if (n->type == XML_ELEMENT_NODE) {
        text = Text(n);
      } else if (n->type == XML_ATTRIBUTE_NODE || n->type == XML_TEXT_NODE ||
                 n->type == XML_CDATA_SECTION_NODE) {
        XmlCharPtr content(xmlNodeGetContent(n));
        if (content) text = NormalizeText(Chars(content.get()));
      }
      if (!text.empty()) out.push_back(std::move(text));
    }
    return out;
  }
  XmlCharPtr value(xmlXPathCastToString(obj.get()));
  if (value) {
    std::string text = NormalizeText(Chars(value.get()));
    if (!text.empty()) out.push_back(std::move(text));
  }
  return out;
}

std::string HtmlDocument::XPathError(std::string_view xpath) { return libxml::XPathError(xpath); }

// Pre-order walk without recursion over every element of `doc`.
template <typename Fn>
void ForEachElement(const xmlDoc* doc, Fn fn) {
  const xmlNode* node = xmlDocGetRootElement(doc);
  while (node != nullptr) {
    if (node->type == XML_ELEMENT_NODE && node->name != nullptr) {
      fn(node);
      if (node->children != nullptr) {
        node = node->children;
        continue;
      }
    }
    while (node != nullptr && node->next == nullptr) node = node->parent;
    if (node != nullptr) node = node->next;
  }
}

const HtmlDocument::Index& HtmlDocument::GetIndex() const {
  if (index_) return *index_;
  index_ = std::make_unique<Index>();
  Index& index = *index_;
  // Element names are interned by the parser, so a name pointer seen before finds its list
  // without hashing the string again.
  std::array<std::pair<const xmlChar*, std::vector<HtmlNode>*>, 64> recent{};
  std::string scratch;
  ForEachElement(doc_.get(), [&](const xmlNode* node) {
    auto& slot = recent[(reinterpret_cast<uintptr_t>(node->name) >> 4) % recent.size()];
    if (slot.first != node->name) slot = {node->name, &index.by_tag[Chars(node->name)]};
    slot.second->push_back(node);

    std::string_view cls = AttrView(node, "class", &scratch);
    if (!scratch.empty() && cls.data() == scratch.data()) {
      cls = index.owned.emplace_back(std::move(scratch));
      scratch.clear();
    }
    size_t pos = 0;
    while (pos < cls.size()) {
      while (pos < cls.size() && std::isspace(static_cast<unsigned char>(cls[pos]))) ++pos;
      size_t end = pos;
      while (end < cls.size() && !std::isspace(static_cast<unsigned char>(cls[end]))) ++end;
      if (end > pos) {
        std::vector<HtmlNode>& list = index.by_class[cls.substr(pos, end - pos)];
        if (list.empty() || list.back() != node) list.push_back(node);
      }
      pos = end;
    }
  });
  // Meta keys are compared literally: they are ASCII and pages write them lower-case.
  // The first <meta> with a non-empty content wins for each key.
  auto metas = index.by_tag.find("meta");
  if (metas == index.by_tag.end()) return index;
  for (HtmlNode meta : metas->second) {
    std::string content;
    for (const char* attr : {"property", "name"}) {
      std::string key = Attr(meta, attr);
      if (key.empty() || index.meta.count(key) != 0) continue;
      if (content.empty()) content = NormalizeText(Attr(meta, "content"));
      if (content.empty()) break;
      index.meta.emplace(std::move(key), content);
    }
  }
  return index;
}

const std::vector<HtmlNode>& HtmlDocument::ByClass(std::string_view cls) const {
  const Index& index = GetIndex();
  auto it = index.by_class.find(cls);
  return it != index.by_class.end() ? it->second : index.none;
}

const std::vector<HtmlNode>& HtmlDocument::ByTag(std::string_view tag) const {
  const Index& index = GetIndex();
  auto it = index.by_tag.find(tag);
  return it != index.by_tag.end() ? it->second : index.none;
}

HtmlNode HtmlDocument::FirstByClass(std::string_view cls, std::string_view tag) const {
  for (HtmlNode n : ByClass(cls)) {
    if (tag.empty() || Name(n) == tag) return n;
  }
  return nullptr;
}

HtmlNode HtmlDocument::ElementById(std::string_view id) const {
  const std::string key(id);
  xmlAttr* attr = xmlGetID(doc_.get(), reinterpret_cast<const xmlChar*>(key.c_str()));
  return attr != nullptr ? attr->parent : nullptr;
}

std::string HtmlDocument::Meta(std::string_view key) const {
  const Index& index = GetIndex();
  auto it = index.meta.find(std::string(key));
  return it != index.meta.end() ? it->second : std::string();
}

HtmlNode HtmlDocument::Root() const { return xmlDocGetRootElement(doc_.get()); }

std::string_view HtmlDocument::Name(HtmlNode node) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE || node->name == nullptr) return {};
  return Chars(node->name);
}

std::string_view HtmlDocument::AttrView(HtmlNode node, std::string_view name, std::string* scratch) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE) return {};
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    if (a->name == nullptr || std::string_view(Chars(a->name)) != name) continue;
    if (a->children == nullptr) return {};
    if (a->children->next == nullptr && a->children->type == XML_TEXT_NODE) {
      return a->children->content != nullptr ? std::string_view(Chars(a->children->content))
                                              : std::string_view();
    }
    XmlCharPtr value(xmlNodeListGetString(node->doc, a->children, 1));
    *scratch = value ? Chars(value.get()) : "";
    return *scratch;
  }
  return {};
}

std::string HtmlDocument::Attr(HtmlNode node, std::string_view name) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE) return "";
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    if (a->name == nullptr || std::string_view(Chars(a->name)) != name) continue;
    if (a->children == nullptr) return "";
    if (a->children->next == nullptr && a->children->type == XML_TEXT_NODE) {
      return a->children->content != nullptr ? Chars(a->children->content) : "";
    }
    XmlCharPtr value(xmlNodeListGetString(node->doc, a->children, 1));
    return value ? Chars(value.get()) : "";
  }
  return "";
}

bool HtmlDocument::HasAttr(HtmlNode node, std::string_view name) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE) return false;
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    if (a->name != nullptr && std::string_view(Chars(a->name)) == name) return true;
  }
  return false;
}

bool HtmlDocument::HasClass(HtmlNode node, std::string_view cls) {
  const std::string value = Attr(node, "class");
  size_t pos = 0;
  while (pos < value.size()) {
    while (pos < value.size() && std::isspace(static_cast<unsigned char>(value[pos]))) ++pos;
    size_t end = pos;
    while (end < value.size() && !std::isspace(static_cast<unsigned char>(value[end]))) ++end;
    if (end > pos && std::string_view(value).substr(pos, end - pos) == cls) return true;
    pos = end;
  }
  return false;
}

HtmlNode HtmlDocument::Parent(HtmlNode node) {
  if (node == nullptr || node->parent == nullptr || node->parent->type != XML_ELEMENT_NODE) {
    return nullptr;
  }
  return node->parent;
}

bool HtmlDocument::IsBlock(HtmlNode node) { return sinmun::IsBlock(node); }
bool HtmlDocument::IsNeverText(HtmlNode node) { return sinmun::IsNeverText(node); }

bool HtmlDocument::IsTextNode(HtmlNode node) {
  return node != nullptr && (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE);
}

std::string_view HtmlDocument::NodeText(HtmlNode node) {
  if (!IsTextNode(node) || node->content == nullptr) return {};
  return Chars(node->content);
}

HtmlNode HtmlDocument::FirstChild(HtmlNode node) {
  return node != nullptr ? node->children : nullptr;
}

HtmlNode HtmlDocument::NextSibling(HtmlNode node) { return node != nullptr ? node->next : nullptr; }

std::string HtmlDocument::Text(HtmlNode node) {
  if (node == nullptr) return "";
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
    return NormalizeText(node->content != nullptr ? Chars(node->content) : "");
  }
  std::string out;
  for (const Segment& s :
       Segments(node, [](HtmlNode) { return NodeAction::kDescend; })) {
    if (!out.empty()) out += ' ';
    out += s.text;
  }
  return out;
}

std::optional<std::string> HtmlDocument::TextUpTo(HtmlNode node, size_t max_bytes) {
  if (node == nullptr) return std::string();
  size_t bytes = 0;
  const xmlNode* n = node->children;
  while (n != nullptr) {
    bool descend = false;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content != nullptr) bytes += std::strlen(Chars(n->content));
      if (bytes > max_bytes) return std::nullopt;
    } else if (n->type == XML_ELEMENT_NODE && !sinmun::IsNeverText(n)) {
      descend = n->children != nullptr;
    }
    if (descend) {
      n = n->children;
      continue;
    }
    while (n != nullptr && n->next == nullptr) {
      n = n->parent;
      if (n == node) n = nullptr;
    }
    if (n != nullptr) n = n->next;
  }
  return Text(node);
}

std::string HtmlDocument::RawText(HtmlNode node) {
  if (node == nullptr) return "";
  XmlCharPtr content(xmlNodeGetContent(node));
  return content ? Chars(content.get()) : "";
}

std::vector<Segment> HtmlDocument::Segments(
    HtmlNode root, const std::function<NodeAction(HtmlNode)>& classify) {
  std::vector<Segment> out;
  if (root == nullptr) return out;
  std::string raw;
  size_t link_bytes = 0;
  size_t plain_bytes = 0;
  int anchor_depth = 0;

  const auto flush = [&] {
    if (raw.empty()) return;
    std::string text = NormalizeText(raw);
    if (!text.empty()) {
      out.push_back(Segment{nullptr, std::move(text), link_bytes > 0 && plain_bytes == 0});
    }
    raw.clear();
    link_bytes = 0;
    plain_bytes = 0;
  };
  const auto leave = [&](HtmlNode n) {
    if (NameIs(n, "a")) --anchor_depth;
    if (IsBlock(n)) flush();
  };
  // Handles entering `n`; true when the walk should go down into its children.
  const auto enter = [&](HtmlNode n) -> bool {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content == nullptr) return false;
      std::string_view piece(Chars(n->content));
      raw += piece;
      (anchor_depth > 0 ? link_bytes : plain_bytes) += NonSpaceBytes(piece);
      return false;
    }
    if (n->type != XML_ELEMENT_NODE) return false;
    const NodeAction action = classify(n);
    if (action == NodeAction::kSkip) {
      if (IsBlock(n)) flush();
      return false;
    }
    if (action == NodeAction::kItem) {
      flush();
      out.push_back(Segment{n, std::string(), false});
      return false;
    }
    if (IsNeverText(n)) return false;
    if (NameIs(n, "br")) {
      flush();
      return false;
    }
    if (IsBlock(n)) flush();
    if (NameIs(n, "a")) ++anchor_depth;
    if (n->children == nullptr) {
      leave(n);
      return false;
    }
    return true;
  };

  const xmlNode* node = root->children;
  while (node != nullptr) {
    if (enter(node)) {
      node = node->children;
      continue;
    }
    // Go to the next sibling, leaving every finished ancestor on the way up.
    while (node != nullptr && node->next == nullptr) {
      node = node->parent;
      if (node == nullptr || node == root) {
        node = nullptr;
        break;
      }
      leave(node);
    }
    if (node != nullptr) node = node->next;
  }
  flush();
  return out;
}

std::string ResolveUrl(std::string_view ref, std::string_view base) {
  const auto trim = [](std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return std::string(s);
  };
  const std::string r = trim(ref);
  if (r.empty()) return "";
  const std::string b = trim(base);
  if (b.empty()) return r;
  XmlCharPtr built(xmlBuildURI(reinterpret_cast<const xmlChar*>(r.c_str()),
                               reinterpret_cast<const xmlChar*>(b.c_str())));
  return built ? std::string(Chars(built.get())) : r;
}

}  // namespace sinmun
