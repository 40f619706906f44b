// Gzip: sitemaps and feeds published as gzip files.
//
// Servers that publish "sitemap-news.xml.gz" send the file's own bytes, usually as
// application/gzip or application/x-gzip (sometimes as application/octet-stream) and without
// Content-Encoding: HTTP's decoding in the client (crawler/http/http_client.h) does not see
// it, so discovery undoes it here. The sitemaps.org protocol allows gzip-compressed sitemaps
// and sitemap indexes ("You can compress your sitemap files using gzip").
//
// Decompression is bounded: the output may not exceed `max_bytes`, the same limit as a
// response body after Content-Encoding (the decompression-bomb guard), and inflation stops
// as soon as it would, without holding more. Concatenated gzip members (RFC 1952 §2.2) are
// read one after another, as gunzip does.
//
// Thread-safety: pure functions.
#ifndef SINMUN_CRAWLER_DISCOVER_GZIP_H_
#define SINMUN_CRAWLER_DISCOVER_GZIP_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace sinmun {

// True when `bytes` begin with the gzip magic number 1f 8b (RFC 1952 §2.3.1).
bool LooksGzipped(std::string_view bytes);

// The decompressed bytes of a gzip file. Fails with InvalidArgument when `bytes` are not
// gzip, are corrupt, or end before the stream does ("truncated"), and with InvalidArgument
// naming the limit when the output would exceed `max_bytes` (a gzip bomb). Trailing bytes
// after the last member that are not another member are ignored, as gunzip does.
Result<std::string> Gunzip(std::string_view bytes, uint64_t max_bytes);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_DISCOVER_GZIP_H_
