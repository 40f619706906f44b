// The JSON forms of what the archive holds, as `sinmun get/history/diff/changes --json`,
// `sinmun export --format jsonl` and the reading room's `?format=json` print them (README
// "JSON output": these are stable, documented outputs; keys are added, never renamed):
//   VersionJson  one stored version: the article (common/article_json.h) and
//                "version", "versions" (the article's count), "fetched_at", "change_class",
//                "reextracted_from" (the version whose stored page a re-extraction read, else null).
//   HistoryJson  {"id", "versions": [{"version", "fetched_at", "change_class", "title",
//                "added", "removed", "edited", "reextracted_from"}]}
//   ChangeJson   one changes-index entry: {"id", "version", "fetched_at", "change_class",
//                "portal", "title", "url", "summary", "reextracted_from"}
//   DiffJson     {"id", "from", "to", "change_class", "reextracted_from", "title": null |
//                {"before", "after", "words"}, "blocks": [{"change", "type", "index_before",
//                "index_after", "before", "after", "words"}], "added", "removed", "edited"};
//                only changed blocks, indexes count blocks from 1 in each version.
// Times are RFC 3339 in KST.
//
// Thread-safety: pure functions.
#ifndef SINMUN_STORAGE_VERSION_JSON_H_
#define SINMUN_STORAGE_VERSION_JSON_H_

#include <cstdint>
#include <string>
#include <vector>

#include "common/article_json.h"
#include "storage/archive.h"
#include "storage/diff.h"

namespace sinmun {

Json VersionJson(const StoredVersion& v, uint32_t versions);

Json HistoryJson(const std::string& id, const std::vector<VersionInfo>& history);

Json ChangeJson(const ChangeEntry& c);

// `before` and `after` are the versions `diff` was computed from (DiffArticles(before.article,
// after.article)).
Json DiffJson(const std::string& id, const StoredVersion& before, const StoredVersion& after,
              const ArticleDiff& diff);

// Adjacent word ops of one kind merged into one, so a run of changed words reads as one
// deletion and one insertion ("[-두 단어-]", not one marker per word).
std::vector<WordOp> MergeWordOps(const std::vector<WordOp>& words);

// A block as one line of text: its text, and its source URL in <> for images and embeds.
std::string BlockDisplayText(const Block& b);

}  // namespace sinmun

#endif  // SINMUN_STORAGE_VERSION_JSON_H_
