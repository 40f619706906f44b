// WebRequest and WebResponse: one HTTP exchange of the reading room as plain values, so the
// pages are functions from a request to a response and are tested without a socket
// (web/server.h binds them to HTTP).
//
// Thread-safety: values.
#ifndef SINMUN_WEB_REQUEST_H_
#define SINMUN_WEB_REQUEST_H_

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sinmun::web {

struct WebRequest {
  std::string path;  // decoded, without the query: "/article"
  // Decoded query parameters; a name may repeat (?class=headline&class=body).
  std::multimap<std::string, std::string> params;
  std::string accept_language;  // the Accept-Language header, "" when absent

  // The first value of `name`; nullopt when absent. An empty value counts as absent, as a
  // form's empty field means "no filter".
  std::optional<std::string> Param(const std::string& name) const;
  std::vector<std::string> Params(const std::string& name) const;
};

struct WebResponse {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  // Headers besides Content-Type and Content-Length (the server adds the security headers
  // every response carries, web/server.h).
  std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace sinmun::web

#endif  // SINMUN_WEB_REQUEST_H_
