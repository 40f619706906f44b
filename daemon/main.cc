// sinmund: the crawler daemon. Parses the command line and config, then runs the Daemon.
#include <iostream>

#include <spdlog/spdlog.h>

#include "common/clock.h"
#include "config/config.h"
#include "crawler/http/curl_client.h"
#include "daemon/check_sources.h"
#include "daemon/daemon.h"
#include "daemon/logging.h"
#include "daemon/notifier.h"
#include "daemon/signals.h"

namespace {

// --check-sources: one verdict line per source on stdout; 0 when every source yields.
int CheckSourcesMain(const sinmun::Config& config, const sinmun::Clock& clock) {
  using namespace sinmun;  // NOLINT: main's helpers only
  Result<std::unique_ptr<HttpClient>> http = CreateCurlClient(HttpOptionsFor(config), clock);
  if (!http.ok()) {
    std::cerr << "sinmund: " << http.status().message() << '\n';
    return 1;
  }
  if (config.sources.empty()) {
    std::cout << "no sources configured\n";
    return 1;
  }
  if (!config.crawler.respect_robots) {
    std::cout << "respect_robots = false: robots.txt is not read for this check either\n";
  }
  // Long enough for a robots.txt, a listing, a child sitemap and an article on a slow
  // host, each a timeout at most, with the per-host interval between them.
  const auto deadline = std::chrono::duration_cast<std::chrono::seconds>(
      config.crawler.timeout * 5 + config.crawler.per_host_interval * 5 + std::chrono::seconds(10));
  bool all_ok = true;
  for (const SourceVerdict& v : CheckSources(config, **http, clock, deadline)) {
    std::cout << v.line << std::endl;
    all_ok = all_ok && v.ok;
  }
  return all_ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace sinmun;  // NOLINT: main() only
  // Before any thread starts (libcurl's resolver, the metrics endpoint, RocksDB's).
  if (Status s = BlockDaemonSignals(); !s.ok()) {
    std::cerr << "sinmund: " << s.message() << '\n';
    return 1;
  }
  Result<DaemonOptions> options = ParseDaemonCommandLine(argc, argv);
  if (!options.ok()) {
    std::cerr << "sinmund: " << options.status().message() << '\n' << DaemonUsage();
    return 2;
  }
  if (options->help) {
    std::cout << DaemonUsage();
    return 0;
  }
  if (options->version) {
    std::cout << "sinmund " << SINMUN_VERSION << '\n';
    return 0;
  }
  Result<Config> loaded = LoadConfigFile(options->config_path);
  if (!loaded.ok()) {
    std::cerr << "sinmund: " << loaded.status().message() << '\n';
    return 1;
  }
  Config config = ApplyOverrides(std::move(*loaded), *options);
  if (options->check_config) {
    std::cout << options->config_path << ": ok (" << config.sources.size() << " sources)\n";
    return 0;
  }
  if (options->print_config) {
    std::cout << FormatConfig(config);
    return 0;
  }
  SetUpLogging(std::getenv("SINMUN_DEBUG") != nullptr);
  if (Status s = InitCurlGlobal(); !s.ok()) {
    spdlog::critical("{}", s.message());
    return 1;
  }
  SystemClock clock;
  if (options->check_sources) return CheckSourcesMain(config, clock);
  SdNotifier notifier;
  Result<std::unique_ptr<Daemon>> daemon = Daemon::Create(std::move(config), *options, clock, notifier);
  if (!daemon.ok()) {
    spdlog::critical("{}", daemon.status().message());
    return daemon.status().IsBusy() ? 75 : 1;
  }
  return (*daemon)->Run(options->once);
}
