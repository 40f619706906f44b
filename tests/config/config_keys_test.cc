#include "config/config_keys.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "config/config_diff.h"

namespace sinmun {
namespace {

// For each row, a valid value that differs from the default, spelled as FormatConfig
// writes it. A new row fails EveryRowHasAnExample until it gets one here.
const std::map<std::string, std::string>& Examples() {
  static const auto* examples = new std::map<std::string, std::string>{
      {"[archive] path", "/srv/news archive"},
      {"[crawler] user_agent", "test-agent/1.0 (+https://example.org/about)"},
      {"[crawler] per_host_interval", "250ms"},
      {"[crawler] backoff", "90m"},
      {"[crawler] max_per_host", "3"},
      {"[crawler] max_connections", "64"},
      {"[crawler] timeout", "1m"},
      {"[crawler] max_body", "512KiB"},
      {"[crawler] respect_robots", "false"},
      {"[crawler] allow_private_addresses", "true"},
      {"[crawler] revisit", "1m,10m,2h"},
      {"[crawler] proxy", "http://10.0.0.8:3128"},
      {"[crawler] no_proxy", "intranet.example,*"},
      {"[crawler] sitemap_depth", "0"},
      {"[crawler] sitemap_children", "12"},
      {"[crawler] horizon", "30d"},
      {"[crawler] keep_raw", "false"},
      {"[extract] site_table", "/etc/sinmun/sites.local.json"},
      {"[metrics] listen", "[::1]:9000"},
      {"[source] type", "sitemap"},
      {"[source] url", "https://example.com/sitemap.xml?a=1&b=2"},
      {"[source] interval", "1h"},
  };
  return *examples;
}

template <typename Target>
std::string KeyName(const KeyRow<Target>& row) {
  return "[" + std::string(row.section) + "] " + std::string(row.name);
}

// A [source.s] section with its required keys set, except `leave_out`.
std::string SourceSection(std::string_view leave_out) {
  std::string text = "[source.s]\n";
  if (leave_out != "type") text += "type = rss\n";
  if (leave_out != "url") text += "url = https://a.example/rss\n";
  return text;
}

std::string ErrorOf(std::string_view text) {
  Result<Config> config = ParseConfig(text, "t.conf");
  return config.ok() ? "ok" : config.status().message();
}

TEST(ConfigKeysTest, RowsAreWellFormed) {
  std::set<std::string> names;
  std::vector<std::string_view> sections = ConfigSections();
  for (const ConfigKey& row : ConfigKeys()) {
    SCOPED_TRACE(KeyName(row));
    EXPECT_TRUE(names.insert(KeyName(row)).second) << "listed twice";
    EXPECT_FALSE(row.name.empty());
    EXPECT_EQ(row.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz_"), std::string_view::npos);
    EXPECT_NE(row.section, "source") << "[source.NAME] keys belong in SourceKeys()";
    EXPECT_FALSE(row.required) << "a fixed key always has a default";
    EXPECT_FALSE(row.doc.empty());
    EXPECT_TRUE(row.doc.ends_with(".")) << "the doc is a sentence";
  }
  for (const SourceKey& row : SourceKeys()) {
    SCOPED_TRACE(KeyName(row));
    EXPECT_TRUE(names.insert(KeyName(row)).second) << "listed twice";
    EXPECT_EQ(row.section, "source");
    EXPECT_FALSE(row.doc.empty());
    EXPECT_TRUE(!row.required || !row.expect.empty()) << "a required key says what is expected";
  }
  // Each section's rows are together, so FormatConfig writes them in table order.
  EXPECT_EQ(sections, (std::vector<std::string_view>{"archive", "crawler", "extract", "metrics"}));
  std::vector<std::string_view> in_order;
  for (const ConfigKey& row : ConfigKeys()) {
    if (in_order.empty() || in_order.back() != row.section) in_order.push_back(row.section);
  }
  EXPECT_EQ(in_order, sections);
}

TEST(ConfigKeysTest, EveryRowHasAnExample) {
  std::set<std::string> rows;
  for (const ConfigKey& row : ConfigKeys()) rows.insert(KeyName(row));
  for (const SourceKey& row : SourceKeys()) rows.insert(KeyName(row));
  std::set<std::string> examples;
  for (const auto& [name, value] : Examples()) examples.insert(name);
  EXPECT_EQ(rows, examples);
}

// Each key alone: read from the file, it changes exactly that key (as DiffConfig sees
// it), is written back as given, and survives FormatConfig -> ParseConfig.
TEST(ConfigKeysTest, EveryFixedKeyRoundTrips) {
  const Config defaults = DefaultConfig();
  for (const ConfigKey& row : ConfigKeys()) {
    SCOPED_TRACE(KeyName(row));
    const std::string& example = Examples().at(KeyName(row));
    ASSERT_NE(row.Format(defaults), example) << "the example must differ from the default";
    std::string text = "[" + std::string(row.section) + "]\n" + std::string(row.name) + " = " +
                       example + "\n";
    Result<Config> parsed = ParseConfig(text, "t.conf");
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    EXPECT_EQ(row.Format(*parsed), example);
    ConfigDiff diff = DiffConfig(defaults, *parsed);
    std::vector<std::string> changed = diff.live;
    changed.insert(changed.end(), diff.restart.begin(), diff.restart.end());
    EXPECT_EQ(changed, std::vector<std::string>{KeyName(row)});
    EXPECT_EQ(diff.live.size(), row.reload == Reload::kLive ? 1u : 0u);

    Result<Config> again = ParseConfig(FormatConfig(*parsed), "formatted.conf");
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(*again, *parsed);
  }
}

TEST(ConfigKeysTest, EverySourceKeyRoundTrips) {
  Result<Config> base = ParseConfig(SourceSection(""), "t.conf");
  ASSERT_TRUE(base.ok()) << base.status().ToString();
  ASSERT_EQ(base->sources.size(), 1u);
  for (const SourceKey& row : SourceKeys()) {
    SCOPED_TRACE(KeyName(row));
    const std::string& example = Examples().at(KeyName(row));
    ASSERT_NE(row.Format(base->sources[0]), example) << "the example must differ";
    std::string text = SourceSection(row.name) + std::string(row.name) + " = " + example + "\n";
    Result<Config> parsed = ParseConfig(text, "t.conf");
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    ASSERT_EQ(parsed->sources.size(), 1u);
    EXPECT_EQ(row.Format(parsed->sources[0]), example);
    ConfigDiff diff = DiffConfig(*base, *parsed);
    EXPECT_EQ(diff.live.size() + diff.restart.size(), 1u);
    const auto& expected = row.reload == Reload::kLive ? diff.live : diff.restart;
    EXPECT_EQ(expected, std::vector<std::string>{"[source.s] " + std::string(row.name)});

    Result<Config> again = ParseConfig(FormatConfig(*parsed), "formatted.conf");
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(*again, *parsed);
  }
}

TEST(ConfigKeysTest, AllExamplesTogetherRoundTrip) {
  std::string text;
  for (std::string_view section : ConfigSections()) {
    text += "[" + std::string(section) + "]\n";
    for (const ConfigKey& row : ConfigKeys()) {
      if (row.section == section) {
        text += std::string(row.name) + " = " + Examples().at(KeyName(row)) + "\n";
      }
    }
  }
  for (const char* name : {"one", "two"}) {
    text += "[source." + std::string(name) + "]\n";
    for (const SourceKey& row : SourceKeys()) {
      text += std::string(row.name) + " = " + Examples().at(KeyName(row)) + "\n";
    }
  }
  Result<Config> parsed = ParseConfig(text, "t.conf");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  for (const ConfigKey& row : ConfigKeys()) {
    EXPECT_EQ(row.Format(*parsed), Examples().at(KeyName(row))) << KeyName(row);
  }
  Result<Config> again = ParseConfig(FormatConfig(*parsed), "formatted.conf");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, *parsed);
  EXPECT_TRUE(DiffConfig(*parsed, *again).empty());
}

// --- Required keys and bounds, from the table ----------------------------------------------

TEST(ConfigKeysTest, RequiredSourceKeysAreNamedWhenMissing) {
  for (const SourceKey& row : SourceKeys()) {
    if (!row.required) continue;
    EXPECT_EQ(ErrorOf(SourceSection(row.name)),
              "t.conf:1: [source.s]: missing \"" + std::string(row.name) + "\" (" +
                  std::string(row.expect) + ")");
  }
}

TEST(ConfigKeysTest, EmptyValuesSayWhatIsExpected) {
  EXPECT_EQ(ErrorOf("[source.s]\ntype =\nurl = https://a.example/\n"),
            "t.conf:2: [source.s] type: is empty (use daum, naver, rss or sitemap)");
  EXPECT_EQ(ErrorOf("[source.s]\ntype = rss\nurl =\n"),
            "t.conf:3: [source.s] url: is empty (the listing page, feed or sitemap to poll)");
  EXPECT_EQ(ErrorOf("[crawler]\ntimeout =\n"),
            "t.conf:2: [crawler] timeout: \"\" is not a duration (use 30s, 5m, 1h, 1d)");
}

TEST(ConfigKeysTest, LowerBoundsAreEnforced) {
  EXPECT_EQ(ErrorOf("[crawler]\nbackoff = 0ms\n"),
            "t.conf:2: [crawler] backoff: \"0ms\" must be longer than 0");
  EXPECT_EQ(ErrorOf("[crawler]\nmax_connections = 0\n"),
            "t.conf:2: [crawler] max_connections: \"0\" is too small (at least 1)");
  EXPECT_EQ(ErrorOf(SourceSection("") + "interval = 0s\n"),
            "t.conf:4: [source.s] interval: \"0s\" must be longer than 0");
  // At the bound itself: accepted.
  EXPECT_EQ(ErrorOf("[crawler]\nbackoff = 1ms\nmax_connections = 1\ntimeout = 1s\nmax_body = 1B\n"
                    "per_host_interval = 0ms\n"),
            "ok");
}

// --- config/sinmun.conf documents the table --------------------------------------------------

struct DocumentedKey {
  std::string section;  // "crawler", or "source" for any [source.NAME]
  int line = 0;
  std::string doc;      // the comment lines right above it, joined by spaces
};

// The "key = value" lines of the shipped example, commented-out ones ("#key = value")
// included, with the comment block right above each.
std::map<std::string, std::vector<DocumentedKey>> ShippedKeys() {
  std::ifstream in(SINMUN_SHIPPED_CONFIG);
  EXPECT_TRUE(in) << SINMUN_SHIPPED_CONFIG;
  std::map<std::string, std::vector<DocumentedKey>> keys;  // "[section] key" -> where
  std::string section;
  std::vector<std::string> comment;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::string bare = line.starts_with("#") && line.size() > 1 && line[1] != ' '
                           ? line.substr(1)
                           : line;  // "#key = v" and "#[section]" are keys and sections
    if (bare.starts_with("[") && bare.ends_with("]")) {
      section = bare.substr(1, bare.size() - 2);
      if (section.starts_with("source.")) section = "source";
      comment.clear();
    } else if (size_t eq = bare.find(" ="); eq != std::string::npos && !bare.starts_with("#")) {
      std::string doc;
      for (const std::string& c : comment) doc += (doc.empty() ? "" : " ") + c;
      keys["[" + section + "] " + bare.substr(0, eq)].push_back({section, number, doc});
      comment.clear();
    } else if (line.starts_with("# ")) {
      comment.push_back(line.substr(2));
    } else {
      comment.clear();
    }
  }
  return keys;
}

TEST(ShippedConfigDocsTest, EveryKeyIsDocumentedWithItsTableDoc) {
  std::map<std::string, std::vector<DocumentedKey>> shipped = ShippedKeys();
  auto check = [&shipped](const std::string& name, std::string_view doc) {
    SCOPED_TRACE(name);
    auto it = shipped.find(name);
    ASSERT_NE(it, shipped.end()) << "not in config/sinmun.conf";
    // The first occurrence (for sources: in the first source) carries the doc.
    EXPECT_EQ(it->second.front().doc, doc) << "config/sinmun.conf:" << it->second.front().line;
  };
  for (const ConfigKey& row : ConfigKeys()) check(KeyName(row), row.doc);
  for (const SourceKey& row : SourceKeys()) check(KeyName(row), row.doc);
}

TEST(ShippedConfigDocsTest, EveryDocumentedKeyIsInTheTable) {
  std::set<std::string> rows;
  for (const ConfigKey& row : ConfigKeys()) rows.insert(KeyName(row));
  for (const SourceKey& row : SourceKeys()) rows.insert(KeyName(row));
  std::map<std::string, std::vector<DocumentedKey>> shipped = ShippedKeys();
  EXPECT_FALSE(shipped.empty());
  for (const auto& [name, where] : shipped) {
    EXPECT_TRUE(rows.contains(name)) << "config/sinmun.conf:" << where.front().line << ": " << name
                                     << " is not a key";
  }
}

}  // namespace
}  // namespace sinmun
