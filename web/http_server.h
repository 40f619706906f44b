// HttpServer: serves GET (and HEAD) requests with cpp-httplib, handing each to a function
// from WebRequest to WebResponse (web/request.h). The daemon's /metrics endpoint and the
// reading room (`sinmun serve`) both sit on it.
//
// Limits against stuck or hostile clients: a request line and each header at most 8 KiB
// (httplib's defaults), no request body over 8 KiB, 5 s to read a request and to write a
// response, at most 100 requests per kept-alive connection. Other methods than GET and
// HEAD are answered 405. The handler runs on the server's worker threads (`threads` of
// them), concurrently: it must be thread-safe.
//
// Thread-safety: Start/Stop from the owning thread; Stop (or the destructor) joins.
#ifndef SINMUN_WEB_HTTP_SERVER_H_
#define SINMUN_WEB_HTTP_SERVER_H_

#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "common/status.h"
#include "web/request.h"

namespace httplib {
class Server;
}

namespace sinmun::web {

class HttpServer {
 public:
  using Handler = std::function<WebResponse(const WebRequest&)>;

  // Binds host:port ("127.0.0.1:8080", "[::1]:8080"; port 0 picks a free one) and starts
  // serving on `threads` worker threads. InvalidArgument for an address that is not
  // host:port; IOError when it cannot bind.
  static Result<std::unique_ptr<HttpServer>> Start(const std::string& listen, Handler handler,
                                                   size_t threads);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int port() const { return port_; }
  // Stops accepting, lets the requests being served finish, joins. Idempotent.
  void Stop();

 private:
  HttpServer() = default;

  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace sinmun::web

#endif  // SINMUN_WEB_HTTP_SERVER_H_
