#include "daemon/archive_watch.h"

#include <spdlog/spdlog.h>

namespace sinmun {

ArchiveWatch::ArchiveWatch(Archive& archive, std::string path, Health& health, Metrics& metrics,
                           Notifier& notifier)
    : archive_(archive), path_(std::move(path)), health_(health), metrics_(metrics), notifier_(notifier) {
  metrics_.Describe("sinmun_archive_writable", Metrics::Type::kGauge,
                    "1 while the archive takes writes; 0 while the crawl waits for it (a full disk).");
  metrics_.Set("sinmun_archive_writable", {}, 1);
}

std::string ArchiveWatch::FreeSpace() const {
  Result<uint64_t> free = archive_.FreeBytes();
  if (!free.ok()) return free.status().message();
  return std::to_string(*free) + " bytes free on its filesystem";
}

bool ArchiveWatch::OnWriteFailed(MonoTime now) {
  if (state_ != State::kWriting) return true;
  Writability w = archive_.Writable();
  if (w.writable()) return false;
  Stop(w, now);
  return true;
}

void ArchiveWatch::Stop(const Writability& w, MonoTime now) {
  stopped_at_ = now;
  last_check_ = now;
  if (w.state == WriteState::kUnrecoverable) {
    state_ = State::kFailed;
    reason_ = "archive " + path_ + " stopped on an unrecoverable error: " + w.error;
    spdlog::critical("{}; ending", reason_);
  } else {
    state_ = State::kPaused;
    reason_ =
        "archive " + path_ + " is not writable (" + std::string(WriteStateName(w.state)) + "): " + FreeSpace();
    spdlog::error("{}; fetching nothing until it takes writes again (checked every {} s). {}", reason_,
                  kCheckEvery.count(), w.error);
  }
  health_.Set("archive", HealthState::kUnhealthy, reason_);
  metrics_.Set("sinmun_archive_writable", {}, 0);
  notifier_.Notify("STATUS=paused: " + reason_);
}

void ArchiveWatch::TryResume(MonoTime now) {
  last_check_ = now;
  Status resumed = archive_.Resume();
  if (!resumed.ok()) {
    if (archive_.Writable().state == WriteState::kUnrecoverable) {
      Stop(archive_.Writable(), now);
    } else {
      spdlog::debug("archive not resumed yet: {}", resumed.message());
    }
    return;
  }
  std::vector<ScheduleChange> deferred = std::move(deferred_);
  deferred_.clear();
  for (size_t i = 0; i < deferred.size(); ++i) {
    if (Status s = archive_.UpdateSchedule(deferred[i]); !s.ok()) {
      deferred_.assign(std::make_move_iterator(deferred.begin() + static_cast<std::ptrdiff_t>(i)),
                       std::make_move_iterator(deferred.end()));
      spdlog::debug("archive not resumed yet: {}", s.message());
      if (Writability w = archive_.Writable(); w.state == WriteState::kUnrecoverable) Stop(w, now);
      return;
    }
  }
  state_ = State::kWriting;
  reason_.clear();
  health_.Clear("archive");
  metrics_.Set("sinmun_archive_writable", {}, 1);
  spdlog::warn("archive {} takes writes again ({}); resuming the crawl after {} s", path_, FreeSpace(),
               std::chrono::duration_cast<std::chrono::seconds>(now - stopped_at_).count());
}

ArchiveWatch::State ArchiveWatch::Poll(MonoTime now) {
  switch (state_) {
    case State::kWriting:
      if (Writability w = archive_.Writable(); !w.writable()) Stop(w, now);
      break;
    case State::kPaused:
      if (now - last_check_ >= kCheckEvery) TryResume(now);
      break;
    case State::kFailed: break;
  }
  return state_;
}

}  // namespace sinmun
