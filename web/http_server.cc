#include "web/http_server.h"

#include <httplib.h>

#include <atomic>
#include <cerrno>
#include <cstring>

#include <sys/socket.h>

namespace sinmun::web {
namespace {

constexpr size_t kMaxBody = 8192;

void Reply(const WebResponse& response, httplib::Response& res) {
  res.status = response.status;
  for (const auto& [name, value] : response.headers) res.set_header(name, value);
  res.set_content(response.body, response.content_type);
}

}  // namespace

Result<std::unique_ptr<HttpServer>> HttpServer::Start(const std::string& listen, Handler handler,
                                                      size_t threads) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon + 1 == listen.size()) {
    return Status::InvalidArgument("listen address '" + listen + "' is not host:port");
  }
  std::string host = listen.substr(0, colon);
  const std::string port_text = listen.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  int port = -1;
  if (port_text.size() <= 5 && port_text.find_first_not_of("0123456789") == std::string::npos) {
    port = std::stoi(port_text);
  }
  if (host.empty() || port < 0 || port > 65535) {
    return Status::InvalidArgument("listen address '" + listen + "' is not host:port");
  }

  std::unique_ptr<HttpServer> server(new HttpServer());
  server->server_ = std::make_unique<httplib::Server>();
  httplib::Server& s = *server->server_;
  s.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  s.set_read_timeout(5, 0);
  s.set_write_timeout(5, 0);
  s.set_keep_alive_max_count(100);
  s.set_payload_max_length(kMaxBody);
  // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, which would let a second server
  // share the port silently instead of failing to bind.
  s.set_socket_options([](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  auto serve = [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    WebRequest request;
    request.path = req.path;
    request.params.insert(req.params.begin(), req.params.end());
    request.accept_language = req.get_header_value("Accept-Language");
    Reply(handler(request), res);
  };
  s.Get(".*", serve);
  auto refuse = [](const httplib::Request&, httplib::Response& res) {
    Reply(WebResponse{405, "text/plain; charset=utf-8", "only GET\n", {{"Allow", "GET, HEAD"}}}, res);
  };
  s.Post(".*", refuse);
  s.Put(".*", refuse);
  s.Patch(".*", refuse);
  s.Delete(".*", refuse);
  s.Options(".*", refuse);

  if (port == 0) {
    port = s.bind_to_any_port(host);
    if (port < 0) return Status::IOError("cannot listen on " + listen);
  } else if (!s.bind_to_port(host, port)) {
    return Status::IOError("cannot listen on " + listen + ": " + std::strerror(errno));
  }
  server->port_ = port;
  auto ended = std::make_shared<std::atomic<bool>>(false);
  server->thread_ = std::thread([&s, ended] {
    s.listen_after_bind();
    *ended = true;
  });
  // Stop() before the accept loop runs would be lost: wait until it runs (or gave up).
  while (!s.is_running() && !*ended) std::this_thread::yield();
  return server;
}

HttpServer::~HttpServer() { Stop(); }

void HttpServer::Stop() {
  if (!thread_.joinable()) return;
  server_->stop();
  thread_.join();
}

}  // namespace sinmun::web
