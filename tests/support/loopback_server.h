// LoopbackServer: a small scripted HTTP/1.1 server on 127.0.0.1, port 0, for tests of
// the real HTTP client and (later) a portal simulator.
//
// Every request is parsed (method, target, headers, Content-Length body), recorded with
// its arrival time, and answered by the handler's Response: status, headers, body, an
// optional delay before answering, optional gzip encoding of the body, optional
// close-delimited framing (no Content-Length). Connections are kept alive (HTTP/1.1)
// unless the client or the response says otherwise.
//
// Thread-safety: each connection has its own thread, so the handler runs concurrently
// with itself and must be thread-safe. The public methods are thread-safe. Stop() (and
// the destructor) ends delays early, closes every connection and joins every thread.
#ifndef SINMUN_TESTS_SUPPORT_LOOPBACK_SERVER_H_
#define SINMUN_TESTS_SUPPORT_LOOPBACK_SERVER_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace sinmun::test_support {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;
  std::string target;  // as sent: path plus "?query"
  std::string path;    // target before '?'
  std::string query;   // after '?', without it
  Headers headers;     // in order, names as sent
  std::string body;
  std::chrono::steady_clock::time_point arrival;  // when the head was complete
  uint64_t connection = 0;                        // which connection it came on (1, 2, ...)

  // The first header with this name (case-insensitive), or "".
  std::string Header(std::string_view name) const;
};

struct Response {
  int status = 200;
  Headers headers;   // Content-Length (and Content-Encoding with gzip) are added
  std::string body;
  std::chrono::milliseconds delay{0};  // wait this long before answering
  bool gzip = false;                   // gzip the body and say Content-Encoding: gzip
  bool close_delimited = false;        // no Content-Length: the body ends when the connection closes

  static Response Html(std::string body, int status = 200);
  static Response WithType(std::string content_type, std::string body, int status = 200);
  static Response Redirect(std::string location, int status = 302);
};

using Handler = std::function<Response(const Request&)>;

// gzip (RFC 1952) of data; of n zero bytes without holding them (for decompression bombs).
std::string Gzip(std::string_view data);
std::string GzipOfZeros(uint64_t n);

class LoopbackServer {
 public:
  // Listens on 127.0.0.1 with a kernel-chosen port. Aborts the test process (with a
  // message) if the socket cannot be set up: nothing sensible can follow.
  explicit LoopbackServer(Handler handler);
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  uint16_t port() const { return port_; }
  // "http://127.0.0.1:<port>" + path_and_query.
  std::string Url(std::string_view path_and_query) const;

  // Every request received so far, in arrival order.
  std::vector<Request> requests() const;
  size_t request_count() const;

  void Stop();

  // A server that is down: closes the listening socket and every connection, so that new
  // connections are refused (ECONNREFUSED), as when the server process is stopped.
  // Listen() takes the same port again.
  void StopListening();
  void Listen();

 private:
  void Bind(uint16_t port);
  void AcceptLoop();
  void Serve(int fd, uint64_t connection);
  // One request/response on fd; false when the connection should close.
  bool ServeOne(int fd, uint64_t connection, std::string& buffer);

  Handler handler_;
  int listen_fd_ = -1;
  int wake_fd_ = -1;  // eventfd: wakes the accept loop on Stop()
  uint16_t port_ = 0;
  std::thread acceptor_;

  mutable std::mutex mu_;
  std::condition_variable stop_cv_;       // ends delays on Stop()
  bool stopping_ = false;                 // GUARDED_BY(mu_)
  std::vector<Request> requests_;         // GUARDED_BY(mu_)
  std::vector<int> open_fds_;             // GUARDED_BY(mu_)
  std::vector<std::thread> connections_;  // GUARDED_BY(mu_)
  uint64_t next_connection_ = 1;          // GUARDED_BY(mu_)
};

}  // namespace sinmun::test_support

#endif  // SINMUN_TESTS_SUPPORT_LOOPBACK_SERVER_H_
