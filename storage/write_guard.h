// WriteGuard: whether the archive takes writes, as RocksDB reports it, so that nothing
// calls into a stopped RocksDB (storage/archive.h "Faults").
//
// When a write fails (the WAL cannot be appended to, a memtable flush cannot write its
// file), RocksDB sets a "background error" with a severity and stops taking writes. In
// that state some calls must not be made at all: RocksDB 7.8's WAL sync and memtable flush
// assert on a WAL file that saw a write error, which aborts a build with assertions on.
// WriteGuard listens to RocksDB (an EventListener registered at open) and keeps the state
// where the archive can read it with one atomic load before each write:
//
//   severity              subcode                  state
//   soft                  any                      writable (compactions stall; writes go on)
//   hard                  NoSpace / SpaceLimit     kNoSpace       resumable (DB::Resume)
//   hard                  other                    kIOError       resumable
//   fatal, unrecoverable  any                      kUnrecoverable close needed; may be damaged
//
// RocksDB's own recovery from NoSpace (its SstFileManager polling free space) is turned
// off: the archive's owner resumes (Archive::Resume) when it sees space again, so there is
// one way back, and the owner knows when it happens.
//
// Thread-safety: safe for concurrent use (RocksDB calls the listener from its own threads).
#ifndef SINMUN_STORAGE_WRITE_GUARD_H_
#define SINMUN_STORAGE_WRITE_GUARD_H_

#include <rocksdb/listener.h>
#include <rocksdb/status.h>

#include <atomic>
#include <mutex>
#include <string>

#include "storage/archive.h"

namespace sinmun {

class WriteGuard final : public rocksdb::EventListener {
 public:
  // The state a RocksDB error puts the archive in (the table in the file comment). A
  // status without a severity (as a failed write returns it) is classed by its code:
  // NoSpace -> kNoSpace, Corruption -> kUnrecoverable, other errors -> kIOError.
  static WriteState Classify(const rocksdb::Status& error);

  Writability Get() const;
  bool writable() const { return state_.load(std::memory_order_acquire) == WriteState::kWritable; }

  // A write the archive made failed with `error`. RocksDB has normally reported it to
  // OnBackgroundError already; this covers an error it did not (the state only worsens).
  void OnWriteError(const rocksdb::Status& error);
  // DB::Resume succeeded: writable again.
  void OnResumed();

  // rocksdb::EventListener (called by RocksDB with its mutex held: no calls into the DB).
  void OnBackgroundError(rocksdb::BackgroundErrorReason reason, rocksdb::Status* bg_error) override;
  void OnErrorRecoveryBegin(rocksdb::BackgroundErrorReason reason, rocksdb::Status bg_error,
                            bool* auto_recovery) override;
  void OnErrorRecoveryEnd(const rocksdb::BackgroundErrorRecoveryInfo& info) override;

 private:
  void Worsen(WriteState state, const rocksdb::Status& error);

  std::atomic<WriteState> state_{WriteState::kWritable};
  mutable std::mutex mu_;
  std::string error_;  // GUARDED_BY(mu_)
};

}  // namespace sinmun

#endif  // SINMUN_STORAGE_WRITE_GUARD_H_
