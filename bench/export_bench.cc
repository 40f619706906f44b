// export_bench: `sinmun export` end to end on a generated archive — output throughput
// (MB/s of what was written) and the export process's peak RSS.
//
//   export_bench ARTICLES VERSIONS DIR
//
// Records ARTICLES generated articles (10 paragraphs of Korean-like text each, bench/
// text_generator.h) with VERSIONS versions each (every version edits one paragraph; a
// 20 KB page kept as raw bytes with each) into DIR/archive (WAL fsync off, compacted),
// then runs `sinmun export` as a whole process for jsonl (--all-versions and latest
// only), csv and warc (--all-versions), writing to DIR/out.*. The archive is written by
// a child process (this program run with --generate) so that this process stays small:
// a spawned child's ru_maxrss starts at its parent's high-water mark.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "bench/child_process.h"
#include "bench/text_generator.h"
#include "storage/archive.h"

namespace {

int Generate(size_t articles, size_t versions, const std::string& dir) {
  auto opened = sinmun::Archive::Open(dir, sinmun::Archive::Mode::kReadWrite,
                                      sinmun::ArchiveOptions{.sync = false, .keep_raw = true});
  if (!opened.ok()) {
    std::fprintf(stderr, "%s\n", opened.status().ToString().c_str());
    return 1;
  }
  sinmun::Archive& archive = **opened;
  sinmun::bench::TextGenerator text(42);
  const sinmun::Instant t0{std::chrono::seconds(1793579700)};
  for (size_t n = 0; n < articles; ++n) {
    sinmun::Article a;
    a.id = "daum:" + std::to_string(20261102000000000ULL + n);
    a.url = "https://v.daum.net/v/" + a.id.substr(5);
    a.portal = "daum";
    a.press = "신문일보";
    a.section = "정치";
    a.authors = {"홍길동"};
    a.title = text.Words(4, 9);
    for (int p = 0; p < 10; ++p) a.blocks.push_back(sinmun::Block{.text = text.Paragraph()});
    std::string page = "<html><body>" + text.Alnum(20000) + "</body></html>";
    for (size_t v = 0; v < versions; ++v) {
      if (v > 0) a.blocks[text.Next() % a.blocks.size()].text = text.Paragraph();
      sinmun::Fetch f;
      f.url = a.url;
      f.fetched_at = t0 + std::chrono::minutes(n * 5 + v * 60);
      f.article = a;
      f.raw = page;
      f.content_type = "text/html; charset=utf-8";
      if (auto r = archive.Record(f); !r.ok()) {
        std::fprintf(stderr, "%s\n", r.status().ToString().c_str());
        return 1;
      }
    }
  }
  return archive.Compact().ok() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 5 && std::string(argv[1]) == "--generate") {
    return Generate(std::strtoull(argv[2], nullptr, 10), std::strtoull(argv[3], nullptr, 10), argv[4]);
  }
  if (argc != 4) {
    std::fprintf(stderr, "usage: export_bench ARTICLES VERSIONS DIR\n");
    return 2;
  }
  namespace fs = std::filesystem;
  const std::string dir = argv[3], archive = dir + "/archive";
  fs::remove_all(archive);
  fs::create_directories(dir);
  sinmun::bench::ChildUsage gen =
      sinmun::bench::RunChild({fs::canonical("/proc/self/exe").string(), "--generate", argv[1], argv[2], archive});
  if (gen.exit_code != 0) {
    std::fprintf(stderr, "generating the archive failed\n");
    return 1;
  }
  std::uintmax_t archive_bytes = 0;
  for (const auto& e : fs::recursive_directory_iterator(archive)) {
    if (e.is_regular_file()) archive_bytes += e.file_size();
  }
  std::printf("archive: %s articles x %s versions, %.1f MB on disk, generated in %.1f s\n", argv[1], argv[2],
              double(archive_bytes) / 1e6, gen.wall.count());
  std::printf("%-22s %10s %8s %8s %8s %12s %12s\n", "export", "output MB", "wall s", "cpu s", "MB/s",
              "MB/cpu-s", "peak RSS MiB");
  struct Case {
    std::string name, format;
    bool all;
  };
  for (const Case& c : std::vector<Case>{{"jsonl --all-versions", "jsonl", true},
                                         {"jsonl (latest)", "jsonl", false},
                                         {"csv --all-versions", "csv", true},
                                         {"warc --all-versions", "warc", true}}) {
    const std::string out = dir + "/out." + c.format;
    std::vector<std::string> args = {SINMUN_CLI_PATH, "export", "--format", c.format, "-o", out, "--archive", archive};
    if (c.all) args.push_back("--all-versions");
    sinmun::bench::ChildUsage u = sinmun::bench::RunChild(args);
    if (u.exit_code != 0) {
      std::fprintf(stderr, "%s failed\n", c.name.c_str());
      return 1;
    }
    const double mb = double(fs::file_size(out)) / 1e6;
    std::printf("%-22s %10.1f %8.2f %8.2f %8.1f %12.1f %12.1f\n", c.name.c_str(), mb, u.wall.count(),
                u.cpu_seconds(), mb / u.wall.count(), mb / u.cpu_seconds(), double(u.max_rss_kib) / 1024);
    fs::remove(out);
  }
  return 0;
}
