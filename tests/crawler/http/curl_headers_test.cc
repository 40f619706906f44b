// FetchResult::headers from the real libcurl client: the final response's header block as
// received, bounded by kMaxHeaderBlock.
#include <gtest/gtest.h>

#include "common/clock.h"
#include "crawler/http/curl_client.h"
#include "tests/support/loopback_server.h"

namespace sinmun {
namespace {

using std::chrono::milliseconds;
using test_support::LoopbackServer;
using test_support::Request;
using test_support::Response;

class CurlHeadersTest : public ::testing::Test {
 protected:
  FetchResult FetchOne(const std::string& url) {
    HttpOptions o;
    o.user_agent = "sinmun-test/0.1";
    o.allow_private_addresses = true;
    auto client = CreateCurlClient(o, clock_);
    EXPECT_TRUE(client.ok());
    FetchRequest request;
    request.id = 1;
    request.url = url;
    request.max_redirects = 5;  // followed by the client, as robots.txt fetches are
    (*client)->Start(request);
    std::vector<FetchResult> all;
    while ((*client)->InFlight() > 0) {
      for (FetchResult& r : (*client)->Poll(milliseconds(200))) all.push_back(std::move(r));
    }
    EXPECT_EQ(all.size(), 1u);
    return all.empty() ? FetchResult{} : std::move(all.front());
  }
  FakeClock clock_{*ParseTime("Fri, 06 Nov 2026 08:49:37 GMT")};
};

TEST_F(CurlHeadersTest, KeepsTheFinalResponsesHeaderBlock) {
  LoopbackServer server([](const Request& req) {
    if (req.path == "/old") return Response::Redirect("/article");
    Response r = Response::Html("<html><body><p>본문</p></body></html>");
    r.headers.emplace_back("ETag", "\"v1\"");
    r.headers.emplace_back("X-Note", "기사");
    return r;
  });
  FetchResult r = FetchOne(server.Url("/old"));
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.headers.rfind("HTTP/1.1 200", 0), 0u) << r.headers;
  EXPECT_NE(r.headers.find("ETag: \"v1\"\r\n"), std::string::npos) << r.headers;
  EXPECT_NE(r.headers.find("X-Note: 기사\r\n"), std::string::npos) << r.headers;
  EXPECT_NE(r.headers.find("Content-Type: text/html"), std::string::npos) << r.headers;
  EXPECT_EQ(r.headers.find("Location:"), std::string::npos) << "the redirect's headers are dropped";
  EXPECT_EQ(r.headers.find("\r\n\r\n"), std::string::npos);
  EXPECT_TRUE(r.headers.ends_with("\r\n"));
}

TEST_F(CurlHeadersTest, HeaderBlockIsBounded) {
  LoopbackServer server([](const Request&) {
    Response r = Response::Html("<p>x</p>");
    for (int i = 0; i < 120; ++i) r.headers.emplace_back("X-Filler-" + std::to_string(i), std::string(1000, 'a'));
    return r;
  });
  FetchResult r = FetchOne(server.Url("/big"));
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  EXPECT_LE(r.headers.size(), kMaxHeaderBlock);
  EXPECT_GT(r.headers.size(), kMaxHeaderBlock - 2000);
  EXPECT_TRUE(r.headers.ends_with("\r\n"));  // whole lines only
  EXPECT_EQ(r.body, "<p>x</p>");
}

}  // namespace
}  // namespace sinmun
