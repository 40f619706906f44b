// Portals: the news portals sinmun knows by name (Daum, Naver), one row each, as the
// lowest layer needs them — how a portal's article URLs map to article ids and back
// (DESIGN.md "Identity"). common/identity.h reads this table for portal ids; the
// `--portal` filters of the CLI and the reading room accept its names (and "web" for
// outlet articles); a source's `type =` accepts them for a portal listing page.
//
// A new portal is its extractor file (crawler/extract/<name>_extractor.{h,cc}), its row
// here (with its identity functions just above the table in portals.cc) and its row in
// crawler/portal_registry.cc (extractor and listing behaviour). Nothing else names a
// portal: the tests walk both tables (tests/crawler/portal_registry_test.cc).
//
// An id is "<name>:<key>", the key being what the row's key_from_url reads from the URL
// (Daum: 17 digits; Naver: "<oid>:<aid>", 3 and 10 digits). The canonical article URL is
// article_origin + article_path(key).
//
// Thread-safety: a constant table and pure functions.
#ifndef SINMUN_COMMON_PORTALS_H_
#define SINMUN_COMMON_PORTALS_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/time.h"

namespace sinmun {

struct UrlParts;

struct Portal {
  // "daum": the id prefix, Article::portal, a source's `type =`, a `--portal` value.
  // Lower-case letters only.
  std::string_view name;

  // "Daum": the portal as its readers write it, for documentation.
  std::string_view title;

  // "daum.net": the registrable domain of every host of the portal. A page on it is read
  // by the portal's extractor when its markup is not recognised, and its listing pages'
  // links are the portal's.
  std::string_view domain;

  // The hosts that serve articles (lower-case, exact); empty: every host on `domain`.
  std::span<const std::string_view> article_hosts;

  // "https://v.daum.net": scheme and host of the canonical article URL.
  std::string_view article_origin;

  // The key of the article a URL on one of the article hosts names (its query with
  // "&amp;" already decoded); nullopt when the URL is not an article of the portal.
  std::optional<std::string> (*key_from_url)(const UrlParts& url);

  // The path ("/v/20260321214325415") of the canonical article URL for a key.
  std::string (*article_path)(std::string_view key);

  // ECMAScript regular expression that every key matches and nothing else: "\\d{17}".
  std::string_view key_pattern;

  // True when the first 14 digits of a key are the article's KST registration time
  // (yyyymmddhhmmss): Daum's are, and a listing link without a date takes it from there.
  bool key_has_time = false;

  // One real article URL of the portal, not in canonical form, for the tests.
  std::string_view sample_url;
};

// Every portal, in the order the extractor tries their page tests.
std::span<const Portal> Portals();

// The row named `name`; nullptr when there is none.
const Portal* FindPortal(std::string_view name);

// The row whose ids start with "<name>:"; nullptr for any other text.
const Portal* PortalOfId(std::string_view id);

// "daum, naver": the names in table order, for messages.
std::string PortalNameList();

// The Article::portal of an outlet's own article, read outside any portal.
inline constexpr std::string_view kWebPortal = "web";

// What a portal filter (`--portal`, the reading room's portal=) accepts: every portal's
// name in table order, then kWebPortal.
std::vector<std::string_view> PortalFilterValues();
bool IsPortalFilter(std::string_view value);
// "daum, naver or web", for messages.
std::string PortalFilterList();

// The KST registration time written in a portal id whose row says key_has_time;
// nullopt for any other id.
std::optional<Instant> TimeInPortalId(std::string_view id);

}  // namespace sinmun

#endif  // SINMUN_COMMON_PORTALS_H_
