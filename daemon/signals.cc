#include "daemon/signals.h"

#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace sinmun {
namespace {

sigset_t DaemonSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  return set;
}

}  // namespace

Status BlockDaemonSignals() {
  sigset_t set = DaemonSignals();
  int rc = pthread_sigmask(SIG_BLOCK, &set, nullptr);
  if (rc != 0) return Status::IOError(std::string("pthread_sigmask: ") + std::strerror(rc));
  // A peer that goes away mid-response must not kill the daemon.
  signal(SIGPIPE, SIG_IGN);
  return Status::Ok();
}

Result<SignalEvents> SignalEvents::Open() {
  sigset_t set = DaemonSignals();
  int fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
  if (fd < 0) return Status::IOError(std::string("signalfd: ") + std::strerror(errno));
  return SignalEvents(fd);
}

SignalEvents::~SignalEvents() {
  if (fd_ >= 0) close(fd_);
}

std::optional<SignalEvent> SignalEvents::Next() {
  signalfd_siginfo info;
  while (true) {
    ssize_t n = read(fd_, &info, sizeof info);
    if (n != static_cast<ssize_t>(sizeof info)) return std::nullopt;
    if (info.ssi_signo == SIGHUP) return SignalEvent::kReload;
    if (info.ssi_signo == SIGTERM || info.ssi_signo == SIGINT) return SignalEvent::kStop;
  }
}

}  // namespace sinmun
