// Logging setup for sinmund: spdlog to stderr.
//
// Under systemd (JOURNAL_STREAM set) lines carry sd-daemon "<N>" priority prefixes and no
// timestamp, since journald stamps and classifies each line itself; from a shell, lines get
// a local timestamp and the level name. Every other file logs through spdlog's default
// logger, which this installs.
#ifndef SINMUN_DAEMON_LOGGING_H_
#define SINMUN_DAEMON_LOGGING_H_

namespace sinmun {

// debug: also log one line per fetch.
void SetUpLogging(bool debug);

}  // namespace sinmun

#endif  // SINMUN_DAEMON_LOGGING_H_
