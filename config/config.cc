#include "config/config.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <span>
#include <sstream>
#include <utility>

#include <boost/program_options.hpp>

#include "common/identity.h"

#ifndef SINMUN_VERSION
#error "SINMUN_VERSION must be defined by the build (config/CMakeLists.txt)"
#endif

namespace sinmun {
namespace {

namespace po = boost::program_options;
using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr std::string_view kSourcePrefix = "source.";
constexpr std::string_view kSectionsExpected = "[archive], [crawler], [metrics] or [source.NAME]";
constexpr std::string_view kDurationExpected = "(use 30s, 5m, 1h, 1d)";
constexpr std::string_view kSizeExpected = "(use 100B, 512KiB, 8MiB, 1GiB)";
constexpr size_t kMaxErrors = 20;

// Longer than any sensible delay, short enough that adding it to a time point can never
// overflow.
constexpr milliseconds kMaxDuration = std::chrono::hours(24 * 36500);

constexpr std::string_view kArchiveKeys[] = {"path"};
constexpr std::string_view kCrawlerKeys[] = {
    "user_agent", "per_host_interval", "backoff", "max_per_host", "max_connections", "timeout",
    "max_body", "respect_robots", "allow_private_addresses", "revisit", "keep_raw"};
constexpr std::string_view kMetricsKeys[] = {"listen"};
constexpr std::string_view kSourceKeys[] = {"type", "url", "interval"};

constexpr SourceType kSourceTypes[] = {SourceType::kDaum, SourceType::kNaver, SourceType::kRss,
                                       SourceType::kSitemap};

std::string_view Trim(std::string_view s) {
  // The white space Boost.Program_options trims from names and values.
  constexpr std::string_view kSpace = " \t\r\n";
  size_t begin = s.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(kSpace) - begin + 1);
}

bool HasControlChar(std::string_view s, bool space_too) {
  return std::any_of(s.begin(), s.end(), [space_too](char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f || (space_too && u == ' ');
  });
}

// `s` with backslashes and control bytes escaped (\\, \x1b), so a message never carries a
// raw control byte to a terminal; Quote() also puts it in double quotes, escaping those.
std::string Escape(std::string_view s, bool quotes_too = false) {
  std::string out;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (c == '\\' || (quotes_too && c == '"')) {
      out += '\\';
      out += c;
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

std::string Quote(std::string_view s) { return "\"" + Escape(s, /*quotes_too=*/true) + "\""; }

std::string JoinKeys(std::span<const std::string_view> keys) {
  std::string out;
  for (std::string_view key : keys) {
    if (!out.empty()) out += ", ";
    out += key;
  }
  return out;
}

bool ParseUnsigned(std::string_view s, uint64_t* out) {
  if (s.empty() || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return false;
  }
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size();
}

// The "FILE:LINE: what" lines of a failed parse, in line order.
class ErrorList {
 public:
  explicit ErrorList(std::string_view file_name) : file_name_(file_name) {}

  void Add(int line, std::string what) { errors_.emplace_back(line, std::move(what)); }
  bool empty() const { return errors_.empty(); }
  Status ToStatus() {
    std::stable_sort(errors_.begin(), errors_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string text;
    for (size_t i = 0; i < errors_.size() && i < kMaxErrors; ++i) {
      if (!text.empty()) text += '\n';
      text += file_name_ + ":" + std::to_string(errors_[i].first) + ": " + errors_[i].second;
    }
    if (errors_.size() > kMaxErrors) {
      text += "\n" + file_name_ + ": " + std::to_string(errors_.size() - kMaxErrors) +
              " more errors";
    }
    return Status::InvalidArgument(std::move(text));
  }

 private:
  std::string file_name_;
  std::vector<std::pair<int, std::string>> errors_;
};

// --- Finding lines --------------------------------------------------------------------
//
// Boost.Program_options' INI parser reports neither line numbers nor sections, so the
// text is scanned once more here, line by line with Boost's own rules (see its
// config_file.cpp): a '#' ends a line; white space is trimmed; "[name]" opens a section;
// anything else needs a '='. The n-th "key = value" line found here is the n-th option
// Boost returns; ParseConfig checks that the two agree before trusting a line number.
// Newer Boost versions also take a line that starts with ';' as a comment, older ones
// (1.74) reject it; it is rejected here, whatever the version, so a file means the same
// everywhere.

enum class SectionKind { kNone, kArchive, kCrawler, kMetrics, kSource, kInvalid };

struct Section {
  int line = 0;  // of its "[...]" header; 0 for the keys before any header
  std::string name;
  SectionKind kind = SectionKind::kNone;
  size_t source_index = 0;  // into Config::sources, for kSource
};

struct KeyLine {
  int line = 0;
  size_t section = 0;  // index into Scan::sections
  std::string key;
};

struct Scan {
  std::vector<Section> sections;  // [0] is the nameless section before any header
  std::vector<KeyLine> keys;
  bool syntax_ok = true;
};

SectionKind KindOf(std::string_view name) {
  if (name == "archive") return SectionKind::kArchive;
  if (name == "crawler") return SectionKind::kCrawler;
  if (name == "metrics") return SectionKind::kMetrics;
  if (name.starts_with(kSourcePrefix)) return SectionKind::kSource;
  return SectionKind::kInvalid;
}

bool IsSourceName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
  });
}

// Scans `text`, reporting syntax errors and bad, repeated or unknown section headers.
// Each valid [source.NAME] header appends a SourceConfig to `config`.
Scan ScanLines(std::string_view text, Config* config, ErrorList* errors) {
  Scan scan;
  scan.sections.push_back(Section{});
  std::map<std::string, int, std::less<>> seen;  // section name -> line of its header
  size_t current = 0;
  int number = 0;
  while (!text.empty()) {
    ++number;
    size_t eol = text.find('\n');
    std::string_view s = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);

    s = Trim(s.substr(0, s.find('#')));
    if (s.empty()) continue;

    if (s.front() == ';') {
      errors->Add(number, "comments start with '#', not ';'");
      scan.syntax_ok = false;
    } else if (s.front() == '[' && s.back() == ']' && s.size() >= 2) {
      Section section;
      section.line = number;
      section.name = std::string(s.substr(1, s.size() - 2));
      section.kind = KindOf(section.name);
      if (section.name.empty()) {
        errors->Add(number, "empty section name \"[]\" (expected " + std::string(kSectionsExpected) + ")");
        scan.syntax_ok = false;
        section.kind = SectionKind::kInvalid;
      } else if (auto [it, inserted] = seen.emplace(section.name, number); !inserted) {
        errors->Add(number, "[" + Escape(section.name) + "]: appears twice (first on line " +
                                std::to_string(it->second) + ")");
        section.kind = SectionKind::kInvalid;
      } else if (section.kind == SectionKind::kInvalid) {
        errors->Add(number, "unknown section " + Quote("[" + section.name + "]") + " (expected " +
                                std::string(kSectionsExpected) + ")");
      } else if (section.kind == SectionKind::kSource) {
        std::string_view source_name = std::string_view(section.name).substr(kSourcePrefix.size());
        if (!IsSourceName(source_name)) {
          errors->Add(number, "[" + Escape(section.name) + "]: source name " + Quote(source_name) +
                                  " may only use A-Z, a-z, 0-9, '_' and '-'");
          section.kind = SectionKind::kInvalid;
        } else {
          section.source_index = config->sources.size();
          config->sources.push_back(SourceConfig{.name = std::string(source_name)});
        }
      }
      scan.sections.push_back(std::move(section));
      current = scan.sections.size() - 1;
    } else if (size_t eq = s.find('='); eq != std::string_view::npos) {
      scan.keys.push_back(KeyLine{number, current, std::string(Trim(s.substr(0, eq)))});
    } else {
      errors->Add(number, "expected \"key = value\" or \"[section]\", got " + Quote(s));
      scan.syntax_ok = false;
    }
  }
  return scan;
}

// --- Values ---------------------------------------------------------------------------
//
// Each returns the value or an InvalidArgument whose message says what is wrong with
// the value and what is expected; ParseConfig puts "FILE:LINE: [section] key: " before it.

Result<bool> ParseBool(std::string_view v) {
  std::string lower(v);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "true" || lower == "yes" || lower == "on" || lower == "1") return true;
  if (lower == "false" || lower == "no" || lower == "off" || lower == "0") return false;
  return Status::InvalidArgument(Quote(v) + " is not a boolean (use true or false)");
}

Result<int> ParseCount(std::string_view v, int min) {
  uint64_t n = 0;
  if (!ParseUnsigned(v, &n) || n > static_cast<uint64_t>(std::numeric_limits<int>::max())) {
    return Status::InvalidArgument(Quote(v) + " is not a whole number (use e.g. " +
                                   std::to_string(std::max(min, 1)) + ")");
  }
  if (n < static_cast<uint64_t>(min)) {
    return Status::InvalidArgument(Quote(v) + " is too small (at least " + std::to_string(min) +
                                   ")");
  }
  return static_cast<int>(n);
}

// A duration in whole seconds; `positive` rejects 0.
Result<seconds> ParseSeconds(std::string_view v, bool positive) {
  Result<milliseconds> ms = ParseDuration(v);
  if (!ms.ok()) return ms.status();
  if (ms->count() % 1000 != 0) {
    return Status::InvalidArgument(Quote(v) + " is not a whole number of seconds");
  }
  if (positive && ms->count() == 0) {
    return Status::InvalidArgument(Quote(v) + " must be longer than 0");
  }
  return std::chrono::duration_cast<seconds>(*ms);
}

Result<std::vector<seconds>> ParseLadder(std::string_view v) {
  std::vector<seconds> ladder;
  if (Trim(v).empty()) {
    return Status::InvalidArgument("is empty (give at least one delay, e.g. 5m,1h,1d)");
  }
  std::string_view previous;
  while (true) {
    size_t comma = v.find(',');
    std::string_view item = Trim(v.substr(0, comma));
    if (item.empty()) {
      return Status::InvalidArgument("has an empty item (use e.g. 5m,15m,1h)");
    }
    Result<seconds> delay = ParseSeconds(item, /*positive=*/true);
    if (!delay.ok()) return delay.status();
    if (!ladder.empty() && *delay <= ladder.back()) {
      return Status::InvalidArgument(Quote(item) + " is not longer than " + Quote(previous) +
                                     " before it (the delays must increase)");
    }
    ladder.push_back(*delay);
    previous = item;
    if (comma == std::string_view::npos) break;
    v = v.substr(comma + 1);
  }
  return ladder;
}

Result<SourceType> ParseSourceType(std::string_view v) {
  for (SourceType type : kSourceTypes) {
    if (v == SourceTypeName(type)) return type;
  }
  return Status::InvalidArgument(Quote(v) + " is not a source type (use daum, naver, rss or sitemap)");
}

Result<std::string> ParseSourceUrl(std::string_view v) {
  if (HasControlChar(v, /*space_too=*/true) || !ParseUrl(v)) {
    return Status::InvalidArgument(Quote(v) + " is not an absolute http:// or https:// URL");
  }
  return std::string(v);
}

Result<std::string> ParseListen(std::string_view v) {
  if (v.empty()) return std::string();
  auto bad = [v] {
    return Status::InvalidArgument(Quote(v) +
                                   " is not host:port with a port 0-65535 (e.g. 127.0.0.1:9464; "
                                   "port 0: any free port, logged at start; empty: no metrics endpoint)");
  };
  size_t colon = v.rfind(':');
  if (colon == std::string_view::npos) return bad();
  std::string_view host = v.substr(0, colon);
  std::string_view port = v.substr(colon + 1);
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
  return std::string(v);
}

Result<std::string> ParseUserAgent(std::string_view v) {
  if (v.empty()) {
    return Status::InvalidArgument("is empty (name the project and a contact URL)");
  }
  if (HasControlChar(v, /*space_too=*/false)) {
    return Status::InvalidArgument(Quote(v) + " has a control character");
  }
  return std::string(v);
}

Result<std::string> ParsePath(std::string_view v) {
  if (v.empty()) return Status::InvalidArgument("is empty (give the archive directory)");
  return std::string(v);
}

// Assigns the parsed value to *out, or returns the error.
template <typename T, typename U>
Status Assign(Result<T> parsed, U* out) {
  if (!parsed.ok()) return parsed.status();
  *out = std::move(*parsed);
  return Status::Ok();
}

Status SetCrawlerKey(std::string_view key, std::string_view v, CrawlerConfig* c) {
  if (key == "user_agent") return Assign(ParseUserAgent(v), &c->user_agent);
  if (key == "per_host_interval") return Assign(ParseDuration(v), &c->per_host_interval);
  if (key == "backoff") {
    Result<std::chrono::milliseconds> d = ParseDuration(v);
    if (d.ok() && d->count() == 0) return Status::InvalidArgument(Quote(v) + " must be longer than 0");
    return Assign(std::move(d), &c->backoff);
  }
  if (key == "max_per_host") return Assign(ParseCount(v, 1), &c->max_per_host);
  if (key == "max_connections") return Assign(ParseCount(v, 1), &c->max_connections);
  if (key == "timeout") return Assign(ParseSeconds(v, /*positive=*/true), &c->timeout);
  if (key == "max_body") {
    Result<uint64_t> size = ParseSize(v);
    if (size.ok() && *size == 0) return Status::InvalidArgument(Quote(v) + " must be more than 0");
    return Assign(std::move(size), &c->max_body);
  }
  if (key == "respect_robots") return Assign(ParseBool(v), &c->respect_robots);
  if (key == "allow_private_addresses") return Assign(ParseBool(v), &c->allow_private_addresses);
  if (key == "revisit") return Assign(ParseLadder(v), &c->revisit);
  if (key == "keep_raw") return Assign(ParseBool(v), &c->keep_raw);
  return Status::NotFound("");
}

Status SetSourceKey(std::string_view key, std::string_view v, SourceConfig* s) {
  if (key == "type") return Assign(ParseSourceType(v), &s->type);
  if (key == "url") return Assign(ParseSourceUrl(v), &s->url);
  if (key == "interval") return Assign(ParseSeconds(v, /*positive=*/true), &s->interval);
  return Status::NotFound("");
}

// The options Boost knows by name: every fixed key. Source keys arrive unregistered.
po::options_description RegisteredKeys() {
  po::options_description desc;
  auto add = [&desc](std::string_view section, std::span<const std::string_view> keys) {
    for (std::string_view key : keys) {
      std::string name = std::string(section) + "." + std::string(key);
      desc.add_options()(name.c_str(), po::value<std::string>());
    }
  };
  add("archive", kArchiveKeys);
  add("crawler", kCrawlerKeys);
  add("metrics", kMetricsKeys);
  return desc;
}

Result<Config> ParseConfigOrThrow(std::string_view text, std::string_view file_name) {
  Config config = DefaultConfig();
  ErrorList errors(file_name);
  Scan scan = ScanLines(text, &config, &errors);
  if (!scan.syntax_ok) return errors.ToStatus();

  std::istringstream in{std::string(text)};
  po::parsed_options parsed =
      po::parse_config_file(in, RegisteredKeys(), /*allow_unregistered=*/true);
  if (parsed.options.size() != scan.keys.size()) {
    return Status::InvalidArgument(std::string(file_name) + ": cannot be read (" +
                                   std::to_string(parsed.options.size()) + " keys, expected " +
                                   std::to_string(scan.keys.size()) + ")");
  }

  // Which keys each source section set, to report missing required ones.
  std::vector<std::map<std::string, int, std::less<>>> source_keys(config.sources.size());
  std::map<std::pair<size_t, std::string>, int> seen;  // (section, key) -> line
  for (size_t i = 0; i < parsed.options.size(); ++i) {
    const po::option& option = parsed.options[i];
    const KeyLine& where = scan.keys[i];
    const Section& section = scan.sections[where.section];
    std::string expected_name = section.name;
    if (!expected_name.empty() && expected_name.back() != '.') expected_name += '.';
    expected_name += where.key;
    if (option.string_key != expected_name || option.value.size() != 1) {
      errors.Add(where.line, "cannot be read (expected key " + Quote(expected_name) + ")");
      continue;
    }
    const std::string& value = option.value[0];
    std::string prefix = "[" + section.name + "] " + Escape(where.key) + ": ";

    if (section.kind == SectionKind::kInvalid) continue;  // reported at its header
    if (section.kind == SectionKind::kNone) {
      errors.Add(where.line, "key " + Quote(where.key) + " is outside any section (put it under " +
                                 std::string(kSectionsExpected) + ")");
      continue;
    }
    if (auto [it, inserted] = seen.emplace(std::pair(where.section, where.key), where.line);
        !inserted) {
      errors.Add(where.line, prefix + "set twice (first on line " + std::to_string(it->second) + ")");
      continue;
    }

    Status status;
    std::span<const std::string_view> known;
    switch (section.kind) {
      case SectionKind::kArchive:
        known = kArchiveKeys;
        status = option.unregistered ? Status::NotFound("")
                                     : Assign(ParsePath(value), &config.archive_path);
        break;
      case SectionKind::kCrawler:
        known = kCrawlerKeys;
        status = option.unregistered ? Status::NotFound("")
                                     : SetCrawlerKey(where.key, value, &config.crawler);
        break;
      case SectionKind::kMetrics:
        known = kMetricsKeys;
        status = option.unregistered ? Status::NotFound("")
                                     : Assign(ParseListen(value), &config.metrics_listen);
        break;
      case SectionKind::kSource:
        known = kSourceKeys;
        status = SetSourceKey(where.key, value, &config.sources[section.source_index]);
        source_keys[section.source_index].emplace(where.key, where.line);
        break;
      case SectionKind::kNone:
      case SectionKind::kInvalid:
        break;
    }
    if (status.IsNotFound()) {
      errors.Add(where.line, "[" + section.name + "] unknown key " + Quote(where.key) +
                                 " (expected one of: " + JoinKeys(known) + ")");
    } else if (!status.ok()) {
      errors.Add(where.line, prefix + status.message());
    }
  }

  for (const Section& section : scan.sections) {
    if (section.kind != SectionKind::kSource) continue;
    const auto& keys = source_keys[section.source_index];
    if (!keys.contains("type")) {
      errors.Add(section.line, "[" + section.name +
                                   "]: missing \"type\" (use daum, naver, rss or sitemap)");
    }
    if (!keys.contains("url")) {
      errors.Add(section.line, "[" + section.name +
                                   "]: missing \"url\" (the listing page, feed or sitemap to poll)");
    }
  }

  if (!errors.empty()) return errors.ToStatus();
  return config;
}

std::string FormatDuration(milliseconds d) {
  struct Unit {
    int64_t ms;
    std::string_view name;
  };
  constexpr Unit kUnits[] = {
      {86'400'000, "d"}, {3'600'000, "h"}, {60'000, "m"}, {1000, "s"}, {1, "ms"}};
  if (d.count() == 0) return "0s";
  for (const Unit& unit : kUnits) {
    if (d.count() % unit.ms == 0) return std::to_string(d.count() / unit.ms) + std::string(unit.name);
  }
  return std::to_string(d.count()) + "ms";  // unreachable: every count divides by 1
}

std::string FormatSize(uint64_t bytes) {
  constexpr std::pair<uint64_t, std::string_view> kUnits[] = {
      {uint64_t{1} << 30, "GiB"}, {uint64_t{1} << 20, "MiB"}, {uint64_t{1} << 10, "KiB"}};
  for (const auto& [size, name] : kUnits) {
    if (bytes != 0 && bytes % size == 0) return std::to_string(bytes / size) + std::string(name);
  }
  return std::to_string(bytes) + "B";
}

}  // namespace

std::string_view SourceTypeName(SourceType type) {
  switch (type) {
    case SourceType::kDaum:
      return "daum";
    case SourceType::kNaver:
      return "naver";
    case SourceType::kRss:
      return "rss";
    case SourceType::kSitemap:
      return "sitemap";
  }
  return "unknown";
}

Config DefaultConfig() {
  using std::chrono::days;
  using std::chrono::hours;
  using std::chrono::minutes;
  Config config;
  config.crawler.user_agent = "sinmun/" SINMUN_VERSION " (+https://github.com/sinmun/sinmun)";
  config.crawler.revisit = {minutes(5), minutes(15), hours(1),  hours(3),
                            hours(12),  days(1),     days(3),   days(7)};
  return config;
}

Result<Config> ParseConfig(std::string_view text, std::string_view file_name) {
  try {
    return ParseConfigOrThrow(text, file_name);
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string(file_name) + ": " + e.what());
  }
}

Result<Config> LoadConfigFile(const std::string& path) {
  // A directory or a device "opens" and reads as empty or endless: refuse both, so a
  // wrong --config never silently runs on the defaults.
  constexpr size_t kMaxSize = 1 << 20;
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open: " + std::strerror(errno));
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::IOError(path + ": not a regular file");
  }
  std::string text(kMaxSize + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) return Status::IOError(path + ": cannot read: " + std::strerror(errno));
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() > kMaxSize) return Status::IOError(path + ": larger than 1MiB");
  return ParseConfig(text, path);
}

std::string FormatConfig(const Config& config) {
  const CrawlerConfig& c = config.crawler;
  auto flag = [](bool b) { return b ? "true" : "false"; };
  std::string ladder;
  for (seconds delay : c.revisit) {
    if (!ladder.empty()) ladder += ',';
    ladder += FormatDuration(delay);
  }
  std::ostringstream out;
  out << "[archive]\n"
      << "path = " << config.archive_path << "\n"
      << "\n[crawler]\n"
      << "user_agent = " << c.user_agent << "\n"
      << "per_host_interval = " << FormatDuration(c.per_host_interval) << "\n"
      << "backoff = " << FormatDuration(c.backoff) << "\n"
      << "max_per_host = " << c.max_per_host << "\n"
      << "max_connections = " << c.max_connections << "\n"
      << "timeout = " << FormatDuration(c.timeout) << "\n"
      << "max_body = " << FormatSize(c.max_body) << "\n"
      << "respect_robots = " << flag(c.respect_robots) << "\n"
      << "allow_private_addresses = " << flag(c.allow_private_addresses) << "\n"
      << "revisit = " << ladder << "\n"
      << "keep_raw = " << flag(c.keep_raw) << "\n"
      << "\n[metrics]\n"
      << "listen = " << config.metrics_listen << "\n";
  for (const SourceConfig& source : config.sources) {
    out << "\n[source." << source.name << "]\n"
        << "type = " << SourceTypeName(source.type) << "\n"
        << "url = " << source.url << "\n"
        << "interval = " << FormatDuration(source.interval) << "\n";
  }
  return out.str();
}

Result<milliseconds> ParseDuration(std::string_view text) {
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
  std::string_view rest = text;
  if (rest.empty()) return bad();
  int64_t total = 0;
  size_t next_unit = 0;  // index into kUnits of the smallest unit still allowed
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
    if (n > static_cast<uint64_t>(kMaxDuration.count() / kUnits[u].ms)) {
      return Status::InvalidArgument(Quote(text) + " is too long (at most 36500d)");
    }
    total += static_cast<int64_t>(n) * kUnits[u].ms;
    if (total > kMaxDuration.count()) {
      return Status::InvalidArgument(Quote(text) + " is too long (at most 36500d)");
    }
  }
  return milliseconds(total);
}

Result<uint64_t> ParseSize(std::string_view text) {
  auto bad = [text] {
    return Status::InvalidArgument(Quote(text) + " is not a size " + std::string(kSizeExpected));
  };
  size_t digits = text.find_first_not_of("0123456789");
  if (digits == 0 || digits == std::string_view::npos) return bad();
  uint64_t n = 0;
  if (!ParseUnsigned(text.substr(0, digits), &n)) return bad();
  std::string unit(text.substr(digits));
  std::transform(unit.begin(), unit.end(), unit.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  int shift = 0;
  if (unit == "b") {
    shift = 0;
  } else if (unit == "kib") {
    shift = 10;
  } else if (unit == "mib") {
    shift = 20;
  } else if (unit == "gib") {
    shift = 30;
  } else {
    return bad();
  }
  if (n > (std::numeric_limits<uint64_t>::max() >> shift)) {
    return Status::InvalidArgument(Quote(text) + " is too large");
  }
  return n << shift;
}

// --- The daemon's command line -----------------------------------------------------------

namespace {

Result<DaemonOptions> ParseDaemonCommandLineOrThrow(int argc, const char* const* argv) {
  po::options_description desc;
  desc.add_options()                                       //
      ("config", po::value<std::string>())                 //
      ("archive", po::value<std::string>())                //
      ("once", po::bool_switch())                          //
      ("check-config", po::bool_switch())                  //
      ("print-config", po::bool_switch())                  //
      ("help,h", po::bool_switch())                        //
      ("version", po::bool_switch())                       //
      ("stray", po::value<std::vector<std::string>>());   // positionals, to name them
  po::positional_options_description positional;
  positional.add("stray", -1);

  po::variables_map vm;
  int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
  po::store(po::command_line_parser(argc, argv)
                .options(desc)
                .positional(positional)
                .style(style)
                .run(),
            vm);

  if (vm.count("stray")) {
    return Status::InvalidArgument("unexpected argument " +
                                   Quote(vm["stray"].as<std::vector<std::string>>().front()) +
                                   " (see sinmund --help)");
  }
  DaemonOptions options;
  if (vm.count("config")) options.config_path = vm["config"].as<std::string>();
  if (vm.count("archive")) options.archive = vm["archive"].as<std::string>();
  options.once = vm["once"].as<bool>();
  options.check_config = vm["check-config"].as<bool>();
  options.print_config = vm["print-config"].as<bool>();
  options.help = vm["help"].as<bool>();
  options.version = vm["version"].as<bool>();
  if (options.help || options.version) return options;
  if (!vm.count("config")) {
    return Status::InvalidArgument("missing --config FILE (see sinmund --help)");
  }
  if (options.config_path.empty()) {
    return Status::InvalidArgument("--config needs a file name");
  }
  if (options.archive && options.archive->empty()) {
    return Status::InvalidArgument("--archive needs a directory");
  }
  return options;
}

}  // namespace

Result<DaemonOptions> ParseDaemonCommandLine(int argc, const char* const* argv) {
  const char* const no_args[] = {"sinmund", nullptr};
  if (argc < 1 || argv == nullptr) {
    argc = 1;
    argv = no_args;
  }
  try {
    return ParseDaemonCommandLineOrThrow(argc, argv);
  } catch (const po::unknown_option& e) {
    return Status::InvalidArgument("unknown option " + Quote(e.get_option_name()) +
                                   " (see sinmund --help)");
  } catch (const po::multiple_occurrences& e) {
    return Status::InvalidArgument(e.get_option_name() + " is given more than once");
  } catch (const po::invalid_command_line_syntax& e) {
    switch (e.kind()) {
      case po::invalid_syntax::missing_parameter:
      case po::invalid_syntax::empty_adjacent_parameter:
        return Status::InvalidArgument(e.get_option_name() + " needs a value");
      case po::invalid_syntax::extra_parameter:
        return Status::InvalidArgument(e.get_option_name() + " takes no value");
      default:
        return Status::InvalidArgument(std::string(e.what()) + " (see sinmund --help)");
    }
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string(e.what()) + " (see sinmund --help)");
  }
}

std::string DaemonUsage() {
  return "usage: sinmund --config FILE [--archive DIR] [--once] [--check-config] "
         "[--print-config]\n"
         "       sinmund --help | --version\n"
         "\n"
         "Keeps a versioned archive of Korean news: polls the sources named in FILE,\n"
         "fetches and revisits their articles, and records every edit.\n"
         "\n"
         "  --config FILE   the configuration file (INI; see sinmun.conf)\n"
         "  --archive DIR   the archive directory, instead of [archive] path\n"
         "  --once          poll every source once, fetch what is due, then exit\n"
         "  --check-config  check the configuration and exit: 0 when valid\n"
         "  --print-config  print the effective configuration (defaults filled in) and exit\n"
         "  -h, --help      print this help and exit\n"
         "  --version       print the version and exit\n";
}

Config ApplyOverrides(Config config, const DaemonOptions& options) {
  if (options.archive) config.archive_path = *options.archive;
  return config;
}

}  // namespace sinmun
