// Article identity from URLs (DESIGN.md "Identity"). The portal forms are the rows of
// common/portals.h; today:
//
//   daum:<17 digits>     v.daum.net/v/<id>, news.v.daum.net/v/<id>, v.media.daum.net/v/<id>
//   naver:<oid>:<aid>    n.news.naver.com/(mnews/)article/<oid>/<aid>,
//                        news.naver.com/main/read.naver?..oid=..&aid=..,
//                        sports/entertain variants (…/article/<oid>/<aid>, …?oid=&aid=)
//   url:<identity URL>   anything else: the canonical form of the URL with its scheme
//                        folded to https, so that http:// and https:// of one page are one
//                        article (the extractor picks which URL: the page's canonical link
//                        when it names the same site, else the URL fetched)
//
// Query parameters such as sid are not part of identity. The canonical form of a URL:
// scheme and host lower-cased, default port dropped, fragment dropped, tracking
// parameters (utm_*, fbclid, gclid) dropped, "&amp;" decoded, empty path made "/". Every
// form a page was seen under stays an alias of its article (in the archive), keyed by its
// canonical form, scheme included.
//
// Thread-safety: pure functions.
#ifndef SINMUN_COMMON_IDENTITY_H_
#define SINMUN_COMMON_IDENTITY_H_

#include <optional>
#include <string>
#include <string_view>

namespace sinmun {

struct UrlParts {
  std::string scheme;  // lower-case
  std::string host;    // lower-case, no port
  std::string port;    // as written, "" when absent
  std::string path;    // "/" at least
  std::string query;   // without '?'
  std::string fragment;
};

// nullopt unless the URL is absolute http(s) with a host.
std::optional<UrlParts> ParseUrl(std::string_view url);

// The canonical form described above; nullopt for a URL that is not absolute http(s).
std::optional<std::string> CanonicalUrl(std::string_view url);

// Value of a query parameter ("" when present without value), nullopt when absent.
std::optional<std::string> QueryParam(std::string_view query, std::string_view name);

struct PortalId {
  std::string portal;  // the portal's name (common/portals.h): "daum", "naver"
  std::string id;      // "daum:20260321214325415", "naver:437:0000483987"
  std::string url;     // the portal's canonical article URL for that id
};

// The portal article a URL names, by the URL's path shape on a portal host; nullopt
// when the URL is not a portal article URL.
std::optional<PortalId> PortalArticleFromUrl(std::string_view url);

// The portal's canonical article URL for a portal id ("daum:20260321214325415" →
// "https://v.daum.net/v/20260321214325415"); nullopt for any other text.
std::optional<std::string> PortalUrlForId(std::string_view id);

// The canonical form with the scheme folded to https: "http://WWW.X.kr/a?utm_source=y" →
// "https://www.x.kr/a". nullopt for a URL that is not absolute http(s).
std::optional<std::string> IdentityUrl(std::string_view url);

// Portal id when the URL names a portal article, else "url:" + IdentityUrl(url); nullopt
// for a URL that is not absolute http(s). For looking an article up by a URL it was never
// fetched under; an outlet article's id is decided by the extractor from the page.
std::optional<std::string> ArticleIdForUrl(std::string_view url);

// True when two lower-case hosts belong to one site: equal, or with the same registrable
// domain — the last two labels, or the last three when the second-to-last is a generic
// second level under a two-letter country code (co.kr, or.kr, go.kr, ne.kr, re.kr, ac.kr,
// com.cn, co.jp, co.uk, ...). "www.mk.co.kr" and "m.mk.co.kr" are one site; "news1.kr" and
// "yna.co.kr" are not.
bool SameSite(std::string_view host_a, std::string_view host_b);

// True when lower-case `host` is `domain` or a host under it ("news.v.daum.net" is on
// "daum.net"; "notdaum.net" is not).
bool HostIs(std::string_view host, std::string_view domain);

// True for an id of one of the forms above (a portal's, or url:).
bool LooksLikeArticleId(std::string_view text);

}  // namespace sinmun

#endif  // SINMUN_COMMON_IDENTITY_H_
