// extract_score: the extraction scorer (extraction_score.h) over any folder of gold
// records, for measuring the extractors on pages of one's own.
//
//   extract_score GOLD_DIR PAGES_DIR [SITE_TABLE]
//
// Prints one line per page (body F1, leaks, wrong fields) and a summary; SITE_TABLE is an
// operator's site table merged over the shipped one. Exit code 0 when every page meets the
// targets (mean F1 >= 0.99, no leaks, every field right), 1 otherwise, 2 on usage errors.
#include <iostream>

#include "crawler/extract/extractor.h"
#include "tests/crawler/extract/extraction_score.h"
#include "tests/crawler/extract/test_pages.h"

int main(int argc, char** argv) {
  using namespace sinmun;
  if (argc < 3 || argc > 4) {
    std::cerr << "usage: extract_score GOLD_DIR PAGES_DIR [SITE_TABLE]\n";
    return 2;
  }
  Result<SiteTable> sites = LoadSiteTable(argc == 4 ? argv[3] : "");
  if (!sites.ok()) {
    std::cerr << sites.status().message() << "\n";
    return 2;
  }
  Result<std::vector<testing::GoldPage>> gold = testing::ReadGoldDir(argv[1]);
  if (!gold.ok()) {
    std::cerr << gold.status().message() << "\n";
    return 2;
  }
  std::vector<testing::PageScore> scores;
  bool met = true;
  double f1_sum = 0;
  for (const testing::GoldPage& g : *gold) {
    const std::string bytes = testing::ReadFileBytes(std::string(argv[2]) + "/" + g.file);
    scores.push_back(testing::ScorePage(g, ExtractArticle(Page{bytes, g.url, ""}, *sites)));
    met = met && scores.back().leaks.empty() && scores.back().mismatch.empty();
    f1_sum += scores.back().f1;
  }
  std::cout << testing::FormatReport(*gold, scores);
  met = met && !scores.empty() && f1_sum / static_cast<double>(scores.size()) >= 0.99;
  return met ? 0 : 1;
}
