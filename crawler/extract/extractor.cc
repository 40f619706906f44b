#include "crawler/extract/extractor.h"

#include <algorithm>
#include <optional>

#include "common/identity.h"
#include "crawler/extract/charset.h"
#include "crawler/extract/generic_extractor.h"
#include "crawler/extract/html_document.h"
#include "crawler/extract/page_fields.h"
#include "crawler/portal_registry.h"

namespace sinmun {
namespace {

constexpr size_t kSniffBytes = 64 << 10;

// Binary content: C0 control bytes other than white space are rare in any text page.
Status CheckText(std::string_view utf8) {
  const std::string_view head = utf8.substr(0, std::min(utf8.size(), kSniffBytes));
  size_t controls = 0;
  for (char c : head) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') ++controls;
  }
  if (controls * 100 > head.size()) {
    return Status::InvalidArgument("not a text page: " + std::to_string(controls) +
                                   " control bytes in the first " +
                                   std::to_string(head.size()));
  }
  return Status::Ok();
}

// RSS and Atom documents start, after an XML declaration and comments, with their root.
bool LooksLikeFeed(std::string_view utf8) {
  std::string_view s = utf8.substr(0, std::min(utf8.size(), size_t{4096}));
  while (true) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\r' ||
                          s.front() == '\t')) {
      s.remove_prefix(1);
    }
    if (s.substr(0, 2) == "<?" || s.substr(0, 4) == "<!--") {
      const size_t end = s.find('>');
      if (end == std::string_view::npos) return false;
      s.remove_prefix(end + 1);
      continue;
    }
    break;
  }
  return s.substr(0, 4) == "<rss" || s.substr(0, 5) == "<feed" || s.substr(0, 8) == "<rdf:RDF";
}

std::string HostOf(const std::string& url) {
  auto parts = ParseUrl(url);
  return parts ? parts->host : std::string();
}

std::string CanonicalLink(const HtmlDocument& doc) {
  for (HtmlNode link : doc.ByTag("link")) {
    if (HtmlDocument::Attr(link, "rel") == "canonical") return HtmlDocument::Attr(link, "href");
  }
  return "";
}

struct Identity {
  std::string id;
  std::string url;       // the canonical URL as the page declares it (or as fetched)
  std::string resolve;   // the base for relative links: url with the scheme folded
};

// A site's front page is no article's canonical URL (some sites declare it on every page).
bool IsHomePage(const UrlParts& url) {
  return url.query.empty() && (url.path == "/" || url.path == "/index.html" ||
                               url.path == "/index.php" || url.path == "/main.html");
}

bool OneSite(const std::string& a, const std::string& b, const SiteTable& sites) {
  if (SameSite(a, b)) return true;
  const SiteRule* rule = sites.Find(a);
  return rule != nullptr && rule == sites.Find(b);
}

// See the file comment of extractor.h.
Result<Identity> ResolveIdentity(const HtmlDocument& doc, const std::string& page_url,
                                 const SiteTable& sites) {
  const std::string canonical_link = ResolveUrl(CanonicalLink(doc), page_url);
  const std::string og_url = ResolveUrl(doc.Meta("og:url"), page_url);
  for (const std::string* url : {&page_url, &og_url, &canonical_link}) {
    if (url->empty()) continue;
    if (auto portal = PortalArticleFromUrl(*url)) {
      return Identity{portal->id, portal->url, portal->url};
    }
  }
  const auto outlet = [](const std::string& url) -> std::optional<Identity> {
    std::optional<std::string> canonical = CanonicalUrl(url);
    std::optional<std::string> folded = IdentityUrl(url);
    if (!canonical || !folded) return std::nullopt;
    return Identity{"url:" + *folded, *canonical, *folded};
  };
  const std::string page_host = HostOf(page_url);
  for (const std::string* declared : {&canonical_link, &og_url}) {
    std::optional<UrlParts> parts = ParseUrl(*declared);
    if (!parts || IsHomePage(*parts)) continue;
    if (!page_url.empty() && !OneSite(parts->host, page_host, sites)) continue;
    if (auto identity = outlet(*declared)) return *identity;
  }
  if (auto identity = outlet(page_url)) return *identity;
  return Status::InvalidArgument(
      "no article URL: none was given and the page has no og:url or canonical link");
}

}  // namespace

Result<Article> ExtractArticle(const Page& page) {
  return ExtractArticle(page, ShippedSiteTable(), nullptr);
}

Result<Article> ExtractArticle(const Page& page, const SiteTable& sites, ExtractNotes* notes) {
  Result<DecodedText> decoded = DecodeToUtf8(page.bytes, page.content_type);
  if (!decoded.ok()) return decoded.status();
  if (Status s = CheckText(decoded->utf8); !s.ok()) return s;
  if (LooksLikeFeed(decoded->utf8)) {
    return Status::InvalidArgument("not an article page: an RSS/Atom feed");
  }
  Result<std::unique_ptr<HtmlDocument>> parsed = HtmlDocument::Parse(decoded->utf8);
  if (!parsed.ok()) return parsed.status();
  const HtmlDocument& doc = **parsed;

  // Identity first: the canonical URL is the base for relative links. Its failure is
  // reported only if the page holds an article at all.
  Result<Identity> identity = ResolveIdentity(doc, page.url, sites);
  std::string note;
  ExtractContext ctx;
  ctx.base_url = identity.ok() ? identity->resolve : page.url;
  if (ctx.base_url.empty()) ctx.base_url = ResolveUrl(doc.Meta("og:url"), "");
  ctx.host = HostOf(page.url);
  if (ctx.host.empty()) ctx.host = HostOf(ctx.base_url);
  ctx.sites = &sites;
  ctx.site = sites.Find(ctx.host);
  if (ctx.site == nullptr && identity.ok()) ctx.site = sites.Find(HostOf(identity->url));
  ctx.note = &note;

  Result<Article> article = Status::InvalidArgument("unreachable");
  if (const PortalPages* portal = PortalForPage(doc, ctx.host)) {
    article = portal->extract(doc, ctx);
  } else {
    if (notes != nullptr && ctx.site != nullptr) notes->site = ctx.site->id;
    article = ExtractGenericArticle(doc, ctx);
  }
  if (notes != nullptr) notes->fallback = note;
  if (!article.ok()) return article;
  // A page that keeps its headline but lost its body (a redesign the extractor does not
  // know yet) must not pass for an article: it would be archived as an empty version and
  // hide the breakage from parser health.
  bool has_body = std::any_of(article->blocks.begin(), article->blocks.end(),
                              [](const Block& b) { return !b.text.empty() || !b.src.empty(); });
  if (!has_body) {
    return Status::InvalidArgument("no article found: \"" + article->title +
                                   "\" has a headline but no body text");
  }

  if (!identity.ok()) return identity.status();
  article->id = std::move(identity->id);
  article->url = std::move(identity->url);
  article->encoding = decoded->encoding;
  return article;
}

}  // namespace sinmun
