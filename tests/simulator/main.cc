// portal_simulator: runs the test portal simulator (tests/simulator/portal_simulator.h) on
// 127.0.0.1 until SIGINT/SIGTERM, and prints its port and a sinmun.conf that crawls it, so
// sinmund can be tried without the internet:
//     portal_simulator > sim.conf   # then, in another shell:
//     sinmund --config sim.conf
// Options: --archive DIR (default ./sim-archive), --metrics HOST:PORT (default 127.0.0.1:9464),
// --edit-every SECONDS (default 20; 0: never): like a newsroom, it edits one of its
// articles that often — a paragraph each time, the headline every third time — so a crawl
// of a few minutes archives versions to look at.
// --replay MANIFEST (tests/data/sources/replay.tsv) also serves the saved copies of the
// shipped sources on their own host names and adds them to the config; --real-pages DIR
// is where the real saved pages it names are (default ../shared/fixtures/real).
#include <signal.h>

#include <cstdlib>
#include <cstring>
#include <ctime>
#include <vector>
#include <iostream>
#include <string>

#include "tests/simulator/portal_simulator.h"

int main(int argc, char** argv) {
  std::string archive = "sim-archive", metrics = "127.0.0.1:9464";
  sinmun::test_support::PortalSimulator::Options options;
  options.real_pages_dir = "../shared/fixtures/real";
  int edit_every = 20;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "--archive" || arg == "--metrics") && i + 1 < argc) {
      (arg == "--archive" ? archive : metrics) = argv[++i];
    } else if (arg == "--replay" && i + 1 < argc) {
      options.replay_manifest = argv[++i];
    } else if (arg == "--real-pages" && i + 1 < argc) {
      options.real_pages_dir = argv[++i];
    } else if (arg == "--edit-every" && i + 1 < argc) {
      edit_every = std::atoi(argv[++i]);
    } else {
      std::cerr << "usage: portal_simulator [--archive DIR] [--metrics HOST:PORT] "
                   "[--edit-every SECONDS] [--replay MANIFEST] [--real-pages DIR]\n";
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

  sinmun::test_support::PortalSimulator simulator(options);
  std::cerr << "portal simulator listening on 127.0.0.1:" << simulator.port()
            << " (Ctrl-C stops it); the config below crawls it\n";
  std::cout << "# sinmun.conf for the portal simulator on port " << simulator.port() << "\n"
            << simulator.ConfigSnippet(archive, metrics) << std::flush;
  int received = 0;
  const std::vector<std::string> articles = simulator.DaumPaths();
  for (int edits = 1;; ++edits) {
    timespec wait{edit_every > 0 ? edit_every : 3600, 0};
    received = sigtimedwait(&stop, nullptr, &wait);
    if (received > 0) break;
    if (edit_every <= 0 || articles.empty()) continue;
    const std::string& path = articles[static_cast<size_t>(edits) % articles.size()];
    simulator.EditParagraph(path, 0, "(" + std::to_string(edits) + "차 수정) 첫 문단이 고쳐졌다.");
    if (edits % 3 == 0) simulator.SetHeadline(path, "[수정] 제목이 바뀐 기사 " + std::to_string(edits));
    std::cerr << "portal simulator: edited " << path << '\n';
  }
  std::cerr << "portal simulator: " << strsignal(received) << ", " << simulator.Requests().size()
            << " requests served\n";
  return 0;
}
