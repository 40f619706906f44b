#include "crawler/discover/links.h"

#include <array>
#include <cctype>
#include <memory>
#include <unordered_set>
#include <utility>

#include "common/identity.h"
#include "common/text.h"
#include "crawler/discover/xml_charset.h"
#include "crawler/discover/xml_document.h"
#include "crawler/extract/charset.h"
#include "crawler/extract/html_document.h"

namespace sinmun {
namespace {

bool HostIs(std::string_view host, std::string_view domain) {
  if (host == domain) return true;
  return host.size() > domain.size() && host.ends_with(domain) &&
         host[host.size() - domain.size() - 1] == '.';
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

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
    if (!link.published && link.article_id.starts_with("daum:")) {
      // DESIGN.md "Identity": the first 14 digits of a Daum id are the KST registration time.
      link.published = ParseTime(std::string_view(link.article_id).substr(5, 14));
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
                                         ListingKind kind) {
  std::optional<UrlParts> parts = ParseUrl(absolute);
  if (!parts) return std::nullopt;
  const bool daum = kind == ListingKind::kDaum;
  const std::string_view domain = daum ? "daum.net" : "naver.com";
  // Naver's ranking box links the most-read articles of every section: not this source's.
  if (!daum && parts->path.find("/ranking/article/") != std::string::npos) return std::nullopt;
  DiscoveredLink link;
  if (HostIs(parts->host, domain)) {
    std::optional<PortalId> portal = PortalArticleFromUrl(absolute);
    if (!portal || portal->portal != (daum ? "daum" : "naver")) return std::nullopt;
    link.url = portal->url;
    link.article_id = portal->id;
    return link;
  }
  if (parts->host != page.host || parts->port != page.port) return std::nullopt;
  // Own host: match the path (and query) as if it were on the portal's article host, and
  // keep the URL where the article was actually linked.
  std::string as_portal = std::string(daum ? "https://v.daum.net" : "https://n.news.naver.com") +
                          parts->path + (parts->query.empty() ? "" : "?" + parts->query);
  std::optional<PortalId> portal = PortalArticleFromUrl(as_portal);
  std::optional<std::string> canonical = CanonicalUrl(absolute);
  if (!portal || !canonical) return std::nullopt;
  link.url = std::move(*canonical);
  link.article_id = portal->id;
  return link;
}

// Calls `emit` with "https://<host>/v/<17 digits>" for every Daum article URL written in
// script text: "//v.daum.net/v/<id>" with the legacy hosts too, and with JSON's "\/"
// escaping. Linear in the text.
template <typename Emit>
void ScanDaumScript(std::string_view text, Emit&& emit) {
  static constexpr std::array<std::string_view, 4> kHosts = {
      "news.v.daum.net", "v.media.daum.net", "m.v.daum.net", "v.daum.net"};
  static constexpr std::string_view kDomain = "daum.net";
  size_t pos = 0;
  while ((pos = text.find(kDomain, pos)) != std::string_view::npos) {
    const size_t host_end = pos + kDomain.size();
    pos = host_end;
    std::string_view host;
    for (std::string_view h : kHosts) {
      if (host_end >= h.size() + 1 && text.substr(host_end - h.size(), h.size()) == h &&
          text[host_end - h.size() - 1] == '/') {
        host = h;
        break;
      }
    }
    if (host.empty()) continue;
    size_t i = host_end;
    const auto slash = [&] {
      if (i < text.size() && text[i] == '\\') ++i;
      if (i < text.size() && text[i] == '/') {
        ++i;
        return true;
      }
      return false;
    };
    if (!slash() || i >= text.size() || text[i] != 'v') continue;
    ++i;
    if (!slash()) continue;
    size_t digits = 0;
    while (i + digits < text.size() && IsDigit(text[i + digits])) ++digits;
    if (digits != 17) continue;
    if (!emit("https://" + std::string(host) + "/v/" + std::string(text.substr(i, 17)))) return;
  }
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

void NaverNextPage(const HtmlDocument& doc, std::string_view base, const UrlParts& page,
                   Listing& listing) {
  // div.paging: "<strong>3</strong> <a …page=4>4</a> …"; the anchor right after the current
  // page's <strong> is the immediate next page.
  HtmlNode next = doc.SelectFirst(
      "//div[contains(concat(' ', normalize-space(@class), ' '), ' paging ')]"
      "/strong[1]/following-sibling::a[1][@href]");
  if (next == nullptr) return;
  const std::string url = ResolveUrl(HtmlDocument::Attr(next, "href"), base);
  std::optional<UrlParts> parts = ParseUrl(url);
  if (!parts || !QueryParam(parts->query, "page")) return;
  if (!HostIs(parts->host, "naver.com") && parts->host != page.host) return;
  if (std::optional<std::string> canonical = CanonicalUrl(url)) {
    listing.next_pages.push_back(std::move(*canonical));
  }
}

Result<Listing> PortalListing(const DecodedText& decoded, std::string_view page_url,
                              const UrlParts& page, ListingKind kind) {
  Result<std::unique_ptr<HtmlDocument>> parsed = HtmlDocument::Parse(decoded.utf8);
  if (!parsed.ok()) return parsed.status();
  const HtmlDocument& doc = **parsed;
  std::string base(page_url);
  if (HtmlNode base_node = doc.SelectFirst("//base[@href]")) {
    std::string resolved = ResolveUrl(HtmlDocument::Attr(base_node, "href"), page_url);
    if (ParseUrl(resolved)) base = std::move(resolved);
  }
  Collector collector;
  const bool daum = kind == ListingKind::kDaum;
  // One union query keeps anchors and script data in document order.
  const std::vector<HtmlNode> nodes =
      doc.Select(daum ? "//a[@href] | //script[not(@src)]" : "//a[@href]");
  for (HtmlNode node : nodes) {
    if (HtmlDocument::Name(node) == "script") {
      bool more = true;
      ScanDaumScript(HtmlDocument::RawText(node), [&](const std::string& url) {
        if (std::optional<DiscoveredLink> link = PortalLink(url, page, kind)) {
          more = collector.Add(std::move(*link));
        }
        return more;
      });
      if (!more) break;
      continue;
    }
    const std::string url = ResolveUrl(HtmlDocument::Attr(node, "href"), base);
    if (std::optional<DiscoveredLink> link = PortalLink(url, page, kind)) {
      if (!collector.Add(std::move(*link))) break;
    }
  }
  Listing& listing = collector.listing();
  if (kind == ListingKind::kNaver) NaverNextPage(doc, base, page, listing);
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
  const bool xml = kind == ListingKind::kFeed || kind == ListingKind::kSitemap;
  Result<DecodedText> decoded = xml ? DecodeXml(bytes, content_type)
                                    : DecodeToUtf8(bytes, content_type);
  if (!decoded.ok()) return decoded.status();
  switch (kind) {
    case ListingKind::kDaum:
    case ListingKind::kNaver:
      return PortalListing(*decoded, page_url, *page, kind);
    case ListingKind::kFeed:
      return FeedListing(*decoded, page_url);
    case ListingKind::kSitemap:
      return SitemapListing(*decoded, page_url);
  }
  return Status::InvalidArgument("unknown listing kind");
}

}  // namespace sinmun
