#include "common/identity.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>
#include <vector>

#include "common/portals.h"

namespace sinmun {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isdigit(c) != 0;
  });
}

// "&amp;" as written in HTML attributes that were not decoded, as often as it was
// escaped ("&amp;amp;" too), so that canonicalising a canonical URL changes nothing.
std::string DecodeAmp(std::string_view s) {
  std::string out(s);
  for (size_t at = out.find("&amp;"); at != std::string::npos; at = out.find("&amp;", at)) {
    out.erase(at + 1, 4);  // search again from `at`: "&amp;amp;" leaves a new "&amp;" there
  }
  return out;
}

bool IsTrackingParam(std::string_view name) {
  std::string n = Lower(name);
  return n.rfind("utm_", 0) == 0 || n == "fbclid" || n == "gclid" || n == "igshid" ||
         n == "mc_cid" || n == "mc_eid";
}

bool ServesArticles(const Portal& portal, std::string_view host) {
  if (portal.article_hosts.empty()) return HostIs(host, portal.domain);
  return std::find(portal.article_hosts.begin(), portal.article_hosts.end(), host) !=
         portal.article_hosts.end();
}

PortalId MakePortalId(const Portal& portal, const std::string& key) {
  return PortalId{std::string(portal.name), std::string(portal.name) + ":" + key,
                  std::string(portal.article_origin) + portal.article_path(key)};
}

}  // namespace

bool HostIs(std::string_view host, std::string_view domain) {
  if (host == domain) return true;
  return host.size() > domain.size() && host.ends_with(domain) &&
         host[host.size() - domain.size() - 1] == '.';
}

std::optional<UrlParts> ParseUrl(std::string_view url) {
  size_t colon = url.find("://");
  if (colon == std::string_view::npos) return std::nullopt;
  UrlParts parts;
  parts.scheme = Lower(url.substr(0, colon));
  if (parts.scheme != "http" && parts.scheme != "https") return std::nullopt;
  std::string_view rest = url.substr(colon + 3);
  size_t authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  rest = authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) {
    authority = authority.substr(at + 1);  // user info is never part of identity
  }
  std::string_view host = authority;
  if (!authority.empty() && authority.front() == '[') {  // IPv6 literal
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    host = authority.substr(0, close + 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') {
      parts.port = std::string(authority.substr(close + 2));
    }
  } else if (size_t c = authority.find(':'); c != std::string_view::npos) {
    host = authority.substr(0, c);
    parts.port = std::string(authority.substr(c + 1));
  }
  if (host.empty()) return std::nullopt;
  if (!parts.port.empty() && !AllDigits(parts.port)) return std::nullopt;
  // A host name is letters, digits, '-', '.', '_', '~', '%' (and UTF-8 for IDNs); an IPv6
  // literal is hex digits, ':' and '.' in brackets. Anything else is not a usable URL.
  for (unsigned char c : host.front() == '[' ? host.substr(1, host.size() - 2) : host) {
    bool ok = std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '%' ||
              c >= 0x80 || (host.front() == '[' && c == ':');
    if (!ok) return std::nullopt;
  }
  parts.host = Lower(host);
  if (size_t hash = rest.find('#'); hash != std::string_view::npos) {
    parts.fragment = std::string(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
  }
  if (size_t q = rest.find('?'); q != std::string_view::npos) {
    parts.query = std::string(rest.substr(q + 1));
    rest = rest.substr(0, q);
  }
  parts.path = rest.empty() ? "/" : std::string(rest);
  return parts;
}

std::optional<std::string> QueryParam(std::string_view query, std::string_view name) {
  size_t i = 0;
  while (i <= query.size()) {
    size_t amp = query.find('&', i);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view pair = query.substr(i, amp - i);
    size_t eq = pair.find('=');
    std::string_view key = pair.substr(0, eq);
    if (key == name) {
      return eq == std::string_view::npos ? std::string() : std::string(pair.substr(eq + 1));
    }
    i = amp + 1;
  }
  return std::nullopt;
}

std::optional<std::string> CanonicalUrl(std::string_view url) {
  std::string decoded = DecodeAmp(url);
  std::optional<UrlParts> parts = ParseUrl(decoded);
  if (!parts) return std::nullopt;
  std::string out = parts->scheme + "://" + parts->host;
  bool default_port = (parts->scheme == "http" && parts->port == "80") ||
                      (parts->scheme == "https" && parts->port == "443");
  if (!parts->port.empty() && !default_port) out += ":" + parts->port;
  out += parts->path;
  std::string query;
  size_t i = 0;
  const std::string& q = parts->query;
  while (i < q.size()) {
    size_t amp = q.find('&', i);
    if (amp == std::string::npos) amp = q.size();
    std::string_view pair(q.data() + i, amp - i);
    std::string_view key = pair.substr(0, pair.find('='));
    if (!pair.empty() && !IsTrackingParam(key)) {
      if (!query.empty()) query.push_back('&');
      query.append(pair);
    }
    i = amp + 1;
  }
  if (!query.empty()) out += "?" + query;
  return out;
}

std::optional<PortalId> PortalArticleFromUrl(std::string_view url) {
  std::string decoded = DecodeAmp(url);
  std::optional<UrlParts> parts = ParseUrl(decoded);
  if (!parts) return std::nullopt;
  for (const Portal& portal : Portals()) {
    if (!ServesArticles(portal, parts->host)) continue;
    std::optional<std::string> key = portal.key_from_url(*parts);
    if (!key) return std::nullopt;
    return MakePortalId(portal, *key);
  }
  return std::nullopt;
}

std::optional<std::string> PortalUrlForId(std::string_view id) {
  const Portal* portal = PortalOfId(id);
  if (portal == nullptr || !LooksLikeArticleId(id)) return std::nullopt;
  return MakePortalId(*portal, std::string(id.substr(portal->name.size() + 1))).url;
}

std::optional<std::string> IdentityUrl(std::string_view url) {
  std::optional<std::string> canonical = CanonicalUrl(url);
  if (canonical && canonical->rfind("http://", 0) == 0) {
    canonical->replace(0, 4, "https");
  }
  return canonical;
}

std::optional<std::string> ArticleIdForUrl(std::string_view url) {
  if (auto portal = PortalArticleFromUrl(url)) return portal->id;
  if (auto folded = IdentityUrl(url)) return "url:" + *folded;
  return std::nullopt;
}

namespace {

// The registrable part of a host name (see SameSite).
std::string_view RegistrableDomain(std::string_view host) {
  static constexpr std::array<std::string_view, 12> kGenericSecondLevels = {
      "co", "or", "go", "ne", "re", "ac", "pe", "com", "net", "org", "gov", "edu"};
  std::vector<size_t> dots;
  for (size_t i = 0; i < host.size(); ++i) {
    if (host[i] == '.') dots.push_back(i);
  }
  if (dots.size() < 1) return host;
  const size_t last = dots.back();
  const std::string_view tld = host.substr(last + 1);
  size_t labels = 2;
  if (dots.size() >= 2 && tld.size() == 2) {
    const std::string_view second = host.substr(dots[dots.size() - 2] + 1, last - dots[dots.size() - 2] - 1);
    if (std::find(kGenericSecondLevels.begin(), kGenericSecondLevels.end(), second) !=
        kGenericSecondLevels.end()) {
      labels = 3;
    }
  }
  if (dots.size() < labels) return host;
  return host.substr(dots[dots.size() - labels] + 1);
}

}  // namespace

bool SameSite(std::string_view host_a, std::string_view host_b) {
  if (host_a.empty() || host_b.empty()) return false;
  if (host_a == host_b) return true;
  return RegistrableDomain(host_a) == RegistrableDomain(host_b);
}

bool LooksLikeArticleId(std::string_view text) {
  static const std::regex kId = [] {
    std::string pattern;
    for (const Portal& portal : Portals()) {
      pattern += std::string(portal.name) + ":" + std::string(portal.key_pattern) + "|";
    }
    return std::regex(pattern + R"(url:https?://\S+)");
  }();
  return std::regex_match(text.begin(), text.end(), kId);
}

}  // namespace sinmun
