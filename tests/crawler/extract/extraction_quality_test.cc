// Extraction quality against hand-checked gold records (extraction_score.h): the real
// saved pages (tests/data/gold/real, pages in SINMUN_REAL_PAGES — skipped, saying so, when
// absent) and the project's own outlet fixtures (tests/data/gold/pages, pages in
// tests/data/pages). The targets: mean body F1 >= 0.99, no leaked boilerplate, and every
// title, time, press and author right, on every page — with the shipped site table and
// without any. The report is printed either way.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "crawler/extract/extractor.h"
#include "tests/crawler/extract/extraction_score.h"
#include "tests/crawler/extract/test_pages.h"

namespace sinmun {
namespace {

using ::sinmun::testing::FormatReport;
using ::sinmun::testing::GoldPage;
using ::sinmun::testing::PageScore;
using ::sinmun::testing::ReadFileBytes;
using ::sinmun::testing::ReadGoldDir;
using ::sinmun::testing::ScorePage;

std::string RealPagesDir() {
  const char* env = std::getenv("SINMUN_REAL_PAGES");
  return (env != nullptr && *env != '\0') ? env : SINMUN_REAL_PAGES_DEFAULT;
}

void ExpectTargets(const std::string& gold_dir, const std::string& pages_dir,
                   const SiteTable& sites = ShippedSiteTable()) {
  Result<std::vector<GoldPage>> gold = ReadGoldDir(gold_dir);
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  ASSERT_FALSE(gold->empty()) << "no gold records in " << gold_dir;
  std::vector<PageScore> scores;
  double f1_sum = 0;
  for (const GoldPage& g : *gold) {
    const std::string bytes = ReadFileBytes(pages_dir + "/" + g.file);
    ASSERT_FALSE(bytes.empty()) << "missing page " << g.file;
    scores.push_back(ScorePage(g, ExtractArticle(Page{bytes, g.url, ""}, sites)));
    f1_sum += scores.back().f1;
  }
  const std::string report = FormatReport(*gold, scores);
  std::cout << report;
  for (size_t i = 0; i < gold->size(); ++i) {
    const PageScore& s = scores[i];
    EXPECT_TRUE(s.extracted) << (*gold)[i].name;
    EXPECT_TRUE(s.leaks.empty()) << (*gold)[i].name << " leaks " << s.leaks.size();
    EXPECT_TRUE(s.mismatch.empty()) << (*gold)[i].name << ": " << s.mismatch.front();
    EXPECT_GE(s.f1, 0.97) << (*gold)[i].name;
  }
  EXPECT_GE(f1_sum / static_cast<double>(scores.size()), 0.99) << report;
}

TEST(ExtractionQualityTest, RealPages) {
  if (!std::filesystem::is_directory(RealPagesDir())) {
    GTEST_SKIP() << "real pages folder absent; looked for " << RealPagesDir()
                 << " (set SINMUN_REAL_PAGES)";
  }
  ExpectTargets(std::string(SINMUN_TEST_DATA) + "/gold/real", RealPagesDir());
}

TEST(ExtractionQualityTest, OutletFixtures) {
  ExpectTargets(std::string(SINMUN_TEST_DATA) + "/gold/pages",
                std::string(SINMUN_TEST_DATA) + "/pages");
}

// The site table only sharpens: outlets it does not know (or whose entries went stale) are
// read to the same targets by the generic extractor alone.
TEST(ExtractionQualityTest, OutletFixturesWithoutTheSiteTable) {
  ExpectTargets(std::string(SINMUN_TEST_DATA) + "/gold/pages",
                std::string(SINMUN_TEST_DATA) + "/pages", SiteTable());
}

TEST(ExtractionQualityTest, RealPagesWithoutTheSiteTable) {
  if (!std::filesystem::is_directory(RealPagesDir())) {
    GTEST_SKIP() << "real pages folder absent; looked for " << RealPagesDir()
                 << " (set SINMUN_REAL_PAGES)";
  }
  ExpectTargets(std::string(SINMUN_TEST_DATA) + "/gold/real", RealPagesDir(), SiteTable());
}

}  // namespace
}  // namespace sinmun
