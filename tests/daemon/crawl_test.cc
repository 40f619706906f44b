// Crawl over a real archive (RocksDB in a scratch directory) with the fake HTTP client.
#include "daemon/crawl.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "crawler/frontier/task.h"
#include "tests/support/fake_http_client.h"

namespace sinmun {
namespace {

namespace fs = std::filesystem;

// tests/data/archives/release-0.1: what sinmun 0.1.0 wrote (README there), its schedule in
// the tab-separated form of that release.
TEST(CrawlTest, AScheduleWrittenByRelease01IsConvertedWithNothingDropped) {
  const fs::path dir = fs::temp_directory_path() / ("crawl_test_" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::copy(fs::path(SINMUN_TEST_DATA) / "archives" / "release-0.1", dir, fs::copy_options::recursive);
  Result<std::unique_ptr<Archive>> archive = Archive::Open(dir.string(), Archive::Mode::kReadWrite);
  ASSERT_TRUE(archive.ok()) << archive.status().ToString();

  Result<std::vector<std::pair<std::string, std::string>>> before = (*archive)->LoadSchedule();
  ASSERT_TRUE(before.ok());
  ASSERT_EQ(before->size(), 11u) << "3 sources and 8 articles";
  std::map<std::string, Task> legacy;
  for (const auto& [key, value] : *before) {
    ASSERT_TRUE(IsLegacyTask(value)) << key;
    std::optional<Task> t = DecodeTask(value);
    ASSERT_TRUE(t) << key;
    legacy[key] = *t;
  }

  Config config = DefaultConfig();
  config.archive_path = dir.string();
  const std::string base = "http://127.0.0.1:45097";
  config.sources = {{"sim-daum", SourceType::ForPortal("daum"), base + "/daum/list", std::chrono::seconds(30)},
                    {"sim-naver", SourceType::ForPortal("naver"), base + "/naver/section/100", std::chrono::seconds(30)},
                    {"sim-rss", SourceType::kRss, base + "/rss.xml", std::chrono::seconds(60)}};
  FakeClock clock(Instant(std::chrono::seconds(1'790'000'000)));
  Metrics metrics;
  {
    Crawl crawl(config, **archive, nullptr,
                std::make_unique<FakeHttpClient>([](const FetchRequest&) { return FakeHttpClient::Page("", 503); }),
                clock, metrics);
    ASSERT_TRUE(crawl.Start(false).ok());
    EXPECT_EQ(crawl.queued(), 11u);
  }
  Result<std::vector<std::pair<std::string, std::string>>> after = (*archive)->LoadSchedule();
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), 11u);
  for (const auto& [key, value] : *after) {
    EXPECT_FALSE(IsLegacyTask(value)) << key << " was not converted";
    std::optional<Task> t = DecodeTask(value);
    ASSERT_TRUE(t) << key;
    EXPECT_EQ(*t, legacy[key]) << key;
  }
  // The articles themselves are all there.
  Result<ArchiveStats> stats = (*archive)->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->articles, 8u);
  archive->reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace sinmun
