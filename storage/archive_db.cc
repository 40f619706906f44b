#include "storage/archive_db.h"

#include <rocksdb/cache.h>
#include <rocksdb/env.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <stdlib.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>

#include "common/hash.h"
#include "storage/info_log_fs.h"
#include "storage/keys.h"
#include "storage/records.h"

namespace sinmun {
namespace {

namespace pb = storage::pb;
namespace keys = storage_keys;
using storage_records::FromSeconds;
using storage_records::VersionName;

// RocksDB info logs kept beside the current LOG (LOG.old.*): enough to look back over a
// few restarts of sinmund.
constexpr size_t kKeptInfoLogs = 10;

bool ContainsLock(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s.find("lock") != std::string::npos;
}

}  // namespace

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

ArchiveDb::ArchiveDb(std::string dir, Archive::Mode mode, const ArchiveOptions& options)
    : dir_(std::move(dir)), mode_(mode), options_(options), guard_(std::make_shared<WriteGuard>()) {
  rocksdb::Env* base = options_.env != nullptr ? options_.env : rocksdb::Env::Default();
  env_ = rocksdb::NewCompositeEnv(std::make_shared<InfoLogFs>(base->GetFileSystem()));
}

ArchiveDb::~ArchiveDb() {
  if (db_) {
    // Leave no WAL for the next reader to replay. Not after a failed write: RocksDB's flush
    // would touch the WAL file that saw the error (storage/write_guard.h); the WAL holds
    // every acknowledged write and is replayed at the next open.
    if (mode_ == Archive::Mode::kReadWrite && guard_->writable()) {
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

rocksdb::ColumnFamilyOptions ArchiveDb::CfOptions(std::string_view name) const {
  rocksdb::ColumnFamilyOptions o;
  o.compression = rocksdb::kZSTD;
  o.bottommost_compression = rocksdb::kZSTD;
  rocksdb::BlockBasedTableOptions t;
  t.block_cache = cache_;
  t.block_size = 16 * 1024;
  // Bloom filters of 5 bits a key (a false positive in about 9% of absent keys, against 1% at
  // 10), in every level: a reader's first lookup in a table reads the table's whole filter
  // block, which at 10 bits cost a fifth of a search's CPU at 10^6 articles; the writer looks
  // up every new paragraph's hash, article and alias, most of them absent, and without a
  // filter (in the last level, say) each would read a data block.
  if (name == keys::kArticles || name == keys::kBlocks || name == keys::kAliases || name == keys::kMeta) {
    t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(5));
  }
  if (name == keys::kRaw) t.block_size = 64 * 1024;
  // A reader keeps index and filter blocks in the block cache, read when a lookup first needs
  // them: every `sinmun` command opens the archive afresh, and a secondary instance opens
  // every table, which otherwise reads each table's whole index and filter at once (half of
  // `sinmun list`'s time at 10^6 articles, growing with the archive). The writer, open for
  // months, keeps them all in memory outside the cache, as RocksDB does by default.
  t.cache_index_and_filter_blocks = mode_ == Archive::Mode::kReadOnly;
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  return o;
}

rocksdb::DBOptions ArchiveDb::DbOptions() const {
  rocksdb::DBOptions o;
  o.env = env_.get();
  o.listeners.push_back(guard_);
  return o;
}

Result<std::unique_ptr<ArchiveDb>> ArchiveDb::Open(const std::string& dir, Archive::Mode mode,
                                                   const ArchiveOptions& options) {
  std::unique_ptr<ArchiveDb> db(new ArchiveDb(dir, mode, options));
  if (Status st = db->OpenDb(); !st.ok()) return st;
  return db;
}

Status ArchiveDb::OpenDb() {
  cache_ = rocksdb::NewLRUCache(64 << 20);
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  descriptors.emplace_back(rocksdb::kDefaultColumnFamilyName, CfOptions("default"));
  for (std::string_view name : keys::kColumnFamilies) {
    descriptors.emplace_back(std::string(name), CfOptions(name));
  }
  rocksdb::DB* raw = nullptr;
  Status st =
      mode_ == Archive::Mode::kReadWrite ? OpenReadWrite(descriptors, &raw) : OpenSecondary(descriptors, &raw);
  if (!st.ok()) return st;
  db_.reset(raw);
  for (size_t i = 0; i < handles_.size(); ++i) cfs_[descriptors[i].name] = handles_[i];
  if (mode_ == Archive::Mode::kReadOnly) {
    return FromRocks(db_->TryCatchUpWithPrimary(), "catching up with the writer");
  }
  return Status::Ok();
}

bool ArchiveDb::HasArchive() const {
  std::error_code ec;
  return std::filesystem::exists(std::filesystem::path(dir_) / "CURRENT", ec);
}

Status ArchiveDb::OpenReadWrite(std::vector<rocksdb::ColumnFamilyDescriptor>& descriptors, rocksdb::DB** raw) {
  if (!options_.create_if_missing && !HasArchive()) return Status::NotFound("no archive at " + dir_);
  rocksdb::DBOptions db_options = DbOptions();
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  // Readers (secondary instances) replay the WAL the writer has not flushed yet: keep it
  // short, so `sinmun get` stays fast beside a busy daemon.
  db_options.max_total_wal_size = 64 << 20;
  // Each writer's open keeps the LOG before it as LOG.old.*, about 150 KiB each: RocksDB's
  // default of a thousand of them would fill an archive written by many `sinmun ingest`s.
  db_options.keep_log_file_num = kKeptInfoLogs;
  // Keep column families a newer build added, so this build can still open the archive.
  std::vector<std::string> existing;
  if (rocksdb::DB::ListColumnFamilies(db_options, dir_, &existing).ok()) {
    for (const auto& name : existing) {
      bool known =
          std::any_of(descriptors.begin(), descriptors.end(), [&](const auto& d) { return d.name == name; });
      if (!known) descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
    }
  }
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) return Status::IOError("cannot create archive directory " + dir_ + ": " + ec.message());
  db_options.info_log = OpenInfoLog(*env_, dir_);  // best effort on a full disk (storage/info_log_fs.h)
  rocksdb::Status s = rocksdb::DB::Open(db_options, dir_, descriptors, &handles_, raw);
  if (!s.ok() && s.IsIOError() && ContainsLock(s.ToString())) {
    return Status::Busy("archive " + dir_ + " is held by another writer (is sinmund running?)");
  }
  return FromRocks(s, "cannot open archive " + dir_);
}

Status ArchiveDb::OpenSecondary(std::vector<rocksdb::ColumnFamilyDescriptor>& descriptors, rocksdb::DB** raw) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!HasArchive()) return Status::NotFound("no archive at " + dir_);
  rocksdb::DBOptions db_options = DbOptions();
  std::vector<std::string> existing;
  rocksdb::Status s = rocksdb::DB::ListColumnFamilies(db_options, dir_, &existing);
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
  s = rocksdb::DB::OpenAsSecondary(db_options, dir_, secondary_dir_, descriptors, &handles_, raw);
  return FromRocks(s, "cannot open archive " + dir_);
}

Status ArchiveDb::CheckWritable() const {
  Writability w = guard_->Get();
  if (w.writable()) return Status::Ok();
  return Status::IOError("archive " + dir_ + " is not writable (" + std::string(WriteStateName(w.state)) +
                         "): " + w.error);
}

Status ArchiveDb::Write(rocksdb::WriteBatch& batch, bool sync, std::string_view context) {
  if (Status st = CheckWritable(); !st.ok()) return st;
  rocksdb::WriteOptions wo;
  wo.sync = sync;
  rocksdb::Status s = db_->Write(wo, &batch);
  if (!s.ok()) guard_->OnWriteError(s);
  return FromRocks(s, context);
}

Status ArchiveDb::PutRecord(rocksdb::WriteBatch& batch, std::string_view cf, const std::string& key,
                            const google::protobuf::MessageLite& msg) {
  return FromRocks(batch.Put(Cf(cf), key, msg.SerializeAsString()), "batching a record");
}

Result<pb::HeadRecord> ArchiveDb::GetHead(const std::string& id) {
  pb::HeadRecord head;
  Status st = GetRecord(keys::kArticles, id, head, "head of " + id);
  if (st.IsNotFound()) return Status::NotFound("no article " + id);
  if (!st.ok()) return st;
  return head;
}

Result<VersionChain> ArchiveDb::ReadChain(const std::string& id, uint32_t number, bool fill_cache) {
  if (number == 0) return Status::NotFound("no version 0 of " + id);
  uint32_t snapshot = ((number - 1) / kSnapshotInterval) * kSnapshotInterval + 1;
  std::string end = keys::VersionKey(id, number + 1);
  rocksdb::Slice upper(end);
  rocksdb::ReadOptions ro;
  ro.iterate_upper_bound = &upper;
  ro.fill_cache = fill_cache;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, Cf(keys::kVersions)));
  VersionChain chain;
  uint32_t expect = snapshot;
  for (it->Seek(keys::VersionKey(id, snapshot)); it->Valid(); it->Next()) {
    auto k = keys::ParseVersionKey(it->key().ToStringView());
    if (!k || k->id != id) break;
    if (k->number != expect) return Status::Corruption(VersionName(id, expect) + " is missing");
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

Result<std::vector<Block>> ArchiveDb::LoadBlocks(const std::string& id, uint32_t number,
                                                 const std::vector<BlockRef>& refs,
                                                 const rocksdb::ReadOptions* read) {
  std::vector<rocksdb::Slice> slices;
  std::vector<rocksdb::ColumnFamilyHandle*> cfs(refs.size(), Cf(keys::kBlocks));
  slices.reserve(refs.size());
  for (const BlockRef& r : refs) slices.emplace_back(r.hash);
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

Result<StoredVersion> ArchiveDb::Materialize(const std::string& id, VersionChain chain,
                                             const rocksdb::ReadOptions* read,
                                             std::unordered_map<std::string, Block>* memo) {
  std::vector<BlockRef> wanted;
  if (memo != nullptr) {
    for (const BlockRef& r : chain.state.refs) {
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
    for (const BlockRef& r : chain.state.refs) {
      auto it = memo->find(r.hash);
      Block b = it != memo->end() ? it->second : (*blocks)[loaded++];
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
  v.info = storage_records::InfoFromPb(chain.last, chain.state.meta.title);
  v.http_status = static_cast<int>(chain.last.http_status());
  v.content_type = chain.last.content_type();
  v.response_headers = chain.last.response_headers();
  v.fetched_url = chain.last.has_fetched_url() ? chain.last.fetched_url() : chain.state.meta.url;
  v.article = std::move(chain.state.meta);
  v.article.blocks = std::move(blocks).value();
  return v;
}

Result<std::optional<uint64_t>> ArchiveDb::StoredVersionCount() {
  std::string value;
  rocksdb::Status s =
      db_->Get(rocksdb::ReadOptions(), Cf(keys::kMeta), std::string(keys::kMetaVersionCountKey), &value);
  if (!s.ok() && !s.IsNotFound()) return FromRocks(s, "reading the version count");
  // A value of the wrong size is as good as none: counted again (and rewritten by a writer).
  if (!s.ok() || value.size() != 8) return std::optional<uint64_t>();
  return std::optional<uint64_t>(keys::GetBigEndian64(value));
}

Result<uint64_t> ArchiveDb::VersionCount() {
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

}  // namespace sinmun
