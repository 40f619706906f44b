#include "crawler/discover/links.h"

#include <cctype>
#include <memory>
#include <unordered_set>
#include <utility>

#include "common/identity.h"
#include "common/portals.h"
#include "common/text.h"
#include "crawler/discover/xml_charset.h"
#include "crawler/discover/xml_document.h"
#include "crawler/extract/charset.h"
#include "crawler/extract/html_document.h"
#include "crawler/portal_registry.h"

namespace sinmun {
namespace {

// Collects links in order, one per key, up to kMaxLinks.
class Collector {
 public:
  // False when the listing is full (the link was dropped and `truncated` set).
  bool Add(DiscoveredLink link) {
    std::string key = !link.article_id.empty() ? link.article_id
                      : link.is_sitemap        ? "sitemap:" + link.url
                                               : "url:" + link.url;
    if (seen_.count(key) != 0) return true;
    if (listing_.links.size() >= kMaxLinks) {
      listing_.truncated = true;
      return false;
    }
    if (!link.published) {
      // DESIGN.md "Identity": the first 14 digits of a Daum id are the KST registration time.
      link.published = TimeInPortalId(link.article_id);
    }
    seen_.insert(std::move(key));
    listing_.links.push_back(std::move(link));
    return true;
  }
  Listing& listing() { return listing_; }

 private:
  Listing listing_;
  std::unordered_set<std::string> seen_;
};

// A link found in a feed or sitemap: the portal article it names, or its canonical form.
std::optional<DiscoveredLink> ArticleLink(std::string_view absolute) {
  DiscoveredLink link;
  if (std::optional<PortalId> portal = PortalArticleFromUrl(absolute)) {
    link.url = portal->url;
    link.article_id = portal->id;
    return link;
  }
  std::optional<std::string> canonical = CanonicalUrl(absolute);
  if (!canonical) return std::nullopt;
  link.url = std::move(*canonical);
  return link;
}

// A link found on a portal listing page, when it names an article of that portal on the
// portal's hosts or on the page's own host (see the header).
std::optional<DiscoveredLink> PortalLink(std::string_view absolute, const UrlParts& page,
                                         const PortalPages& row) {
  std::optional<UrlParts> parts = ParseUrl(absolute);
  if (!parts) return std::nullopt;
  const Portal& portal = row.portal();
  // A box of another section's articles (Naver's ranking box): not this source's.
  if (!row.foreign_path.empty() && parts->path.find(row.foreign_path) != std::string::npos) {
    return std::nullopt;
  }
  DiscoveredLink link;
  if (HostIs(parts->host, portal.domain)) {
    std::optional<PortalId> id = PortalArticleFromUrl(absolute);
    if (!id || id->portal != portal.name) return std::nullopt;
    link.url = id->url;
    link.article_id = id->id;
    return link;
  }
  if (parts->host != page.host || parts->port != page.port) return std::nullopt;
  // Own host: match the path (and query) as if it were on the portal's article host, and
  // keep the URL where the article was actually linked.
  std::string as_portal = std::string(portal.article_origin) + parts->path +
                          (parts->query.empty() ? "" : "?" + parts->query);
  std::optional<PortalId> id = PortalArticleFromUrl(as_portal);
  std::optional<std::string> canonical = CanonicalUrl(absolute);
  if (!id || !canonical) return std::nullopt;
  link.url = std::move(*canonical);
  link.article_id = id->id;
  return link;
}

std::optional<Instant> FirstTime(const XmlDocument& doc, XmlNode context,
                                 std::initializer_list<std::string_view> xpaths) {
  for (std::string_view xpath : xpaths) {
    for (XmlNode node : doc.Select(xpath, context)) {
      if (std::optional<Instant> t = ParseTime(XmlDocument::Text(node))) return t;
    }
  }
  return std::nullopt;
}

std::string FirstText(const XmlDocument& doc, XmlNode context, std::string_view xpath) {
  XmlNode node = doc.SelectFirst(xpath, context);
  return node != nullptr ? NormalizeText(XmlDocument::Text(node)) : std::string();
}

// ---- portal listing pages ----

// The "div.paging" bar of a legacy list page: "<strong>3</strong> <a …page=4>4</a> …";
// the anchor right after the current page's <strong> is the immediate next page.
void PagingBarNextPage(const HtmlDocument& doc, std::string_view base, const UrlParts& page,
                       std::string_view domain, Listing& listing) {
  HtmlNode next = doc.SelectFirst(
      "//div[contains(concat(' ', normalize-space(@class), ' '), ' paging ')]"
      "/strong[1]/following-sibling::a[1][@href]");
  if (next == nullptr) return;
  const std::string url = ResolveUrl(HtmlDocument::Attr(next, "href"), base);
  std::optional<UrlParts> parts = ParseUrl(url);
  if (!parts || !QueryParam(parts->query, "page")) return;
  if (!HostIs(parts->host, domain) && parts->host != page.host) return;
  if (std::optional<std::string> canonical = CanonicalUrl(url)) {
    listing.next_pages.push_back(std::move(*canonical));
  }
}

Result<Listing> PortalListing(const DecodedText& decoded, std::string_view page_url,
                              const UrlParts& page, const PortalPages& row) {
  Result<std::unique_ptr<HtmlDocument>> parsed = HtmlDocument::Parse(decoded.utf8);
  if (!parsed.ok()) return parsed.status();
  const HtmlDocument& doc = **parsed;
  std::string base(page_url);
  if (HtmlNode base_node = doc.SelectFirst("//base[@href]")) {
    std::string resolved = ResolveUrl(HtmlDocument::Attr(base_node, "href"), page_url);
    if (ParseUrl(resolved)) base = std::move(resolved);
  }
  Collector collector;
  // One union query keeps anchors and script data in document order.
  const std::vector<HtmlNode> nodes =
      doc.Select(row.scan_script != nullptr ? "//a[@href] | //script[not(@src)]" : "//a[@href]");
  for (HtmlNode node : nodes) {
    if (HtmlDocument::Name(node) == "script") {
      bool more = true;
      row.scan_script(HtmlDocument::RawText(node), [&](const std::string& url) {
        if (std::optional<DiscoveredLink> link = PortalLink(url, page, row)) {
          more = collector.Add(std::move(*link));
        }
        return more;
      });
      if (!more) break;
      continue;
    }
    const std::string url = ResolveUrl(HtmlDocument::Attr(node, "href"), base);
    if (std::optional<DiscoveredLink> link = PortalLink(url, page, row)) {
      if (!collector.Add(std::move(*link))) break;
    }
  }
  Listing& listing = collector.listing();
  if (row.paging_bar) PagingBarNextPage(doc, base, page, row.portal().domain, listing);
  listing.encoding = decoded.encoding;
  return std::move(listing);
}

// ---- feeds ----

// The link of an RSS <item>: <link> text (or href), else a permalink <guid>, else
// rdf:about (RSS 1.0).
std::string RssItemLink(const XmlDocument& doc, XmlNode item) {
  for (XmlNode link : doc.Select("*[local-name()='link']", item)) {
    std::string text = XmlDocument::Text(link);
    if (text.empty()) text = XmlDocument::Attr(link, "href");
    if (!text.empty()) return text;
  }
  if (XmlNode guid = doc.SelectFirst("*[local-name()='guid']", item)) {
    if (XmlDocument::Attr(guid, "isPermaLink") != "false") {
      std::string text = XmlDocument::Text(guid);
      if (!text.empty()) return text;
    }
  }
  return XmlDocument::Attr(item, "about");
}

Result<Listing> FeedListing(const DecodedText& decoded, std::string_view page_url) {
  Result<std::unique_ptr<XmlDocument>> parsed = XmlDocument::Parse(decoded.utf8, page_url);
  if (!parsed.ok()) return parsed.status();
  const XmlDocument& doc = **parsed;
  const std::string root = XmlDocument::LocalName(doc.Root());
  if (root != "rss" && root != "RDF" && root != "feed") {
    return Status::InvalidArgument("not an RSS or Atom feed: root element <" + root + ">");
  }
  Collector collector;
  for (XmlNode entry : doc.Select("//*[local-name()='item' or local-name()='entry']")) {
    const bool atom = XmlDocument::LocalName(entry) == "entry";
    std::string url;
    if (atom) {
      for (XmlNode link : doc.Select("*[local-name()='link'][@href]", entry)) {
        const std::string rel = XmlDocument::Attr(link, "rel");
        if (!rel.empty() && rel != "alternate") continue;
        std::string base = doc.BaseOf(link);
        url = ResolveUrl(XmlDocument::Attr(link, "href"), base.empty() ? page_url : base);
        break;
      }
    } else {
      url = ResolveUrl(RssItemLink(doc, entry), page_url);
    }
    std::optional<DiscoveredLink> link = ArticleLink(url);
    if (!link) continue;
    link->title = FirstText(doc, entry, "*[local-name()='title']");
    link->published =
        atom ? FirstTime(doc, entry,
                         {"*[local-name()='published']", "*[local-name()='updated']",
                          "*[local-name()='issued']", "*[local-name()='modified']"})
             : FirstTime(doc, entry,
                         {"*[local-name()='pubDate']", "*[local-name()='date']",
                          "*[local-name()='published']", "*[local-name()='updated']"});
    if (!collector.Add(std::move(*link))) break;
  }
  Listing& listing = collector.listing();
  listing.encoding = decoded.encoding;
  return std::move(listing);
}

// ---- sitemaps ----

Result<Listing> SitemapListing(const DecodedText& decoded, std::string_view page_url) {
  Result<std::unique_ptr<XmlDocument>> parsed = XmlDocument::Parse(decoded.utf8, page_url);
  if (!parsed.ok()) return parsed.status();
  const XmlDocument& doc = **parsed;
  const std::string root = XmlDocument::LocalName(doc.Root());
  const bool index = root == "sitemapindex";
  if (!index && root != "urlset") {
    return Status::InvalidArgument("not a sitemap: root element <" + root + ">");
  }
  Collector collector;
  for (XmlNode entry : doc.Select(index ? "/*/*[local-name()='sitemap']"
                                        : "/*/*[local-name()='url']")) {
    XmlNode loc = doc.SelectFirst("*[local-name()='loc']", entry);
    if (loc == nullptr) continue;
    const std::string url = ResolveUrl(XmlDocument::Text(loc), page_url);
    std::optional<DiscoveredLink> link;
    if (index) {
      if (std::optional<std::string> canonical = CanonicalUrl(url)) {
        link.emplace();
        link->url = std::move(*canonical);
        link->is_sitemap = true;
      }
    } else {
      link = ArticleLink(url);
    }
    if (!link) continue;
    if (!index) {
      link->title = FirstText(doc, entry, "*[local-name()='news']/*[local-name()='title']");
    }
    link->published = FirstTime(
        doc, entry,
        {"*[local-name()='news']/*[local-name()='publication_date']", "*[local-name()='lastmod']"});
    if (!collector.Add(std::move(*link))) break;
  }
  Listing& listing = collector.listing();
  listing.encoding = decoded.encoding;
  return std::move(listing);
}

}  // namespace

ListingKind ListingKind::ForPortal(std::string_view name) {
  return ListingKind{Form::kPortal, FindPortalPages(name)};
}

Result<Listing> DiscoverLinks(std::string_view bytes, std::string_view content_type,
                              std::string_view page_url, ListingKind kind) {
  if (bytes.empty()) return Status::InvalidArgument("empty listing");
  if (bytes.size() > kMaxListingBytes) {
    return Status::InvalidArgument("listing too large: " + std::to_string(bytes.size()) +
                                   " bytes (limit " + std::to_string(kMaxListingBytes) + ")");
  }
  if (bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
      static_cast<unsigned char>(bytes[1]) == 0x8b) {
    return Status::Unsupported("gzip-compressed listing: decompress before discovery");
  }
  std::optional<UrlParts> page = ParseUrl(page_url);
  if (!page) {
    return Status::InvalidArgument("page URL is not absolute http(s): " + std::string(page_url));
  }
  if (kind.form == ListingKind::Form::kPortal && kind.portal == nullptr) {
    return Status::InvalidArgument("a portal listing of no known portal");
  }
  Result<DecodedText> decoded = kind.xml() ? DecodeXml(bytes, content_type)
                                           : DecodeToUtf8(bytes, content_type);
  if (!decoded.ok()) return decoded.status();
  switch (kind.form) {
    case ListingKind::Form::kPortal:
      return PortalListing(*decoded, page_url, *page, *kind.portal);
    case ListingKind::Form::kFeed:
      return FeedListing(*decoded, page_url);
    case ListingKind::Form::kSitemap:
      return SitemapListing(*decoded, page_url);
  }
  return Status::InvalidArgument("unknown listing kind");
}

}  // namespace sinmun
