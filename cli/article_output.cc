#include "cli/article_output.h"

#include <string>

namespace sinmun::cli {

Json VersionJson(const StoredVersion& v, uint32_t versions) {
  Json j = ArticleToJson(v.article);
  j["version"] = v.info.number;
  j["versions"] = versions;
  j["fetched_at"] = FormatRfc3339Kst(v.info.fetched_at);
  j["change_class"] = std::string(ChangeClassName(v.info.change_class));
  j["reextracted_from"] = v.info.reextracted_from != 0 ? Json(v.info.reextracted_from) : Json(nullptr);
  return j;
}

}  // namespace sinmun::cli
