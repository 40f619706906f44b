// The JSON form of one stored version, shared by `sinmun get --json` and `sinmun export
// --format jsonl` (one line per version): the article (common/article_json.h) and
//   "version", "versions" (the article's count), "fetched_at", "change_class",
//   "reextracted_from" (the version whose stored page a re-extraction read, else null).
//
// Thread-safety: pure function.
#ifndef SINMUN_CLI_ARTICLE_OUTPUT_H_
#define SINMUN_CLI_ARTICLE_OUTPUT_H_

#include <cstdint>

#include "common/article_json.h"
#include "storage/archive.h"

namespace sinmun::cli {

Json VersionJson(const StoredVersion& v, uint32_t versions);

}  // namespace sinmun::cli

#endif  // SINMUN_CLI_ARTICLE_OUTPUT_H_
