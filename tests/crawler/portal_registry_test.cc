// Walks the two portal tables (common/portals.h, crawler/portal_registry.h): every portal
// has both rows, an extractor, a name every portal filter and `type =` accept, and an
// identity that round-trips from its sample URL to its id and canonical URL and back. A
// new portal's rows are checked here without a line of test of their own.
#include "crawler/portal_registry.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "common/identity.h"
#include "common/portals.h"
#include "config/config.h"
#include "crawler/discover/links.h"

namespace sinmun {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;

TEST(PortalRegistryTest, EveryPortalHasBothRowsInOneOrder) {
  ASSERT_FALSE(Portals().empty());
  ASSERT_EQ(PortalRegistry().size(), Portals().size());
  std::set<std::string_view> names;
  for (size_t i = 0; i < Portals().size(); ++i) {
    const Portal& portal = Portals()[i];
    const PortalPages& row = PortalRegistry()[i];
    EXPECT_EQ(row.name, portal.name);
    EXPECT_EQ(&row.portal(), &portal);
    EXPECT_EQ(FindPortal(portal.name), &portal);
    EXPECT_EQ(FindPortalPages(portal.name), &row);
    EXPECT_TRUE(names.insert(portal.name).second) << "two rows named " << portal.name;
  }
  EXPECT_EQ(FindPortal("web"), nullptr);
  EXPECT_EQ(FindPortalPages("web"), nullptr);
}

TEST(PortalRegistryTest, EveryRowIsComplete) {
  for (const Portal& portal : Portals()) {
    SCOPED_TRACE(std::string(portal.name));
    EXPECT_TRUE(std::regex_match(std::string(portal.name), std::regex("[a-z]+")));
    // The other spellings of `type =` and of a portal filter, and the outlet id prefix.
    for (std::string_view taken : {"web", "rss", "sitemap", "url"}) EXPECT_NE(portal.name, taken);
    EXPECT_FALSE(portal.title.empty());
    EXPECT_FALSE(portal.domain.empty());
    for (std::string_view host : portal.article_hosts) {
      EXPECT_TRUE(host == portal.domain || host.ends_with("." + std::string(portal.domain))) << host;
    }
    EXPECT_TRUE(portal.article_origin.starts_with("https://"));
    EXPECT_NE(portal.key_from_url, nullptr);
    EXPECT_NE(portal.article_path, nullptr);
    EXPECT_FALSE(portal.key_pattern.empty());
    EXPECT_FALSE(portal.sample_url.empty());
  }
  for (const PortalPages& row : PortalRegistry()) {
    SCOPED_TRACE(std::string(row.name));
    EXPECT_NE(row.looks_like_article, nullptr);
    EXPECT_NE(row.extract, nullptr);
  }
}

TEST(PortalRegistryTest, EveryNameIsAcceptedWhereAPortalIsNamed) {
  for (const Portal& portal : Portals()) {
    SCOPED_TRACE(std::string(portal.name));
    EXPECT_TRUE(IsPortalFilter(portal.name));  // --portal, and the reading room's portal=
    EXPECT_THAT(PortalFilterValues(), Contains(portal.name));
    EXPECT_THAT(PortalFilterList(), HasSubstr(std::string(portal.name)));
    std::optional<SourceType> type = SourceTypeFromName(portal.name);  // type = <name>
    ASSERT_TRUE(type.has_value());
    EXPECT_EQ(type->form, SourceType::Form::kPortal);
    EXPECT_EQ(type->portal, &portal);
    EXPECT_EQ(SourceTypeName(*type), portal.name);
    EXPECT_THAT(SourceTypeNames(), HasSubstr(std::string(portal.name)));
    ListingKind kind = ListingKind::ForPortal(portal.name);
    EXPECT_EQ(kind.form, ListingKind::Form::kPortal);
    EXPECT_EQ(kind.portal, FindPortalPages(portal.name));
  }
  EXPECT_TRUE(IsPortalFilter("web"));
  EXPECT_FALSE(IsPortalFilter("yahoo"));
  EXPECT_FALSE(IsPortalFilter(""));
  EXPECT_EQ(PortalFilterValues().back(), "web");
  EXPECT_FALSE(SourceTypeFromName("web"));
}

TEST(PortalRegistryTest, IdentityRoundTripsFromTheSampleUrl) {
  for (const Portal& portal : Portals()) {
    SCOPED_TRACE(std::string(portal.sample_url));
    std::optional<PortalId> found = PortalArticleFromUrl(portal.sample_url);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->portal, portal.name);
    const std::string prefix = std::string(portal.name) + ":";
    ASSERT_TRUE(found->id.starts_with(prefix));
    EXPECT_TRUE(std::regex_match(found->id.substr(prefix.size()),
                                 std::regex(std::string(portal.key_pattern))));
    EXPECT_TRUE(LooksLikeArticleId(found->id));
    EXPECT_EQ(PortalOfId(found->id), &portal);
    EXPECT_EQ(ArticleIdForUrl(portal.sample_url), found->id);
    // id → canonical URL, and the canonical URL names the same article.
    EXPECT_EQ(PortalUrlForId(found->id), found->url);
    EXPECT_TRUE(found->url.starts_with(std::string(portal.article_origin) + "/")) << found->url;
    EXPECT_NE(found->url, portal.sample_url) << "the sample should not be canonical already";
    std::optional<PortalId> again = PortalArticleFromUrl(found->url);
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->id, found->id);
    EXPECT_EQ(again->url, found->url);
    EXPECT_EQ(TimeInPortalId(found->id).has_value(), portal.key_has_time);
  }
  EXPECT_FALSE(PortalUrlForId("url:https://www.hani.co.kr/a"));
  EXPECT_FALSE(PortalUrlForId("daum:123"));
  EXPECT_FALSE(PortalUrlForId("yahoo:1"));
}

TEST(PortalRegistryTest, ListingPagesFindTheSampleArticle) {
  for (const Portal& portal : Portals()) {
    SCOPED_TRACE(std::string(portal.name));
    const std::string page = "<html><body><a href=\"" + std::string(portal.sample_url) +
                             "\">x</a><a href=\"https://elsewhere.example/a\">y</a></body></html>";
    Result<Listing> listing = DiscoverLinks(page, "text/html", "https://news." +
                                            std::string(portal.domain) + "/",
                                            ListingKind::ForPortal(portal.name));
    ASSERT_TRUE(listing.ok()) << listing.status().ToString();
    ASSERT_EQ(listing->links.size(), 1u);
    EXPECT_EQ(listing->links[0].article_id, ArticleIdForUrl(portal.sample_url));
    EXPECT_EQ(listing->links[0].url, PortalArticleFromUrl(portal.sample_url)->url);
  }
  EXPECT_FALSE(DiscoverLinks("<a href='x'>", "", "https://news.example/",
                             ListingKind::ForPortal("yahoo"))
                   .ok());
}

TEST(PortalRegistryTest, APageOnThePortalsDomainGoesToItsExtractor) {
  Result<std::unique_ptr<HtmlDocument>> doc =
      HtmlDocument::Parse("<html><head><title>t</title></head><body><p>x</p></body></html>");
  ASSERT_TRUE(doc.ok());
  for (const PortalPages& row : PortalRegistry()) {
    SCOPED_TRACE(std::string(row.name));
    std::optional<UrlParts> sample = ParseUrl(row.portal().sample_url);
    ASSERT_TRUE(sample.has_value());
    EXPECT_EQ(PortalForPage(**doc, sample->host), &row);
  }
  EXPECT_EQ(PortalForPage(**doc, "www.hani.co.kr"), nullptr);
}

}  // namespace
}  // namespace sinmun
