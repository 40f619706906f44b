// FakeHttpClient: an HttpClient for tests of the layers above (scheduler, daemon) that
// records every request and answers from a script, so a test can make a host return
// 429 with Retry-After, time out, send a wrong content type or a truncated page, without
// a socket or a clock.
//
// The responder is called in Start(); its result is handed out by a later Poll(), which
// never waits. While paused, Poll() hands nothing out, so fetches stay in flight (to test
// concurrency caps); Resume() lets them complete. id and url are copied from the request
// into each result, and final_url too when the responder leaves it empty.
//
// Thread-safety: not thread-safe, like the HttpClient it stands in for.
#ifndef SINMUN_TESTS_SUPPORT_FAKE_HTTP_CLIENT_H_
#define SINMUN_TESTS_SUPPORT_FAKE_HTTP_CLIENT_H_

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "crawler/http/http_client.h"

namespace sinmun {

class FakeHttpClient final : public HttpClient {
 public:
  using Responder = std::function<FetchResult(const FetchRequest&)>;
  explicit FakeHttpClient(Responder responder);

  void Start(FetchRequest request) override;
  std::vector<FetchResult> Poll(std::chrono::milliseconds max_wait) override;
  size_t InFlight() const override { return pending_.size(); }

  void Pause() { paused_ = true; }
  void Resume() { paused_ = false; }
  // Every request started, in order.
  const std::vector<FetchRequest>& requests() const { return requests_; }

  // Ready-made answers for responders.
  static FetchResult Page(std::string body, int status = 200,
                          std::string content_type = "text/html; charset=utf-8");
  static FetchResult TooManyRequests(std::chrono::seconds retry_after);
  static FetchResult Timeout();

 private:
  Responder responder_;
  bool paused_ = false;
  std::vector<FetchRequest> requests_;
  std::vector<FetchResult> pending_;
};

}  // namespace sinmun

#endif  // SINMUN_TESTS_SUPPORT_FAKE_HTTP_CLIENT_H_
