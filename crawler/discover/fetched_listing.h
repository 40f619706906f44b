// Fetched listing: from a listing's HTTP answer — a 200 body and its Content-Type — to the
// links it holds, accepting feeds and sitemaps as servers really send them.
//
// Feeds and sitemaps arrive under many media types besides their own: RSS 1.0 as
// application/rdf+xml (its registered type), text/plain, application/octet-stream, no
// Content-Type at all, and gzip files (sitemap.xml.gz) as application/gzip or
// application/x-gzip without Content-Encoding. For a source whose configured kind is a feed
// or a sitemap, every one of these is accepted when the bytes, once a gzip layer is undone,
// are XML; the parser then checks that the XML is a feed or a sitemap. Portal listing pages
// (kDaum, kNaver) accept only what a page fetch accepts (PageContentTypes()).
//
// Thread-safety: pure functions.
#ifndef SINMUN_CRAWLER_DISCOVER_FETCHED_LISTING_H_
#define SINMUN_CRAWLER_DISCOVER_FETCHED_LISTING_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "crawler/discover/links.h"

namespace sinmun {

// The media types a fetch of a listing of this kind accepts on a 2xx answer, for
// FetchRequest::allowed_content_types ("" accepts a missing Content-Type). kFeed and
// kSitemap: PageContentTypes() plus application/rdf+xml, text/plain,
// application/octet-stream, application/gzip, application/x-gzip and "". kDaum, kNaver:
// PageContentTypes().
const std::vector<std::string>& ListingContentTypes(ListingKind kind);

// The links of a fetched listing. body: the decoded HTTP body (after Content-Encoding);
// content_type: its Content-Type value or ""; page_url: where it was fetched (after
// redirects); max_bytes: the most a gzip file may decompress to (the body limit).
//
// A body that starts with the gzip magic bytes is decompressed first, whatever its
// Content-Type. Then, for kFeed and kSitemap, bytes served under a type that does not
// itself say XML (text/plain, application/octet-stream, gzip, none) must start, after
// white space or a byte-order mark, with '<'. Fails with InvalidArgument saying what the
// bytes were: a gzip type whose bytes are not gzip, corrupt or truncated gzip, gzip beyond
// max_bytes ("decompresses to more than N bytes"), bytes that are not XML ("not a feed:
// served as text/plain and not XML, begins «…»"), a media type the kind does not accept;
// otherwise as DiscoverLinks.
Result<Listing> DiscoverFetchedLinks(std::string_view body, std::string_view content_type,
                                     std::string_view page_url, ListingKind kind,
                                     uint64_t max_bytes);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_DISCOVER_FETCHED_LISTING_H_
