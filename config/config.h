// Config: sinmund's configuration, as a plain struct with documented defaults, and the
// INI file and command line it is read from.
//
// The file (installed as /etc/sinmun/sinmun.conf; config/sinmun.conf is the documented
// example) has the sections [archive], [crawler], [extract], [metrics] and any number of
// [source.NAME]. Every key is optional unless said otherwise and falls back to the
// default written beside its field below; a key or section sinmun does not know is an
// error, not a warning, so a typo never silently leaves a default in force. Each section
// may appear once, each key once per section. The keys themselves, their value types,
// bounds and documentation are one table, config_keys.h; the syntax is ini_reader.h's:
// "key = value", "[section]", comments from '#' to the end of a line (so no '#' in a
// value), values taken literally with surrounding white space trimmed.
//
// Value syntax (config/value_types.h):
//   duration  an integer and a unit, ms s m h d, or several of them: 250ms, 30s, 1h30m, 7d.
//             Fields held in whole seconds reject a remainder of milliseconds.
//   size      an integer and a unit, B KiB MiB GiB (case-insensitive): 100B, 512KiB, 8MiB.
//   boolean   true/false (also yes/no, on/off, 1/0).
//
// Errors are Status::InvalidArgument with one line per problem found, each
// "FILE:LINE: [section] key: what is wrong (what is expected)".
//
// Nothing outside config/ sees Boost.Program_options; no function here throws.
// Thread-safety: plain values and pure functions; safe from any thread.
#ifndef SINMUN_CONFIG_CONFIG_H_
#define SINMUN_CONFIG_CONFIG_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace sinmun {

struct Portal;  // common/portals.h

// What a source's url points to: a news listing page of one of the portals (its row in
// common/portals.h, named by the portal's name), an RSS/Atom feed, or an XML sitemap.
// Portal listings are one form that carries the portal's row, so a new portal needs
// nothing here.
struct SourceType {
  enum class Form {
    kPortal,   // a portal's news listing page (news.daum.net/..., news.naver.com/...)
    kRss,      // an RSS 2.0 or Atom feed
    kSitemap,  // an XML sitemap (news sitemaps included)
  };
  Form form = Form::kRss;
  const Portal* portal = nullptr;  // the portal's row for kPortal; nullptr otherwise

  static const SourceType kRss;
  static const SourceType kSitemap;
  // A listing page of the portal named `name`. REQUIRES: FindPortal(name) != nullptr.
  static SourceType ForPortal(std::string_view name);

  bool operator==(const SourceType&) const = default;
};
inline constexpr SourceType SourceType::kRss{SourceType::Form::kRss, nullptr};
inline constexpr SourceType SourceType::kSitemap{SourceType::Form::kSitemap, nullptr};

// The spelling of `type =` in the file: the portal's name ("daum", "naver"), "rss",
// "sitemap".
std::string_view SourceTypeName(SourceType type);

// The type spelled `name`; nullopt for a name that is none.
std::optional<SourceType> SourceTypeFromName(std::string_view name);

// "daum, naver, rss or sitemap": every spelling, for messages.
std::string SourceTypeNames();

// One [source.NAME] section: where article URLs are discovered. A source only finds
// URLs; the articles themselves are fetched and revisited by the crawler's schedule.
struct SourceConfig {
  // The NAME of [source.NAME]: [A-Za-z0-9_-]+, unique in the file. Articles record it.
  // Default: none (required)
  std::string name;

  // `type = <portal name> | rss | sitemap` (SourceTypeName).
  // Default: none (required)
  SourceType type = SourceType::kRss;

  // `url =`: the listing page, feed or sitemap; absolute http:// or https://.
  // Default: none (required)
  std::string url;

  // `interval =`: how often the listing is polled (the scheduler adds jitter). > 0.
  // Default: 2m
  std::chrono::seconds interval{120};

  bool operator==(const SourceConfig&) const = default;
};

// [crawler]: politeness and limits, shared by every source.
struct CrawlerConfig {
  // `user_agent =`: sent with every request; should name the project and a contact URL.
  // Not empty, no control characters.
  // Default: "sinmun/<version> (+https://github.com/sinmun/sinmun)" (set by DefaultConfig())
  std::string user_agent;

  // `per_host_interval =`: the minimum gap between the starts of two requests to one
  // host. A robots.txt Crawl-delay that is longer wins. >= 0.
  // Default: 1s
  std::chrono::milliseconds per_host_interval{1000};

  // `backoff =`: how long a host is left alone after a 429, 503 or timeout; doubles with
  // each such failure in a row (with jitter), at most 1h. A Retry-After that is longer
  // wins. > 0.
  // Default: 30s
  std::chrono::milliseconds backoff{30'000};

  // `max_per_host =`: requests in flight to one host at a time. >= 1.
  // Default: 1
  int max_per_host = 1;

  // `max_connections =`: requests in flight in total. >= 1.
  // Default: 16
  int max_connections = 16;

  // `timeout =`: the whole of one request, connect to last byte. > 0.
  // Default: 30s
  std::chrono::seconds timeout{30};

  // `max_body =`: the largest response body accepted (after decompression). > 0.
  // Default: 8MiB
  uint64_t max_body = 8 << 20;

  // `respect_robots =`: obey robots.txt (and its Crawl-delay).
  // Default: true
  bool respect_robots = true;

  // `allow_private_addresses =`: allow requests and redirects to loopback, private and
  // link-local addresses. Only tests against a local server need this.
  // Default: false
  bool allow_private_addresses = false;

  // `revisit =`: after an article is first seen, it is fetched again after each of
  // these delays, each counted from the visit before, then no more. Comma-separated
  // durations, at least one, strictly increasing.
  // Default: 5m,15m,1h,3h,12h,1d,3d,7d
  std::vector<std::chrono::seconds> revisit{
      std::chrono::minutes(5), std::chrono::minutes(15), std::chrono::hours(1),
      std::chrono::hours(3),   std::chrono::hours(12),   std::chrono::days(1),
      std::chrono::days(3),    std::chrono::days(7)};

  // `proxy =`: an HTTP proxy every request goes through, e.g. http://proxy.example:3128
  // (https:// URLs are tunnelled with CONNECT). Empty: none; the environment's http_proxy
  // is never used. The private-address rule still applies to the sites behind it.
  // Default: "" (none)
  std::string proxy;

  // `no_proxy =`: hosts reached directly, not through the proxy: comma-separated names,
  // each matching itself and its subdomains, or *.
  // Default: "" (none)
  std::string no_proxy;

  // `sitemap_depth =`: levels of sitemap index followed below a sitemap source: 1 follows
  // the children of the source's index, 2 also those of an index among them. >= 0.
  // Default: 2
  int sitemap_depth = 2;

  // `sitemap_children =`: child sitemaps of one index fetched per poll, newest first by
  // <lastmod>. >= 1.
  // Default: 5
  int sitemap_children = 5;

  // `horizon =`: feed and sitemap entries (and child sitemaps) dated more than this before
  // now are skipped. 0s: no horizon.
  // Default: 2d (the span a Google News sitemap lists)
  std::chrono::seconds horizon{2 * 24 * 3600};

  // `keep_raw =`: store the fetched HTML of each new version beside it.
  // Default: true
  bool keep_raw = true;

  bool operator==(const CrawlerConfig&) const = default;
};

struct Config {
  // [archive] `path =`: the archive directory (RocksDB + search index). Not empty.
  // Default: "/var/lib/sinmun"
  std::string archive_path = "/var/lib/sinmun";

  // [crawler]
  CrawlerConfig crawler;

  // [extract] `site_table =`: the operator's site table, a JSON file in the format of
  // crawler/extract/site_table.h, layered on top of the table built into the binaries
  // (LoadSiteTable there). Empty: the built-in table alone.
  // Default: "" (none)
  std::string extract_site_table;

  // [metrics] `listen =`: host:port of the Prometheus /metrics and /healthz endpoint
  // (host may be a name, an IPv4 address or a [bracketed] IPv6 address; port 1-65535).
  // Empty: no endpoint.
  // Default: "127.0.0.1:9464"
  std::string metrics_listen = "127.0.0.1:9464";

  // The [source.NAME] sections, in file order. May be empty.
  // Default: none
  std::vector<SourceConfig> sources;

  bool operator==(const Config&) const = default;
};

// Every field at its documented default. Use this, not Config{}: a value-initialised
// Config has an empty user_agent (the user agent names the version, which only config.cc
// knows).
Config DefaultConfig();

// DefaultConfig() overridden by the keys in `text`, the contents of an INI file.
// `file_name` is used only in messages. On error: InvalidArgument whose message has one
// line per problem, "file_name:LINE: ...". An empty text is the default config.
Result<Config> ParseConfig(std::string_view text, std::string_view file_name);

// ParseConfig on the contents of the file at `path` (named as given in messages).
// IOError when the file cannot be read; otherwise as ParseConfig.
Result<Config> LoadConfigFile(const std::string& path);

// The effective config as INI, every key written out under its documentation (a "# "
// comment; the [source.NAME] keys documented in the first source only):
// ParseConfig(FormatConfig(c)) gives back c for any c that ParseConfig can produce.
std::string FormatConfig(const Config& config);

// "250ms", "30s", "5m", "1h", "1d", "1h30m" -> milliseconds. InvalidArgument for
// anything else (no unit, a negative or fractional number, overflow).
Result<std::chrono::milliseconds> ParseDuration(std::string_view text);

// "100B", "512KiB", "8MiB", "1GiB" -> bytes. InvalidArgument for anything else.
Result<uint64_t> ParseSize(std::string_view text);

// The daemon's command line:
//   sinmund --config FILE [--archive DIR] [--once] [--check-config] [--check-sources]
//           [--print-config]
//           [--help] [--version]
// Options given on the command line override the file (see ApplyOverrides).
struct DaemonOptions {
  // --config FILE. Required unless --help or --version.
  std::string config_path;
  // --archive DIR: overrides [archive] path.
  std::optional<std::string> archive;
  // --once: poll every source once, fetch what is due, then exit.
  bool once = false;
  // --check-config: load and validate the config, then exit (0 when valid).
  bool check_config = false;
  // --check-sources: read each source and its first article (daemon/check_sources.h),
  // print one verdict per source, then exit (0 when every source yields articles).
  bool check_sources = false;
  // --print-config: print the effective config (after overrides), then exit.
  bool print_config = false;
  // --help / -h: print DaemonUsage(), then exit.
  bool help = false;
  // --version: print the version, then exit.
  bool version = false;
};

// Parses argv[1..argc) (argv[0] is the program name). Accepts "--opt value" and
// "--opt=value". InvalidArgument naming the option for an unknown or repeated option, a
// missing value, a stray argument, or a missing --config (when neither --help nor
// --version is given).
Result<DaemonOptions> ParseDaemonCommandLine(int argc, const char* const* argv);

// The --help text: usage line and one line per option, ending in a newline.
std::string DaemonUsage();

// `config` with the command line's overrides applied (today: --archive).
Config ApplyOverrides(Config config, const DaemonOptions& options);

}  // namespace sinmun

#endif  // SINMUN_CONFIG_CONFIG_H_
