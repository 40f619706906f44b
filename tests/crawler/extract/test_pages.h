// Helpers for extraction tests: reading test pages and summarising Articles.
#ifndef SINMUN_TESTS_CRAWLER_EXTRACT_TEST_PAGES_H_
#define SINMUN_TESTS_CRAWLER_EXTRACT_TEST_PAGES_H_

#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "common/article.h"
#include "common/time.h"

namespace sinmun::testing {

inline std::string ReadFileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string TestPage(const std::string& name) {
  return ReadFileBytes(std::string(SINMUN_TEST_DATA) + "/pages/" + name);
}

inline std::string KstOrNone(const std::optional<Instant>& t) {
  return t ? FormatRfc3339Kst(*t) : "none";
}

// Text blocks only (paragraphs and subheadings), in order.
inline std::vector<std::string> TextBlocks(const Article& a) {
  std::vector<std::string> out;
  for (const Block& b : a.blocks) {
    if (b.type == BlockType::kParagraph || b.type == BlockType::kSubheading) out.push_back(b.text);
  }
  return out;
}

}  // namespace sinmun::testing

#endif  // SINMUN_TESTS_CRAWLER_EXTRACT_TEST_PAGES_H_
