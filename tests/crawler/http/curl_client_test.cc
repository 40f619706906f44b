// The real libcurl client against a scripted HTTP/1.1 server on 127.0.0.1.
#include "crawler/http/curl_client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <set>

#include "common/clock.h"
#include "crawler/frontier/robots_cache.h"
#include "tests/support/loopback_server.h"

namespace sinmun {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using test_support::LoopbackServer;
using test_support::Request;
using test_support::Response;

const char* kPage = "<html><head><title>기사</title></head><body><p>본문</p></body></html>";

HttpOptions LoopbackOptions() {
  HttpOptions o;
  o.user_agent = "sinmun-test/0.1 (+https://example.invalid/sinmun)";
  o.timeout = seconds(20);
  o.allow_private_addresses = true;  // the server is on loopback
  return o;
}

class CurlClientTest : public ::testing::Test {
 protected:
  std::unique_ptr<HttpClient> MakeClient(HttpOptions options) {
    Result<std::unique_ptr<HttpClient>> client = CreateCurlClient(std::move(options), clock_);
    EXPECT_TRUE(client.ok()) << client.status().ToString();
    return client.ok() ? std::move(client).value() : nullptr;
  }

  // Polls until every started fetch has completed. No wall-clock assertion: a fetch that
  // never completes is caught by the client's own timeout (and ctest's).
  static std::vector<FetchResult> RunAll(HttpClient& client) {
    std::vector<FetchResult> all;
    while (client.InFlight() > 0) {
      for (FetchResult& r : client.Poll(milliseconds(200))) all.push_back(std::move(r));
    }
    return all;
  }

  static FetchResult FetchOne(HttpClient& client, FetchRequest request) {
    client.Start(std::move(request));
    std::vector<FetchResult> results = RunAll(client);
    EXPECT_EQ(results.size(), 1u);
    return results.empty() ? FetchResult{} : std::move(results.front());
  }

  static FetchRequest Get(std::string url, uint64_t id = 1) {
    FetchRequest r;
    r.id = id;
    r.url = std::move(url);
    return r;
  }
  // A request that follows up to five redirects itself (what robots.txt fetches do).
  static FetchRequest GetFollowing(std::string url) {
    FetchRequest r = Get(std::move(url));
    r.max_redirects = 5;
    return r;
  }

  FakeClock clock_{*ParseTime("Fri, 06 Nov 2026 08:49:37 GMT")};
};

TEST_F(CurlClientTest, FetchesHtml) {
  LoopbackServer server([](const Request& req) {
    Response r = Response::Html(kPage);
    r.headers.emplace_back("ETag", "\"v1\"");
    r.headers.emplace_back("Last-Modified", "Sat, 05 Nov 2026 01:02:03 GMT");
    if (req.path != "/article/1") r.status = 404;
    return r;
  });
  auto client = MakeClient(LoopbackOptions());
  const FetchResult r = FetchOne(*client, Get(server.Url("/article/1"), 7));
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  EXPECT_EQ(r.id, 7u);
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.body, kPage);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(r.etag, "\"v1\"");
  EXPECT_EQ(r.last_modified, "Sat, 05 Nov 2026 01:02:03 GMT");
  EXPECT_EQ(r.final_url, server.Url("/article/1"));
  EXPECT_FALSE(r.timed_out);
  const std::vector<Request> seen = server.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].method, "GET");
  EXPECT_EQ(seen[0].Header("User-Agent"), "sinmun-test/0.1 (+https://example.invalid/sinmun)");
  EXPECT_NE(seen[0].Header("Accept-Encoding").find("gzip"), std::string::npos);
  EXPECT_EQ(seen[0].Header("If-None-Match"), "");
}

TEST_F(CurlClientTest, NotFoundIsAnAnswerNotAnError) {
  LoopbackServer server([](const Request&) { return Response::Html("gone", 404); });
  auto client = MakeClient(LoopbackOptions());
  const FetchResult r = FetchOne(*client, Get(server.Url("/x")));
  EXPECT_TRUE(r.error.ok()) << r.error.ToString();
  EXPECT_EQ(r.http_status, 404);
}

TEST_F(CurlClientTest, ConditionalGetGives304) {
  LoopbackServer server([](const Request& req) {
    if (req.Header("If-None-Match") == "\"v1\"") {
      Response r;
      r.status = 304;
      r.headers.emplace_back("ETag", "\"v1\"");
      return r;
    }
    return Response::Html(kPage);
  });
  auto client = MakeClient(LoopbackOptions());
  FetchRequest req = Get(server.Url("/a"));
  req.etag = "\"v1\"";
  req.last_modified = "Sat, 05 Nov 2026 01:02:03 GMT";
  const FetchResult r = FetchOne(*client, req);
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  EXPECT_EQ(r.http_status, 304);
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(r.etag, "\"v1\"");
  const std::vector<Request> seen = server.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].Header("If-Modified-Since"), "Sat, 05 Nov 2026 01:02:03 GMT");
}

// By default a redirect is the answer: the frontier schedules the hop as a request of its own.
TEST_F(CurlClientTest, RedirectIsTheAnswerWithItsResolvedLocation) {
  LoopbackServer server([](const Request& req) {
    if (req.path == "/moved") return Response::Redirect("/r/0?x=1", 301);
    return Response::Html(kPage);
  });
  auto client = MakeClient(LoopbackOptions());
  const FetchResult r = FetchOne(*client, Get(server.Url("/moved")));
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  EXPECT_EQ(r.http_status, 301);
  EXPECT_EQ(r.location, server.Url("/r/0?x=1"));
  EXPECT_TRUE(r.body.empty());
  EXPECT_EQ(server.request_count(), 1u) << "the client itself does not follow it";
}

TEST_F(CurlClientTest, FollowsRedirectChainUpToLimitWhenAsked) {
  // /r/N redirects to /r/N-1; /r/0 is the page.
  LoopbackServer server([](const Request& req) {
    const int n = std::stoi(req.path.substr(3));
    if (n == 0) return Response::Html(kPage);
    return Response::Redirect("/r/" + std::to_string(n - 1), n % 2 ? 301 : 302);
  });
  auto client = MakeClient(LoopbackOptions());
  const FetchResult r = FetchOne(*client, GetFollowing(server.Url("/r/5")));
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.final_url, server.Url("/r/0"));
  EXPECT_EQ(r.url, server.Url("/r/5"));
  EXPECT_EQ(r.body, kPage);

  const FetchResult six = FetchOne(*client, GetFollowing(server.Url("/r/6")));
  EXPECT_FALSE(six.error.ok());
  EXPECT_EQ(six.http_status, 0);
  EXPECT_NE(six.error.message().find("too many redirects"), std::string::npos)
      << six.error.ToString();
}

TEST_F(CurlClientTest, RedirectLoopRefusedWhenFollowing) {
  LoopbackServer server([](const Request& req) {
    return Response::Redirect(req.path == "/a" ? "/b" : "/a");
  });
  auto client = MakeClient(LoopbackOptions());
  const FetchResult r = FetchOne(*client, GetFollowing(server.Url("/a")));
  EXPECT_FALSE(r.error.ok());
  EXPECT_NE(r.error.message().find("too many redirects"), std::string::npos);
  EXPECT_LE(server.request_count(), 6u);  // the first request plus at most 5 redirects
}

TEST_F(CurlClientTest, BodyOverMaxBodyWithContentLength) {
  LoopbackServer server([](const Request&) { return Response::Html(std::string(300'000, 'x')); });
  HttpOptions o = LoopbackOptions();
  o.max_body = 100'000;
  auto client = MakeClient(o);
  const FetchResult r = FetchOne(*client, Get(server.Url("/big")));
  EXPECT_FALSE(r.error.ok());
  EXPECT_EQ(r.http_status, 0);
  EXPECT_TRUE(r.body.empty());
  EXPECT_NE(r.error.message().find("too large"), std::string::npos) << r.error.ToString();
}

TEST_F(CurlClientTest, BodyOverMaxBodyWithoutContentLength) {
  LoopbackServer server([](const Request&) {
    Response r = Response::Html(std::string(3'000'000, 'x'));
    r.close_delimited = true;
    return r;
  });
  HttpOptions o = LoopbackOptions();
  o.max_body = 100'000;
  auto client = MakeClient(o);
  const FetchResult r = FetchOne(*client, Get(server.Url("/big")));
  EXPECT_FALSE(r.error.ok());
  EXPECT_NE(r.error.message().find("too large"), std::string::npos) << r.error.ToString();
  EXPECT_TRUE(r.body.empty());
}

TEST_F(CurlClientTest, BodyJustUnderLimitIsKept) {
  LoopbackServer server([](const Request&) {
    Response r = Response::Html(std::string(100'000, 'y'));
    r.close_delimited = true;
    return r;
  });
  HttpOptions o = LoopbackOptions();
  o.max_body = 100'000;
  auto client = MakeClient(o);
  const FetchResult r = FetchOne(*client, Get(server.Url("/ok")));
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  EXPECT_EQ(r.body.size(), 100'000u);
}

TEST_F(CurlClientTest, TruncateAtKeepsThePrefixAndSucceeds) {
  std::string big;
  while (big.size() < 2'000'000) big += "Disallow: /x" + std::to_string(big.size()) + "\n";
  LoopbackServer server([&big](const Request& req) {
    if (req.path == "/exact") return Response::WithType("text/plain", big.substr(0, 1000));
    return Response::WithType("text/plain", big);
  });
  HttpOptions o = LoopbackOptions();
  o.max_body = 1'000'000;  // the whole file would be too large
  auto client = MakeClient(o);
  FetchRequest req = RobotsRequest(1, server.Url(""));
  ASSERT_EQ(req.truncate_at, kMaxRobotsBytes);
  const FetchResult r = FetchOne(*client, req);
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  EXPECT_EQ(r.http_status, 200);
  EXPECT_TRUE(r.truncated);
  EXPECT_EQ(r.body, big.substr(0, kMaxRobotsBytes));
  EXPECT_EQ(server.requests().at(0).path, "/robots.txt");

  req.url = server.Url("/exact");
  req.truncate_at = 1000;
  const FetchResult exact = FetchOne(*client, req);
  ASSERT_TRUE(exact.error.ok()) << exact.error.ToString();
  EXPECT_FALSE(exact.truncated);
  EXPECT_EQ(exact.body.size(), 1000u);
}

TEST_F(CurlClientTest, GzipBodyIsDecoded) {
  LoopbackServer server([](const Request&) {
    Response r = Response::Html(kPage);
    r.gzip = true;
    return r;
  });
  auto client = MakeClient(LoopbackOptions());
  const FetchResult r = FetchOne(*client, Get(server.Url("/gz")));
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  EXPECT_EQ(r.body, kPage);
}

TEST_F(CurlClientTest, GzipBombStopsAtDecompressedLimit) {
  // 64 MiB of zeros, about 64 KiB compressed: under max_body on the wire.
  const std::string bomb = test_support::GzipOfZeros(64ull << 20);
  ASSERT_LT(bomb.size(), 1u << 20);
  LoopbackServer server([&bomb](const Request&) {
    Response r = Response::Html(bomb);
    r.headers.emplace_back("Content-Encoding", "gzip");
    return r;
  });
  HttpOptions o = LoopbackOptions();
  o.max_body = 1 << 20;
  o.max_decompressed = 1 << 20;
  auto client = MakeClient(o);
  const FetchResult r = FetchOne(*client, Get(server.Url("/bomb")));
  EXPECT_FALSE(r.error.ok());
  EXPECT_NE(r.error.message().find("decompressed"), std::string::npos) << r.error.ToString();
  EXPECT_TRUE(r.body.empty());
}

TEST_F(CurlClientTest, Timeout) {
  LoopbackServer server([](const Request&) {
    Response r = Response::Html(kPage);
    r.delay = milliseconds(10'000);  // cut short when the server stops
    return r;
  });
  HttpOptions o = LoopbackOptions();
  o.timeout = seconds(1);
  auto client = MakeClient(o);
  const FetchResult r = FetchOne(*client, Get(server.Url("/slow")));
  EXPECT_TRUE(r.timed_out);
  EXPECT_FALSE(r.error.ok());
  EXPECT_EQ(r.http_status, 0);
  EXPECT_NE(r.error.message().find("timeout"), std::string::npos) << r.error.ToString();
}

TEST_F(CurlClientTest, NonHtmlContentTypeRefused) {
  LoopbackServer server([](const Request& req) {
    if (req.path == "/img") return Response::WithType("image/png", "\x89PNG....");
    if (req.path == "/none") {
      Response r;
      r.body = "who knows";
      return r;
    }
    if (req.path == "/feed") return Response::WithType("application/rss+xml", "<rss/>");
    return Response::WithType("text/plain", "User-agent: *\nDisallow:\n");
  });
  auto client = MakeClient(LoopbackOptions());
  const FetchResult img = FetchOne(*client, Get(server.Url("/img")));
  EXPECT_FALSE(img.error.ok());
  EXPECT_NE(img.error.message().find("content type"), std::string::npos);
  EXPECT_TRUE(img.body.empty());
  EXPECT_EQ(img.http_status, 0);

  EXPECT_FALSE(FetchOne(*client, Get(server.Url("/none"))).error.ok());
  EXPECT_TRUE(FetchOne(*client, Get(server.Url("/feed"))).error.ok());
  // text/plain: refused for a page, accepted for robots.txt.
  EXPECT_FALSE(FetchOne(*client, Get(server.Url("/robots.txt"))).error.ok());
  FetchRequest robots = Get(server.Url("/robots.txt"));
  robots.allowed_content_types = RobotsContentTypes();
  const FetchResult r = FetchOne(*client, robots);
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  EXPECT_EQ(r.body, "User-agent: *\nDisallow:\n");
}

TEST_F(CurlClientTest, LoopbackRefusedWhenPrivateAddressesNotAllowed) {
  LoopbackServer server([](const Request&) { return Response::Html(kPage); });
  HttpOptions o = LoopbackOptions();
  o.allow_private_addresses = false;
  auto client = MakeClient(o);
  const FetchResult r = FetchOne(*client, Get(server.Url("/")));
  EXPECT_FALSE(r.error.ok());
  EXPECT_EQ(r.http_status, 0);
  EXPECT_NE(r.error.message().find("refused address 127.0.0.1"), std::string::npos)
      << r.error.ToString();
  EXPECT_EQ(server.request_count(), 0u);  // refused before connecting
}

TEST_F(CurlClientTest, RedirectIntoPrivateAddressRefused) {
  // 127.0.0.1 is explicitly allowed (like a configured local mirror); the redirect goes
  // to 127.0.0.2, which is loopback too and not allowed: refused before any connection.
  LoopbackServer server([](const Request& req) {
    if (req.path == "/start") return Response::Redirect("http://127.0.0.2:9/internal");
    return Response::Html(kPage);
  });
  HttpOptions o = LoopbackOptions();
  o.allow_private_addresses = false;
  o.allowed_addresses = {"127.0.0.1"};
  auto client = MakeClient(o);
  const FetchResult ok = FetchOne(*client, Get(server.Url("/page")));
  ASSERT_TRUE(ok.error.ok()) << ok.error.ToString();
  const FetchResult r = FetchOne(*client, GetFollowing(server.Url("/start")));
  EXPECT_FALSE(r.error.ok());
  EXPECT_NE(r.error.message().find("refused address 127.0.0.2"), std::string::npos)
      << r.error.ToString();
  // Not following: the hop is the frontier's next request, refused the same way.
  const FetchResult hop = FetchOne(*client, Get(server.Url("/start")));
  ASSERT_TRUE(hop.error.ok());
  EXPECT_EQ(hop.location, "http://127.0.0.2:9/internal");
  const FetchResult next = FetchOne(*client, Get(hop.location));
  EXPECT_NE(next.error.message().find("refused address 127.0.0.2"), std::string::npos)
      << next.error.ToString();
}

// An institutional proxy: every request goes through it, in absolute form.
TEST_F(CurlClientTest, ProxiedRequestsGoThroughTheProxy) {
  LoopbackServer proxy([](const Request&) { return Response::Html(kPage); });
  HttpOptions o = LoopbackOptions();
  o.proxy = proxy.Url("");
  auto client = MakeClient(o);
  const FetchResult r = FetchOne(*client, Get("http://127.0.0.1:9/story?id=1"));
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.body, kPage);
  const std::vector<Request> seen = proxy.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].target, "http://127.0.0.1:9/story?id=1");
}

// The proxy may sit on a private address; the origin behind it may not.
TEST_F(CurlClientTest, AProxyDoesNotWaiveTheAddressRule) {
  LoopbackServer proxy([](const Request&) { return Response::Html(kPage); });
  HttpOptions o = LoopbackOptions();
  o.allow_private_addresses = false;
  o.proxy = proxy.Url("");
  auto client = MakeClient(o);
  for (const std::string url : {"http://10.1.2.3/x", "http://[::1]:9/x", "http://localhost:9/x"}) {
    const FetchResult r = FetchOne(*client, Get(url));
    EXPECT_FALSE(r.error.ok()) << url;
    EXPECT_TRUE(r.address_refused) << url;
    EXPECT_NE(r.error.message().find("refused address"), std::string::npos) << r.error.ToString();
  }
  EXPECT_EQ(proxy.request_count(), 0u);
  // A public origin goes through (the proxy answers for it).
  const FetchResult ok = FetchOne(*client, Get("http://93.184.216.34/x"));
  ASSERT_TRUE(ok.error.ok()) << ok.error.ToString();
  ASSERT_EQ(proxy.request_count(), 1u);
  EXPECT_EQ(proxy.requests()[0].target, "http://93.184.216.34/x");
  // A name that does not resolve is said so.
  const FetchResult none = FetchOne(*client, Get("http://news.sinmun-test.invalid/x"));
  EXPECT_NE(none.error.message().find("Could not resolve host: news.sinmun-test.invalid"), std::string::npos)
      << none.error.ToString();
}

TEST_F(CurlClientTest, NoProxyHostsGoDirect) {
  LoopbackServer proxy([](const Request&) { return Response::Html("via the proxy"); });
  LoopbackServer origin([](const Request&) { return Response::Html(kPage); });
  HttpOptions o = LoopbackOptions();
  o.proxy = proxy.Url("");
  o.no_proxy = "intranet.example, 127.0.0.1";
  auto client = MakeClient(o);
  const FetchResult r = FetchOne(*client, Get(origin.Url("/direct")));
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  EXPECT_EQ(r.body, kPage);
  EXPECT_EQ(proxy.request_count(), 0u);
  EXPECT_EQ(origin.request_count(), 1u);
}

TEST_F(CurlClientTest, OnlyHttpSchemes) {
  auto client = MakeClient(LoopbackOptions());
  const FetchResult r = FetchOne(*client, Get("file:///etc/passwd"));
  EXPECT_FALSE(r.error.ok());
  EXPECT_EQ(r.http_status, 0);
  // A redirect to another scheme is refused too.
  LoopbackServer server([](const Request&) { return Response::Redirect("file:///etc/passwd"); });
  const FetchResult redirected = FetchOne(*client, GetFollowing(server.Url("/")));
  EXPECT_FALSE(redirected.error.ok());
  EXPECT_TRUE(redirected.body.empty());
}

TEST_F(CurlClientTest, BadOptionsRejected) {
  HttpOptions o = LoopbackOptions();
  o.allowed_addresses = {"not-an-ip"};
  EXPECT_FALSE(CreateCurlClient(o, clock_).ok());
  o = LoopbackOptions();
  o.max_connections = 0;
  EXPECT_FALSE(CreateCurlClient(o, clock_).ok());
}

TEST_F(CurlClientTest, RetryAfterParsed) {
  LoopbackServer server([](const Request& req) {
    Response r = Response::Html("slow down", req.path == "/seconds" ? 429 : 503);
    r.headers.emplace_back("Retry-After", req.path == "/seconds"
                                              ? "120"
                                              : "Fri, 06 Nov 2026 09:49:37 GMT");
    return r;
  });
  auto client = MakeClient(LoopbackOptions());
  const FetchResult s = FetchOne(*client, Get(server.Url("/seconds")));
  ASSERT_TRUE(s.error.ok()) << s.error.ToString();
  EXPECT_EQ(s.http_status, 429);
  EXPECT_EQ(s.retry_after, seconds(120));
  // HTTP date one hour after the fake clock's now.
  const FetchResult d = FetchOne(*client, Get(server.Url("/date")));
  EXPECT_EQ(d.http_status, 503);
  EXPECT_EQ(d.retry_after, seconds(3600));
}

TEST_F(CurlClientTest, ManyConcurrentRequestsComplete) {
  LoopbackServer server([](const Request& req) {
    Response r = Response::Html("<p>" + req.path + "</p>");
    r.delay = milliseconds(20);
    return r;
  });
  HttpOptions o = LoopbackOptions();
  o.max_connections = 4;
  auto client = MakeClient(o);
  constexpr int kCount = 60;
  for (int i = 0; i < kCount; ++i) {
    client->Start(Get(server.Url("/n/" + std::to_string(i)), static_cast<uint64_t>(i)));
  }
  EXPECT_EQ(client->InFlight(), static_cast<size_t>(kCount));
  const std::vector<FetchResult> results = RunAll(*client);
  ASSERT_EQ(results.size(), static_cast<size_t>(kCount));
  std::set<uint64_t> ids;
  for (const FetchResult& r : results) {
    ASSERT_TRUE(r.error.ok()) << r.error.ToString();
    EXPECT_EQ(r.body, "<p>/n/" + std::to_string(r.id) + "</p>");
    ids.insert(r.id);
  }
  EXPECT_EQ(ids.size(), static_cast<size_t>(kCount));
  EXPECT_EQ(server.request_count(), static_cast<size_t>(kCount));
  // The pool bound holds: never more than max_connections connections were opened.
  std::set<uint64_t> connections;
  for (const Request& req : server.requests()) connections.insert(req.connection);
  EXPECT_LE(connections.size(), 4u);
  EXPECT_EQ(client->InFlight(), 0u);
}

}  // namespace
}  // namespace sinmun
