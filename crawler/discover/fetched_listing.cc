#include "crawler/discover/fetched_listing.h"

#include <algorithm>
#include <cctype>

#include "crawler/discover/gzip.h"
#include "crawler/http/http_client.h"

namespace sinmun {
namespace {

// The media type of a Content-Type value: before ';', trimmed, lower-cased.
std::string MediaType(std::string_view content_type) {
  std::string_view media = content_type.substr(0, content_type.find(';'));
  while (!media.empty() && std::isspace(static_cast<unsigned char>(media.front()))) {
    media.remove_prefix(1);
  }
  while (!media.empty() && std::isspace(static_cast<unsigned char>(media.back()))) {
    media.remove_suffix(1);
  }
  std::string out(media);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsGzipType(std::string_view media) {
  return media == "application/gzip" || media == "application/x-gzip";
}

// A media type that names XML (or HTML, which the parser refuses with a clear message).
bool SaysMarkup(std::string_view media) {
  return media == "text/xml" || media == "text/html" || media == "application/xhtml+xml" ||
         (media.starts_with("application/") && media.ends_with("xml"));
}

// True when the first character that is not white space, a byte-order mark or a NUL (a
// wide encoding's other half) is '<'.
bool StartsLikeXml(std::string_view bytes) {
  for (size_t i = 0; i < bytes.size() && i < 1024; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c == '<') return true;
    if (std::isspace(c) || c == 0 || c == 0xEF || c == 0xBB || c == 0xBF || c == 0xFE ||
        c == 0xFF) {
      continue;
    }
    return false;
  }
  return false;
}

// The first bytes, printable ASCII only, for an error message.
std::string Opening(std::string_view bytes) {
  std::string out;
  for (size_t i = 0; i < bytes.size() && out.size() < 24; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    out += (c >= 0x20 && c < 0x7F) ? static_cast<char>(c) : '.';
  }
  return out;
}

std::string KindName(ListingKind kind) {
  switch (kind.form) {
    case ListingKind::Form::kFeed: return "a feed";
    case ListingKind::Form::kSitemap: return "a sitemap";
    case ListingKind::Form::kPortal: return "a listing";
  }
  return "a listing";
}

}  // namespace

const std::vector<std::string>& ListingContentTypes(ListingKind kind) {
  static const std::vector<std::string> kXml = [] {
    std::vector<std::string> t = PageContentTypes();
    for (const char* more : {"application/rdf+xml", "text/plain", "application/octet-stream",
                             "application/gzip", "application/x-gzip", ""}) {
      t.emplace_back(more);
    }
    return t;
  }();
  return kind.xml() ? kXml : PageContentTypes();
}

Result<Listing> DiscoverFetchedLinks(std::string_view body, std::string_view content_type,
                                     std::string_view page_url, ListingKind kind,
                                     uint64_t max_bytes) {
  const std::string media = MediaType(content_type);
  if (!ContentTypeAllowed(content_type, ListingContentTypes(kind))) {
    return Status::InvalidArgument("not " + KindName(kind) + ": served as " +
                                   (media.empty() ? std::string("no Content-Type") : media));
  }
  std::string unzipped;
  std::string_view bytes = body;
  std::string_view type = content_type;
  if (LooksGzipped(body)) {
    Result<std::string> inflated = Gunzip(body, max_bytes);
    if (!inflated.ok()) return inflated.status();
    unzipped = std::move(*inflated);
    bytes = unzipped;
    type = "";  // the gzip file's own bytes say their charset
  } else if (IsGzipType(media)) {
    return Status::InvalidArgument("not gzip: served as " + media + ", begins «" +
                                   Opening(body) + "»");
  }
  if (kind.xml() && !SaysMarkup(media) && !StartsLikeXml(bytes)) {
    return Status::InvalidArgument("not " + KindName(kind) + ": served as " +
                                   (media.empty() ? std::string("no Content-Type") : media) +
                                   " and not XML, begins «" + Opening(bytes) + "»");
  }
  return DiscoverLinks(bytes, type, page_url, kind);
}

}  // namespace sinmun
