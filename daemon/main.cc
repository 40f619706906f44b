// sinmund: the crawler daemon. Parses the command line and config, then runs the Daemon.
#include <iostream>

#include <spdlog/spdlog.h>

#include "common/clock.h"
#include "config/config.h"
#include "crawler/http/curl_client.h"
#include "daemon/daemon.h"
#include "daemon/logging.h"
#include "daemon/notifier.h"
#include "daemon/signals.h"

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
  SdNotifier notifier;
  Result<std::unique_ptr<Daemon>> daemon = Daemon::Create(std::move(config), *options, clock, notifier);
  if (!daemon.ok()) {
    spdlog::critical("{}", daemon.status().message());
    return daemon.status().IsBusy() ? 75 : 1;
  }
  return (*daemon)->Run(options->once);
}
