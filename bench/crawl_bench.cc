// End-to-end crawl throughput: the real sinmund binary, run with --once against a bulk
// Daum-like "portal" on 127.0.0.1.
//
// The portal (tests/support's LoopbackServer) serves listing pages /list/<k>, each linking
// up to 5000 article pages /v/<17-digit id> on its own host (ids 20261102000000001, ...),
// and the article pages themselves: Daum article layout (og: meta with og:url
// https://v.daum.net/v/<id>, og:regDate and og:article:author; h3.tit_view; div.info_view;
// div.article_view > section[dmcf-sid] > 20-30 p[dmcf-ptype=general][contents-hash]
// [dmcf-pid] of Korean-like text) padded with navigation, related links, style links and
// inline scripts to 30-60 KB, like the real pages. Every page is generated before the
// clock starts (fixed RNG seed), so serving costs a lookup and a copy.
//
// Each run writes a config with politeness off (respect_robots = false,
// per_host_interval = 0ms, max_per_host = max_connections = --connections, private
// addresses allowed, no metrics endpoint), starts `sinmund --config FILE --once` on a
// fresh archive, and times it from spawn to exit; CPU time and peak RSS are the child's
// own (wait4). The count of articles is read back with `sinmun stats --json` and must
// equal N for the run to be reported as complete. The search index sinmund leaves is
// measured on disk against the text it indexes (the UTF-8 bytes of every article's title
// and paragraphs).
//
// The portal runs in a process of its own, forked before the pages are generated: a
// child spawned by a process holding 200 MB of pages would report that process's peak as
// its own ru_maxrss (exec keeps the old address space's high-water mark), so the process
// that spawns sinmund stays small. Its CPU time is reported per run as server_cpu.
//
// Flags (all optional):
//   --articles N        articles on the portal (default 5000)
//   --runs R            runs per keep_raw setting, interleaved (default 3)
//   --keep-raw MODE     true | false | both (default both)
//   --connections C     max_per_host and max_connections (default 16)
//   --wrapper "CMD"     prefix sinmund with CMD (split on spaces), e.g.
//                       "/usr/bin/valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.out"
//   --timeout SECONDS   kill sinmund after this long (default 900)
//   --keep-dir          leave the work directory (archive, config, sinmund's log) behind
//   --corpus C          synthetic (default: TextGenerator's syllables) | real (titles and
//                       paragraphs of KoreanCorpus: the saved real pages' sentences, shuffled)
//   --sinmund PATH      another sinmund binary (an older build, for a comparison)
//   --sinmun PATH       the sinmun binary that reads the archive back
// The work directory is under $TMPDIR. Only 127.0.0.1 is contacted.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/child_process.h"
#include "bench/korean_corpus.h"
#include "bench/text_generator.h"
#include "common/hash.h"
#include "tests/support/loopback_server.h"

namespace sinmun {
namespace {

using bench::ChildProcess;
using bench::ChildUsage;
using bench::Median;
using bench::KoreanCorpus;
using bench::TextGenerator;
using bench::TextSource;
using bench::Utf8Prefix;
using test_support::LoopbackServer;
using test_support::Request;
using test_support::Response;

constexpr uint64_t kFirstId = 20261102000000001ULL;
constexpr size_t kLinksPerListing = 5000;  // below discover's kMaxLinks (10,000)

struct Flags {
  size_t articles = 5000;
  int runs = 3;
  std::string keep_raw = "both";
  int connections = 16;
  std::vector<std::string> wrapper;
  int timeout_seconds = 900;
  bool keep_dir = false;
  std::string corpus = "synthetic";
  std::string sinmund = SINMUN_SINMUND_PATH;
  std::string sinmun = SINMUN_SINMUN_PATH;
};

[[noreturn]] void Usage(const char* message) {
  std::fprintf(stderr,
               "crawl_bench: %s\nusage: crawl_bench [--articles N] [--runs R] "
               "[--keep-raw true|false|both] [--connections C] [--wrapper \"CMD\"] "
               "[--timeout SECONDS] [--keep-dir] [--corpus synthetic|real] [--sinmund PATH] [--sinmun PATH]\n",
               message);
  std::exit(2);
}

Flags ParseFlags(int argc, char** argv) {
  Flags f;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Usage(("missing value for " + arg).c_str());
      return argv[++i];
    };
    if (arg == "--articles") {
      f.articles = std::stoul(value());
    } else if (arg == "--runs") {
      f.runs = std::stoi(value());
    } else if (arg == "--keep-raw") {
      f.keep_raw = value();
      if (f.keep_raw != "true" && f.keep_raw != "false" && f.keep_raw != "both") Usage("bad --keep-raw");
    } else if (arg == "--connections") {
      f.connections = std::stoi(value());
    } else if (arg == "--wrapper") {
      std::istringstream words(value());
      for (std::string w; words >> w;) f.wrapper.push_back(w);
    } else if (arg == "--timeout") {
      f.timeout_seconds = std::stoi(value());
    } else if (arg == "--keep-dir") {
      f.keep_dir = true;
    } else if (arg == "--corpus") {
      f.corpus = value();
      if (f.corpus != "synthetic" && f.corpus != "real") Usage("bad --corpus");
    } else if (arg == "--sinmund") {
      f.sinmund = value();
    } else if (arg == "--sinmun") {
      f.sinmun = value();
    } else {
      Usage(("unknown argument " + arg).c_str());
    }
  }
  if (f.articles == 0 || f.runs < 1 || f.connections < 1) Usage("counts must be positive");
  return f;
}

// Script text like a portal's inline bundles: minified functions and a JSON state blob.
std::string ScriptFiller(TextGenerator& gen, size_t bytes) {
  std::string s;
  while (s.size() < bytes) {
    uint64_t k = gen.Next() % 100000;
    s += "var _" + gen.Alnum(5) + "=function(a,b){if(!a)return b;var c=a." + gen.Alnum(4) +
         "||{};c[\"k" + std::to_string(k) + "\"]=(b|0)+" + std::to_string(k % 977) +
         ";return c};window.__tiara&&window.__tiara.push([\"" + gen.Alnum(8) + "\"," +
         std::to_string(k) + "]);\n";
  }
  return s;
}

// An article page; its title and paragraphs from `text`, the rest from `gen`. Adds the
// bytes of the text it indexes (title and paragraphs) to *text_bytes.
std::string ArticlePage(uint64_t id, TextGenerator& gen, TextSource& text, size_t* text_bytes) {
  static const char* const kPress[] = {"연합뉴스", "뉴시스", "YTN", "한겨레", "경향신문", "머니투데이"};
  const std::string digits = std::to_string(id);
  const std::string press = kPress[gen.Next() % 6];
  const std::string title = text.Words(5, 9);
  const std::string author = gen.Words(1, 1);
  const std::string reg = digits.substr(0, 14);
  std::vector<std::string> paragraphs;
  for (size_t n = 20 + gen.Next() % 11; n > 0; --n) paragraphs.push_back(text.Paragraph());
  *text_bytes += title.size();
  for (const std::string& p : paragraphs) *text_bytes += p.size();

  std::string h;
  h.reserve(64 << 10);
  h += "<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + title +
       " | Daum 뉴스</title>\n"
       "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"
       "<meta property=\"og:site_name\" content=\"Daum | " + press + "\">\n"
       "<meta property=\"og:title\" content=\"" + title + "\">\n"
       "<meta property=\"og:regDate\" content=\"" + reg + "\">\n"
       "<meta property=\"og:type\" content=\"article\">\n"
       "<meta property=\"og:article:author\" content=\"" + press + "\">\n"
       "<meta property=\"og:url\" content=\"https://v.daum.net/v/" + digits + "\">\n"
       "<meta property=\"og:image\" content=\"https://img1.daumcdn.net/thumb/S1200x630/?fname=https://t1.daumcdn.net/news/202611/02/" +
       gen.Alnum(12) + ".jpg\">\n"
       "<meta property=\"og:description\" content=\"" + Utf8Prefix(paragraphs[0], 300) + "\">\n";
  for (int i = 0; i < 8; ++i) {
    h += "<link rel=\"stylesheet\" href=\"//t1.daumcdn.net/news/pc/css/" + gen.Alnum(10) + ".css\">\n";
  }
  h += "<script>" + ScriptFiller(gen, 4000) + "</script>\n</head>\n<body>\n";
  h += "<div id=\"kakaoIndex\"><a href=\"#kakaoBody\">본문 바로가기</a><a href=\"#kakaoGnb\">메뉴 바로가기</a></div>\n"
       "<div id=\"kakaoWrap\"><header id=\"kakaoHead\"><nav id=\"kakaoGnb\"><ul class=\"list_gnb\">\n";
  for (int i = 0; i < 40; ++i) {
    h += "<li><a href=\"https://news.daum.net/" + gen.Alnum(8) + "\" class=\"link_gnb\" data-tiara-layer=\"gnb\">"
         "<span class=\"txt_gnb\">" + gen.Words(1, 2) + "</span></a></li>\n";
  }
  h += "</ul></nav></header>\n<main><div id=\"kakaoContent\"><section><h2 class=\"screen_out\">사회</h2>\n"
       "<div class=\"main-content\"><div class=\"head_view\">\n"
       "<h3 class=\"tit_view\" data-translation=\"true\">" + title + "</h3>\n"
       "<div class=\"info_view\"> <span class=\"txt_info\">" + author + " 기자</span> "
       "<span class=\"txt_info\">입력 <span class=\"num_date\">" +
       digits.substr(0, 4) + ". " + std::to_string(std::stoi(digits.substr(4, 2))) + ". " +
       std::to_string(std::stoi(digits.substr(6, 2))) + ". " + digits.substr(8, 2) + ":" +
       digits.substr(10, 2) + "</span></span></div>\n</div>\n"
       "<div class=\"news_view fs_type1\"><div class=\"article_view\" data-translation-body=\"true\" "
       "data-tiara-layer=\"article_body\">\n<section dmcf-sid=\"" + gen.Alnum(10) + "\">\n";
  for (const std::string& p : paragraphs) {
    h += "<p contents-hash=\"" + ToHex(Sha256(p)) + "\" dmcf-pid=\"" + gen.Alnum(10) +
         "\" dmcf-ptype=\"general\">" + p + "</p>\n";
  }
  h += "</section>\n</div></div>\n<div class=\"foot_view\"><p class=\"txt_copyright\">Copyright © " + press +
       ". All rights reserved. 무단 전재 및 재배포 금지.</p></div>\n</div></section>\n"
       "<aside class=\"aside_g\"><strong class=\"tit_g\">많이 본 뉴스</strong><ul class=\"list_news\">\n";
  for (int i = 0; i < 20; ++i) {
    h += "<li><a href=\"https://news.daum.net/ranking/" + gen.Alnum(6) + "\" class=\"link_txt\">" +
         gen.Words(5, 9) + "</a><span class=\"info_news\">" + kPress[gen.Next() % 6] + "</span></li>\n";
  }
  h += "</ul></aside></div></main>\n<footer id=\"kakaoFoot\"><div class=\"inner_foot\">\n";
  for (int i = 0; i < 10; ++i) {
    h += "<a href=\"https://policy.daum.net/" + gen.Alnum(6) + "\" class=\"link_info\">" + gen.Words(1, 3) + "</a>\n";
  }
  h += "</div></footer></div>\n";
  for (int i = 0; i < 3; ++i) h += "<script>" + ScriptFiller(gen, 3500) + "</script>\n";
  h += "</body>\n</html>\n";
  return h;
}

std::string ListingPage(uint64_t first, uint64_t count, TextGenerator& gen) {
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\"><title>사회 | Daum 뉴스</title>"
      "</head>\n<body><div id=\"kakaoContent\"><ul class=\"list_news2 list_allnews\">\n";
  for (uint64_t id = first; id < first + count; ++id) {
    h += "<li><div class=\"cont_thumb\"><strong class=\"tit_thumb\"><a href=\"/v/" + std::to_string(id) +
         "\" class=\"link_txt\">" + gen.Words(5, 9) + "</a></strong></div></li>\n";
  }
  h += "</ul></div></body></html>\n";
  return h;
}

struct Portal {
  std::vector<std::string> listings;
  std::vector<std::string> articles;  // articles[i] is id kFirstId + i
  size_t bytes = 0;
  size_t text_bytes = 0;  // titles and paragraphs
};

Portal MakePortal(size_t n, const std::string& corpus) {
  Portal p;
  TextGenerator gen(1);
  std::unique_ptr<TextSource> real;
  if (corpus == "real") {
    Result<KoreanCorpus> loaded = KoreanCorpus::Load(bench::RealPagesDir(SINMUN_REAL_PAGES_DEFAULT), 1);
    if (!loaded.ok()) {
      std::fprintf(stderr, "--corpus real: %s\n", loaded.status().message().c_str());
      std::exit(1);
    }
    real = std::make_unique<KoreanCorpus>(std::move(*loaded));
  }
  TextSource& text = real ? *real : static_cast<TextSource&>(gen);
  p.articles.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    p.articles.push_back(ArticlePage(kFirstId + i, gen, text, &p.text_bytes));
    p.bytes += p.articles.back().size();
  }
  for (size_t first = 0; first < n; first += kLinksPerListing) {
    p.listings.push_back(ListingPage(kFirstId + first, std::min(kLinksPerListing, n - first), gen));
  }
  return p;
}

Response ServePortalRequest(const Portal& portal, const Request& r) {
  if (r.path.starts_with("/list/")) {
    size_t k = std::strtoul(r.path.c_str() + 6, nullptr, 10);
    if (k < portal.listings.size()) return Response::Html(portal.listings[k]);
  } else if (r.path.starts_with("/v/") && r.path.size() == 3 + 17) {
    uint64_t id = std::strtoull(r.path.c_str() + 3, nullptr, 10);
    if (id >= kFirstId && id - kFirstId < portal.articles.size()) {
      return Response::Html(portal.articles[id - kFirstId]);
    }
  }
  return Response::Html("<html><body>not here</body></html>", 404);
}

double CpuSecondsSelf() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

// The portal in its own process. Line protocol on two pipes: it first writes
// "<port> <listings> <mean page bytes> <text bytes>\n"; then each "stats\n" it reads is
// answered with "<requests> <cpu seconds>\n"; EOF stops it.
class PortalProcess {
 public:
  PortalProcess(size_t articles, const std::string& corpus) {
    int to_child[2], from_child[2];
    if (pipe(to_child) != 0 || pipe(from_child) != 0) {
      std::perror("pipe");
      std::exit(1);
    }
    pid_ = fork();
    if (pid_ < 0) {
      std::perror("fork");
      std::exit(1);
    }
    if (pid_ == 0) {
      close(to_child[1]);
      close(from_child[0]);
      _exit(Run(articles, corpus, fdopen(to_child[0], "r"), fdopen(from_child[1], "w")));
    }
    close(to_child[0]);
    close(from_child[1]);
    out_ = fdopen(to_child[1], "w");
    in_ = fdopen(from_child[0], "r");
    double mean = 0;
    if (std::fscanf(in_, "%hu %zu %lf %zu", &port_, &listings_, &mean, &text_bytes_) != 4) {
      std::fprintf(stderr, "the portal process did not start\n");
      std::exit(1);
    }
    mean_page_bytes_ = mean;
  }
  ~PortalProcess() {
    std::fclose(out_);
    std::fclose(in_);
    waitpid(pid_, nullptr, 0);
  }
  PortalProcess(const PortalProcess&) = delete;
  PortalProcess& operator=(const PortalProcess&) = delete;

  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  size_t listings() const { return listings_; }
  double mean_page_bytes() const { return mean_page_bytes_; }
  size_t text_bytes() const { return text_bytes_; }

  // Requests served and CPU seconds used so far.
  std::pair<size_t, double> Stats() {
    std::fputs("stats\n", out_);
    std::fflush(out_);
    size_t requests = 0;
    double cpu = 0;
    if (std::fscanf(in_, "%zu %lf", &requests, &cpu) != 2) return {0, 0};
    return {requests, cpu};
  }

 private:
  static int Run(size_t articles, const std::string& corpus, FILE* in, FILE* out) {
    const Portal portal = MakePortal(articles, corpus);
    LoopbackServer server([&portal](const Request& r) { return ServePortalRequest(portal, r); });
    std::fprintf(out, "%u %zu %f %zu\n", unsigned(server.port()), portal.listings.size(),
                 double(portal.bytes) / double(portal.articles.size()), portal.text_bytes);
    std::fflush(out);
    char line[64];
    while (std::fgets(line, sizeof line, in) != nullptr) {
      std::fprintf(out, "%zu %f\n", server.request_count(), CpuSecondsSelf());
      std::fflush(out);
    }
    server.Stop();
    return 0;
  }

  pid_t pid_ = -1;
  FILE* out_ = nullptr;
  FILE* in_ = nullptr;
  uint16_t port_ = 0;
  size_t listings_ = 0;
  double mean_page_bytes_ = 0;
  size_t text_bytes_ = 0;
};

std::string Config(const std::string& archive, const PortalProcess& portal, bool keep_raw,
                   int connections) {
  std::string c = "[archive]\npath = " + archive +
                  "\n\n[crawler]\nper_host_interval = 0ms\nmax_per_host = " + std::to_string(connections) +
                  "\nmax_connections = " + std::to_string(connections) +
                  "\nrespect_robots = false\nallow_private_addresses = true\nkeep_raw = " +
                  (keep_raw ? "true" : "false") + "\n\n[metrics]\nlisten =\n";
  for (size_t k = 0; k < portal.listings(); ++k) {
    c += "\n[source.bench-" + std::to_string(k) + "]\ntype = daum\nurl = " +
         portal.Url("/list/" + std::to_string(k)) + "\ninterval = 1h\n";
  }
  return c;
}

struct RunResult {
  bool keep_raw;
  ChildUsage usage;
  uint64_t articles = 0, versions = 0, bytes_on_disk = 0;
  uint64_t index_bytes = 0;  // the search index directory, as sinmund left it
  double server_cpu = 0;
  size_t requests = 0;
  // From sinmund's "crawl finished after X s" line: fetching, extracting and recording,
  // without the search indexer's catch-up that --once waits for before exiting.
  double crawl_seconds = 0;
};

double CrawlSeconds(const std::string& log_path) {
  std::ifstream log(log_path);
  std::string line;
  const std::string marker = "crawl finished after ";
  while (std::getline(log, line)) {
    size_t at = line.find(marker);
    if (at != std::string::npos) return std::atof(line.c_str() + at + marker.size());
  }
  return 0;
}

// `sinmun stats --json` of the archive into r; false when it fails.
bool ReadStats(const Flags& flags, const std::string& dir, RunResult& r) {
  const std::string out = dir + "/stats.json";
  ChildUsage u = bench::RunChild({flags.sinmun, "stats", "--json", "--archive", dir + "/archive"}, out);
  if (u.exit_code != 0) return false;
  std::ifstream in(out);
  nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded()) return false;
  r.articles = j.value("articles", uint64_t{0});
  r.versions = j.value("versions", uint64_t{0});
  r.bytes_on_disk = j.value("bytes_on_disk", uint64_t{0});
  return true;
}

RunResult RunOnce(const Flags& flags, PortalProcess& portal, const std::string& work, int index,
                  bool keep_raw) {
  const std::string dir = work + "/run" + std::to_string(index) + (keep_raw ? "-raw" : "-noraw");
  std::filesystem::create_directories(dir);
  const std::string config_path = dir + "/sinmun.conf";
  std::ofstream(config_path) << Config(dir + "/archive", portal, keep_raw, flags.connections);
  std::vector<std::string> argv = flags.wrapper;
  argv.insert(argv.end(), {flags.sinmund, "--config", config_path, "--once"});

  RunResult r;
  r.keep_raw = keep_raw;
  auto [requests_before, cpu_before] = portal.Stats();
  {
    ChildProcess child(argv, dir + "/sinmund.log");
    std::mutex mu;
    std::condition_variable cv;
    bool done = false;
    std::thread watchdog([&] {
      std::unique_lock lock(mu);
      if (!cv.wait_for(lock, std::chrono::seconds(flags.timeout_seconds), [&] { return done; })) {
        std::fprintf(stderr, "sinmund ran past --timeout; killing it\n");
        child.Signal(SIGKILL);
      }
    });
    r.usage = child.Wait();
    {
      std::lock_guard lock(mu);
      done = true;
    }
    cv.notify_one();
    watchdog.join();
  }
  auto [requests_after, cpu_after] = portal.Stats();
  r.server_cpu = cpu_after - cpu_before;
  r.requests = requests_after - requests_before;
  if (!ReadStats(flags, dir, r)) std::fprintf(stderr, "sinmun stats failed on %s\n", dir.c_str());
  r.crawl_seconds = CrawlSeconds(dir + "/sinmund.log");
  std::error_code ec;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir + "/archive/search", ec)) {
    if (e.is_regular_file()) r.index_bytes += e.file_size();
  }
  if (!flags.keep_dir) std::filesystem::remove_all(dir);
  return r;
}

void PrintRun(const RunResult& r, size_t n, size_t text_bytes) {
  const double wall = r.usage.wall.count();
  std::printf("keep_raw=%-5s exit=%d%s wall=%7.2fs articles=%llu/%zu %7.1f articles/s  "
              "cpu=%6.2fs (user %.2f sys %.2f) %.2f ms cpu/article  max_rss=%.1f MiB  "
              "disk=%.1f MB  server_cpu=%.2fs requests=%zu  crawl=%.2fs %.1f articles/s  "
              "search index %.1f MB = %.2fx the text\n",
              r.keep_raw ? "true" : "false", r.usage.exit_code,
              r.usage.signal ? (" signal=" + std::to_string(r.usage.signal)).c_str() : "", wall,
              static_cast<unsigned long long>(r.articles), n, double(r.articles) / wall,
              r.usage.cpu_seconds(), r.usage.user_seconds, r.usage.system_seconds,
              r.articles ? 1000 * r.usage.cpu_seconds() / double(r.articles) : 0.0,
              double(r.usage.max_rss_kib) / 1024, double(r.bytes_on_disk) / 1e6, r.server_cpu,
              r.requests, r.crawl_seconds,
              r.crawl_seconds > 0 ? double(r.articles) / r.crawl_seconds : 0.0, double(r.index_bytes) / 1e6,
              double(r.index_bytes) / double(text_bytes));
  std::fflush(stdout);
}

int Main(int argc, char** argv) {
  Flags flags = ParseFlags(argc, argv);
  std::printf("generating %zu article pages...\n", flags.articles);
  std::fflush(stdout);
  PortalProcess portal(flags.articles, flags.corpus);
  std::printf("portal: %zu articles (%s text), %zu listing(s), mean page %.1f KB, %.1f MB in all, "
              "%.1f MB of title and paragraph text\n",
              flags.articles, flags.corpus.c_str(), portal.listings(), portal.mean_page_bytes() / 1000,
              portal.mean_page_bytes() * double(flags.articles) / 1e6, double(portal.text_bytes()) / 1e6);

  std::string templ = (std::filesystem::temp_directory_path() / "sinmun-crawl-bench-XXXXXX").string();
  if (mkdtemp(templ.data()) == nullptr) {
    std::perror("mkdtemp");
    return 1;
  }
  const std::string work = templ;
  std::printf("work directory %s; sinmund %s\n", work.c_str(), flags.sinmund.c_str());

  std::vector<bool> modes;
  if (flags.keep_raw != "false") modes.push_back(true);
  if (flags.keep_raw != "true") modes.push_back(false);
  std::vector<RunResult> results;
  int index = 0;
  for (int run = 0; run < flags.runs; ++run) {
    for (bool keep_raw : modes) {
      results.push_back(RunOnce(flags, portal, work, index++, keep_raw));
      PrintRun(results.back(), flags.articles, portal.text_bytes());
    }
  }

  std::printf("\nmedians over %d run(s), N=%zu, connections=%d:\n", flags.runs, flags.articles,
              flags.connections);
  for (bool keep_raw : modes) {
    std::vector<double> rate, cpu_ms, rss, wall, crawl_rate, index_ratio;
    bool complete = true;
    for (const RunResult& r : results) {
      if (r.keep_raw != keep_raw) continue;
      complete &= r.articles == flags.articles && r.usage.exit_code == 0;
      wall.push_back(r.usage.wall.count());
      rate.push_back(double(r.articles) / r.usage.wall.count());
      cpu_ms.push_back(r.articles ? 1000 * r.usage.cpu_seconds() / double(r.articles) : 0);
      rss.push_back(double(r.usage.max_rss_kib) / 1024);
      crawl_rate.push_back(r.crawl_seconds > 0 ? double(r.articles) / r.crawl_seconds : 0);
      index_ratio.push_back(double(r.index_bytes) / double(portal.text_bytes()));
    }
    std::printf("keep_raw=%-5s wall %.2f s  %.1f articles/s (crawl alone %.1f articles/s)  "
                "%.2f ms cpu/article  max_rss %.1f MiB  search index %.2fx the text%s\n",
                keep_raw ? "true" : "false", Median(wall), Median(rate), Median(crawl_rate),
                Median(cpu_ms), Median(rss), Median(index_ratio),
                complete ? "" : "  (INCOMPLETE: some run did not archive every article)");
  }
  if (!flags.keep_dir) std::filesystem::remove_all(work);
  return 0;
}

}  // namespace
}  // namespace sinmun

int main(int argc, char** argv) { return sinmun::Main(argc, argv); }
