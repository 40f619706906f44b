// portal_simulator: runs the test portal simulator (tests/simulator/portal_simulator.h) on
// 127.0.0.1 until SIGINT/SIGTERM, and prints its port and a sinmun.conf that crawls it, so
// sinmund can be tried without the internet:
//     portal_simulator > sim.conf   # then, in another shell:
//     sinmund --config sim.conf
// Options: --archive DIR (default ./sim-archive), --metrics HOST:PORT (default 127.0.0.1:9464).
#include <signal.h>

#include <cstring>
#include <iostream>
#include <string>

#include "tests/simulator/portal_simulator.h"

int main(int argc, char** argv) {
  std::string archive = "sim-archive", metrics = "127.0.0.1:9464";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "--archive" || arg == "--metrics") && i + 1 < argc) {
      (arg == "--archive" ? archive : metrics) = argv[++i];
    } else {
      std::cerr << "usage: portal_simulator [--archive DIR] [--metrics HOST:PORT]\n";
      return 2;
    }
  }
  // Block the stop signals before the server's threads start, then wait for one. A shell
  // starts background jobs with SIGINT ignored, and an ignored signal is never queued for
  // sigwait: restore the default first.
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  sinmun::test_support::PortalSimulator simulator;
  std::cerr << "portal simulator listening on 127.0.0.1:" << simulator.port()
            << " (Ctrl-C stops it); the config below crawls it\n";
  std::cout << "# sinmun.conf for the portal simulator on port " << simulator.port() << "\n"
            << simulator.ConfigSnippet(archive, metrics) << std::flush;
  int received = 0;
  sigwait(&stop, &received);
  std::cerr << "portal simulator: " << strsignal(received) << ", " << simulator.Requests().size()
            << " requests served\n";
  return 0;
}
