// search_bench: end-to-end cost of the search index on a generated archive.
//
//   search_bench N DIR [RUNS] [--phase=record|index|query]
//
// Records N generated articles (Korean-like text: 6 paragraphs of 25 words drawn from a
// Zipf-like vocabulary of 50,000 Hangul words (see Vocabulary) with particles, one wire paragraph in three shared
// with another article) into a fresh archive in DIR (WAL fsync off), timing that and the
// index build (`sinmun reindex` as a whole process) separately; then runs `sinmun search`
// as a whole process RUNS times (default 200) over a rotating set of queries (single
// words rare and common, two words, a phrase, an exclusion, --sort date, --all-versions)
// and prints the median and 99th-percentile wall time, and the index size per article.
// --phase runs one phase alone over DIR (record creates it; index and query reuse it), so a
// large archive is generated once and its index rebuilt or queried again after a change.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "bench/child_process.h"
#include "storage/archive.h"

namespace {

using Clock = std::chrono::steady_clock;

// Words of 2-4 syllables drawn from a pool of 800 syllables (Korean news uses about 2,000;
// a small pool keeps the bigram vocabulary near a real one's instead of every bigram new).
std::vector<std::string> Vocabulary(std::mt19937_64& rng, size_t n) {
  std::uniform_int_distribution<int> pick(0xAC00, 0xD7A3), len(2, 4);
  std::vector<char32_t> syllables;
  for (int i = 0; i < 800; ++i) syllables.push_back(static_cast<char32_t>(pick(rng)));
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<std::string> words;
  for (size_t i = 0; i < n; ++i) {
    std::string w;
    for (int k = len(rng); k > 0; --k) {
      // Zipf-like syllable frequencies.
      auto s = static_cast<size_t>(std::pow(double(syllables.size()), u(rng))) - 1;
      char32_t c = syllables[std::min(s, syllables.size() - 1)];
      w += static_cast<char>(0xE0 | (c >> 12));
      w += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      w += static_cast<char>(0x80 | (c & 0x3F));
    }
    words.push_back(w);
  }
  return words;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: search_bench N DIR [RUNS] [--phase=record|index|query]\n");
    return 2;
  }
  const size_t n = std::strtoull(argv[1], nullptr, 10);
  const std::string dir = argv[2];
  const int runs = argc > 3 ? std::atoi(argv[3]) : 200;
  const std::string phase = argc > 4 ? argv[4] : "";
  const bool record_phase = phase.empty() || phase == "--phase=record";
  const bool index_phase = phase.empty() || phase == "--phase=index";
  const bool query_phase = phase.empty() || phase == "--phase=query";
  if (!record_phase && !index_phase && !query_phase) {
    std::fprintf(stderr, "unknown %s (--phase=record, index or query)\n", phase.c_str());
    return 2;
  }
  std::mt19937_64 rng(42);
  std::vector<std::string> vocab = Vocabulary(rng, 50'000);
  const char* particles[] = {"", "가", "는", "를", "의", "에", "에서", "으로"};
  // Zipf-like: index = vocab.size() ^ u, u uniform.
  std::uniform_real_distribution<double> u(0, 1);
  auto word = [&]() {
    size_t i = static_cast<size_t>(std::pow(double(vocab.size()), u(rng))) - 1;
    return vocab[std::min(i, vocab.size() - 1)] + particles[rng() % 8];
  };
  if (record_phase) {
    std::filesystem::remove_all(dir);
    sinmun::ArchiveOptions options;
    options.sync = false;
    options.keep_raw = false;
    auto archive = sinmun::Archive::Open(dir, sinmun::Archive::Mode::kReadWrite, options);
    if (!archive.ok()) {
      std::fprintf(stderr, "%s\n", archive.status().message().c_str());
      return 1;
    }
    auto paragraph = [&]() {
      std::string p;
      for (int k = 0; k < 25; ++k) p += (k ? " " : "") + word();
      return p + ".";
    };
    const sinmun::Instant start = sinmun::Instant(std::chrono::seconds(1'790'000'000));
    std::string wire;
    auto t0 = Clock::now();
    for (size_t i = 0; i < n; ++i) {
      sinmun::Fetch f;
      sinmun::Article a;
      a.url = "https://www.outlet" + std::to_string(i % 50) + ".example/news/" + std::to_string(i);
      a.portal = "web";
      a.press = "신문" + std::to_string(i % 50);
      a.title = word() + " " + word() + " " + word();
      a.published = start + std::chrono::seconds(i * 30);
      if (i % 3 == 0) wire = paragraph();
      for (int k = 0; k < 6; ++k) {
        a.blocks.push_back(sinmun::Block{sinmun::BlockType::kParagraph, k == 0 ? wire : paragraph()});
      }
      f.url = a.url;
      f.fetched_at = *a.published + std::chrono::seconds(60);
      f.article = std::move(a);
      if (auto r = (*archive)->Record(f); !r.ok()) {
        std::fprintf(stderr, "%s\n", r.status().message().c_str());
        return 1;
      }
    }
    double record_s = std::chrono::duration<double>(Clock::now() - t0).count();
    archive->reset();
    std::printf("articles %zu, recorded in %.1f s (%.0f/s)\n", n, record_s, double(n) / record_s);
  }

  if (index_phase) {
    sinmun::bench::ChildUsage reindex =
        sinmun::bench::ChildProcess({SINMUN_CLI_PATH, "reindex", "--archive", dir}, "").Wait();
    uint64_t bytes = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir + "/search")) {
      if (e.is_regular_file()) bytes += e.file_size();
    }
    std::printf("reindex: exit %d, %.1f s wall (%.0f versions/s), %.1f s CPU, max RSS %ld MiB\n",
                reindex.exit_code, reindex.wall.count(), double(n) / reindex.wall.count(),
                reindex.cpu_seconds(), reindex.max_rss_kib / 1024);
    std::printf("index: %.1f MiB, %.0f bytes per article\n", double(bytes) / (1 << 20),
                double(bytes) / double(n));
  }
  if (!query_phase) return 0;

  std::vector<std::vector<std::string>> queries = {
      {vocab[0]}, {vocab[40]}, {vocab[2000]}, {vocab[1] + " " + vocab[30]},
      {"\"" + vocab[3] + " " + vocab[4] + "\""}, {vocab[5] + " -" + vocab[6]},
      {vocab[7], "--sort", "date"}, {vocab[20], "--all-versions"}, {vocab[300].substr(0, 6)},
  };
  auto median = [](std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
  };
  std::vector<double> ms;
  std::vector<std::vector<double>> per_query(queries.size());
  for (int r = 0; r < runs; ++r) {
    std::vector<std::string> args = {SINMUN_CLI_PATH, "search"};
    for (const std::string& q : queries[r % queries.size()]) args.push_back(q);
    args.insert(args.end(), {"--archive", dir, "--json"});
    sinmun::bench::ChildUsage c = sinmun::bench::ChildProcess(args, "").Wait();
    if (c.exit_code != 0) {
      std::fprintf(stderr, "search failed (exit %d)\n", c.exit_code);
      return 1;
    }
    ms.push_back(c.wall.count() * 1000);
    per_query[r % queries.size()].push_back(ms.back());
  }
  for (size_t k = 0; k < queries.size() && k < ms.size(); ++k) {
    std::string shown;
    for (const std::string& q : queries[k]) shown += (shown.empty() ? "" : " ") + q;
    std::printf("  %-40s median %.1f ms\n", shown.c_str(), median(per_query[k]));
  }
  std::sort(ms.begin(), ms.end());
  std::printf("sinmun search, %d runs: median %.1f ms, p99 %.1f ms, max %.1f ms\n", runs,
              median(ms), ms[std::min(ms.size() - 1, ms.size() * 99 / 100)], ms.back());
  return 0;
}
