// HttpEndpoint: the daemon's small loopback HTTP server for /metrics, /healthz and
// /changes.atom.
//
// It serves GET requests on its own thread, one connection at a time (a scraper every few
// seconds is its whole load), with a 2-second read deadline and an 8 KiB request limit so
// a stuck or hostile client cannot hold it. Each path maps to a handler that returns the
// status, content type and body; handlers run on the endpoint's thread and must be
// thread-safe (Metrics is).
//
// Thread-safety: Start/Stop from the owning thread; Stop (or the destructor) joins.
#ifndef SINMUN_DAEMON_HTTP_ENDPOINT_H_
#define SINMUN_DAEMON_HTTP_ENDPOINT_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "common/status.h"

namespace sinmun {

struct EndpointResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

class HttpEndpoint {
 public:
  using Handler = std::function<EndpointResponse()>;

  // Binds host:port ("127.0.0.1:9464"; port 0 picks a free one). IOError when it cannot.
  static Result<std::unique_ptr<HttpEndpoint>> Start(const std::string& listen,
                                                     std::map<std::string, Handler> routes);
  ~HttpEndpoint();
  HttpEndpoint(const HttpEndpoint&) = delete;
  HttpEndpoint& operator=(const HttpEndpoint&) = delete;

  int port() const { return port_; }
  void Stop();

 private:
  HttpEndpoint(int listen_fd, int wake_fd, int port, std::map<std::string, Handler> routes);
  void Serve();
  void HandleConnection(int fd);

  int listen_fd_, wake_fd_, port_;
  std::map<std::string, Handler> routes_;
  std::thread thread_;
};

}  // namespace sinmun

#endif  // SINMUN_DAEMON_HTTP_ENDPOINT_H_
