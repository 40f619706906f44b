#include "storage/archive_scan.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "common/hash.h"
#include "storage/keys.h"
#include "storage/records.h"

namespace sinmun {
namespace {

namespace pb = storage::pb;
namespace keys = storage_keys;
using storage_records::FromSeconds;
using storage_records::HeadFromPb;
using storage_records::VersionName;
using VersionFn = std::function<Status(const StoredVersion&, const ArticleHead&)>;

// A writer's archive may change while a pass reads it: the pass pins one snapshot. (A
// read-only instance changes only on CatchUp, which a pass does not call.)
class PinnedSnapshot {
 public:
  explicit PinnedSnapshot(ArchiveDb& db)
      : db_(db.db()), snapshot_(db.mode() == Archive::Mode::kReadWrite ? db_.GetSnapshot() : nullptr) {
    read_.snapshot = snapshot_;
    read_.fill_cache = false;  // a full pass would only evict what interactive reads need
  }
  ~PinnedSnapshot() {
    if (snapshot_ != nullptr) db_.ReleaseSnapshot(snapshot_);
  }
  PinnedSnapshot(const PinnedSnapshot&) = delete;
  PinnedSnapshot& operator=(const PinnedSnapshot&) = delete;
  const rocksdb::ReadOptions& read() const { return read_; }

 private:
  rocksdb::DB& db_;
  const rocksdb::Snapshot* snapshot_;
  rocksdb::ReadOptions read_;
};

bool InRange(const ExportQuery& q, int64_t fetched_at) {
  Instant t = FromSeconds(fetched_at);
  return (!q.since || t >= *q.since) && (!q.until || t < *q.until);
}

// Latest versions: walk the heads; read each one's chain from its last snapshot.
Status ScanLatest(ArchiveDb& db, const ExportQuery& q, const rocksdb::ReadOptions& ro, const VersionFn& fn) {
  std::unique_ptr<rocksdb::Iterator> it(db.db().NewIterator(ro, db.Cf(keys::kArticles)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string id = it->key().ToString();
    pb::HeadRecord h;
    if (!h.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return Status::Corruption("head of " + id + " does not parse");
    }
    if (!q.portal.empty() && h.portal() != q.portal) continue;
    if (h.latest_version() == 0) continue;
    // ReadChain reads without the snapshot; the head's latest version is in it either way.
    auto chain = db.ReadChain(id, h.latest_version(), /*fill_cache=*/false);
    if (!chain.ok()) return chain.status();
    if (!InRange(q, chain->last.fetched_at())) continue;
    auto v = db.Materialize(id, std::move(chain).value(), &ro);
    if (!v.ok()) return v.status();
    if (Status st = fn(*v, HeadFromPb(id, h)); !st.ok()) return st;
  }
  return FromRocks(it->status(), "reading heads");
}

Result<pb::HeadRecord> HeadAt(ArchiveDb& db, const rocksdb::ReadOptions& ro, const std::string& id) {
  std::string value;
  rocksdb::Status s = db.db().Get(ro, db.Cf(keys::kArticles), id, &value);
  if (s.IsNotFound()) return Status::Corruption(id + " has versions but no head");
  if (!s.ok()) return FromRocks(s, "reading the head of " + id);
  pb::HeadRecord h;
  if (!h.ParseFromString(value)) return Status::Corruption("head of " + id + " does not parse");
  return h;
}

// Every version: one pass over the versions CF, replaying each article's chain.
Status ScanAll(ArchiveDb& db, const ExportQuery& q, const rocksdb::ReadOptions& ro, const VersionFn& fn) {
  std::unique_ptr<rocksdb::Iterator> it(db.db().NewIterator(ro, db.Cf(keys::kVersions)));
  std::string current;
  VersionState state;
  std::optional<ArticleHead> head;
  std::unordered_map<std::string, Block> memo;  // the current article's last version's blocks
  for (it->SeekToFirst(); it->Valid();) {
    auto k = keys::ParseVersionKey(it->key().ToStringView());
    if (!k) return Status::Corruption("versions: a key does not parse: " + ToHex(it->key().ToStringView()));
    if (k->id != current) {
      current = k->id;
      state = VersionState{};
      memo.clear();
      auto h = HeadAt(db, ro, current);
      if (!h.ok()) return h.status();
      head = HeadFromPb(current, *h);
      if (!q.portal.empty() && h->portal() != q.portal) {
        // Past every key of this article: the prefix "id 0x00" is followed by "id 0x01".
        it->Seek(current + '\x01');
        continue;
      }
    }
    pb::VersionRecord rec;
    if (!rec.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return Status::Corruption(VersionName(k->id, k->number) + ": the record does not parse");
    }
    // A version written after the head we read is not in this pass.
    if (k->number <= head->versions) {
      if (Status st = ApplyVersion(k->id, rec, state); !st.ok()) return st;
      if (InRange(q, rec.fetched_at())) {
        auto v = db.Materialize(current, VersionChain{state, rec}, &ro, &memo);
        if (!v.ok()) return v.status();
        if (Status st = fn(*v, *head); !st.ok()) return st;
      }
    }
    it->Next();
  }
  return FromRocks(it->status(), "reading versions");
}

}  // namespace

Result<std::vector<ChangeEntry>> ScanChanges(ArchiveDb& db, const ChangesQuery& q) {
  if (!db.HasCf(keys::kChanges)) {
    return Status::Unsupported(
        "this archive has no changes index yet: it is built the next time "
        "sinmund (or a writing sinmun command) opens the archive");
  }
  std::unique_ptr<rocksdb::Iterator> it(db.db().NewIterator(rocksdb::ReadOptions(), db.Cf(keys::kChanges)));
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
    out.push_back(ChangeEntry{std::move(k->id), k->version, k->fetched_at, cls, rec.portal(), rec.title(),
                              rec.url(), rec.summary(), rec.reextracted_from()});
    if (q.limit != 0 && out.size() >= q.limit) break;
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading the changes index");
  return out;
}

Status ScanVersions(ArchiveDb& db, const ExportQuery& q, const VersionFn& fn) {
  PinnedSnapshot pinned(db);
  return q.all_versions ? ScanAll(db, q, pinned.read(), fn) : ScanLatest(db, q, pinned.read(), fn);
}

Result<std::vector<ArticleHead>> ScanList(ArchiveDb& db, const ListQuery& q) {
  std::unique_ptr<rocksdb::Iterator> it(db.db().NewIterator(rocksdb::ReadOptions(), db.Cf(keys::kByTime)));
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
    auto h = db.GetHead(entry->id);
    if (!h.ok()) {
      if (h.status().IsNotFound()) {
        return Status::Corruption("by_time names " + entry->id + ", which has no head");
      }
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

Status ScanHeads(ArchiveDb& db, const std::function<Status(const ArticleHead&)>& fn) {
  rocksdb::ReadOptions ro;
  ro.fill_cache = false;
  std::unique_ptr<rocksdb::Iterator> it(db.db().NewIterator(ro, db.Cf(keys::kArticles)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    pb::HeadRecord h;
    if (!h.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return Status::Corruption("head of " + it->key().ToString() + " does not parse");
    }
    if (Status s = fn(HeadFromPb(it->key().ToString(), h)); !s.ok()) return s;
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading heads");
  return Status::Ok();
}

Result<ArchiveStats> ScanStats(ArchiveDb& db) {
  ArchiveStats stats;
  {
    std::unique_ptr<rocksdb::Iterator> it(db.db().NewIterator(rocksdb::ReadOptions(), db.Cf(keys::kArticles)));
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
    std::unique_ptr<rocksdb::Iterator> it(db.db().NewIterator(ro, db.Cf(keys::kBlocks)));
    for (it->SeekToFirst(); it->Valid(); it->Next()) ++stats.blocks;
    if (!it->status().ok()) return FromRocks(it->status(), "reading blocks");
  }
  {
    std::unique_ptr<rocksdb::Iterator> it(db.db().NewIterator(rocksdb::ReadOptions(), db.Cf(keys::kMeta)));
    for (it->Seek(keys::kMetaHealthPrefix); it->Valid() && it->key().starts_with(keys::kMetaHealthPrefix);
         it->Next()) {
      stats.unhealthy_sources[it->key().ToString().substr(keys::kMetaHealthPrefix.size())] =
          it->value().ToString();
    }
    if (!it->status().ok()) return FromRocks(it->status(), "reading source health");
  }
  std::error_code ec;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(db.dir(), ec)) {
    std::error_code size_ec;
    if (entry.is_regular_file(size_ec)) {
      auto size = entry.file_size(size_ec);
      if (!size_ec) stats.bytes_on_disk += size;
    }
  }
  if (ec) return Status::IOError("cannot list " + db.dir() + ": " + ec.message());
  return stats;
}

}  // namespace sinmun
