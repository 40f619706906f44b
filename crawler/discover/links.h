// Link discovery: from the bytes of a source page (a portal listing page, an RSS/Atom feed,
// an XML sitemap) to the article URLs it links. Listing pages only discover; the article
// extractors read the articles themselves.
//
// What each kind yields:
//   portal         Every <a href> whose resolved URL names an article of that portal
//                  (common/identity.h PortalArticleFromUrl), on the portal's hosts (its
//                  domain: *.daum.net, *.naver.com) or on the page's own host (a mirror,
//                  or the test portal simulator: there the path is matched as if it were
//                  on the portal's article host, v.daum.net / n.news.naver.com).
//                  Navigation, ads, search and comment links are ignored; so are paths
//                  identity.h does not know as articles, and paths holding the row's
//                  foreign_path (crawler/portal_registry.h): Naver's ranking box
//                  ("/mnews/ranking/article/...": the most-read articles of every
//                  section, not the source's own; issue-series links,
//                  "/mnews/hotissue/article/...", are the section's and are kept).
//                  A portal whose row has a script scanner also has its inline <script>
//                  text scanned: Daum pages carry their item data there (SvelteKit data,
//                  a JavaScript object literal, not JSON), and the scanner finds
//                  "//v.daum.net/v/<17 digits>" (also the legacy hosts and "\/"-escaped
//                  slashes) by hand, because the data is not parseable as JSON and holds
//                  5-6x more articles than the anchors.
//                  Links come in document order (anchors and scripts interleaved),
//                  deduplicated by article id. Titles are left empty: the anchor text of a
//                  portal list mixes headline, summary, press name and "4분 전".
//                  A portal whose row says paging_bar (Naver legacy list pages:
//                  main/list.naver, main/main.naver?mode=LSD/LS2D, EUC-KR) has a
//                  "div.paging" bar: the page right after the current one (<strong>) is
//                  returned in next_pages (at most one URL, never the "다음" jump to the
//                  next block of ten unless it is the immediate next page), when it is on
//                  the portal's domain or the page's own host.
//   kFeed          RSS 2.0 / RSS 1.0 <item>: <link>, else <guid> unless
//                  isPermaLink="false", else rdf:about; <title>; <pubDate>, else <dc:date>.
//                  Atom <entry>: <link rel="alternate" href> (or a link without rel),
//                  resolved against xml:base and the page URL; <title>; <published>, else
//                  <updated>. Dates are read by ParseTime (RFC 822, RFC 3339, and
//                  "2026-08-28 14:57:04" as KST). Items without a usable link are skipped.
//   kSitemap       <urlset><url><loc>: published from <news:publication_date>, else
//                  <lastmod> (a stand-in: the last change, not the first publication);
//                  title from <news:title>. <sitemapindex><sitemap><loc>: is_sitemap=true,
//                  published from <lastmod> (the child's last change). Gzip-compressed
//                  sitemaps (.xml.gz) are decompressed by the caller (fetched_listing.h);
//                  gzip bytes are refused here as Unsupported.
// For every kind: a URL that names a portal article becomes the portal's canonical article
// URL with article_id set, and the published time of a link whose portal ids carry one
// (Daum's: common/portals.h key_has_time), when the listing gives none, is the KST
// registration time in the first 14 digits of its id. Other URLs are given in
// CanonicalUrl() form for the generic extractor. Only http(s) URLs are returned, each
// article id at most once, at most kMaxLinks links (Listing::truncated then says so).
//
// XML is parsed by XmlDocument (no entity expansion, no network, no external DTD); HTML by
// HtmlDocument. Bytes are decoded first: XML by DecodeXml (xml_charset.h: byte-order marks
// including UTF-32's, UTF-16 without a mark, the <?xml encoding=?> declaration when
// Content-Type gives no charset), HTML by DecodeToUtf8.
//
// Thread-safety: pure function; every call parses its own document.
#ifndef SINMUN_CRAWLER_DISCOVER_LINKS_H_
#define SINMUN_CRAWLER_DISCOVER_LINKS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "common/time.h"

namespace sinmun {

struct PortalPages;  // crawler/portal_registry.h

// What a listing is, and so how it is read: a portal's listing page (with the portal's
// registry row, which says what is portal-specific about it), a feed or a sitemap.
// Portal listings are one form that carries the row, so a new portal needs nothing here.
struct ListingKind {
  enum class Form {
    kPortal,   // a portal's news page listing articles (home, sections, legacy list pages)
    kFeed,     // RSS 2.0, RSS 1.0 or Atom
    kSitemap,  // sitemap, news sitemap, sitemap index
  };
  Form form = Form::kFeed;
  const PortalPages* portal = nullptr;  // the portal's row for kPortal; nullptr otherwise

  static const ListingKind kFeed;
  static const ListingKind kSitemap;
  // A listing page of the portal named `name`; its row is nullptr when the registry has
  // no such portal (DiscoverLinks then refuses it).
  static ListingKind ForPortal(std::string_view name);

  // Feeds and sitemaps: XML documents whose entries carry dates.
  bool xml() const { return form != Form::kPortal; }
  bool operator==(const ListingKind&) const = default;
};
inline constexpr ListingKind ListingKind::kFeed{ListingKind::Form::kFeed, nullptr};
inline constexpr ListingKind ListingKind::kSitemap{ListingKind::Form::kSitemap, nullptr};

struct DiscoveredLink {
  // Absolute and canonical (CanonicalUrl); for a portal article the portal's canonical
  // article URL (PortalId::url), except on the page's own non-portal host (see above).
  std::string url;
  std::string article_id;  // "daum:…" / "naver:…:…" when the URL names a portal article, else ""
  std::string title;       // normalised; "" when the listing gives none
  // When the listing (or a Daum id) gives one: the feed item's or sitemap entry's date. It
  // orders discovery and decides the horizon (discovery_plan.h), and travels with the
  // article's task as the published time to use when the page states none.
  std::optional<Instant> published;
  bool is_sitemap = false;  // a sitemap index entry: another sitemap to poll, not an article
};

struct Listing {
  std::vector<DiscoveredLink> links;
  // Portal listings with a paging bar only (Naver legacy list pages): the immediate next
  // page of the same list (canonical URL), when the page has one. At most one entry;
  // empty for every other kind.
  std::vector<std::string> next_pages;
  std::string encoding;    // what the bytes were decoded from (DecodedText::encoding)
  bool truncated = false;  // more than kMaxLinks links: the rest were dropped
};

inline constexpr size_t kMaxLinks = 10'000;
inline constexpr size_t kMaxListingBytes = 32u << 20;

// page_url: where the listing was fetched, absolute http(s); the base for relative links
// and the "own host" of the portal rule. content_type: the HTTP Content-Type, or "".
// Fails with InvalidArgument for empty input, input above kMaxListingBytes, a page_url that
// is not absolute http(s), a portal kind without a registry row, bytes that do not parse,
// and, for kFeed / kSitemap, a document
// whose root element is not a feed / sitemap (an HTML error page served for a feed URL must
// not pass as "no new articles"); with Unsupported for gzip-compressed bytes. A page that
// parses and links to nothing is a success with no links.
Result<Listing> DiscoverLinks(std::string_view bytes, std::string_view content_type,
                              std::string_view page_url, ListingKind kind);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_DISCOVER_LINKS_H_
