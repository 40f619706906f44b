// ExtractionScore: how well an extracted Article matches a hand-checked gold record.
//
// A gold record (JSON, tests/data/gold/*/<page>.json) names a page and what a careful
// reader finds on it:
//   {"file": "...", "url": "" | "<URL given to the extractor>", "id": "...",
//    "title": "...", "press": "...", "authors": [...],
//    "published": "<RFC 3339 KST>" | "none", "modified": ... ,
//    "body": ["<paragraph or subheading>", ...],      the article text, in order
//    "leaks": ["<page text that is not article text>", ...]}
// The body of an Article is its paragraph and subheading blocks (captions belong to image
// blocks and are not body), white space collapsed and NFC, as NormalizeText gives it.
//
// Scoring (the measure sinmun's extraction targets are stated in):
//   - body F1: bag-of-words precision and recall over whitespace-separated tokens of the
//     extracted body against the gold body (multiset intersection);
//   - leaks: each listed leak found in the extracted body, plus each extracted body block
//     of which less than half the tokens are in the gold body (a block of page furniture
//     the list did not foresee);
//   - title, press, authors (as a list, in order) and both times must equal the gold.
//
// Thread-safety: pure functions.
#ifndef SINMUN_TESTS_CRAWLER_EXTRACT_EXTRACTION_SCORE_H_
#define SINMUN_TESTS_CRAWLER_EXTRACT_EXTRACTION_SCORE_H_

#include <string>
#include <vector>

#include "common/article.h"
#include "common/status.h"

namespace sinmun::testing {

struct GoldPage {
  std::string name;  // the gold file's name without .json
  std::string file;
  std::string url;
  std::string id;
  std::string title;
  std::string press;
  std::vector<std::string> authors;
  std::string published;  // RFC 3339 KST or "none"
  std::string modified;
  std::vector<std::string> body;
  std::vector<std::string> leaks;
};

struct PageScore {
  bool extracted = false;  // ExtractArticle succeeded
  double precision = 0;
  double recall = 0;
  double f1 = 0;
  std::vector<std::string> leaks;     // what leaked (a listed text or a block's opening)
  std::vector<std::string> mismatch;  // "title: got «…» want «…»", one per wrong field
};

// Reads one gold file. InvalidArgument naming the file when it is not a gold record.
Result<GoldPage> ReadGold(const std::string& path);

// Every *.json under `dir`, by name.
Result<std::vector<GoldPage>> ReadGoldDir(const std::string& dir);

PageScore ScorePage(const GoldPage& gold, const Result<Article>& got);

// One line per page and a summary line: the report the extraction tests print.
std::string FormatReport(const std::vector<GoldPage>& gold, const std::vector<PageScore>& scores);

}  // namespace sinmun::testing

#endif  // SINMUN_TESTS_CRAWLER_EXTRACT_EXTRACTION_SCORE_H_
