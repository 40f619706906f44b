#include "common/article_json.h"

#include "common/hash.h"

namespace sinmun {

Json StringOrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json TimeOrNull(const std::optional<Instant>& t) {
  return t ? Json(FormatRfc3339Kst(*t)) : Json(nullptr);
}

Json ArticleToJson(const Article& a) {
  Json blocks = Json::array();
  for (const Block& b : a.blocks) {
    Json jb;
    jb["type"] = std::string(BlockTypeName(b.type));
    jb["text"] = b.text;
    jb["hash"] = ToHex(BlockHash(b));
    jb["publisher_hash"] = StringOrNull(b.publisher_hash);
    jb["publisher_id"] = StringOrNull(b.publisher_id);
    jb["src"] = StringOrNull(b.src);
    blocks.push_back(std::move(jb));
  }
  Json j;
  j["id"] = a.id;
  j["url"] = StringOrNull(a.url);
  j["portal"] = StringOrNull(a.portal);
  j["press"] = StringOrNull(a.press);
  j["section"] = StringOrNull(a.section);
  j["title"] = StringOrNull(a.title);
  j["subtitle"] = StringOrNull(a.subtitle);
  j["authors"] = a.authors;
  j["published"] = TimeOrNull(a.published);
  j["modified"] = TimeOrNull(a.modified);
  j["origin_url"] = StringOrNull(a.origin_url);
  j["encoding"] = StringOrNull(a.encoding);
  j["blocks"] = std::move(blocks);
  return j;
}

}  // namespace sinmun
