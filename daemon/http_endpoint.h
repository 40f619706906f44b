// HttpEndpoint: the daemon's small loopback HTTP server for /metrics, /healthz and
// /changes.atom, on the reading room's HTTP server (web/http_server.h, cpp-httplib).
//
// It serves GET requests on one worker thread (a scraper every few seconds is its whole
// load), with the server's read/write deadlines and request size limits so a stuck or
// hostile client cannot hold it. Each path maps to a handler that returns the status,
// content type and body; the query string is ignored; an unknown path is 404, a method
// other than GET/HEAD 405. Handlers run on the endpoint's thread and must be thread-safe
// (Metrics is).
//
// Thread-safety: Start/Stop from the owning thread; Stop (or the destructor) joins.
#ifndef SINMUN_DAEMON_HTTP_ENDPOINT_H_
#define SINMUN_DAEMON_HTTP_ENDPOINT_H_

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "common/status.h"
#include "web/http_server.h"

namespace sinmun {

struct EndpointResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

class HttpEndpoint {
 public:
  using Handler = std::function<EndpointResponse()>;

  // Binds host:port ("127.0.0.1:9464"; port 0 picks a free one). InvalidArgument for an
  // address that is not host:port; IOError when it cannot bind.
  static Result<std::unique_ptr<HttpEndpoint>> Start(const std::string& listen,
                                                     std::map<std::string, Handler> routes);
  ~HttpEndpoint() = default;
  HttpEndpoint(const HttpEndpoint&) = delete;
  HttpEndpoint& operator=(const HttpEndpoint&) = delete;

  int port() const { return server_->port(); }
  void Stop() { server_->Stop(); }

 private:
  explicit HttpEndpoint(std::unique_ptr<web::HttpServer> server) : server_(std::move(server)) {}

  std::unique_ptr<web::HttpServer> server_;
};

}  // namespace sinmun

#endif  // SINMUN_DAEMON_HTTP_ENDPOINT_H_
