#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/command.h"
#include "cli/commands.h"
#include "common/portals.h"

namespace sinmun::cli {
namespace {

void PrintHelp(std::ostream& out) {
  out << "sinmun — query the versioned archive of Korean news\n\n"
         "usage: sinmun COMMAND [ARGS] [--archive DIR]\n\ncommands:\n";
  for (const Command& c : Commands()) {
    out << "  " << c.usage << "\n      " << c.summary << "\n";
  }
  out << "\n--archive DIR defaults to $SINMUN_ARCHIVE, else /var/lib/sinmun.\n"
         "Times are RFC 3339 (2026-03-21T21:43:25+09:00); without a zone they are KST.\n";
}

}  // namespace

const std::vector<Command>& Commands() {
  static const std::vector<Command> commands = {
      ExtractCommand(), IngestCommand(), GetCommand(),   HistoryCommand(),
      DiffCommand(),    ListCommand(),   StatsCommand(), SourcesCommand(), VerifyCommand(),
      ChangesCommand(), ExportCommand(), ReextractCommand(),
      SearchCommand(),  RelatedCommand(), ReindexCommand(), ServeCommand()};
  return commands;
}

int Fail(Io& io, const Status& status) {
  io.err << "sinmun: " << status.message() << '\n';
  switch (status.code()) {
    case Status::Code::kBusy: return kExitBusy;
    default: return kExitFailure;
  }
}

int RunCli(const std::vector<std::string>& argv, Io& io) {
  if (argv.empty() || argv[0] == "help" || argv[0] == "--help" || argv[0] == "-h") {
    PrintHelp(argv.empty() ? io.err : io.out);
    return argv.empty() ? kExitUsage : kExitOk;
  }
  if (argv[0] == "--version") {
    io.out << "sinmun " << SINMUN_VERSION << '\n';
    return kExitOk;
  }
  for (const Command& c : Commands()) {
    if (c.name != argv[0]) continue;
    std::vector<OptionSpec> spec = c.options;
    spec.push_back({"archive", true});
    spec.push_back({"help", false});
    Result<Args> args = Args::Parse({argv.begin() + 1, argv.end()}, spec);
    if (!args.ok()) {
      io.err << "sinmun " << c.name << ": " << args.status().message() << "\nusage: sinmun "
             << c.usage << '\n';
      return kExitUsage;
    }
    if (args->Has("help")) {
      io.out << "usage: sinmun " << c.usage << "\n" << c.summary << '\n';
      return kExitOk;
    }
    return c.run(*args, io);
  }
  io.err << "sinmun: unknown command '" << argv[0] << "'; see 'sinmun help'\n";
  return kExitUsage;
}

std::string ArchiveDir(const Args& args) {
  if (auto dir = args.Get("archive")) return *dir;
  if (const char* env = std::getenv("SINMUN_ARCHIVE"); env != nullptr && *env != '\0') {
    return env;
  }
  return "/var/lib/sinmun";
}

Result<std::unique_ptr<Archive>> OpenForReading(const Args& args) {
  return Archive::Open(ArchiveDir(args), Archive::Mode::kReadOnly);
}

Result<std::unique_ptr<Archive>> OpenForWriting(const Args& args) {
  return Archive::Open(ArchiveDir(args), Archive::Mode::kReadWrite);
}

Result<std::unique_ptr<Archive>> OpenExistingForWriting(const Args& args) {
  ArchiveOptions options;
  options.create_if_missing = false;
  return Archive::Open(ArchiveDir(args), Archive::Mode::kReadWrite, options);
}

Result<std::string> PortalOption(const Args& args) {
  std::string portal = args.Get("portal").value_or("");
  if (args.Has("portal") && !IsPortalFilter(portal)) {
    return Status::InvalidArgument("--portal must be " + PortalFilterList() + ", not '" +
                                   portal + "'");
  }
  return portal;
}

std::string PortalChoices() {
  std::string out;
  for (std::string_view value : PortalFilterValues()) {
    if (!out.empty()) out += '|';
    out += value;
  }
  return out;
}

Result<std::string> ReadInput(const std::string& path, std::istream& in) {
  constexpr size_t kMaxInput = 256u << 20;
  std::ifstream file;
  std::istream* src = &in;
  if (path != "-") {
    file.open(path, std::ios::binary);
    if (!file) return Status::IOError("cannot open " + path);
    src = &file;
  }
  std::string data;
  char buf[1 << 16];
  while (src->read(buf, sizeof buf) || src->gcount() > 0) {
    data.append(buf, static_cast<size_t>(src->gcount()));
    if (data.size() > kMaxInput) {
      return Status::InvalidArgument(path + " is larger than 256 MiB");
    }
  }
  if (src->bad()) return Status::IOError("cannot read " + path);
  return data;
}

std::string Plural(long long n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace sinmun::cli
