#include "crawler/extract/libxml_support.h"

#include <string>

namespace sinmun::libxml {

std::vector<const xmlNode*> SelectNodes(xmlXPathContext* xpath_context, xmlDoc* doc,
                                        const xmlNode* context, std::string_view xpath) {
  std::vector<const xmlNode*> out;
  const std::string expr(xpath);
  xpath_context->node =
      const_cast<xmlNode*>(context != nullptr ? context : reinterpret_cast<xmlNode*>(doc));
  XPathObjectPtr obj(xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(expr.c_str()), xpath_context));
  if (!obj || obj->type != XPATH_NODESET || obj->nodesetval == nullptr) return out;
  const xmlNodeSet* set = obj->nodesetval;
  out.reserve(static_cast<size_t>(set->nodeNr));
  for (int i = 0; i < set->nodeNr; ++i) out.push_back(set->nodeTab[i]);
  return out;
}

}  // namespace sinmun::libxml
