// sinmund's memory with a large archive whose articles all wait on their revisit ladders.
//
// Builds (or reuses) an archive of N generated Daum articles (default 100,000; 15-30
// paragraphs of Korean-like text each, contents-hash and dmcf-pid on every paragraph) with
// one schedule entry per article, written in the same batch as its fetch: key = the
// article URL, value = EncodeTask of a kArticle task of source "bench", step 2, due one day
// after the benchmark starts. The first --edited articles get a second version (one
// paragraph edited), so that `history` and `diff` have something to show (see
// get_latency_bench). The archive is compacted once built.
//
// Then, --runs times each:
//   daemon  `sinmund --config FILE` (no sources, no metrics endpoint) with NOTIFY_SOCKET
//           pointing at a socket of ours; after READY=1 and a further --settle seconds,
//           VmRSS and VmHWM from /proc/<pid>/status; then SIGTERM and wait.
//   once    `sinmund --config FILE --once`: nothing is due, so it loads, finds nothing to
//           do and exits; wall time and ru_maxrss.
// The archive is built in a forked process, so the process that spawns sinmund stays
// small (a child's ru_maxrss starts from its parent's high-water mark at exec).
//
// Flags: --articles N (100000), --edited M (1000), --runs R (3), --settle SECONDS (2),
//        --dir DIR (build the archive at DIR/archive and keep it; reused when it exists;
//        default: a temporary directory, removed at the end), --sinmund PATH (another
//        build of sinmund, for A/B comparisons; default: this build's).
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "bench/child_process.h"
#include "bench/text_generator.h"
#include "common/hash.h"
#include "crawler/frontier/task.h"
#include "storage/archive.h"

namespace sinmun {
namespace {

using bench::ChildProcess;
using bench::ChildUsage;
using bench::Median;
using bench::ProcStatusKib;
using bench::TextGenerator;

constexpr uint64_t kFirstId = 20261101000000001ULL;

struct Flags {
  size_t articles = 100000;
  size_t edited = 1000;
  int runs = 3;
  int settle_seconds = 2;
  std::string dir;
  std::string sinmund = SINMUN_SINMUND_PATH;
};

[[noreturn]] void Usage(const char* message) {
  std::fprintf(stderr,
               "ladder_memory_bench: %s\nusage: ladder_memory_bench [--articles N] [--edited M] "
               "[--runs R] [--settle SECONDS] [--dir DIR] [--sinmund PATH]\n",
               message);
  std::exit(2);
}

Flags ParseFlags(int argc, char** argv) {
  Flags f;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Usage(("missing value for " + arg).c_str());
      return argv[++i];
    };
    if (arg == "--articles") {
      f.articles = std::stoul(value());
    } else if (arg == "--edited") {
      f.edited = std::stoul(value());
    } else if (arg == "--runs") {
      f.runs = std::stoi(value());
    } else if (arg == "--settle") {
      f.settle_seconds = std::stoi(value());
    } else if (arg == "--dir") {
      f.dir = value();
    } else if (arg == "--sinmund") {
      f.sinmund = value();
    } else {
      Usage(("unknown argument " + arg).c_str());
    }
  }
  if (f.articles == 0 || f.runs < 1) Usage("counts must be positive");
  return f;
}

Article MakeArticle(uint64_t n, TextGenerator& gen) {
  static const char* const kPress[] = {"연합뉴스", "뉴시스", "YTN", "한겨레", "경향신문", "머니투데이"};
  Article a;
  const std::string digits = std::to_string(kFirstId + n);
  a.id = "daum:" + digits;
  a.url = "https://v.daum.net/v/" + digits;
  a.portal = "daum";
  a.source = "bench";
  a.press = kPress[gen.Next() % 6];
  a.section = "사회";
  a.title = gen.Words(5, 9);
  a.authors = {gen.Words(1, 1)};
  a.published = Instant(std::chrono::seconds(1793458800 + static_cast<int64_t>(n)));  // 2026-11-01 KST
  a.encoding = "UTF-8";
  for (size_t i = 15 + gen.Next() % 16; i > 0; --i) {
    Block b;
    b.text = gen.Paragraph();
    b.publisher_hash = ToHex(Sha256(b.text));
    b.publisher_id = gen.Alnum(10);
    a.blocks.push_back(std::move(b));
  }
  return a;
}

// Builds the archive at `path`; runs in a forked child. Returns the process exit code.
int BuildArchive(const std::string& path, const Flags& flags, Instant due) {
  auto opened = Archive::Open(path, Archive::Mode::kReadWrite, ArchiveOptions{.sync = false, .keep_raw = false});
  if (!opened.ok()) {
    std::fprintf(stderr, "%s\n", opened.status().ToString().c_str());
    return 1;
  }
  Archive& archive = **opened;
  TextGenerator gen(1);
  const Instant fetched = due - std::chrono::hours(36);
  for (size_t i = 0; i < flags.articles; ++i) {
    Article a = MakeArticle(i, gen);
    Task task{TaskKind::kArticle, a.url, "bench", due, 2, 0};
    Fetch f;
    f.url = a.url;
    f.fetched_at = fetched + std::chrono::seconds(i % 3600);
    f.schedule.put.emplace_back(a.url, EncodeTask(task));
    f.article = a;
    if (auto r = archive.Record(f); !r.ok()) {
      std::fprintf(stderr, "record %zu: %s\n", i, r.status().ToString().c_str());
      return 1;
    }
    if (i < flags.edited) {
      Article edited = a;
      Block& b = edited.blocks[gen.Next() % edited.blocks.size()];
      b.text = gen.Paragraph();
      b.publisher_hash = ToHex(Sha256(b.text));
      Fetch g;
      g.url = a.url;
      g.fetched_at = f.fetched_at + std::chrono::minutes(5);
      g.article = edited;
      g.schedule.put.emplace_back(a.url, EncodeTask(task));
      if (auto r = archive.Record(g); !r.ok()) {
        std::fprintf(stderr, "edit %zu: %s\n", i, r.status().ToString().c_str());
        return 1;
      }
    }
    if ((i + 1) % 20000 == 0) {
      std::printf("  %zu articles recorded\n", i + 1);
      std::fflush(stdout);
    }
  }
  if (Status s = archive.Compact(); !s.ok()) {
    std::fprintf(stderr, "compact: %s\n", s.ToString().c_str());
    return 1;
  }
  auto bytes = archive.SstBytes();
  std::printf("archive built: %zu articles, %zu with 2 versions, %.1f MB of SST\n", flags.articles,
              std::min(flags.edited, flags.articles), bytes.ok() ? double(*bytes) / 1e6 : 0.0);
  std::fflush(stdout);  // the caller leaves with _exit
  return 0;
}

// A datagram socket bound at `path`, for sd_notify; -1 on failure.
int NotifySocket(const std::string& path) {
  int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (fd < 0 || path.size() >= sizeof(addr.sun_path)) return -1;
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  unlink(path.c_str());
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  timeval tv{1, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

// Waits up to `limit` for a datagram containing READY=1 while the child lives.
bool WaitReady(int fd, pid_t pid, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  char buf[4096];
  while (std::chrono::steady_clock::now() < deadline) {
    ssize_t n = recv(fd, buf, sizeof buf - 1, 0);
    if (n > 0) {
      buf[n] = '\0';
      if (std::strstr(buf, "READY=1") != nullptr) return true;
    }
    if (kill(pid, 0) != 0) return false;
  }
  return false;
}

struct DaemonRun {
  double ready_seconds = 0;
  long rss_kib = 0, hwm_kib = 0;
  ChildUsage usage;
};

int Main(int argc, char** argv) {
  Flags flags = ParseFlags(argc, argv);
  bool temporary = flags.dir.empty();
  if (temporary) {
    std::string templ = (std::filesystem::temp_directory_path() / "sinmun-ladder-bench-XXXXXX").string();
    if (mkdtemp(templ.data()) == nullptr) {
      std::perror("mkdtemp");
      return 1;
    }
    flags.dir = templ;
  }
  std::filesystem::create_directories(flags.dir);
  const std::string archive = flags.dir + "/archive";
  const Instant due = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) +
                      std::chrono::hours(24);

  if (std::filesystem::exists(archive)) {
    std::printf("reusing the archive at %s (its tasks' due times are as built)\n", archive.c_str());
  } else {
    std::printf("building %zu articles at %s...\n", flags.articles, archive.c_str());
    std::fflush(stdout);
    auto started = std::chrono::steady_clock::now();
    pid_t pid = fork();
    if (pid == 0) _exit(BuildArchive(archive, flags, due));
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return 1;
    std::printf("built in %.1f s\n",
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  }

  const std::string config = flags.dir + "/sinmun.conf";
  std::ofstream(config) << "[archive]\npath = " << archive << "\n\n[metrics]\nlisten =\n";
  const std::string socket_path = flags.dir + "/notify.sock";
  const std::string log = flags.dir + "/sinmund.log";

  std::vector<DaemonRun> daemon_runs;
  std::vector<ChildUsage> once_runs;
  for (int run = 0; run < flags.runs; ++run) {
    int fd = NotifySocket(socket_path);
    if (fd < 0) {
      std::perror("notify socket");
      return 1;
    }
    DaemonRun d;
    {
      auto started = std::chrono::steady_clock::now();
      ChildProcess child({flags.sinmund, "--config", config}, log, {"NOTIFY_SOCKET=" + socket_path});
      if (!WaitReady(fd, child.pid(), std::chrono::seconds(300))) {
        std::fprintf(stderr, "sinmund did not become ready; see %s\n", log.c_str());
        close(fd);
        return 1;
      }
      d.ready_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::this_thread::sleep_for(std::chrono::seconds(flags.settle_seconds));
      d.rss_kib = ProcStatusKib(child.pid(), "VmRSS").value_or(0);
      d.hwm_kib = ProcStatusKib(child.pid(), "VmHWM").value_or(0);
      child.Signal(SIGTERM);
      d.usage = child.Wait();
    }
    close(fd);
    unlink(socket_path.c_str());
    daemon_runs.push_back(d);
    std::printf("daemon: ready after %.2f s  VmRSS %.1f MiB  VmHWM %.1f MiB  exit=%d  cpu %.2f s\n",
                d.ready_seconds, double(d.rss_kib) / 1024, double(d.hwm_kib) / 1024,
                d.usage.exit_code, d.usage.cpu_seconds());

    ChildUsage once = bench::RunChild({flags.sinmund, "--config", config, "--once"}, log);
    once_runs.push_back(once);
    std::printf("once:   wall %.2f s  cpu %.2f s  max_rss %.1f MiB  exit=%d\n", once.wall.count(),
                once.cpu_seconds(), double(once.max_rss_kib) / 1024, once.exit_code);
    std::fflush(stdout);
  }

  std::vector<double> ready, rss, hwm, once_wall, once_rss;
  for (const DaemonRun& d : daemon_runs) {
    ready.push_back(d.ready_seconds);
    rss.push_back(double(d.rss_kib) / 1024);
    hwm.push_back(double(d.hwm_kib) / 1024);
  }
  for (const ChildUsage& u : once_runs) {
    once_wall.push_back(u.wall.count());
    once_rss.push_back(double(u.max_rss_kib) / 1024);
  }
  std::printf("\nmedians over %d run(s):\n"
              "daemon: ready after %.2f s, VmRSS %.1f MiB after ready, VmHWM (peak) %.1f MiB\n"
              "once:   wall %.2f s, max RSS %.1f MiB\n",
              flags.runs, Median(ready), Median(rss), Median(hwm), Median(once_wall), Median(once_rss));
  if (temporary) std::filesystem::remove_all(flags.dir);
  return 0;
}

}  // namespace
}  // namespace sinmun

int main(int argc, char** argv) { return sinmun::Main(argc, argv); }
