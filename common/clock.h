// Clock: the only source of "now". Nothing else calls system_clock::now() or sleeps, so
// politeness intervals, backoff and revisit ladders are tested by moving a FakeClock.
//
// Now() has second precision (Instant). NowMs() has millisecond precision, for the few
// places where flooring to seconds would be wrong (per-host politeness gaps, backoff):
// a request started at 0.999 s and a gap of 1 s must not allow the next at 1.000 s.
//
// Thread-safety: SystemClock is stateless; FakeClock is safe for concurrent use.
#ifndef SINMUN_COMMON_CLOCK_H_
#define SINMUN_COMMON_CLOCK_H_

#include <atomic>
#include <chrono>

#include "common/time.h"

namespace sinmun {

using InstantMs = std::chrono::sys_time<std::chrono::milliseconds>;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
  // Millisecond precision. The default widens Now(), for clocks that only have seconds.
  virtual InstantMs NowMs() const { return InstantMs(Now()); }
};

class SystemClock final : public Clock {
 public:
  Instant Now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
  InstantMs NowMs() const override {
    return std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now());
  }
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(Instant start) : now_ms_(InstantMs(start).time_since_epoch().count()) {}
  Instant Now() const override { return std::chrono::floor<std::chrono::seconds>(NowMs()); }
  InstantMs NowMs() const override { return InstantMs(std::chrono::milliseconds(now_ms_.load())); }
  void Advance(std::chrono::seconds d) { now_ms_ += std::chrono::milliseconds(d).count(); }
  void AdvanceMs(std::chrono::milliseconds d) { now_ms_ += d.count(); }
  void Set(Instant t) { now_ms_ = InstantMs(t).time_since_epoch().count(); }

 private:
  std::atomic<long long> now_ms_;  // milliseconds since the epoch
};

}  // namespace sinmun

#endif  // SINMUN_COMMON_CLOCK_H_
