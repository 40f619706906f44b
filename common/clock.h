// Clock: the only source of "now". Nothing else calls system_clock::now(),
// steady_clock::now() or sleeps, so politeness intervals, backoff and revisit ladders are
// tested by moving a FakeClock.
//
// A clock has two readings:
//   - the wall clock (Now(), NowMs()): UTC instants, for what is stored or shown — fetch
//     times, the revisit ladder's due times (persisted in the archive, so they must mean
//     the same after a restart);
//   - the monotonic clock (Monotonic()): a reading that never jumps, for every gap and
//     deadline measured within one process — per-host politeness gaps, backoff,
//     robots.txt expiry, the drain deadline. When the wall clock is stepped (NTP, an
//     operator's `date -s`), these keep their length.
// Now() has second precision (Instant); NowMs() and Monotonic() milliseconds: a request
// started at 0.999 s and a gap of 1 s must not allow the next at 1.000 s.
//
// Thread-safety: SystemClock is stateless; FakeClock is safe for concurrent use.
#ifndef SINMUN_COMMON_CLOCK_H_
#define SINMUN_COMMON_CLOCK_H_

#include <atomic>
#include <chrono>

#include "common/time.h"

namespace sinmun {

using InstantMs = std::chrono::sys_time<std::chrono::milliseconds>;
// A monotonic reading: meaningful only as a difference to another reading of the same
// process's clock.
using MonoTime = std::chrono::time_point<std::chrono::steady_clock, std::chrono::milliseconds>;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
  // Millisecond precision. The default widens Now(), for clocks that only have seconds.
  virtual InstantMs NowMs() const { return InstantMs(Now()); }
  virtual MonoTime Monotonic() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant Now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
  InstantMs NowMs() const override {
    return std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
  }
  MonoTime Monotonic() const override {
    return std::chrono::floor<std::chrono::milliseconds>(std::chrono::steady_clock::now());
  }
};

// Starts with the wall clock at `start` and the monotonic clock at an arbitrary reading
// (one day past its epoch, so that "a day ago" is still a valid reading). Advance moves
// both; StepWall moves the wall clock alone, as an NTP step or `date -s` would.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(Instant start) : now_ms_(InstantMs(start).time_since_epoch().count()) {}
  Instant Now() const override { return std::chrono::floor<std::chrono::seconds>(NowMs()); }
  InstantMs NowMs() const override { return InstantMs(std::chrono::milliseconds(now_ms_.load())); }
  MonoTime Monotonic() const override { return MonoTime(std::chrono::milliseconds(mono_ms_.load())); }
  void Advance(std::chrono::seconds d) { AdvanceMs(d); }
  void AdvanceMs(std::chrono::milliseconds d) {
    now_ms_ += d.count();
    mono_ms_ += d.count();
  }
  // Steps the wall clock by d (negative: backwards); the monotonic clock does not move.
  void StepWall(std::chrono::milliseconds d) { now_ms_ += d.count(); }
  // Sets the wall clock; the monotonic clock does not move.
  void Set(Instant t) { now_ms_ = InstantMs(t).time_since_epoch().count(); }

 private:
  std::atomic<long long> now_ms_;                   // wall: milliseconds since the Unix epoch
  std::atomic<long long> mono_ms_{86'400'000};      // monotonic: milliseconds
};

}  // namespace sinmun

#endif  // SINMUN_COMMON_CLOCK_H_
