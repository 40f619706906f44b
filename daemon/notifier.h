// Notifier: the daemon's messages to its service manager (systemd Type=notify).
//
// READY=1 once the archive is open, STATUS= with a one-line summary, WATCHDOG=1 at half
// the WATCHDOG_USEC interval, RELOADING=1 / READY=1 around a config reload, STOPPING=1 on
// shutdown. SdNotifier speaks the protocol through libsystemd's sd_notify(), which does
// nothing when NOTIFY_SOCKET is unset (a run from a shell).
//
// Thread-safety: SdNotifier is stateless and safe to call from any thread.
#ifndef SINMUN_DAEMON_NOTIFIER_H_
#define SINMUN_DAEMON_NOTIFIER_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sinmun {

class Notifier {
 public:
  virtual ~Notifier() = default;
  virtual void Notify(std::string_view state) = 0;
  // How often to send WATCHDOG=1 (half the manager's timeout); nullopt when not asked.
  virtual std::optional<std::chrono::milliseconds> WatchdogInterval() const = 0;
};

class SdNotifier final : public Notifier {
 public:
  void Notify(std::string_view state) override;
  std::optional<std::chrono::milliseconds> WatchdogInterval() const override;
};

}  // namespace sinmun

#endif  // SINMUN_DAEMON_NOTIFIER_H_
