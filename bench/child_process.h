// ChildProcess: runs one of the project's binaries as a whole process for the end-to-end
// benchmarks, and reports what it cost: wall time from spawn to exit, CPU time and peak
// resident memory (wait4's rusage of that child alone).
//
// The child's stdout and stderr go to a file (or /dev/null), never to the benchmark's own
// output. Extra environment entries are added to the benchmark's environment.
//
// Thread-safety: a ChildProcess is used from one thread. Not copyable.
#ifndef SINMUN_BENCH_CHILD_PROCESS_H_
#define SINMUN_BENCH_CHILD_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace sinmun::bench {

struct ChildUsage {
  int exit_code = -1;  // -1 when killed by a signal (then `signal` says which)
  int signal = 0;
  std::chrono::duration<double> wall{0};  // spawn to exit
  double user_seconds = 0, system_seconds = 0;
  long max_rss_kib = 0;  // ru_maxrss
  double cpu_seconds() const { return user_seconds + system_seconds; }
};

class ChildProcess {
 public:
  // Starts argv[0] (a path) with argv; output to output_path ("" = /dev/null). Aborts the
  // benchmark with a message when the process cannot be started: nothing can follow.
  ChildProcess(const std::vector<std::string>& argv, const std::string& output_path,
               const std::vector<std::string>& extra_env = {});
  ~ChildProcess();  // kills (SIGKILL) and reaps a child still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  // Blocks until the child exits.
  ChildUsage Wait();
  // Sends `sig` to the child (no-op once it has been reaped).
  void Signal(int sig);

 private:
  pid_t pid_ = -1;
  std::chrono::steady_clock::time_point started_;
};

// Runs argv to completion (see ChildProcess).
ChildUsage RunChild(const std::vector<std::string>& argv, const std::string& output_path = "",
                    const std::vector<std::string>& extra_env = {});

// A field of /proc/<pid>/status in KiB ("VmRSS", "VmHWM"); nullopt when unreadable.
std::optional<long> ProcStatusKib(pid_t pid, const std::string& field);

// Median and nearest-rank percentile (p in (0, 100]) of the values; 0 for none.
double Median(std::vector<double> values);
double Percentile(std::vector<double> values, double p);

}  // namespace sinmun::bench

#endif  // SINMUN_BENCH_CHILD_PROCESS_H_
