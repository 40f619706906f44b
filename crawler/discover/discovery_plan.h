// Discovery plan: what one poll of a listing leads to — the article links to queue, in the
// order to fetch them, and the child sitemaps of a sitemap index to fetch now.
//
// Feeds and sitemaps carry dates (RSS <pubDate>, Atom <published>, a news sitemap's
// <news:publication_date>, <lastmod>; DiscoveredLink::published), and those dates decide:
//   - order: articles newest first, so a burst of new items starts with the latest; links
//     without a date follow, in listing order. Portal listing pages keep
//     their page order, which is already the portal's;
//   - the horizon: a feed or sitemap entry dated before now - horizon is skipped (a news
//     sitemap lists two days by Google's rule, a general sitemap can list years). Undated
//     entries are kept: nothing says they are old;
//   - sitemap indexes (sitemaps.org protocol, <sitemapindex>): the child sitemaps whose
//     <lastmod> is within the horizon (or that have none) are followed newest first, at
//     most `sitemap_children` per poll and at most `sitemap_depth` levels below the source
//     (real sites nest an index of indexes, which the protocol does not foresee).
//
// Thread-safety: pure function.
#ifndef SINMUN_CRAWLER_DISCOVER_DISCOVERY_PLAN_H_
#define SINMUN_CRAWLER_DISCOVER_DISCOVERY_PLAN_H_

#include <chrono>
#include <cstddef>
#include <vector>

#include "common/time.h"
#include "crawler/discover/links.h"

namespace sinmun {

struct DiscoveryOptions {
  // Levels of sitemap index followed below a source: 1 follows the children of the
  // source's index, 2 also the children of an index among them. 0 follows none.
  // Default: 2
  int sitemap_depth = 2;

  // Child sitemaps of one index fetched per poll, newest first by <lastmod>. >= 1.
  // Default: 5
  size_t sitemap_children = 5;

  // Feed and sitemap entries (articles and child sitemaps) dated more than this before
  // now are skipped. Zero: no horizon. Default: 2 days (2d), the span a Google News
  // sitemap lists.
  std::chrono::seconds horizon{2 * 24 * 3600};

  bool operator==(const DiscoveryOptions&) const = default;
};

struct DiscoveryPlan {
  // The article links to queue: newest first for feeds and sitemaps (see above).
  std::vector<DiscoveredLink> articles;
  // The child sitemaps to fetch in this poll, newest first; empty unless the listing is a
  // sitemap index and depth < sitemap_depth.
  std::vector<DiscoveredLink> sitemaps;
  // Entries skipped because their date is beyond the horizon (articles and sitemaps).
  size_t too_old = 0;
  // Child sitemaps not fetched in this poll: beyond sitemap_children, or too deep.
  size_t sitemaps_deferred = 0;
};

// listing: what DiscoverLinks gave for a listing of `kind`; depth: how many sitemap
// indexes lie between the source's own URL and this listing (0 for the source's URL);
// now: the current time (the horizon's reference).
DiscoveryPlan PlanDiscovery(const Listing& listing, ListingKind kind, int depth, Instant now,
                            const DiscoveryOptions& options);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_DISCOVER_DISCOVERY_PLAN_H_
