#include "config/config_diff.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace sinmun {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;
using Keys = std::vector<std::string>;

SourceConfig Source(std::string name, std::string url, seconds interval = minutes(2)) {
  return SourceConfig{std::move(name), SourceType::kRss, std::move(url), interval};
}

Config Running() {
  Config c = DefaultConfig();
  c.sources = {Source("a", "https://a.example/rss"), Source("b", "https://b.example/rss")};
  return c;
}

TEST(ConfigDiffTest, SameConfigNoChanges) {
  EXPECT_TRUE(DiffConfig(Running(), Running()).empty());
  EXPECT_EQ(ApplyLiveChanges(Running(), Running()), Running());
}

TEST(ConfigDiffTest, RestartKeysAreNamedAndKeepTheirRunningValue) {
  Config next = Running();
  next.crawler.timeout = seconds(5);
  next.metrics_listen = "";
  next.archive_path = "/elsewhere";
  next.crawler.per_host_interval = milliseconds(250);
  ConfigDiff diff = DiffConfig(Running(), next);
  // In table order, whatever order they were changed in.
  EXPECT_EQ(diff.restart, (Keys{"[archive] path", "[crawler] per_host_interval",
                                "[crawler] timeout", "[metrics] listen"}));
  EXPECT_TRUE(diff.live.empty());
  EXPECT_EQ(ApplyLiveChanges(Running(), next), Running());
}

TEST(ConfigDiffTest, LiveKeysApplyAtOnce) {
  Config next = Running();
  next.crawler.revisit = {minutes(1), hours(1)};
  next.crawler.respect_robots = false;
  ConfigDiff diff = DiffConfig(Running(), next);
  EXPECT_EQ(diff.live, (Keys{"[crawler] respect_robots", "[crawler] revisit"}));
  EXPECT_TRUE(diff.restart.empty());
  EXPECT_EQ(ApplyLiveChanges(Running(), next), next);
}

TEST(ConfigDiffTest, MixedChangesApplyOnlyTheLiveOnes) {
  Config next = Running();
  next.crawler.revisit = {minutes(1), hours(1)};
  next.crawler.max_per_host = 4;
  next.crawler.keep_raw = false;
  ConfigDiff diff = DiffConfig(Running(), next);
  EXPECT_EQ(diff.live, Keys{"[crawler] revisit"});
  EXPECT_EQ(diff.restart, (Keys{"[crawler] max_per_host", "[crawler] keep_raw"}));
  Config applied = ApplyLiveChanges(Running(), next);
  Config expected = Running();
  expected.crawler.revisit = next.crawler.revisit;
  EXPECT_EQ(applied, expected);
}

TEST(ConfigDiffTest, SourcesAddedRemovedAndChangedApplyAtOnce) {
  Config next = Running();
  next.sources = {Source("c", "https://c.example/rss"),
                  Source("a", "https://a.example/atom", hours(1))};
  ConfigDiff diff = DiffConfig(Running(), next);
  // Sources in the new order, then the removed ones.
  EXPECT_EQ(diff.live, (Keys{"[source.c]", "[source.a] url", "[source.a] interval", "[source.b]"}));
  EXPECT_TRUE(diff.restart.empty());
  EXPECT_EQ(ApplyLiveChanges(Running(), next), next);
}

TEST(ConfigDiffTest, SourcesAreMatchedByName) {
  Config next = Running();
  std::swap(next.sources[0], next.sources[1]);
  EXPECT_TRUE(DiffConfig(Running(), next).empty()) << "the order of sections changes nothing";
  next.sources[0].name = "renamed";
  EXPECT_EQ(DiffConfig(Running(), next).live, (Keys{"[source.renamed]", "[source.b]"}));
}

}  // namespace
}  // namespace sinmun
