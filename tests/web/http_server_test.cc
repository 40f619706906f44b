// The HTTP server on loopback, spoken to over a plain socket: GET and HEAD reach the
// handler with decoded parameters, other methods are refused, oversized requests too.
#include "web/http_server.h"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>

namespace sinmun::web {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// Sends `request` and reads the response: up to the end of its Content-Length body (a server
// may keep reading what is left of an oversized request), or until the server closes.
std::string Exchange(int port, const std::string& request) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return "";
  }
  send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string response;
  char buf[8192];
  ssize_t n;
  while ((n = recv(fd, buf, sizeof buf, 0)) > 0) {
    response.append(buf, static_cast<size_t>(n));
    const size_t end = response.find("\r\n\r\n");
    const size_t length = response.find("Content-Length: ");
    if (end == std::string::npos || length == std::string::npos || length > end) continue;
    if (response.size() >= end + 4 + std::stoul(response.substr(length + 16))) break;
  }
  close(fd);
  return response;
}

TEST(HttpServerTest, ServesGetWithDecodedParameters) {
  std::atomic<int> calls{0};
  auto server = HttpServer::Start(
      "127.0.0.1:0",
      [&](const WebRequest& r) {
        ++calls;
        std::string body = r.path + "|" + r.Param("id").value_or("-") + "|" +
                           std::to_string(r.Params("class").size()) + "|" + r.accept_language;
        return WebResponse{200, "text/plain; charset=utf-8", body, {{"X-Test", "1"}}};
      },
      2);
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const int port = (*server)->port();
  ASSERT_GT(port, 0);
  std::string r = Exchange(port,
                           "GET /article?id=url%3Ahttps%3A%2F%2Fa.example%2F%EA%B5%AD&class=a&class=b HTTP/1.0\r\n"
                           "Accept-Language: en\r\n\r\n");
  EXPECT_THAT(r, StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_THAT(r, HasSubstr("X-Test: 1\r\n"));
  EXPECT_THAT(r, HasSubstr("\r\n\r\n/article|url:https://a.example/국|2|en"));
  std::string head = Exchange(port, "HEAD /x HTTP/1.0\r\n\r\n");
  EXPECT_THAT(head, StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_EQ(head.substr(head.find("\r\n\r\n") + 4), "");
  std::string post = Exchange(port, "POST /x HTTP/1.0\r\nContent-Length: 1\r\n\r\nx");
  EXPECT_THAT(post, StartsWith("HTTP/1.1 405 "));
  EXPECT_EQ(calls.load(), 2);
  std::string huge = Exchange(port, "GET /" + std::string(20000, 'a') + " HTTP/1.0\r\n\r\n");
  EXPECT_THAT(huge, StartsWith("HTTP/1.1 414 ")) << huge.substr(0, 100);
  EXPECT_EQ(calls.load(), 2);
  (*server)->Stop();
  EXPECT_EQ(Exchange(port, "GET / HTTP/1.0\r\n\r\n"), "");
}

TEST(HttpServerTest, RefusesBadAddresses) {
  auto noop = [](const WebRequest&) { return WebResponse{}; };
  EXPECT_EQ(HttpServer::Start("nonsense", noop, 1).status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(HttpServer::Start("127.0.0.1:99999", noop, 1).status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(HttpServer::Start("127.0.0.1:", noop, 1).status().code(), Status::Code::kInvalidArgument);
  auto first = HttpServer::Start("127.0.0.1:0", noop, 1);
  ASSERT_TRUE(first.ok());
  auto second = HttpServer::Start("127.0.0.1:" + std::to_string((*first)->port()), noop, 1);
  EXPECT_EQ(second.status().code(), Status::Code::kIOError);
}

}  // namespace
}  // namespace sinmun::web
