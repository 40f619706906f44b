// RecordBatch: the write step of Archive::Record (storage/record_decision.h decides): one
// rocksdb::WriteBatch that holds everything one fetch changes — the new version with its
// blocks not stored yet, its raw bytes and its changes-index entry, the version count,
// the aliases, the fetch-log entry, the head, and the daemon's schedule change — so that
// after a crash the archive holds all of it or none of it. Internal to storage/.
//
// Thread-safety: one RecordBatch per Record call; the caller holds the archive's write
// mutex (the head read-modify-write must not interleave).
#ifndef SINMUN_STORAGE_RECORD_BATCH_H_
#define SINMUN_STORAGE_RECORD_BATCH_H_

#include <rocksdb/write_batch.h>

#include <string>
#include <vector>

#include "common/article.h"
#include "common/status.h"
#include "storage/archive.h"
#include "storage/archive_db.h"
#include "storage/record.pb.h"
#include "storage/record_decision.h"

namespace sinmun {

// A version to write: what Decide said, and the content it is made of.
struct NewVersion {
  uint32_t number = 0;
  Instant at;                          // its time: the fetch's, or the re-extraction's
  const Decision* decision = nullptr;  // REQUIRED, with a change_class
  // The version's content: the fetched article (with its refs), or for kDeleted the latest
  // version's metadata and refs, copied.
  const Article* content = nullptr;
  const std::vector<BlockRef>* refs = nullptr;
  // The latest version before this one: the base of the delta (null for version 1).
  const VersionState* previous = nullptr;
  // The latest version with its block texts, when the decision diffed against it: the
  // "before" of the changes-index summary.
  const Article* before = nullptr;
  uint32_t reextracted_from = 0;  // a re-extraction: the version whose raw bytes it read
};

// Puts the changes of `change` into the schedule column family of `batch`.
Status AddScheduleChange(ArchiveDb& db, rocksdb::WriteBatch& batch, const ScheduleChange& change);

class RecordBatch {
 public:
  // `head`: the article's head as read (default for a new article); updated by the Add
  // calls and written by Commit.
  RecordBatch(ArchiveDb& db, std::string id, storage::pb::HeadRecord head);

  storage::pb::HeadRecord& head() { return head_; }

  // A new article: its first-seen time and the first-seen index entry.
  Status AddFirstSeen(Instant at);
  // The version `v` and what comes with it: blocks not stored yet, the raw bytes
  // (fetch.raw when keep_raw), the changes-index entry, the version count, and the head's
  // latest version, deleted flag, edit tally (storage/edit_tally.h) and (unless a
  // deletion) title, url, portal, press, published time and fast key. `fetch`: the fetch that made it (null for a re-extraction).
  Status AddVersion(const NewVersion& v, const Fetch* fetch, bool keep_raw);
  // Aliases: the canonical forms of `urls` that do not name this article yet.
  Status AddAliases(const std::vector<std::string>& urls);
  // The fetch itself: last seen (200/304), validators, last checked, and a fetch-log entry
  // with `outcome` and the article's latest version after it.
  Status AddFetch(const Fetch& fetch, Outcome outcome);
  Status AddSchedule(const ScheduleChange& change) { return AddScheduleChange(db_, batch_, change); }

  // Puts the head and writes the batch (ArchiveDb::Write).
  Status Commit(bool sync, std::string_view context);

 private:
  Status AddNewBlocks(const Article& article, const std::vector<BlockRef>& refs);
  Status AddVersionCount();
  // Counts version 1 as a new article, or a later version as an edit, in the article's
  // edit tally (storage/edit_tally.h) and its head's membership.
  Status AddTally(const NewVersion& v);
  Status AddChange(const NewVersion& v, const std::string& fallback_url, int http_status);

  ArchiveDb& db_;
  std::string id_;
  storage::pb::HeadRecord head_;
  rocksdb::WriteBatch batch_;
};

}  // namespace sinmun

#endif  // SINMUN_STORAGE_RECORD_BATCH_H_
