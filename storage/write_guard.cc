#include "storage/write_guard.h"

namespace sinmun {

WriteState WriteGuard::Classify(const rocksdb::Status& error) {
  if (error.ok()) return WriteState::kWritable;
  switch (error.severity()) {
    case rocksdb::Status::kSoftError: return WriteState::kWritable;
    case rocksdb::Status::kFatalError:
    case rocksdb::Status::kUnrecoverableError:
    case rocksdb::Status::kMaxSeverity: return WriteState::kUnrecoverable;
    case rocksdb::Status::kNoError:
    case rocksdb::Status::kHardError: break;
  }
  if (error.IsNoSpace() || error.subcode() == rocksdb::Status::kSpaceLimit) return WriteState::kNoSpace;
  if (error.IsCorruption()) return WriteState::kUnrecoverable;
  return WriteState::kIOError;
}

Writability WriteGuard::Get() const {
  if (writable()) return Writability{};
  std::lock_guard lock(mu_);
  return Writability{state_.load(std::memory_order_acquire), error_};
}

void WriteGuard::Worsen(WriteState state, const rocksdb::Status& error) {
  if (state == WriteState::kWritable) return;
  std::lock_guard lock(mu_);
  // kWritable < kNoSpace < kIOError < kUnrecoverable: keep the worst.
  if (state_.load(std::memory_order_acquire) >= state) return;
  error_ = error.ToString();
  state_.store(state, std::memory_order_release);
}

void WriteGuard::OnWriteError(const rocksdb::Status& error) { Worsen(Classify(error), error); }

void WriteGuard::OnResumed() {
  std::lock_guard lock(mu_);
  error_.clear();
  state_.store(WriteState::kWritable, std::memory_order_release);
}

void WriteGuard::OnBackgroundError(rocksdb::BackgroundErrorReason /*reason*/, rocksdb::Status* bg_error) {
  Worsen(Classify(*bg_error), *bg_error);
}

void WriteGuard::OnErrorRecoveryBegin(rocksdb::BackgroundErrorReason /*reason*/, rocksdb::Status bg_error,
                                      bool* auto_recovery) {
  bg_error.PermitUncheckedError();
  *auto_recovery = false;  // the owner resumes (file comment)
}

void WriteGuard::OnErrorRecoveryEnd(const rocksdb::BackgroundErrorRecoveryInfo& info) {
  // Only reached if RocksDB recovered on its own after all.
  if (info.new_bg_error.ok()) OnResumed();
}

}  // namespace sinmun
