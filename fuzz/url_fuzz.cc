// libFuzzer target: URL identity over arbitrary text (links from pages and feeds).
// Canonicalisation must be idempotent, and an id derived from a URL must look like an id.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/identity.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view url(reinterpret_cast<const char*>(data), size);
  std::optional<std::string> canonical = sinmun::CanonicalUrl(url);
  if (canonical && sinmun::CanonicalUrl(*canonical) != canonical) std::abort();
  std::optional<std::string> id = sinmun::ArticleIdForUrl(url);
  if (id && id->rfind("url:", 0) != 0 && !sinmun::LooksLikeArticleId(*id)) std::abort();
  sinmun::PortalArticleFromUrl(url);
  return 0;
}
