#include "tests/support/fake_http_client.h"

#include <gtest/gtest.h>


namespace sinmun {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(FakeHttpClientTest, RecordsAndAnswers) {
  FakeHttpClient client([](const FetchRequest& r) {
    if (r.url.ends_with("/busy")) return FakeHttpClient::TooManyRequests(seconds(90));
    if (r.url.ends_with("/slow")) return FakeHttpClient::Timeout();
    return FakeHttpClient::Page("<p>ok</p>");
  });
  client.Start({1, "https://a.example/ok", "", "", {}});
  client.Start({2, "https://a.example/busy", "\"e\"", "", {}});
  client.Start({3, "https://a.example/slow", "", "", {}});
  EXPECT_EQ(client.InFlight(), 3u);
  const std::vector<FetchResult> results = client.Poll(milliseconds(0));
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(client.InFlight(), 0u);
  EXPECT_EQ(results[0].id, 1u);
  EXPECT_EQ(results[0].final_url, "https://a.example/ok");
  EXPECT_EQ(results[1].http_status, 429);
  EXPECT_EQ(results[1].retry_after, seconds(90));
  EXPECT_TRUE(results[2].timed_out);
  ASSERT_EQ(client.requests().size(), 3u);
  EXPECT_EQ(client.requests()[1].etag, "\"e\"");
}

TEST(FakeHttpClientTest, PauseKeepsFetchesInFlight) {
  FakeHttpClient client([](const FetchRequest&) { return FakeHttpClient::Page("x"); });
  client.Pause();
  client.Start({1, "https://a.example/", "", "", {}});
  EXPECT_TRUE(client.Poll(milliseconds(0)).empty());
  EXPECT_EQ(client.InFlight(), 1u);
  client.Resume();
  EXPECT_EQ(client.Poll(milliseconds(0)).size(), 1u);
}

}  // namespace
}  // namespace sinmun
