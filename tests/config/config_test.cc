#include "config/config.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace sinmun {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

// The message of a failed ParseConfig, or "ok" so a wrong success shows in the diff.
std::string ErrorOf(std::string_view text) {
  Result<Config> config = ParseConfig(text, "sinmun.conf");
  return config.ok() ? "ok" : config.status().message();
}

Config MustParse(std::string_view text) {
  Result<Config> config = ParseConfig(text, "sinmun.conf");
  EXPECT_TRUE(config.ok()) << config.status().ToString();
  return config.ok() ? *config : Config{};
}

// --- Defaults -----------------------------------------------------------------------------

TEST(ConfigTest, DefaultsAreTheDocumentedOnes) {
  Config c = DefaultConfig();
  EXPECT_EQ(c.archive_path, "/var/lib/sinmun");
  EXPECT_EQ(c.crawler.user_agent, "sinmun/" SINMUN_TEST_VERSION " (+https://github.com/sinmun/sinmun)");
  EXPECT_EQ(c.crawler.per_host_interval, milliseconds(1000));
  EXPECT_EQ(c.crawler.backoff, milliseconds(30'000));
  EXPECT_EQ(c.crawler.max_per_host, 1);
  EXPECT_EQ(c.crawler.max_connections, 16);
  EXPECT_EQ(c.crawler.timeout, seconds(30));
  EXPECT_EQ(c.crawler.max_body, 8u * 1024 * 1024);
  EXPECT_TRUE(c.crawler.respect_robots);
  EXPECT_FALSE(c.crawler.allow_private_addresses);
  EXPECT_EQ(c.crawler.revisit,
            (std::vector<seconds>{minutes(5), minutes(15), hours(1), hours(3), hours(12), hours(24),
                                  hours(72), hours(168)}));
  EXPECT_TRUE(c.crawler.keep_raw);
  EXPECT_EQ(c.metrics_listen, "127.0.0.1:9464");
  EXPECT_TRUE(c.sources.empty());
}

TEST(ConfigTest, EmptyAndCommentOnlyFilesGiveTheDefaults) {
  EXPECT_EQ(MustParse(""), DefaultConfig());
  EXPECT_EQ(MustParse("# nothing\n\n  # indented\n[crawler]\n# still nothing\n"),
            DefaultConfig());
}

TEST(ConfigTest, SourceTypeNames) {
  EXPECT_EQ(SourceTypeName(SourceType::ForPortal("daum")), "daum");
  EXPECT_EQ(SourceTypeName(SourceType::ForPortal("naver")), "naver");
  EXPECT_EQ(SourceTypeName(SourceType::kRss), "rss");
  EXPECT_EQ(SourceTypeName(SourceType::kSitemap), "sitemap");
}

// --- Every key ----------------------------------------------------------------------------

constexpr std::string_view kEveryKey = R"(# a comment
[archive]
path = /srv/news archive

[crawler]
user_agent = test-agent/1.0 (+https://example.org/about)
per_host_interval = 250ms
backoff = 5s
max_per_host = 2
max_connections = 64
timeout = 1m
max_body = 512KiB
respect_robots = false
allow_private_addresses = true   # tests only
revisit = 1m, 10m,2h
keep_raw = no

[metrics]
listen = [::1]:9000

[source.daum_1]
type = daum
url = https://news.daum.net/politics
interval = 90s

[source.feed-2]
type = rss
url = http://example.com/rss.xml

[source.SM]
type = sitemap
url = https://example.com/sitemap.xml
interval = 1h30m

[source.nv]
interval = 1d
url = https://news.naver.com/section/100
type = naver
)";

TEST(ConfigTest, EveryKeyIsRead) {
  Config c = MustParse(kEveryKey);
  EXPECT_EQ(c.archive_path, "/srv/news archive");
  EXPECT_EQ(c.crawler.user_agent, "test-agent/1.0 (+https://example.org/about)");
  EXPECT_EQ(c.crawler.per_host_interval, milliseconds(250));
  EXPECT_EQ(c.crawler.backoff, milliseconds(5000));
  EXPECT_EQ(c.crawler.max_per_host, 2);
  EXPECT_EQ(c.crawler.max_connections, 64);
  EXPECT_EQ(c.crawler.timeout, seconds(60));
  EXPECT_EQ(c.crawler.max_body, 512u * 1024);
  EXPECT_FALSE(c.crawler.respect_robots);
  EXPECT_TRUE(c.crawler.allow_private_addresses);
  EXPECT_EQ(c.crawler.revisit, (std::vector<seconds>{minutes(1), minutes(10), hours(2)}));
  EXPECT_FALSE(c.crawler.keep_raw);
  EXPECT_EQ(c.metrics_listen, "[::1]:9000");
  ASSERT_EQ(c.sources.size(), 4u);
  EXPECT_EQ(c.sources[0], (SourceConfig{"daum_1", SourceType::ForPortal("daum"),
                                        "https://news.daum.net/politics", seconds(90)}));
  EXPECT_EQ(c.sources[1], (SourceConfig{"feed-2", SourceType::kRss, "http://example.com/rss.xml",
                                        seconds(120)}));
  EXPECT_EQ(c.sources[2], (SourceConfig{"SM", SourceType::kSitemap,
                                        "https://example.com/sitemap.xml", seconds(5400)}));
  EXPECT_EQ(c.sources[3], (SourceConfig{"nv", SourceType::ForPortal("naver"),
                                        "https://news.naver.com/section/100", hours(24)}));
}

TEST(ConfigTest, UnsetKeysKeepTheirDefaults) {
  Config c = MustParse("[crawler]\ntimeout = 5s\n");
  Config expected = DefaultConfig();
  expected.crawler.timeout = seconds(5);
  EXPECT_EQ(c, expected);
}

TEST(ConfigTest, EmptyListenTurnsMetricsOff) {
  EXPECT_EQ(MustParse("[metrics]\nlisten =\n").metrics_listen, "");
  EXPECT_EQ(MustParse("[metrics]\nlisten = localhost:1\n").metrics_listen, "localhost:1");
  EXPECT_EQ(MustParse("[metrics]\nlisten = 0.0.0.0:65535\n").metrics_listen, "0.0.0.0:65535");
  EXPECT_EQ(MustParse("[metrics]\nlisten = 127.0.0.1:0\n").metrics_listen, "127.0.0.1:0");
}

TEST(ConfigTest, BooleansAcceptTheUsualSpellings) {
  for (const char* yes : {"true", "TRUE", "yes", "on", "1"}) {
    EXPECT_TRUE(MustParse(std::string("[crawler]\nkeep_raw = ") + yes).crawler.keep_raw) << yes;
  }
  for (const char* no : {"false", "False", "no", "off", "0"}) {
    EXPECT_FALSE(MustParse(std::string("[crawler]\nkeep_raw = ") + no).crawler.keep_raw) << no;
  }
}

TEST(ConfigTest, WindowsLineEndingsAndCommentsAfterValues) {
  Config c = MustParse("[crawler]\r\ntimeout = 7s # seven\r\n# a comment\r\nmax_body = 1GiB\r\n");
  EXPECT_EQ(c.crawler.timeout, seconds(7));
  EXPECT_EQ(c.crawler.max_body, uint64_t{1} << 30);
}

// --- Errors: each kind, with its line -----------------------------------------------------

TEST(ConfigErrorTest, BadDuration) {
  EXPECT_EQ(ErrorOf("[crawler]\nmax_per_host = 1\n\n\n# c\n\ntimeout = 30x\n"),
            "sinmun.conf:7: [crawler] timeout: \"30x\" is not a duration (use 30s, 5m, 1h, 1d)");
}

TEST(ConfigErrorTest, DurationInWholeSecondsOnly) {
  EXPECT_EQ(ErrorOf("[crawler]\ntimeout = 1500ms\n"),
            "sinmun.conf:2: [crawler] timeout: \"1500ms\" is not a whole number of seconds");
  EXPECT_EQ(ErrorOf("[crawler]\ntimeout = 0s\n"),
            "sinmun.conf:2: [crawler] timeout: \"0s\" must be longer than 0");
}

TEST(ConfigErrorTest, BadNumbersAndRanges) {
  EXPECT_EQ(ErrorOf("[crawler]\nmax_per_host = 0\n"),
            "sinmun.conf:2: [crawler] max_per_host: \"0\" is too small (at least 1)");
  EXPECT_EQ(ErrorOf("[crawler]\nmax_connections = -3\n"),
            "sinmun.conf:2: [crawler] max_connections: \"-3\" is not a whole number (use e.g. 1)");
  EXPECT_EQ(ErrorOf("[crawler]\nmax_connections = 99999999999\n"),
            "sinmun.conf:2: [crawler] max_connections: \"99999999999\" is not a whole number (use "
            "e.g. 1)");
  EXPECT_EQ(ErrorOf("[crawler]\nmax_body = 8MB\n"),
            "sinmun.conf:2: [crawler] max_body: \"8MB\" is not a size (use 100B, 512KiB, 8MiB, 1GiB)");
  EXPECT_EQ(ErrorOf("[crawler]\nmax_body = 0B\n"),
            "sinmun.conf:2: [crawler] max_body: \"0B\" must be more than 0");
  EXPECT_EQ(ErrorOf("[crawler]\nrespect_robots = maybe\n"),
            "sinmun.conf:2: [crawler] respect_robots: \"maybe\" is not a boolean (use true or false)");
  EXPECT_EQ(ErrorOf("[crawler]\nuser_agent =\n"),
            "sinmun.conf:2: [crawler] user_agent: is empty (name the project and a contact URL)");
  EXPECT_EQ(ErrorOf("[archive]\npath = \n"),
            "sinmun.conf:2: [archive] path: is empty (give the archive directory)");
}

TEST(ConfigErrorTest, RevisitLadder) {
  EXPECT_EQ(ErrorOf("[crawler]\nrevisit =\n"),
            "sinmun.conf:2: [crawler] revisit: is empty (give at least one delay, e.g. 5m,1h,1d)");
  EXPECT_EQ(ErrorOf("[crawler]\nrevisit = 5m,1h,1h\n"),
            "sinmun.conf:2: [crawler] revisit: \"1h\" is not longer than \"1h\" before it (the "
            "delays must increase)");
  EXPECT_EQ(ErrorOf("[crawler]\nrevisit = 3h, 1h\n"),
            "sinmun.conf:2: [crawler] revisit: \"1h\" is not longer than \"3h\" before it (the "
            "delays must increase)");
  EXPECT_EQ(ErrorOf("[crawler]\nrevisit = 5m,,1h\n"),
            "sinmun.conf:2: [crawler] revisit: has an empty item (use e.g. 5m,15m,1h)");
  EXPECT_EQ(ErrorOf("[crawler]\nrevisit = 5m,1y\n"),
            "sinmun.conf:2: [crawler] revisit: \"1y\" is not a duration (use 30s, 5m, 1h, 1d)");
  EXPECT_EQ(ErrorOf("[crawler]\nrevisit = 0s,1m\n"),
            "sinmun.conf:2: [crawler] revisit: \"0s\" must be longer than 0");
}

TEST(ConfigErrorTest, MetricsListen) {
  const std::string tail =
      " is not host:port with a port 0-65535 (e.g. 127.0.0.1:9464; port 0: any free port, logged at start; "
      "empty: no metrics endpoint)";
  for (const char* bad : {"localhost", ":9464", "127.0.0.1:-1", "127.0.0.1:65536", "::1:9464",
                          "host:port", "a b:1", "[::1]:", "127.0.0.1:+80"}) {
    EXPECT_EQ(ErrorOf(std::string("[metrics]\nlisten = ") + bad),
              std::string("sinmun.conf:2: [metrics] listen: \"") + bad + "\"" + tail);
  }
}

TEST(ConfigErrorTest, UnknownKeyNamesTheKnownOnes) {
  EXPECT_EQ(ErrorOf("[crawler]\ntimeout = 1s\ntimout = 1s\n"),
            "sinmun.conf:3: [crawler] unknown key \"timout\" (expected one of: user_agent, "
            "per_host_interval, backoff, max_per_host, max_connections, timeout, max_body, "
            "respect_robots, allow_private_addresses, revisit, proxy, no_proxy, "
            "sitemap_depth, sitemap_children, horizon, keep_raw)");
  EXPECT_EQ(ErrorOf("[crawler]\nbackoff = 0s\n"), "sinmun.conf:2: [crawler] backoff: \"0s\" must be longer than 0");
  EXPECT_EQ(ErrorOf("[crawler]\nbackoff = soon\n").rfind("sinmun.conf:2: [crawler] backoff: \"soon\" is not a duration", 0), 0u);
  EXPECT_EQ(ErrorOf("[archive]\ndir = /x\n"),
            "sinmun.conf:2: [archive] unknown key \"dir\" (expected one of: path)");
  EXPECT_EQ(ErrorOf("[metrics]\nport = 1\n"),
            "sinmun.conf:2: [metrics] unknown key \"port\" (expected one of: listen)");
  EXPECT_EQ(ErrorOf("[source.a]\ntype = rss\nurl = https://a.example/\nurl2 = x\n"),
            "sinmun.conf:4: [source.a] unknown key \"url2\" (expected one of: type, url, interval)");
  // A key of another section is unknown here.
  EXPECT_EQ(ErrorOf("[metrics]\ntimeout = 1s\n"),
            "sinmun.conf:2: [metrics] unknown key \"timeout\" (expected one of: listen)");
}

TEST(ConfigErrorTest, UnknownSection) {
  EXPECT_EQ(ErrorOf("# top\n[crawl]\ntimeout = 1s\n"),
            "sinmun.conf:2: unknown section \"[crawl]\" (expected [archive], [crawler], [extract], [metrics] "
            "or [source.NAME])");
  EXPECT_EQ(ErrorOf("[Crawler]\n"),
            "sinmun.conf:1: unknown section \"[Crawler]\" (expected [archive], [crawler], "
            "[extract], [metrics] or [source.NAME])");
}

TEST(ConfigErrorTest, KeyOutsideAnySection) {
  EXPECT_EQ(ErrorOf("timeout = 1s\n[crawler]\n"),
            "sinmun.conf:1: key \"timeout\" is outside any section (put it under [archive], "
            "[crawler], [extract], [metrics] or [source.NAME])");
}

TEST(ConfigErrorTest, SyntaxErrors) {
  EXPECT_EQ(ErrorOf("[crawler]\ntimeout 30s\n"),
            "sinmun.conf:2: expected \"key = value\" or \"[section]\", got \"timeout 30s\"");
  EXPECT_EQ(ErrorOf("\n[]\n"),
            "sinmun.conf:2: empty section name \"[]\" (expected [archive], [crawler], [extract], [metrics] or "
            "[source.NAME])");
  EXPECT_EQ(ErrorOf("[crawler\n"),
            "sinmun.conf:1: expected \"key = value\" or \"[section]\", got \"[crawler\"");
  // Some Boost versions take ';' lines as comments, some do not: sinmun never does.
  EXPECT_EQ(ErrorOf("[crawler]\n; timeout = 1s\n"),
            "sinmun.conf:2: comments start with '#', not ';'");
  EXPECT_EQ(ErrorOf("[crawler]\n  ;x\n"), "sinmun.conf:2: comments start with '#', not ';'");
}

TEST(ConfigErrorTest, RepeatedKeysAndSections) {
  EXPECT_EQ(ErrorOf("[crawler]\ntimeout = 1s\n\ntimeout = 2s\n"),
            "sinmun.conf:4: [crawler] timeout: set twice (first on line 2)");
  EXPECT_EQ(ErrorOf("[crawler]\ntimeout = 1s\n[metrics]\n[crawler]\nkeep_raw = true\n"),
            "sinmun.conf:4: [crawler]: appears twice (first on line 1)");
}

TEST(ConfigErrorTest, DuplicateSourceNames) {
  EXPECT_EQ(ErrorOf("[source.a]\ntype = rss\nurl = https://a.example/\n"
                    "[source.b]\ntype = rss\nurl = https://b.example/\n"
                    "[source.a]\ntype = daum\nurl = https://news.daum.net/\n"),
            "sinmun.conf:7: [source.a]: appears twice (first on line 1)");
}

TEST(ConfigErrorTest, Sources) {
  EXPECT_EQ(ErrorOf("[source.a]\ntype = atom\nurl = https://a.example/\n"),
            "sinmun.conf:2: [source.a] type: \"atom\" is not a source type (use daum, naver, rss "
            "or sitemap)");
  EXPECT_EQ(ErrorOf("[source.a]\ntype = rss\nurl = ftp://a.example/feed\n"),
            "sinmun.conf:3: [source.a] url: \"ftp://a.example/feed\" is not an absolute http:// or "
            "https:// URL");
  EXPECT_EQ(ErrorOf("[source.a]\ntype = rss\nurl = /feed.xml\n"),
            "sinmun.conf:3: [source.a] url: \"/feed.xml\" is not an absolute http:// or https:// "
            "URL");
  EXPECT_EQ(ErrorOf("[source.a]\ntype = rss\nurl = https://a.example/a feed\n"),
            "sinmun.conf:3: [source.a] url: \"https://a.example/a feed\" is not an absolute "
            "http:// or https:// URL");
  EXPECT_EQ(ErrorOf("[source.a]\ntype = rss\nurl = https://a.example/\ninterval = 0m\n"),
            "sinmun.conf:4: [source.a] interval: \"0m\" must be longer than 0");
  EXPECT_EQ(ErrorOf("\n[source.a]\nurl = https://a.example/\n"),
            "sinmun.conf:2: [source.a]: missing \"type\" (use daum, naver, rss or sitemap)");
  EXPECT_EQ(ErrorOf("[source.a]\ntype = naver\n"),
            "sinmun.conf:1: [source.a]: missing \"url\" (the listing page, feed or sitemap to "
            "poll)");
  EXPECT_EQ(ErrorOf("[source.a b]\ntype = naver\n"),
            "sinmun.conf:1: [source.a b]: source name \"a b\" may only use A-Z, a-z, 0-9, '_' "
            "and '-'");
  EXPECT_EQ(ErrorOf("[source.]\n"),
            "sinmun.conf:1: [source.]: source name \"\" may only use A-Z, a-z, 0-9, '_' and '-'");
  EXPECT_EQ(ErrorOf("[source.a.b]\n"),
            "sinmun.conf:1: [source.a.b]: source name \"a.b\" may only use A-Z, a-z, 0-9, '_' and "
            "'-'");
  EXPECT_EQ(ErrorOf("[source.뉴스]\n"),
            "sinmun.conf:1: [source.뉴스]: source name \"뉴스\" may only use A-Z, a-z, 0-9, '_' "
            "and '-'");
}

TEST(ConfigErrorTest, EveryErrorIsReportedOneLineEach) {
  EXPECT_EQ(ErrorOf("[crawler]\ntimeout = x\nmax_per_host = 0\n[nope]\na = 1\n[source.s]\n"),
            "sinmun.conf:2: [crawler] timeout: \"x\" is not a duration (use 30s, 5m, 1h, 1d)\n"
            "sinmun.conf:3: [crawler] max_per_host: \"0\" is too small (at least 1)\n"
            "sinmun.conf:4: unknown section \"[nope]\" (expected [archive], [crawler], [extract], [metrics] or "
            "[source.NAME])\n"
            "sinmun.conf:6: [source.s]: missing \"type\" (use daum, naver, rss or sitemap)\n"
            "sinmun.conf:6: [source.s]: missing \"url\" (the listing page, feed or sitemap to poll)");
}

TEST(ConfigErrorTest, ControlBytesAreEscapedInMessages) {
  EXPECT_EQ(ErrorOf(std::string("[crawler]\ntimeout = 1\x1b[0m\"\n")),
            "sinmun.conf:2: [crawler] timeout: \"1\\x1b[0m\\\"\" is not a duration (use 30s, 5m, "
            "1h, 1d)");
  EXPECT_EQ(ErrorOf(std::string("[crawler]\nuser_agent = a\x01z\n")),
            "sinmun.conf:2: [crawler] user_agent: \"a\\x01z\" has a control character");
}

TEST(ConfigErrorTest, ControlBytesInNamesAreEscapedToo) {
  EXPECT_EQ(ErrorOf(std::string("[a\x1b]\n[a\x1b]\n")),
            "sinmun.conf:1: unknown section \"[a\\x1b]\" (expected [archive], [crawler], [extract], [metrics] "
            "or [source.NAME])\n"
            "sinmun.conf:2: [a\\x1b]: appears twice (first on line 1)");
  EXPECT_TRUE(ErrorOf(std::string("[crawler]\nk\x07 = 1\nk\x07 = 2\n"))
                  .starts_with("sinmun.conf:2: [crawler] unknown key \"k\\x07\" (expected one of: "
                               "user_agent, per_host_interval,"));
  EXPECT_TRUE(ErrorOf(std::string("[crawler]\nk\x07 = 1\nk\x07 = 2\n"))
                  .ends_with("\nsinmun.conf:3: [crawler] k\\x07: set twice (first on line 2)"));
}

TEST(ConfigTest, HashAlwaysStartsAComment) {
  // Documented: a '#' cannot be part of a value, not even of a URL.
  Config c = MustParse("[source.a]\ntype = rss\nurl = https://a.example/feed#top\n");
  ASSERT_EQ(c.sources.size(), 1u);
  EXPECT_EQ(c.sources[0].url, "https://a.example/feed");
}

TEST(ConfigErrorTest, ManyErrorsAreCapped) {
  std::string text = "[crawler]\n";
  for (int i = 0; i < 25; ++i) text += "k" + std::to_string(i) + " = 1\n";
  std::string error = ErrorOf(text);
  EXPECT_EQ(std::count(error.begin(), error.end(), '\n'), 20);
  EXPECT_TRUE(error.ends_with("\nsinmun.conf: 5 more errors")) << error;
}

// --- Durations and sizes ------------------------------------------------------------------

TEST(DurationTest, Valid) {
  EXPECT_EQ(*ParseDuration("0s"), milliseconds(0));
  EXPECT_EQ(*ParseDuration("250ms"), milliseconds(250));
  EXPECT_EQ(*ParseDuration("1s"), milliseconds(1000));
  EXPECT_EQ(*ParseDuration("5m"), milliseconds(300'000));
  EXPECT_EQ(*ParseDuration("1h"), milliseconds(3'600'000));
  EXPECT_EQ(*ParseDuration("1d"), milliseconds(86'400'000));
  EXPECT_EQ(*ParseDuration("1h30m"), milliseconds(5'400'000));
  EXPECT_EQ(*ParseDuration("1d2h3m4s5ms"), milliseconds(93'784'005));
  EXPECT_EQ(*ParseDuration("36500d"), milliseconds(int64_t{36500} * 86'400'000));
}

TEST(DurationTest, Invalid) {
  for (const char* bad : {"", "1", "s", "30x", "1.5s", "-1s", "1 s", " 1s", "1S", "1m1h", "1s1s",
                          "1hh", "1h 30m", "ms", "1msec"}) {
    Result<milliseconds> d = ParseDuration(bad);
    ASSERT_FALSE(d.ok()) << bad;
    EXPECT_EQ(d.status().message(),
              std::string("\"") + bad + "\" is not a duration (use 30s, 5m, 1h, 1d)");
  }
  EXPECT_EQ(ParseDuration("36501d").status().message(), "\"36501d\" is too long (at most 36500d)");
  EXPECT_EQ(ParseDuration("99999999999999999999s").status().message(),
            "\"99999999999999999999s\" is not a duration (use 30s, 5m, 1h, 1d)");
  EXPECT_EQ(ParseDuration("36500d1ms").status().message(),
            "\"36500d1ms\" is too long (at most 36500d)");
}

TEST(SizeTest, Valid) {
  EXPECT_EQ(*ParseSize("0B"), 0u);
  EXPECT_EQ(*ParseSize("100B"), 100u);
  EXPECT_EQ(*ParseSize("512KiB"), 512u * 1024);
  EXPECT_EQ(*ParseSize("8MiB"), 8u << 20);
  EXPECT_EQ(*ParseSize("1GiB"), uint64_t{1} << 30);
  EXPECT_EQ(*ParseSize("3mib"), 3u << 20);
}

TEST(SizeTest, Invalid) {
  for (const char* bad : {"", "100", "B", "8MB", "8 MiB", "1.5MiB", "-1B", "1TiB", "8M"}) {
    Result<uint64_t> s = ParseSize(bad);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_EQ(s.status().message(),
              std::string("\"") + bad + "\" is not a size (use 100B, 512KiB, 8MiB, 1GiB)");
  }
  EXPECT_EQ(ParseSize("17179869184GiB").status().message(), "\"17179869184GiB\" is too large");
}

// --- FormatConfig -------------------------------------------------------------------------

// `text` without its comment lines and blank lines: the keys and sections alone.
std::string KeysOnly(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    if (!line.empty() && !line.starts_with("#")) out += std::string(line) + "\n";
  }
  return out;
}

TEST(FormatConfigTest, DefaultText) {
  Config c = DefaultConfig();
  c.sources.push_back({"d", SourceType::ForPortal("daum"), "https://news.daum.net/politics", seconds(120)});
  c.sources.push_back({"e", SourceType::kRss, "https://e.example/rss", seconds(300)});
  EXPECT_EQ(KeysOnly(FormatConfig(c)),
            "[archive]\n"
            "path = /var/lib/sinmun\n"
            "[crawler]\n"
            "user_agent = sinmun/" SINMUN_TEST_VERSION " (+https://github.com/sinmun/sinmun)\n"
            "per_host_interval = 1s\n"
            "backoff = 30s\n"
            "max_per_host = 1\n"
            "max_connections = 16\n"
            "timeout = 30s\n"
            "max_body = 8MiB\n"
            "respect_robots = true\n"
            "allow_private_addresses = false\n"
            "revisit = 5m,15m,1h,3h,12h,1d,3d,7d\n"
            "proxy = \n"
            "no_proxy = \n"
            "sitemap_depth = 2\n"
            "sitemap_children = 5\n"
            "horizon = 2d\n"
            "keep_raw = true\n"
            "[extract]\n"
            "site_table = \n"
            "[metrics]\n"
            "listen = 127.0.0.1:9464\n"
            "[source.d]\n"
            "type = daum\n"
            "url = https://news.daum.net/politics\n"
            "interval = 2m\n"
            "[source.e]\n"
            "type = rss\n"
            "url = https://e.example/rss\n"
            "interval = 5m\n");
}

TEST(FormatConfigTest, DocumentsEachKeyOnceAboveIt) {
  Config c = DefaultConfig();
  c.sources.push_back({"d", SourceType::ForPortal("daum"), "https://news.daum.net/politics", seconds(120)});
  c.sources.push_back({"e", SourceType::kRss, "https://e.example/rss", seconds(300)});
  const std::string text = FormatConfig(c);
  EXPECT_TRUE(text.starts_with("[archive]\n# The archive directory: "));
  EXPECT_NE(text.find("\n\n# Requests in flight to one host at a time.\nmax_per_host = 1\n"),
            std::string::npos);
  // A long doc is wrapped to lines of at most 88 characters, broken between words.
  EXPECT_NE(text.find("# Allow requests and redirects to loopback, private and link-local "
                      "addresses. Only tests\n# against a local server need this; leave it off "
                      "on a real crawler.\nallow_private_addresses = false\n"),
            std::string::npos);
  // The source keys are explained in the first source only.
  EXPECT_NE(text.find("[source.d]\n# What url points to: "), std::string::npos);
  EXPECT_NE(text.find("\n[source.e]\ntype = rss\nurl = https://e.example/rss\ninterval = 5m\n"),
            std::string::npos);
  size_t longest = 0;
  for (size_t begin = 0, end; begin < text.size(); begin = end + 1) {
    end = text.find('\n', begin);
    longest = std::max(longest, end - begin);
  }
  EXPECT_LE(longest, 88u);
}

TEST(FormatConfigTest, RoundTrips) {
  EXPECT_EQ(MustParse(FormatConfig(DefaultConfig())), DefaultConfig());
  Config every = MustParse(kEveryKey);
  EXPECT_EQ(MustParse(FormatConfig(every)), every);

  Config odd = DefaultConfig();
  odd.crawler.per_host_interval = milliseconds(1500);
  odd.crawler.max_body = 1000;
  odd.crawler.timeout = seconds(90);
  odd.crawler.revisit = {seconds(1), seconds(61), hours(25)};
  odd.metrics_listen = "";
  odd.sources.push_back({"x", SourceType::kSitemap, "https://x.example/s.xml?a=1&b=2", seconds(7)});
  std::string text = FormatConfig(odd);
  EXPECT_NE(text.find("per_host_interval = 1500ms\n"), std::string::npos) << text;
  EXPECT_NE(text.find("max_body = 1000B\n"), std::string::npos) << text;
  EXPECT_NE(text.find("revisit = 1s,61s,25h\n"), std::string::npos) << text;
  EXPECT_EQ(MustParse(text), odd);
}

// --- The shipped example ------------------------------------------------------------------

TEST(ShippedConfigTest, ParsesToTheDefaultsPlusItsSources) {
  Result<Config> shipped = LoadConfigFile(SINMUN_SHIPPED_CONFIG);
  ASSERT_TRUE(shipped.ok()) << shipped.status().ToString();
  Config expected = DefaultConfig();
  expected.sources = {
      {"daum-politics", SourceType::ForPortal("daum"), "https://news.daum.net/politics", seconds(120)},
      {"yonhap", SourceType::kRss, "https://www.yna.co.kr/rss/news.xml", seconds(300)},
      {"hankyoreh", SourceType::kRss, "https://www.hani.co.kr/rss/", seconds(300)},
      {"donga", SourceType::kRss, "https://rss.donga.com/total.xml", seconds(300)},
      {"joongang", SourceType::kSitemap, "https://www.joongang.co.kr/sitemap/latest-articles", seconds(600)},
      {"chosun", SourceType::kSitemap,
       "https://www.chosun.com/arc/outboundfeeds/news-sitemap/?outputType=xml", seconds(600)},
  };
  // The example documents the defaults: any drift between it and DefaultConfig() fails here.
  EXPECT_EQ(*shipped, expected);
}

// Every shipped source has its offline replay (tests/data/sources/replay.tsv), so the
// daemon test that replays them covers what a user runs.
TEST(ShippedConfigTest, EverySourceIsReplayedOffline) {
  Result<Config> shipped = LoadConfigFile(SINMUN_SHIPPED_CONFIG);
  ASSERT_TRUE(shipped.ok()) << shipped.status().ToString();
  std::ifstream replay(std::string(SINMUN_TEST_DATA_DIR) + "/sources/replay.tsv");
  ASSERT_TRUE(replay.good());
  std::set<std::string> replayed;
  for (std::string line; std::getline(replay, line);) {
    if (!line.starts_with("source\t")) continue;
    std::vector<std::string> cols;
    for (size_t at = 0, tab; at != std::string::npos; at = tab == std::string::npos ? tab : tab + 1) {
      tab = line.find('\t', at);
      cols.push_back(line.substr(at, tab == std::string::npos ? std::string::npos : tab - at));
    }
    ASSERT_EQ(cols.size(), 4u) << line;
    replayed.insert(cols[1] + " " + cols[2] + " " + cols[3]);
  }
  for (const SourceConfig& s : shipped->sources) {
    EXPECT_TRUE(replayed.contains(s.name + " " + std::string(SourceTypeName(s.type)) + " " + s.url))
        << s.name << " has no replay in tests/data/sources/replay.tsv";
  }
}

TEST(LoadConfigFileTest, MissingFileIsAnIOError) {
  Result<Config> c = LoadConfigFile("/nonexistent-dir-for-sinmun-test/sinmun.conf");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), Status::Code::kIOError);
  EXPECT_EQ(c.status().message(),
            "/nonexistent-dir-for-sinmun-test/sinmun.conf: cannot open: No such file or directory");
}

TEST(LoadConfigFileTest, ADirectoryIsNotAConfigFile) {
  std::string dir = ::testing::TempDir();
  Result<Config> c = LoadConfigFile(dir);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), Status::Code::kIOError);
  EXPECT_EQ(c.status().message(), dir + ": not a regular file");
}

TEST(LoadConfigFileTest, ReadsAFile) {
  std::string path = ::testing::TempDir() + "config_test_good.conf";
  {
    std::ofstream out(path);
    out << "[crawler]\ntimeout = 9s\n";
  }
  Result<Config> c = LoadConfigFile(path);
  std::remove(path.c_str());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->crawler.timeout, seconds(9));
}

TEST(LoadConfigFileTest, ErrorsNameThePathAsGiven) {
  std::string path = ::testing::TempDir() + "config_test_bad.conf";
  {
    std::ofstream out(path);
    out << "[crawler]\n\ntimeout = soon\n";
  }
  Result<Config> c = LoadConfigFile(path);
  std::remove(path.c_str());
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(c.status().message(),
            path + ":3: [crawler] timeout: \"soon\" is not a duration (use 30s, 5m, 1h, 1d)");
}

// --- The daemon's command line ------------------------------------------------------------

Result<DaemonOptions> ParseArgs(std::vector<const char*> args) {
  args.insert(args.begin(), "sinmund");
  args.push_back(nullptr);
  return ParseDaemonCommandLine(static_cast<int>(args.size()) - 1, args.data());
}

std::string ArgsError(std::vector<const char*> args) {
  Result<DaemonOptions> o = ParseArgs(std::move(args));
  return o.ok() ? "ok" : o.status().message();
}

TEST(DaemonCommandLineTest, AllOptions) {
  Result<DaemonOptions> o = ParseArgs({"--config", "/etc/sinmun/sinmun.conf", "--archive=/tmp/a",
                                       "--once", "--check-config", "--print-config"});
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_EQ(o->config_path, "/etc/sinmun/sinmun.conf");
  EXPECT_EQ(o->archive, "/tmp/a");
  EXPECT_TRUE(o->once);
  EXPECT_TRUE(o->check_config);
  EXPECT_TRUE(o->print_config);
  EXPECT_FALSE(o->help);
  EXPECT_FALSE(o->version);
}

TEST(DaemonCommandLineTest, OnlyConfig) {
  Result<DaemonOptions> o = ParseArgs({"--config=s.conf"});
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_EQ(o->config_path, "s.conf");
  EXPECT_EQ(o->archive, std::nullopt);
  EXPECT_FALSE(o->once || o->check_config || o->print_config || o->help || o->version);
}

TEST(DaemonCommandLineTest, HelpAndVersionNeedNoConfig) {
  Result<DaemonOptions> help = ParseArgs({"--help"});
  ASSERT_TRUE(help.ok());
  EXPECT_TRUE(help->help);
  Result<DaemonOptions> h = ParseArgs({"-h"});
  ASSERT_TRUE(h.ok());
  EXPECT_TRUE(h->help);
  Result<DaemonOptions> version = ParseArgs({"--version"});
  ASSERT_TRUE(version.ok());
  EXPECT_TRUE(version->version);
  EXPECT_FALSE(version->help);
}

TEST(DaemonCommandLineTest, Errors) {
  EXPECT_EQ(ArgsError({}), "missing --config FILE (see sinmund --help)");
  EXPECT_EQ(ArgsError({"--once"}), "missing --config FILE (see sinmund --help)");
  EXPECT_EQ(ArgsError({"--config"}), "--config needs a value");
  EXPECT_EQ(ArgsError({"--config="}), "--config needs a value");
  EXPECT_EQ(ArgsError({"--config", ""}), "--config needs a file name");
  EXPECT_EQ(ArgsError({"--config", "a", "--archive"}), "--archive needs a value");
  EXPECT_EQ(ArgsError({"--config", "a", "--archive", ""}), "--archive needs a directory");
  EXPECT_EQ(ArgsError({"--config", "a", "--frob"}), "unknown option \"--frob\" (see sinmund --help)");
  // No abbreviations: a prefix of an option is not that option.
  EXPECT_EQ(ArgsError({"--conf", "a"}), "unknown option \"--conf\" (see sinmund --help)");
  EXPECT_EQ(ArgsError({"--config", "a", "--config", "b"}), "--config is given more than once");
  EXPECT_EQ(ArgsError({"--config", "a", "--once=yes"}), "--once takes no value");
  EXPECT_EQ(ArgsError({"--config", "a", "extra"}),
            "unexpected argument \"extra\" (see sinmund --help)");
}

TEST(DaemonCommandLineTest, NoArgvAtAll) {
  Result<DaemonOptions> o = ParseDaemonCommandLine(0, nullptr);
  ASSERT_FALSE(o.ok());
  EXPECT_EQ(o.status().message(), "missing --config FILE (see sinmund --help)");
}

TEST(DaemonCommandLineTest, UsageNamesEveryOption) {
  std::string usage = DaemonUsage();
  for (const char* option : {"--config FILE", "--archive DIR", "--once", "--check-config",
                             "--print-config", "--help", "--version"}) {
    EXPECT_NE(usage.find(option), std::string::npos) << option;
  }
  EXPECT_TRUE(usage.starts_with("usage: sinmund --config FILE"));
  EXPECT_TRUE(usage.ends_with("\n"));
}

TEST(DaemonCommandLineTest, ArchiveOverridesTheFile) {
  Config file = MustParse("[archive]\npath = /from/file\n");
  DaemonOptions options;
  options.config_path = "x.conf";
  EXPECT_EQ(ApplyOverrides(file, options), file);
  options.archive = "/from/command/line";
  Config applied = ApplyOverrides(file, options);
  EXPECT_EQ(applied.archive_path, "/from/command/line");
  applied.archive_path = "/from/file";
  EXPECT_EQ(applied, file);  // nothing else changed
}

}  // namespace
}  // namespace sinmun
