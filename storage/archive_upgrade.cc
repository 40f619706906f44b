#include "storage/archive_upgrade.h"

#include <map>

#include "storage/change_summary.h"
#include "storage/diff.h"
#include "storage/edit_tally.h"
#include "storage/keys.h"
#include "storage/records.h"

namespace sinmun {
namespace {

namespace pb = storage::pb;
namespace keys = storage_keys;
using storage_records::FromSeconds;

Status EnsureVersionCount(ArchiveDb& db) {
  Result<std::optional<uint64_t>> stored = db.StoredVersionCount();
  if (!stored.ok()) return stored.status();
  if (*stored) return Status::Ok();
  Result<uint64_t> n = db.VersionCount();
  if (!n.ok()) return n.status();
  std::string value;
  keys::PutBigEndian64(value, *n);
  return FromRocks(
      db.db().Put(rocksdb::WriteOptions(), db.Cf(keys::kMeta), std::string(keys::kMetaVersionCountKey), value),
      "writing the version count");
}

// The HTTP status of the fetch that deleted version `number` (from the fetch log); 0 when
// the log does not say.
int DeletionStatus(ArchiveDb& db, const std::string& id, uint32_t number) {
  std::string prefix = keys::ArticlePrefix(id);
  std::unique_ptr<rocksdb::Iterator> it(db.db().NewIterator(rocksdb::ReadOptions(), db.Cf(keys::kFetches)));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
    pb::FetchRecord rec;
    if (rec.ParseFromArray(it->value().data(), static_cast<int>(it->value().size())) &&
        rec.outcome() == pb::OUTCOME_DELETED && rec.version() == number) {
      return static_cast<int>(rec.http_status());
    }
  }
  return 0;
}

// The changes entry of version `number` (`after`, fully loaded) given the version before.
pb::ChangeRecord EntryFor(ArchiveDb& db, const std::string& id, uint32_t number, const pb::VersionRecord& rec,
                          const std::optional<Article>& before, const Article& after) {
  const auto cls = static_cast<ChangeClass>(rec.change_class());
  std::optional<ArticleDiff> diff;
  if (before && cls != ChangeClass::kNew && cls != ChangeClass::kDeleted) diff = DiffArticles(*before, after);
  ChangeSummaryInput in;
  in.change_class = cls;
  in.before = before ? &*before : nullptr;
  in.after = &after;
  in.diff = diff ? &*diff : nullptr;
  if (cls == ChangeClass::kDeleted) {
    in.http_status =
        rec.http_status() != 0 ? static_cast<int>(rec.http_status()) : DeletionStatus(db, id, number);
  }
  in.reextracted_from = rec.reextracted_from();
  return storage_records::ChangeRecordOf(in, after.url);
}

Status BuildChangesIndex(ArchiveDb& db) {
  std::string flag;
  rocksdb::Status s =
      db.db().Get(rocksdb::ReadOptions(), db.Cf(keys::kMeta), std::string(keys::kMetaChangesIndexKey), &flag);
  if (s.ok()) return Status::Ok();
  if (!s.IsNotFound()) return FromRocks(s, "reading the changes-index flag");
  // One article at a time: replay its versions, materialise each and summarise it against
  // the one before. Batches are written every few thousand entries.
  rocksdb::WriteBatch batch;
  auto flush = [&]() -> Status {
    if (batch.Count() == 0) return Status::Ok();
    Status st = FromRocks(db.db().Write(rocksdb::WriteOptions(), &batch), "writing the changes index");
    batch.Clear();
    return st;
  };
  std::unique_ptr<rocksdb::Iterator> it(db.db().NewIterator(rocksdb::ReadOptions(), db.Cf(keys::kVersions)));
  std::string current;
  VersionState state;
  std::optional<Article> before;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto k = keys::ParseVersionKey(it->key().ToStringView());
    pb::VersionRecord rec;
    if (!k || !rec.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return Status::Corruption("versions: a record does not parse while building the changes index");
    }
    if (k->id != current) {
      current = k->id;
      state = VersionState{};
      before.reset();
    }
    if (Status st = ApplyVersion(k->id, rec, state); !st.ok()) return st;
    auto blocks = db.LoadBlocks(k->id, k->number, state.refs);
    if (!blocks.ok()) return blocks.status();
    Article after = state.meta;
    after.blocks = std::move(blocks).value();
    pb::ChangeRecord change = EntryFor(db, k->id, k->number, rec, before, after);
    Status st = db.PutRecord(batch, keys::kChanges,
                             keys::ChangeKey(FromSeconds(rec.fetched_at()), k->id, k->number), change);
    if (st.ok() && batch.Count() >= 4096) st = flush();
    if (!st.ok()) return st;
    before = std::move(after);
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading versions");
  if (Status st = flush(); !st.ok()) return st;
  rocksdb::WriteOptions wo;
  wo.sync = true;
  return FromRocks(db.db().Put(wo, db.Cf(keys::kMeta), std::string(keys::kMetaChangesIndexKey), "1"),
                   "writing the changes-index flag");
}

// The edit tallies of an archive written before they were kept: each head's membership and
// the tally records, from version 1's metadata and every later version's class and time
// (no block is read); also when the tallies are of another layout. Heads are written every
// few thousand articles, the tallies at the end, the flag last: an interrupted build is
// redone from the start.
Status BuildEditTallies(ArchiveDb& db) {
  std::string flag;
  rocksdb::Status s =
      db.db().Get(rocksdb::ReadOptions(), db.Cf(keys::kMeta), std::string(keys::kMetaEditTallyKey), &flag);
  if (s.ok() && flag == keys::kEditTallyLayout) return Status::Ok();
  if (!s.ok() && !s.IsNotFound()) return FromRocks(s, "reading the edit-tally flag");
  std::map<std::string, pb::EditTallyRecord> tallies;
  rocksdb::WriteBatch batch;
  // Tallies of another layout go first.
  std::string prefix_end(keys::kMetaTallyPrefix);
  ++prefix_end.back();
  if (Status st = FromRocks(batch.DeleteRange(db.Cf(keys::kMeta), keys::kMetaTallyPrefix, prefix_end), "batching");
      !st.ok()) {
    return st;
  }
  auto flush = [&]() -> Status {
    if (batch.Count() == 0) return Status::Ok();
    Status st = FromRocks(db.db().Write(rocksdb::WriteOptions(), &batch), "writing the edit tallies");
    batch.Clear();
    return st;
  };
  std::string current;
  pb::HeadRecord head;
  auto put_head = [&]() -> Status {
    if (current.empty()) return Status::Ok();
    Status st = db.PutRecord(batch, keys::kArticles, current, head);
    if (st.ok() && batch.Count() >= 4096) st = flush();
    return st;
  };
  std::unique_ptr<rocksdb::Iterator> it(db.db().NewIterator(rocksdb::ReadOptions(), db.Cf(keys::kVersions)));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto k = keys::ParseVersionKey(it->key().ToStringView());
    pb::VersionRecord rec;
    if (!k || !rec.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
      return Status::Corruption("versions: a record does not parse while building the edit tallies");
    }
    if (k->id != current) {
      if (Status st = put_head(); !st.ok()) return st;
      current = k->id;
      if (Status st = db.GetRecord(keys::kArticles, current, head, "head of " + current); !st.ok()) return st;
      if (k->number != 1) return Status::Corruption("versions: " + current + " has no version 1");
      VersionState state;
      if (Status st = ApplyVersion(current, rec, state); !st.ok()) return st;
      *head.mutable_tally() = TallyMemberOf(state.meta, FromSeconds(head.first_seen()));
      TallyArticle(tallies[head.tally().key()], state.meta);
      continue;
    }
    TallyEdit(tallies[head.tally().key()], *head.mutable_tally(), static_cast<ChangeClass>(rec.change_class()),
              rec.appended(), FromSeconds(rec.fetched_at()));
  }
  if (!it->status().ok()) return FromRocks(it->status(), "reading versions");
  if (Status st = put_head(); !st.ok()) return st;
  for (const auto& [key, tally] : tallies) {
    if (Status st = db.PutRecord(batch, keys::kMeta, key, tally); !st.ok()) return st;
  }
  if (Status st = flush(); !st.ok()) return st;
  rocksdb::WriteOptions wo;
  wo.sync = true;
  return FromRocks(db.db().Put(wo, db.Cf(keys::kMeta), std::string(keys::kMetaEditTallyKey),
                               std::string(keys::kEditTallyLayout)),
                   "writing the edit-tally flag");
}

}  // namespace

Status CheckSchema(ArchiveDb& db) {
  pb::MetaRecord meta;
  Status st = db.GetRecord(keys::kMeta, std::string(keys::kMetaSchemaKey), meta, "schema record");
  if (st.IsNotFound()) {
    if (db.mode() == Archive::Mode::kReadOnly) {
      return Status::Corruption("archive " + db.dir() + " has no schema record");
    }
    meta.set_schema_version(keys::kSchemaVersion);
    rocksdb::WriteOptions wo;
    wo.sync = true;
    return FromRocks(
        db.db().Put(wo, db.Cf(keys::kMeta), std::string(keys::kMetaSchemaKey), meta.SerializeAsString()),
        "writing the schema record");
  }
  if (!st.ok()) return st;
  if (meta.schema_version() > keys::kSchemaVersion) {
    return Status::Unsupported("archive " + db.dir() + " has schema version " +
                               std::to_string(meta.schema_version()) + "; this sinmun reads up to " +
                               std::to_string(keys::kSchemaVersion) + " (upgrade sinmun)");
  }
  return Status::Ok();
}

Status UpgradeOnOpen(ArchiveDb& db) {
  if (Status st = EnsureVersionCount(db); !st.ok()) return st;
  if (Status st = BuildChangesIndex(db); !st.ok()) return st;
  return BuildEditTallies(db);
}

}  // namespace sinmun
