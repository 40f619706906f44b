// libFuzzer target: any bytes as the ld+json blocks of a page (split at NUL bytes) →
// RepairJsonLd and ReadJsonLdArticle. Must never crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "crawler/extract/json_ld.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> blocks;
  size_t start = 0;
  while (start <= input.size()) {
    size_t end = input.find('\0', start);
    if (end == std::string::npos) end = input.size();
    blocks.push_back(input.substr(start, end - start));
    start = end + 1;
  }
  (void)sinmun::RepairJsonLd(input);
  sinmun::JsonLdArticle article = sinmun::ReadJsonLdArticle(blocks);
  (void)article.found;
  return 0;
}
