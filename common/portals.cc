#include "common/portals.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "common/identity.h"

namespace sinmun {
namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
    return std::isdigit(c) != 0;
  });
}

// The path segments of "/a//b/c" → {"a","b","c"}.
std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

// ---- Daum: daum:<17 digits> from /v/<id> on v.daum.net and its legacy hosts ----

constexpr std::string_view kDaumHosts[] = {"v.daum.net", "news.v.daum.net", "v.media.daum.net",
                                           "m.v.daum.net"};

std::optional<std::string> DaumKey(const UrlParts& url) {
  std::vector<std::string_view> seg = Segments(url.path);
  if (seg.size() == 2 && seg[0] == "v" && seg[1].size() == 17 && AllDigits(seg[1])) {
    return std::string(seg[1]);
  }
  return std::nullopt;
}

std::string DaumPath(std::string_view key) { return "/v/" + std::string(key); }

// ---- Naver: naver:<oid>:<aid> (3 + 10 digits) on any host of naver.com ----

std::optional<std::string> NaverKeyOf(std::string_view oid, std::string_view aid) {
  if (oid.size() != 3 || !AllDigits(oid) || aid.size() != 10 || !AllDigits(aid)) {
    return std::nullopt;
  }
  return std::string(oid) + ":" + std::string(aid);
}

std::optional<std::string> NaverKey(const UrlParts& url) {
  std::vector<std::string_view> seg = Segments(url.path);
  // n.news.naver.com/(mnews/)article/<oid>/<aid>, m.entertain / m.sports variants too,
  // and the same article linked from the ranking box or an issue series:
  // /mnews/ranking/article/<oid>/<aid>, /mnews/hotissue/article/<oid>/<aid>.
  for (size_t k = 0; k < 3 && k + 3 <= seg.size(); ++k) {
    if (seg[k] == "article" && seg.size() == k + 3) {
      if (auto key = NaverKeyOf(seg[k + 1], seg[k + 2])) return key;
    }
  }
  // news.naver.com/main/read.naver?oid=&aid=, sports.news.naver.com/news?oid=&aid=, ...
  std::optional<std::string> oid = QueryParam(url.query, "oid");
  std::optional<std::string> aid = QueryParam(url.query, "aid");
  if (oid && aid) return NaverKeyOf(*oid, *aid);
  return std::nullopt;
}

std::string NaverPath(std::string_view key) {
  const size_t colon = key.find(':');
  return "/mnews/article/" + std::string(key.substr(0, colon)) + "/" +
         std::string(key.substr(colon + 1));
}

// ---- the table ----

constexpr Portal kPortals[] = {
    {.name = "daum",
     .title = "Daum",
     .domain = "daum.net",
     .article_hosts = kDaumHosts,
     .article_origin = "https://v.daum.net",
     .key_from_url = DaumKey,
     .article_path = DaumPath,
     .key_pattern = R"(\d{17})",
     .key_has_time = true,
     .sample_url = "http://news.v.daum.net/v/20260321214325415?f=o"},
    {.name = "naver",
     .title = "Naver",
     .domain = "naver.com",
     .article_hosts = {},
     .article_origin = "https://n.news.naver.com",
     .key_from_url = NaverKey,
     .article_path = NaverPath,
     .key_pattern = R"(\d{3}:\d{10})",
     .key_has_time = false,
     .sample_url = "https://n.news.naver.com/article/437/0000483987?sid=100"},
};

}  // namespace

std::span<const Portal> Portals() { return kPortals; }

const Portal* FindPortal(std::string_view name) {
  for (const Portal& portal : kPortals) {
    if (portal.name == name) return &portal;
  }
  return nullptr;
}

const Portal* PortalOfId(std::string_view id) {
  const size_t colon = id.find(':');
  if (colon == std::string_view::npos) return nullptr;
  return FindPortal(id.substr(0, colon));
}

std::string PortalNameList() {
  std::string out;
  for (const Portal& portal : kPortals) {
    if (!out.empty()) out += ", ";
    out += portal.name;
  }
  return out;
}

std::vector<std::string_view> PortalFilterValues() {
  std::vector<std::string_view> out;
  for (const Portal& portal : kPortals) out.push_back(portal.name);
  out.push_back(kWebPortal);
  return out;
}

bool IsPortalFilter(std::string_view value) {
  return value == kWebPortal || FindPortal(value) != nullptr;
}

std::string PortalFilterList() { return PortalNameList() + " or " + std::string(kWebPortal); }

std::optional<Instant> TimeInPortalId(std::string_view id) {
  const Portal* portal = PortalOfId(id);
  if (portal == nullptr || !portal->key_has_time) return std::nullopt;
  return ParseTime(id.substr(portal->name.size() + 1, 14));
}

}  // namespace sinmun
