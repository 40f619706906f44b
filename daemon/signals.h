// Signals become events (STYLE.md 11): BlockDaemonSignals() blocks SIGTERM, SIGINT and
// SIGHUP in the calling thread — main() calls it before any thread starts, so every thread
// inherits the mask — and SignalEvents reads them from a signalfd in the daemon's loop. No
// handler runs; nothing is done in signal context.
//
// Thread-safety: SignalEvents is owned by the loop thread.
#ifndef SINMUN_DAEMON_SIGNALS_H_
#define SINMUN_DAEMON_SIGNALS_H_

#include <optional>

#include "common/status.h"

namespace sinmun {

enum class SignalEvent { kStop, kReload };

Status BlockDaemonSignals();

class SignalEvents {
 public:
  static Result<SignalEvents> Open();  // REQUIRES: BlockDaemonSignals() was called
  SignalEvents(SignalEvents&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  SignalEvents(const SignalEvents&) = delete;
  SignalEvents& operator=(const SignalEvents&) = delete;
  ~SignalEvents();

  // The next pending signal, without waiting; nullopt when none is pending.
  std::optional<SignalEvent> Next();
  int fd() const { return fd_; }

 private:
  explicit SignalEvents(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace sinmun

#endif  // SINMUN_DAEMON_SIGNALS_H_
