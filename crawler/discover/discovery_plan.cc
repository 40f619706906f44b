#include "crawler/discover/discovery_plan.h"

#include <algorithm>

namespace sinmun {
namespace {

// Dated links first, newest first; undated ones after them, in their original order.
void NewestFirst(std::vector<DiscoveredLink>& links) {
  std::stable_sort(links.begin(), links.end(),
                   [](const DiscoveredLink& a, const DiscoveredLink& b) {
                     if (a.published.has_value() != b.published.has_value()) {
                       return a.published.has_value();
                     }
                     return a.published.has_value() && *a.published > *b.published;
                   });
}

}  // namespace

DiscoveryPlan PlanDiscovery(const Listing& listing, ListingKind kind, int depth, Instant now,
                            const DiscoveryOptions& options) {
  DiscoveryPlan plan;
  const bool dated_kind = kind.xml();
  const bool horizon = dated_kind && options.horizon.count() > 0;
  const Instant oldest = now - options.horizon;
  for (const DiscoveredLink& link : listing.links) {
    if (link.url.empty()) continue;
    if (horizon && link.published && *link.published < oldest) {
      ++plan.too_old;
      continue;
    }
    (link.is_sitemap ? plan.sitemaps : plan.articles).push_back(link);
  }
  if (dated_kind) {
    NewestFirst(plan.articles);
    NewestFirst(plan.sitemaps);
  }
  const size_t limit = depth < options.sitemap_depth
                           ? std::max<size_t>(options.sitemap_children, 1)
                           : 0;
  if (plan.sitemaps.size() > limit) {
    plan.sitemaps_deferred = plan.sitemaps.size() - limit;
    plan.sitemaps.resize(limit);
  }
  return plan;
}

}  // namespace sinmun
