// Value types of config keys: how each kind of value is spelled in the file, read and
// written back, and the bounds a key may put on it. Internal to config/: the key table
// (config_keys.cc) binds each key to one of these types and to its field.
//
// Every type T has
//   using Value = ...;                      the C++ type of the fields it fills
//   static constexpr bool kBounded;         whether a key may give it a Range
//   static Result<Value> Parse(std::string_view text, const Range& range);
//       the value, or InvalidArgument "what is wrong (what is expected)", e.g.
//       "\"30x\" is not a duration (use 30s, 5m, 1h, 1d)"; `text` is already trimmed.
//   static std::string Format(const Value& value);
//       as the file spells it: Parse(Format(v)) == v for every v that Parse returns.
//
// A Range is in the type's unit: milliseconds for both duration types, bytes for sizes,
// the number itself for integers.
//
// Thread-safety: pure functions; safe from any thread.
#ifndef SINMUN_CONFIG_VALUE_TYPES_H_
#define SINMUN_CONFIG_VALUE_TYPES_H_

#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "config/config.h"

namespace sinmun::config_internal {

// The bounds a key puts on a bounded type, inclusive. Default: unbounded.
struct Range {
  int64_t min = std::numeric_limits<int64_t>::min();
  int64_t max = std::numeric_limits<int64_t>::max();

  constexpr bool unbounded() const { return *this == Range{}; }
  constexpr bool operator==(const Range&) const = default;
};

// At least `n`: a count or a number of bytes.
constexpr Range AtLeast(int64_t n) { return Range{.min = n}; }
// At least `d`, for the duration types (any chrono unit; held as milliseconds).
constexpr Range AtLeast(std::chrono::milliseconds d) { return Range{.min = d.count()}; }

// `s` with backslashes and control bytes escaped (\\, \x1b), so a message never carries a
// raw control byte to a terminal.
std::string Escape(std::string_view s);
// Escape(s) in double quotes, with any double quote in it escaped.
std::string Quote(std::string_view s);
// `s` without the white space around it: space, tab, CR, LF.
std::string_view Trim(std::string_view s);

// "250ms", "30s", "1h30m", "7d": an integer and a unit (ms s m h d), or several, largest
// first, each unit at most once. Up to 36500d.
struct Duration {
  using Value = std::chrono::milliseconds;
  static constexpr bool kBounded = true;
  static Result<Value> Parse(std::string_view text, const Range& range);
  static std::string Format(Value value);  // the largest unit that divides it: 90s -> "90s"
};

// A Duration with no remainder of milliseconds, for fields held in whole seconds.
struct Seconds {
  using Value = std::chrono::seconds;
  static constexpr bool kBounded = true;
  static Result<Value> Parse(std::string_view text, const Range& range);
  static std::string Format(Value value);
};

// "100B", "512KiB", "8MiB", "1GiB" (units case-insensitive).
struct Size {
  using Value = uint64_t;  // bytes
  static constexpr bool kBounded = true;
  static Result<Value> Parse(std::string_view text, const Range& range);
  static std::string Format(Value value);  // the largest unit that divides it
};

// A whole number in decimal digits, no sign, up to INT_MAX.
struct Int {
  using Value = int;
  static constexpr bool kBounded = true;
  static Result<Value> Parse(std::string_view text, const Range& range);
  static std::string Format(Value value);
};

// true/false, yes/no, on/off, 1/0, case-insensitive. Written as true/false.
struct Bool {
  using Value = bool;
  static constexpr bool kBounded = false;
  static Result<Value> Parse(std::string_view text, const Range& range);
  static std::string Format(Value value);
};

// Free text, not empty, without control characters (a user agent, a path).
struct Text {
  using Value = std::string;
  static constexpr bool kBounded = false;
  static Result<Value> Parse(std::string_view text, const Range& range);
  static std::string Format(const Value& value);
};

// A file path without control characters, or empty for none (a key whose file is
// optional: [extract] site_table).
struct OptionalPath {
  using Value = std::string;
  static constexpr bool kBounded = false;
  static Result<Value> Parse(std::string_view text, const Range& range);
  static std::string Format(const Value& value);
};

// An absolute http:// or https:// URL (common/identity.h ParseUrl), no spaces or control
// characters.
struct HttpUrl {
  using Value = std::string;
  static constexpr bool kBounded = false;
  static Result<Value> Parse(std::string_view text, const Range& range);
  static std::string Format(const Value& value);
};

// A proxy URL: empty (no proxy), or an absolute http:// or https:// URL.
struct ProxyUrl {
  using Value = std::string;
  static constexpr bool kBounded = false;
  static Result<Value> Parse(std::string_view text, const Range& range);
  static std::string Format(const Value& value);
};

// Comma-separated host names ("example.com, intranet.example"), or "*"; may be empty.
// Written back as given, white space around items dropped.
struct HostList {
  using Value = std::string;
  static constexpr bool kBounded = false;
  static Result<Value> Parse(std::string_view text, const Range& range);
  static std::string Format(const Value& value);
};

// host:port to listen on, port 0-65535 (0: any free port); host a name, an IPv4 address
// or a [bracketed] IPv6 address. Empty: do not listen.
struct HostPort {
  using Value = std::string;
  static constexpr bool kBounded = false;
  static Result<Value> Parse(std::string_view text, const Range& range);
  static std::string Format(const Value& value);
};

// Comma-separated whole-second durations, at least one, each > 0, strictly increasing:
// "5m,15m,1h". White space around items is ignored.
struct DurationList {
  using Value = std::vector<std::chrono::seconds>;
  static constexpr bool kBounded = false;
  static Result<Value> Parse(std::string_view text, const Range& range);
  static std::string Format(const Value& value);  // "5m,15m,1h": no spaces
};

// A portal's name (common/portals.h) | rss | sitemap (SourceTypeName).
struct SourceKind {
  using Value = SourceType;
  static constexpr bool kBounded = false;
  static Result<Value> Parse(std::string_view text, const Range& range);
  static std::string Format(Value value);
};

}  // namespace sinmun::config_internal

#endif  // SINMUN_CONFIG_VALUE_TYPES_H_
