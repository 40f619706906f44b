// ArchiveDb: the archive's RocksDB instance — opening it (read-write, or as a secondary
// instance for readers), its column families (storage/keys.h), and the reads every part
// of the archive shares: records, heads, a version's replayed chain, block texts. The one
// place that opens RocksDB; archive.cc (recording and point reads), archive_scan.cc,
// archive_verify.cc and archive_upgrade.cc work through it. Internal to storage/.
//
// Writes that fail stop RocksDB (storage/write_guard.h); ArchiveDb's own writes (none but
// the flush at close) and every writer above it check guard() first.
//
// Thread-safety: safe for concurrent use, as rocksdb::DB is.
#ifndef SINMUN_STORAGE_ARCHIVE_DB_H_
#define SINMUN_STORAGE_ARCHIVE_DB_H_

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"
#include "storage/archive.h"
#include "storage/record.pb.h"
#include "storage/version_delta.h"
#include "storage/write_guard.h"

namespace sinmun {

// A rocksdb::Status as a Status, `context` first. NotFound, Corruption, Busy (also
// TimedOut, TryAgain), InvalidArgument and Unsupported keep their kind; everything else is
// IOError.
Status FromRocks(const rocksdb::Status& s, std::string_view context);

// A version replayed from its snapshot: its state and its own record.
struct VersionChain {
  VersionState state;
  storage::pb::VersionRecord last;
};

class ArchiveDb {
 public:
  // See Archive::Open.
  static Result<std::unique_ptr<ArchiveDb>> Open(const std::string& dir, Archive::Mode mode,
                                                 const ArchiveOptions& options);
  ~ArchiveDb();  // flushes the memtables of a writable read-write instance, then closes
  ArchiveDb(const ArchiveDb&) = delete;
  ArchiveDb& operator=(const ArchiveDb&) = delete;

  rocksdb::DB& db() { return *db_; }
  const std::string& dir() const { return dir_; }
  Archive::Mode mode() const { return mode_; }
  WriteGuard& guard() { return *guard_; }
  rocksdb::ColumnFamilyHandle* Cf(std::string_view name) const { return cfs_.at(std::string(name)); }
  bool HasCf(std::string_view name) const { return cfs_.contains(std::string(name)); }
  const std::vector<rocksdb::ColumnFamilyHandle*>& handles() const { return handles_; }

  // Reads and parses a record; NotFound when absent (`what` names it), Corruption when it
  // does not parse.
  template <typename Message>
  Status GetRecord(std::string_view cf, const std::string& key, Message& out, std::string_view what);
  Status PutRecord(rocksdb::WriteBatch& batch, std::string_view cf, const std::string& key,
                   const google::protobuf::MessageLite& msg);
  // Ok while the archive takes writes; otherwise IOError naming the state and what RocksDB
  // said (storage/write_guard.h), without calling RocksDB.
  Status CheckWritable() const;
  // Writes `batch` (fsynced when `sync`), unless the archive is stopped (CheckWritable). A
  // failure is reported to the guard. Every write of the archive goes through here.
  Status Write(rocksdb::WriteBatch& batch, bool sync, std::string_view context);

  // NotFound "no article ID" when absent.
  Result<storage::pb::HeadRecord> GetHead(const std::string& id);

  // The state of version `number`, replayed from its snapshot. fill_cache false: a
  // streaming pass that should not displace the block cache.
  Result<VersionChain> ReadChain(const std::string& id, uint32_t number, bool fill_cache = true);
  // The blocks of `refs` with their texts; Corruption when one is missing. `read`: the
  // options of a streaming pass (its snapshot, no cache fill); null for the defaults.
  Result<std::vector<Block>> LoadBlocks(const std::string& id, uint32_t number,
                                        const std::vector<BlockRef>& refs,
                                        const rocksdb::ReadOptions* read = nullptr);
  // The version a chain ends in, with its block texts. memo (one article's pass over its
  // versions): blocks by hash of the version before; only the others are read, and memo is
  // left holding this version's blocks.
  Result<StoredVersion> Materialize(const std::string& id, VersionChain chain,
                                    const rocksdb::ReadOptions* read = nullptr,
                                    std::unordered_map<std::string, Block>* memo = nullptr);

  // The version count kept in meta (the search index's freshness check); nullopt when not
  // kept yet (or not readable as one).
  Result<std::optional<uint64_t>> StoredVersionCount();
  // The kept count, or the versions counted when none is kept.
  Result<uint64_t> VersionCount();

 private:
  ArchiveDb(std::string dir, Archive::Mode mode, const ArchiveOptions& options);
  Status OpenDb();
  bool HasArchive() const;  // DIR holds a RocksDB database (its CURRENT file)
  Status OpenReadWrite(std::vector<rocksdb::ColumnFamilyDescriptor>& descriptors, rocksdb::DB** raw);
  Status OpenSecondary(std::vector<rocksdb::ColumnFamilyDescriptor>& descriptors, rocksdb::DB** raw);
  rocksdb::ColumnFamilyOptions CfOptions(std::string_view name) const;
  rocksdb::DBOptions DbOptions() const;

  std::string dir_;
  Archive::Mode mode_;
  ArchiveOptions options_;
  std::string secondary_dir_;
  std::unique_ptr<rocksdb::Env> env_;  // options_.env (or the default) with InfoLogFs
  std::shared_ptr<WriteGuard> guard_;
  std::shared_ptr<rocksdb::Cache> cache_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::unordered_map<std::string, rocksdb::ColumnFamilyHandle*> cfs_;
};

template <typename Message>
Status ArchiveDb::GetRecord(std::string_view cf, const std::string& key, Message& out, std::string_view what) {
  rocksdb::PinnableSlice value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), Cf(cf), key, &value);
  if (s.IsNotFound()) return Status::NotFound(std::string(what) + " not found");
  if (!s.ok()) return FromRocks(s, std::string("reading ") + std::string(what));
  if (!out.ParseFromArray(value.data(), static_cast<int>(value.size()))) {
    return Status::Corruption(std::string(what) + " does not parse");
  }
  return Status::Ok();
}

}  // namespace sinmun

#endif  // SINMUN_STORAGE_ARCHIVE_DB_H_
