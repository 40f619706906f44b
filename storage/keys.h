// The archive's on-disk key layout: column family names, the schema version, and the
// encoders/decoders of every key. Kept apart from archive.cc so that the layout is
// written down in one place and tests can reach stored records directly.
//
// Ids never contain 0x00 (they are "daum:…", "naver:…", "url:…"), so "id 0x00" is an
// unambiguous prefix for all keys of one article. Numbers are big-endian so that keys
// sort in numeric order; times are seconds since the Unix epoch, offset by 2^63 so that
// instants before 1970 still sort first.
//
//   CF        key                                   value
//   meta      "schema"                              MetaRecord
//   articles  id                                    HeadRecord
//   versions  id 0x00 BE32(version)                 VersionRecord
//   blocks    BlockHash (32 bytes)                  BlockRecord
//   aliases   canonical URL                         id
//   by_time   BE64(first seen) id                   "" (List's index, newest first)
//   fetches   id 0x00 BE64(fetched at) BE32(seq)    FetchRecord (the fetch log)
//   raw       id 0x00 BE32(version)                 fetched bytes (CF compression zstd)
//   schedule  task key (the URL)                      task (encoded by crawler/frontier; opaque here)
//   changes   BE64(fetched at) id 0x00 BE32(version)  ChangeRecord (the changes index: one
//                                                   entry per version, written in the
//                                                   version's batch; `sinmun changes`)
//
// The changes CF came after schema version 1 without a bump: an archive written before it
// reads fine. A writer that opens such an archive creates the CF and fills it from the
// versions (meta "changes_index" marks it complete); a reader of an archive that has never
// been opened by such a writer sees no changes CF and Changes() says so.
//
// Thread-safety: pure functions.
#ifndef SINMUN_STORAGE_KEYS_H_
#define SINMUN_STORAGE_KEYS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/time.h"

namespace sinmun::storage_keys {

// Bumped when a record changes in a way an older reader would misread. An archive with a
// newer schema version than this is refused on open.
inline constexpr uint32_t kSchemaVersion = 1;

inline constexpr std::string_view kMetaSchemaKey = "schema";
// meta: "health/<source>" -> the daemon's note on a source whose pages stopped yielding
// articles (absent when healthy).
inline constexpr std::string_view kMetaHealthPrefix = "health/";
// meta "source/<name>": the daemon's record of a source's status (crawler/frontier/
// source_status.h's SourceRecord, as JSON text; opaque to storage).
inline constexpr std::string_view kMetaSourcePrefix = "source/";
// meta: "version_count" -> BE64 number of versions in the archive, updated in every batch
// that writes a version (the search index compares its document count with it).
inline constexpr std::string_view kMetaVersionCountKey = "version_count";

inline constexpr std::string_view kMeta = "meta";
inline constexpr std::string_view kArticles = "articles";
inline constexpr std::string_view kVersions = "versions";
inline constexpr std::string_view kBlocks = "blocks";
inline constexpr std::string_view kAliases = "aliases";
inline constexpr std::string_view kByTime = "by_time";
inline constexpr std::string_view kFetches = "fetches";
inline constexpr std::string_view kRaw = "raw";
inline constexpr std::string_view kSchedule = "schedule";
inline constexpr std::string_view kChanges = "changes";
// meta: present once the changes CF holds an entry for every version.
inline constexpr std::string_view kMetaChangesIndexKey = "changes_index";
// meta: kEditTallyLayout once every article's head has its edit-tally member and the
// "tally/" keys hold the edit statistics of every version (storage/edit_tally.h). A writer
// that finds another value (or none) builds them again; a reader then does without.
inline constexpr std::string_view kMetaEditTallyKey = "edit_tally";
inline constexpr std::string_view kEditTallyLayout = "2";
// meta: "tally/" BE32(KST day: days since 1970-01-01 KST) then portal, press and source,
// each as BE32(length) bytes -> EditTallyRecord. In day order, so a period is one range.
inline constexpr std::string_view kMetaTallyPrefix = "tally/";
std::string EditTallyKey(int64_t kst_day, std::string_view portal, std::string_view press,
                         std::string_view source);
// The first key of `kst_day`'s tallies (a bound of a range scan).
std::string EditTallyDayKey(int64_t kst_day);

// Every column family besides "default", in a fixed order. kChanges is optional for a
// reader (see the file comment).
inline constexpr std::array<std::string_view, 10> kColumnFamilies = {
    kMeta, kArticles, kVersions, kBlocks, kAliases, kByTime, kFetches, kRaw, kSchedule, kChanges};

void PutBigEndian32(std::string& out, uint32_t v);
void PutBigEndian64(std::string& out, uint64_t v);
uint32_t GetBigEndian32(std::string_view in);  // REQUIRES: in.size() >= 4
uint64_t GetBigEndian64(std::string_view in);  // REQUIRES: in.size() >= 8

uint64_t TimeKey(Instant t);
Instant TimeFromKey(uint64_t v);

// "id 0x00": the prefix of an article's keys in versions, fetches and raw.
std::string ArticlePrefix(std::string_view id);
std::string VersionKey(std::string_view id, uint32_t version);
std::string RawKey(std::string_view id, uint32_t version);
std::string FetchKey(std::string_view id, Instant t, uint32_t seq);
std::string ByTimeKey(Instant first_seen, std::string_view id);

struct ArticleNumberKey {
  std::string id;
  uint32_t number;
};
// Decodes a versions- or raw-CF key; nullopt when malformed.
std::optional<ArticleNumberKey> ParseVersionKey(std::string_view key);

struct ByTimeEntry {
  Instant first_seen;
  std::string id;
};
std::optional<ByTimeEntry> ParseByTimeKey(std::string_view key);

// changes CF: BE64(fetched at) id 0x00 BE32(version).
std::string ChangeKey(Instant fetched_at, std::string_view id, uint32_t version);
struct ChangeKeyParts {
  Instant fetched_at;
  std::string id;
  uint32_t version;
};
std::optional<ChangeKeyParts> ParseChangeKey(std::string_view key);

}  // namespace sinmun::storage_keys

#endif  // SINMUN_STORAGE_KEYS_H_
