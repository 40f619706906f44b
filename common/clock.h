// Clock: the only source of "now". Nothing else calls system_clock::now() or sleeps, so
// politeness intervals, backoff and revisit ladders are tested by moving a FakeClock.
//
// Thread-safety: SystemClock is stateless; FakeClock is safe for concurrent use.
#ifndef SINMUN_COMMON_CLOCK_H_
#define SINMUN_COMMON_CLOCK_H_

#include <atomic>
#include <chrono>

#include "common/time.h"

namespace sinmun {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant Now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(Instant start) : now_(start.time_since_epoch().count()) {}
  Instant Now() const override { return Instant(std::chrono::seconds(now_.load())); }
  void Advance(std::chrono::seconds d) { now_ += d.count(); }
  void Set(Instant t) { now_ = t.time_since_epoch().count(); }

 private:
  std::atomic<long long> now_;
};

}  // namespace sinmun

#endif  // SINMUN_COMMON_CLOCK_H_
