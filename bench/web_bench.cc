// web_bench: the reading room's server time per page on a large generated archive.
//
//   web_bench N DIR [RUNS] [--phase=record|index|upgrade|serve] [--index=M]
//
// record: N generated articles (Korean-like text, 6 paragraphs, a small stored page each)
// first seen 2.6 s apart (10^6 span 30 days), 30% of them edited 1-3 times (headline, body,
// correction, deletion) between 5 minutes and 2 days after; WAL fsync off.
// index: the first M articles (default min(N, 20000)) into the search index, in process
// (the daemon's indexing rate is in "Search index" below; the search page's cost is the
// query plus 20 article reads, which an index of any size answers the same way).
// upgrade: opens DIR for writing, which builds what an archive of an earlier build lacks
// (the edit tallies), and prints how long the open took.
// serve: opens the reading room (web/reading_room.h) on DIR as `sinmun serve` does and
// times ReadingRoom::Handle — the server's whole work for a request, without the socket —
// RUNS times per page, printing the median and 99th percentile; then follows the edit
// list's "next" cursor 300 pages and prints the resident memory before and after.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "bench/text_generator.h"
#include "common/time.h"
#include "storage/archive.h"
#include "storage/search/index_dir.h"
#include "storage/search/search_index.h"
#include "web/reading_room.h"

namespace {

using SteadyClock = std::chrono::steady_clock;
using sinmun::Instant;

const Instant kStart{std::chrono::seconds(1774097005)};  // 2026-03-21T21:43:25+09:00
constexpr double kSpacingSeconds = 2.6;
// Made-up outlets: the numbers are generated and must not read as any real outlet's.
const char* kPress[] = {"가나일보", "다라신문", "마바통신", "사아방송", "자차경제", "카타뉴스", "파하일보", "한빛신문",
                        "누리통신", "새벽일보", "바다방송", "하늘경제", "들판뉴스", "산마루신문", "강물일보", "별빛방송"};

std::string Id(size_t i) { return "url:https://news.example/a/" + std::to_string(i); }

sinmun::Article MakeArticle(sinmun::bench::TextGenerator& gen, size_t i) {
  sinmun::Article a;
  a.id = Id(i);
  a.url = "https://news.example/a/" + std::to_string(i);
  a.portal = "web";
  a.source = "feed-" + std::to_string(i % 8);
  a.press = kPress[i % std::size(kPress)];
  a.section = "정치";
  a.title = gen.Words(5, 10);
  a.authors = {gen.Words(1, 1) + " 기자"};
  a.published = kStart + std::chrono::seconds(static_cast<long long>(double(i) * kSpacingSeconds));
  for (int p = 0; p < 6; ++p) {
    sinmun::Block b;
    b.text = gen.Paragraph();
    a.blocks.push_back(std::move(b));
  }
  return a;
}

int Record(size_t n, const std::string& dir) {
  auto archive = sinmun::Archive::Open(dir, sinmun::Archive::Mode::kReadWrite, sinmun::ArchiveOptions{false, true});
  if (!archive.ok()) {
    std::fprintf(stderr, "%s\n", archive.status().ToString().c_str());
    return 1;
  }
  sinmun::bench::TextGenerator gen(42);
  std::mt19937_64 rng(7);
  const auto t0 = SteadyClock::now();
  size_t versions = 0;
  auto record = [&](const sinmun::Article& a, Instant at, int status) {
    sinmun::Fetch f;
    f.url = a.url;
    f.fetched_at = at;
    f.http_status = status;
    if (status == 200) {
      f.article = a;
      f.raw = "<html><head><title>" + a.title + "</title></head><body><p>" + a.blocks[0].text + "</p></body></html>";
      f.content_type = "text/html; charset=utf-8";
    }
    auto r = (*archive)->Record(f);
    if (!r.ok()) {
      std::fprintf(stderr, "%s\n", r.status().ToString().c_str());
      std::exit(1);
    }
    ++versions;
  };
  for (size_t i = 0; i < n; ++i) {
    sinmun::Article a = MakeArticle(gen, i);
    const Instant seen = *a.published + std::chrono::minutes(2);
    record(a, seen, 200);
    if (rng() % 10 >= 3) continue;
    Instant at = seen;
    for (int e = 1 + static_cast<int>(rng() % 3); e > 0; --e) {
      at += std::chrono::minutes(5 + static_cast<long long>(rng() % 2880 / (e + 1)));
      switch (rng() % 8) {
        case 0: case 1: a.title = gen.Words(5, 10); break;
        case 2: {
          sinmun::Block b;
          b.text = "[정정] " + gen.Sentence();
          a.blocks.push_back(std::move(b));
          break;
        }
        case 3:
          record(a, at, 404);
          e = 0;
          continue;
        default: a.blocks[rng() % a.blocks.size()].text = gen.Paragraph(); break;
      }
      record(a, at, 200);
    }
    if ((i + 1) % 100000 == 0) std::fprintf(stderr, "  %zu articles\n", i + 1);
  }
  if (auto s = (*archive)->SyncWal(); !s.ok()) return 1;
  const double s = std::chrono::duration<double>(SteadyClock::now() - t0).count();
  std::printf("recorded %zu articles, %zu versions in %.1f s (%.0f articles/s)\n", n, versions, s, double(n) / s);
  return 0;
}

int Index(size_t m, const std::string& dir) {
  auto archive = sinmun::Archive::Open(dir, sinmun::Archive::Mode::kReadOnly);
  // A new index file, made current once complete (storage/search/index_dir.h).
  const sinmun::IndexDir index_dir(dir + "/search");
  auto path = index_dir.NewIndexPath();
  if (!path.ok()) {
    std::fprintf(stderr, "cannot make the index's directory\n");
    return 1;
  }
  auto index = sinmun::SearchIndex::Open(*path, sinmun::SearchIndex::Mode::kReadWrite);
  if (!archive.ok() || !index.ok()) {
    std::fprintf(stderr, "cannot open the archive or the index\n");
    return 1;
  }
  const auto t0 = SteadyClock::now();
  for (size_t i = 0; i < m; ++i) {
    auto history = (*archive)->History(Id(i));
    if (!history.ok()) return 1;
    for (const sinmun::VersionInfo& v : *history) {
      auto stored = (*archive)->Version(Id(i), v.number);
      if (!stored.ok()) return 1;
      if (auto s = (*index)->Add(Id(i), v.number, stored->article, v.fetched_at); !s.ok()) return 1;
    }
    if ((i + 1) % 5000 == 0 && !(*index)->Commit().ok()) return 1;
  }
  if (!(*index)->Commit().ok() || !index_dir.Install(*path).ok()) return 1;
  std::printf("indexed %zu articles in %.1f s\n", m,
              std::chrono::duration<double>(SteadyClock::now() - t0).count());
  return 0;
}

long ResidentKib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return 0;
}

struct Timing {
  double median_ms, p99_ms;
  int status;
};

Timing Time(sinmun::web::ReadingRoom& room, const std::vector<sinmun::web::WebRequest>& requests, int runs) {
  std::vector<double> ms;
  int status = 0;
  for (int r = 0; r < runs; ++r) {
    const auto& req = requests[static_cast<size_t>(r) % requests.size()];
    const auto t0 = SteadyClock::now();
    sinmun::web::WebResponse resp = room.Handle(req);
    ms.push_back(std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count());
    status = std::max(status, resp.status);
  }
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)], status};
}

sinmun::web::WebRequest Req(const std::string& path, std::multimap<std::string, std::string> params = {}) {
  sinmun::web::WebRequest r;
  r.path = path;
  r.params = std::move(params);
  return r;
}

int Serve(size_t n, const std::string& dir, int runs) {
  sinmun::SystemClock clock;
  sinmun::web::ReadingRoomOptions options;
  options.archive_dir = dir;
  auto opened = sinmun::web::ReadingRoom::Open(options, clock);
  if (!opened.ok()) {
    std::fprintf(stderr, "%s\n", opened.status().ToString().c_str());
    return 1;
  }
  sinmun::web::ReadingRoom& room = **opened;
  std::mt19937_64 rng(11);
  // Edited articles: every article whose generator draw edited it is among these.
  std::vector<sinmun::web::WebRequest> articles, diffs, pages, searches, filtered;
  for (int i = 0; i < 64; ++i) {
    const std::string id = Id(rng() % n);
    articles.push_back(Req("/article", {{"id", id}}));
    diffs.push_back(Req("/diff", {{"id", id}, {"from", "1"}, {"to", "1"}}));
    pages.push_back(Req("/page", {{"id", id}, {"v", "1"}}));
    filtered.push_back(Req("/edits", {{"press", kPress[rng() % std::size(kPress)]}}));
  }
  // Diffs of real edits: from the edit list.
  sinmun::web::WebResponse list = room.Handle(Req("/edits", {{"format", "json"}}));
  auto edits = sinmun::Json::parse(list.body)["edits"];
  diffs.clear();
  for (const auto& e : edits) {
    const uint32_t v = e["version"];
    diffs.push_back(Req("/diff", {{"id", e["id"]}, {"from", std::to_string(v - 1)}, {"to", std::to_string(v)}}));
  }
  sinmun::bench::TextGenerator gen(42);
  for (int i = 0; i < 32; ++i) searches.push_back(Req("/search", {{"q", gen.Words(1, 2)}}));

  std::printf("%-28s %10s %10s\n", "page", "median ms", "p99 ms");
  auto row = [&](const char* name, const std::vector<sinmun::web::WebRequest>& reqs, int count) {
    Timing t = Time(room, reqs, count);
    std::printf("%-28s %10.2f %10.2f%s\n", name, t.median_ms, t.p99_ms, t.status >= 400 ? "  (errors)" : "");
  };
  row("/edits", {Req("/edits")}, runs);
  row("/edits?format=json", {Req("/edits", {{"format", "json"}})}, runs);
  row("/edits?format=atom", {Req("/edits", {{"format", "atom"}})}, runs / 4 + 1);
  row("/edits?press=P", filtered, runs);
  row("/edits?class=headline", {Req("/edits", {{"class", "headline"}})}, runs);
  row("/article", articles, runs);
  row("/diff", diffs, runs);
  row("/page", pages, runs);
  row("/search?q=W", searches, runs);
  row("/sources", {Req("/sources")}, runs);
  // The statistics of the whole generated period (the page's default, the last 30 days,
  // would hold none of it): from the first article to three days after the last.
  const Instant last = kStart + std::chrono::seconds(static_cast<long long>(double(n) * kSpacingSeconds));
  const auto stats = Req("/stats", {{"since", sinmun::FormatRfc3339Kst(kStart).substr(0, 10)},
                                    {"until", sinmun::FormatRfc3339Kst(last + std::chrono::hours(72)).substr(0, 10)}});
  const auto t0 = SteadyClock::now();
  sinmun::web::WebResponse cold = room.Handle(stats);
  std::printf("%-28s %10.1f            (first view of the period: computed)\n", "/stats (cold)",
              std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count());
  row("/stats (cached)", {stats}, runs);
  // First views: RUNS distinct periods (none in the cache), each ending after the last article.
  std::vector<sinmun::web::WebRequest> periods;
  for (int i = 0; i < runs; ++i) {
    const Instant since = kStart + std::chrono::hours(24 * (i % 10));
    const Instant until = last + std::chrono::hours(24 * (3 + i / 10));
    periods.push_back(Req("/stats", {{"since", sinmun::FormatRfc3339Kst(since).substr(0, 10)},
                                     {"until", sinmun::FormatRfc3339Kst(until).substr(0, 10)}}));
  }
  row("/stats (first views)", periods, runs);
  if (cold.status != 200) std::printf("stats status %d\n", cold.status);
  auto stats_json = stats;
  stats_json.params.emplace("format", "json");
  std::printf("/stats over %s: %s\n", stats.params.find("until")->second.c_str(),
              room.Handle(stats_json).body.substr(0, 300).c_str());

  // Paging: follow "next" 300 times; memory should not grow with the pages read.
  const long before = ResidentKib();
  std::string cursor;
  int pages_read = 0;
  const auto p0 = SteadyClock::now();
  for (; pages_read < 300; ++pages_read) {
    auto req = Req("/edits", {{"format", "json"}});
    if (!cursor.empty()) req.params.emplace("cursor", cursor);
    auto j = sinmun::Json::parse(room.Handle(req).body);
    if (j["next"].is_null()) break;
    const std::string next = j["next"];
    const size_t at = next.find("cursor=");
    std::string enc = next.substr(at + 7, next.find('&', at) - at - 7);
    cursor.clear();
    for (size_t i = 0; i < enc.size(); ++i) {
      if (enc[i] == '%' && i + 2 < enc.size()) {
        cursor += static_cast<char>(std::stoi(enc.substr(i + 1, 2), nullptr, 16));
        i += 2;
      } else {
        cursor += enc[i];
      }
    }
  }
  const double per_page = std::chrono::duration<double, std::milli>(SteadyClock::now() - p0).count() / pages_read;
  std::printf("paged %d edit-list pages (%.2f ms each): resident %ld KiB before, %ld KiB after\n", pages_read,
              per_page, before, ResidentKib());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: web_bench N DIR [RUNS] [--phase=record|index|upgrade|serve] [--index=M]\n");
    return 2;
  }
  const size_t n = std::strtoull(argv[1], nullptr, 10);
  const std::string dir = argv[2];
  int runs = 200;
  std::string phase;
  size_t index = std::min<size_t>(n, 20000);
  for (int i = 3; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--phase=", 0) == 0) {
      phase = a.substr(8);
    } else if (a.rfind("--index=", 0) == 0) {
      index = std::strtoull(a.c_str() + 8, nullptr, 10);
    } else {
      runs = std::atoi(a.c_str());
    }
  }
  if ((phase.empty() || phase == "record") && Record(n, dir) != 0) return 1;
  if ((phase.empty() || phase == "index") && Index(std::min(index, n), dir) != 0) return 1;
  if (phase == "upgrade") {
    const auto t0 = SteadyClock::now();
    auto archive = sinmun::Archive::Open(dir, sinmun::Archive::Mode::kReadWrite, sinmun::ArchiveOptions{false, true});
    if (!archive.ok()) {
      std::fprintf(stderr, "%s\n", archive.status().ToString().c_str());
      return 1;
    }
    std::printf("open for writing (upgrades included): %.1f s\n",
                std::chrono::duration<double>(SteadyClock::now() - t0).count());
    return 0;
  }
  if (phase.empty() || phase == "serve") return Serve(n, dir, std::max(runs, 1));
  return 0;
}
