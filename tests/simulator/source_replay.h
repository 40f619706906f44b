// SourceReplay: saved copies of real news sources — each source's feed, sitemap or listing
// page and one article page — served on loopback under "<real host>.localhost:<port>"
// (libcurl resolves every *.localhost name to the loopback address), so that sinmund
// crawls them as it would crawl the real sites, without the internet. Each real host is a
// host of its own to the crawler, with its own robots.txt and politeness.
//
// The manifest (tests/data/sources/replay.tsv) has one entry per line, fields separated
// by tabs; '#' starts a comment line:
//   captured  <RFC 3339 time>         the moment the copies stand for. Dates in listings
//                                      are moved forward by (start of the replay −
//                                      captured), so a feed's newest item is as fresh
//                                      when replayed as it was when saved, whatever today's
//                                      date, and no age horizon drops it.
//   source    <name> <type> <url>     a shipped source, its real URL
//   route     <host> <target> <file> <content-type> <kind>
//                                      <target>: path and query as requested; <file>:
//                                      relative to the manifest's folder, or "real:<name>"
//                                      in the real saved pages' folder; <content-type>:
//                                      "-" sends none; <kind>: "listing" (links to the
//                                      replayed hosts are rewritten to the replay, dates
//                                      moved) or "page" (served byte for byte), either
//                                      followed by "+gzip" to send the file gzip-compressed
//                                      without Content-Encoding, as a .gz file is served.
//   alias     <real host> <host>      links to <real host> go to <host>'s replay (a portal
//                                      whose listing and articles must share a host).
// An unknown target on a replayed host is answered 404, robots.txt included (RFC 9309:
// allowed).
//
// Thread-safety: immutable after Load(); Handle() may run on many threads.
#ifndef SINMUN_TESTS_SIMULATOR_SOURCE_REPLAY_H_
#define SINMUN_TESTS_SIMULATOR_SOURCE_REPLAY_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/loopback_server.h"

namespace sinmun::test_support {

class SourceReplay {
 public:
  struct Source {
    std::string name, type, url;  // url: the real one
    // False when one of its files is missing (a real saved page that is not there).
    bool available = true;
    std::string missing;  // the missing file, when !available
  };

  // Reads the manifest and every file it names. On a malformed manifest returns null and
  // says why in *error; missing "real:" files only make their source unavailable.
  static std::unique_ptr<SourceReplay> Load(const std::string& manifest_path,
                                            const std::string& real_pages_dir,
                                            std::chrono::system_clock::time_point now,
                                            std::string* error);

  // True when `host` (no port) is a replayed host name ("www.yna.co.kr.localhost").
  bool Serves(std::string_view host) const;
  // The answer for a request to a replayed host; `port` is the server's.
  Response Handle(const Request& request, std::string_view host, uint16_t port) const;

  const std::vector<Source>& sources() const { return sources_; }
  // A real URL of a replayed host as the replay serves it: "https://www.yna.co.kr/x" ->
  // "http://www.yna.co.kr.localhost:<port>/x". Other URLs are returned unchanged.
  std::string ReplayUrl(std::string_view real_url, uint16_t port) const;

 private:
  struct Route {
    std::string file_bytes;
    std::string content_type;  // "" sends none
    bool listing = false;
    bool gzip = false;
  };
  SourceReplay() = default;
  // Listing bytes as served: links rewritten, dates moved.
  std::string Rewrite(const std::string& bytes, uint16_t port) const;

  std::chrono::seconds shift_{0};
  std::vector<Source> sources_;
  std::map<std::string, std::string, std::less<>> replay_host_;  // real host -> served host
  std::map<std::string, Route, std::less<>> routes_;             // served host + target
};

}  // namespace sinmun::test_support

#endif  // SINMUN_TESTS_SIMULATOR_SOURCE_REPLAY_H_
