#include "config/value_types.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <utility>

#include "common/identity.h"

namespace sinmun {
namespace config_internal {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr std::string_view kDurationExpected = "(use 30s, 5m, 1h, 1d)";
constexpr std::string_view kSizeExpected = "(use 100B, 512KiB, 8MiB, 1GiB)";

// Longer than any sensible delay, short enough that adding it to a time point can never
// overflow.
constexpr milliseconds kMaxDuration = std::chrono::hours(24 * 36500);

bool ParseUnsigned(std::string_view s, uint64_t* out) {
  if (s.empty() || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size();
}

bool HasControlChar(std::string_view s, bool space_too) {
  return std::any_of(s.begin(), s.end(), [space_too](char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f || (space_too && u == ' ');
  });
}

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// The bounds check of both duration types, in milliseconds.
Status CheckDuration(std::string_view text, milliseconds value, const Range& range) {
  if (value.count() < range.min) {
    if (value.count() == 0) return Status::InvalidArgument(Quote(text) + " must be longer than 0");
    return Status::InvalidArgument(Quote(text) + " is too short (at least " +
                                   Duration::Format(milliseconds(range.min)) + ")");
  }
  if (value.count() > range.max) {
    return Status::InvalidArgument(Quote(text) + " is too long (at most " +
                                   Duration::Format(milliseconds(range.max)) + ")");
  }
  return Status::Ok();
}

}  // namespace

std::string Escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '\\') {
      out += "\\\\";
    } else if (u < 0x20 || u == 0x7f) {
      constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 0xf];
    } else {
      out += c;
    }
  }
  return out;
}

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : Escape(s)) {
    if (c == '"') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string_view Trim(std::string_view s) {
  constexpr std::string_view kSpace = " \t\r\n";
  size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(kSpace) - begin + 1);
}

// --- Duration, Seconds ------------------------------------------------------------------

Result<milliseconds> Duration::Parse(std::string_view text, const Range& range) {
  struct Unit {
    std::string_view name;
    int64_t ms;
  };
  // Largest first: the parts of "1h30m" must come in this order, each at most once.
  constexpr Unit kUnits[] = {{"d", 86'400'000}, {"h", 3'600'000}, {"m", 60'000}, {"s", 1000},
                             {"ms", 1}};
  auto bad = [text] {
    return Status::InvalidArgument(Quote(text) + " is not a duration " +
                                   std::string(kDurationExpected));
  };
  auto too_long = [text] {
    return Status::InvalidArgument(Quote(text) + " is too long (at most 36500d)");
  };
  std::string_view rest = text;
  if (rest.empty()) return bad();
  int64_t total = 0;
  size_t next_unit = 0;  // index into kUnits of the largest unit still allowed
  while (!rest.empty()) {
    size_t digits = rest.find_first_not_of("0123456789");
    if (digits == 0 || digits == std::string_view::npos) return bad();
    size_t letters = rest.find_first_of("0123456789", digits);
    std::string_view number = rest.substr(0, digits);
    std::string_view unit_name = rest.substr(digits, letters - digits);
    rest = letters == std::string_view::npos ? std::string_view() : rest.substr(letters);

    uint64_t n = 0;
    if (!ParseUnsigned(number, &n)) return bad();
    size_t u = next_unit;
    while (u < std::size(kUnits) && kUnits[u].name != unit_name) ++u;
    if (u == std::size(kUnits)) return bad();
    next_unit = u + 1;
    if (n > static_cast<uint64_t>(kMaxDuration.count() / kUnits[u].ms)) return too_long();
    total += static_cast<int64_t>(n) * kUnits[u].ms;
    if (total > kMaxDuration.count()) return too_long();
  }
  if (Status s = CheckDuration(text, milliseconds(total), range); !s.ok()) return s;
  return milliseconds(total);
}

std::string Duration::Format(milliseconds value) {
  struct Unit {
    int64_t ms;
    std::string_view name;
  };
  constexpr Unit kUnits[] = {
      {86'400'000, "d"}, {3'600'000, "h"}, {60'000, "m"}, {1000, "s"}, {1, "ms"}};
  if (value.count() == 0) return "0s";
  for (const Unit& unit : kUnits) {
    if (value.count() % unit.ms == 0) {
      return std::to_string(value.count() / unit.ms) + std::string(unit.name);
    }
  }
  return std::to_string(value.count()) + "ms";  // unreachable: every count divides by 1
}

Result<seconds> Seconds::Parse(std::string_view text, const Range& range) {
  Result<milliseconds> ms = Duration::Parse(text, Range{});
  if (!ms.ok()) return ms.status();
  if (ms->count() % 1000 != 0) {
    return Status::InvalidArgument(Quote(text) + " is not a whole number of seconds");
  }
  if (Status s = CheckDuration(text, *ms, range); !s.ok()) return s;
  return std::chrono::duration_cast<seconds>(*ms);
}

std::string Seconds::Format(seconds value) { return Duration::Format(value); }

// --- Size, Int, Bool --------------------------------------------------------------------

Result<uint64_t> Size::Parse(std::string_view text, const Range& range) {
  auto bad = [text] {
    return Status::InvalidArgument(Quote(text) + " is not a size " + std::string(kSizeExpected));
  };
  size_t digits = text.find_first_not_of("0123456789");
  if (digits == 0 || digits == std::string_view::npos) return bad();
  uint64_t n = 0;
  if (!ParseUnsigned(text.substr(0, digits), &n)) return bad();
  constexpr std::pair<std::string_view, int> kUnits[] = {
      {"b", 0}, {"kib", 10}, {"mib", 20}, {"gib", 30}};
  std::string unit = Lower(text.substr(digits));
  auto found = std::find_if(std::begin(kUnits), std::end(kUnits),
                            [&unit](const auto& u) { return u.first == unit; });
  if (found == std::end(kUnits)) return bad();
  int shift = found->second;
  if (n > (std::numeric_limits<uint64_t>::max() >> shift)) {
    return Status::InvalidArgument(Quote(text) + " is too large");
  }
  uint64_t bytes = n << shift;
  if (range.min > 0 && bytes < static_cast<uint64_t>(range.min)) {
    if (bytes == 0) return Status::InvalidArgument(Quote(text) + " must be more than 0");
    return Status::InvalidArgument(Quote(text) + " is too small (at least " +
                                   Format(static_cast<uint64_t>(range.min)) + ")");
  }
  if (range.max != Range{}.max && bytes > static_cast<uint64_t>(std::max<int64_t>(range.max, 0))) {
    return Status::InvalidArgument(Quote(text) + " is too large (at most " +
                                   Format(static_cast<uint64_t>(range.max)) + ")");
  }
  return bytes;
}

std::string Size::Format(uint64_t value) {
  constexpr std::pair<uint64_t, std::string_view> kUnits[] = {
      {uint64_t{1} << 30, "GiB"}, {uint64_t{1} << 20, "MiB"}, {uint64_t{1} << 10, "KiB"}};
  for (const auto& [size, name] : kUnits) {
    if (value != 0 && value % size == 0) return std::to_string(value / size) + std::string(name);
  }
  return std::to_string(value) + "B";
}

Result<int> Int::Parse(std::string_view text, const Range& range) {
  constexpr int64_t kMax = std::numeric_limits<int>::max();
  uint64_t n = 0;
  if (!ParseUnsigned(text, &n) || n > static_cast<uint64_t>(kMax)) {
    int64_t example = std::clamp<int64_t>(range.min, 1, kMax);
    return Status::InvalidArgument(Quote(text) + " is not a whole number (use e.g. " +
                                   std::to_string(example) + ")");
  }
  if (static_cast<int64_t>(n) < range.min) {
    return Status::InvalidArgument(Quote(text) + " is too small (at least " +
                                   std::to_string(range.min) + ")");
  }
  if (static_cast<int64_t>(n) > range.max) {
    return Status::InvalidArgument(Quote(text) + " is too large (at most " +
                                   std::to_string(range.max) + ")");
  }
  return static_cast<int>(n);
}

std::string Int::Format(int value) { return std::to_string(value); }

Result<bool> Bool::Parse(std::string_view text, const Range&) {
  std::string lower = Lower(text);
  if (lower == "true" || lower == "yes" || lower == "on" || lower == "1") return true;
  if (lower == "false" || lower == "no" || lower == "off" || lower == "0") return false;
  return Status::InvalidArgument(Quote(text) + " is not a boolean (use true or false)");
}

std::string Bool::Format(bool value) { return value ? "true" : "false"; }

// --- Text, HttpUrl, HostPort ------------------------------------------------------------

Result<std::string> Text::Parse(std::string_view text, const Range&) {
  if (text.empty()) return Status::InvalidArgument("is empty");
  if (HasControlChar(text, /*space_too=*/false)) {
    return Status::InvalidArgument(Quote(text) + " has a control character");
  }
  return std::string(text);
}

std::string Text::Format(const std::string& value) { return value; }

Result<std::string> OptionalPath::Parse(std::string_view text, const Range&) {
  if (HasControlChar(text, /*space_too=*/false)) {
    return Status::InvalidArgument(Quote(text) + " has a control character");
  }
  return std::string(text);
}

std::string OptionalPath::Format(const std::string& value) { return value; }

Result<std::string> HttpUrl::Parse(std::string_view text, const Range&) {
  if (HasControlChar(text, /*space_too=*/true) || !ParseUrl(text)) {
    return Status::InvalidArgument(Quote(text) + " is not an absolute http:// or https:// URL");
  }
  return std::string(text);
}

std::string HttpUrl::Format(const std::string& value) { return value; }

Result<std::string> ProxyUrl::Parse(std::string_view text, const Range& range) {
  if (text.empty()) return std::string();
  Result<std::string> url = HttpUrl::Parse(text, range);
  if (!url.ok()) {
    return Status::InvalidArgument(Quote(text) +
                                   " is not a proxy URL (http://host:port or https://host:port; "
                                   "empty: no proxy)");
  }
  return url;
}

std::string ProxyUrl::Format(const std::string& value) { return value; }

Result<std::string> HostList::Parse(std::string_view text, const Range&) {
  std::string out;
  while (!text.empty()) {
    const size_t comma = text.find(',');
    std::string_view item = Trim(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    if (item.empty()) continue;
    const bool name = std::all_of(item.begin(), item.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
             c == '.' || c == '-' || c == ':' || c == '*';
    });
    if (!name || (item.find('*') != std::string_view::npos && item != "*")) {
      return Status::InvalidArgument(Quote(item) +
                                     " is not a host name (comma-separated names, or *)");
    }
    if (!out.empty()) out += ",";
    out += std::string(item);
  }
  return out;
}

std::string HostList::Format(const std::string& value) { return value; }

Result<std::string> HostPort::Parse(std::string_view text, const Range&) {
  if (text.empty()) return std::string();
  auto bad = [text] {
    return Status::InvalidArgument(Quote(text) +
                                   " is not host:port with a port 0-65535 (e.g. 127.0.0.1:9464; "
                                   "port 0: any free port, logged at start; empty: no metrics "
                                   "endpoint)");
  };
  size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return bad();
  std::string_view host = text.substr(0, colon);
  std::string_view port = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  } else if (host.find_first_of("[]:") != std::string_view::npos) {
    return bad();  // an IPv6 address needs its brackets
  }
  uint64_t n = 0;
  if (host.empty() || HasControlChar(host, /*space_too=*/true) || port.size() > 5 ||
      !ParseUnsigned(port, &n) || n > 65535) {
    return bad();
  }
  return std::string(text);
}

std::string HostPort::Format(const std::string& value) { return value; }

// --- DurationList, SourceKind -----------------------------------------------------------

Result<std::vector<seconds>> DurationList::Parse(std::string_view text, const Range&) {
  if (text.empty()) {
    return Status::InvalidArgument("is empty (give at least one delay, e.g. 5m,1h,1d)");
  }
  std::vector<seconds> list;
  std::string_view previous;
  while (true) {
    size_t comma = text.find(',');
    std::string_view item = Trim(text.substr(0, comma));
    if (item.empty()) return Status::InvalidArgument("has an empty item (use e.g. 5m,15m,1h)");
    Result<seconds> delay = Seconds::Parse(item, AtLeast(std::chrono::milliseconds(1)));
    if (!delay.ok()) return delay.status();
    if (!list.empty() && *delay <= list.back()) {
      return Status::InvalidArgument(Quote(item) + " is not longer than " + Quote(previous) +
                                     " before it (the delays must increase)");
    }
    list.push_back(*delay);
    previous = item;
    if (comma == std::string_view::npos) break;
    text = text.substr(comma + 1);
  }
  return list;
}

std::string DurationList::Format(const std::vector<seconds>& value) {
  std::string out;
  for (seconds delay : value) {
    if (!out.empty()) out += ',';
    out += Seconds::Format(delay);
  }
  return out;
}

Result<SourceType> SourceKind::Parse(std::string_view text, const Range&) {
  if (std::optional<SourceType> type = SourceTypeFromName(text)) return *type;
  return Status::InvalidArgument(Quote(text) + " is not a source type (use " +
                                 SourceTypeNames() + ")");
}

std::string SourceKind::Format(SourceType value) { return std::string(SourceTypeName(value)); }

}  // namespace config_internal

Result<std::chrono::milliseconds> ParseDuration(std::string_view text) {
  return config_internal::Duration::Parse(text, config_internal::Range{});
}

Result<uint64_t> ParseSize(std::string_view text) {
  return config_internal::Size::Parse(text, config_internal::Range{});
}

}  // namespace sinmun
