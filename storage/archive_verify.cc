#include "storage/archive_verify.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include <google/protobuf/util/message_differencer.h>

#include "common/hash.h"
#include "storage/edit_tally.h"
#include "storage/keys.h"
#include "storage/records.h"

namespace sinmun {
namespace {

namespace pb = storage::pb;
namespace keys = storage_keys;
using storage_records::FromSeconds;
using storage_records::VersionName;

class Verifier {
 public:
  explicit Verifier(ArchiveDb& db) : db_(db) {}

  Result<VerifyReport> Run() {
    pb::MetaRecord meta;
    if (Status st = db_.GetRecord(keys::kMeta, std::string(keys::kMetaSchemaKey), meta, "schema record");
        !st.ok()) {
      Problem("meta: " + st.message());
    }
    for (Status (Verifier::*step)() : {&Verifier::Blocks, &Verifier::Heads, &Verifier::Versions,
                                       &Verifier::ChangesIndex, &Verifier::EditTallies, &Verifier::Aliases,
                                       &Verifier::ByTime}) {
      if (Status st = (this->*step)(); !st.ok()) return st;
    }
    return std::move(report_);
  }

 private:
  // One article's versions, replayed in order.
  struct ArticleRun {
    std::string id;
    VersionState state;
    uint32_t last = 0;
    bool broken = false;
    pb::ChangeClassPb last_class = pb::NEW;
    pb::EditTallyMember tally;  // as version 1 and the head's first-seen time make it
  };

  void Problem(std::string text) { report_.problems.push_back(std::move(text)); }
  std::unique_ptr<rocksdb::Iterator> Scan(std::string_view cf) {
    std::unique_ptr<rocksdb::Iterator> it(db_.db().NewIterator(rocksdb::ReadOptions(), db_.Cf(cf)));
    it->SeekToFirst();
    return it;
  }

  // Each block parses and hashes to its key.
  Status Blocks() {
    auto it = Scan(keys::kBlocks);
    for (; it->Valid(); it->Next()) {
      std::string key = it->key().ToString();
      block_keys_.insert(key);
      ++report_.blocks;
      pb::BlockRecord rec;
      if (!rec.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
        Problem("block " + ToHex(key) + ": the record does not parse");
        continue;
      }
      Block b;
      b.text = rec.text();
      b.src = rec.src();
      if (BlockHash(b) != key) Problem("block " + ToHex(key) + ": its text does not hash to its key");
    }
    return FromRocks(it->status(), "reading blocks");
  }

  Status Heads() {
    auto it = Scan(keys::kArticles);
    for (; it->Valid(); it->Next()) {
      std::string id = it->key().ToString();
      ++report_.articles;
      pb::HeadRecord h;
      if (!h.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
        Problem(id + ": the head record does not parse");
        continue;
      }
      heads_.emplace(std::move(id), std::move(h));
    }
    return FromRocks(it->status(), "reading heads");
  }

  // The head agrees with the article's last version.
  void Finish(const ArticleRun& run) {
    if (run.id.empty()) return;
    with_versions_.insert(run.id);
    auto h = heads_.find(run.id);
    if (h == heads_.end()) {
      Problem(run.id + ": has versions but no head");
      return;
    }
    if (run.broken) return;
    if (h->second.latest_version() != run.last) {
      Problem(run.id + ": the head says " + std::to_string(h->second.latest_version()) +
              " versions, the archive holds " + std::to_string(run.last));
    }
    if (h->second.title() != run.state.meta.title) {
      Problem(run.id + ": the head's title differs from version " + std::to_string(run.last));
    }
    if (h->second.deleted() != (run.last_class == pb::DELETED)) {
      Problem(run.id + ": the head's deleted flag disagrees with version " + std::to_string(run.last));
    }
  }

  // One version of `run`: in sequence, parses, replays, and its inserted blocks exist.
  void Step(ArticleRun& run, const keys::ArticleNumberKey& k, rocksdb::Slice value) {
    if (k.number != run.last + 1) {
      Problem(VersionName(k.id, run.last + 1) + " is missing");
      run.broken = true;
      return;
    }
    pb::VersionRecord rec;
    if (!rec.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
      Problem(VersionName(k.id, k.number) + ": the record does not parse");
      run.broken = true;
      return;
    }
    if (rec.number() != k.number) {
      Problem(VersionName(k.id, k.number) + ": the record says version " + std::to_string(rec.number()));
    }
    if (Status st = ApplyVersion(k.id, rec, run.state); !st.ok()) {
      Problem(st.message());
      run.broken = true;
      return;
    }
    run.last = k.number;
    run.last_class = rec.change_class();
    Tally(run, rec);
    expected_changes_.emplace(keys::ChangeKey(FromSeconds(rec.fetched_at()), k.id, k.number),
                              rec.change_class());
    // Only inserted refs are new; copied ones were checked with an earlier version.
    for (const pb::BlockOp& op : rec.blocks()) {
      if (op.op_case() == pb::BlockOp::kInsert && !block_keys_.contains(op.insert().hash())) {
        Problem(VersionName(k.id, k.number) + ": block " + ToHex(op.insert().hash()) + " is missing");
      }
    }
  }

  // What the article's versions count in its edit tally.
  void Tally(ArticleRun& run, const pb::VersionRecord& rec) {
    if (rec.number() == 1) {
      auto h = heads_.find(run.id);
      if (h == heads_.end()) return;  // Finish reports it
      run.tally = TallyMemberOf(run.state.meta, FromSeconds(h->second.first_seen()));
      TallyArticle(expected_tallies_[run.tally.key()], run.state.meta);
    } else if (!run.tally.key().empty()) {
      TallyEdit(expected_tallies_[run.tally.key()], run.tally, static_cast<ChangeClass>(rec.change_class()),
                rec.appended(), FromSeconds(rec.fetched_at()));
    }
  }

  // The edit tallies (once the archive keeps them) hold what the versions count.
  Status EditTallies() {
    std::string flag;
    rocksdb::Status s =
        db_.db().Get(rocksdb::ReadOptions(), db_.Cf(keys::kMeta), std::string(keys::kMetaEditTallyKey), &flag);
    if (s.IsNotFound() || (s.ok() && flag != keys::kEditTallyLayout)) return Status::Ok();
    if (!s.ok()) return FromRocks(s, "reading the edit-tally flag");
    std::unique_ptr<rocksdb::Iterator> it(db_.db().NewIterator(rocksdb::ReadOptions(), db_.Cf(keys::kMeta)));
    for (it->Seek(keys::kMetaTallyPrefix); it->Valid() && it->key().starts_with(keys::kMetaTallyPrefix);
         it->Next()) {
      pb::EditTallyRecord rec;
      const bool parses = rec.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()));
      const std::string name = "edit tally of " + rec.portal() + "/" + rec.press() + "/" + rec.source();
      auto e = expected_tallies_.find(it->key().ToString());
      if (!parses) {
        Problem("meta: an edit tally does not parse");
      } else if (e == expected_tallies_.end()) {
        Problem("meta: the " + name + " counts articles the versions do not hold");
      } else if (!google::protobuf::util::MessageDifferencer::Equals(rec, e->second)) {
        Problem("meta: the " + name + " differs from what the versions count");
      }
      if (e != expected_tallies_.end()) expected_tallies_.erase(e);
    }
    if (!it->status().ok()) return FromRocks(it->status(), "reading edit tallies");
    for (const auto& [key, rec] : expected_tallies_) {
      Problem("meta: no edit tally of " + rec.portal() + "/" + rec.press() + "/" + rec.source() +
              " for articles the versions hold");
    }
    return Status::Ok();
  }

  Status Versions() {
    auto it = Scan(keys::kVersions);
    ArticleRun run;
    for (; it->Valid(); it->Next()) {
      auto k = keys::ParseVersionKey(it->key().ToStringView());
      if (!k) {
        Problem("versions: a key does not parse: " + ToHex(it->key().ToStringView()));
        continue;
      }
      if (k->id != run.id) {
        Finish(run);
        run = ArticleRun{};
        run.id = k->id;
      }
      ++report_.versions;
      if (!run.broken) Step(run, *k, it->value());
    }
    Finish(run);
    if (!it->status().ok()) return FromRocks(it->status(), "reading versions");
    for (const auto& [id, h] : heads_) {
      if (!with_versions_.contains(id)) Problem(id + ": the head has no versions");
    }
    return Status::Ok();
  }

  // The changes index holds exactly one entry per version, of the version's class.
  Status ChangesIndex() {
    if (!db_.HasCf(keys::kChanges)) return Status::Ok();
    auto it = Scan(keys::kChanges);
    for (; it->Valid(); it->Next()) {
      auto k = keys::ParseChangeKey(it->key().ToStringView());
      if (!k) {
        Problem("changes: a key does not parse: " + ToHex(it->key().ToStringView()));
        continue;
      }
      auto e = expected_changes_.find(it->key().ToString());
      if (e == expected_changes_.end()) {
        Problem("changes: an entry for " + VersionName(k->id, k->version) + " at " +
                FormatRfc3339Kst(k->fetched_at) + " matches no version");
        continue;
      }
      pb::ChangeRecord rec;
      if (!rec.ParseFromArray(it->value().data(), static_cast<int>(it->value().size()))) {
        Problem("changes: the entry for " + VersionName(k->id, k->version) + " does not parse");
      } else if (rec.change_class() != e->second) {
        Problem("changes: the entry for " + VersionName(k->id, k->version) +
                " has another class than the version");
      }
      expected_changes_.erase(e);
    }
    if (!it->status().ok()) return FromRocks(it->status(), "reading the changes index");
    std::vector<std::string> missing;
    for (const auto& [key, cls] : expected_changes_) {
      if (auto k = keys::ParseChangeKey(key)) missing.push_back(VersionName(k->id, k->version));
    }
    std::sort(missing.begin(), missing.end());
    for (const std::string& m : missing) Problem("changes: " + m + " has no entry in the changes index");
    return Status::Ok();
  }

  Status Aliases() {
    auto it = Scan(keys::kAliases);
    for (; it->Valid(); it->Next()) {
      if (!heads_.contains(it->value().ToString())) {
        Problem("alias " + it->key().ToString() + " names " + it->value().ToString() + ", which has no head");
      }
    }
    return FromRocks(it->status(), "reading aliases");
  }

  Status ByTime() {
    auto it = Scan(keys::kByTime);
    for (; it->Valid(); it->Next()) {
      auto entry = keys::ParseByTimeKey(it->key().ToStringView());
      if (!entry) {
        Problem("by_time: a key does not parse");
      } else if (!heads_.contains(entry->id)) {
        Problem("by_time names " + entry->id + ", which has no head");
      }
    }
    return FromRocks(it->status(), "reading by_time");
  }

  ArchiveDb& db_;
  VerifyReport report_;
  std::unordered_set<std::string> block_keys_;
  std::map<std::string, pb::HeadRecord> heads_;
  std::unordered_set<std::string> with_versions_;
  // Changes key -> the class its version has (entries found are erased).
  std::unordered_map<std::string, pb::ChangeClassPb> expected_changes_;
  // Tally key -> what the versions count there (entries found are erased).
  std::map<std::string, pb::EditTallyRecord> expected_tallies_;
};

}  // namespace

Result<VerifyReport> VerifyArchive(ArchiveDb& db) { return Verifier(db).Run(); }

}  // namespace sinmun
