// Child processes for system tests: start a binary with posix_spawn, stdin from a file
// and stdout/stderr into files, wait for it and read what it wrote. Also a fresh scratch
// directory per test and a whole-file read.
//
// Thread-safety: the functions keep no state of their own. RunProcess writes
// `scratch_dir`/stdout and `scratch_dir`/stderr, so concurrent calls need distinct
// scratch directories. A failure to start a child is reported as a gtest failure
// (ADD_FAILURE) in the calling test.
#ifndef SINMUN_TESTS_SUPPORT_SUBPROCESS_H_
#define SINMUN_TESTS_SUPPORT_SUBPROCESS_H_

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace sinmun::test_support {

// What a finished child did.
struct ProcessResult {
  // The exit status; 128 + the signal number for a death by signal; -1 when it could
  // not be started.
  int code = -1;
  std::string out, err;
  // The child's peak RSS (VmHWM) in KiB, sampled every 2 ms while it runs; 0 unless
  // RunOptions::sample_peak_rss. Not wait4's ru_maxrss: a child spawned from a large
  // test process starts with the parent's high-water mark.
  long peak_rss_kib = 0;
};

// Where a child's standard streams go.
struct SpawnIo {
  std::filesystem::path stdin_path = "/dev/null";
  std::filesystem::path stdout_path;
  std::filesystem::path stderr_path;
  // Append to stdout_path and stderr_path rather than truncate them.
  bool append = false;
};

// Starts `binary args...` (argv[0] is `binary`) with `io` and exactly the environment
// `env` ("NAME=value" entries), and returns at once. Returns the pid, or -1 after a
// gtest failure when posix_spawn fails. The caller reaps the child (WaitProcess).
pid_t SpawnProcess(const std::string& binary, const std::vector<std::string>& args,
                   const SpawnIo& io, const std::vector<std::string>& env);

// Blocks until `pid` exits and returns its code as ProcessResult::code. When
// `peak_rss_kib` is not null, polls every 2 ms instead and stores the child's largest
// VmHWM seen.
int WaitProcess(pid_t pid, long* peak_rss_kib = nullptr);

struct RunOptions {
  std::string stdin_path = "/dev/null";
  // Added to this process's environment ("NAME=value" entries).
  std::vector<std::string> extra_env;
  // Fill ProcessResult::peak_rss_kib.
  bool sample_peak_rss = false;
};

// Runs `binary args...` to completion. Its stdout and stderr go to `scratch_dir`/stdout
// and `scratch_dir`/stderr (overwritten) and are returned read back.
// REQUIRES: `scratch_dir` exists.
ProcessResult RunProcess(const std::string& binary, const std::vector<std::string>& args,
                         const std::filesystem::path& scratch_dir, const RunOptions& options = {});

// The whole file as bytes; "" when it cannot be read.
std::string ReadFile(const std::filesystem::path& path);

// An empty directory for the running test: <temp dir>/<prefix>_<pid>_<test name>, removed
// first if left over. The caller removes it (TearDown).
std::filesystem::path FreshTestDir(std::string_view prefix);

}  // namespace sinmun::test_support

#endif  // SINMUN_TESTS_SUPPORT_SUBPROCESS_H_
