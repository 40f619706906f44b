#include "storage/record_batch.h"

#include <algorithm>
#include <unordered_set>

#include "common/hash.h"
#include "common/identity.h"
#include "storage/edit_tally.h"
#include "storage/keys.h"
#include "storage/records.h"
#include "storage/version_delta.h"

namespace sinmun {
namespace {

namespace pb = storage::pb;
namespace keys = storage_keys;
using storage_records::Seconds;

// The version record of `v`, without its content.
pb::VersionRecord Header(const NewVersion& v, const Fetch* fetch) {
  pb::VersionRecord rec;
  rec.set_number(v.number);
  rec.set_fetched_at(Seconds(v.at));
  rec.set_change_class(storage_records::ChangeClassToPb(*v.decision->change_class));
  rec.set_added(static_cast<uint32_t>(v.decision->added));
  rec.set_removed(static_cast<uint32_t>(v.decision->removed));
  rec.set_edited(static_cast<uint32_t>(v.decision->edited));
  rec.set_appended(v.decision->appended);
  rec.set_snapshot(IsSnapshotVersion(v.number));
  if (fetch == nullptr) {
    rec.set_reextracted_from(v.reextracted_from);
    return rec;
  }
  rec.set_http_status(static_cast<uint32_t>(fetch->http_status));
  if (!fetch->content_type.empty()) rec.set_content_type(fetch->content_type);
  if (!fetch->response_headers.empty()) rec.set_response_headers(fetch->response_headers);
  if (!fetch->url.empty() && (!fetch->article || fetch->url != fetch->article->url)) {
    rec.set_fetched_url(fetch->url);
  }
  return rec;
}

}  // namespace

Status AddScheduleChange(ArchiveDb& db, rocksdb::WriteBatch& batch, const ScheduleChange& change) {
  for (const std::string& key : change.erase) {
    if (Status st = FromRocks(batch.Delete(db.Cf(keys::kSchedule), key), "batching"); !st.ok()) return st;
  }
  for (const auto& [key, value] : change.put) {
    if (Status st = FromRocks(batch.Put(db.Cf(keys::kSchedule), key, value), "batching"); !st.ok()) return st;
  }
  return Status::Ok();
}

RecordBatch::RecordBatch(ArchiveDb& db, std::string id, pb::HeadRecord head)
    : db_(db), id_(std::move(id)), head_(std::move(head)) {}

Status RecordBatch::AddFirstSeen(Instant at) {
  head_.set_first_seen(Seconds(at));
  return FromRocks(batch_.Put(db_.Cf(keys::kByTime), keys::ByTimeKey(at, id_), ""), "batching");
}

Status RecordBatch::AddNewBlocks(const Article& article, const std::vector<BlockRef>& refs) {
  std::unordered_set<std::string> batched;
  for (size_t i = 0; i < refs.size(); ++i) {
    const std::string& hash = refs[i].hash;
    if (!batched.insert(hash).second) continue;
    rocksdb::PinnableSlice existing;
    rocksdb::Status s = db_.db().Get(rocksdb::ReadOptions(), db_.Cf(keys::kBlocks), hash, &existing);
    if (s.ok()) continue;
    if (!s.IsNotFound()) return FromRocks(s, "reading block " + ToHex(hash));
    pb::BlockRecord block;
    block.set_text(article.blocks[i].text);
    if (!article.blocks[i].src.empty()) block.set_src(article.blocks[i].src);
    if (Status st = db_.PutRecord(batch_, keys::kBlocks, hash, block); !st.ok()) return st;
  }
  return Status::Ok();
}

Status RecordBatch::AddVersionCount() {
  Result<uint64_t> n = db_.VersionCount();
  if (!n.ok()) return n.status();
  std::string value;
  keys::PutBigEndian64(value, *n + 1);
  return FromRocks(batch_.Put(db_.Cf(keys::kMeta), std::string(keys::kMetaVersionCountKey), value), "batching");
}

Status RecordBatch::AddTally(const NewVersion& v) {
  const ChangeClass cls = *v.decision->change_class;
  if (cls != ChangeClass::kNew && !head_.has_tally()) return Status::Ok();  // upgrades give every head one
  pb::EditTallyMember& member = *head_.mutable_tally();
  if (cls == ChangeClass::kNew) member = TallyMemberOf(*v.content, storage_records::FromSeconds(head_.first_seen()));
  pb::EditTallyRecord tally;
  Status st = db_.GetRecord(keys::kMeta, member.key(), tally, "edit tally");
  if (!st.ok() && !st.IsNotFound()) return st;
  if (cls == ChangeClass::kNew) {
    TallyArticle(tally, *v.content);
  } else if (!TallyEdit(tally, member, cls, v.decision->appended, v.at)) {
    return Status::Ok();
  }
  return db_.PutRecord(batch_, keys::kMeta, member.key(), tally);
}

Status RecordBatch::AddChange(const NewVersion& v, const std::string& fallback_url, int http_status) {
  ChangeSummaryInput in;
  in.change_class = *v.decision->change_class;
  in.before = v.before;
  in.after = v.content;
  in.diff = v.decision->diff ? &*v.decision->diff : nullptr;
  in.http_status = http_status;
  in.reextracted_from = v.reextracted_from;
  const std::string& url = v.content->url.empty() ? fallback_url : v.content->url;
  return db_.PutRecord(batch_, keys::kChanges, keys::ChangeKey(v.at, id_, v.number),
                       storage_records::ChangeRecordOf(in, url));
}

Status RecordBatch::AddVersion(const NewVersion& v, const Fetch* fetch, bool keep_raw) {
  const bool deletion = *v.decision->change_class == ChangeClass::kDeleted;
  pb::VersionRecord rec = Header(v, fetch);
  const bool snapshot = rec.snapshot() || v.previous == nullptr;
  Article meta = *v.content;
  meta.blocks.clear();
  meta.id = id_;
  EncodeMeta(snapshot ? nullptr : &v.previous->meta, meta, rec);
  EncodeBlocks(snapshot ? nullptr : &v.previous->refs, *v.refs, rec);
  if (!deletion) {
    if (Status st = AddNewBlocks(*v.content, *v.refs); !st.ok()) return st;
    head_.set_title(v.content->title);
    head_.set_url(v.content->url.empty() && fetch != nullptr ? fetch->url : v.content->url);
    head_.set_portal(v.content->portal);
    head_.set_press(v.content->press);
    if (v.content->published) {
      head_.set_published(Seconds(*v.content->published));
    } else {
      head_.clear_published();
    }
    head_.set_fast_key(FastKey(*v.content));
    if (keep_raw && fetch != nullptr && !fetch->raw.empty()) {
      Status st =
          FromRocks(batch_.Put(db_.Cf(keys::kRaw), keys::RawKey(id_, v.number), fetch->raw), "batching");
      if (!st.ok()) return st;
    }
  }
  if (Status st = db_.PutRecord(batch_, keys::kVersions, keys::VersionKey(id_, v.number), rec); !st.ok()) {
    return st;
  }
  if (Status st = AddChange(v, fetch != nullptr ? fetch->url : "", fetch != nullptr ? fetch->http_status : 200);
      !st.ok()) {
    return st;
  }
  if (Status st = AddVersionCount(); !st.ok()) return st;
  if (Status st = AddTally(v); !st.ok()) return st;
  head_.set_latest_version(v.number);
  head_.set_deleted(deletion);
  return Status::Ok();
}

Status RecordBatch::AddAliases(const std::vector<std::string>& urls) {
  for (const std::string& url : urls) {
    auto canonical = CanonicalUrl(url);
    if (!canonical) continue;
    std::string current;
    rocksdb::Status s = db_.db().Get(rocksdb::ReadOptions(), db_.Cf(keys::kAliases), *canonical, &current);
    if (s.ok() && current == id_) continue;
    if (!s.ok() && !s.IsNotFound()) return FromRocks(s, "reading alias " + *canonical);
    if (Status st = FromRocks(batch_.Put(db_.Cf(keys::kAliases), *canonical, id_), "batching"); !st.ok()) {
      return st;
    }
  }
  return Status::Ok();
}

Status RecordBatch::AddFetch(const Fetch& fetch, Outcome outcome) {
  const int64_t now = Seconds(fetch.fetched_at);
  const int code = fetch.http_status;
  if (code == 200 || code == 304) {
    head_.set_last_seen(now);
    if (code == 200) {
      head_.set_etag(fetch.etag);
      head_.set_last_modified(fetch.last_modified);
    } else {
      if (!fetch.etag.empty()) head_.set_etag(fetch.etag);
      if (!fetch.last_modified.empty()) head_.set_last_modified(fetch.last_modified);
    }
  }
  head_.set_last_checked(std::max(head_.last_checked(), now));
  pb::FetchRecord log;
  log.set_http_status(static_cast<uint32_t>(code));
  log.set_outcome(storage_records::OutcomeToPb(outcome));
  log.set_version(head_.latest_version());
  const auto seq = static_cast<uint32_t>(head_.fetch_count());
  head_.set_fetch_count(head_.fetch_count() + 1);
  return db_.PutRecord(batch_, keys::kFetches, keys::FetchKey(id_, fetch.fetched_at, seq), log);
}

Status RecordBatch::Commit(bool sync, std::string_view context) {
  if (Status st = db_.PutRecord(batch_, keys::kArticles, id_, head_); !st.ok()) return st;
  return db_.Write(batch_, sync, context);
}

}  // namespace sinmun
