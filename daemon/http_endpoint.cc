#include "daemon/http_endpoint.h"

namespace sinmun {

Result<std::unique_ptr<HttpEndpoint>> HttpEndpoint::Start(const std::string& listen,
                                                          std::map<std::string, Handler> routes) {
  auto handle = [routes = std::move(routes)](const web::WebRequest& request) {
    auto route = routes.find(request.path);
    if (route == routes.end()) return web::WebResponse{404, "text/plain; charset=utf-8", "not found\n", {}};
    EndpointResponse r = route->second();
    return web::WebResponse{r.status, std::move(r.content_type), std::move(r.body), {}};
  };
  Result<std::unique_ptr<web::HttpServer>> server = web::HttpServer::Start(listen, std::move(handle), 1);
  if (!server.ok()) {
    return Status(server.status().code() == Status::Code::kInvalidArgument
                      ? Status::InvalidArgument("metrics " + server.status().message())
                      : server.status());
  }
  return std::unique_ptr<HttpEndpoint>(new HttpEndpoint(std::move(*server)));
}

}  // namespace sinmun
