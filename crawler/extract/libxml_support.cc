#include "crawler/extract/libxml_support.h"

#include <string>

#include <libxml/xpathInternals.h>

namespace sinmun::libxml {

XPathObjectPtr Evaluate(xmlXPathContext* xpath_context, xmlDoc* doc, const xmlNode* context,
                        std::string_view xpath) {
  const std::string expr(xpath);
  xpath_context->node =
      const_cast<xmlNode*>(context != nullptr ? context : reinterpret_cast<xmlNode*>(doc));
  return XPathObjectPtr(
      xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(expr.c_str()), xpath_context));
}

std::string XPathError(std::string_view xpath) {
  struct CompFree {
    void operator()(xmlXPathCompExpr* c) const { xmlXPathFreeCompExpr(c); }
  };
  struct ContextFree {
    void operator()(xmlXPathContext* c) const { xmlXPathFreeContext(c); }
  };
  const std::string expr(xpath);
  // A context of its own, whose error callback keeps libxml2 from printing the error.
  std::unique_ptr<xmlXPathContext, ContextFree> ctx(xmlXPathNewContext(nullptr));
  if (!ctx) return "cannot create an XPath context";
  ctx->error = [](void*, xmlError*) {};
  std::unique_ptr<xmlXPathCompExpr, CompFree> comp(
      xmlXPathCtxtCompile(ctx.get(), reinterpret_cast<const xmlChar*>(expr.c_str())));
  if (comp) return "";
  std::string error = "not a valid XPath expression";
  if (ctx->lastError.int1 >= 0 && ctx->lastError.str1 != nullptr) {
    error += " (stopped at character " + std::to_string(ctx->lastError.int1 + 1) + ")";
  }
  return error;
}

std::vector<const xmlNode*> SelectNodes(xmlXPathContext* xpath_context, xmlDoc* doc,
                                        const xmlNode* context, std::string_view xpath) {
  std::vector<const xmlNode*> out;
  XPathObjectPtr obj = Evaluate(xpath_context, doc, context, xpath);
  if (!obj || obj->type != XPATH_NODESET || obj->nodesetval == nullptr) return out;
  const xmlNodeSet* set = obj->nodesetval;
  out.reserve(static_cast<size_t>(set->nodeNr));
  for (int i = 0; i < set->nodeNr; ++i) out.push_back(set->nodeTab[i]);
  return out;
}

}  // namespace sinmun::libxml
