// libFuzzer target: DiscoverLinks over arbitrary bytes, as each kind of listing. The first
// byte picks the kind, the rest is the page. Must never crash, hang or leak; every
// returned link must be absolute http(s).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "crawler/discover/links.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const auto kind = static_cast<sinmun::ListingKind>(data[0] % 4);
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  sinmun::Result<sinmun::Listing> listing =
      sinmun::DiscoverLinks(bytes, "", "https://news.example.co.kr/list/", kind);
  if (listing.ok()) {
    for (const sinmun::DiscoveredLink& link : listing->links) {
      if (!link.url.starts_with("http://") && !link.url.starts_with("https://")) std::abort();
    }
    if (listing->links.size() > sinmun::kMaxLinks) std::abort();
  }
  return 0;
}
