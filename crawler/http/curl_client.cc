#include "crawler/http/curl_client.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netdb.h>
#include <signal.h>
#include <sys/socket.h>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "crawler/http/address_policy.h"
#include "crawler/http/retry_after.h"

namespace sinmun {
namespace {

struct EasyDeleter {
  void operator()(CURL* e) const { curl_easy_cleanup(e); }
};
struct MultiDeleter {
  void operator()(CURLM* m) const { curl_multi_cleanup(m); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using EasyPtr = std::unique_ptr<CURL, EasyDeleter>;
using MultiPtr = std::unique_ptr<CURLM, MultiDeleter>;
using SlistPtr = std::unique_ptr<curl_slist, SlistDeleter>;

// "::0001" -> "::1"; nullopt when not an IP literal.
std::optional<std::string> CanonicalIp(const std::string& ip) {
  char buf[INET6_ADDRSTRLEN] = {};
  in_addr v4{};
  if (inet_pton(AF_INET, ip.c_str(), &v4) == 1 && inet_ntop(AF_INET, &v4, buf, sizeof buf)) {
    return std::string(buf);
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, ip.c_str(), &v6) == 1 && inet_ntop(AF_INET6, &v6, buf, sizeof buf)) {
    return std::string(buf);
  }
  return std::nullopt;
}

bool HasHttpScheme(std::string_view url) {
  auto starts = [url](std::string_view prefix) {
    if (url.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
      char c = url[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != prefix[i]) return false;
    }
    return true;
  };
  return starts("http://") || starts("https://");
}

// Per-fetch state; its address is handed to libcurl's callbacks, so it never moves
// (held by unique_ptr) while the transfer is in the multi handle.
struct Transfer {
  FetchRequest request;
  bool proxied = false;  // goes through HttpOptions::proxy: the connection is to the proxy
  const HttpOptions* options = nullptr;
  const std::vector<std::string>* allowed_addresses = nullptr;  // canonical text
  EasyPtr easy;
  SlistPtr headers;
  std::string body;
  std::string header_block;  // the latest response's header lines (FetchResult::headers)
  Status abort;          // why a callback stopped the transfer
  std::string refused;   // an address the open-socket callback refused
  bool type_checked = false;
  bool truncated = false;  // stopped at request.truncate_at: a success
  char errbuf[CURL_ERROR_SIZE] = {};
};

std::string Limit(uint64_t n) { return std::to_string(n) + " bytes"; }

// CURLOPT_HEADERFUNCTION: one header line (with its CRLF) at a time, for every response
// of the transfer; a status line starts a new block, the blank line ends one.
size_t HeaderLine(char* data, size_t size, size_t n, void* userdata) {
  auto* t = static_cast<Transfer*>(userdata);
  const std::string_view line(data, size * n);
  if (line.starts_with("HTTP/")) t->header_block.clear();
  if (line == "\r\n" || line == "\n") return size * n;
  if (t->header_block.size() + line.size() <= kMaxHeaderBlock) t->header_block.append(line);
  return size * n;
}

// The address rule: public, or allowed by the options (allow_private_addresses, or one of
// the allowed literal addresses, given in canonical text).
bool AddressAllowed(const sockaddr* address, const HttpOptions& options,
                    const std::vector<std::string>& allowed, std::string* text) {
  return IsPublicSockaddr(address, text) || options.allow_private_addresses ||
         std::find(allowed.begin(), allowed.end(), *text) != allowed.end();
}

// The host part of an absolute http(s) URL, lower-case, without brackets or port; "" when
// there is none.
std::string UrlHost(std::string_view url) {
  size_t start = url.find("://");
  if (start == std::string_view::npos) return "";
  start += 3;
  size_t end = url.find_first_of("/?#", start);
  std::string_view authority = url.substr(start, end == std::string_view::npos ? end : end - start);
  if (const size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  std::string host;
  if (!authority.empty() && authority.front() == '[') {
    host = std::string(authority.substr(1, authority.find(']') - 1));
  } else {
    host = std::string(authority.substr(0, authority.find(':')));
  }
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return host;
}

// no_proxy's rule (HttpOptions): "*", or a comma-separated name matching itself and its
// subdomains.
bool NoProxyMatches(const std::string& no_proxy, const std::string& host) {
  size_t pos = 0;
  while (pos <= no_proxy.size()) {
    size_t comma = no_proxy.find(',', pos);
    if (comma == std::string::npos) comma = no_proxy.size();
    std::string name = no_proxy.substr(pos, comma - pos);
    name.erase(0, name.find_first_not_of(" \t."));
    name.erase(name.find_last_not_of(" \t") + 1);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (name == "*") return true;
    if (!name.empty() && (host == name || (host.size() > name.size() && host.ends_with("." + name) ))) {
      return true;
    }
    pos = comma + 1;
  }
  return false;
}

curl_socket_t OpenSocket(void* clientp, curlsocktype purpose, curl_sockaddr* address) {
  auto* t = static_cast<Transfer*>(clientp);
  if (purpose != CURLSOCKTYPE_IPCXN) return CURL_SOCKET_BAD;
  std::string text;
  // A proxied transfer connects to the proxy only; its origin was checked when resolved.
  const bool ok = t->proxied || AddressAllowed(&address->addr, *t->options, *t->allowed_addresses, &text);
  if (!ok) {
    t->refused = text.empty() ? "(unknown family)" : text;
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

size_t WriteBody(char* data, size_t size, size_t nmemb, void* userp) {
  auto* t = static_cast<Transfer*>(userp);
  const size_t n = size * nmemb;
  long code = 0;
  curl_easy_getinfo(t->easy.get(), CURLINFO_RESPONSE_CODE, &code);
  if (code >= 300 && code < 400) return n;  // a redirect's body: not ours to keep
  if (code >= 200 && code < 300 && !t->type_checked) {
    t->type_checked = true;
    const char* ct = nullptr;
    curl_easy_getinfo(t->easy.get(), CURLINFO_CONTENT_TYPE, &ct);
    if (!ContentTypeAllowed(ct != nullptr ? ct : "", t->request.allowed_content_types)) {
      t->abort = Status::Unsupported(std::string("content type not accepted: ") +
                                     (ct != nullptr ? ct : "(none)"));
      return 0;
    }
  }
  curl_off_t wire = 0;
  curl_easy_getinfo(t->easy.get(), CURLINFO_SIZE_DOWNLOAD_T, &wire);
  if (wire > 0 && static_cast<uint64_t>(wire) > t->options->max_body) {
    t->abort = Status::Unsupported("too large: body over " + Limit(t->options->max_body));
    return 0;
  }
  const uint64_t cut = t->request.truncate_at;
  if (cut != 0 && cut <= t->options->max_decompressed && t->body.size() + n > cut) {
    t->body.append(data, static_cast<size_t>(cut - t->body.size()));
    t->truncated = true;
    return 0;  // stop the transfer; Finish() reports success
  }
  if (t->body.size() + n > t->options->max_decompressed) {
    t->abort = Status::Unsupported("too large (decompressed): body over " +
                                   Limit(t->options->max_decompressed));
    return 0;
  }
  t->body.append(data, n);
  return n;
}

std::string LastHeader(CURL* easy, const char* name) {
  curl_header* h = nullptr;
  if (curl_easy_header(easy, name, 0, CURLH_HEADER, -1, &h) == CURLHE_OK && h != nullptr &&
      h->value != nullptr) {
    return h->value;
  }
  return {};
}

class CurlClient final : public HttpClient {
 public:
  CurlClient(HttpOptions options, std::vector<std::string> allowed, const Clock& clock, MultiPtr multi)
      : options_(std::move(options)),
        allowed_addresses_(std::move(allowed)),
        clock_(clock),
        multi_(std::move(multi)) {}

  ~CurlClient() override {
    for (auto& [easy, transfer] : transfers_) curl_multi_remove_handle(multi_.get(), easy);
    transfers_.clear();
    // glibc's resolver thread writes into each gaicb until it is done: wait for those
    // that cannot be cancelled.
    for (auto& r : resolving_) {
      if (gai_cancel(&r->request) == EAI_NOTCANCELED) {
        const gaicb* list[1] = {&r->request};
        while (gai_error(&r->request) == EAI_INPROGRESS) gai_suspend(list, 1, nullptr);
      }
      if (gai_error(&r->request) == 0 && r->request.ar_result != nullptr) freeaddrinfo(r->request.ar_result);
    }
  }

  CurlClient(const CurlClient&) = delete;
  CurlClient& operator=(const CurlClient&) = delete;

  void Start(FetchRequest request) override {
    auto t = std::make_unique<Transfer>();
    t->request = std::move(request);
    t->options = &options_;
    t->allowed_addresses = &allowed_addresses_;
    const std::string host = UrlHost(t->request.url);
    t->proxied = !options_.proxy.empty() && !host.empty() && !NoProxyMatches(options_.no_proxy, host);
    if (Status s = Configure(*t); !s.ok()) {
      ready_.push_back(ErrorResult(*t, std::move(s)));
      return;
    }
    if (t->proxied) {
      ResolveOrigin(std::move(t), host);
      return;
    }
    AddTransfer(std::move(t));
  }

  std::vector<FetchResult> Poll(std::chrono::milliseconds max_wait) override {
    CheckResolutions();
    std::vector<FetchResult> out = std::move(ready_);
    ready_.clear();
    Drive(out);
    if (out.empty()) {
      int64_t wait = std::clamp<int64_t>(max_wait.count(), 0, 1 << 30);
      if (!resolving_.empty()) wait = std::min<int64_t>(wait, 10);  // resolutions are polled
      curl_multi_poll(multi_.get(), nullptr, 0, static_cast<int>(wait), nullptr);
      CheckResolutions();
      for (FetchResult& r : ready_) out.push_back(std::move(r));
      ready_.clear();
      Drive(out);
    }
    return out;
  }

  size_t InFlight() const override { return transfers_.size() + ready_.size() + resolving_.size(); }

 private:
  // A proxied request whose origin is being resolved (getaddrinfo_a: glibc resolves on a
  // thread of its own, so the loop never blocks) before it may start. The proxy would
  // resolve it too; this resolution exists only for the address rule.
  struct Resolution {
    std::unique_ptr<Transfer> transfer;
    std::string host;
    addrinfo hints{};
    gaicb request{};
  };

  void AddTransfer(std::unique_ptr<Transfer> t) {
    CURL* easy = t->easy.get();
    if (const CURLMcode mc = curl_multi_add_handle(multi_.get(), easy); mc != CURLM_OK) {
      ready_.push_back(ErrorResult(*t, Status::IOError(std::string("curl_multi_add_handle: ") +
                                                       curl_multi_strerror(mc))));
      return;
    }
    transfers_.emplace(easy, std::move(t));
  }

  FetchResult Refused(const Transfer& t, const std::string& address) const {
    FetchResult r = ErrorResult(t, Status::Unsupported("refused address " + address +
                                                       " (not public; allow_private_addresses is off)"));
    r.address_refused = true;
    return r;
  }

  void ResolveOrigin(std::unique_ptr<Transfer> t, const std::string& host) {
    in6_addr literal{};
    if (inet_pton(AF_INET, host.c_str(), &literal) == 1 || inet_pton(AF_INET6, host.c_str(), &literal) == 1) {
      const std::string canonical = CanonicalIp(host).value_or(host);
      const bool ok = IsPublicAddress(canonical) || options_.allow_private_addresses ||
                      std::find(allowed_addresses_.begin(), allowed_addresses_.end(), canonical) !=
                          allowed_addresses_.end();
      if (!ok) {
        ready_.push_back(Refused(*t, canonical));
      } else {
        AddTransfer(std::move(t));
      }
      return;
    }
    auto r = std::make_unique<Resolution>();
    r->transfer = std::move(t);
    r->host = host;
    r->hints.ai_socktype = SOCK_STREAM;
    r->request.ar_name = r->host.c_str();
    r->request.ar_request = &r->hints;
    gaicb* list[1] = {&r->request};
    sigevent none{};
    none.sigev_notify = SIGEV_NONE;
    if (const int rc = getaddrinfo_a(GAI_NOWAIT, list, 1, &none); rc != 0) {
      ready_.push_back(ErrorResult(*r->transfer, Status::IOError("Could not resolve host: " + host +
                                                                 " (" + gai_strerror(rc) + ")")));
      return;
    }
    resolving_.push_back(std::move(r));
  }

  // Starts the proxied requests whose origin resolved to allowed addresses only.
  void CheckResolutions() {
    for (auto it = resolving_.begin(); it != resolving_.end();) {
      Resolution& r = **it;
      const int rc = gai_error(&r.request);
      if (rc == EAI_INPROGRESS) {
        ++it;
        continue;
      }
      std::string refused;
      for (const addrinfo* a = rc == 0 ? r.request.ar_result : nullptr; a != nullptr; a = a->ai_next) {
        std::string text;
        if (!AddressAllowed(a->ai_addr, options_, allowed_addresses_, &text)) {
          refused = text.empty() ? "(unknown family)" : text;
          break;
        }
      }
      if (r.request.ar_result != nullptr) freeaddrinfo(r.request.ar_result);
      if (rc != 0) {
        ready_.push_back(ErrorResult(*r.transfer, Status::IOError("Could not resolve host: " + r.host)));
      } else if (!refused.empty()) {
        ready_.push_back(Refused(*r.transfer, refused));
      } else {
        AddTransfer(std::move(r.transfer));
      }
      it = resolving_.erase(it);
    }
  }

  Status Configure(Transfer& t) {
    if (!HasHttpScheme(t.request.url)) {
      return Status::InvalidArgument("only http and https URLs are fetched: " + t.request.url);
    }
    t.easy.reset(curl_easy_init());
    if (!t.easy) return Status::IOError("curl_easy_init failed");
    CURL* e = t.easy.get();

    curl_slist* list = nullptr;
    auto append = [&list](const std::string& header) {
      curl_slist* next = curl_slist_append(list, header.c_str());
      if (next != nullptr) list = next;
      return next != nullptr;
    };
    bool headers_ok = true;
    if (!t.request.etag.empty()) headers_ok &= append("If-None-Match: " + t.request.etag);
    if (!t.request.last_modified.empty()) {
      headers_ok &= append("If-Modified-Since: " + t.request.last_modified);
    }
    t.headers.reset(list);
    if (!headers_ok) return Status::IOError("curl_slist_append failed");

    CURLcode rc = CURLE_OK;
    auto set = [&rc, e](CURLoption option, auto value) {
      if (rc == CURLE_OK) rc = curl_easy_setopt(e, option, value);
    };
    set(CURLOPT_URL, t.request.url.c_str());
    set(CURLOPT_PRIVATE, static_cast<void*>(&t));
    set(CURLOPT_ERRORBUFFER, t.errbuf);
    set(CURLOPT_NOSIGNAL, 1L);
    set(CURLOPT_PROTOCOLS_STR, "http,https");
    set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    set(CURLOPT_FOLLOWLOCATION, t.request.max_redirects > 0 ? 1L : 0L);
    set(CURLOPT_MAXREDIRS, static_cast<long>(std::max(0, t.request.max_redirects)));
    set(CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
    set(CURLOPT_ACCEPT_ENCODING, "");  // every encoding libcurl was built with
    set(CURLOPT_TIMEOUT, static_cast<long>(options_.timeout.count()));
    set(CURLOPT_CONNECTTIMEOUT, static_cast<long>(options_.connect_timeout.count()));
    // A request that truncates must not be refused by its Content-Length.
    if (t.request.truncate_at == 0) {
      set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options_.max_body));
    }
    // The proxy only when configured and the host is not in no_proxy (decided here, per
    // request; the environment's proxy variables are never used).
    set(CURLOPT_PROXY, t.proxied ? options_.proxy.c_str() : "");
    set(CURLOPT_NOPROXY, "");
    set(CURLOPT_OPENSOCKETFUNCTION, &OpenSocket);
    set(CURLOPT_OPENSOCKETDATA, static_cast<void*>(&t));
    set(CURLOPT_WRITEFUNCTION, &WriteBody);
    set(CURLOPT_WRITEDATA, static_cast<void*>(&t));
    set(CURLOPT_HEADERFUNCTION, &HeaderLine);
    set(CURLOPT_HEADERDATA, static_cast<void*>(&t));
    if (t.headers) set(CURLOPT_HTTPHEADER, t.headers.get());
    if (!options_.user_agent.empty()) set(CURLOPT_USERAGENT, options_.user_agent.c_str());
    if (rc != CURLE_OK) {
      return Status::IOError(std::string("curl_easy_setopt: ") + curl_easy_strerror(rc));
    }
    return Status::Ok();
  }

  static FetchResult ErrorResult(const Transfer& t, Status error) {
    FetchResult r;
    r.id = t.request.id;
    r.url = t.request.url;
    r.final_url = t.request.url;
    r.error = std::move(error);
    return r;
  }

  void Drive(std::vector<FetchResult>& out) {
    int running = 0;
    curl_multi_perform(multi_.get(), &running);
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_.get(), &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      CURL* easy = msg->easy_handle;
      const CURLcode rc = msg->data.result;  // msg dies with remove_handle
      const auto it = transfers_.find(easy);
      if (it == transfers_.end()) continue;
      out.push_back(Finish(*it->second, rc));
      curl_multi_remove_handle(multi_.get(), easy);
      transfers_.erase(it);
    }
  }

  FetchResult Finish(Transfer& t, CURLcode rc) {
    CURL* e = t.easy.get();
    FetchResult r = ErrorResult(t, Status::Ok());
    const char* effective = nullptr;
    if (curl_easy_getinfo(e, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK && effective) {
      r.final_url = effective;
    }
    if (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR && t.truncated)) {
      r.error = TransferError(t, rc, r);
      return r;
    }
    r.truncated = t.truncated;
    long code = 0;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &code);
    const char* ct = nullptr;
    curl_easy_getinfo(e, CURLINFO_CONTENT_TYPE, &ct);
    const std::string content_type = ct != nullptr ? ct : "";
    if (code >= 200 && code < 300 &&
        !ContentTypeAllowed(content_type, t.request.allowed_content_types)) {
      r.error = Status::Unsupported("content type not accepted: " +
                                    (content_type.empty() ? std::string("(none)") : content_type));
      return r;
    }
    curl_off_t wire = 0;
    curl_easy_getinfo(e, CURLINFO_SIZE_DOWNLOAD_T, &wire);
    if (!t.truncated && wire > 0 && static_cast<uint64_t>(wire) > options_.max_body) {
      r.error = Status::Unsupported("too large: body over " + Limit(options_.max_body));
      return r;
    }
    r.http_status = static_cast<int>(code);
    r.content_type = content_type;
    r.body = std::move(t.body);
    r.headers = std::move(t.header_block);
    r.etag = LastHeader(e, "ETag");
    r.last_modified = LastHeader(e, "Last-Modified");
    if (code >= 300 && code < 400) {
      const char* location = nullptr;  // Location, resolved by libcurl against the URL
      if (curl_easy_getinfo(e, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location) {
        r.location = location;
      }
    }
    if (const std::string ra = LastHeader(e, "Retry-After"); !ra.empty()) {
      r.retry_after = ParseRetryAfter(ra, clock_.Now());
    }
    return r;
  }

  Status TransferError(const Transfer& t, CURLcode rc, FetchResult& r) const {
    const std::string detail = t.errbuf[0] != '\0' ? std::string(t.errbuf) : curl_easy_strerror(rc);
    if (rc == CURLE_WRITE_ERROR && !t.abort.ok()) return t.abort;
    switch (rc) {
      case CURLE_OPERATION_TIMEDOUT:
        r.timed_out = true;
        return Status::IOError("timeout after " + std::to_string(options_.timeout.count()) +
                               " s: " + detail);
      case CURLE_FILESIZE_EXCEEDED:
        return Status::Unsupported("too large: Content-Length over " + Limit(options_.max_body));
      case CURLE_TOO_MANY_REDIRECTS:
        return Status::Unsupported("too many redirects (more than " +
                                   std::to_string(t.request.max_redirects) + ")");
      case CURLE_UNSUPPORTED_PROTOCOL:
        return Status::Unsupported("scheme not allowed: " + detail);
      case CURLE_URL_MALFORMAT:
        return Status::InvalidArgument("malformed URL: " + detail);
      default:
        break;
    }
    if (!t.refused.empty() &&
        (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST)) {
      r.address_refused = true;
      return Status::Unsupported("refused address " + t.refused +
                                 " (not public; allow_private_addresses is off)");
    }
    return Status::IOError(detail);
  }

  const HttpOptions options_;
  const std::vector<std::string> allowed_addresses_;
  const Clock& clock_;
  // Declared before transfers_ so that it is destroyed after them.
  MultiPtr multi_;
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> transfers_;
  std::vector<FetchResult> ready_;  // completed without reaching libcurl
  std::vector<std::unique_ptr<Resolution>> resolving_;
};

}  // namespace

Status InitCurlGlobal() {
  static const CURLcode rc = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (rc != CURLE_OK) {
    return Status::IOError(std::string("curl_global_init: ") + curl_easy_strerror(rc));
  }
  return Status::Ok();
}

Result<std::unique_ptr<HttpClient>> CreateCurlClient(HttpOptions options, const Clock& clock) {
  if (Status s = InitCurlGlobal(); !s.ok()) return s;
  if (options.max_connections < 1) return Status::InvalidArgument("max_connections must be >= 1");
  if (options.timeout.count() < 1) return Status::InvalidArgument("timeout must be >= 1 s");
  std::vector<std::string> allowed;
  for (const std::string& a : options.allowed_addresses) {
    std::optional<std::string> canonical = CanonicalIp(a);
    if (!canonical) return Status::InvalidArgument("allowed_addresses: not an IP address: " + a);
    allowed.push_back(std::move(*canonical));
  }
  MultiPtr multi(curl_multi_init());
  if (!multi) return Status::IOError("curl_multi_init failed");
  if (curl_multi_setopt(multi.get(), CURLMOPT_MAX_TOTAL_CONNECTIONS,
                        static_cast<long>(options.max_connections)) != CURLM_OK ||
      curl_multi_setopt(multi.get(), CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_MULTIPLEX)) !=
          CURLM_OK) {
    return Status::IOError("curl_multi_setopt failed");
  }
  return std::unique_ptr<HttpClient>(
      new CurlClient(std::move(options), std::move(allowed), clock, std::move(multi)));
}

}  // namespace sinmun
