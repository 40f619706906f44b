#include "crawler/portal_registry.h"

#include <array>

#include "common/identity.h"

#include "crawler/extract/daum_extractor.h"
#include "crawler/extract/naver_extractor.h"

namespace sinmun {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// ---- Daum ----

// Daum pages carry their item data in inline <script> (SvelteKit data, a JavaScript
// object literal, not JSON), with 5-6x more articles than the anchors. Emits
// "https://<host>/v/<17 digits>" for every "//v.daum.net/v/<id>" in the text, the legacy
// hosts too, with JSON's "\/" escaping. Linear in the text.
void ScanDaumScript(std::string_view text, const ScriptUrlSink& emit) {
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

// ---- the table: one row per portal, in the order of Portals() ----

constexpr PortalPages kRegistry[] = {
    {.name = "daum",
     .looks_like_article = LooksLikeDaumArticle,
     .extract = ExtractDaumArticle,
     .foreign_path = "",
     .scan_script = ScanDaumScript,
     .paging_bar = false},
    {.name = "naver",
     .looks_like_article = LooksLikeNaverArticle,
     .extract = ExtractNaverArticle,
     // The ranking box links the most-read articles of every section
     // ("/mnews/ranking/article/..."); issue-series links ("/mnews/hotissue/article/...")
     // are the section's and are kept.
     .foreign_path = "/ranking/article/",
     .scan_script = nullptr,
     // Legacy list pages (main/list.naver, main/main.naver?mode=LSD/LS2D).
     .paging_bar = true},
};

}  // namespace

const Portal& PortalPages::portal() const { return *FindPortal(name); }

std::span<const PortalPages> PortalRegistry() { return kRegistry; }

const PortalPages* FindPortalPages(std::string_view name) {
  for (const PortalPages& row : kRegistry) {
    if (row.name == name) return &row;
  }
  return nullptr;
}

const PortalPages* PortalForPage(const HtmlDocument& doc, std::string_view host) {
  for (const PortalPages& row : kRegistry) {
    if (row.looks_like_article(doc)) return &row;
  }
  for (const PortalPages& row : kRegistry) {
    if (HostIs(host, row.portal().domain)) return &row;
  }
  return nullptr;
}

}  // namespace sinmun
