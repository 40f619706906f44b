#include "tests/support/loopback_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace sinmun::test_support {
namespace {

constexpr size_t kMaxHead = 64 * 1024;
constexpr size_t kMaxRequestBody = 16 * 1024 * 1024;

[[noreturn]] void Die(const char* what) {
  std::fprintf(stderr, "LoopbackServer: %s: %s\n", what, std::strerror(errno));
  std::abort();
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool SendAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

const char* Reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 410: return "Gone";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Status";
  }
}

// Streams `total` bytes produced by next(buf, max) -> n through gzip.
template <typename Source>
std::string GzipStream(uint64_t total, Source next) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
    std::fprintf(stderr, "LoopbackServer: deflateInit2 failed\n");
    std::abort();
  }
  std::string out;
  std::vector<unsigned char> in(1 << 16), buf(1 << 16);
  uint64_t fed = 0;
  int flush = Z_NO_FLUSH;
  do {
    const size_t n = static_cast<size_t>(std::min<uint64_t>(in.size(), total - fed));
    next(in.data(), fed, n);
    fed += n;
    flush = fed == total ? Z_FINISH : Z_NO_FLUSH;
    z.next_in = in.data();
    z.avail_in = static_cast<uInt>(n);
    do {
      z.next_out = buf.data();
      z.avail_out = static_cast<uInt>(buf.size());
      deflate(&z, flush);
      out.append(reinterpret_cast<const char*>(buf.data()), buf.size() - z.avail_out);
    } while (z.avail_out == 0);
  } while (flush != Z_FINISH);
  deflateEnd(&z);
  return out;
}

}  // namespace

std::string Request::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (EqualsIgnoreCase(k, name)) return v;
  }
  return {};
}

Response Response::Html(std::string body, int status) {
  return WithType("text/html; charset=utf-8", std::move(body), status);
}

Response Response::WithType(std::string content_type, std::string body, int status) {
  Response r;
  r.status = status;
  r.headers.emplace_back("Content-Type", std::move(content_type));
  r.body = std::move(body);
  return r;
}

Response Response::Redirect(std::string location, int status) {
  Response r;
  r.status = status;
  r.headers.emplace_back("Location", std::move(location));
  r.headers.emplace_back("Content-Type", "text/html");
  r.body = "<a href=\"moved\">moved</a>";
  return r;
}

std::string Gzip(std::string_view data) {
  return GzipStream(data.size(), [data](unsigned char* buf, uint64_t at, size_t n) {
    std::memcpy(buf, data.data() + at, n);
  });
}

std::string GzipOfZeros(uint64_t n) {
  return GzipStream(n, [](unsigned char* buf, uint64_t, size_t len) { std::memset(buf, 0, len); });
}

LoopbackServer::LoopbackServer(Handler handler) : handler_(std::move(handler)) {
  wake_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (wake_fd_ < 0) Die("eventfd");
  Bind(0);
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

void LoopbackServer::Bind(uint16_t port) {
  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) Die("socket");
  const int one = 1;
  setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) Die("bind");
  if (listen(listen_fd_, 128) != 0) Die("listen");
  socklen_t len = sizeof addr;
  if (getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) Die("getsockname");
  port_ = ntohs(addr.sin_port);
}

void LoopbackServer::StopListening() {
  Stop();
  if (listen_fd_ >= 0) close(listen_fd_);
  listen_fd_ = -1;
}

void LoopbackServer::Listen() {
  if (listen_fd_ >= 0) return;
  uint64_t pending = 0;
  [[maybe_unused]] const ssize_t r = read(wake_fd_, &pending, sizeof pending);  // Stop()'s wake-up
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = false;
  }
  Bind(port_);
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

LoopbackServer::~LoopbackServer() {
  Stop();
  if (listen_fd_ >= 0) close(listen_fd_);
  if (wake_fd_ >= 0) close(wake_fd_);
}

std::string LoopbackServer::Url(std::string_view path_and_query) const {
  return "http://127.0.0.1:" + std::to_string(port_) + std::string(path_and_query);
}

std::vector<Request> LoopbackServer::requests() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_;
}

size_t LoopbackServer::request_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return requests_.size();
}

void LoopbackServer::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_ && !acceptor_.joinable()) return;
    stopping_ = true;
    for (const int fd : open_fds_) shutdown(fd, SHUT_RDWR);
  }
  stop_cv_.notify_all();
  const uint64_t one = 1;
  [[maybe_unused]] const ssize_t w = write(wake_fd_, &one, sizeof one);
  if (acceptor_.joinable()) acceptor_.join();
  std::vector<std::thread> threads;
  {
    std::lock_guard<std::mutex> lock(mu_);
    threads.swap(connections_);
  }
  for (std::thread& t : threads) t.join();
}

void LoopbackServer::AcceptLoop() {
  while (true) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_fd_, POLLIN, 0}};
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents != 0) return;
    const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) {
      close(fd);
      return;
    }
    open_fds_.push_back(fd);
    const uint64_t id = next_connection_++;
    connections_.emplace_back([this, fd, id] { Serve(fd, id); });
  }
}

void LoopbackServer::Serve(int fd, uint64_t connection) {
  std::string buffer;
  while (ServeOne(fd, connection, buffer)) {
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    open_fds_.erase(std::remove(open_fds_.begin(), open_fds_.end(), fd), open_fds_.end());
  }
  close(fd);
}

bool LoopbackServer::ServeOne(int fd, uint64_t connection, std::string& buffer) {
  char chunk[16384];
  auto read_more = [&]() {
    while (true) {
      const ssize_t n = recv(fd, chunk, sizeof chunk, 0);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      buffer.append(chunk, static_cast<size_t>(n));
      return true;
    }
  };
  size_t head_end;
  while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) {
    if (buffer.size() > kMaxHead || !read_more()) return false;
  }
  Request req;
  req.arrival = std::chrono::steady_clock::now();
  req.connection = connection;
  const std::string head = buffer.substr(0, head_end);
  buffer.erase(0, head_end + 4);
  const size_t line_end = head.find("\r\n");
  const std::string request_line = head.substr(0, line_end);
  const size_t sp1 = request_line.find(' ');
  const size_t sp2 = request_line.find(' ', sp1 == std::string::npos ? 0 : sp1 + 1);
  if (sp1 == std::string::npos || sp2 == std::string::npos) return false;
  req.method = request_line.substr(0, sp1);
  req.target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string version = request_line.substr(sp2 + 1);
  const size_t q = req.target.find('?');
  req.path = req.target.substr(0, q);
  if (q != std::string::npos) req.query = req.target.substr(q + 1);
  size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
  while (pos < head.size()) {
    size_t end = head.find("\r\n", pos);
    if (end == std::string::npos) end = head.size();
    const std::string_view line(head.data() + pos, end - pos);
    const size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      req.headers.emplace_back(std::string(Trim(line.substr(0, colon))),
                               std::string(Trim(line.substr(colon + 1))));
    }
    pos = end + 2;
  }
  const std::string length = req.Header("Content-Length");
  const size_t body_len = length.empty() ? 0 : std::strtoull(length.c_str(), nullptr, 10);
  if (body_len > kMaxRequestBody) return false;
  while (buffer.size() < body_len) {
    if (!read_more()) return false;
  }
  req.body = buffer.substr(0, body_len);
  buffer.erase(0, body_len);
  const std::string conn = req.Header("Connection");
  bool keep_alive = version == "HTTP/1.1" ? !EqualsIgnoreCase(conn, "close")
                                          : EqualsIgnoreCase(conn, "keep-alive");
  {
    std::lock_guard<std::mutex> lock(mu_);
    requests_.push_back(req);
  }

  Response resp = handler_(req);
  if (resp.delay.count() > 0) {
    std::unique_lock<std::mutex> lock(mu_);
    if (stop_cv_.wait_for(lock, resp.delay, [this] { return stopping_; })) return false;
  }
  const std::string body = resp.gzip ? Gzip(resp.body) : std::move(resp.body);
  std::string out = "HTTP/1.1 " + std::to_string(resp.status) + " " + Reason(resp.status) + "\r\n";
  for (const auto& [k, v] : resp.headers) out += k + ": " + v + "\r\n";
  if (resp.gzip) out += "Content-Encoding: gzip\r\n";
  const bool bodyless = resp.status == 204 || resp.status == 304 || req.method == "HEAD";
  if (resp.close_delimited && !bodyless) {
    keep_alive = false;
  } else if (!bodyless) {
    out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  if (!keep_alive) out += "Connection: close\r\n";
  out += "\r\n";
  if (!bodyless) out += body;
  return SendAll(fd, out) && keep_alive;
}

}  // namespace sinmun::test_support
