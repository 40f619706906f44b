// CurlClient: the HttpClient over libcurl's multi interface. The only code that
// includes curl.
//
// One CURLM drives every transfer from the caller's loop (curl_multi_perform +
// curl_multi_poll inside Poll()); no thread is started. HTTP/2 is used over TLS where
// the server offers it, HTTP/1.1 otherwise; responses may be gzip/brotli/zstd encoded
// (whatever libcurl was built with). At most max_connections connections are open at
// once; fetches started beyond that wait in libcurl's queue, and their total-time limit
// includes the wait, so the crawl loop should keep InFlight() near max_connections.
//
// Limits, each reported in FetchResult::error with http_status 0:
//   - total time (CURLOPT_TIMEOUT) -> IOError "timeout ...", timed_out = true;
//   - body bytes on the wire > max_body: refused from Content-Length before reading
//     (CURLOPT_MAXFILESIZE_LARGE), else aborted in the write callback -> "too large";
//   - decoded body bytes > max_decompressed: aborted in the write callback, which sees
//     decoded data in pieces of at most 16 KiB, so a decompression bomb never costs
//     more than max_decompressed of memory -> "too large (decompressed)";
//   - a request that follows redirects (FetchRequest::max_redirects, robots.txt only):
//     more than that many (so loops too) -> "too many redirects". Other requests get
//     the 3xx answer itself, with FetchResult::location;
//   - a 2xx whose Content-Type is not allowed for the request -> "content type ...",
//     checked before the first body byte is kept;
//   - schemes other than http/https, initially or after a redirect;
//   - connecting to a non-public address (address_policy.h) unless allowed ->
//     "refused address ...".
// Non-2xx answers (404, 503, ...) come back with their status and (limited) body; the
// content type is not enforced on them. 304 comes back as http_status 304.
//
// Why the address check sits in CURLOPT_OPENSOCKETFUNCTION: libcurl calls it with each
// address it is about to connect to, after its own DNS resolution, for the first URL,
// every redirect hop and every happy-eyeballs candidate, before any packet is sent.
// That covers host names that resolve to private addresses and DNS rebinding, which a
// check of the URL text cannot. CURLOPT_PREREQFUNCTION (libcurl >= 7.80) would see the
// address only after the TCP connection exists; resolving ourselves for CURLOPT_RESOLVE
// would block the loop (or need a second resolver) and race with libcurl's own lookup.
// Connections are reused only for the same host and port, whose address was checked
// when the connection was opened. The environment's proxy variables are never used. With
// HttpOptions::proxy, a request (unless its host is in no_proxy) goes to the proxy, and the
// origin is resolved by the client first (getaddrinfo_a, off the loop's thread) and every
// address it resolves to must pass the rule, else "refused address …"; the proxy resolves
// it again, which a DNS answer that changes in between could exploit — the price of
// institutional networks that reach the web only through a proxy.
//
// Thread-safety: as HttpClient (one loop thread). Creating clients is thread-safe.
#ifndef SINMUN_CRAWLER_HTTP_CURL_CLIENT_H_
#define SINMUN_CRAWLER_HTTP_CURL_CLIENT_H_

#include <memory>

#include "common/clock.h"
#include "common/status.h"
#include "crawler/http/http_client.h"

namespace sinmun {

// Initialises libcurl's global state once per process (a function-local static, so it
// is safe to call from anywhere, any number of times). CreateCurlClient calls it; a
// main() may call it first to learn early that libcurl cannot start.
Status InitCurlGlobal();

// clock: read for Retry-After dates; must outlive the client.
// Fails with IOError when libcurl cannot be initialised, InvalidArgument for options
// out of range (max_connections < 1, an allowed_addresses entry that is not an IP
// literal).
Result<std::unique_ptr<HttpClient>> CreateCurlClient(HttpOptions options, const Clock& clock);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_HTTP_CURL_CLIENT_H_
