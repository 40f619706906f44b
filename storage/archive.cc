#include "storage/archive.h"

#include <sys/statvfs.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <unordered_map>
#include <utility>

#include "common/identity.h"
#include "storage/archive_db.h"
#include "storage/archive_scan.h"
#include "storage/archive_upgrade.h"
#include "storage/archive_verify.h"
#include "storage/keys.h"
#include "storage/record_batch.h"
#include "storage/record_decision.h"
#include "storage/records.h"

namespace sinmun {

namespace pb = storage::pb;
namespace keys = storage_keys;
using storage_records::FromSeconds;
using storage_records::Seconds;
using storage_records::VersionName;

std::string_view OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kNew: return "new";
    case Outcome::kChanged: return "changed";
    case Outcome::kUnchanged: return "unchanged";
    case Outcome::kDeleted: return "deleted";
    case Outcome::kRestored: return "restored";
  }
  return "unknown";
}

std::string_view WriteStateName(WriteState state) {
  switch (state) {
    case WriteState::kWritable: return "writable";
    case WriteState::kNoSpace: return "no space left";
    case WriteState::kIOError: return "I/O error";
    case WriteState::kUnrecoverable: return "unrecoverable error";
  }
  return "unknown";
}

namespace {

// The latest version of an article, as much of it as a decision needs.
struct Latest {
  VersionChain chain;
  Article article;  // chain.state.meta with the blocks' texts, once a diff needs them
};

// What Record gathers for its write step: the article, its head as read, and the decision
// with the content it was made from.
struct Recording {
  const Fetch& fetch;
  std::string id;
  pb::HeadRecord head;
  uint32_t reextracted_from = 0;  // != 0: a re-extraction, not a fetch
  std::optional<Latest> latest;
  std::vector<BlockRef> refs;  // of fetch.article, when the decision needed them
  Decision decision;

  bool reextraction() const { return reextracted_from != 0; }
};

}  // namespace

class Archive::Impl {
 public:
  Impl(std::unique_ptr<ArchiveDb> db, ArchiveOptions options) : db_(std::move(db)), options_(options) {}

  // reextracted_from != 0: a re-extraction (Archive::RecordReextraction), not a fetch.
  Result<RecordResult> Record(const Fetch& fetch, uint32_t reextracted_from);
  Result<std::string> Resolve(std::string_view id_or_url);
  Result<std::vector<VersionInfo>> History(const std::string& id);
  Result<StoredVersion> Version(const std::string& id, uint32_t number);
  Result<StoredVersion> VersionAt(const std::string& id, Instant t);
  Result<std::string> Raw(const std::string& id, uint32_t number);
  Result<std::vector<FetchLogEntry>> FetchLog(const std::string& id);
  Status UpdateSchedule(const ScheduleChange& change);
  Result<std::vector<std::pair<std::string, std::string>>> LoadSchedule();
  Result<std::optional<std::string>> ScheduleEntry(const std::string& key);
  Status SetSourceHealth(const std::string& source, const std::string& note);
  Status PutSourceRecords(const std::map<std::string, std::string>& put,
                          const std::optional<std::vector<std::string>>& keep);
  Result<std::map<std::string, std::string>> LoadSourceRecords();
  Result<bool> ForEachEditTally(int64_t from_day, int64_t to_day, const std::function<Status(std::string_view)>& fn);
  Status SyncWal();
  Status Resume();
  Result<uint64_t> FreeBytes() const;
  Status Compact();
  Result<uint64_t> SstBytes();
  Result<uint64_t> ArticleCountEstimate();

  ArchiveDb& db() { return *db_; }
  bool read_only() const { return db_->mode() == Mode::kReadOnly; }

 private:
  // The article a fetch records: the extractor's id for a 200, the alias of the fetched
  // URL otherwise (see Record in the header).
  Result<std::string> ArticleOf(const Fetch& fetch);
  // The head, or a default one (exists false) for an article not recorded yet.
  Result<pb::HeadRecord> HeadOrNew(const std::string& id, bool& exists);
  // The latest version with its blocks' texts; only the blocks `fetched` does not hold are
  // read (a block's hash names its text). fetched_refs: BlockRefsOf(*fetched).
  Result<Article> WithTexts(const std::string& id, const VersionChain& latest, const Article* fetched,
                            std::span<const BlockRef> fetched_refs);
  // The change class of the latest version, for a fetch that made none.
  Result<ChangeClass> LatestClass(const std::string& id, const pb::HeadRecord& head, const Latest* latest);
  // A fetch (from == 0) always; a re-extraction from version `from` of a live article that has it.
  Status CheckRecordable(const std::string& id, const pb::HeadRecord& head, bool exists, uint32_t from);
  // Record's write step: one RecordBatch with everything the decision says.
  Result<RecordResult> Write(Recording& r);

  std::unique_ptr<ArchiveDb> db_;
  ArchiveOptions options_;
  std::mutex write_mu_;  // serialises Record: the head read-modify-write
};

Result<std::string> Archive::Impl::ArticleOf(const Fetch& fetch) {
  if (fetch.article) return fetch.article->id;  // CheckFetch: a 200 has one, with an id
  // A 304/404/410 names its article by the URL fetched or one of the chain's (aliases).
  bool any_url = false;
  for (size_t i = 0; i <= fetch.aliases.size(); ++i) {
    const std::string& url = i == 0 ? fetch.url : fetch.aliases[i - 1];
    std::optional<std::string> canonical = CanonicalUrl(url);
    if (!canonical) continue;
    any_url = true;
    std::string id;
    rocksdb::Status s = db_->db().Get(rocksdb::ReadOptions(), db_->Cf(keys::kAliases), *canonical, &id);
    if (s.ok()) return id;
    if (!s.IsNotFound()) return FromRocks(s, "reading alias " + *canonical);
  }
  if (!any_url) return Status::InvalidArgument("no article can be recorded under " + fetch.url);
  return Status::NotFound("no article recorded under " + fetch.url + "; a " +
                          std::to_string(fetch.http_status) + " for it is not recorded");
}

Result<pb::HeadRecord> Archive::Impl::HeadOrNew(const std::string& id, bool& exists) {
  Result<pb::HeadRecord> h = db_->GetHead(id);
  exists = h.ok();
  if (h.ok() || !h.status().IsNotFound()) return h;
  return pb::HeadRecord();
}

Result<Article> Archive::Impl::WithTexts(const std::string& id, const VersionChain& latest,
                                         const Article* fetched, std::span<const BlockRef> fetched_refs) {
  std::unordered_map<std::string_view, const Block*> known;
  for (size_t i = 0; i < fetched_refs.size(); ++i) known.emplace(fetched_refs[i].hash, &fetched->blocks[i]);
  std::vector<BlockRef> missing;
  for (const BlockRef& r : latest.state.refs) {
    if (!known.contains(r.hash)) missing.push_back(r);
  }
  Result<std::vector<Block>> loaded = db_->LoadBlocks(id, latest.last.number(), missing);
  if (!loaded.ok()) return loaded.status();
  Article article = latest.state.meta;
  size_t next_loaded = 0;
  for (const BlockRef& r : latest.state.refs) {
    Block block;
    if (auto it = known.find(r.hash); it != known.end()) {
      block.text = it->second->text;
      block.src = it->second->src;
    } else {
      block = std::move((*loaded)[next_loaded++]);
    }
    block.type = r.type;
    block.publisher_hash = r.publisher_hash;
    block.publisher_id = r.publisher_id;
    article.blocks.push_back(std::move(block));
  }
  return article;
}

Result<ChangeClass> Archive::Impl::LatestClass(const std::string& id, const pb::HeadRecord& head,
                                               const Latest* latest) {
  if (latest != nullptr) return static_cast<ChangeClass>(latest->chain.last.change_class());
  if (head.latest_version() == 0) return ChangeClass::kNew;
  pb::VersionRecord rec;
  Status st = db_->GetRecord(keys::kVersions, keys::VersionKey(id, head.latest_version()), rec,
                             VersionName(id, head.latest_version()));
  if (!st.ok()) return st;
  return static_cast<ChangeClass>(rec.change_class());
}

Status Archive::Impl::CheckRecordable(const std::string& id, const pb::HeadRecord& head, bool exists,
                                      uint32_t from) {
  if (from == 0) return Status::Ok();  // a fetch
  if (!exists) return Status::NotFound("no article " + id);
  if (from > head.latest_version()) return Status::NotFound("no " + VersionName(id, from));
  if (head.deleted()) return Status::InvalidArgument(id + " is deleted; its last version is not re-extracted");
  return Status::Ok();
}

Result<RecordResult> Archive::Impl::Record(const Fetch& fetch, uint32_t reextracted_from) {
  if (read_only()) return Status::Unsupported("the archive is open read-only");
  if (Status st = db_->CheckWritable(); !st.ok()) return st;
  if (Status st = CheckFetch(fetch); !st.ok()) return st;
  Result<std::string> id = ArticleOf(fetch);
  if (!id.ok()) return id.status();
  std::lock_guard<std::mutex> lock(write_mu_);
  bool exists = false;
  Result<pb::HeadRecord> head = HeadOrNew(*id, exists);
  if (!head.ok()) return head.status();
  if (Status st = CheckRecordable(*id, *head, exists, reextracted_from); !st.ok()) return st;
  Recording r{fetch, *id, std::move(*head), reextracted_from};
  const Article* fetched = fetch.article ? &*fetch.article : nullptr;
  const Triage triage = r.reextraction() ? Triage::kCompare
                                         : TriageFetch(HeadFacts{exists, r.head.deleted(), r.head.fast_key()},
                                                       fetch.http_status, fetched);
  if (triage == Triage::kUnknownArticle) {
    return Status::NotFound("no article " + r.id + " recorded; a " + std::to_string(fetch.http_status) +
                            " for it is not recorded");
  }
  if (triage == Triage::kNew || triage == Triage::kRestore || triage == Triage::kCompare) {
    r.refs = BlockRefsOf(*fetched);
  }
  if (triage == Triage::kDelete || triage == Triage::kRestore || triage == Triage::kCompare) {
    Result<VersionChain> chain = db_->ReadChain(r.id, r.head.latest_version());
    if (!chain.ok()) return chain.status();
    r.latest = Latest{std::move(*chain), Article()};
  }
  r.decision = Decide(DecisionInput{
      triage, r.reextraction(), fetched, r.refs, r.latest ? &r.latest->chain.state.meta : nullptr,
      r.latest ? std::span<const BlockRef>(r.latest->chain.state.refs) : std::span<const BlockRef>()});
  if (r.decision.needs_diff) {
    Result<Article> latest = WithTexts(r.id, r.latest->chain, fetched, r.refs);
    if (!latest.ok()) return latest.status();
    r.latest->article = std::move(*latest);
    AddDiff(r.decision, r.latest->article, *fetched);
  }
  if (r.reextraction() && !r.decision.change_class) {  // nothing to correct: nothing written
    return RecordResult{Outcome::kUnchanged, r.id, r.head.latest_version(),
                        static_cast<ChangeClass>(r.latest->chain.last.change_class())};
  }
  return Write(r);
}

Result<RecordResult> Archive::Impl::Write(Recording& r) {
  const Fetch& fetch = r.fetch;
  const Decision& decision = r.decision;
  RecordResult result{decision.outcome, r.id, r.head.latest_version(), ChangeClass::kNew};
  RecordBatch batch(*db_, r.id, std::move(r.head));
  Instant at = fetch.fetched_at;
  if (r.reextraction()) {
    at = std::max(at, FromSeconds(r.latest->chain.last.fetched_at()));  // versions stay in order
  }
  if (decision.outcome == Outcome::kNew) {
    if (Status st = batch.AddFirstSeen(at); !st.ok()) return st;
  }
  if (decision.change_class) {
    const VersionState* latest = r.latest ? &r.latest->chain.state : nullptr;
    const bool deletion = decision.outcome == Outcome::kDeleted;
    NewVersion v{.number = batch.head().latest_version() + 1,
                 .at = at,
                 .decision = &decision,
                 .content = deletion ? &latest->meta : &*fetch.article,
                 .refs = deletion ? &latest->refs : &r.refs,
                 .previous = latest,
                 .before = decision.diff ? &r.latest->article : nullptr,
                 .reextracted_from = r.reextracted_from};
    if (Status st = batch.AddVersion(v, r.reextraction() ? nullptr : &fetch, options_.keep_raw); !st.ok()) {
      return st;
    }
    result.change_class = *decision.change_class;
  } else {
    Result<ChangeClass> cls = LatestClass(r.id, batch.head(), r.latest ? &*r.latest : nullptr);
    if (!cls.ok()) return cls.status();
    result.change_class = *cls;
    if (decision.refresh_fast_key) batch.head().set_fast_key(FastKey(*fetch.article));
  }
  result.version = batch.head().latest_version();
  std::vector<std::string> urls = {fetch.url};
  urls.insert(urls.end(), fetch.aliases.begin(), fetch.aliases.end());
  if (fetch.article && !fetch.article->url.empty()) urls.push_back(fetch.article->url);
  if (Status st = batch.AddAliases(urls); !st.ok()) return st;
  if (!r.reextraction()) {
    if (Status st = batch.AddFetch(fetch, result.outcome); !st.ok()) return st;
    if (Status st = batch.AddSchedule(fetch.schedule); !st.ok()) return st;
  }
  const std::string what = (r.reextraction() ? "writing re-extraction of " : "writing fetch of ") + r.id;
  if (Status st = batch.Commit(options_.sync, what); !st.ok()) return st;
  return result;
}

Status Archive::Impl::UpdateSchedule(const ScheduleChange& change) {
  if (read_only()) return Status::Unsupported("the archive is open read-only");
  if (change.empty()) return Status::Ok();
  rocksdb::WriteBatch batch;
  if (Status st = AddScheduleChange(*db_, batch, change); !st.ok()) return st;
  return db_->Write(batch, options_.sync, "writing the schedule");
}

Result<std::vector<std::pair<std::string, std::string>>> Archive::Impl::LoadSchedule() {
  std::vector<std::pair<std::string, std::string>> out;
  rocksdb::ReadOptions ro;
  ro.fill_cache = false;  // read once at start: do not crowd out what the crawl reads
  std::unique_ptr<rocksdb::Iterator> it(db_->db().NewIterator(ro, db_->Cf(keys::kSchedule)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    out.emplace_back(it->key().ToString(), it->value().ToString());
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading the schedule");
  return out;
}

Result<std::optional<std::string>> Archive::Impl::ScheduleEntry(const std::string& key) {
  std::string value;
  rocksdb::Status s = db_->db().Get(rocksdb::ReadOptions(), db_->Cf(keys::kSchedule), key, &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return FromRocks(s, "reading the schedule");
  return std::optional<std::string>(std::move(value));
}

Status Archive::Impl::SetSourceHealth(const std::string& source, const std::string& note) {
  if (read_only()) return Status::Unsupported("the archive is open read-only");
  std::string key = std::string(keys::kMetaHealthPrefix) + source;
  rocksdb::WriteBatch batch;
  rocksdb::Status s =
      note.empty() ? batch.Delete(db_->Cf(keys::kMeta), key) : batch.Put(db_->Cf(keys::kMeta), key, note);
  if (!s.ok()) return FromRocks(s, "batching");
  return db_->Write(batch, options_.sync, "writing the health of source " + source);
}

Status Archive::Impl::SyncWal() {
  if (read_only()) return Status::Ok();
  if (Status st = db_->CheckWritable(); !st.ok()) return st;
  rocksdb::Status s = db_->db().SyncWAL();
  if (!s.ok()) db_->guard().OnWriteError(s);
  return FromRocks(s, "syncing the WAL");
}

Status Archive::Impl::Resume() {
  if (read_only()) return Status::Unsupported("the archive is open read-only");
  std::lock_guard<std::mutex> lock(write_mu_);
  Writability w = db_->guard().Get();
  if (w.writable()) return Status::Ok();
  if (w.state == WriteState::kUnrecoverable) {
    return Status::Unsupported("archive " + db_->dir() + " stopped on an unrecoverable error (" + w.error +
                               "): close it and open it again");
  }
  // Resuming flushes the memtables: not worth trying (and failing) without room for them.
  Result<uint64_t> free = FreeBytes();
  if (!free.ok()) return free.status();
  uint64_t memtables = 0;
  for (rocksdb::ColumnFamilyHandle* h : db_->handles()) {
    uint64_t bytes = 0;
    if (db_->db().GetIntProperty(h, rocksdb::DB::Properties::kCurSizeAllMemTables, &bytes)) memtables += bytes;
  }
  if (*free < memtables + kResumeMarginBytes) {
    return Status::IOError("archive " + db_->dir() + " needs " +
                           std::to_string(memtables + kResumeMarginBytes) + " bytes free to resume; " +
                           std::to_string(*free) + " are");
  }
  rocksdb::Status s = db_->db().Resume();
  if (!s.ok()) {
    db_->guard().OnWriteError(s);
    return FromRocks(s, "resuming archive " + db_->dir());
  }
  db_->guard().OnResumed();
  return Status::Ok();
}

Result<uint64_t> Archive::Impl::FreeBytes() const {
  struct statvfs fs {};
  if (statvfs(db_->dir().c_str(), &fs) != 0) {
    return Status::IOError("cannot read the free space of " + db_->dir() + ": " + std::strerror(errno));
  }
  return static_cast<uint64_t>(fs.f_bavail) * static_cast<uint64_t>(fs.f_frsize);
}

Result<bool> Archive::Impl::ForEachEditTally(int64_t from_day, int64_t to_day,
                                             const std::function<Status(std::string_view)>& fn) {
  std::string flag;
  rocksdb::Status s =
      db_->db().Get(rocksdb::ReadOptions(), db_->Cf(keys::kMeta), std::string(keys::kMetaEditTallyKey), &flag);
  if (s.IsNotFound() || (s.ok() && flag != keys::kEditTallyLayout)) return false;
  if (!s.ok()) return FromRocks(s, "reading the edit-tally flag");
  const std::string end = keys::EditTallyDayKey(to_day);
  std::unique_ptr<rocksdb::Iterator> it(db_->db().NewIterator(rocksdb::ReadOptions(), db_->Cf(keys::kMeta)));
  for (it->Seek(keys::EditTallyDayKey(from_day));
       it->Valid() && it->key().starts_with(keys::kMetaTallyPrefix) && it->key().compare(end) < 0; it->Next()) {
    if (Status st = fn(it->value().ToStringView()); !st.ok()) return st;
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading edit tallies");
  return true;
}

Result<std::map<std::string, std::string>> Archive::Impl::LoadSourceRecords() {
  std::map<std::string, std::string> out;
  std::unique_ptr<rocksdb::Iterator> it(db_->db().NewIterator(rocksdb::ReadOptions(), db_->Cf(keys::kMeta)));
  for (it->Seek(keys::kMetaSourcePrefix); it->Valid() && it->key().starts_with(keys::kMetaSourcePrefix);
       it->Next()) {
    out[it->key().ToString().substr(keys::kMetaSourcePrefix.size())] = it->value().ToString();
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading source statuses");
  return out;
}

Status Archive::Impl::PutSourceRecords(const std::map<std::string, std::string>& put,
                                       const std::optional<std::vector<std::string>>& keep) {
  if (read_only()) return Status::Unsupported("the archive is open read-only");
  rocksdb::WriteBatch batch;
  if (keep) {
    Result<std::map<std::string, std::string>> old = LoadSourceRecords();
    if (!old.ok()) return old.status();
    for (const auto& [name, text] : *old) {
      if (std::find(keep->begin(), keep->end(), name) == keep->end()) {
        batch.Delete(db_->Cf(keys::kMeta), std::string(keys::kMetaSourcePrefix) + name);
      }
    }
  }
  for (const auto& [name, text] : put) {
    batch.Put(db_->Cf(keys::kMeta), std::string(keys::kMetaSourcePrefix) + name, text);
  }
  return db_->Write(batch, options_.sync, "writing source statuses");
}

Result<uint64_t> Archive::Impl::ArticleCountEstimate() {
  uint64_t n = 0;
  if (!db_->db().GetIntProperty(db_->Cf(keys::kArticles), "rocksdb.estimate-num-keys", &n)) {
    return Status::IOError("cannot read the article count estimate");
  }
  return n;
}

Status Archive::Impl::Compact() {
  if (read_only()) return Status::Unsupported("the archive is open read-only");
  if (Status st = db_->CheckWritable(); !st.ok()) return st;
  rocksdb::CompactRangeOptions o;
  o.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  for (rocksdb::ColumnFamilyHandle* h : db_->handles()) {
    Status st = FromRocks(db_->db().CompactRange(o, h, nullptr, nullptr), "compacting " + h->GetName());
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

Result<uint64_t> Archive::Impl::SstBytes() {
  uint64_t total = 0;
  for (rocksdb::ColumnFamilyHandle* h : db_->handles()) {
    uint64_t v = 0;
    if (!db_->db().GetIntProperty(h, rocksdb::DB::Properties::kTotalSstFilesSize, &v)) {
      return Status::IOError("cannot read the SST size of " + h->GetName());
    }
    total += v;
  }
  return total;
}

// ---- Point reads ----

Result<std::string> Archive::Impl::Resolve(std::string_view id_or_url) {
  std::string text(id_or_url);
  if (LooksLikeArticleId(text)) {
    auto h = db_->GetHead(text);
    if (h.ok()) return text;
    if (!h.status().IsNotFound()) return h.status();
  }
  if (auto canonical = CanonicalUrl(text)) {
    std::string id;
    rocksdb::Status s = db_->db().Get(rocksdb::ReadOptions(), db_->Cf(keys::kAliases), *canonical, &id);
    if (s.ok()) return id;
    if (!s.IsNotFound()) return FromRocks(s, "reading alias " + *canonical);
    if (auto named = ArticleIdForUrl(text)) {
      auto h = db_->GetHead(*named);
      if (h.ok()) return *named;
      if (!h.status().IsNotFound()) return h.status();
    }
  }
  return Status::NotFound("no article for " + text);
}

Result<std::vector<VersionInfo>> Archive::Impl::History(const std::string& id) {
  auto h = db_->GetHead(id);
  if (!h.ok()) return h.status();
  std::string prefix = keys::ArticlePrefix(id);
  std::unique_ptr<rocksdb::Iterator> it(
      db_->db().NewIterator(rocksdb::ReadOptions(), db_->Cf(keys::kVersions)));
  std::vector<VersionInfo> out;
  VersionState st;
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    const auto expect = static_cast<uint32_t>(out.size() + 1);
    pb::VersionRecord rec;
    if (!rec.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return Status::Corruption(VersionName(id, expect) + ": the record does not parse");
    }
    if (rec.number() != expect) return Status::Corruption(VersionName(id, expect) + " is missing");
    if (Status s = ApplyVersion(id, rec, st); !s.ok()) return s;
    out.push_back(storage_records::InfoFromPb(rec, st.meta.title));
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading versions of " + id);
  return out;
}

Result<StoredVersion> Archive::Impl::Version(const std::string& id, uint32_t number) {
  auto h = db_->GetHead(id);
  if (!h.ok()) return h.status();
  if (number == 0 || number > h->latest_version()) {
    return Status::NotFound(id + " has versions 1 to " + std::to_string(h->latest_version()) + ", not " +
                            std::to_string(number));
  }
  auto chain = db_->ReadChain(id, number);
  if (!chain.ok()) return chain.status();
  return db_->Materialize(id, std::move(chain).value());
}

Result<StoredVersion> Archive::Impl::VersionAt(const std::string& id, Instant t) {
  auto h = db_->GetHead(id);
  if (!h.ok()) return h.status();
  std::string prefix = keys::ArticlePrefix(id);
  std::unique_ptr<rocksdb::Iterator> it(
      db_->db().NewIterator(rocksdb::ReadOptions(), db_->Cf(keys::kVersions)));
  uint32_t found = 0;
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    pb::VersionRecord rec;
    if (!rec.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      auto k = keys::ParseVersionKey(it->key().ToStringView());
      return Status::Corruption(VersionName(id, k ? k->number : 0) + ": the record does not parse");
    }
    if (FromSeconds(rec.fetched_at()) > t) break;
    found = rec.number();
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading versions of " + id);
  if (found == 0) return Status::NotFound(id + " was first recorded after " + FormatRfc3339Kst(t));
  return Version(id, found);
}

Result<std::string> Archive::Impl::Raw(const std::string& id, uint32_t number) {
  std::string value;
  rocksdb::ReadOptions ro;
  ro.fill_cache = false;  // pages are read once (export, reextract): keep the cache for blocks
  rocksdb::Status s = db_->db().Get(ro, db_->Cf(keys::kRaw), keys::RawKey(id, number), &value);
  if (s.IsNotFound()) return Status::NotFound("no raw bytes kept for " + VersionName(id, number));
  if (!s.ok()) return FromRocks(s, "reading raw bytes of " + VersionName(id, number));
  return value;
}

Result<std::vector<Archive::FetchLogEntry>> Archive::Impl::FetchLog(const std::string& id) {
  auto h = db_->GetHead(id);
  if (!h.ok()) return h.status();
  std::string prefix = keys::ArticlePrefix(id);
  std::unique_ptr<rocksdb::Iterator> it(db_->db().NewIterator(rocksdb::ReadOptions(), db_->Cf(keys::kFetches)));
  std::vector<FetchLogEntry> out;
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    pb::FetchRecord rec;
    std::string_view key = it->key().ToStringView();
    if (key.size() != prefix.size() + 12 ||
        !rec.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return Status::Corruption("a fetch-log entry of " + id + " does not parse");
    }
    out.push_back(FetchLogEntry{keys::TimeFromKey(keys::GetBigEndian64(key.substr(prefix.size()))),
                                static_cast<int>(rec.http_status()), static_cast<Outcome>(rec.outcome()),
                                rec.version()});
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading the fetch log of " + id);
  return out;
}

// ---- Archive: forwards to Impl ----

Archive::Archive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Archive::~Archive() = default;

Result<std::unique_ptr<Archive>> Archive::Open(const std::string& dir, Mode mode) {
  return Open(dir, mode, ArchiveOptions());
}

Result<std::unique_ptr<Archive>> Archive::Open(const std::string& dir, Mode mode,
                                               const ArchiveOptions& options) {
  Result<std::unique_ptr<ArchiveDb>> db = ArchiveDb::Open(dir, mode, options);
  if (!db.ok()) return db.status();
  if (Status st = CheckSchema(**db); !st.ok()) return st;
  if (mode == Mode::kReadWrite) {
    if (Status st = UpgradeOnOpen(**db); !st.ok()) return st;
  }
  return std::unique_ptr<Archive>(new Archive(std::make_unique<Impl>(std::move(*db), options)));
}

Result<RecordResult> Archive::Record(const Fetch& fetch) { return impl_->Record(fetch, 0); }
Result<RecordResult> Archive::RecordReextraction(const std::string& id, uint32_t from, Article article,
                                                 Instant at) {
  if (!article.id.empty() && article.id != id) {
    return Status::InvalidArgument("the re-extracted article is " + article.id + ", not " + id);
  }
  if (from == 0) return Status::NotFound("no version 0 of " + id);
  article.id = id;
  Fetch fetch;
  fetch.url = article.url;
  fetch.fetched_at = at;
  fetch.http_status = 200;
  fetch.article = std::move(article);
  return impl_->Record(fetch, from);
}
Result<std::vector<ChangeEntry>> Archive::Changes(const ChangesQuery& q) { return ScanChanges(impl_->db(), q); }
Status Archive::ForEachVersion(const ExportQuery& q,
                               const std::function<Status(const StoredVersion&, const ArticleHead&)>& fn) {
  return ScanVersions(impl_->db(), q, fn);
}
Result<std::string> Archive::Resolve(std::string_view id_or_url) { return impl_->Resolve(id_or_url); }
Result<ArticleHead> Archive::Head(const std::string& id) {
  auto h = impl_->db().GetHead(id);
  if (!h.ok()) return h.status();
  return storage_records::HeadFromPb(id, *h);
}
Result<std::vector<VersionInfo>> Archive::History(const std::string& id) { return impl_->History(id); }
Result<StoredVersion> Archive::Version(const std::string& id, uint32_t number) {
  return impl_->Version(id, number);
}
Result<StoredVersion> Archive::VersionAt(const std::string& id, Instant t) { return impl_->VersionAt(id, t); }
Result<std::string> Archive::Raw(const std::string& id, uint32_t number) { return impl_->Raw(id, number); }
Result<std::vector<Archive::FetchLogEntry>> Archive::FetchLog(const std::string& id) {
  return impl_->FetchLog(id);
}
Result<std::vector<ArticleHead>> Archive::List(const ListQuery& q) { return ScanList(impl_->db(), q); }
Result<ArchiveStats> Archive::Stats() { return ScanStats(impl_->db()); }
Status Archive::ForEachHead(const std::function<Status(const ArticleHead&)>& fn) {
  return ScanHeads(impl_->db(), fn);
}
Result<uint64_t> Archive::VersionCount() { return impl_->db().VersionCount(); }
Result<VerifyReport> Archive::Verify() { return VerifyArchive(impl_->db()); }
Status Archive::CatchUp() {
  if (!impl_->read_only()) return Status::Ok();
  return FromRocks(impl_->db().db().TryCatchUpWithPrimary(), "catching up with the writer");
}
Status Archive::Compact() { return impl_->Compact(); }
Result<uint64_t> Archive::SstBytes() { return impl_->SstBytes(); }
Status Archive::UpdateSchedule(const ScheduleChange& change) { return impl_->UpdateSchedule(change); }
Result<std::vector<std::pair<std::string, std::string>>> Archive::LoadSchedule() {
  return impl_->LoadSchedule();
}
Result<std::optional<std::string>> Archive::ScheduleEntry(const std::string& key) {
  return impl_->ScheduleEntry(key);
}
Status Archive::SetSourceHealth(const std::string& source, const std::string& note) {
  return impl_->SetSourceHealth(source, note);
}
Status Archive::PutSourceRecords(const std::map<std::string, std::string>& put,
                                 const std::optional<std::vector<std::string>>& keep) {
  return impl_->PutSourceRecords(put, keep);
}
Result<std::map<std::string, std::string>> Archive::LoadSourceRecords() {
  return impl_->LoadSourceRecords();
}
Result<bool> Archive::ForEachEditTally(int64_t from_day, int64_t to_day,
                                       const std::function<Status(std::string_view)>& fn) {
  return impl_->ForEachEditTally(from_day, to_day, fn);
}
Status Archive::SyncWal() { return impl_->SyncWal(); }
Writability Archive::Writable() const {
  if (impl_->read_only()) return Writability{};
  return impl_->db().guard().Get();
}
Status Archive::Resume() { return impl_->Resume(); }
Result<uint64_t> Archive::FreeBytes() const { return impl_->FreeBytes(); }
Result<uint64_t> Archive::ArticleCountEstimate() { return impl_->ArticleCountEstimate(); }

}  // namespace sinmun
