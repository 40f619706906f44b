// The sinmun CLI: a table of subcommands over the common, crawler and storage libraries.
//
// Each subcommand is a Command: its name, usage, the options it accepts and a function that
// runs it against an Io (the streams, whether colour is wanted, the clock). RunCli() looks
// the name up, parses the options against the command's spec and runs it; main() only
// builds an Io and returns RunCli's exit code.
//
// Exit codes (documented in README): 0 success; 1 the command failed (not found, bad input,
// damaged archive); 2 usage error; 75 the archive is held by another writer (EX_TEMPFAIL:
// try again when sinmund has stopped).
#ifndef SINMUN_CLI_COMMAND_H_
#define SINMUN_CLI_COMMAND_H_

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "cli/args.h"
#include "common/clock.h"
#include "common/status.h"

namespace sinmun::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitBusy = 75;

struct Io {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
  bool color = false;   // ANSI colour on stdout (a terminal, and NO_COLOR unset)
  bool terminal = false;  // stdout is a terminal: pretty-printed JSON, wider tables
  const Clock& clock;
};

struct Command {
  std::string name;
  std::string usage;    // "get ID|URL [--version N | --at TIME] [--json]"
  std::string summary;  // one line for `sinmun help`
  std::vector<OptionSpec> options;  // --archive and --help are added for every command
  std::function<int(const Args&, Io&)> run;
};

// Every subcommand, in the order `sinmun help` lists them.
const std::vector<Command>& Commands();

// argv without the program name.
int RunCli(const std::vector<std::string>& argv, Io& io);

// Prints "sinmun: <message>" on io.err and returns the exit code for the status.
int Fail(Io& io, const Status& status);

}  // namespace sinmun::cli

#endif  // SINMUN_CLI_COMMAND_H_
