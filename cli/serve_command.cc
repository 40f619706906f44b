// sinmun serve [--listen HOST:PORT]: the reading room (web/reading_room.h) on HTTP until
// SIGINT or SIGTERM. Read-only: it opens the archive as every reading command does, so it
// runs beside sinmund.
#include <pthread.h>
#include <signal.h>

#include <ostream>

#include "cli/commands.h"
#include "web/http_server.h"
#include "web/reading_room.h"

namespace sinmun::cli {
namespace {

constexpr const char* kUsage = "serve [--listen HOST:PORT] [--threads N]";
constexpr const char* kDefaultListen = "127.0.0.1:8080";

int RunServe(const Args& args, Io& io) {
  if (!args.positionals().empty()) {
    io.err << "usage: sinmun " << kUsage << '\n';
    return kExitUsage;
  }
  Result<std::optional<long long>> threads = args.GetInt("threads", 1, 64);
  if (!threads.ok()) return Fail(io, threads.status());
  // Signals are read below with sigwait: blocked before any thread starts, so every
  // thread inherits the mask and none is interrupted.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);

  web::ReadingRoomOptions options;
  options.archive_dir = ArchiveDir(args);
  Result<std::unique_ptr<web::ReadingRoom>> room = web::ReadingRoom::Open(options, io.clock);
  if (!room.ok()) return Fail(io, room.status());
  const std::string listen = args.Get("listen").value_or(kDefaultListen);
  Result<std::unique_ptr<web::HttpServer>> server = web::HttpServer::Start(
      listen, [r = room->get()](const web::WebRequest& request) { return r->Handle(request); },
      static_cast<size_t>(threads->value_or(4)));
  if (!server.ok()) return Fail(io, server.status());
  const std::string host = listen.substr(0, listen.rfind(':'));
  io.err << "sinmun: reading room for " << options.archive_dir << " on http://" << host << ":"
         << (*server)->port() << "/\n";
  io.err.flush();
  int signal = 0;
  sigwait(&stop, &signal);
  io.err << "sinmun: stopping the reading room\n";
  (*server)->Stop();
  return kExitOk;
}

}  // namespace

Command ServeCommand() {
  return {"serve", kUsage,
          "the reading room: edits, diffs, search and edit statistics in a web browser "
          "(read-only; loopback by default)",
          {{"listen", true}, {"threads", true}},
          RunServe};
}

}  // namespace sinmun::cli
