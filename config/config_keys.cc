#include "config/config_keys.h"

#include <algorithm>
#include <string>

#include "common/portals.h"

namespace sinmun {
namespace {

using namespace std::chrono_literals;
using namespace config_internal;  // NOLINT: the value types, in this table only

// Each doc is one paragraph; FormatConfig wraps it. config/sinmun.conf carries the same
// text above each key (config_keys_test compares them).
constexpr ConfigKey kConfigKeys[] = {
    // [archive]
    {.section = "archive",
     .name = "path",
     .value = Bind<&Config::archive_path, Text>(),
     .reload = Reload::kRestart,
     .expect = "give the archive directory",
     .doc = "The archive directory: the RocksDB store and the search index. sinmund is its "
            "only writer; `sinmun` reads it while the daemon runs. `sinmund --archive DIR` "
            "overrides it."},

    // [crawler]
    {.section = "crawler",
     .name = "user_agent",
     .value = Bind<&CrawlerConfig::user_agent, Text>(),
     .reload = Reload::kRestart,
     .expect = "name the project and a contact URL",
     .doc = "Sent with every request. Name the project and a way to reach you, so that a "
            "site's operator can ask before blocking. The default names this project: "
            "sinmun/VERSION (+https://github.com/sinmun/sinmun)."},
    {.section = "crawler",
     .name = "per_host_interval",
     .value = Bind<&CrawlerConfig::per_host_interval, Duration>(),
     .reload = Reload::kRestart,
     .doc = "The minimum time between the starts of two requests to the same host. A longer "
            "Crawl-delay in the host's robots.txt wins."},
    {.section = "crawler",
     .name = "backoff",
     .value = Bind<&CrawlerConfig::backoff, Duration>(AtLeast(1ms)),
     .reload = Reload::kRestart,
     .doc = "How long a host is left alone after a 429, 503 or timeout; doubles with each "
            "such failure in a row (with jitter), at most 1h. A longer Retry-After wins."},
    {.section = "crawler",
     .name = "max_per_host",
     .value = Bind<&CrawlerConfig::max_per_host, Int>(AtLeast(1)),
     .reload = Reload::kRestart,
     .doc = "Requests in flight to one host at a time."},
    {.section = "crawler",
     .name = "max_connections",
     .value = Bind<&CrawlerConfig::max_connections, Int>(AtLeast(1)),
     .reload = Reload::kRestart,
     .doc = "Requests in flight in total, over all hosts."},
    {.section = "crawler",
     .name = "timeout",
     .value = Bind<&CrawlerConfig::timeout, Seconds>(AtLeast(1s)),
     .reload = Reload::kRestart,
     .doc = "The limit on one whole request, from connecting to the last byte."},
    {.section = "crawler",
     .name = "max_body",
     .value = Bind<&CrawlerConfig::max_body, Size>(AtLeast(1)),
     .reload = Reload::kRestart,
     .doc = "The largest response body accepted (after decompression); larger ones are "
            "dropped."},
    {.section = "crawler",
     .name = "respect_robots",
     .value = Bind<&CrawlerConfig::respect_robots, Bool>(),
     .reload = Reload::kLive,
     .doc = "Obey robots.txt (and its Crawl-delay)."},
    {.section = "crawler",
     .name = "allow_private_addresses",
     .value = Bind<&CrawlerConfig::allow_private_addresses, Bool>(),
     .reload = Reload::kRestart,
     .doc = "Allow requests and redirects to loopback, private and link-local addresses. "
            "Only tests against a local server need this; leave it off on a real crawler."},
    {.section = "crawler",
     .name = "revisit",
     .value = Bind<&CrawlerConfig::revisit, DurationList>(),
     .reload = Reload::kLive,
     .doc = "When an article is fetched again after it is first seen: each delay is the "
            "wait after the visit before, dense at first, when most edits happen, then "
            "sparse. A change does not restart the ladder; after the last delay the article "
            "is not visited again. Comma-separated, increasing."},
    {.section = "crawler",
     .name = "proxy",
     .value = Bind<&CrawlerConfig::proxy, ProxyUrl>(),
     .reload = Reload::kRestart,
     .doc = "An HTTP proxy every request goes through, for networks that reach the web only "
            "through one: http://host:port (https:// URLs are tunnelled with CONNECT). Empty: "
            "none (the environment's http_proxy is never used). Sites behind the proxy must "
            "still be on public addresses unless allow_private_addresses is on; the proxy "
            "itself may be on a private one."},
    {.section = "crawler",
     .name = "no_proxy",
     .value = Bind<&CrawlerConfig::no_proxy, HostList>(),
     .reload = Reload::kRestart,
     .doc = "Hosts reached directly, not through the proxy: comma-separated names, each "
            "matching itself and its subdomains, or * for all."},
    {.section = "crawler",
     .name = "sitemap_depth",
     .value = Bind<&CrawlerConfig::sitemap_depth, Int>(AtLeast(0)),
     .reload = Reload::kLive,
     .doc = "Levels of sitemap index followed below a sitemap source: 1 follows the children "
            "of the source's index, 2 also those of an index among them. 0 follows none."},
    {.section = "crawler",
     .name = "sitemap_children",
     .value = Bind<&CrawlerConfig::sitemap_children, Int>(AtLeast(1)),
     .reload = Reload::kLive,
     .doc = "Child sitemaps of one sitemap index fetched per poll, newest first by <lastmod>."},
    {.section = "crawler",
     .name = "horizon",
     .value = Bind<&CrawlerConfig::horizon, Seconds>(),
     .reload = Reload::kLive,
     .doc = "Feed and sitemap entries, and child sitemaps, dated more than this before now are "
            "skipped (a news sitemap lists two days; a general sitemap can list years). 0s: no "
            "horizon."},
    {.section = "crawler",
     .name = "keep_raw",
     .value = Bind<&CrawlerConfig::keep_raw, Bool>(),
     .reload = Reload::kRestart,
     .doc = "Store the fetched HTML of each new version, so it can be re-extracted later."},

    // [extract]
    {.section = "extract",
     .name = "site_table",
     .value = Bind<&Config::extract_site_table, OptionalPath>(),
     .reload = Reload::kLive,
     .doc = "The operator's site table: a JSON file in the format of the built-in one "
            "(sites.json, installed under share/sinmun), whose entries replace built-in "
            "entries of the same id, add outlets, or remove one ({\"id\": \"...\", "
            "\"disabled\": true}), so a site can be fixed without a rebuild. Re-read on "
            "SIGHUP; a bad file is refused with its line and entry, and the table in use "
            "stays. Empty: the built-in table alone."},

    // [metrics]
    {.section = "metrics",
     .name = "listen",
     .value = Bind<&Config::metrics_listen, HostPort>(),
     .reload = Reload::kRestart,
     .doc = "Where the Prometheus /metrics and /healthz endpoint listens, as host:port (an "
            "IPv6 address in brackets: [::1]:9464). Port 0: any free port, named in the log "
            "at start. Empty: no endpoint."},
};

// What `type =` expects and its doc, which name the portals of common/portals.h.
std::string_view SourceTypeExpect() {
  static const std::string text = "use " + SourceTypeNames();
  return text;
}

std::string_view SourceTypeDoc() {
  static const std::string text = [] {
    std::string doc = "What url points to: ";
    for (const Portal& portal : Portals()) {
      doc += std::string(portal.name) + " (a " + std::string(portal.title) +
             " news listing page), ";
    }
    return doc +
           "rss (an RSS 2.0 or Atom feed) or sitemap (an XML sitemap, Google News sitemaps "
           "included). Required.";
  }();
  return text;
}

// The keys of every [source.NAME] section. The NAME itself comes from the header. Not
// constexpr: the `type` row's texts are made from the portal table.
std::span<const SourceKey> SourceKeyRows() {
  static const SourceKey kSourceKeys[] = {
      {.section = "source",
       .name = "type",
       .value = Bind<&SourceConfig::type, SourceKind>(),
       .reload = Reload::kLive,
       .required = true,
       .expect = SourceTypeExpect(),
       .doc = SourceTypeDoc()},
      {.section = "source",
       .name = "url",
       .value = Bind<&SourceConfig::url, HttpUrl>(),
       .reload = Reload::kLive,
       .required = true,
       .expect = "the listing page, feed or sitemap to poll",
       .doc = "The listing page, feed or sitemap to poll: an absolute http:// or https:// "
              "URL. Required."},
      {.section = "source",
       .name = "interval",
       .value = Bind<&SourceConfig::interval, Seconds>(AtLeast(1s)),
       .reload = Reload::kLive,
       .doc = "How often it is polled (with some jitter)."},
  };
  return kSourceKeys;
}

}  // namespace

std::span<const ConfigKey> ConfigKeys() { return kConfigKeys; }

std::span<const SourceKey> SourceKeys() { return SourceKeyRows(); }

std::vector<std::string_view> ConfigSections() {
  std::vector<std::string_view> sections;
  for (const ConfigKey& key : kConfigKeys) {
    if (std::find(sections.begin(), sections.end(), key.section) == sections.end()) {
      sections.push_back(key.section);
    }
  }
  return sections;
}

}  // namespace sinmun
