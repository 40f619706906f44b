#include "daemon/notifier.h"

#include <systemd/sd-daemon.h>

namespace sinmun {

void SdNotifier::Notify(std::string_view state) {
  std::string message(state);
  sd_notify(0, message.c_str());
}

std::optional<std::chrono::milliseconds> SdNotifier::WatchdogInterval() const {
  uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) <= 0 || usec == 0) return std::nullopt;
  return std::chrono::milliseconds(usec / 2000);
}

}  // namespace sinmun
