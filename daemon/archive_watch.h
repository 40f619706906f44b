// ArchiveWatch: sinmund's answer to an archive that stops taking writes — a full disk, an
// I/O error (storage/archive.h "Faults").
//
// The daemon tells it about every failed write (OnWriteFailed) and asks it each turn of
// the loop (Poll) whether to go on:
//   kWriting  the archive takes writes: fetch and record as usual.
//   kPaused   a write failed and the archive stopped: fetch nothing, record nothing. The
//             first failure is said once, at error level (the archive's path, the bytes
//             free on its filesystem, RocksDB's words); /healthz turns unhealthy
//             (condition "archive"), the STATUS says so, and sinmun_archive_writable is 0.
//             Every kCheckEvery the free space is read (statvfs) and Archive::Resume tried;
//             when it succeeds the crawl resumes, with its schedule as it was.
//   kFailed   RocksDB reported the error as unrecoverable (or resuming refused for good):
//             the daemon ends with failure() and a non-zero exit.
// A background failure (a memtable flush) stops the archive without a write of ours
// failing; Poll sees that too (one atomic read).
//
// Schedule changes that could not be written while the archive was stopped are kept here
// (Defer), in order, and written first when it takes writes again; what is still kept at
// exit is lost (the tasks come back as the archive last held them) and said so.
//
// Thread-safety: none; owned by the daemon's loop. It updates Health and Metrics, which
// are thread-safe.
#ifndef SINMUN_DAEMON_ARCHIVE_WATCH_H_
#define SINMUN_DAEMON_ARCHIVE_WATCH_H_

#include <chrono>
#include <string>
#include <vector>

#include "common/clock.h"
#include "daemon/health.h"
#include "daemon/metrics.h"
#include "daemon/notifier.h"
#include "storage/archive.h"

namespace sinmun {

class ArchiveWatch {
 public:
  enum class State { kWriting, kPaused, kFailed };
  static constexpr std::chrono::seconds kCheckEvery{5};

  // REQUIRES: all outlive the watch. `path`: the archive's directory, for messages.
  ArchiveWatch(Archive& archive, std::string path, Health& health, Metrics& metrics, Notifier& notifier);

  // A write to the archive failed. True when the archive has stopped (state now kPaused or
  // kFailed): the write is to be done again once it resumes. False for a failure that
  // leaves the archive writable (a bad record: the caller reports it).
  bool OnWriteFailed(MonoTime now);

  // See the file comment. Cheap while writing.
  State Poll(MonoTime now);

  // Keeps a schedule change the stopped archive did not take, for the resume.
  void Defer(ScheduleChange change) { deferred_.push_back(std::move(change)); }
  size_t deferred() const { return deferred_.size(); }

  State state() const { return state_; }
  bool writing() const { return state_ == State::kWriting; }
  // Why the archive is not writable, one line ("" while writing): for STATUS and the exit.
  const std::string& reason() const { return reason_; }

 private:
  void Stop(const Writability& w, MonoTime now);
  void TryResume(MonoTime now);
  std::string FreeSpace() const;

  Archive& archive_;
  std::string path_;
  Health& health_;
  Metrics& metrics_;
  Notifier& notifier_;
  State state_ = State::kWriting;
  std::string reason_;
  MonoTime stopped_at_{};
  MonoTime last_check_{};
  std::vector<ScheduleChange> deferred_;  // in the order they were made
};

}  // namespace sinmun

#endif  // SINMUN_DAEMON_ARCHIVE_WATCH_H_
