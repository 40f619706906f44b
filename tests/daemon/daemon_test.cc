// System tests of sinmund: the real daemon binary as a child process, with a generated
// config and an archive in a temp dir, crawling the portal simulator
// (tests/simulator/portal_simulator.h) that runs in this test process on 127.0.0.1. The
// archive is read back with the real `sinmun` CLI, as a user would.
//
// No assertion is a threshold on our own speed: every wait is a polling loop with a
// generous deadline (kWait), and the timing checks are lower bounds the daemon promises
// (per-host interval, Retry-After). Each test ends the daemon itself; a daemon still
// running when a test fails is killed by DaemonProcess's destructor.
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "capture/capture.h"
#include "common/identity.h"
#include "common/time.h"
#include "storage/archive.h"
#include "storage/search/xapian_index.h"
#include "tests/simulator/portal_simulator.h"
#include "tests/support/loopback_server.h"
#include "tests/support/subprocess.h"

extern char** environ;

namespace sinmun {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using std::chrono::seconds;
using test_support::PortalSimulator;
using test_support::Redesign;
using test_support::Request;
using test_support::SimArticle;
using ::testing::HasSubstr;
using Json = nlohmann::json;

constexpr milliseconds kWait{30'000};  // the deadline of every "wait until"
constexpr milliseconds kPollEvery{100};

// Polls `done` every kPollEvery until it is true (returns true) or `deadline` passes.
bool WaitFor(const std::function<bool()>& done, milliseconds deadline = kWait) {
  const auto end = std::chrono::steady_clock::now() + deadline;
  while (true) {
    if (done()) return true;
    if (std::chrono::steady_clock::now() >= end) return false;
    std::this_thread::sleep_for(kPollEvery);
  }
}

using test_support::ReadFile;

// The environment of this process without the service-manager variables, plus `extra`.
std::vector<std::string> ChildEnvironment(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string_view v(*e);
    if (v.starts_with("NOTIFY_SOCKET=") || v.starts_with("WATCHDOG_") ||
        v.starts_with("JOURNAL_STREAM=") || v.starts_with("SINMUN_DEBUG=")) {
      continue;
    }
    env.emplace_back(v);
  }
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

// posix_spawn of `binary args...`, stdin /dev/null, stdout and stderr appended to files.
pid_t Spawn(const std::string& binary, const std::vector<std::string>& args,
            const fs::path& out, const fs::path& err, const std::vector<std::string>& extra_env) {
  return test_support::SpawnProcess(binary, args, {.stdout_path = out, .stderr_path = err, .append = true},
                                    ChildEnvironment(extra_env));
}

// A running sinmund. Killed (SIGKILL) and reaped by the destructor if still running.
class DaemonProcess {
 public:
  explicit DaemonProcess(pid_t pid) : pid_(pid) {}
  ~DaemonProcess() {
    if (pid_ > 0 && !exit_code_) {
      kill(pid_, SIGKILL);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
  }
  DaemonProcess(const DaemonProcess&) = delete;
  DaemonProcess& operator=(const DaemonProcess&) = delete;

  pid_t pid() const { return pid_; }
  void Signal(int sig) const { kill(pid_, sig); }

  // The exit code (128 + signal for a signal death) once it has exited; nullopt while running.
  std::optional<int> Poll() {
    if (exit_code_ || pid_ <= 0) return exit_code_;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    return exit_code_;
  }
  bool Running() { return !Poll().has_value(); }
  // Waits up to `deadline` for the exit; nullopt when it is still running then.
  std::optional<int> WaitExit(milliseconds deadline = kWait) {
    WaitFor([&] { return Poll().has_value(); }, deadline);
    return Poll();
  }
  // kill -9 and reap.
  void Kill9() {
    Signal(SIGKILL);
    WaitExit();
  }

 private:
  pid_t pid_;
  std::optional<int> exit_code_;
};

using RunResult = test_support::ProcessResult;

struct Source {
  std::string name, type, url, interval;
};

// The config a test writes; every field has the tests' default.
struct Conf {
  std::string per_host_interval = "50ms";
  std::string timeout = "5s";
  std::string max_body = "8MiB";
  std::string revisit = "1h,2h";
  std::string backoff = "30s";
  std::string metrics_listen;  // empty: no endpoint
  bool allow_private_addresses = true;
  std::vector<Source> sources;
};

// A free TCP port on 127.0.0.1, for tests that must know it before the daemon starts.
int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    close(fd);
    return 0;
  }
  close(fd);
  return ntohs(addr.sin_port);
}

// GET path from 127.0.0.1:port over a plain socket (HTTP/1.0, read to close). "" when
// the connection fails.
std::string HttpGet(int port, const std::string& path) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return "";
  }
  const std::string request = "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n";
  if (send(fd, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) {
    close(fd);
    return "";
  }
  std::string response;
  char buf[8192];
  ssize_t n;
  while ((n = recv(fd, buf, sizeof buf, 0)) > 0) response.append(buf, n);
  close(fd);
  return response;
}

// A bound unix datagram socket standing in for systemd's notify socket.
class NotifySocket {
 public:
  explicit NotifySocket(const fs::path& path) : path_(path) {
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    EXPECT_LT(path.string().size(), sizeof addr.sun_path);
    std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
    EXPECT_EQ(bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0) << strerror(errno);
    timeval tv{0, 100'000};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  ~NotifySocket() { close(fd_); }
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  // Reads what has arrived (waiting at most 100 ms) into messages().
  void Drain() {
    char buf[4096];
    ssize_t n;
    while ((n = recv(fd_, buf, sizeof buf, 0)) > 0) {
      std::string datagram(buf, n);
      std::istringstream lines(datagram);
      for (std::string line; std::getline(lines, line);) messages_.push_back(line);
    }
  }
  bool Seen(std::string_view prefix) {
    Drain();
    return std::any_of(messages_.begin(), messages_.end(),
                       [&](const std::string& m) { return m.starts_with(prefix); });
  }
  const std::vector<std::string>& messages() const { return messages_; }

 private:
  fs::path path_;
  int fd_ = -1;
  std::vector<std::string> messages_;
};

class DaemonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Short: the notify socket's path must fit in sun_path.
    dir_ = fs::temp_directory_path() /
           ("sd" + std::to_string(getpid()) + "_" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            std::to_string(++counter_));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    archive_ = (dir_ / "archive").string();
    config_ = (dir_ / "sinmun.conf").string();
    log_ = dir_ / "sinmund.log";
  }
  void TearDown() override {
    if (HasFailure()) {
      std::cerr << "---- sinmund stderr (" << log_ << ") ----\n" << ReadFile(log_) << "----\n";
    }
    fs::remove_all(dir_);
  }

  void WriteConfig(const Conf& c) {
    std::ostringstream o;
    o << "[archive]\npath = " << archive_ << "\n\n[crawler]\n"
      << "per_host_interval = " << c.per_host_interval << "\n"
      << "timeout = " << c.timeout << "\n"
      << "max_body = " << c.max_body << "\n"
      << "allow_private_addresses = " << (c.allow_private_addresses ? "true" : "false") << "\n"
      << "revisit = " << c.revisit << "\n"
      << "backoff = " << c.backoff << "\n\n"
      << "[metrics]\nlisten = " << c.metrics_listen << "\n";
    for (const Source& s : c.sources) {
      o << "\n[source." << s.name << "]\ntype = " << s.type << "\nurl = " << s.url
        << "\ninterval = " << s.interval << "\n";
    }
    WriteFile(config_, o.str());
  }
  static void WriteFile(const std::string& path, const std::string& text) {
    // Write and rename, so the daemon never reads half a file on SIGHUP.
    const std::string tmp = path + ".tmp";
    std::ofstream(tmp, std::ios::binary | std::ios::trunc) << text;
    fs::rename(tmp, path);
  }

  std::unique_ptr<DaemonProcess> StartDaemon(std::vector<std::string> args = {},
                                             std::vector<std::string> env = {}, bool debug = true) {
    args.insert(args.begin(), {"--config", config_});
    if (debug) env.push_back("SINMUN_DEBUG=1");  // every fetch in the log, for the failure report
    pid_t pid = SpawnInside(SINMUN_DAEMON_BINARY, args, dir_ / "sinmund.out", log_, env);
    return std::make_unique<DaemonProcess>(pid);
  }

  // sinmund --once, waited for (generously).
  int RunOnce() {
    auto d = StartDaemon({"--once"});
    std::optional<int> code = d->WaitExit(milliseconds(120'000));
    EXPECT_TRUE(code.has_value()) << "sinmund --once still running after 120 s";
    return code.value_or(-1);
  }

  RunResult Cli(std::vector<std::string> args) {
    args.push_back("--archive");
    args.push_back(archive_);
    fs::path out = dir_ / "cli.out", err = dir_ / "cli.err";
    fs::remove(out);
    fs::remove(err);
    RunResult r;
    pid_t pid = SpawnInside(SINMUN_CLI_BINARY, args, out, err, {});
    if (pid < 0) return r;
    r.code = test_support::WaitProcess(pid);
    r.out = ReadFile(out);
    r.err = ReadFile(err);
    return r;
  }

  // Article ids in the archive (sinmun list --json); empty when it cannot be read yet.
  std::set<std::string> ListedIds() {
    RunResult r = Cli({"list", "--json"});
    std::set<std::string> ids;
    if (r.code != 0) return ids;
    Json j = Json::parse(r.out, nullptr, false);
    if (!j.is_array()) return ids;
    for (const Json& a : j) ids.insert(a["id"].get<std::string>());
    return ids;
  }
  // The change classes of an article's versions, oldest first (sinmun history --json);
  // empty when it is not archived (yet).
  std::vector<std::string> Classes(const std::string& id) {
    RunResult r = Cli({"history", id, "--json"});
    std::vector<std::string> out;
    if (r.code != 0) return out;
    Json j = Json::parse(r.out, nullptr, false);
    if (!j.is_object()) return out;
    for (const Json& v : j["versions"]) out.push_back(v["change_class"].get<std::string>());
    return out;
  }
  bool HasAll(const std::set<std::string>& want) {
    std::set<std::string> have = ListedIds();
    return std::includes(have.begin(), have.end(), want.begin(), want.end());
  }
  std::string Log() { return ReadFile(log_); }

  static std::set<std::string> Ids(const PortalSimulator& sim, const std::vector<std::string>& paths) {
    std::set<std::string> out;
    for (const std::string& p : paths) out.insert(sim.ExpectedId(p));
    return out;
  }
  static Source DaumSource(const PortalSimulator& sim, std::string interval = "1h") {
    return {"sim-daum", "daum", sim.Url(PortalSimulator::kDaumListPath), std::move(interval)};
  }
  static Source NaverSource(const PortalSimulator& sim, std::string interval = "1h") {
    return {"sim-naver", "naver", sim.Url(PortalSimulator::kNaverSectionPath), std::move(interval)};
  }
  static Source FeedSource(const PortalSimulator& sim, std::string interval = "1h") {
    return {"sim-rss", "rss", sim.Url(PortalSimulator::kFeedPath), std::move(interval)};
  }

  // Spawn, inside the namespace that enter_ (a command prefix such as nsenter's) enters.
  pid_t SpawnInside(const std::string& binary, std::vector<std::string> args, const fs::path& out,
                    const fs::path& err, const std::vector<std::string>& env) {
    if (enter_.empty()) return Spawn(binary, args, out, err, env);
    args.insert(args.begin(), binary);
    args.insert(args.begin(), enter_.begin() + 1, enter_.end());
    return Spawn(enter_.front(), args, out, err, env);
  }

  static inline int counter_ = 0;
  fs::path dir_, log_;
  std::string archive_, config_;
  std::vector<std::string> enter_;  // empty: this process's namespaces
};

// Requests to one host ("127.0.0.1:<port>"), in arrival order.
std::vector<Request> ToHost(const std::vector<Request>& all, const std::string& host) {
  std::vector<Request> out;
  for (const Request& r : all) {
    if (r.Header("Host") == host) out.push_back(r);
  }
  return out;
}

TEST_F(DaemonTest, OnceFetchesEverySourceAndArticleOnce) {
  PortalSimulator sim;
  Conf c;
  c.sources = {DaumSource(sim), NaverSource(sim), FeedSource(sim)};
  WriteConfig(c);
  ASSERT_EQ(RunOnce(), 0);

  std::set<std::string> want = Ids(sim, sim.DaumPaths());
  want.merge(Ids(sim, sim.NaverPaths()));
  want.merge(Ids(sim, sim.FeedPaths()));
  ASSERT_EQ(want.size(), 8u);
  EXPECT_EQ(ListedIds(), want);
  for (const auto& paths : {sim.DaumPaths(), sim.NaverPaths(), sim.FeedPaths()}) {
    for (const std::string& p : paths) EXPECT_EQ(sim.RequestCount(p), 1u) << p;
  }
  for (std::string_view p : {PortalSimulator::kDaumListPath, PortalSimulator::kNaverSectionPath,
                             PortalSimulator::kFeedPath}) {
    EXPECT_EQ(sim.RequestCount(p), 1u) << p;
  }
  EXPECT_EQ(sim.RequestCount(PortalSimulator::kPrivateFeedPath), 0u);
  EXPECT_EQ(sim.RequestCount(PortalSimulator::kPrivateDaumPath), 0u);

  RunResult get = Cli({"get", sim.ExpectedId(sim.DaumPaths()[0]), "--json"});
  ASSERT_EQ(get.code, 0) << get.err;
  Json article = Json::parse(get.out);
  SimArticle first = *sim.Article(sim.DaumPaths()[0]);
  EXPECT_EQ(article["title"], first.title);
  EXPECT_EQ(article["blocks"][0]["text"], first.paragraphs[0]);

  RunResult verify = Cli({"verify", "--json"});
  EXPECT_EQ(verify.code, 0) << verify.out << verify.err;
  EXPECT_EQ(Json::parse(verify.out)["ok"], true);
}

TEST_F(DaemonTest, EditsBecomeVersions) {
  PortalSimulator::Options o;
  o.daum_articles = 2;
  PortalSimulator sim(o);
  const std::string edited = sim.DaumPaths()[0], unchanged = sim.DaumPaths()[1];
  sim.EditAfterRequests(edited, 1, [](SimArticle& a) {
    a.paragraphs[1] = "예산안은 재석 의원 252명 가운데 찬성 181명으로 가결됐다.";
  });
  sim.EditAfterRequests(edited, 2, [](SimArticle& a) { a.title = "[속보] " + a.title; });
  Conf c;
  c.revisit = "1s,2s,3s,4s,5s,6s,7s,8s,9s,10s";
  c.sources = {DaumSource(sim)};
  WriteConfig(c);
  auto d = StartDaemon();

  const std::string edited_id = sim.ExpectedId(edited);
  ASSERT_TRUE(WaitFor([&] { return Classes(edited_id).size() >= 3; }))
      << sim.RequestCount(edited) << " requests of " << edited;
  EXPECT_THAT(Classes(edited_id), ::testing::ElementsAre("new", "body", "headline"));
  EXPECT_GE(sim.RequestCount(edited), 3u);
  EXPECT_GE(sim.RequestCount(unchanged), 2u) << "revisited on the ladder too";
  EXPECT_THAT(Classes(sim.ExpectedId(unchanged)), ::testing::ElementsAre("new"));

  RunResult diff = Cli({"diff", edited_id, "1", "2"});
  EXPECT_EQ(diff.code, 0) << diff.err;
  EXPECT_THAT(diff.out, HasSubstr("252"));

  d->Signal(SIGTERM);
  EXPECT_EQ(d->WaitExit(), std::optional<int>(0));
  EXPECT_EQ(Cli({"verify"}).code, 0);
}

// 404 for an archived article records a "deleted" version; a later 200 "restored".
TEST_F(DaemonTest, DeletedThenRestoredBecomeVersions) {
  PortalSimulator::Options o;
  o.daum_articles = 1;
  PortalSimulator sim(o);
  const std::string path = sim.DaumPaths()[0];
  Conf c;
  c.revisit = "1s,2s,3s,4s,5s,6s,7s,8s,9s,10s";
  c.sources = {DaumSource(sim)};
  WriteConfig(c);
  auto d = StartDaemon();

  const std::string id = sim.ExpectedId(path);
  ASSERT_TRUE(WaitFor([&] { return !Classes(id).empty(); })) << "never archived";
  sim.SetGone(path, 404);
  ASSERT_TRUE(WaitFor([&] { return Classes(id).size() >= 2; }))
      << sim.RequestCount(path) << " requests of " << path;
  sim.Restore(path);
  ASSERT_TRUE(WaitFor([&] { return Classes(id).size() >= 3; }))
      << sim.RequestCount(path) << " requests of " << path;
  EXPECT_THAT(Classes(id), ::testing::ElementsAre("new", "deleted", "restored"));
  d->Signal(SIGTERM);
  EXPECT_EQ(d->WaitExit(), std::optional<int>(0));
  EXPECT_EQ(Cli({"verify"}).code, 0);
}

TEST_F(DaemonTest, PolitenessRobotsIntervalAndRetryAfter) {
  PortalSimulator sim;
  Conf c;
  c.per_host_interval = "300ms";
  c.sources = {DaumSource(sim, "1s"), FeedSource(sim)};
  WriteConfig(c);
  auto d = StartDaemon();
  std::set<std::string> want = Ids(sim, sim.DaumPaths());
  want.merge(Ids(sim, sim.FeedPaths()));
  ASSERT_TRUE(WaitFor([&] { return HasAll(want); }));

  // A 429 with Retry-After: 2 for the next article request (new articles appear).
  const size_t before = [&] {
    size_t n = 0;
    for (const Request& r : sim.Requests()) n += r.path.starts_with("/v/") ? 1 : 0;
    return n;
  }();
  sim.FailNext(429, 1, 2, "/v/");
  sim.AddDaumArticle();
  sim.AddDaumArticle();
  std::optional<Request> throttled;
  ASSERT_TRUE(WaitFor([&] {
    size_t n = 0;
    for (const Request& r : sim.Requests()) {
      if (r.path.starts_with("/v/") && n++ == before) throttled = r;
    }
    return throttled.has_value();
  })) << "the new articles were never requested";
  // Watch the host for longer than the Retry-After.
  std::this_thread::sleep_for(milliseconds(3500));
  EXPECT_TRUE(d->Running());
  d->Signal(SIGTERM);
  EXPECT_EQ(d->WaitExit(), std::optional<int>(0));

  const std::string host = "127.0.0.1:" + std::to_string(sim.port());
  std::vector<Request> all = ToHost(sim.Requests(), host);
  ASSERT_GE(all.size(), 10u);
  for (const Request& r : all) {
    if (r.arrival > throttled->arrival) {
      EXPECT_GE(r.arrival - throttled->arrival, seconds(2))
          << r.path << " requested within the Retry-After of the 429";
    }
  }
  // Gaps between arrivals: the interval is between request starts, and an arrival can lag
  // its start by a connection set-up, so allow 50 ms of that (a daemon ignoring the
  // interval would show gaps of a few ms).
  for (size_t i = 1; i < all.size(); ++i) {
    EXPECT_GE(all[i].arrival - all[i - 1].arrival, milliseconds(250))
        << all[i - 1].path << " then " << all[i].path;
  }
  EXPECT_EQ(sim.RequestCount(PortalSimulator::kRobotsPath), 1u);
  EXPECT_EQ(sim.RequestCount(PortalSimulator::kPrivateFeedPath), 0u);
  EXPECT_EQ(sim.RequestCount(PortalSimulator::kPrivateDaumPath), 0u);
  EXPECT_THAT(Log(), HasSubstr(std::string(PortalSimulator::kPrivateFeedPath)))
      << "the disallowed link should be reported as skipped";
}

TEST_F(DaemonTest, HostileServersDoNotStopTheCrawl) {
  PortalSimulator::Options o;
  o.oversized_bytes = 2u << 20;
  o.gzip_bomb_bytes = 64u << 20;
  o.slow_delay = milliseconds(8000);
  o.unavailable_burst = 3;
  PortalSimulator sim(o);
  Conf c;
  c.timeout = "2s";
  c.max_body = "1MiB";
  c.sources = {DaumSource(sim),
               {"sim-hostile", "rss", sim.AltUrl(PortalSimulator::kHostileFeedPath), "1h"}};
  WriteConfig(c);
  auto d = StartDaemon();

  const std::string euc_id = *ArticleIdForUrl(sim.HostileUrl(PortalSimulator::kEucKrPath));
  std::set<std::string> want = Ids(sim, sim.DaumPaths());
  want.insert(euc_id);
  ASSERT_TRUE(WaitFor([&] { return HasAll(want); }));
  for (std::string_view p : {PortalSimulator::kOversizedPath, PortalSimulator::kBombPath,
                             PortalSimulator::kLoopPath, PortalSimulator::kSlowPath,
                             PortalSimulator::kUnavailablePath}) {
    EXPECT_TRUE(WaitFor([&] { return sim.RequestCount(p) > 0; })) << p << " never requested";
  }
  // Past the slow page's timeout, the daemon is still there and healthy.
  std::this_thread::sleep_for(milliseconds(2500));
  EXPECT_TRUE(d->Running());

  RunResult get = Cli({"get", euc_id, "--json"});
  ASSERT_EQ(get.code, 0) << get.err;
  Json j = Json::parse(get.out);
  SimArticle want_euc = *sim.Article(PortalSimulator::kEucKrPath);
  EXPECT_EQ(j["encoding"], "EUC-KR");
  EXPECT_EQ(j["title"], want_euc.title);
  ASSERT_EQ(j["blocks"].size(), want_euc.paragraphs.size());
  for (size_t i = 0; i < want_euc.paragraphs.size(); ++i) {
    EXPECT_EQ(j["blocks"][i]["text"], want_euc.paragraphs[i]);
  }
  std::set<std::string> listed = ListedIds();
  for (std::string_view p : {PortalSimulator::kOversizedPath, PortalSimulator::kBombPath,
                             PortalSimulator::kLoopPath, PortalSimulator::kSlowPath}) {
    EXPECT_EQ(listed.count(*ArticleIdForUrl(sim.HostileUrl(p))), 0u) << p << " was archived";
  }
  d->Signal(SIGTERM);
  EXPECT_EQ(d->WaitExit(), std::optional<int>(0));
  EXPECT_EQ(Cli({"verify"}).code, 0);
}

TEST_F(DaemonTest, Kill9AndRestartLosesNothingAndRefetchesNothing) {
  PortalSimulator::Options o;
  o.daum_articles = 8;
  PortalSimulator sim(o);
  sim.SetDelay("/v/", milliseconds(500));
  Conf c;
  c.per_host_interval = "100ms";
  c.sources = {DaumSource(sim, "2s")};
  WriteConfig(c);
  auto d = StartDaemon();

  std::set<std::string> seen;
  ASSERT_TRUE(WaitFor([&] {
    seen = ListedIds();
    return seen.size() >= 3;
  }));
  std::map<std::string, std::vector<std::string>> before;
  for (const std::string& id : seen) before[id] = Classes(id);
  d->Kill9();
  ASSERT_EQ(d->Poll(), std::optional<int>(128 + SIGKILL));
  ASSERT_LT(seen.size(), 8u) << "the crawl should have been cut short";

  RunResult verify = Cli({"verify"});
  EXPECT_EQ(verify.code, 0) << verify.out << verify.err;
  for (const auto& [id, classes] : before) EXPECT_EQ(Classes(id), classes) << id;

  sim.SetDelay("/v/", milliseconds(0));
  const std::string added = sim.AddDaumArticle();
  d = StartDaemon();
  std::set<std::string> want = Ids(sim, sim.DaumPaths());
  ASSERT_EQ(want.size(), 9u);
  ASSERT_TRUE(WaitFor([&] { return HasAll(want); })) << "the crawl did not continue";
  d->Signal(SIGTERM);
  EXPECT_EQ(d->WaitExit(), std::optional<int>(0));

  for (const auto& [id, classes] : before) {
    std::vector<std::string> now = Classes(id);
    ASSERT_GE(now.size(), classes.size()) << id;
    EXPECT_TRUE(std::equal(classes.begin(), classes.end(), now.begin())) << id;
  }
  // The ladder's first rung is an hour away: an article recorded before the kill is
  // fetched exactly once; one in flight at the kill may be fetched once more.
  for (const std::string& p : sim.DaumPaths()) {
    const std::string id = sim.ExpectedId(p);
    if (before.count(id) > 0) {
      EXPECT_EQ(sim.RequestCount(p), 1u) << p << " refetched after the restart";
    } else {
      EXPECT_LE(sim.RequestCount(p), 2u) << p;
    }
  }
  EXPECT_EQ(sim.RequestCount(added), 1u);
  EXPECT_EQ(sim.RequestCount(PortalSimulator::kRobotsPath), 2u) << "once per process";
  verify = Cli({"verify"});
  EXPECT_EQ(verify.code, 0) << verify.out << verify.err;
}

TEST_F(DaemonTest, SighupAddsASourceAndSurvivesABrokenConfig) {
  PortalSimulator sim;
  Conf c;
  c.sources = {DaumSource(sim, "1s")};
  WriteConfig(c);
  auto d = StartDaemon();
  ASSERT_TRUE(WaitFor([&] { return HasAll(Ids(sim, sim.DaumPaths())); }));
  EXPECT_EQ(sim.RequestCount(PortalSimulator::kFeedPath), 0u);

  c.sources.push_back(FeedSource(sim));
  c.timeout = "6s";  // needs a restart: the log names it
  WriteConfig(c);
  d->Signal(SIGHUP);
  ASSERT_TRUE(WaitFor([&] { return HasAll(Ids(sim, sim.FeedPaths())); }))
      << "the new source was not polled";
  EXPECT_THAT(Log(), HasSubstr("reload: these changes wait for a restart: [crawler] timeout;"));

  WriteFile(config_, "[crawler]\nper_host_interval = soon\n[source.x]\ntype = gopher\n");
  d->Signal(SIGHUP);
  EXPECT_TRUE(WaitFor([&] { return Log().find("keeping the running configuration") != std::string::npos; }));
  const size_t polls = sim.RequestCount(PortalSimulator::kDaumListPath);
  EXPECT_TRUE(WaitFor([&] { return sim.RequestCount(PortalSimulator::kDaumListPath) >= polls + 2; }))
      << "the old source is no longer polled";
  const std::string added = sim.AddDaumArticle();
  EXPECT_TRUE(WaitFor([&] { return ListedIds().count(sim.ExpectedId(added)) > 0; }));
  EXPECT_TRUE(d->Running());
  d->Signal(SIGTERM);
  EXPECT_EQ(d->WaitExit(), std::optional<int>(0));
}

TEST_F(DaemonTest, SigtermDrainsSlowFetchesAndExitsZero) {
  PortalSimulator::Options o;
  o.daum_articles = 3;
  PortalSimulator sim(o);
  sim.SetDelay("/v/", milliseconds(3000));
  Conf c;
  c.timeout = "20s";
  c.sources = {DaumSource(sim)};
  WriteConfig(c);
  auto d = StartDaemon();
  ASSERT_TRUE(WaitFor([&] { return sim.RequestCount(sim.DaumPaths()[0]) > 0; }));
  d->Signal(SIGTERM);
  // kDrainDeadline is 10 s; wait three times that.
  std::optional<int> code = d->WaitExit(milliseconds(30'000));
  ASSERT_TRUE(code.has_value()) << "sinmund did not exit after SIGTERM";
  EXPECT_EQ(*code, 0);
  EXPECT_THAT(Log(), HasSubstr("stopping"));
  // The fetch in flight at SIGTERM was finished and recorded.
  EXPECT_EQ(ListedIds().count(sim.ExpectedId(sim.DaumPaths()[0])), 1u);
  EXPECT_EQ(Cli({"verify"}).code, 0);
}

TEST_F(DaemonTest, TellsTheServiceManagerReadyStatusWatchdogStopping) {
  PortalSimulator sim;
  Conf c;
  c.sources = {DaumSource(sim)};
  WriteConfig(c);
  const fs::path socket_path = dir_ / "notify";
  NotifySocket notify(socket_path);
  // WATCHDOG_PID unset: sd_watchdog_enabled() then accepts any pid.
  auto d = StartDaemon({}, {"NOTIFY_SOCKET=" + socket_path.string(), "WATCHDOG_USEC=1000000"});
  EXPECT_TRUE(WaitFor([&] { return notify.Seen("READY=1"); }));
  EXPECT_TRUE(WaitFor([&] { return notify.Seen("STATUS="); }));
  EXPECT_TRUE(WaitFor([&] { return notify.Seen("WATCHDOG=1"); }));
  d->Signal(SIGTERM);
  EXPECT_TRUE(WaitFor([&] { return notify.Seen("STOPPING=1"); }));
  EXPECT_EQ(d->WaitExit(), std::optional<int>(0));
  std::string all;
  for (const std::string& m : notify.messages()) all += m + "\n";
  EXPECT_THAT(all, HasSubstr("articles")) << "STATUS should summarise the crawl";
}

TEST_F(DaemonTest, CliReadsWhileTheDaemonWritesButCannotIngest) {
  PortalSimulator::Options o;
  o.daum_articles = 6;
  PortalSimulator sim(o);
  Conf c;
  c.per_host_interval = "300ms";
  c.sources = {DaumSource(sim)};
  WriteConfig(c);
  auto d = StartDaemon();
  ASSERT_TRUE(WaitFor([&] { return !ListedIds().empty(); }));
  const std::string id = *ListedIds().begin();
  RunResult list = Cli({"list", "--json"});
  EXPECT_EQ(list.code, 0) << list.err;
  RunResult history = Cli({"history", id});
  EXPECT_EQ(history.code, 0) << history.err;
  RunResult stats = Cli({"stats", "--json"});
  EXPECT_EQ(stats.code, 0) << stats.err;
  RunResult ingest = Cli({"ingest", std::string(SINMUN_EXAMPLES) + "/daum_v1.html", "--url",
                          "https://v.daum.net/v/20261102093000123"});
  EXPECT_EQ(ingest.code, 75) << ingest.out << ingest.err;
  EXPECT_FALSE(ingest.err.empty()) << "the refusal should say why";
  // The daemon goes on writing while read.
  EXPECT_TRUE(WaitFor([&] { return HasAll(Ids(sim, sim.DaumPaths())); }));
  d->Signal(SIGTERM);
  EXPECT_EQ(d->WaitExit(), std::optional<int>(0));
}

TEST_F(DaemonTest, ConfiguredBackoffKeepsTheHostAloneThatLong) {
  PortalSimulator sim;
  Conf c;
  c.backoff = "1s";  // 1-1.5 s with jitter; the default would be 30-45 s
  c.sources = {DaumSource(sim, "1s")};
  WriteConfig(c);
  auto d = StartDaemon();
  ASSERT_TRUE(WaitFor([&] { return HasAll(Ids(sim, sim.DaumPaths())); }));
  const size_t before = sim.Requests().size();
  sim.FailNext(503, 1, std::nullopt, "/v/");
  sim.AddDaumArticle();
  std::optional<Request> failed, next;
  ASSERT_TRUE(WaitFor([&] {
    std::vector<Request> all = sim.Requests();
    for (size_t i = before; i < all.size(); ++i) {
      if (!failed && all[i].path.starts_with("/v/")) {
        failed = all[i];
      } else if (failed && all[i].arrival > failed->arrival) {
        next = all[i];
        break;
      }
    }
    return next.has_value();
  }, seconds(15))) << "the host was not asked again within 15 s of the 503";
  EXPECT_GE(next->arrival - failed->arrival, milliseconds(950)) << next->path;
  d->Signal(SIGTERM);
  EXPECT_EQ(d->WaitExit(), std::optional<int>(0));
}

TEST_F(DaemonTest, ServesMetricsAndHealthz) {
  PortalSimulator sim;
  Conf c;
  c.metrics_listen = "127.0.0.1:0";  // any free port; the log names it
  c.sources = {DaumSource(sim)};
  WriteConfig(c);
  auto d = StartDaemon();
  int port = 0;
  ASSERT_TRUE(WaitFor([&] {
    std::smatch m;
    const std::string log = Log();
    if (!std::regex_search(log, m, std::regex("changes feed on 127\\.0\\.0\\.1:0 \\(port ([0-9]+)\\)"))) return false;
    port = std::stoi(m[1]);
    return true;
  })) << Log();
  ASSERT_GT(port, 0);
  std::string healthz, metrics;
  EXPECT_TRUE(WaitFor([&] {
    healthz = HttpGet(port, "/healthz");
    return healthz.starts_with("HTTP/1.") && healthz.find(" 200 ") != std::string::npos;
  })) << healthz;
  EXPECT_THAT(healthz, HasSubstr("ok"));
  ASSERT_TRUE(WaitFor([&] { return HasAll(Ids(sim, sim.DaumPaths())); }));
  EXPECT_TRUE(WaitFor([&] {
    metrics = HttpGet(port, "/metrics");
    return metrics.find("sinmun_fetches_total{") != std::string::npos;
  })) << metrics;
  EXPECT_THAT(metrics, HasSubstr("# TYPE sinmun_fetches_total counter"));
  EXPECT_THAT(metrics, HasSubstr("source=\"sim-daum\""));
  EXPECT_THAT(HttpGet(port, "/nothing-here"), HasSubstr(" 404 "));
  d->Signal(SIGTERM);
  EXPECT_EQ(d->WaitExit(), std::optional<int>(0));
}

// A portal redesign: article pages still answer 200 but yield no body. The daemon must
// say so loudly (log naming the source, metric, `sinmun stats`), for both kinds of
// redesign the simulator knows.
class ParserHealthTest : public DaemonTest, public ::testing::WithParamInterface<Redesign> {};

TEST_P(ParserHealthTest, RedesignIsReportedForTheSource) {
  PortalSimulator::Options o;
  o.daum_articles = 3;
  PortalSimulator sim(o);
  const int port = FreePort();
  Conf c;
  c.metrics_listen = "127.0.0.1:" + std::to_string(port);
  c.sources = {DaumSource(sim, "1s")};
  WriteConfig(c);
  auto d = StartDaemon();
  ASSERT_TRUE(WaitFor([&] { return HasAll(Ids(sim, sim.DaumPaths())); }));
  EXPECT_THAT(Log(), ::testing::Not(HasSubstr("layout")));

  sim.SetRedesign(GetParam());
  std::vector<std::string> redesigned;
  for (int i = 0; i < 12; ++i) redesigned.push_back(sim.AddDaumArticle());
  ASSERT_TRUE(WaitFor([&] {
    return std::all_of(redesigned.begin(), redesigned.end(),
                       [&](const std::string& p) { return sim.RequestCount(p) > 0; });
  })) << "the new articles were not fetched";
  EXPECT_TRUE(WaitFor([&] {
    const std::string log = Log();
    return log.find("source sim-daum") != std::string::npos &&
           log.find("layout changed") != std::string::npos;
  }, milliseconds(10'000))) << "no error names the source";

  RunResult stats = Cli({"stats", "--json"});
  ASSERT_EQ(stats.code, 0) << stats.err;
  Json j = Json::parse(stats.out);
  EXPECT_TRUE(j.contains("unhealthy_sources") && j["unhealthy_sources"].contains("sim-daum"))
      << stats.out;
  // 12 of the last 15 pages yielded nothing.
  const std::string metrics = HttpGet(port, "/metrics");
  const std::string gauge = "\nsinmun_source_empty_share{source=\"sim-daum\"} ";
  const size_t at = metrics.find(gauge);
  ASSERT_NE(at, std::string::npos) << metrics;
  EXPECT_GE(std::stod(metrics.substr(at + gauge.size())), 0.75) << metrics;
  d->Signal(SIGTERM);
  EXPECT_EQ(d->WaitExit(), std::optional<int>(0));
}

INSTANTIATE_TEST_SUITE_P(Redesigns, ParserHealthTest,
                         ::testing::Values(Redesign::kNoBody, Redesign::kEmptyBody),
                         [](const auto& info) {
                           return std::string(info.param == Redesign::kNoBody ? "NoBody"
                                                                              : "EmptyBody");
                         });


namespace sinmun {
namespace {

// A paged legacy Naver list (main/list.naver?…&page=N, seven pages) on a loopback host:
// one poll follows the paging bar kMaxListingPages (5) pages deep and no further.
TEST_F(DaemonTest, PagedLegacyListIsFollowedFivePagesDeep) {
  test_support::LoopbackServer server([](const test_support::Request& req) {
    if (req.path == "/robots.txt") return test_support::Response::WithType("text/plain", "", 404);
    if (req.path != "/main/list.naver") return test_support::Response::Html("gone", 404);
    std::optional<std::string> page_param = QueryParam(req.query, "page");
    int page = page_param ? std::atoi(page_param->c_str()) : 1;
    std::string body =
        "<html><head><meta charset=\"utf-8\"><title>정치 : 네이버 뉴스</title></head><body>"
        "<div class=\"list_body newsflash_body\"><ul class=\"type06_headline\">";
    for (int k = 1; k <= 2; ++k) {
      char aid[11];
      std::snprintf(aid, sizeof aid, "%010d", page * 10 + k);
      body += "<li><dl><dt><a href=\"/mnews/article/001/" + std::string(aid) +
              "?sid=100\">기사 " + std::to_string(page) + "-" + std::to_string(k) +
              "</a></dt></dl></li>";
    }
    body += "</ul></div><div class=\"paging\"><strong>" + std::to_string(page) + "</strong>";
    if (page < 7) {
      body += " <a href=\"?mode=LS2D&amp;mid=shm&amp;sid1=100&amp;date=20261102&amp;page=" +
              std::to_string(page + 1) + "\">" + std::to_string(page + 1) + "</a>";
    }
    body += "</div></body></html>";
    return test_support::Response::Html(body);
  });
  Conf c;
  c.sources = {{"legacy", "naver",
                server.Url("/main/list.naver?mode=LS2D&mid=shm&sid1=100&date=20261102&page=1"),
                "1h"}};
  WriteConfig(c);
  ASSERT_EQ(RunOnce(), 0);

  std::map<int, int> list_requests;
  for (const test_support::Request& r : server.requests()) {
    if (r.path != "/main/list.naver") continue;
    std::optional<std::string> page = QueryParam(r.query, "page");
    ASSERT_TRUE(page);
    ++list_requests[std::atoi(page->c_str())];
  }
  EXPECT_EQ(list_requests, (std::map<int, int>{{1, 1}, {2, 1}, {3, 1}, {4, 1}, {5, 1}}));
  // The pages' articles were visited (and, being 404, not archived).
  size_t article_requests = 0;
  for (const test_support::Request& r : server.requests()) {
    if (r.path.rfind("/mnews/article/001/", 0) == 0) ++article_requests;
  }
  EXPECT_EQ(article_requests, 10u);
}

// ---- discovery as real sites publish ----

// A `type = sitemap` source whose URL is a sitemap index: its one child, a Google News
// urlset, is fetched, then the article it lists, which is archived.
TEST_F(DaemonTest, SitemapIndexIsFollowedToItsChildAndTheArticle) {
  PortalSimulator sim;
  Conf c;
  c.sources = {{"sim-index", "sitemap", sim.Url(PortalSimulator::kSitemapIndexPath), "1h"}};
  WriteConfig(c);
  ASSERT_EQ(RunOnce(), 0);
  const std::string article = PortalSimulator::DiscoveryArticlePath(PortalSimulator::kSitemapIndexPath);
  EXPECT_EQ(sim.RequestCount(PortalSimulator::kSitemapIndexPath), 1u);
  EXPECT_EQ(sim.RequestCount(PortalSimulator::kNewsSitemapPath), 1u);
  EXPECT_EQ(sim.RequestCount(article), 1u);
  EXPECT_EQ(ListedIds(), std::set<std::string>{sim.ExpectedId(article)});
}

// A sitemap served as /sitemap-news.xml.gz, application/x-gzip, without Content-Encoding.
TEST_F(DaemonTest, GzippedSitemapIsRead) {
  PortalSimulator sim;
  Conf c;
  c.sources = {{"sim-gz", "sitemap", sim.Url(PortalSimulator::kGzipSitemapPath), "1h"}};
  WriteConfig(c);
  ASSERT_EQ(RunOnce(), 0);
  const std::string article = PortalSimulator::DiscoveryArticlePath(PortalSimulator::kGzipSitemapPath);
  EXPECT_EQ(ListedIds(), std::set<std::string>{sim.ExpectedId(article)});
  EXPECT_THAT(Log(), ::testing::Not(HasSubstr("content type not accepted")));
}

// RSS 1.0 as application/rdf+xml and RSS 2.0 as application/octet-stream. The second
// article's page states no time: it gets its feed item's pubDate.
TEST_F(DaemonTest, FeedsUnderRdfAndOctetStreamTypesAreRead) {
  PortalSimulator sim;
  Conf c;
  c.sources = {{"sim-rdf", "rss", sim.Url(PortalSimulator::kRdfFeedPath), "1h"},
               {"sim-octet", "rss", sim.Url(PortalSimulator::kOctetFeedPath), "1h"}};
  WriteConfig(c);
  ASSERT_EQ(RunOnce(), 0);
  const std::string rdf = PortalSimulator::DiscoveryArticlePath(PortalSimulator::kRdfFeedPath);
  const std::string octet = PortalSimulator::DiscoveryArticlePath(PortalSimulator::kOctetFeedPath);
  EXPECT_EQ(ListedIds(), (std::set<std::string>{sim.ExpectedId(rdf), sim.ExpectedId(octet)}));

  RunResult get = Cli({"get", sim.ExpectedId(octet), "--json"});
  ASSERT_EQ(get.code, 0) << get.err;
  EXPECT_EQ(Json::parse(get.out)["published"],
            FormatRfc3339Kst(std::chrono::floor<seconds>(sim.ListingTime())));
}

// A feed, a sitemap and a listing polled again: each second request sends the validator
// of the first and costs a 304; nothing is fetched again.
TEST_F(DaemonTest, ListingsArePolledConditionally) {
  PortalSimulator sim;
  Conf c;
  c.sources = {FeedSource(sim), DaumSource(sim),
               {"sim-gz", "sitemap", sim.Url(PortalSimulator::kGzipSitemapPath), "1h"}};
  WriteConfig(c);
  ASSERT_EQ(RunOnce(), 0);
  const size_t requests = sim.Requests().size();
  ASSERT_EQ(RunOnce(), 0);  // a second --once run, as from cron: every source due again
  for (std::string_view path : {PortalSimulator::kFeedPath, PortalSimulator::kDaumListPath,
                                PortalSimulator::kGzipSitemapPath}) {
    std::vector<Request> polls = sim.RequestsTo(path);
    ASSERT_EQ(polls.size(), 2u) << path;
    EXPECT_EQ(polls[0].Header("If-None-Match"), "") << path;
    EXPECT_NE(polls[1].Header("If-None-Match"), "") << path;
  }
  // The second run made the three listing requests and nothing else (robots.txt is
  // fetched again by the new process).
  size_t second_run = 0;
  for (const Request& r : sim.Requests()) second_run += r.path != PortalSimulator::kRobotsPath;
  size_t first_run = 0;
  std::vector<Request> all = sim.Requests();
  for (size_t i = 0; i < requests; ++i) first_run += all[i].path != PortalSimulator::kRobotsPath;
  EXPECT_EQ(second_run - first_run, 3u);
  EXPECT_THAT(Log(), HasSubstr("not modified"));
}

// A sitemap index that changes at every poll, whose child does not: the child is fetched
// again with its validator and answers 304.
TEST_F(DaemonTest, ChildSitemapsArePolledConditionally) {
  std::atomic<int> index_polls{0};
  const std::string when = FormatRfc3339Kst(
      std::chrono::floor<seconds>(std::chrono::system_clock::now()) - std::chrono::minutes(5));
  test_support::LoopbackServer server([&](const test_support::Request& req) {
    using test_support::Response;
    if (req.path == "/robots.txt") return Response::WithType("text/plain", "", 404);
    if (req.path == "/index.xml") {
      // A new <!-- poll --> comment each time: the index changed, its child did not.
      return Response::WithType(
          "application/xml",
          "<?xml version=\"1.0\"?><!-- poll " + std::to_string(++index_polls) +
              " --><sitemapindex><sitemap><loc>/child.xml</loc><lastmod>" + when +
              "</lastmod></sitemap></sitemapindex>");
    }
    if (req.path == "/child.xml") {
      if (req.Header("If-None-Match") == "\"c1\"") return Response::WithType("application/xml", "", 304);
      Response r = Response::WithType(
          "application/xml", "<urlset><url><loc>/a/1</loc><lastmod>" + when + "</lastmod></url></urlset>");
      r.headers.emplace_back("ETag", "\"c1\"");
      return r;
    }
    return Response::Html("<html><body>gone</body></html>", 404);
  });
  Conf c;
  c.sources = {{"index", "sitemap", server.Url("/index.xml"), "1s"}};
  WriteConfig(c);
  auto d = StartDaemon();
  const auto child_polls = [&] {
    std::vector<test_support::Request> out;
    for (const test_support::Request& r : server.requests()) {
      if (r.path == "/child.xml") out.push_back(r);
    }
    return out;
  };
  ASSERT_TRUE(WaitFor([&] { return child_polls().size() >= 2; })) << index_polls.load() << " index polls";
  d->Signal(SIGTERM);
  EXPECT_EQ(d->WaitExit(), 0);
  std::vector<test_support::Request> polls = child_polls();
  EXPECT_EQ(polls[0].Header("If-None-Match"), "");
  EXPECT_EQ(polls[1].Header("If-None-Match"), "\"c1\"");
}

// A feed lists its items in no particular order: the newest is fetched first, an undated
// one after the dated ones, and one dated beyond the two-day horizon not at all.
TEST_F(DaemonTest, NewestFeedItemsAreFetchedFirst) {
  const auto now = std::chrono::floor<seconds>(std::chrono::system_clock::now());
  const auto at = [&](std::chrono::minutes ago) { return FormatRfc3339Kst(now - ago); };
  const std::string feed =
      "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
      "<entry><title>a</title><link href=\"/a/older\"/><published>" + at(std::chrono::minutes(90)) +
      "</published></entry>"
      "<entry><title>b</title><link href=\"/a/undated\"/></entry>"
      "<entry><title>c</title><link href=\"/a/newest\"/><published>" + at(std::chrono::minutes(5)) +
      "</published></entry>"
      "<entry><title>d</title><link href=\"/a/old\"/><published>" + at(std::chrono::minutes(3 * 24 * 60)) +
      "</published></entry>"
      "<entry><title>e</title><link href=\"/a/middle\"/><published>" + at(std::chrono::minutes(30)) +
      "</published></entry></feed>";
  test_support::LoopbackServer server([&](const test_support::Request& req) {
    if (req.path == "/robots.txt") return test_support::Response::WithType("text/plain", "", 404);
    if (req.path == "/atom.xml") return test_support::Response::WithType("application/atom+xml", feed);
    return test_support::Response::Html("<html><body>gone</body></html>", 404);
  });
  Conf c;
  c.sources = {{"atom", "rss", server.Url("/atom.xml"), "1h"}};
  WriteConfig(c);
  ASSERT_EQ(RunOnce(), 0);
  std::vector<std::string> order;
  for (const test_support::Request& r : server.requests()) {
    if (r.path.starts_with("/a/")) order.push_back(r.path);
  }
  EXPECT_THAT(order, ::testing::ElementsAre("/a/newest", "/a/middle", "/a/older", "/a/undated"));
}

// A feed whose bytes are no XML under text/plain: an error naming the source, and the
// crawl goes on.
TEST_F(DaemonTest, NonXmlFeedIsAnErrorNamingTheSource) {
  test_support::LoopbackServer server([](const test_support::Request& req) {
    if (req.path == "/robots.txt") return test_support::Response::WithType("text/plain", "", 404);
    return test_support::Response::WithType("text/plain", "Service temporarily unavailable");
  });
  Conf c;
  c.sources = {{"broken-feed", "rss", server.Url("/rss.xml"), "1h"}};
  WriteConfig(c);
  ASSERT_EQ(RunOnce(), 0);
  EXPECT_THAT(Log(), HasSubstr("source broken-feed [not-a-feed]: not a feed: served as text/plain and not XML"));
}

// The saved copies of every shipped source (tests/data/sources), replayed on their own
// host names: each is discovered and its article page fetched, and yields an article with
// a title and paragraphs. Daum's listing and article are the real saved pages and are
// skipped, saying so, when absent.
TEST_F(DaemonTest, ReplayedSourcesEachYieldAnArticle) {
  const char* env = std::getenv("SINMUN_REAL_PAGES");
  PortalSimulator::Options o;
  o.replay_manifest = std::string(SINMUN_TEST_DATA) + "/sources/replay.tsv";
  o.real_pages_dir = (env != nullptr && *env != '\0') ? env : SINMUN_REAL_PAGES_DEFAULT;
  PortalSimulator sim(o);
  ASSERT_NE(sim.replay(), nullptr);
  Conf c;
  c.per_host_interval = "10ms";
  std::vector<std::string> replayed;
  for (const test_support::SourceReplay::Source& s : sim.replay()->sources()) {
    if (!s.available) {
      std::cerr << "[ SKIPPED  ] source " << s.name << ": " << s.missing << " is absent\n";
      continue;
    }
    c.sources.push_back({s.name, s.type, sim.replay()->ReplayUrl(s.url, sim.port()), "1h"});
    replayed.push_back(s.name);
  }
  ASSERT_GE(replayed.size(), 5u);
  WriteConfig(c);
  ASSERT_EQ(RunOnce(), 0);

  // One article page per source, as replay.tsv routes it (the Daum page names its own id).
  const std::map<std::string, std::string> article_of = {
      {"daum-politics", "daum:20260321214325415"},
      {"yonhap", "https://www.yna.co.kr/view/AKR20261130012300001"},
      {"hankyoreh", "https://www.hani.co.kr/arti/politics/assembly/1230001.html"},
      {"donga", "https://www.donga.com/news/Economy/article/all/20261130/130000001/1"},
      {"joongang", "https://www.joongang.co.kr/article/25380001"},
      {"chosun", "https://www.chosun.com/politics/assembly/2026/11/30/7QK3M5V2XRF4PDLJ2HN6YB5TUE/"}};
  const std::set<std::string> archived = ListedIds();
  for (const std::string& name : replayed) {
    ASSERT_EQ(article_of.count(name), 1u) << name;
    const std::string& want = article_of.at(name);
    // A replayed page's canonical URL names the real host, another site than the replay's
    // <host>.localhost: its id is the URL fetched, scheme folded (common/identity.h).
    const std::string id =
        want.starts_with("daum:")
            ? want
            : ArticleIdForUrl(sim.replay()->ReplayUrl(want, sim.port())).value_or("(no id)");
    EXPECT_EQ(archived.count(id), 1u) << name << ": " << id << " not archived";
    RunResult get = Cli({"get", id, "--json"});
    ASSERT_EQ(get.code, 0) << name << ": " << get.err;
    Json article = Json::parse(get.out);
    EXPECT_FALSE(article["title"].get<std::string>().empty()) << name;
    size_t paragraphs = 0;
    for (const Json& b : article["blocks"]) paragraphs += b["type"] == "paragraph";
    EXPECT_GE(paragraphs, 3u) << name << ": " << get.out;
    if (name == "donga") {
      // Its body is text runs between <br><br> in section.news_view, with no <p>, a photo
      // with its caption, an ad slot between runs and the byline last (read by hand).
      EXPECT_EQ(paragraphs, 4u) << get.out;
      EXPECT_EQ(article["blocks"][1]["text"], "정부가 반도체 특별법 시행령 제정안을 30일 입법예고했다.");
      EXPECT_EQ(article["blocks"][0]["type"], "image");
      EXPECT_EQ(article["blocks"][0]["text"], "산업통상자원부 전경. 동아일보 DB");
      EXPECT_EQ(article["subtitle"], "클러스터 전력·용수 국가 책임…연구인력 근로시간 특례 기준 담아");
      EXPECT_EQ(article["press"], "동아일보");
      EXPECT_EQ(article["authors"], Json::array({"윤산업"}));
      EXPECT_THAT(get.out, ::testing::Not(HasSubstr("industry@donga.com")));
    }
  }
  // Each source's status says it yields articles, with the links it found.
  RunResult sources = Cli({"sources", "--json"});
  ASSERT_EQ(sources.code, 0) << sources.err;
  std::map<std::string, Json> status;
  for (const Json& s : Json::parse(sources.out)) status[s["name"].get<std::string>()] = s;
  for (const std::string& name : replayed) {
    ASSERT_EQ(status.count(name), 1u) << sources.out;
    EXPECT_EQ(status[name]["status"], "ok") << name << ": " << status[name].dump();
    EXPECT_GE(status[name]["found_24h"].get<uint64_t>(), 1u) << name;
    EXPECT_GE(status[name]["archived_24h"].get<uint64_t>(), 1u) << name;
  }
}

}  // namespace
}  // namespace sinmun

// --- Faults of the network: no revisit lost ------------------------------------------------

// The number of lines of the log (from the start of the file) that hold `text`.
size_t CountInLog(const std::string& log, const std::string& text) {
  size_t n = 0;
  for (size_t pos = log.find(text); pos != std::string::npos; pos = log.find(text, pos + 1)) ++n;
  return n;
}

// robots.txt answers 503 when the revisit is due, then 200 again: the revisit waits for it
// and archives the edit made meanwhile (RFC 9309 §2.3.1.4: unreachable = do not crawl *for
// now*). Before, the article's task was deleted and the edit never archived.
TEST_F(DaemonTest, RobotsOutageAtRevisitTimeDelaysTheRevisitButKeepsIt) {
  PortalSimulator sim;
  Conf c;
  c.backoff = "1s";
  c.revisit = "6s,1h";  // not due again before --once ends
  c.sources = {DaumSource(sim)};
  WriteConfig(c);
  ASSERT_EQ(RunOnce(), 0) << Log();
  const std::string path = sim.DaumPaths()[0];
  const std::string id = sim.ExpectedId(path);
  ASSERT_EQ(Classes(id), std::vector<std::string>{"new"});

  sim.EditParagraph(path, 0, "robots.txt가 잠시 응답하지 않은 사이에 고친 문단.");
  sim.FailNext(503, 1, std::nullopt, std::string(PortalSimulator::kRobotsPath));
  std::this_thread::sleep_for(seconds(6));  // the revisit falls due
  auto d = StartDaemon();
  EXPECT_TRUE(WaitFor([&] { return Classes(id).size() == 2; }))
      << "the revisit after the robots.txt outage never came\n" << Log();
  EXPECT_EQ(Classes(id), (std::vector<std::string>{"new", "body"}));
  EXPECT_GE(sim.RequestCount(PortalSimulator::kRobotsPath), 3u) << "once per run, plus the retry";
  const std::string log = Log();
  EXPECT_THAT(log, HasSubstr("robots.txt unreachable: HTTP 503"));
  EXPECT_EQ(log.find("disallows"), std::string::npos) << log;
  d->Signal(SIGTERM);
  EXPECT_EQ(d->WaitExit(), std::optional<int>(0));
}

// The server is gone (connections refused) for longer than five retries, and sinmund is
// restarted meanwhile: when it is back, every due article is revisited, none given up.
TEST_F(DaemonTest, NetworkOutageLongerThanFiveRetriesLosesNoRevisit) {
  PortalSimulator sim;
  Conf c;
  c.backoff = "1s";
  c.revisit = "10s,1h";  // the edits below come before the first revisit
  c.sources = {DaumSource(sim)};
  WriteConfig(c);
  auto d = StartDaemon();
  const std::set<std::string> ids = Ids(sim, sim.DaumPaths());
  ASSERT_TRUE(WaitFor([&] { return HasAll(ids); })) << Log();
  for (const std::string& path : sim.DaumPaths()) {
    sim.EditParagraph(path, 1, "서버가 멈춘 동안 고친 문단.");
  }
  sim.SetDown(true);
  const std::string failed = "fetch article " + sim.Url("/v/");
  ASSERT_TRUE(WaitFor([&] { return CountInLog(Log(), failed) >= 6; }, seconds(60)))
      << "fewer than six failed fetches while the server was down\n" << Log();
  // A restart during the outage: robots.txt cannot be read either.
  d->Signal(SIGTERM);
  ASSERT_EQ(d->WaitExit(), std::optional<int>(0));
  d = StartDaemon();
  ASSERT_TRUE(WaitFor([&] { return Log().find("robots.txt unreachable") != std::string::npos; }))
      << Log();
  sim.SetDown(false);
  EXPECT_TRUE(WaitFor([&] {
    for (const std::string& id : ids) {
      if (Classes(id).size() != 2) return false;
    }
    return true;
  }, seconds(90))) << Log();
  for (const std::string& id : ids) EXPECT_EQ(Classes(id), (std::vector<std::string>{"new", "body"})) << id;
  EXPECT_EQ(Log().find("disallows"), std::string::npos);
  d->Signal(SIGTERM);
  EXPECT_EQ(d->WaitExit(), std::optional<int>(0));
}

// Every hop of a redirect is a request the frontier schedules: against a chain and a loop
// on one host, no two request starts are closer than per_host_interval.
TEST_F(DaemonTest, RedirectHopsKeepThePerHostInterval) {
  std::mutex mu;
  test_support::LoopbackServer server([&](const Request& req) {
    if (req.path == "/robots.txt") return test_support::Response::WithType("text/plain", "User-agent: *\nAllow: /\n");
    if (req.path == "/feed.xml") {
      const std::string base = "http://" + req.Header("Host");
      return test_support::Response::WithType(
          "application/rss+xml",
          "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>t</title>"
          "<item><title>a</title><link>" + base + "/chain/0</link></item>"
          "<item><title>b</title><link>" + base + "/loop/a</link></item>"
          "</channel></rss>");
    }
    if (req.path.starts_with("/chain/")) {
      const int n = std::stoi(req.path.substr(7));
      if (n < 3) return test_support::Response::Redirect("/chain/" + std::to_string(n + 1));
      return test_support::Response::Html(
          "<html><head><title>전달된 기사</title><meta property=\"og:type\" content=\"article\"></head>"
          "<body><article><h1>전달된 기사</h1><p>세 번 전달된 끝에 닿은 기사의 첫 문단입니다.</p>"
          "<p>둘째 문단도 충분히 길게 씁니다, 본문으로 읽히도록.</p></article></body></html>");
    }
    if (req.path == "/loop/a") return test_support::Response::Redirect("/loop/b");
    if (req.path == "/loop/b") return test_support::Response::Redirect("/loop/a");
    return test_support::Response::Html("nothing", 404);
  });
  Conf c;
  c.per_host_interval = "500ms";
  c.sources = {{"feed", "rss", server.Url("/feed.xml"), "1h"}};
  WriteConfig(c);
  ASSERT_EQ(RunOnce(), 0) << Log();
  const std::vector<Request> all = server.requests();
  std::vector<std::string> paths;
  for (const Request& r : all) paths.push_back(r.path);
  EXPECT_EQ(std::count(paths.begin(), paths.end(), "/chain/3"), 1) << ::testing::PrintToString(paths);
  EXPECT_EQ(std::count(paths.begin(), paths.end(), "/loop/a"), 1) << ::testing::PrintToString(paths);
  EXPECT_EQ(std::count(paths.begin(), paths.end(), "/loop/b"), 1) << ::testing::PrintToString(paths);
  // Arrivals can lag their starts by a connection set-up; allow 50 ms of that.
  for (size_t i = 1; i < all.size(); ++i) {
    EXPECT_GE(all[i].arrival - all[i - 1].arrival, milliseconds(450))
        << all[i - 1].path << " then " << all[i].path;
  }
  // The article is found under every URL of its chain.
  for (int n = 0; n <= 3; ++n) {
    RunResult r = Cli({"get", server.Url("/chain/" + std::to_string(n)), "--json"});
    EXPECT_EQ(r.code, 0) << n << ": " << r.err;
  }
  EXPECT_THAT(Log(), HasSubstr("redirect loop"));
}

// Errors say what happened: a host that does not resolve, an address the policy refuses.
TEST_F(DaemonTest, TheLogSaysTheCauseNotDisallows) {
  PortalSimulator sim;
  Conf c;
  c.allow_private_addresses = false;
  c.sources = {{"nowhere", "rss", "http://news.sinmun-test.invalid/rss.xml", "1h"},
               {"private", "rss", sim.Url(PortalSimulator::kFeedPath), "1h"}};
  WriteConfig(c);
  auto d = StartDaemon({"--once"}, {}, /*debug=*/false);
  EXPECT_EQ(d->WaitExit(milliseconds(120'000)), std::optional<int>(0)) << Log();
  const std::string log = Log();
  EXPECT_THAT(log, HasSubstr("Could not resolve host: news.sinmun-test.invalid"));
  EXPECT_THAT(log, HasSubstr("refused address 127.0.0.1"));
  EXPECT_EQ(log.find("disallows"), std::string::npos) << log;
  EXPECT_EQ(sim.Requests().size(), 0u);

  // The sources' statuses say the same, in the archive.
  RunResult r = Cli({"sources", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  Json sources = Json::parse(r.out);
  ASSERT_EQ(sources.size(), 2u) << r.out;
  std::map<std::string, Json> by_name;
  for (const Json& s : sources) by_name[s["name"].get<std::string>()] = s;
  EXPECT_EQ(by_name["nowhere"]["status"], "unreachable") << r.out;
  EXPECT_THAT(by_name["nowhere"]["detail"].get<std::string>(),
              HasSubstr("Could not resolve host: news.sinmun-test.invalid"));
  EXPECT_EQ(by_name["nowhere"]["type"], "rss");
  EXPECT_EQ(by_name["nowhere"]["url"], "http://news.sinmun-test.invalid/rss.xml");
  EXPECT_EQ(by_name["private"]["status"], "unreachable") << r.out;
  EXPECT_THAT(by_name["private"]["detail"].get<std::string>(), HasSubstr("refused address 127.0.0.1"));
  RunResult stats = Cli({"stats"});
  EXPECT_THAT(stats.out, HasSubstr("WARNING source nowhere: unreachable"));
}

// [extract] site_table: a file that cannot be read stops the start with a message naming
// it; on SIGHUP a broken file is logged and the table in use kept.
TEST_F(DaemonTest, ASiteTableThatCannotBeReadIsAnErrorAtStartAndKeptOnReload) {
  Conf c;
  c.sources = {};
  WriteConfig(c);
  const std::string config = ReadFile(config_);
  WriteFile(config_, config + "[extract]\nsite_table = " + (dir_ / "no-such-sites.json").string() + "\n");
  auto d = StartDaemon({"--once"});
  EXPECT_EQ(d->WaitExit(milliseconds(60'000)), std::optional<int>(1));
  EXPECT_THAT(Log(), HasSubstr("[extract] site_table: "));
  EXPECT_THAT(Log(), HasSubstr("no-such-sites.json"));

  std::ofstream(dir_ / "sites.json") << "{\"sites\": []}";
  WriteFile(config_, config + "[extract]\nsite_table = " + (dir_ / "sites.json").string() + "\n");
  auto running = StartDaemon();
  ASSERT_TRUE(WaitFor([&] { return Log().find("sinmund running") != std::string::npos; })) << Log();
  std::ofstream(dir_ / "sites.json", std::ios::trunc) << "{ not json";
  running->Signal(SIGHUP);
  EXPECT_TRUE(WaitFor([&] { return Log().find("keeping the site table in use") != std::string::npos; }))
      << Log();
  running->Signal(SIGTERM);
  EXPECT_EQ(running->WaitExit(), std::optional<int>(0));
}

// --check-sources on the replayed shipped sources: one "ok" verdict each, with the first
// article extracted; exit 0; nothing written. A robots.txt that disallows a listing makes
// that source "blocked", with the rule, and the exit code 1.
TEST_F(DaemonTest, CheckSourcesPassesOnTheReplayedSourcesAndSaysWhyOneIsBlocked) {
  const char* env = std::getenv("SINMUN_REAL_PAGES");
  PortalSimulator::Options o;
  o.replay_manifest = std::string(SINMUN_TEST_DATA) + "/sources/replay.tsv";
  o.real_pages_dir = (env != nullptr && *env != '\0') ? env : SINMUN_REAL_PAGES_DEFAULT;
  PortalSimulator sim(o);
  ASSERT_NE(sim.replay(), nullptr);
  Conf c;
  c.per_host_interval = "10ms";
  std::vector<std::string> replayed;
  for (const test_support::SourceReplay::Source& s : sim.replay()->sources()) {
    if (!s.available) {
      std::cerr << "[ SKIPPED  ] source " << s.name << ": " << s.missing << " is absent\n";
      continue;
    }
    c.sources.push_back({s.name, s.type, sim.replay()->ReplayUrl(s.url, sim.port()), "1h"});
    replayed.push_back(s.name);
  }
  ASSERT_GE(replayed.size(), 5u);
  WriteConfig(c);
  auto d = StartDaemon({"--check-sources"});
  EXPECT_EQ(d->WaitExit(milliseconds(120'000)), std::optional<int>(0)) << ReadFile(dir_ / "sinmund.out") << Log();
  const std::string out = ReadFile(dir_ / "sinmund.out");
  for (const std::string& name : replayed) {
    EXPECT_THAT(out, HasSubstr(name + ": ok — ")) << out;
  }
  EXPECT_THAT(out, HasSubstr("extracted (\"")) << out;
  EXPECT_FALSE(fs::exists(archive_)) << "--check-sources wrote an archive";

  test_support::LoopbackServer closed([](const test_support::Request& req) {
    if (req.path == "/robots.txt") {
      return test_support::Response::WithType("text/plain", "User-agent: *\nDisallow: /\n");
    }
    return test_support::Response::WithType("application/rss+xml", "<rss><channel></channel></rss>");
  });
  c.sources.push_back({"closed", "rss", closed.Url("/rss.xml"), "1h"});
  WriteConfig(c);
  auto again = StartDaemon({"--check-sources"});
  EXPECT_EQ(again->WaitExit(milliseconds(120'000)), std::optional<int>(1));
  const std::string blocked = ReadFile(dir_ / "sinmund.out");
  EXPECT_THAT(blocked, HasSubstr("closed: blocked — " + closed.Url("/robots.txt")));
  EXPECT_THAT(blocked, HasSubstr("\"Disallow: /\"")) << blocked;
  for (const test_support::Request& req : closed.requests()) EXPECT_EQ(req.path, "/robots.txt");
}

// A feed host whose robots.txt disallows everything: only robots.txt is requested; the
// status says robots-disallowed with the rule, logged once at warning, kept across polls.
TEST_F(DaemonTest, ARobotsDisallowedFeedSaysSoInItsStatus) {
  test_support::LoopbackServer server([](const test_support::Request& req) {
    if (req.path == "/robots.txt") {
      return test_support::Response::WithType("text/plain", "User-agent: *\nDisallow: /\n");
    }
    return test_support::Response::WithType("application/rss+xml", "<rss><channel></channel></rss>");
  });
  Conf c;
  c.sources = {{"closed", "rss", server.Url("/rss.xml"), "1h"}};
  WriteConfig(c);
  ASSERT_EQ(RunOnce(), 0);
  ASSERT_EQ(RunOnce(), 0);  // a second run: robots.txt is read again, no new log line per poll
  for (const test_support::Request& req : server.requests()) EXPECT_EQ(req.path, "/robots.txt");
  RunResult r = Cli({"sources", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  Json sources = Json::parse(r.out);
  ASSERT_EQ(sources.size(), 1u) << r.out;
  EXPECT_EQ(sources[0]["status"], "robots-disallowed");
  EXPECT_THAT(sources[0]["detail"].get<std::string>(), HasSubstr("\"Disallow: /\""));
  EXPECT_THAT(sources[0]["detail"].get<std::string>(), HasSubstr("/robots.txt"));
  const std::string log = Log();
  const std::string line = "source closed [robots-disallowed]";
  const size_t first = log.find(line);
  ASSERT_NE(first, std::string::npos) << log;
  EXPECT_EQ(log.find(line, first + 1), std::string::npos) << "logged more than once:\n" << log;
  EXPECT_THAT(log.substr(log.rfind('\n', first) + 1, 40), HasSubstr("warn"));
}

}  // namespace
}  // namespace sinmun

namespace sinmun {
namespace {

// The absolute path of `name` on PATH; "" when absent.
std::string Which(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path != nullptr ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    fs::path candidate = fs::path(dir) / name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return "";
}

// A tmpfs of a given size at `mountpoint`, in a mount namespace of its own (unshare -rm:
// a user namespace too, so it works as root and, where the kernel allows unprivileged user
// namespaces, as a user), held open by a sleeping process. Commands run inside it through
// nsenter (Enter()); outside, the mountpoint stays an empty directory. The namespace and
// its tmpfs go when the holder is killed (the destructor).
class TmpfsNamespace {
 public:
  TmpfsNamespace(const fs::path& mountpoint, const std::string& size, const fs::path& scratch)
      : scratch_(scratch) {
    fs::create_directories(mountpoint);
    const std::string unshare = Which("unshare"), nsenter = Which("nsenter");
    if (unshare.empty() || nsenter.empty()) {
      error_ = "unshare or nsenter (util-linux) is not on PATH";
      return;
    }
    holder_ = test_support::SpawnProcess(
        unshare, {"-rm", "sh", "-c", "mount -t tmpfs -o size=\"$1\" tmpfs \"$2\" && echo mounted && exec sleep 3600",
                  "sh", size, mountpoint.string()},
        {.stdout_path = scratch / "holder.out", .stderr_path = scratch / "holder.err"}, ChildEnvironment({}));
    const bool mounted = WaitFor([&] {
      if (ReadFile(scratch / "holder.out").find("mounted") != std::string::npos) return true;
      int status = 0;
      if (holder_ > 0 && waitpid(holder_, &status, WNOHANG) == holder_) holder_ = -1;
      return holder_ <= 0;
    });
    if (!mounted || holder_ <= 0) {
      error_ = "cannot mount a tmpfs in a new mount namespace (unshare -rm): " + ReadFile(scratch / "holder.err");
      return;
    }
    enter_ = {nsenter, "-t", std::to_string(holder_), "-U", "-m", "--"};
  }
  ~TmpfsNamespace() {
    if (holder_ > 0) {
      kill(holder_, SIGKILL);
      waitpid(holder_, nullptr, 0);
    }
  }
  TmpfsNamespace(const TmpfsNamespace&) = delete;
  TmpfsNamespace& operator=(const TmpfsNamespace&) = delete;

  bool ok() const { return !enter_.empty(); }
  const std::string& error() const { return error_; }
  // The prefix that runs a command inside (nsenter …).
  const std::vector<std::string>& Enter() const { return enter_; }
  // Runs `sh -c script` inside; its exit code.
  int Shell(const std::string& script) {
    std::vector<std::string> args(enter_.begin() + 1, enter_.end());
    args.insert(args.end(), {"sh", "-c", script});
    pid_t pid = test_support::SpawnProcess(enter_.front(), args,
                                           {.stdout_path = scratch_ / "shell.out", .stderr_path = scratch_ / "shell.err"},
                                           ChildEnvironment({}));
    return pid > 0 ? test_support::WaitProcess(pid) : -1;
  }

 private:
  fs::path scratch_;
  pid_t holder_ = -1;
  std::vector<std::string> enter_;
  std::string error_;
};

// sinmund with its archive on a small filesystem that fills up mid-crawl. The filesystem is
// a tmpfs in a mount namespace: the test fails, not skips, when it cannot make one.
class FullDiskTest : public DaemonTest {
 protected:
  void SetUp() override {
    DaemonTest::SetUp();
    mountpoint_ = dir_ / "fs";
    archive_ = (mountpoint_ / "archive").string();
    tmpfs_ = std::make_unique<TmpfsNamespace>(mountpoint_, "24m", dir_);
    ASSERT_TRUE(tmpfs_->ok()) << tmpfs_->error();
    enter_ = tmpfs_->Enter();
  }
  void TearDown() override {
    tmpfs_.reset();
    DaemonTest::TearDown();
  }

  // Fills the filesystem to the last byte (the write stops with ENOSPC).
  void Fill() {
    tmpfs_->Shell("cat /dev/zero > '" + (mountpoint_ / "ballast").string() + "'");
    EXPECT_EQ(tmpfs_->Shell("test -s '" + (mountpoint_ / "ballast").string() + "'"), 0);
  }
  void Grow() {
    ASSERT_EQ(tmpfs_->Shell("mount -o remount,size=256m '" + mountpoint_.string() + "'"), 0)
        << ReadFile(dir_ / "shell.err");
  }
  static size_t Count(const std::string& text, const std::string& needle) {
    size_t n = 0;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
    return n;
  }

  fs::path mountpoint_;
  std::unique_ptr<TmpfsNamespace> tmpfs_;
};

TEST_F(FullDiskTest, PausesWithOneErrorAndResumesWhenTheFilesystemGrows) {
  PortalSimulator::Options o;
  o.daum_articles = 12;
  PortalSimulator sim(o);
  sim.SetDelay("/v/", milliseconds(300));  // a crawl long enough to fill the disk in
  const int port = FreePort();
  Conf c;
  c.metrics_listen = "127.0.0.1:" + std::to_string(port);
  c.sources = {DaumSource(sim)};
  WriteConfig(c);
  auto d = StartDaemon();
  ASSERT_TRUE(WaitFor([&] { return ListedIds().size() >= 2; })) << "nothing archived";
  Fill();
  ASSERT_TRUE(WaitFor([&] { return Log().find("is not writable") != std::string::npos; }))
      << "the full disk was never noticed";
  ASSERT_LT(ListedIds().size(), 12u) << "the crawl should have been cut short";

  // Paused, not dead: well past the once-a-second WAL sync that used to abort.
  std::this_thread::sleep_for(milliseconds(3000));
  ASSERT_TRUE(d->Running());
  std::string healthz = HttpGet(port, "/healthz");
  EXPECT_THAT(healthz, HasSubstr(" 503 "));
  EXPECT_THAT(healthz, HasSubstr("archive: archive " + archive_ + " is not writable (no space left)"));
  EXPECT_THAT(HttpGet(port, "/metrics"), HasSubstr("\nsinmun_archive_writable 0\n"));
  RunResult verify = Cli({"verify"});
  EXPECT_EQ(verify.code, 0) << verify.out << verify.err;
  const std::string log = Log();
  EXPECT_EQ(Count(log, " error archive " + archive_ + " is not writable (no space left): "), 1u) << log;
  EXPECT_THAT(log, HasSubstr(" bytes free on its filesystem"));
  EXPECT_EQ(Count(log, "cannot record"), 0u);
  EXPECT_EQ(Count(log, "cannot save the schedule"), 0u);
  EXPECT_EQ(Count(log, "WAL sync"), 0u);

  Grow();
  ASSERT_TRUE(WaitFor([&] { return HasAll(Ids(sim, sim.DaumPaths())); })) << "the crawl did not resume";
  EXPECT_THAT(Log(), HasSubstr("takes writes again"));
  EXPECT_TRUE(WaitFor([&] { return HttpGet(port, "/healthz").find(" 200 ") != std::string::npos; }));
  EXPECT_THAT(HttpGet(port, "/metrics"), HasSubstr("\nsinmun_archive_writable 1\n"));
  d->Signal(SIGTERM);
  EXPECT_EQ(d->WaitExit(), std::optional<int>(0));
  verify = Cli({"verify"});
  EXPECT_EQ(verify.code, 0) << verify.out << verify.err;
  for (const std::string& p : sim.DaumPaths()) {
    EXPECT_THAT(Classes(sim.ExpectedId(p)), ::testing::ElementsAre("new")) << p;
  }
}

TEST_F(FullDiskTest, OnceEndsTheRunWithAnErrorInsteadOfWaiting) {
  PortalSimulator::Options o;
  o.daum_articles = 8;
  PortalSimulator sim(o);
  sim.SetDelay("/v/", milliseconds(700));
  Conf c;
  c.sources = {DaumSource(sim)};
  WriteConfig(c);
  auto d = StartDaemon({"--once"});
  ASSERT_TRUE(WaitFor([&] { return !ListedIds().empty(); })) << "nothing archived";
  Fill();
  std::optional<int> code = d->WaitExit(milliseconds(60'000));
  ASSERT_TRUE(code.has_value()) << "sinmund --once still running on a full disk";
  EXPECT_EQ(*code, 1);
  const std::string log = Log();
  EXPECT_EQ(Count(log, " error archive " + archive_ + " is not writable (no space left): "), 1u) << log;
  EXPECT_THAT(log, HasSubstr("ending the run (--once)"));
  EXPECT_LT(ListedIds().size(), 8u);
  RunResult verify = Cli({"verify"});
  EXPECT_EQ(verify.code, 0) << verify.out << verify.err;
}

// --- the search index: derived data that sinmund keeps whole --------------------------------

class SearchDaemonTest : public DaemonTest {
 protected:
  std::optional<std::set<std::string>> SearchIds(const std::string& query, std::string* err = nullptr) {
    RunResult r = Cli({"search", query, "--json", "--limit", "100"});
    if (err != nullptr) *err = r.err;
    if (r.code != 0) return std::nullopt;
    Json j = Json::parse(r.out, nullptr, false);
    if (!j.is_object()) return std::nullopt;
    std::set<std::string> ids;
    for (const Json& h : j["hits"]) ids.insert(h["id"].get<std::string>());
    return ids;
  }
  // The index file CURRENT names ("" when there is none).
  std::string CurrentIndex() { return ReadFile(fs::path(archive_) / "search" / "CURRENT"); }
};

TEST_F(SearchDaemonTest, SearchAnswersAfterAKill9AndTheRestartIndexesWhatIsMissing) {
  PortalSimulator::Options o;
  o.daum_articles = 10;
  PortalSimulator sim(o);
  sim.SetDelay("/v/", milliseconds(300));
  Conf c;
  c.sources = {DaumSource(sim)};
  WriteConfig(c);
  auto d = StartDaemon();
  ASSERT_TRUE(WaitFor([&] {
    std::optional<std::set<std::string>> found = SearchIds("소식입니다");
    return found && found->size() >= 3;
  })) << "the index should answer mid-crawl";
  d->Kill9();
  ASSERT_LT(ListedIds().size(), 10u) << "the crawl should have been cut short";

  // At once, whatever the kill left out of the index.
  std::string err;
  EXPECT_TRUE(SearchIds("소식입니다", &err).has_value()) << err;
  // An article recorded while sinmund is stopped is in the archive, not in the index.
  const fs::path page = dir_ / "outlet.html";
  WriteFile(page.string(),
            "<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>탄소중립 특별법 통과</title>"
            "<meta property=\"og:type\" content=\"article\"><meta property=\"og:site_name\" content=\"가나일보\">"
            "<meta property=\"article:published_time\" content=\"2026-11-02T09:00:00+09:00\"></head><body>"
            "<h1>탄소중립 특별법 통과</h1><div class=\"article-body\"><p>국회는 탄소중립 특별법을 의결했다고 밝혔다.</p>"
            "<p>시행은 내년 하반기부터다.</p></div></body></html>");
  {
    // Recorded without indexing, as the last second before a kill -9 is.
    auto archive = Archive::Open(archive_, Archive::Mode::kReadWrite);
    ASSERT_TRUE(archive.ok()) << archive.status().message();
    Capture capture(**archive, nullptr);
    FetchedPage fetched;
    fetched.url = "https://www.ganada.example/news/1";
    fetched.fetched_at = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    fetched.body = ReadFile(page.string());
    Capture::Read read = capture.ReadPage(std::move(fetched));
    ASSERT_EQ(read.verdict, Capture::Verdict::kRecord) << read.error.message();
    ASSERT_TRUE(capture.Write(std::move(read), {}).ok());
  }
  std::optional<std::set<std::string>> before = SearchIds("탄소중립", &err);
  ASSERT_TRUE(before.has_value()) << err;
  EXPECT_TRUE(before->empty());
  EXPECT_THAT(err, HasSubstr("versions are not in the search index yet"));

  sim.SetDelay("/v/", milliseconds(0));
  d = StartDaemon();
  std::set<std::string> want = Ids(sim, sim.DaumPaths());
  ASSERT_TRUE(WaitFor([&] { return HasAll(want); })) << "the crawl did not continue";
  // No reindex: sinmund finds what its index lacks and adds it.
  EXPECT_TRUE(WaitFor([&] {
    std::optional<std::set<std::string>> found = SearchIds("소식입니다", &err);
    return found && *found == want && err.empty();
  })) << err;
  EXPECT_EQ(SearchIds("탄소중립"), (std::set<std::string>{"url:https://www.ganada.example/news/1"}));
  d->Signal(SIGTERM);
  EXPECT_EQ(d->WaitExit(), std::optional<int>(0));
}

TEST_F(SearchDaemonTest, ReindexWhileRunningRebuildsInTheBackgroundAndSwitches) {
  PortalSimulator::Options o;
  o.daum_articles = 6;
  PortalSimulator sim(o);
  Conf c;
  c.sources = {DaumSource(sim)};
  WriteConfig(c);
  auto d = StartDaemon();
  const std::set<std::string> want = Ids(sim, sim.DaumPaths());
  ASSERT_TRUE(WaitFor([&] { return SearchIds("소식입니다") == want; }));
  const std::string first = CurrentIndex();
  ASSERT_FALSE(first.empty());

  RunResult r = Cli({"reindex"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("sinmund is running"));
  // Search answers throughout, and sinmund switches to a new index holding everything.
  bool answered = true;
  EXPECT_TRUE(WaitFor([&] {
    std::optional<std::set<std::string>> found = SearchIds("소식입니다");
    answered = answered && found.has_value();
    return CurrentIndex() != first && found == want;
  }));
  EXPECT_TRUE(answered);
  EXPECT_THAT(Log(), HasSubstr("sinmun reindex asked for a rebuild"));
  EXPECT_FALSE(fs::exists(fs::path(archive_) / "search" / "REBUILD"));
  d->Signal(SIGTERM);
  EXPECT_EQ(d->WaitExit(), std::optional<int>(0));
}

TEST_F(SearchDaemonTest, AnIndexOfAnEarlierReleaseAnswersUntilSinmundReplacesIt) {
  const std::string url = "https://v.daum.net/v/20261102093000123", id = "daum:20261102093000123";
  for (const char* v : {"daum_v1.html", "daum_v2.html", "daum_v3.html"}) {
    RunResult r = Cli({"ingest", std::string(SINMUN_EXAMPLES) + "/" + v, "--url", url});
    ASSERT_EQ(r.code, 0) << r.err;
  }
  {
    // The Xapian index an earlier sinmun left, holding v1 only, in place of the one ingest wrote.
    fs::remove_all(fs::path(archive_) / "search");
    auto x = XapianIndex::Create(archive_ + "/search");
    ASSERT_TRUE(x.ok()) << x.status().message();
    auto archive = Archive::Open(archive_, Archive::Mode::kReadOnly);
    ASSERT_TRUE(archive.ok());
    Result<StoredVersion> v1 = (*archive)->Version(id, 1);
    ASSERT_TRUE(v1.ok());
    ASSERT_TRUE((*x)->Add(id, 1, v1->article, v1->info.fetched_at).ok());
    ASSERT_TRUE((*x)->Commit().ok());
  }
  std::string err;
  EXPECT_EQ(SearchIds("예산안", &err), (std::set<std::string>{id}));
  EXPECT_THAT(err, HasSubstr("written by an older sinmun"));

  PortalSimulator sim;
  Conf c;
  c.sources = {DaumSource(sim)};
  WriteConfig(c);
  auto d = StartDaemon();
  EXPECT_TRUE(WaitFor([&] {
    RunResult r = Cli({"search", "677조", "--json"});  // only in v3
    return r.code == 0 && r.err.empty() && Json::parse(r.out)["hits"].size() == 1 && !CurrentIndex().empty();
  }));
  EXPECT_FALSE(fs::exists(fs::path(archive_) / "search" / "iamglass")) << "the Xapian files are removed";
  EXPECT_THAT(Log(), HasSubstr("older layout"));
  d->Signal(SIGTERM);
  EXPECT_EQ(d->WaitExit(), std::optional<int>(0));
}

}  // namespace
}  // namespace sinmun
