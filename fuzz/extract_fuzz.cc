// libFuzzer target: any bytes as a saved page → ExtractArticle. Must never crash, hang or
// leak; every outcome is an Article or an InvalidArgument.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "crawler/extract/extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  sinmun::Page page;
  page.bytes = std::string_view(reinterpret_cast<const char*>(data), size);
  page.url = "https://n.news.naver.com/mnews/article/001/0000000001";
  sinmun::Result<sinmun::Article> article = sinmun::ExtractArticle(page);
  (void)article.ok();
  return 0;
}
