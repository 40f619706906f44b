#include "crawler/extract/extractor.h"

#include <algorithm>
#include <optional>

#include "common/identity.h"
#include "crawler/extract/charset.h"
#include "crawler/extract/daum_extractor.h"
#include "crawler/extract/generic_extractor.h"
#include "crawler/extract/html_document.h"
#include "crawler/extract/naver_extractor.h"
#include "crawler/extract/page_fields.h"

namespace sinmun {
namespace {

constexpr size_t kSniffBytes = 64 << 10;

bool HostIs(const std::string& host, std::string_view domain) {
  if (host == domain) return true;
  return host.size() > domain.size() &&
         host.compare(host.size() - domain.size(), domain.size(), domain) == 0 &&
         host[host.size() - domain.size() - 1] == '.';
}

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
  std::string url;
};

// See the file comment of extractor.h.
Result<Identity> ResolveIdentity(const HtmlDocument& doc, const std::string& page_url) {
  std::vector<std::string> candidates;
  if (!page_url.empty()) candidates.push_back(page_url);
  for (const std::string& found :
       {doc.Meta("og:url"),
        CanonicalLink(doc)}) {
    if (found.empty()) continue;
    candidates.push_back(ResolveUrl(found, page_url));
  }
  for (const std::string& url : candidates) {
    if (auto portal = PortalArticleFromUrl(url)) return Identity{portal->id, portal->url};
  }
  for (const std::string& url : candidates) {
    auto canonical = CanonicalUrl(url);
    auto id = ArticleIdForUrl(url);
    if (canonical && id) return Identity{*id, *canonical};
  }
  return Status::InvalidArgument(
      "no article URL: none was given and the page has no og:url or canonical link");
}

}  // namespace

Result<Article> ExtractArticle(const Page& page) {
  Result<DecodedText> decoded = DecodeToUtf8(page.bytes, page.content_type);
  if (!decoded.ok()) return decoded.status();
  if (Status s = CheckText(decoded->utf8); !s.ok()) return s;
  if (LooksLikeFeed(decoded->utf8)) {
    return Status::InvalidArgument("not an article page: an RSS/Atom feed");
  }
  Result<std::unique_ptr<HtmlDocument>> parsed = HtmlDocument::Parse(decoded->utf8);
  if (!parsed.ok()) return parsed.status();
  const HtmlDocument& doc = **parsed;

  // Identity first: the article URL is the base for relative links when no page URL
  // was given. Its failure is reported only if the page holds an article at all.
  Result<Identity> identity = ResolveIdentity(doc, page.url);
  ExtractContext ctx;
  ctx.base_url = page.url;
  if (ctx.base_url.empty()) ctx.base_url = doc.Meta("og:url");
  if (ctx.base_url.empty() && identity.ok()) ctx.base_url = identity->url;
  ctx.host = HostOf(page.url);
  if (ctx.host.empty()) ctx.host = HostOf(ResolveUrl(doc.Meta("og:url"), page.url));
  if (ctx.host.empty() && identity.ok()) ctx.host = HostOf(identity->url);

  Result<Article> article = Status::InvalidArgument("unreachable");
  if (LooksLikeDaumArticle(doc)) {
    article = ExtractDaumArticle(doc, ctx);
  } else if (LooksLikeNaverArticle(doc)) {
    article = ExtractNaverArticle(doc, ctx);
  } else if (HostIs(ctx.host, "daum.net")) {
    article = ExtractDaumArticle(doc, ctx);
  } else if (HostIs(ctx.host, "naver.com")) {
    article = ExtractNaverArticle(doc, ctx);
  } else {
    article = ExtractGenericArticle(doc, ctx);
  }
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
