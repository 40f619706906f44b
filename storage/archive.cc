#include "storage/archive.h"

#include <dtl/dtl.hpp>
#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/slice.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>
#include <stdlib.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <mutex>
#include <system_error>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "common/hash.h"
#include "common/identity.h"
#include "storage/change_summary.h"
#include "storage/diff.h"
#include "storage/keys.h"
#include "storage/record.pb.h"

namespace sinmun {

namespace pb = storage::pb;
namespace keys = storage_keys;

namespace {

Status FromRocks(const rocksdb::Status& s, std::string_view context) {
  if (s.ok()) return Status::Ok();
  std::string msg = std::string(context) + ": " + s.ToString();
  if (s.IsNotFound()) return Status::NotFound(std::move(msg));
  if (s.IsCorruption()) return Status::Corruption(std::move(msg));
  if (s.IsBusy() || s.IsTimedOut() || s.IsTryAgain()) return Status::Busy(std::move(msg));
  if (s.IsInvalidArgument()) return Status::InvalidArgument(std::move(msg));
  if (s.IsNotSupported()) return Status::Unsupported(std::move(msg));
  return Status::IOError(std::move(msg));
}

int64_t Seconds(Instant t) { return t.time_since_epoch().count(); }
Instant FromSeconds(int64_t s) { return Instant(std::chrono::seconds(s)); }

// A block as one version uses it: the shared content's hash plus per-use fields.
struct Ref {
  std::string hash;
  BlockType type = BlockType::kParagraph;
  std::string publisher_hash, publisher_id;

  bool operator==(const Ref&) const = default;
  // Identity for the delta encoder: everything a copy op must preserve.
  std::string Key() const {
    std::string k = hash;
    k.push_back(static_cast<char>(type));
    k += publisher_hash;
    k.push_back('\x1f');
    k += publisher_id;
    return k;
  }
};

Ref RefOf(const Block& b) { return Ref{BlockHash(b), b.type, b.publisher_hash, b.publisher_id}; }

Ref RefFromPb(const pb::BlockRef& r) {
  return Ref{r.hash(), static_cast<BlockType>(r.type()), r.publisher_hash(), r.publisher_id()};
}

void RefToPb(const Ref& r, pb::BlockRef* out) {
  out->set_hash(r.hash);
  out->set_type(static_cast<pb::BlockTypePb>(r.type));
  if (!r.publisher_hash.empty()) out->set_publisher_hash(r.publisher_hash);
  if (!r.publisher_id.empty()) out->set_publisher_id(r.publisher_id);
}

// The content of a version without block texts: metadata in `meta` (blocks empty), and
// the block refs.
struct State {
  Article meta;
  std::vector<Ref> refs;
};

std::string VersionName(std::string_view id, uint32_t number) {
  return std::string(id) + " version " + std::to_string(number);
}

Status ApplyVersion(std::string_view id, const pb::VersionRecord& rec, State& st) {
  Article& a = st.meta;
  if (rec.snapshot()) {
    a = Article{};
    a.id = std::string(id);
  }
  if (rec.has_url()) a.url = rec.url();
  if (rec.has_portal()) a.portal = rec.portal();
  if (rec.has_source()) a.source = rec.source();
  if (rec.has_press()) a.press = rec.press();
  if (rec.has_section()) a.section = rec.section();
  if (rec.has_title()) a.title = rec.title();
  if (rec.has_subtitle()) a.subtitle = rec.subtitle();
  if (rec.has_origin_url()) a.origin_url = rec.origin_url();
  if (rec.has_encoding()) a.encoding = rec.encoding();
  if (rec.has_authors()) a.authors.assign(rec.authors().items().begin(), rec.authors().items().end());
  if (rec.has_published()) {
    a.published = rec.published().has_seconds()
                      ? std::optional<Instant>(FromSeconds(rec.published().seconds()))
                      : std::nullopt;
  }
  if (rec.has_modified()) {
    a.modified = rec.modified().has_seconds()
                     ? std::optional<Instant>(FromSeconds(rec.modified().seconds()))
                     : std::nullopt;
  }
  std::vector<Ref> next;
  next.reserve(rec.block_count());
  const std::vector<Ref> empty;
  const std::vector<Ref>& prev = rec.snapshot() ? empty : st.refs;
  size_t cursor = 0;
  for (const pb::BlockOp& op : rec.blocks()) {
    switch (op.op_case()) {
      case pb::BlockOp::kCopy:
      case pb::BlockOp::kSkip: {
        size_t n = op.op_case() == pb::BlockOp::kCopy ? op.copy() : op.skip();
        if (cursor + n > prev.size()) {
          return Status::Corruption(VersionName(id, rec.number()) +
                                    ": block ops run past the previous version's blocks");
        }
        if (op.op_case() == pb::BlockOp::kCopy) {
          next.insert(next.end(), prev.begin() + static_cast<std::ptrdiff_t>(cursor),
                      prev.begin() + static_cast<std::ptrdiff_t>(cursor + n));
        }
        cursor += n;
        break;
      }
      case pb::BlockOp::kInsert:
        if (op.insert().hash().size() != 32) {
          return Status::Corruption(VersionName(id, rec.number()) + ": a block ref has a bad hash");
        }
        next.push_back(RefFromPb(op.insert()));
        break;
      case pb::BlockOp::OP_NOT_SET:
        return Status::Corruption(VersionName(id, rec.number()) + ": an empty block op");
    }
  }
  if (next.size() != rec.block_count()) {
    return Status::Corruption(VersionName(id, rec.number()) + ": has " +
                              std::to_string(next.size()) + " blocks, record says " +
                              std::to_string(rec.block_count()));
  }
  st.refs = std::move(next);
  return Status::Ok();
}

void SetTime(const std::optional<Instant>& t, pb::OptionalTime* out) {
  if (t) out->set_seconds(Seconds(*t));
}

// Writes into `rec` the metadata of `a` that differs from `prev` (all of it when prev is null).
void EncodeMeta(const Article* prev, const Article& a, pb::VersionRecord& rec) {
#define SINMUN_META_FIELD(name) \
  if (prev == nullptr || prev->name != a.name) rec.set_##name(a.name)
  SINMUN_META_FIELD(url);
  SINMUN_META_FIELD(portal);
  SINMUN_META_FIELD(source);
  SINMUN_META_FIELD(press);
  SINMUN_META_FIELD(section);
  SINMUN_META_FIELD(title);
  SINMUN_META_FIELD(subtitle);
  SINMUN_META_FIELD(origin_url);
  SINMUN_META_FIELD(encoding);
#undef SINMUN_META_FIELD
  if (prev == nullptr || prev->authors != a.authors) {
    auto* list = rec.mutable_authors();
    for (const auto& author : a.authors) list->add_items(author);
  }
  if (prev == nullptr || prev->published != a.published) SetTime(a.published, rec.mutable_published());
  if (prev == nullptr || prev->modified != a.modified) SetTime(a.modified, rec.mutable_modified());
}

void AddRun(pb::VersionRecord& rec, bool copy, uint32_t n) {
  if (n == 0) return;
  if (rec.blocks_size() > 0) {
    pb::BlockOp* last = rec.mutable_blocks(rec.blocks_size() - 1);
    if (copy && last->op_case() == pb::BlockOp::kCopy) {
      last->set_copy(last->copy() + n);
      return;
    }
    if (!copy && last->op_case() == pb::BlockOp::kSkip) {
      last->set_skip(last->skip() + n);
      return;
    }
  }
  if (copy) {
    rec.add_blocks()->set_copy(n);
  } else {
    rec.add_blocks()->set_skip(n);
  }
}

// Block ops turning `prev` into `next` (an LCS edit script over the refs).
void EncodeBlocks(const std::vector<Ref>* prev, const std::vector<Ref>& next, pb::VersionRecord& rec) {
  rec.set_block_count(static_cast<uint32_t>(next.size()));
  if (prev == nullptr) {
    for (const Ref& r : next) RefToPb(r, rec.add_blocks()->mutable_insert());
    return;
  }
  std::vector<std::string> a, b;
  for (const Ref& r : *prev) a.push_back(r.Key());
  for (const Ref& r : next) b.push_back(r.Key());
  dtl::Diff<std::string, std::vector<std::string>> d(a, b);
  d.compose();
  for (const auto& [elem, info] : d.getSes().getSequence()) {
    switch (info.type) {
      case dtl::SES_COMMON:
        AddRun(rec, true, 1);
        break;
      case dtl::SES_DELETE:
        AddRun(rec, false, 1);
        break;
      case dtl::SES_ADD:
        RefToPb(next[static_cast<size_t>(info.afterIdx - 1)], rec.add_blocks()->mutable_insert());
        break;
    }
  }
  // Refs left after the cursor are dropped without a trailing skip.
  while (rec.blocks_size() > 0 && rec.blocks(rec.blocks_size() - 1).op_case() == pb::BlockOp::kSkip) {
    rec.mutable_blocks()->RemoveLast();
  }
}

// Digest of the title, subtitle, authors and the publisher's contents-hash sequence; ""
// when some block has no contents-hash (then the fast path does not apply). Subtitle and
// authors cost nothing to include and keep byline edits off the fast path.
std::string FastKey(const Article& a) {
  if (a.blocks.empty()) return "";
  std::string material = a.title;
  material.push_back('\x1f');
  material += a.subtitle;
  material.push_back('\x1f');
  for (const std::string& author : a.authors) {
    material += author;
    material.push_back('\x1e');
  }
  material.push_back('\x1f');
  for (const Block& b : a.blocks) {
    if (b.publisher_hash.empty()) return "";
    material += b.publisher_hash;
    material.push_back('\x1e');
  }
  return Sha256(material);
}

// Whether `a` differs from the stored state in anything that makes a new version.
bool ContentEqual(const State& st, const Article& a, const std::vector<Ref>& refs) {
  const Article& m = st.meta;
  if (m.title != a.title || m.subtitle != a.subtitle || m.authors != a.authors ||
      m.press != a.press || m.section != a.section || m.published != a.published ||
      m.origin_url != a.origin_url || st.refs.size() != refs.size()) {
    return false;
  }
  for (size_t i = 0; i < refs.size(); ++i) {
    if (st.refs[i].hash != refs[i].hash || st.refs[i].type != refs[i].type) return false;
  }
  return true;
}

pb::OutcomePb OutcomeToPb(Outcome o) { return static_cast<pb::OutcomePb>(o); }

ArticleHead HeadFromPb(const std::string& id, const pb::HeadRecord& h) {
  ArticleHead head;
  head.id = id;
  head.url = h.url();
  head.portal = h.portal();
  head.press = h.press();
  head.title = h.title();
  head.versions = h.latest_version();
  head.first_seen = FromSeconds(h.first_seen());
  head.last_seen = FromSeconds(h.last_seen());
  head.last_checked = FromSeconds(h.last_checked());
  if (h.has_published()) head.published = FromSeconds(h.published());
  head.deleted = h.deleted();
  head.etag = h.etag();
  head.last_modified = h.last_modified();
  head.fetches = h.fetch_count();
  return head;
}

bool ContainsLock(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s.find("lock") != std::string::npos;
}

}  // namespace

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

class Archive::Impl {
 public:
  Impl(std::string dir, Mode mode, ArchiveOptions options)
      : dir_(std::move(dir)), mode_(mode), options_(options) {}

  ~Impl() {
    if (db_) {
      if (mode_ == Mode::kReadWrite) {
        // Leave no WAL for the next reader to replay.
        db_->Flush(rocksdb::FlushOptions(), handles_).PermitUncheckedError();
      }
      for (rocksdb::ColumnFamilyHandle* h : handles_) db_->DestroyColumnFamilyHandle(h).PermitUncheckedError();
      db_->Close().PermitUncheckedError();
      db_.reset();
    }
    if (!secondary_dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(secondary_dir_, ec);
    }
  }

  Status Open();
  // reextracted_from != 0: a re-extraction (Archive::RecordReextraction), not a fetch.
  Result<RecordResult> Record(const Fetch& fetch, uint32_t reextracted_from = 0);
  Result<std::vector<ChangeEntry>> Changes(const ChangesQuery& q);
  Status ForEachVersion(const ExportQuery& q,
                        const std::function<Status(const StoredVersion&, const ArticleHead&)>& fn);
  Result<std::string> Resolve(std::string_view id_or_url);
  Result<ArticleHead> Head(const std::string& id);
  Result<std::vector<VersionInfo>> History(const std::string& id);
  Result<StoredVersion> Version(const std::string& id, uint32_t number);
  Result<StoredVersion> VersionAt(const std::string& id, Instant t);
  Result<std::string> Raw(const std::string& id, uint32_t number);
  Result<std::vector<FetchLogEntry>> FetchLog(const std::string& id);
  Result<std::vector<ArticleHead>> List(const ListQuery& q);
  Result<ArchiveStats> Stats();
  Result<VerifyReport> Verify();
  Status CatchUp();
  Status Compact();
  Result<uint64_t> SstBytes();
  Status UpdateSchedule(const ScheduleChange& change);
  Result<std::vector<std::pair<std::string, std::string>>> LoadSchedule();
  Status SetSourceHealth(const std::string& source, const std::string& note);
  Status SyncWal();
  Result<uint64_t> VersionCount();
  Result<uint64_t> ArticleCountEstimate();

 private:
  Status AddScheduleChange(rocksdb::WriteBatch& batch, const ScheduleChange& change);

  struct Chain {
    State state;
    pb::VersionRecord last;
  };

  rocksdb::ColumnFamilyHandle* Cf(std::string_view name) const { return cfs_.at(std::string(name)); }
  rocksdb::ColumnFamilyOptions CfOptions(std::string_view name) const;
  Status CheckSchema();
  // Fills the changes CF from the versions when meta has no kMetaChangesIndexKey (an
  // archive written before the index existed), then sets the key.
  Status BuildChangesIndex();
  // The HTTP status of the fetch that deleted version `number` (from the fetch log); 0
  // when the log does not say.
  int DeletionStatus(const std::string& id, uint32_t number);
  bool HasChanges() const { return cfs_.contains(std::string(keys::kChanges)); }
  // The version count (meta kMetaVersionCountKey; the search index's freshness check):
  // AddVersionCount puts count + 1 into a batch that writes a version; EnsureVersionCount
  // fills the count in for an archive written before it was kept (kReadWrite open).
  Status AddVersionCount(rocksdb::WriteBatch& batch);
  Status EnsureVersionCount();
  // The count kept in meta; nullopt when not kept yet (or not readable as one).
  Result<std::optional<uint64_t>> StoredVersionCount();

  // Reads a record; NotFound when absent, Corruption when it does not parse.
  template <typename Message>
  Status GetRecord(std::string_view cf, const std::string& key, Message& out, std::string_view what);
  Result<pb::HeadRecord> GetHead(const std::string& id);
  // The state of version `number`, replayed from its snapshot. fill_cache false: a
  // streaming pass (ForEachVersion) that should not displace the block cache.
  Result<Chain> ReadChain(const std::string& id, uint32_t number, bool fill_cache = true);
  // The blocks of `refs` with their texts. `read`: the options of a streaming pass
  // (ForEachVersion: its snapshot, no block-cache fill); null for the defaults.
  Result<std::vector<Block>> LoadBlocks(const std::string& id, uint32_t number, const std::vector<Ref>& refs,
                                        const rocksdb::ReadOptions* read = nullptr);
  // memo (one article's pass in ForEachVersion): blocks by hash of the version before;
  // only the others are read, and memo is left holding this version's blocks.
  Result<StoredVersion> Materialize(const std::string& id, Chain chain,
                                    const rocksdb::ReadOptions* read = nullptr,
                                    std::unordered_map<std::string, Block>* memo = nullptr);
  Status PutRecord(rocksdb::WriteBatch& batch, std::string_view cf, const std::string& key,
                   const google::protobuf::MessageLite& msg);

  std::string dir_;
  Mode mode_;
  ArchiveOptions options_;
  std::string secondary_dir_;
  std::shared_ptr<rocksdb::Cache> cache_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::unordered_map<std::string, rocksdb::ColumnFamilyHandle*> cfs_;
  std::mutex write_mu_;  // serialises Record: the head read-modify-write
};

rocksdb::ColumnFamilyOptions Archive::Impl::CfOptions(std::string_view name) const {
  rocksdb::ColumnFamilyOptions o;
  o.compression = rocksdb::kZSTD;
  o.bottommost_compression = rocksdb::kZSTD;
  rocksdb::BlockBasedTableOptions t;
  t.block_cache = cache_;
  t.block_size = 16 * 1024;
  if (name == keys::kArticles || name == keys::kBlocks || name == keys::kAliases ||
      name == keys::kMeta) {
    t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  }
  if (name == keys::kRaw) t.block_size = 64 * 1024;
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  return o;
}

Status Archive::Impl::Open() {
  namespace fs = std::filesystem;
  cache_ = rocksdb::NewLRUCache(64 << 20);
  rocksdb::DBOptions db_options;
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  descriptors.emplace_back(rocksdb::kDefaultColumnFamilyName, CfOptions("default"));
  for (std::string_view name : keys::kColumnFamilies) descriptors.emplace_back(std::string(name), CfOptions(name));

  rocksdb::DB* raw = nullptr;
  rocksdb::Status s;
  std::error_code ec;
  if (mode_ == Mode::kReadWrite) {
    db_options.create_if_missing = true;
    db_options.create_missing_column_families = true;
    // Readers (secondary instances) replay the WAL the writer has not flushed yet: keep it
    // short, so `sinmun get` stays fast beside a busy daemon.
    db_options.max_total_wal_size = 64 << 20;
    // Keep column families a newer build added, so this build can still open the archive.
    std::vector<std::string> existing;
    if (rocksdb::DB::ListColumnFamilies(db_options, dir_, &existing).ok()) {
      for (const auto& name : existing) {
        bool known = std::any_of(descriptors.begin(), descriptors.end(),
                                 [&](const auto& d) { return d.name == name; });
        if (!known) descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
      }
    }
    fs::create_directories(dir_, ec);
    if (ec) return Status::IOError("cannot create archive directory " + dir_ + ": " + ec.message());
    s = rocksdb::DB::Open(db_options, dir_, descriptors, &handles_, &raw);
    if (!s.ok() && s.IsIOError() && ContainsLock(s.ToString())) {
      return Status::Busy("archive " + dir_ + " is held by another writer (is sinmund running?)");
    }
  } else {
    if (!fs::exists(fs::path(dir_) / "CURRENT", ec)) {
      return Status::NotFound("no archive at " + dir_);
    }
    std::vector<std::string> existing;
    s = rocksdb::DB::ListColumnFamilies(db_options, dir_, &existing);
    if (!s.ok()) return FromRocks(s, "archive " + dir_);
    // The changes index is optional for a reader (storage/keys.h).
    if (std::find(existing.begin(), existing.end(), keys::kChanges) == existing.end()) {
      std::erase_if(descriptors, [](const auto& d) { return d.name == keys::kChanges; });
    }
    for (const auto& d : descriptors) {
      if (std::find(existing.begin(), existing.end(), d.name) == existing.end()) {
        return Status::Corruption("archive " + dir_ + " lacks the column family " + d.name);
      }
    }
    std::string templ = (fs::temp_directory_path(ec) / "sinmun-secondary-XXXXXX").string();
    if (mkdtemp(templ.data()) == nullptr) {
      return Status::IOError("cannot create a temporary directory for the read-only instance");
    }
    secondary_dir_ = templ;
    db_options.max_open_files = -1;  // required by secondary instances
    // A reader is a short process: opening the table files on 16 threads per column family
    // cost more in thread start-up than it saved (~330 threads for one `sinmun get`).
    db_options.max_file_opening_threads = 1;
    s = rocksdb::DB::OpenAsSecondary(db_options, dir_, secondary_dir_, descriptors, &handles_, &raw);
  }
  if (!s.ok()) return FromRocks(s, "cannot open archive " + dir_);
  db_.reset(raw);
  for (size_t i = 0; i < handles_.size(); ++i) cfs_[descriptors[i].name] = handles_[i];
  if (mode_ == Mode::kReadOnly) {
    if (Status st = CatchUp(); !st.ok()) return st;
  }
  if (Status st = CheckSchema(); !st.ok()) return st;
  if (mode_ == Mode::kReadWrite) {
    if (Status st = EnsureVersionCount(); !st.ok()) return st;
  }
  if (mode_ == Mode::kReadWrite) return BuildChangesIndex();
  return Status::Ok();
}

int Archive::Impl::DeletionStatus(const std::string& id, uint32_t number) {
  std::string prefix = keys::ArticlePrefix(id);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), Cf(keys::kFetches)));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    pb::FetchRecord rec;
    if (rec.ParseFromArray(it->value().data(), static_cast<int>(it->value().size())) &&
        rec.outcome() == pb::OUTCOME_DELETED && rec.version() == number) {
      return static_cast<int>(rec.http_status());
    }
  }
  return 0;
}

Status Archive::Impl::BuildChangesIndex() {
  {
    std::string flag;
    rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), Cf(keys::kMeta), std::string(keys::kMetaChangesIndexKey), &flag);
    if (s.ok()) return Status::Ok();
    if (!s.IsNotFound()) return FromRocks(s, "reading the changes-index flag");
  }
  // One article at a time: replay its versions, materialise each and summarise it against
  // the one before. Batches are flushed every few thousand entries.
  rocksdb::WriteBatch batch;
  auto flush = [&]() -> Status {
    if (batch.Count() == 0) return Status::Ok();
    Status st = FromRocks(db_->Write(rocksdb::WriteOptions(), &batch), "writing the changes index");
    batch.Clear();
    return st;
  };
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), Cf(keys::kVersions)));
  std::string current;
  State state;
  std::optional<Article> before;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto k = keys::ParseVersionKey(it->key().ToStringView());
    pb::VersionRecord rec;
    if (!k || !rec.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return Status::Corruption("versions: a record does not parse while building the changes index");
    }
    if (k->id != current) {
      current = k->id;
      state = State{};
      before.reset();
    }
    if (Status st = ApplyVersion(k->id, rec, state); !st.ok()) return st;
    auto blocks = LoadBlocks(k->id, k->number, state.refs);
    if (!blocks.ok()) return blocks.status();
    Article after = state.meta;
    after.blocks = std::move(blocks).value();
    const auto cls = static_cast<ChangeClass>(rec.change_class());
    std::optional<ArticleDiff> diff;
    if (before && cls != ChangeClass::kNew && cls != ChangeClass::kDeleted) diff = DiffArticles(*before, after);
    ChangeSummaryInput in;
    in.change_class = cls;
    in.before = before ? &*before : nullptr;
    in.after = &after;
    in.diff = diff ? &*diff : nullptr;
    in.http_status = cls == ChangeClass::kDeleted
                         ? (rec.http_status() != 0 ? static_cast<int>(rec.http_status()) : DeletionStatus(k->id, k->number))
                         : 0;
    in.reextracted_from = rec.reextracted_from();
    pb::ChangeRecord change;
    change.set_change_class(rec.change_class());
    change.set_summary(SummarizeChange(in));
    change.set_portal(after.portal);
    change.set_title(after.title);
    change.set_url(after.url);
    if (rec.reextracted_from() != 0) change.set_reextracted_from(rec.reextracted_from());
    if (Status st = PutRecord(batch, keys::kChanges,
                              keys::ChangeKey(FromSeconds(rec.fetched_at()), k->id, k->number), change);
        !st.ok()) {
      return st;
    }
    if (batch.Count() >= 4096) {
      if (Status st = flush(); !st.ok()) return st;
    }
    before = std::move(after);
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading versions");
  if (Status st = flush(); !st.ok()) return st;
  rocksdb::WriteOptions wo;
  wo.sync = true;
  return FromRocks(db_->Put(wo, Cf(keys::kMeta), std::string(keys::kMetaChangesIndexKey), "1"),
                   "writing the changes-index flag");
}

Result<std::vector<ChangeEntry>> Archive::Impl::Changes(const ChangesQuery& q) {
  if (!HasChanges()) {
    return Status::Unsupported("this archive has no changes index yet: it is built the next time "
                               "sinmund (or a writing sinmun command) opens the archive");
  }
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), Cf(keys::kChanges)));
  if (q.until) {
    std::string bound;
    keys::PutBigEndian64(bound, keys::TimeKey(*q.until));
    it->SeekForPrev(bound);  // the last key with a time before `until`
  } else {
    it->SeekToLast();
  }
  std::vector<ChangeEntry> out;
  for (; it->Valid(); it->Prev()) {
    auto k = keys::ParseChangeKey(it->key().ToStringView());
    if (!k) return Status::Corruption("a changes key does not parse: " + ToHex(it->key().ToStringView()));
    if (q.until && k->fetched_at >= *q.until) continue;
    if (q.since && k->fetched_at < *q.since) break;
    pb::ChangeRecord rec;
    if (!rec.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return Status::Corruption("the changes entry of " + VersionName(k->id, k->version) + " does not parse");
    }
    const auto cls = static_cast<ChangeClass>(rec.change_class());
    if (!q.classes.empty() && std::find(q.classes.begin(), q.classes.end(), cls) == q.classes.end()) continue;
    if (!q.portal.empty() && rec.portal() != q.portal) continue;
    ChangeEntry e;
    e.id = std::move(k->id);
    e.version = k->version;
    e.fetched_at = k->fetched_at;
    e.change_class = cls;
    e.portal = rec.portal();
    e.title = rec.title();
    e.url = rec.url();
    e.summary = rec.summary();
    e.reextracted_from = rec.reextracted_from();
    out.push_back(std::move(e));
    if (q.limit != 0 && out.size() >= q.limit) break;
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading the changes index");
  return out;
}

Status Archive::Impl::ForEachVersion(
    const ExportQuery& q, const std::function<Status(const StoredVersion&, const ArticleHead&)>& fn) {
  // A writer's archive may change while we read: pin one snapshot. (A read-only instance
  // changes only on CatchUp, which we do not call.)
  const rocksdb::Snapshot* snapshot = mode_ == Mode::kReadWrite ? db_->GetSnapshot() : nullptr;
  struct Release {
    rocksdb::DB* db;
    const rocksdb::Snapshot* s;
    ~Release() {
      if (s != nullptr) db->ReleaseSnapshot(s);
    }
  } release{db_.get(), snapshot};
  rocksdb::ReadOptions ro;
  ro.snapshot = snapshot;
  ro.fill_cache = false;  // a full pass would only evict what interactive reads need
  auto in_range = [&](int64_t fetched_at) {
    Instant t = FromSeconds(fetched_at);
    return (!q.since || t >= *q.since) && (!q.until || t < *q.until);
  };
  auto head_of = [&](const std::string& id) -> Result<pb::HeadRecord> {
    std::string value;
    rocksdb::Status s = db_->Get(ro, Cf(keys::kArticles), id, &value);
    if (s.IsNotFound()) return Status::Corruption(id + " has versions but no head");
    if (!s.ok()) return FromRocks(s, "reading the head of " + id);
    pb::HeadRecord h;
    if (!h.ParseFromString(value)) return Status::Corruption("head of " + id + " does not parse");
    return h;
  };

  if (!q.all_versions) {
    // Latest versions: walk the heads; read each one's chain from its last snapshot.
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, Cf(keys::kArticles)));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string id = it->key().ToString();
      pb::HeadRecord h;
      if (!h.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
        return Status::Corruption("head of " + id + " does not parse");
      }
      if (!q.portal.empty() && h.portal() != q.portal) continue;
      if (h.latest_version() == 0) continue;
      // ReadChain reads without the snapshot; the head's latest version is in it either way.
      auto chain = ReadChain(id, h.latest_version(), /*fill_cache=*/false);
      if (!chain.ok()) return chain.status();
      if (!in_range(chain->last.fetched_at())) continue;
      auto v = Materialize(id, std::move(chain).value(), &ro);
      if (!v.ok()) return v.status();
      if (Status st = fn(*v, HeadFromPb(id, h)); !st.ok()) return st;
    }
    if (!it->status().ok()) return FromRocks(it->status(), "reading heads");
    return Status::Ok();
  }

  // Every version: one pass over the versions CF, replaying each article's chain.
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, Cf(keys::kVersions)));
  std::string current;
  State state;
  std::optional<ArticleHead> head;
  std::unordered_map<std::string, Block> memo;  // the current article's last version's blocks
  bool skip = false;
  for (it->SeekToFirst(); it->Valid();) {
    auto k = keys::ParseVersionKey(it->key().ToStringView());
    if (!k) return Status::Corruption("versions: a key does not parse: " + ToHex(it->key().ToStringView()));
    if (k->id != current) {
      current = k->id;
      state = State{};
      memo.clear();
      auto h = head_of(current);
      if (!h.ok()) return h.status();
      skip = !q.portal.empty() && h->portal() != q.portal;
      head = HeadFromPb(current, *h);
      if (skip) {
        // Past every key of this article: the prefix "id 0x00" is followed by "id 0x01".
        std::string next = current;
        next.push_back('\x01');
        it->Seek(next);
        continue;
      }
    }
    pb::VersionRecord rec;
    if (!rec.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return Status::Corruption(VersionName(k->id, k->number) + ": the record does not parse");
    }
    if (k->number > head->versions) {  // written after the head we read: not in this pass
      it->Next();
      continue;
    }
    if (Status st = ApplyVersion(k->id, rec, state); !st.ok()) return st;
    if (in_range(rec.fetched_at())) {
      Chain chain{state, rec};
      auto v = Materialize(current, std::move(chain), &ro, &memo);
      if (!v.ok()) return v.status();
      if (Status st = fn(*v, *head); !st.ok()) return st;
    }
    it->Next();
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading versions");
  return Status::Ok();
}

Status Archive::Impl::CheckSchema() {
  pb::MetaRecord meta;
  Status st = GetRecord(keys::kMeta, std::string(keys::kMetaSchemaKey), meta, "schema record");
  if (st.IsNotFound()) {
    if (mode_ == Mode::kReadOnly) {
      return Status::Corruption("archive " + dir_ + " has no schema record");
    }
    meta.set_schema_version(keys::kSchemaVersion);
    rocksdb::WriteOptions wo;
    wo.sync = true;
    return FromRocks(db_->Put(wo, Cf(keys::kMeta), std::string(keys::kMetaSchemaKey),
                              meta.SerializeAsString()),
                     "writing the schema record");
  }
  if (!st.ok()) return st;
  if (meta.schema_version() > keys::kSchemaVersion) {
    return Status::Unsupported("archive " + dir_ + " has schema version " +
                               std::to_string(meta.schema_version()) + "; this sinmun reads up to " +
                               std::to_string(keys::kSchemaVersion) + " (upgrade sinmun)");
  }
  return Status::Ok();
}

template <typename Message>
Status Archive::Impl::GetRecord(std::string_view cf, const std::string& key, Message& out,
                                std::string_view what) {
  rocksdb::PinnableSlice value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), Cf(cf), key, &value);
  if (s.IsNotFound()) return Status::NotFound(std::string(what) + " not found");
  if (!s.ok()) return FromRocks(s, std::string("reading ") + std::string(what));
  if (!out.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
    return Status::Corruption(std::string(what) + " does not parse");
  }
  return Status::Ok();
}

Status Archive::Impl::PutRecord(rocksdb::WriteBatch& batch, std::string_view cf, const std::string& key,
                                const google::protobuf::MessageLite& msg) {
  return FromRocks(batch.Put(Cf(cf), key, msg.SerializeAsString()), "batching a record");
}

Result<pb::HeadRecord> Archive::Impl::GetHead(const std::string& id) {
  pb::HeadRecord head;
  Status st = GetRecord(keys::kArticles, id, head, "head of " + id);
  if (st.IsNotFound()) return Status::NotFound("no article " + id);
  if (!st.ok()) return st;
  return head;
}

Result<Archive::Impl::Chain> Archive::Impl::ReadChain(const std::string& id, uint32_t number, bool fill_cache) {
  if (number == 0) return Status::NotFound("no version 0 of " + id);
  uint32_t snapshot = ((number - 1) / kSnapshotInterval) * kSnapshotInterval + 1;
  std::string end = keys::VersionKey(id, number + 1);
  rocksdb::Slice upper(end);
  rocksdb::ReadOptions ro;
  ro.iterate_upper_bound = &upper;
  ro.fill_cache = fill_cache;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, Cf(keys::kVersions)));
  Chain chain;
  uint32_t expect = snapshot;
  for (it->Seek(keys::VersionKey(id, snapshot)); it->Valid(); it->Next()) {
    auto k = keys::ParseVersionKey(it->key().ToStringView());
    if (!k || k->id != id) break;
    if (k->number != expect) {
      return Status::Corruption(VersionName(id, expect) + " is missing");
    }
    pb::VersionRecord rec;
    if (!rec.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return Status::Corruption(VersionName(id, expect) + ": the record does not parse");
    }
    if (rec.number() != expect) {
      return Status::Corruption(VersionName(id, expect) + ": the record says version " +
                                std::to_string(rec.number()));
    }
    if (expect == snapshot && !rec.snapshot()) {
      return Status::Corruption(VersionName(id, expect) + " should be a snapshot and is not");
    }
    if (Status st = ApplyVersion(id, rec, chain.state); !st.ok()) return st;
    chain.last = std::move(rec);
    ++expect;
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading versions of " + id);
  if (expect != number + 1) {
    if (expect == snapshot) return Status::NotFound("no " + VersionName(id, number));
    return Status::Corruption(VersionName(id, expect) + " is missing");
  }
  return chain;
}

Result<std::vector<Block>> Archive::Impl::LoadBlocks(const std::string& id, uint32_t number,
                                                     const std::vector<Ref>& refs,
                                                     const rocksdb::ReadOptions* read) {
  std::vector<rocksdb::Slice> slices;
  std::vector<rocksdb::ColumnFamilyHandle*> cfs(refs.size(), Cf(keys::kBlocks));
  slices.reserve(refs.size());
  for (const Ref& r : refs) slices.emplace_back(r.hash);
  std::vector<std::string> values;
  std::vector<rocksdb::Status> statuses =
      db_->MultiGet(read != nullptr ? *read : rocksdb::ReadOptions(), cfs, slices, &values);
  std::vector<Block> blocks;
  blocks.reserve(refs.size());
  for (size_t i = 0; i < refs.size(); ++i) {
    if (statuses[i].IsNotFound()) {
      return Status::Corruption(VersionName(id, number) + ": block " + ToHex(refs[i].hash) + " is missing");
    }
    if (!statuses[i].ok()) return FromRocks(statuses[i], "reading block " + ToHex(refs[i].hash));
    pb::BlockRecord rec;
    if (!rec.ParseFromString(values[i])) {
      return Status::Corruption("block " + ToHex(refs[i].hash) + " does not parse");
    }
    Block b;
    b.type = refs[i].type;
    b.text = rec.text();
    b.src = rec.src();
    b.publisher_hash = refs[i].publisher_hash;
    b.publisher_id = refs[i].publisher_id;
    blocks.push_back(std::move(b));
  }
  return blocks;
}

Result<StoredVersion> Archive::Impl::Materialize(const std::string& id, Chain chain,
                                                const rocksdb::ReadOptions* read,
                                                std::unordered_map<std::string, Block>* memo) {
  std::vector<Ref> wanted;
  if (memo != nullptr) {
    for (const Ref& r : chain.state.refs) {
      if (!memo->contains(r.hash)) wanted.push_back(r);
    }
  }
  auto blocks = LoadBlocks(id, chain.last.number(), memo != nullptr ? wanted : chain.state.refs, read);
  if (!blocks.ok()) return blocks.status();
  if (memo != nullptr) {
    std::unordered_map<std::string, Block> next;
    size_t loaded = 0;
    std::vector<Block> all;
    all.reserve(chain.state.refs.size());
    for (const Ref& r : chain.state.refs) {
      Block b;
      if (auto it = memo->find(r.hash); it != memo->end()) {
        b = it->second;
      } else {
        b = (*blocks)[loaded++];
      }
      b.type = r.type;
      b.publisher_hash = r.publisher_hash;
      b.publisher_id = r.publisher_id;
      next.emplace(r.hash, b);
      all.push_back(std::move(b));
    }
    *memo = std::move(next);
    *blocks = std::move(all);
  }
  StoredVersion v;
  v.info = VersionInfo{chain.last.number(),
                       FromSeconds(chain.last.fetched_at()),
                       static_cast<ChangeClass>(chain.last.change_class()),
                       chain.state.meta.title,
                       static_cast<int>(chain.last.added()),
                       static_cast<int>(chain.last.removed()),
                       static_cast<int>(chain.last.edited()),
                       chain.last.reextracted_from()};
  v.http_status = static_cast<int>(chain.last.http_status());
  v.content_type = chain.last.content_type();
  v.response_headers = chain.last.response_headers();
  v.fetched_url = chain.last.has_fetched_url() ? chain.last.fetched_url() : chain.state.meta.url;
  v.article = std::move(chain.state.meta);
  v.article.blocks = std::move(blocks).value();
  return v;
}

Result<RecordResult> Archive::Impl::Record(const Fetch& fetch, uint32_t reextracted_from) {
  const bool reextraction = reextracted_from != 0;
  if (mode_ == Mode::kReadOnly) return Status::Unsupported("the archive is open read-only");
  const int code = fetch.http_status;
  if (code != 200 && code != 304 && code != 404 && code != 410) {
    return Status::InvalidArgument("Record takes HTTP 200, 304, 404 or 410, not " + std::to_string(code));
  }
  if (code == 200 && !fetch.article) return Status::InvalidArgument("a 200 fetch needs an article");
  std::string id;
  if (fetch.article && !fetch.article->id.empty()) {
    id = fetch.article->id;
  } else if (!fetch.article) {
    // A 304/404/410 names the article only by the URL fetched, which may be any alias
    // (a mirror, a feed's link) rather than the canonical one.
    auto resolved = Resolve(fetch.url);
    if (resolved.ok()) {
      id = *resolved;
    } else if (!resolved.status().IsNotFound()) {
      return resolved.status();
    } else if (auto derived = ArticleIdForUrl(fetch.url)) {
      id = *derived;
    }
  } else {
    auto derived = ArticleIdForUrl(!fetch.article->url.empty() ? fetch.article->url : fetch.url);
    if (derived) id = *derived;
  }
  if (id.empty() || id.find('\0') != std::string::npos) {
    return Status::InvalidArgument("no article id for " + fetch.url);
  }

  std::lock_guard<std::mutex> lock(write_mu_);
  int64_t now = Seconds(fetch.fetched_at);
  pb::HeadRecord head;
  bool exists = true;
  {
    auto h = GetHead(id);
    if (h.ok()) {
      head = std::move(h).value();
    } else if (h.status().IsNotFound()) {
      exists = false;
    } else {
      return h.status();
    }
  }
  if (!exists && code != 200) {
    return Status::NotFound("no article " + id + " recorded; a " + std::to_string(code) +
                            " for it is not recorded");
  }
  if (reextraction) {
    if (!exists) return Status::NotFound("no article " + id);
    if (reextracted_from > head.latest_version()) return Status::NotFound("no " + VersionName(id, reextracted_from));
    if (head.deleted()) {
      return Status::InvalidArgument(id + " is deleted; its last version is not re-extracted");
    }
  }

  rocksdb::WriteBatch batch;
  RecordResult result{Outcome::kUnchanged, id, head.latest_version(), ChangeClass::kNew};
  const Article* article = fetch.article ? &*fetch.article : nullptr;

  // Decide the outcome; fill `next` (the new version's content) when one is written.
  std::optional<Chain> prev;  // latest stored version, when needed
  std::vector<Ref> next_refs;
  std::optional<ChangeClass> new_class;
  int added = 0, removed = 0, edited = 0;
  // For the changes index's summary: the previous version's content and the diff.
  std::optional<Article> before_article;
  std::optional<ArticleDiff> kept_diff;
  auto load_prev = [&]() -> Status {
    auto c = ReadChain(id, head.latest_version());
    if (!c.ok()) return c.status();
    prev = std::move(c).value();
    return Status::Ok();
  };
  auto diff_against_prev = [&]() -> Status {
    // Blocks the new article still holds need not be read back: only the others are loaded.
    std::unordered_map<std::string, const Block*> known;
    for (const Block& block : article->blocks) known.emplace(BlockHash(block), &block);
    std::vector<Ref> missing;
    for (const Ref& r : prev->state.refs) {
      if (!known.contains(r.hash)) missing.push_back(r);
    }
    auto loaded = LoadBlocks(id, head.latest_version(), missing);
    if (!loaded.ok()) return loaded.status();
    Article b = prev->state.meta;
    size_t next_loaded = 0;
    for (const Ref& r : prev->state.refs) {
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
      b.blocks.push_back(std::move(block));
    }
    ArticleDiff diff = DiffArticles(b, *article);
    added = diff.added;
    removed = diff.removed;
    edited = diff.edited;
    if (!new_class) new_class = ClassifyChange(b, *article, diff);
    before_article = std::move(b);
    kept_diff = std::move(diff);
    return Status::Ok();
  };

  if (reextraction) {
    if (Status st = load_prev(); !st.ok()) return st;
    now = std::max(now, prev->last.fetched_at());  // versions stay in time order
    for (const Block& b : article->blocks) next_refs.push_back(RefOf(b));
    if (ContentEqual(prev->state, *article, next_refs)) {
      result.version = head.latest_version();
      result.change_class = static_cast<ChangeClass>(prev->last.change_class());
      return result;  // nothing to correct: nothing written
    }
    result.outcome = Outcome::kChanged;
    new_class = ChangeClass::kReextracted;
    if (Status st = diff_against_prev(); !st.ok()) return st;
  } else if (!exists) {
    result.outcome = Outcome::kNew;
    new_class = ChangeClass::kNew;
    added = static_cast<int>(article->blocks.size());
    head.set_first_seen(now);
    if (Status st = FromRocks(batch.Put(Cf(keys::kByTime), keys::ByTimeKey(fetch.fetched_at, id), ""),
                              "batching");
        !st.ok()) {
      return st;
    }
  } else if (code == 304) {
    result.outcome = Outcome::kUnchanged;
  } else if (code == 404 || code == 410) {
    if (!head.deleted()) {
      if (Status st = load_prev(); !st.ok()) return st;
      result.outcome = Outcome::kDeleted;
      new_class = ChangeClass::kDeleted;
    }
  } else if (head.deleted()) {
    if (Status st = load_prev(); !st.ok()) return st;
    result.outcome = Outcome::kRestored;
    new_class = ChangeClass::kRestored;
    if (Status st = diff_against_prev(); !st.ok()) return st;
  } else {
    std::string fast = FastKey(*article);
    if (fast.empty() || fast != head.fast_key()) {
      if (Status st = load_prev(); !st.ok()) return st;
      for (const Block& b : article->blocks) next_refs.push_back(RefOf(b));
      if (ContentEqual(prev->state, *article, next_refs)) {
        head.set_fast_key(fast);
      } else {
        result.outcome = Outcome::kChanged;
        if (Status st = diff_against_prev(); !st.ok()) return st;
      }
    }
  }

  if (new_class) {
    const uint32_t number = head.latest_version() + 1;
    const bool snapshot = (number - 1) % kSnapshotInterval == 0;
    pb::VersionRecord rec;
    rec.set_number(number);
    rec.set_fetched_at(now);
    rec.set_change_class(static_cast<pb::ChangeClassPb>(*new_class));
    rec.set_added(static_cast<uint32_t>(added));
    rec.set_removed(static_cast<uint32_t>(removed));
    rec.set_edited(static_cast<uint32_t>(edited));
    rec.set_snapshot(snapshot);
    if (reextraction) {
      rec.set_reextracted_from(reextracted_from);
    } else {
      rec.set_http_status(static_cast<uint32_t>(code));
      if (!fetch.content_type.empty()) rec.set_content_type(fetch.content_type);
      if (!fetch.response_headers.empty()) rec.set_response_headers(fetch.response_headers);
      if (!fetch.url.empty() && (!article || fetch.url != article->url)) rec.set_fetched_url(fetch.url);
    }
    const Article* prev_meta = snapshot || !prev ? nullptr : &prev->state.meta;
    const std::vector<Ref>* prev_refs = snapshot || !prev ? nullptr : &prev->state.refs;
    if (*new_class == ChangeClass::kDeleted) {
      // The last live content, flagged by the class.
      EncodeMeta(prev_meta, prev->state.meta, rec);
      EncodeBlocks(prev_refs, prev->state.refs, rec);
    } else {
      if (next_refs.empty()) {
        for (const Block& b : article->blocks) next_refs.push_back(RefOf(b));
      }
      Article meta = *article;
      meta.blocks.clear();
      meta.id = id;
      EncodeMeta(prev_meta, meta, rec);
      EncodeBlocks(prev_refs, next_refs, rec);
      // Store blocks not yet in the archive.
      std::unordered_set<std::string> batched;
      for (size_t i = 0; i < next_refs.size(); ++i) {
        const std::string& hash = next_refs[i].hash;
        if (!batched.insert(hash).second) continue;
        rocksdb::PinnableSlice existing;
        rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), Cf(keys::kBlocks), hash, &existing);
        if (s.ok()) continue;
        if (!s.IsNotFound()) return FromRocks(s, "reading block " + ToHex(hash));
        pb::BlockRecord block;
        block.set_text(article->blocks[i].text);
        if (!article->blocks[i].src.empty()) block.set_src(article->blocks[i].src);
        if (Status st = PutRecord(batch, keys::kBlocks, hash, block); !st.ok()) return st;
      }
      head.set_title(article->title);
      head.set_url(article->url.empty() ? fetch.url : article->url);
      head.set_portal(article->portal);
      head.set_press(article->press);
      if (article->published) {
        head.set_published(Seconds(*article->published));
      } else {
        head.clear_published();
      }
      head.set_fast_key(FastKey(*article));
      if (options_.keep_raw && !fetch.raw.empty()) {
        if (Status st = FromRocks(batch.Put(Cf(keys::kRaw), keys::RawKey(id, number), fetch.raw), "batching");
            !st.ok()) {
          return st;
        }
      }
    }
    if (Status st = PutRecord(batch, keys::kVersions, keys::VersionKey(id, number), rec); !st.ok()) return st;
    {
      const Article& shown = *new_class == ChangeClass::kDeleted ? prev->state.meta : *article;
      ChangeSummaryInput in;
      in.change_class = *new_class;
      in.before = before_article ? &*before_article : nullptr;
      in.after = &shown;
      in.diff = kept_diff ? &*kept_diff : nullptr;
      in.http_status = code;
      in.reextracted_from = reextracted_from;
      pb::ChangeRecord change;
      change.set_change_class(static_cast<pb::ChangeClassPb>(*new_class));
      change.set_summary(SummarizeChange(in));
      change.set_portal(shown.portal);
      change.set_title(shown.title);
      change.set_url(shown.url.empty() ? fetch.url : shown.url);
      if (reextraction) change.set_reextracted_from(reextracted_from);
      if (Status st = PutRecord(batch, keys::kChanges, keys::ChangeKey(FromSeconds(now), id, number), change);
          !st.ok()) {
        return st;
      }
    }
    if (Status st = AddVersionCount(batch); !st.ok()) return st;
    head.set_latest_version(number);
    head.set_deleted(*new_class == ChangeClass::kDeleted);
    result.version = number;
    result.change_class = *new_class;
  } else {
    result.version = head.latest_version();
    result.change_class = ChangeClass::kNew;
    if (prev) {
      result.change_class = static_cast<ChangeClass>(prev->last.change_class());
    } else if (head.latest_version() > 0) {
      pb::VersionRecord latest;
      Status st = GetRecord(keys::kVersions, keys::VersionKey(id, head.latest_version()), latest,
                            VersionName(id, head.latest_version()));
      if (!st.ok()) return st;
      result.change_class = static_cast<ChangeClass>(latest.change_class());
    }
  }

  // Aliases: every URL this article was fetched or published under.
  std::vector<std::string> urls = {fetch.url};
  urls.insert(urls.end(), fetch.aliases.begin(), fetch.aliases.end());
  if (article && !article->url.empty()) urls.push_back(article->url);
  for (const std::string& url : urls) {
    auto canonical = CanonicalUrl(url);
    if (!canonical) continue;
    std::string current;
    rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), Cf(keys::kAliases), *canonical, &current);
    if (s.ok() && current == id) continue;
    if (!s.ok() && !s.IsNotFound()) return FromRocks(s, "reading alias " + *canonical);
    if (Status st = FromRocks(batch.Put(Cf(keys::kAliases), *canonical, id), "batching"); !st.ok()) return st;
  }

  // Head and fetch log (a re-extraction is not a fetch: only the head's content changes).
  if (reextraction) {
    if (Status st = PutRecord(batch, keys::kArticles, id, head); !st.ok()) return st;
    rocksdb::WriteOptions wo;
    wo.sync = options_.sync;
    if (Status st = FromRocks(db_->Write(wo, &batch), "writing re-extraction of " + id); !st.ok()) return st;
    return result;
  }
  if (code == 200 || code == 304) {
    head.set_last_seen(now);
    if (code == 200) {
      head.set_etag(fetch.etag);
      head.set_last_modified(fetch.last_modified);
    } else {
      if (!fetch.etag.empty()) head.set_etag(fetch.etag);
      if (!fetch.last_modified.empty()) head.set_last_modified(fetch.last_modified);
    }
  }
  head.set_last_checked(std::max(head.last_checked(), now));
  pb::FetchRecord log;
  log.set_http_status(static_cast<uint32_t>(code));
  log.set_outcome(OutcomeToPb(result.outcome));
  log.set_version(result.version);
  const auto seq = static_cast<uint32_t>(head.fetch_count());
  head.set_fetch_count(head.fetch_count() + 1);
  if (Status st = PutRecord(batch, keys::kFetches, keys::FetchKey(id, fetch.fetched_at, seq), log); !st.ok()) {
    return st;
  }
  if (Status st = PutRecord(batch, keys::kArticles, id, head); !st.ok()) return st;

  if (Status st = AddScheduleChange(batch, fetch.schedule); !st.ok()) return st;
  rocksdb::WriteOptions wo;
  wo.sync = options_.sync;
  if (Status st = FromRocks(db_->Write(wo, &batch), "writing fetch of " + id); !st.ok()) return st;
  return result;
}

Status Archive::Impl::AddScheduleChange(rocksdb::WriteBatch& batch, const ScheduleChange& change) {
  for (const std::string& key : change.erase) {
    if (Status st = FromRocks(batch.Delete(Cf(keys::kSchedule), key), "batching"); !st.ok()) return st;
  }
  for (const auto& [key, value] : change.put) {
    if (Status st = FromRocks(batch.Put(Cf(keys::kSchedule), key, value), "batching"); !st.ok()) return st;
  }
  return Status::Ok();
}

Status Archive::Impl::UpdateSchedule(const ScheduleChange& change) {
  if (mode_ == Mode::kReadOnly) return Status::Unsupported("the archive is open read-only");
  if (change.empty()) return Status::Ok();
  rocksdb::WriteBatch batch;
  if (Status st = AddScheduleChange(batch, change); !st.ok()) return st;
  rocksdb::WriteOptions wo;
  wo.sync = options_.sync;
  return FromRocks(db_->Write(wo, &batch), "writing the schedule");
}

Result<std::vector<std::pair<std::string, std::string>>> Archive::Impl::LoadSchedule() {
  std::vector<std::pair<std::string, std::string>> out;
  rocksdb::ReadOptions ro;
  ro.fill_cache = false;  // read once at start: do not crowd out what the crawl reads
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, Cf(keys::kSchedule)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    out.emplace_back(it->key().ToString(), it->value().ToString());
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading the schedule");
  return out;
}

Status Archive::Impl::SetSourceHealth(const std::string& source, const std::string& note) {
  if (mode_ == Mode::kReadOnly) return Status::Unsupported("the archive is open read-only");
  std::string key = std::string(keys::kMetaHealthPrefix) + source;
  rocksdb::WriteOptions wo;
  wo.sync = options_.sync;
  rocksdb::Status s = note.empty() ? db_->Delete(wo, Cf(keys::kMeta), key)
                                   : db_->Put(wo, Cf(keys::kMeta), key, note);
  return FromRocks(s, "writing the health of source " + source);
}

Result<uint64_t> Archive::Impl::ArticleCountEstimate() {
  uint64_t n = 0;
  if (!db_->GetIntProperty(Cf(keys::kArticles), "rocksdb.estimate-num-keys", &n)) {
    return Status::IOError("cannot read the article count estimate");
  }
  return n;
}

Status Archive::Impl::SyncWal() {
  if (mode_ == Mode::kReadOnly) return Status::Ok();
  return FromRocks(db_->SyncWAL(), "syncing the WAL");
}

Result<std::string> Archive::Impl::Resolve(std::string_view id_or_url) {
  std::string text(id_or_url);
  if (LooksLikeArticleId(text)) {
    auto h = GetHead(text);
    if (h.ok()) return text;
    if (!h.status().IsNotFound()) return h.status();
  }
  if (auto canonical = CanonicalUrl(text)) {
    std::string id;
    rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), Cf(keys::kAliases), *canonical, &id);
    if (s.ok()) return id;
    if (!s.IsNotFound()) return FromRocks(s, "reading alias " + *canonical);
    if (auto derived = ArticleIdForUrl(text)) {
      auto h = GetHead(*derived);
      if (h.ok()) return *derived;
      if (!h.status().IsNotFound()) return h.status();
    }
  }
  return Status::NotFound("no article for " + text);
}

Result<ArticleHead> Archive::Impl::Head(const std::string& id) {
  auto h = GetHead(id);
  if (!h.ok()) return h.status();
  return HeadFromPb(id, *h);
}

Result<std::vector<VersionInfo>> Archive::Impl::History(const std::string& id) {
  auto h = GetHead(id);
  if (!h.ok()) return h.status();
  std::string prefix = keys::ArticlePrefix(id);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), Cf(keys::kVersions)));
  std::vector<VersionInfo> out;
  State st;
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    pb::VersionRecord rec;
    if (!rec.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return Status::Corruption(VersionName(id, static_cast<uint32_t>(out.size() + 1)) + ": the record does not parse");
    }
    if (rec.number() != out.size() + 1) {
      return Status::Corruption(VersionName(id, static_cast<uint32_t>(out.size() + 1)) + " is missing");
    }
    if (Status s = ApplyVersion(id, rec, st); !s.ok()) return s;
    out.push_back(VersionInfo{rec.number(), FromSeconds(rec.fetched_at()),
                              static_cast<ChangeClass>(rec.change_class()), st.meta.title,
                              static_cast<int>(rec.added()), static_cast<int>(rec.removed()),
                              static_cast<int>(rec.edited()), rec.reextracted_from()});
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading versions of " + id);
  return out;
}

Result<StoredVersion> Archive::Impl::Version(const std::string& id, uint32_t number) {
  auto h = GetHead(id);
  if (!h.ok()) return h.status();
  if (number == 0 || number > h->latest_version()) {
    return Status::NotFound(id + " has versions 1 to " + std::to_string(h->latest_version()) +
                            ", not " + std::to_string(number));
  }
  auto chain = ReadChain(id, number);
  if (!chain.ok()) return chain.status();
  return Materialize(id, std::move(chain).value());
}

Result<StoredVersion> Archive::Impl::VersionAt(const std::string& id, Instant t) {
  auto h = GetHead(id);
  if (!h.ok()) return h.status();
  std::string prefix = keys::ArticlePrefix(id);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), Cf(keys::kVersions)));
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
  rocksdb::Status s = db_->Get(ro, Cf(keys::kRaw), keys::RawKey(id, number), &value);
  if (s.IsNotFound()) return Status::NotFound("no raw bytes kept for " + VersionName(id, number));
  if (!s.ok()) return FromRocks(s, "reading raw bytes of " + VersionName(id, number));
  return value;
}

Result<std::vector<Archive::FetchLogEntry>> Archive::Impl::FetchLog(const std::string& id) {
  auto h = GetHead(id);
  if (!h.ok()) return h.status();
  std::string prefix = keys::ArticlePrefix(id);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), Cf(keys::kFetches)));
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

Result<std::vector<ArticleHead>> Archive::Impl::List(const ListQuery& q) {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), Cf(keys::kByTime)));
  if (q.until) {
    std::string bound;
    keys::PutBigEndian64(bound, keys::TimeKey(*q.until));
    it->SeekForPrev(bound);  // the last key with a time before `until`
  } else {
    it->SeekToLast();
  }
  std::vector<ArticleHead> out;
  for (; it->Valid(); it->Prev()) {
    auto entry = keys::ParseByTimeKey(it->key().ToStringView());
    if (!entry) return Status::Corruption("a by_time key does not parse");
    if (q.until && entry->first_seen >= *q.until) continue;
    if (q.since && entry->first_seen < *q.since) break;
    auto h = GetHead(entry->id);
    if (!h.ok()) {
      if (h.status().IsNotFound()) return Status::Corruption("by_time names " + entry->id + ", which has no head");
      return h.status();
    }
    if (!q.portal.empty() && h->portal() != q.portal) continue;
    if (q.edited_only && h->latest_version() < 2) continue;
    out.push_back(HeadFromPb(entry->id, *h));
    if (q.limit != 0 && out.size() >= q.limit) break;
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading by_time");
  return out;
}

Result<ArchiveStats> Archive::Impl::Stats() {
  ArchiveStats stats;
  {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), Cf(keys::kArticles)));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      pb::HeadRecord h;
      if (!h.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
        return Status::Corruption("head of " + it->key().ToString() + " does not parse");
      }
      ++stats.articles;
      stats.versions += h.latest_version();
      stats.fetches += h.fetch_count();
      PortalStats& p = stats.per_portal[h.portal()];
      ++p.articles;
      p.versions += h.latest_version();
    }
    if (!it->status().ok()) return FromRocks(it->status(), "reading heads");
  }
  {
    rocksdb::ReadOptions ro;
    ro.fill_cache = false;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, Cf(keys::kBlocks)));
    for (it->SeekToFirst(); it->Valid(); it->Next()) ++stats.blocks;
    if (!it->status().ok()) return FromRocks(it->status(), "reading blocks");
  }
  {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), Cf(keys::kMeta)));
    for (it->Seek(keys::kMetaHealthPrefix); it->Valid() && it->key().starts_with(keys::kMetaHealthPrefix);
         it->Next()) {
      stats.unhealthy_sources[it->key().ToString().substr(keys::kMetaHealthPrefix.size())] =
          it->value().ToString();
    }
    if (!it->status().ok()) return FromRocks(it->status(), "reading source health");
  }
  std::error_code ec;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir_, ec)) {
    std::error_code size_ec;
    if (entry.is_regular_file(size_ec)) {
      auto size = entry.file_size(size_ec);
      if (!size_ec) stats.bytes_on_disk += size;
    }
  }
  if (ec) return Status::IOError("cannot list " + dir_ + ": " + ec.message());
  return stats;
}

Result<VerifyReport> Archive::Impl::Verify() {
  VerifyReport report;
  auto problem = [&](std::string text) { report.problems.push_back(std::move(text)); };

  {
    pb::MetaRecord meta;
    Status st = GetRecord(keys::kMeta, std::string(keys::kMetaSchemaKey), meta, "schema record");
    if (!st.ok()) problem("meta: " + st.message());
  }

  // Blocks: each parses and hashes to its key.
  std::unordered_set<std::string> block_keys;
  {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), Cf(keys::kBlocks)));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string key = it->key().ToString();
      block_keys.insert(key);
      ++report.blocks;
      pb::BlockRecord rec;
      if (!rec.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
        problem("block " + ToHex(key) + ": the record does not parse");
        continue;
      }
      Block b;
      b.text = rec.text();
      b.src = rec.src();
      if (BlockHash(b) != key) problem("block " + ToHex(key) + ": its text does not hash to its key");
    }
    if (!it->status().ok()) return FromRocks(it->status(), "reading blocks");
  }

  // Heads.
  std::map<std::string, pb::HeadRecord> heads;
  {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), Cf(keys::kArticles)));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string id = it->key().ToString();
      ++report.articles;
      pb::HeadRecord h;
      if (!h.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
        problem(id + ": the head record does not parse");
        continue;
      }
      heads.emplace(std::move(id), std::move(h));
    }
    if (!it->status().ok()) return FromRocks(it->status(), "reading heads");
  }

  // Versions, one article's run at a time, replayed in order.
  struct Run {
    std::string id;
    State state;
    uint32_t last = 0;
    bool broken = false;
    pb::ChangeClassPb last_class = pb::NEW;
  };
  std::unordered_set<std::string> with_versions;
  // The changes index must hold exactly one entry per version: key -> class expected.
  std::unordered_map<std::string, pb::ChangeClassPb> expected_changes;
  auto finish = [&](const Run& run) {
    if (run.id.empty()) return;
    with_versions.insert(run.id);
    auto h = heads.find(run.id);
    if (h == heads.end()) {
      problem(run.id + ": has versions but no head");
      return;
    }
    if (run.broken) return;
    if (h->second.latest_version() != run.last) {
      problem(run.id + ": the head says " + std::to_string(h->second.latest_version()) +
              " versions, the archive holds " + std::to_string(run.last));
    }
    if (h->second.title() != run.state.meta.title) {
      problem(run.id + ": the head's title differs from version " + std::to_string(run.last));
    }
    if (h->second.deleted() != (run.last_class == pb::DELETED)) {
      problem(run.id + ": the head's deleted flag disagrees with version " + std::to_string(run.last));
    }
  };
  {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), Cf(keys::kVersions)));
    Run run;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      auto k = keys::ParseVersionKey(it->key().ToStringView());
      if (!k) {
        problem("versions: a key does not parse: " + ToHex(it->key().ToStringView()));
        continue;
      }
      if (k->id != run.id) {
        finish(run);
        run = Run{};
        run.id = k->id;
      }
      ++report.versions;
      if (run.broken) continue;
      if (k->number != run.last + 1) {
        problem(VersionName(k->id, run.last + 1) + " is missing");
        run.broken = true;
        continue;
      }
      pb::VersionRecord rec;
      if (!rec.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
        problem(VersionName(k->id, k->number) + ": the record does not parse");
        run.broken = true;
        continue;
      }
      if (rec.number() != k->number) {
        problem(VersionName(k->id, k->number) + ": the record says version " + std::to_string(rec.number()));
      }
      if (Status st = ApplyVersion(k->id, rec, run.state); !st.ok()) {
        problem(st.message());
        run.broken = true;
        continue;
      }
      run.last = k->number;
      run.last_class = rec.change_class();
      expected_changes.emplace(keys::ChangeKey(FromSeconds(rec.fetched_at()), k->id, k->number),
                               rec.change_class());
      // Only inserted refs are new; copied ones were checked with an earlier version.
      for (const pb::BlockOp& op : rec.blocks()) {
        if (op.op_case() == pb::BlockOp::kInsert && !block_keys.contains(op.insert().hash())) {
          problem(VersionName(k->id, k->number) + ": block " + ToHex(op.insert().hash()) + " is missing");
        }
      }
    }
    finish(run);
    if (!it->status().ok()) return FromRocks(it->status(), "reading versions");
  }
  for (const auto& [id, h] : heads) {
    if (!with_versions.contains(id)) problem(id + ": the head has no versions");
  }

  // The changes index agrees with the versions.
  if (HasChanges()) {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), Cf(keys::kChanges)));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      auto k = keys::ParseChangeKey(it->key().ToStringView());
      if (!k) {
        problem("changes: a key does not parse: " + ToHex(it->key().ToStringView()));
        continue;
      }
      auto e = expected_changes.find(it->key().ToString());
      if (e == expected_changes.end()) {
        problem("changes: an entry for " + VersionName(k->id, k->version) + " at " +
                FormatRfc3339Kst(k->fetched_at) + " matches no version");
        continue;
      }
      pb::ChangeRecord rec;
      if (!rec.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
        problem("changes: the entry for " + VersionName(k->id, k->version) + " does not parse");
      } else if (rec.change_class() != e->second) {
        problem("changes: the entry for " + VersionName(k->id, k->version) + " has another class than the version");
      }
      expected_changes.erase(e);
    }
    if (!it->status().ok()) return FromRocks(it->status(), "reading the changes index");
    std::vector<std::string> missing;
    for (const auto& [key, cls] : expected_changes) {
      if (auto k = keys::ParseChangeKey(key)) missing.push_back(VersionName(k->id, k->version));
    }
    std::sort(missing.begin(), missing.end());
    for (const std::string& m : missing) problem("changes: " + m + " has no entry in the changes index");
  }

  // Indexes point at articles that exist.
  {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), Cf(keys::kAliases)));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      if (!heads.contains(it->value().ToString())) {
        problem("alias " + it->key().ToString() + " names " + it->value().ToString() + ", which has no head");
      }
    }
    if (!it->status().ok()) return FromRocks(it->status(), "reading aliases");
  }
  {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), Cf(keys::kByTime)));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      auto entry = keys::ParseByTimeKey(it->key().ToStringView());
      if (!entry) {
        problem("by_time: a key does not parse");
      } else if (!heads.contains(entry->id)) {
        problem("by_time names " + entry->id + ", which has no head");
      }
    }
    if (!it->status().ok()) return FromRocks(it->status(), "reading by_time");
  }
  return report;
}

Status Archive::Impl::CatchUp() {
  if (mode_ != Mode::kReadOnly) return Status::Ok();
  return FromRocks(db_->TryCatchUpWithPrimary(), "catching up with the writer");
}

Status Archive::Impl::Compact() {
  if (mode_ == Mode::kReadOnly) return Status::Unsupported("the archive is open read-only");
  rocksdb::CompactRangeOptions o;
  o.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  for (rocksdb::ColumnFamilyHandle* h : handles_) {
    if (Status st = FromRocks(db_->CompactRange(o, h, nullptr, nullptr), "compacting " + h->GetName());
        !st.ok()) {
      return st;
    }
  }
  return Status::Ok();
}

Result<uint64_t> Archive::Impl::SstBytes() {
  uint64_t total = 0;
  for (rocksdb::ColumnFamilyHandle* h : handles_) {
    uint64_t v = 0;
    if (!db_->GetIntProperty(h, rocksdb::DB::Properties::kTotalSstFilesSize, &v)) {
      return Status::IOError("cannot read the SST size of " + h->GetName());
    }
    total += v;
  }
  return total;
}

// ---- Version count (storage/search_index.h checks its freshness against it) ----

Result<std::optional<uint64_t>> Archive::Impl::StoredVersionCount() {
  std::string value;
  rocksdb::Status s =
      db_->Get(rocksdb::ReadOptions(), Cf(keys::kMeta), std::string(keys::kMetaVersionCountKey), &value);
  if (!s.ok() && !s.IsNotFound()) return FromRocks(s, "reading the version count");
  // A value of the wrong size is as good as none: counted again (and rewritten by a writer).
  if (!s.ok() || value.size() != 8) return std::optional<uint64_t>();
  return std::optional<uint64_t>(keys::GetBigEndian64(value));
}

Result<uint64_t> Archive::Impl::VersionCount() {
  Result<std::optional<uint64_t>> stored = StoredVersionCount();
  if (!stored.ok()) return stored.status();
  if (*stored) return **stored;
  // Not kept yet (an archive no writer of this build has opened): count the versions.
  uint64_t n = 0;
  rocksdb::ReadOptions ro;
  ro.fill_cache = false;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, Cf(keys::kVersions)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) ++n;
  if (!it->status().ok()) return FromRocks(it->status(), "counting versions");
  return n;
}

Status Archive::Impl::AddVersionCount(rocksdb::WriteBatch& batch) {
  Result<uint64_t> n = VersionCount();
  if (!n.ok()) return n.status();
  std::string value;
  keys::PutBigEndian64(value, *n + 1);
  return FromRocks(batch.Put(Cf(keys::kMeta), std::string(keys::kMetaVersionCountKey), value), "batching");
}

Status Archive::Impl::EnsureVersionCount() {
  Result<std::optional<uint64_t>> stored = StoredVersionCount();
  if (!stored.ok()) return stored.status();
  if (*stored) return Status::Ok();
  Result<uint64_t> n = VersionCount();
  if (!n.ok()) return n.status();
  std::string value;
  keys::PutBigEndian64(value, *n);
  return FromRocks(db_->Put(rocksdb::WriteOptions(), Cf(keys::kMeta), std::string(keys::kMetaVersionCountKey), value),
                   "writing the version count");
}

Result<uint64_t> Archive::VersionCount() { return impl_->VersionCount(); }

// ---- Archive: forwards to Impl ----

Archive::Archive(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Archive::~Archive() = default;

Result<std::unique_ptr<Archive>> Archive::Open(const std::string& dir, Mode mode) {
  return Open(dir, mode, ArchiveOptions());
}

Result<std::unique_ptr<Archive>> Archive::Open(const std::string& dir, Mode mode,
                                               const ArchiveOptions& options) {
  auto impl = std::make_unique<Impl>(dir, mode, options);
  if (Status st = impl->Open(); !st.ok()) return st;
  return std::unique_ptr<Archive>(new Archive(std::move(impl)));
}

Result<RecordResult> Archive::Record(const Fetch& fetch) { return impl_->Record(fetch); }
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
Result<std::vector<ChangeEntry>> Archive::Changes(const ChangesQuery& q) { return impl_->Changes(q); }
Status Archive::ForEachVersion(const ExportQuery& q,
                               const std::function<Status(const StoredVersion&, const ArticleHead&)>& fn) {
  return impl_->ForEachVersion(q, fn);
}
Result<std::string> Archive::Resolve(std::string_view id_or_url) { return impl_->Resolve(id_or_url); }
Result<ArticleHead> Archive::Head(const std::string& id) { return impl_->Head(id); }
Result<std::vector<VersionInfo>> Archive::History(const std::string& id) { return impl_->History(id); }
Result<StoredVersion> Archive::Version(const std::string& id, uint32_t number) {
  return impl_->Version(id, number);
}
Result<StoredVersion> Archive::VersionAt(const std::string& id, Instant t) { return impl_->VersionAt(id, t); }
Result<std::string> Archive::Raw(const std::string& id, uint32_t number) { return impl_->Raw(id, number); }
Result<std::vector<Archive::FetchLogEntry>> Archive::FetchLog(const std::string& id) {
  return impl_->FetchLog(id);
}
Result<std::vector<ArticleHead>> Archive::List(const ListQuery& q) { return impl_->List(q); }
Result<ArchiveStats> Archive::Stats() { return impl_->Stats(); }
Result<VerifyReport> Archive::Verify() { return impl_->Verify(); }
Status Archive::CatchUp() { return impl_->CatchUp(); }
Status Archive::Compact() { return impl_->Compact(); }
Result<uint64_t> Archive::SstBytes() { return impl_->SstBytes(); }
Status Archive::UpdateSchedule(const ScheduleChange& change) { return impl_->UpdateSchedule(change); }
Result<std::vector<std::pair<std::string, std::string>>> Archive::LoadSchedule() {
  return impl_->LoadSchedule();
}
Status Archive::SetSourceHealth(const std::string& source, const std::string& note) {
  return impl_->SetSourceHealth(source, note);
}
Status Archive::SyncWal() { return impl_->SyncWal(); }
Result<uint64_t> Archive::ArticleCountEstimate() { return impl_->ArticleCountEstimate(); }

}  // namespace sinmun
