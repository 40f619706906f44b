#include "tests/support/subprocess.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

extern char** environ;

namespace sinmun::test_support {
namespace {

namespace fs = std::filesystem;

// VmHWM of a running process in KiB; 0 when unreadable (it has exited).
long HighWaterKib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return 0;
}

int ExitCode(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status); }

}  // namespace

pid_t SpawnProcess(const std::string& binary, const std::vector<std::string>& args,
                   const SpawnIo& io, const std::vector<std::string>& env) {
  std::vector<std::string> argv_s = {binary};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::vector<std::string> env_s = env;
  std::vector<char*> envp;
  for (std::string& e : env_s) envp.push_back(e.data());
  envp.push_back(nullptr);
  const int write_flags = O_WRONLY | O_CREAT | (io.append ? O_APPEND : O_TRUNC);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, io.stdin_path.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, io.stdout_path.c_str(), write_flags, 0644);
  posix_spawn_file_actions_addopen(&actions, 2, io.stderr_path.c_str(), write_flags, 0644);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    ADD_FAILURE() << "cannot start " << binary << ": " << std::strerror(rc);
    return -1;
  }
  return pid;
}

int WaitProcess(pid_t pid, long* peak_rss_kib) {
  int status = 0;
  if (peak_rss_kib == nullptr) {
    waitpid(pid, &status, 0);
    return ExitCode(status);
  }
  while (waitpid(pid, &status, WNOHANG) == 0) {
    *peak_rss_kib = std::max(*peak_rss_kib, HighWaterKib(pid));
    usleep(2000);
  }
  return ExitCode(status);
}

ProcessResult RunProcess(const std::string& binary, const std::vector<std::string>& args,
                         const fs::path& scratch_dir, const RunOptions& options) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) env.emplace_back(*e);
  env.insert(env.end(), options.extra_env.begin(), options.extra_env.end());
  SpawnIo io{.stdin_path = options.stdin_path,
             .stdout_path = scratch_dir / "stdout",
             .stderr_path = scratch_dir / "stderr"};
  ProcessResult r;
  pid_t pid = SpawnProcess(binary, args, io, env);
  if (pid < 0) return r;
  r.code = WaitProcess(pid, options.sample_peak_rss ? &r.peak_rss_kib : nullptr);
  r.out = ReadFile(io.stdout_path);
  r.err = ReadFile(io.stderr_path);
  return r;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

fs::path FreshTestDir(std::string_view prefix) {
  fs::path dir = fs::temp_directory_path() /
                 (std::string(prefix) + "_" + std::to_string(getpid()) + "_" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace sinmun::test_support
