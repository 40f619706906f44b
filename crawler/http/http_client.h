// HttpClient: the only door to the network.
//
// The crawl loop hands a FetchRequest to Start() and later collects FetchResults from
// Poll(); nothing blocks except Poll(), and only for as long as it is told. Requests are
// matched to results by the caller-chosen id. The client enforces the limits on
// everything that comes from outside (body size, decompressed size, time, redirects,
// content type, which addresses may be connected to); politeness (how often, how many
// per host, robots.txt) is the caller's, see host_policy.h and robots.h.
//
// Thread-safety: an HttpClient is owned by one loop and used from that thread only.
// FetchRequest and FetchResult are values and may be handed between threads.
#ifndef SINMUN_CRAWLER_HTTP_HTTP_CLIENT_H_
#define SINMUN_CRAWLER_HTTP_HTTP_CLIENT_H_

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace sinmun {

// Media types a page fetch accepts on a 2xx answer: HTML and the XML family (feeds,
// sitemaps). Compared case-insensitively, parameters (charset=...) ignored.
const std::vector<std::string>& PageContentTypes();
// What a robots.txt fetch accepts: text/plain, the page types, and a missing
// Content-Type (servers often send robots.txt without one, or as text/html).
const std::vector<std::string>& RobotsContentTypes();

struct FetchRequest {
  uint64_t id = 0;       // caller-chosen; echoed in the result
  std::string url;       // absolute http:// or https:// URL
  // Conditional GET: sent as If-None-Match / If-Modified-Since when non-empty.
  std::string etag, last_modified;
  // Media types accepted on a 2xx answer (an entry "" accepts a missing Content-Type).
  // Default (empty): PageContentTypes().
  std::vector<std::string> allowed_content_types;
  // Redirects the client follows itself within this fetch (each hop's address is still
  // checked; one more is an error "too many redirects"). 0: a 3xx answer is the result,
  // with FetchResult::location, so that the caller (the frontier) schedules the hop as a
  // request of its own, under that host's politeness and robots.txt. Default: 0.
  int max_redirects = 0;
  // When non-zero: keep only the first truncate_at decoded body bytes, stop the
  // transfer there, and report success with FetchResult::truncated (robots.txt: RFC 9309
  // parses the first 500 KiB). Zero: a body over the limits is an error. Default: 0.
  uint64_t truncate_at = 0;
};

// Bound on FetchResult::headers (kept with archived pages for WARC export).
inline constexpr size_t kMaxHeaderBlock = 64 * 1024;

struct FetchResult {
  uint64_t id = 0;
  std::string url;        // as requested
  std::string final_url;  // after the redirects the client followed (FetchRequest::max_redirects)
  // A 3xx answer's Location, resolved against the URL that answered; "" when none (or
  // the status is not 3xx).
  std::string location;
  int http_status = 0;    // 0 when there is no HTTP answer (transport error, limit hit)
  std::string content_type, body, etag, last_modified;
  // The final response's header block as received: status line, then "Name: value" lines,
  // each ending in CRLF (without the blank line); the headers of redirects and of interim
  // 1xx responses are not included. Cut at kMaxHeaderBlock (whole lines kept).
  std::string headers;
  // From Retry-After (delta seconds, or an HTTP date made relative to the client's clock;
  // a date in the past gives 0 s).
  std::optional<std::chrono::seconds> retry_after;
  // ok when http_status is a usable answer (any status, 304 included); otherwise why
  // not: timeout, too large, too many redirects, refused address, bad content type,
  // transport failure. On error the body is empty.
  Status error;
  bool timed_out = false;  // the total-time limit was hit (error is set too)
  // The address policy refused every address of the host (error is set too): nothing was
  // sent, and nothing would be to that host.
  bool address_refused = false;
  bool truncated = false;  // the body was cut at FetchRequest::truncate_at
};

struct HttpOptions {
  // Sent with every request; should name the project and a contact URL.
  // Default: "" (libcurl sends no User-Agent; set one).
  std::string user_agent;
  // Total time for one fetch, redirects included. Default: 30 s.
  std::chrono::seconds timeout{30};
  // Connect phase limit (within timeout). Default: 10 s.
  std::chrono::seconds connect_timeout{10};
  // Bytes on the wire for one response body (compressed, if compressed). Default: 8 MiB.
  uint64_t max_body = 8 << 20;
  // Bytes after Content-Encoding is undone: the decompression-bomb guard. Default: 32 MiB.
  uint64_t max_decompressed = 32 << 20;
  // Open connections across all hosts (the pool). Default: 16.
  int max_connections = 16;
  // Connect to loopback, private, link-local, unique-local and other non-public
  // addresses. Default: false (tests and local mirrors turn it on).
  bool allow_private_addresses = false;
  // Literal IP addresses that may be connected to although private, e.g. a local
  // mirror ("10.1.2.3", "::1"). Default: none.
  std::vector<std::string> allowed_addresses;
  // An HTTP proxy every request goes through ("http://proxy.example:3128"; https:// URLs
  // are tunnelled with CONNECT). "" = none: requests go straight to the origin, whatever
  // http_proxy/https_proxy say. The proxy itself may be on a private address; the address
  // rule above applies to the origin, which the client resolves itself before handing the
  // request to the proxy. Default: "".
  std::string proxy;
  // Hosts reached directly rather than through the proxy: comma-separated names, each
  // matching itself and its subdomains ("example.com" matches "news.example.com"), or "*"
  // for all. Default: "".
  std::string no_proxy;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;

  // Queues the fetch and returns at once. A request that cannot even begin (bad URL,
  // scheme other than http/https) completes with an error on the next Poll().
  virtual void Start(FetchRequest request) = 0;

  // Drives transfers, waiting up to max_wait for network activity, and returns every
  // fetch that completed (possibly none). Each started request completes exactly once.
  virtual std::vector<FetchResult> Poll(std::chrono::milliseconds max_wait) = 0;

  // Fetches started and not yet returned by Poll().
  virtual size_t InFlight() const = 0;
};

// True when a 2xx answer with this Content-Type header value may be kept: its media
// type (before ';', trimmed, case-insensitive) is one of `allowed` (an empty list
// means PageContentTypes()).
bool ContentTypeAllowed(std::string_view content_type, const std::vector<std::string>& allowed);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_HTTP_HTTP_CLIENT_H_
