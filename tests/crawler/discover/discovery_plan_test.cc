// PlanDiscovery: order (newest first), the horizon, and which child sitemaps of an index a
// poll follows — each expectation worked out by hand from the dates below.
#include "crawler/discover/discovery_plan.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sinmun {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using std::chrono::hours;

const Instant kNow = *ParseTime("2026-03-21T21:00:00+09:00");

DiscoveredLink Link(std::string url, std::optional<std::string> when, bool sitemap = false) {
  DiscoveredLink l;
  l.url = std::move(url);
  if (when) l.published = ParseTime(*when);
  l.is_sitemap = sitemap;
  return l;
}

std::vector<std::string> Urls(const std::vector<DiscoveredLink>& links) {
  std::vector<std::string> out;
  for (const DiscoveredLink& l : links) out.push_back(l.url);
  return out;
}

TEST(DiscoveryPlanTest, FeedNewestFirstUndatedLastAndHorizon) {
  Listing feed;
  feed.links = {Link("https://a.example/old", "2026-03-18T09:00:00+09:00"),   // 3.5 days: out
                Link("https://a.example/noon", "2026-03-21T12:00:00+09:00"),
                Link("https://a.example/undated-1", std::nullopt),
                Link("https://a.example/evening", "2026-03-21 오후 8:30"),
                Link("https://a.example/yesterday", "2026-03-20T21:30:00+09:00"),
                Link("https://a.example/undated-2", std::nullopt)};
  DiscoveryPlan plan = PlanDiscovery(feed, ListingKind::kFeed, 0, kNow, DiscoveryOptions{});
  EXPECT_THAT(Urls(plan.articles),
              ElementsAre("https://a.example/evening", "https://a.example/noon",
                          "https://a.example/yesterday", "https://a.example/undated-1",
                          "https://a.example/undated-2"));
  EXPECT_EQ(plan.too_old, 1u);
  EXPECT_THAT(plan.sitemaps, IsEmpty());

  DiscoveryOptions no_horizon;
  no_horizon.horizon = std::chrono::seconds(0);
  plan = PlanDiscovery(feed, ListingKind::kFeed, 0, kNow, no_horizon);
  EXPECT_EQ(plan.articles.size(), 6u);
  EXPECT_EQ(plan.articles[3].url, "https://a.example/old");
  EXPECT_EQ(plan.too_old, 0u);
}

TEST(DiscoveryPlanTest, PortalListingsKeepPageOrderAndHaveNoHorizon) {
  Listing page;
  page.links = {Link("https://v.daum.net/v/20260310000000001", "2026-03-10T00:00:00+09:00"),
                Link("https://v.daum.net/v/20260321200000001", "2026-03-21T20:00:00+09:00")};
  DiscoveryPlan plan = PlanDiscovery(page, ListingKind::ForPortal("daum"), 0, kNow, DiscoveryOptions{});
  EXPECT_THAT(Urls(plan.articles), ElementsAre("https://v.daum.net/v/20260310000000001",
                                               "https://v.daum.net/v/20260321200000001"));
  EXPECT_EQ(plan.too_old, 0u);
}

TEST(DiscoveryPlanTest, SitemapIndexChildrenNewestFirstWithinLimits) {
  Listing index;
  index.links = {Link("https://a.example/sitemap-2026-03-19.xml", "2026-03-19T23:59:00+09:00", true),
                 Link("https://a.example/sitemap-2026-03-21.xml", "2026-03-21T20:55:00+09:00", true),
                 Link("https://a.example/sitemap-2025.xml", "2025-12-31T23:59:00+09:00", true),
                 Link("https://a.example/sitemap-2026-03-20.xml", "2026-03-20T23:59:00+09:00", true),
                 Link("https://a.example/sitemap-static.xml", std::nullopt, true)};
  DiscoveryOptions o;
  o.sitemap_children = 2;
  DiscoveryPlan plan = PlanDiscovery(index, ListingKind::kSitemap, 0, kNow, o);
  EXPECT_THAT(Urls(plan.sitemaps), ElementsAre("https://a.example/sitemap-2026-03-21.xml",
                                               "https://a.example/sitemap-2026-03-20.xml"));
  // 2025 is beyond the horizon; 03-19 (just within two days) and the undated one wait.
  EXPECT_EQ(plan.too_old, 1u);
  EXPECT_EQ(plan.sitemaps_deferred, 2u);
  EXPECT_THAT(plan.articles, IsEmpty());

  // At the depth limit an index leads nowhere.
  o.sitemap_depth = 1;
  plan = PlanDiscovery(index, ListingKind::kSitemap, 1, kNow, o);
  EXPECT_THAT(plan.sitemaps, IsEmpty());
  EXPECT_EQ(plan.sitemaps_deferred, 4u);
  o.sitemap_depth = 0;
  EXPECT_THAT(PlanDiscovery(index, ListingKind::kSitemap, 0, kNow, o).sitemaps, IsEmpty());
}

TEST(DiscoveryPlanTest, FutureDatesCountAsNew) {
  Listing feed;
  feed.links = {Link("https://a.example/now", "2026-03-21T21:00:00+09:00"),
                Link("https://a.example/skewed", "2026-03-22T01:00:00+09:00")};
  DiscoveryPlan plan = PlanDiscovery(feed, ListingKind::kFeed, 0, kNow, DiscoveryOptions{});
  EXPECT_THAT(Urls(plan.articles), ElementsAre("https://a.example/skewed", "https://a.example/now"));
}

}  // namespace
}  // namespace sinmun
