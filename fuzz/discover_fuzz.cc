// libFuzzer target: a listing's HTTP answer through DiscoverFetchedLinks — gzip files,
// the content types servers really send, wide XML encodings — then PlanDiscovery. The
// first byte picks the kind and the Content-Type, the rest is the body. Must never crash,
// hang or leak; every returned link must be absolute http(s); decompression never exceeds
// its limit.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string_view>

#include "crawler/discover/discovery_plan.h"
#include "crawler/discover/fetched_listing.h"
#include "crawler/discover/gzip.h"
#include "crawler/portal_registry.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  static constexpr std::string_view kTypes[] = {
      "", "application/rss+xml", "application/rdf+xml", "application/octet-stream",
      "application/x-gzip", "text/plain; charset=utf-16", "text/xml; charset=euc-kr",
      "text/html"};
  // Every portal's listing (crawler/portal_registry.h), then feed and sitemap.
  const std::span<const sinmun::PortalPages> portals = sinmun::PortalRegistry();
  const size_t pick = data[0] % (portals.size() + 2);
  const sinmun::ListingKind kind = pick < portals.size()
                                       ? sinmun::ListingKind::ForPortal(portals[pick].name)
                                       : pick == portals.size() ? sinmun::ListingKind::kFeed
                                                                : sinmun::ListingKind::kSitemap;
  const std::string_view type = kTypes[(data[0] >> 2) % 8];
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  constexpr uint64_t kLimit = 1 << 20;
  if (sinmun::LooksGzipped(bytes)) {
    sinmun::Result<std::string> out = sinmun::Gunzip(bytes, kLimit);
    if (out.ok() && out->size() > kLimit) std::abort();
  }
  sinmun::Result<sinmun::Listing> listing = sinmun::DiscoverFetchedLinks(
      bytes, type, "https://news.example.co.kr/list/", kind, kLimit);
  if (listing.ok()) {
    for (const sinmun::DiscoveredLink& link : listing->links) {
      if (!link.url.starts_with("http://") && !link.url.starts_with("https://")) std::abort();
    }
    if (listing->links.size() > sinmun::kMaxLinks) std::abort();
    const sinmun::Instant now{std::chrono::seconds(1'790'000'000)};
    sinmun::DiscoveryPlan plan =
        sinmun::PlanDiscovery(*listing, kind, 0, now, sinmun::DiscoveryOptions{});
    if (plan.articles.size() + plan.sitemaps.size() + plan.too_old + plan.sitemaps_deferred !=
        listing->links.size()) {
      std::abort();
    }
  }
  return 0;
}
