// The config keys as a table, one row per key (as ninja's kTools table lists its
// subtools). A key exists because it has a row: ParseConfig reads the file by it,
// FormatConfig (sinmund --print-config) writes it, validation errors come from its
// value type and bounds, DiffConfig (config_diff.h) decides by it what a reload applies
// live, and config_keys_test checks config/sinmun.conf documents every row and no more.
//
// A row: the section ("source" for the keys of every [source.NAME] section), the key's
// name, the field it fills and the type of its value (Bind<&Struct::field, Type>, types
// in value_types.h), bounds, whether a reload applies it live, and its documentation.
// The key's default is its field's initializer in config.h (STYLE.md rule 8), written
// nowhere else.
//
// Adding a key, e.g. a [crawler] max_redirects, is one row plus its field and its use:
//
//   config.h, in CrawlerConfig:
//     // `max_redirects =`: redirects followed by one fetch. >= 0.
//     // Default: 5
//     int max_redirects = 5;
//
//   config_keys.cc, in kConfigKeys, among the other [crawler] rows:
//     {.section = "crawler",
//      .name = "max_redirects",
//      .value = Bind<&CrawlerConfig::max_redirects, Int>(AtLeast(0)),
//      .reload = Reload::kRestart,
//      .doc = "Redirects followed by one fetch; one more fails it."},
//
//   config/sinmun.conf: the same doc as a comment above "max_redirects = 5" in [crawler].
//   tests/config/config_keys_test.cc: an example value in Examples(); the test that
//   every row round-trips fails until it has one.
//
// A key in a new section is a row naming that section; when the section's fields live
// in a struct of their own inside Config, FieldHome below says where that struct is.
//
// Thread-safety: the tables are constant; every function here is safe from any thread.
#ifndef SINMUN_CONFIG_CONFIG_KEYS_H_
#define SINMUN_CONFIG_CONFIG_KEYS_H_

#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "common/status.h"
#include "config/config.h"
#include "config/value_types.h"

namespace sinmun {

// When a changed value takes effect after SIGHUP.
enum class Reload {
  kLive,     // at once
  kRestart,  // at the next start; until then the running value stays (and a reload says so)
};

// How a row reads and writes its field in a Target: Config, or SourceConfig for the keys
// of [source.NAME]. Made by Bind, never written by hand.
template <typename Target>
struct FieldBinding {
  // Parses `text` (trimmed) into the field; InvalidArgument "what is wrong (what is
  // expected)" and the field untouched otherwise.
  Status (*parse)(std::string_view text, const config_internal::Range& range, Target& target);
  // The field as the file spells it; parse(format(t)) restores the field exactly.
  std::string (*format)(const Target& target);
  // Sets the field of `to` to that of `from`.
  void (*copy)(const Target& from, Target& to);
  // The key's bounds (value_types.h); unbounded unless given to Bind.
  config_internal::Range range;
};

template <typename Target>
struct KeyRow {
  // "archive", "crawler", "extract", "metrics"; "source" in SourceKeys() (every
  // [source.NAME]).
  std::string_view section;
  // The key: [a-z_]+.
  std::string_view name;
  // Its field and value type: Bind<&CrawlerConfig::timeout, Seconds>(AtLeast(1s)).
  FieldBinding<Target> value;
  Reload reload = Reload::kRestart;
  // Only [source.NAME] keys may be required: a section without the key is an error.
  bool required = false;
  // What the value should be, said when it is empty or (a required key) missing:
  // "is empty (EXPECT)", "missing \"url\" (EXPECT)". Leave it out where an empty value
  // means something (metrics listen: no endpoint).
  std::string_view expect;
  // The documentation: one paragraph, written above the key by FormatConfig and in
  // config/sinmun.conf.
  std::string_view doc;

  // Reads `text` (trimmed) into this key's field of `target`. InvalidArgument, the
  // field untouched, when the value is not valid.
  Status Parse(std::string_view text, Target& target) const {
    if (text.empty() && !expect.empty()) {
      return Status::InvalidArgument("is empty (" + std::string(expect) + ")");
    }
    return value.parse(text, value.range, target);
  }
  // This key's value in `target`, as the file spells it.
  std::string Format(const Target& target) const { return value.format(target); }
  // Whether `a` and `b` hold the same value for this key.
  bool Same(const Target& a, const Target& b) const { return Format(a) == Format(b); }
  // Sets this key's field of `to` to its value in `from`.
  void CopyValue(const Target& from, Target& to) const { value.copy(from, to); }
};

using ConfigKey = KeyRow<Config>;        // [archive], [crawler], [extract], [metrics]
using SourceKey = KeyRow<SourceConfig>;  // [source.NAME]

// The rows, in the order FormatConfig writes them (grouped by section).
std::span<const ConfigKey> ConfigKeys();
std::span<const SourceKey> SourceKeys();

// The sections of ConfigKeys(), in order, each once: "archive", "crawler", "extract",
// "metrics".
std::vector<std::string_view> ConfigSections();

// --- Writing rows ----------------------------------------------------------------------

// Where the struct that declares a field sits in a row's Target. A section whose fields
// live in a struct of their own (as [crawler] in CrawlerConfig) has a specialisation.
template <typename Owner>
struct FieldHome;

template <>
struct FieldHome<Config> {
  using Target = Config;
  static Config& Of(Config& c) { return c; }
  static const Config& Of(const Config& c) { return c; }
};

template <>
struct FieldHome<CrawlerConfig> {
  using Target = Config;
  static CrawlerConfig& Of(Config& c) { return c.crawler; }
  static const CrawlerConfig& Of(const Config& c) { return c.crawler; }
};

template <>
struct FieldHome<SourceConfig> {
  using Target = SourceConfig;
  static SourceConfig& Of(SourceConfig& s) { return s; }
  static const SourceConfig& Of(const SourceConfig& s) { return s; }
};

namespace config_internal {
template <typename Member>
struct MemberOf;
template <typename Owner, typename Value>
struct MemberOf<Value Owner::*> {
  using OwnerType = Owner;
  using ValueType = Value;
};
template <auto Field>
using HomeOf = FieldHome<typename MemberOf<decltype(Field)>::OwnerType>;
}  // namespace config_internal

// The binding of the field `Field` (a pointer to member: &CrawlerConfig::timeout) to the
// value type `Type` (value_types.h), with the key's bounds. Only bounded types (durations,
// sizes, integers) take a Range; giving one to another type does not compile.
template <auto Field, typename Type>
consteval FieldBinding<typename config_internal::HomeOf<Field>::Target> Bind(
    config_internal::Range range = {}) {
  using Home = config_internal::HomeOf<Field>;
  using Target = typename Home::Target;
  static_assert(
      std::is_same_v<typename config_internal::MemberOf<decltype(Field)>::ValueType,
                     typename Type::Value>,
      "the value type must produce the field's C++ type");
  if (!Type::kBounded && !range.unbounded()) throw "this value type takes no bounds";
  return FieldBinding<Target>{
      .parse = [](std::string_view text, const config_internal::Range& bounds, Target& target) -> Status {
        Result<typename Type::Value> parsed = Type::Parse(text, bounds);
        if (!parsed.ok()) return parsed.status();
        Home::Of(target).*Field = std::move(*parsed);
        return Status::Ok();
      },
      .format = [](const Target& target) -> std::string {
        return Type::Format(Home::Of(target).*Field);
      },
      .copy = [](const Target& from, Target& to) { Home::Of(to).*Field = Home::Of(from).*Field; },
      .range = range,
  };
}

}  // namespace sinmun

#endif  // SINMUN_CONFIG_CONFIG_KEYS_H_
