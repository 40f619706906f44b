#include "tests/support/fake_http_client.h"

#include <utility>

namespace sinmun {

FakeHttpClient::FakeHttpClient(Responder responder) : responder_(std::move(responder)) {}

void FakeHttpClient::Start(FetchRequest request) {
  FetchResult result = responder_(request);
  result.id = request.id;
  result.url = request.url;
  if (result.final_url.empty()) result.final_url = request.url;
  requests_.push_back(std::move(request));
  pending_.push_back(std::move(result));
}

std::vector<FetchResult> FakeHttpClient::Poll(std::chrono::milliseconds /*max_wait*/) {
  if (paused_) return {};
  std::vector<FetchResult> out = std::move(pending_);
  pending_.clear();
  return out;
}

FetchResult FakeHttpClient::Page(std::string body, int status, std::string content_type) {
  FetchResult r;
  r.http_status = status;
  r.body = std::move(body);
  r.content_type = std::move(content_type);
  return r;
}

FetchResult FakeHttpClient::TooManyRequests(std::chrono::seconds retry_after) {
  FetchResult r = Page("<html><body>slow down</body></html>", 429);
  r.retry_after = retry_after;
  return r;
}

FetchResult FakeHttpClient::Timeout() {
  FetchResult r;
  r.timed_out = true;
  r.error = Status::IOError("timeout (fake)");
  return r;
}

}  // namespace sinmun
