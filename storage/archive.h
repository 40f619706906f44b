// Archive: the versioned store of every article sinmun has fetched (DESIGN.md "What a
// version is", "Storage"). The only user of RocksDB; the key layout is in storage/keys.h
// and the records in storage/record.proto.
//
// Recording. Record(fetch) turns one fetch into exactly one RocksDB WriteBatch, so after a
// crash the archive holds a fetch's new version, blocks, head, indexes and fetch-log entry
// whole, or none of them. (Inside, a pure decision step, storage/record_decision.h, says
// what the fetch does; storage/record_batch.h writes it.) The article is the one the
// extractor named: a 200's Article::id (identity is decided once, by the extractor; Record
// does not derive it from URLs); a 304/404/410, which has no article, is recorded for the
// article one of whose aliases is the fetched URL or one of Fetch::aliases. Every fetch updates the head's
// last-checked time and appends to the fetch log; a version is written only when the
// content changed (storage/content.h says what content is):
//   * no head + 200            -> version 1, kNew.
//   * 200, not deleted          fast path: when the title, subtitle, authors and the Daum
//                               contents-hash sequence equal the latest version's (a digest
//                               kept in the head), kUnchanged without hashing a block. Otherwise the
//                               content (title, subtitle, authors, press, section,
//                               published, origin URL, and the blocks' hash/type/publisher
//                               ids) is compared with the latest version: equal ->
//                               kUnchanged; else a new version classed by ClassifyChange.
//                               url, source, encoding and modified alone do not make a
//                               version (they are stored with the next one).
//   * 304                    -> kUnchanged (conditional GET answered "not modified").
//   * 404/410 while live     -> a kDeleted version whose content is the last live content,
//                               copied; the head is flagged deleted. Again 404/410 -> kUnchanged.
//   * 200 while deleted      -> a kRestored version with the fetched content (even if it
//                               equals the content before the deletion).
//   * 304/404/410 for a URL no article was recorded under -> NotFound, nothing written.
// Every new version also gets an entry in the changes index (storage/keys.h, the changes
// CF), in the same batch: its class and a one-line summary (storage/change_summary.h), so
// that Changes() is a range scan over fetch times. Verify() checks the index against the
// versions. The same batch counts the version in its article's edit tally (meta CF,
// storage/edit_tally.h), from which the edit statistics are summed (ForEachEditTally).
//
// Re-extraction. RecordReextraction(id, from, article, at) records what today's extractor
// reads in the raw bytes kept with version `from`, when that differs from the latest
// version, as a new version of class kReextracted (a correction of ours, not a publisher
// edit). It takes the next version number and is dated `at`, the time of the
// re-extraction (never before the latest version, so versions stay in time order), not
// the original fetch time; VersionInfo::reextracted_from names the version whose bytes it
// came from (its raw bytes are not copied: Raw(id, info.raw_version())). It is not a
// fetch: the fetch log, last-checked time and ETag are untouched.
//
// What WARC export needs is kept with every version a fetch makes: the HTTP status,
// Content-Type and the response header block as received (Fetch::content_type,
// Fetch::response_headers; empty in versions recorded before they were kept).
//
// Writes go through the WAL; with ArchiveOptions::sync (default true) each batch is also
// fsynced before Record returns, so an acknowledged version survives power loss.
//
// Versions are delta-encoded. Version 1, 1+N, 1+2N, ... (N = kSnapshotInterval) are
// snapshots: every metadata field and the full block list. Every other version stores only
// the metadata fields that differ from the previous version, and its block list as ops on
// the previous list (copy n / skip n / insert ref), so a one-paragraph edit costs one block
// ref (32-byte hash + publisher ids) plus a few bytes of ops, and a deletion event a few
// bytes. Reading version v reads at most N records (from its snapshot forward). Blocks
// themselves (text, src) live once per distinct content in the blocks CF, shared by every
// version of every article that contains them.
//
// Faults. A write that fails stops the archive, as RocksDB stops (storage/write_guard.h):
// Writable() says so — kNoSpace when the disk is full, kIOError for another I/O error
// RocksDB can recover from, kUnrecoverable when RocksDB reports the error as fatal — and
// every write then fails at once with IOError, without calling into RocksDB (whose WAL
// sync and flush must not run after a failed WAL write). Nothing acknowledged is lost: a
// write either returned ok (and is in the WAL) or failed (and wrote nothing). Reads go on.
// When the cause is gone (FreeBytes() says there is space again), Resume() flushes what
// the memtables hold to new files and takes writes again; a kUnrecoverable archive must
// be closed (and the cause fixed) before it is opened again. A stopped archive is closed
// without its usual flush; the next open replays the WAL.
//
// Reading. A kReadOnly archive is a RocksDB secondary instance (its private directory is
// a temporary one, removed on close): it reads while a sinmund process writes, and sees
// writes made since open after CatchUp() (Open catches up once).
//
// Thread-safety: an Archive is safe for concurrent use from several threads; Record calls
// are serialised by an internal mutex (the head read-modify-write must not interleave).
// Only one process may hold an archive read-write.
#ifndef SINMUN_STORAGE_ARCHIVE_H_
#define SINMUN_STORAGE_ARCHIVE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"
#include "common/status.h"
#include "common/time.h"
#include "storage/change_class.h"

namespace rocksdb {
class Env;
}  // namespace rocksdb

namespace sinmun {

// Versions 1, 1+N, 1+2N, ... are stored whole; the others as deltas.
inline constexpr uint32_t kSnapshotInterval = 16;

// Room Archive::Resume wants beyond what the memtables hold: the flush's files are
// compressed, but the manifest, the next WAL and the first writes after need space too.
inline constexpr uint64_t kResumeMarginBytes = 16u << 20;

// Changes to the daemon's schedule (crawler/frontier/task.h). Keys and values are opaque here:
// the archive only keeps them, in the schedule column family, so that a fetch and the
// reschedule it causes land in one WriteBatch.
struct ScheduleChange {
  std::vector<std::pair<std::string, std::string>> put;  // key -> value
  std::vector<std::string> erase;
  bool empty() const { return put.empty() && erase.empty(); }
};

struct Fetch {
  std::string url;
  // Other URLs this fetch reached the page through (redirect hops, the URL the bytes came
  // from); each becomes an alias of the article, like url.
  std::vector<std::string> aliases;
  Instant fetched_at;
  int http_status = 200;           // 200; 304 (not modified); 404/410 for gone
  std::optional<Article> article;  // REQUIRED when http_status == 200
  std::string raw;                 // the fetched bytes; kept (compressed) with each new version when non-empty
  std::string etag, last_modified;
  // The response's Content-Type and its header block as received (status line first,
  // "Name: value" lines, CRLF-separated), kept with the version this fetch makes.
  std::string content_type, response_headers;
  // Written in the same batch as the fetch. Not written when Record fails (NotFound for
  // a 304/404/410 of an unknown article included): the caller then uses UpdateSchedule.
  ScheduleChange schedule;
};

enum class Outcome { kNew, kChanged, kUnchanged, kDeleted, kRestored };
// "new", "changed", "unchanged", "deleted", "restored".
std::string_view OutcomeName(Outcome outcome);

struct RecordResult {
  Outcome outcome;
  std::string id;
  uint32_t version;  // the article's latest version after this fetch
  ChangeClass change_class;  // of that version
};

struct VersionInfo {
  uint32_t number;
  Instant fetched_at;
  ChangeClass change_class;
  std::string title;
  int added, removed, edited;  // block changes against the previous version
  uint32_t reextracted_from = 0;  // kReextracted: the version whose raw bytes it came from
  // Blocks were appended after the last one shared with the version before (AppendsBlocks),
  // whatever the class; false for versions recorded before this was kept.
  bool appended = false;
  // The version whose raw bytes (Raw()) this version's content was extracted from.
  uint32_t raw_version() const { return reextracted_from != 0 ? reextracted_from : number; }
};

struct StoredVersion {
  VersionInfo info;
  Article article;  // for a kDeleted version: the last live content
  // The fetch that made this version (see the file comment); 0 / "" when not kept (older
  // versions, re-extractions).
  int http_status = 0;
  std::string content_type, response_headers;
  std::string fetched_url;  // the URL fetched (Fetch::url); the article's URL when not kept
};

// One entry of the changes index: a version as `sinmun changes` lists it.
struct ChangeEntry {
  std::string id;
  uint32_t version = 0;
  Instant fetched_at;
  ChangeClass change_class = ChangeClass::kNew;
  std::string portal, title, url;
  std::string summary;  // storage/change_summary.h
  uint32_t reextracted_from = 0;
};

// since <= fetched_at < until; classes empty = every class; newest first.
struct ChangesQuery {
  std::optional<Instant> since, until;
  std::vector<ChangeClass> classes;
  std::string portal;  // "" = any
  size_t limit = 0;    // 0 = all
};

// Which versions ForEachVersion visits: since <= fetched_at < until, of articles of
// `portal` ("" = any); every version, or only each article's latest.
struct ExportQuery {
  std::optional<Instant> since, until;
  std::string portal;
  bool all_versions = false;
};

struct ArticleHead {
  std::string id, url, portal, press, title;
  uint32_t versions;
  Instant first_seen, last_seen, last_checked;  // last_seen: last fetch that found it live
  std::optional<Instant> published;
  bool deleted;
  std::string etag, last_modified;
  uint64_t fetches = 0;  // fetches recorded for this article
};

// since/until bound the first-seen time: since <= first_seen < until.
struct ListQuery {
  std::optional<Instant> since, until;
  std::string portal;        // "" = any
  bool edited_only = false;  // only articles with more than one version (edits, deletions)
  size_t limit = 0;          // 0 = all
};

struct PortalStats {
  uint64_t articles = 0, versions = 0;
};

struct ArchiveStats {
  uint64_t articles = 0, versions = 0, blocks = 0, fetches = 0, bytes_on_disk = 0;
  std::map<std::string, PortalStats> per_portal;
  // Sources whose recent article pages stopped yielding articles (parser health, set by
  // the daemon): source name -> what the daemon saw. Empty when every source is healthy.
  std::map<std::string, std::string> unhealthy_sources;
};

struct VerifyReport {
  uint64_t articles = 0, versions = 0, blocks = 0;
  std::vector<std::string> problems;  // each names the id, version and/or block hash (hex)
  bool ok() const { return problems.empty(); }
};

struct ArchiveOptions {
  // fsync every Record's batch. Default: true.
  bool sync = true;
  // Keep Fetch::raw with each new version. Default: true.
  bool keep_raw = true;
  // kReadWrite: create the archive when DIR holds none. false: NotFound ("no archive at
  // DIR") instead, as kReadOnly answers: for commands that rewrite what an archive holds.
  // Default: true.
  bool create_if_missing = true;
  // The RocksDB environment (files, threads, clock): tests pass one that injects faults.
  // Default: null, RocksDB's default environment. Not owned; REQUIRES: outlives the archive.
  rocksdb::Env* env = nullptr;
};

// Whether the archive takes writes (see "Faults" in the file comment), worst last.
enum class WriteState {
  kWritable,
  kNoSpace,        // a write failed for lack of space; Resume() once there is space
  kIOError,        // a write failed with another I/O error RocksDB can recover from; Resume()
  kUnrecoverable,  // RocksDB reports the error as fatal: close; the archive may need repair
};
// "writable", "no space left", "I/O error", "unrecoverable error".
std::string_view WriteStateName(WriteState state);

struct Writability {
  WriteState state = WriteState::kWritable;
  std::string error;  // what RocksDB said of the failure that stopped the archive; "" when writable
  bool writable() const { return state == WriteState::kWritable; }
};

class Archive {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  // kReadWrite: opens DIR, creating the archive on first use (unless
  // options.create_if_missing is false: NotFound). Busy when another process (or another
  // Archive in this one) holds it read-write.
  // kReadOnly: NotFound when there is no archive at DIR; otherwise a secondary instance.
  // Both: Unsupported when the archive's schema version is newer than this build's;
  // Corruption when the meta record is unreadable; IOError when the disk fails.
  static Result<std::unique_ptr<Archive>> Open(const std::string& dir, Mode mode);
  static Result<std::unique_ptr<Archive>> Open(const std::string& dir, Mode mode,
                                               const ArchiveOptions& options);

  ~Archive();
  Archive(const Archive&) = delete;
  Archive& operator=(const Archive&) = delete;

  // See the file comment. InvalidArgument for a status other than 200/304/404/410, for a
  // 200 without an article or whose article has no id, and for a 304/404/410 of a URL that
  // is not absolute http(s); NotFound for a 304/404/410 of a URL no article was recorded
  // under; IOError when the archive is not writable (Writable()) or the write fails;
  // Unsupported in kReadOnly mode.
  Result<RecordResult> Record(const Fetch& fetch);

  // See "Re-extraction" in the file comment. Outcome kChanged with the new version, or
  // kUnchanged (nothing written) when `article` has the latest version's content.
  // NotFound for an unknown id or version; InvalidArgument when the article is deleted
  // (its latest version is kDeleted) or `article` names another id; Unsupported in
  // kReadOnly mode.
  Result<RecordResult> RecordReextraction(const std::string& id, uint32_t from, Article article,
                                          Instant at);

  // The changes index, newest first. Unsupported when the archive has no index yet (it
  // was last written by a build without one and is open read-only).
  Result<std::vector<ChangeEntry>> Changes(const ChangesQuery& q);

  // Calls fn for each version the query selects, article by article (in id order),
  // versions oldest first, with the article's head; stops at and returns fn's first
  // error. Memory stays constant however large the archive: one article's replay state
  // and one version at a time (raw bytes are not read: call Raw() for the ones wanted).
  // Reads one consistent snapshot of the archive.
  Status ForEachVersion(const ExportQuery& q,
                        const std::function<Status(const StoredVersion&, const ArticleHead&)>& fn);

  // The id for an id, for any URL recorded for the article (canonicalised first), or for a
  // portal article URL whose id (common/identity.h) is archived under another of its URLs;
  // NotFound otherwise. A lookup for people and link discovery; Record does not use it.
  Result<std::string> Resolve(std::string_view id_or_url);

  // NotFound for an unknown id; Corruption when its record does not parse.
  Result<ArticleHead> Head(const std::string& id);
  Result<std::vector<VersionInfo>> History(const std::string& id);  // oldest first
  Result<StoredVersion> Version(const std::string& id, uint32_t number);
  // The latest version fetched at or before t; NotFound when t precedes version 1.
  Result<StoredVersion> VersionAt(const std::string& id, Instant t);
  // The raw bytes kept with a version; NotFound when none were kept.
  Result<std::string> Raw(const std::string& id, uint32_t number);

  struct FetchLogEntry {
    Instant fetched_at;
    int http_status;
    Outcome outcome;
    uint32_t version;
  };
  Result<std::vector<FetchLogEntry>> FetchLog(const std::string& id);  // oldest first

  Result<std::vector<ArticleHead>> List(const ListQuery& q);  // newest first (by first seen)
  // Calls fn with every article's head, in id order, with constant memory (the block cache
  // is not filled); stops at and returns fn's first error.
  Status ForEachHead(const std::function<Status(const ArticleHead&)>& fn);
  Result<ArchiveStats> Stats();
  // Versions of all articles together; cheap (one meta read), for the search index's
  // freshness check.
  Result<uint64_t> VersionCount();
  // Reads everything; problems are reported in the VerifyReport, not as an error Status
  // (which is kept for failures to read at all).
  Result<VerifyReport> Verify();

  // The daemon's schedule: applies a change on its own (Record applies Fetch::schedule
  // with the fetch), and reads every entry back (in key order) at start. UpdateSchedule:
  // IOError when the archive is not writable or the write fails.
  Status UpdateSchedule(const ScheduleChange& change);
  Result<std::vector<std::pair<std::string, std::string>>> LoadSchedule();
  // The schedule entry kept under `key` (a task's URL), nullopt when there is none; for a
  // reader to say when an article is visited next. IOError when the read fails.
  Result<std::optional<std::string>> ScheduleEntry(const std::string& key);

  // Parser health of a source, for Stats(): a non-empty note marks it unhealthy, an empty
  // one clears the mark.
  Status SetSourceHealth(const std::string& source, const std::string& note);

  // Each source's status record (opaque text, written by the daemon; `sinmun sources`
  // reads them). PutSourceRecords writes `put` (name -> text) and erases every record not
  // named in `keep` when keep is given (the configured sources), in one batch.
  // LoadSourceRecords returns name -> text in name order. Errors: IOError; Unsupported when
  // read-only (Put).
  Status PutSourceRecords(const std::map<std::string, std::string>& put,
                          const std::optional<std::vector<std::string>>& keep = std::nullopt);
  Result<std::map<std::string, std::string>> LoadSourceRecords();

  // Calls `fn` with each edit tally (storage/edit_tally.h: a serialized EditTallyRecord,
  // valid during the call) of the articles first seen on the KST days [from_day, to_day)
  // (days since 1970-01-01 KST), in key order, stopping at the first error `fn` returns.
  // False, calling nothing, when the archive does not keep them yet (written by an older
  // build and not opened for writing by this one since). IOError when the read fails.
  Result<bool> ForEachEditTally(int64_t from_day, int64_t to_day,
                                const std::function<Status(std::string_view)>& fn);

  // fsyncs the WAL: with ArchiveOptions::sync off, what Record wrote before this call
  // survives a power cut. (A killed process loses nothing either way.) IOError, without
  // touching the WAL, when the archive is not writable.
  Status SyncWal();

  // RocksDB's estimate of the number of articles: no scan, for status lines (Stats() is
  // exact but reads everything).
  Result<uint64_t> ArticleCountEstimate();

  // Whether the archive takes writes (see "Faults"): one atomic read, no RocksDB call.
  // Always writable in kReadOnly mode (it never writes).
  Writability Writable() const;
  // Puts a stopped archive back to writing (RocksDB's DB::Resume(): the memtables are
  // flushed to new files and a new WAL started). Ok when it is writable again, and at once
  // (doing nothing) when it was writable all along. IOError when RocksDB could not resume,
  // and without trying when fewer bytes are free (FreeBytes) than the memtables hold plus
  // kResumeMarginBytes: try again later. Unsupported for kUnrecoverable and in kReadOnly
  // mode.
  Status Resume();
  // Bytes an unprivileged writer may still write on the archive's filesystem
  // (statvfs(2): f_bavail * f_frsize); IOError when statvfs fails.
  Result<uint64_t> FreeBytes() const;

  // kReadOnly: catch up with the writer's latest writes. Ok (no-op) in kReadWrite.
  Status CatchUp();
  // Compacts every column family fully (maintenance and benchmarks).
  Status Compact();
  // Total size of live SST files over all column families.
  Result<uint64_t> SstBytes();

  class Impl;

 private:
  explicit Archive(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sinmun

#endif  // SINMUN_STORAGE_ARCHIVE_H_
