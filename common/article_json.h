// The JSON form of an Article, as `sinmun extract` and `sinmun get --json` print it:
// {"id","url","portal","press","section","title","subtitle","authors":[...],"published",
//  "modified","origin_url","encoding","blocks":[{"type","text","hash","publisher_hash",
//  "publisher_id","src"}]}
// Times are RFC 3339 in KST or null; "hash" is the lower-case hex of BlockHash; absent
// strings are null. Key order is fixed (this is a documented, stable output).
#ifndef SINMUN_COMMON_ARTICLE_JSON_H_
#define SINMUN_COMMON_ARTICLE_JSON_H_

#include <nlohmann/json.hpp>

#include "common/article.h"

namespace sinmun {

using Json = nlohmann::ordered_json;

Json ArticleToJson(const Article& article);

// A JSON string value or null for "".
Json StringOrNull(const std::string& s);

// RFC 3339 (KST) or null.
Json TimeOrNull(const std::optional<Instant>& t);

}  // namespace sinmun

#endif  // SINMUN_COMMON_ARTICLE_JSON_H_
