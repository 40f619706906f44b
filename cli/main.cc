// sinmun: the command-line reader (and occasional writer) of a sinmun archive.
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "cli/command.h"
#include "common/clock.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  sinmun::SystemClock clock;
  bool terminal = isatty(STDOUT_FILENO) == 1;
  const char* no_color = std::getenv("NO_COLOR");
  sinmun::cli::Io io{std::cin, std::cout, std::cerr,
                     terminal && (no_color == nullptr || *no_color == '\0'), terminal, clock};
  int code = sinmun::cli::RunCli({argv + 1, argv + argc}, io);
  std::cout.flush();
  return code;
}
