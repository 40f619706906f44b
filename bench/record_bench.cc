// Archive::Record throughput and on-disk cost.
//
// Builds an archive of SINMUN_BENCH_ARTICLES (default 100000) generated Korean-like
// articles (15-30 paragraphs of 100-300 characters, Daum contents-hash/dmcf-pid on every
// paragraph, fixed RNG seed) in a temporary directory, then measures:
//   BM_UnchangedRefetch   Record() of a fetch whose content did not change (fast path)
//   BM_UnchangedSlowPath  the same without publisher hashes (every block hashed and compared)
//   BM_ChangedVersion     Record() of a fetch with one paragraph edited
//   BM_NewArticle         Record() of the first fetch of an article (its blocks all new)
//   BM_BytesPerUnchangedRefetch / BM_BytesPerEdit
//                         live SST bytes added per fetch, measured as the difference of
//                         total SST size after a full CompactRange before and after N
//                         fetches (raw bytes off). The edit counter is compared with the
//                         zstd-compressed size of the edited paragraph.
// Writes are not fsynced here (ArchiveOptions::sync = false): this measures the archive,
// not the disk's flush latency.
#include <benchmark/benchmark.h>
#include <stdlib.h>
#include <zstd.h>

#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "common/hash.h"
#include "storage/archive.h"

namespace sinmun {
namespace {

const Instant kStart{std::chrono::seconds(1774097005)};

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {
    std::mt19937_64 pick(7);  // a fixed "common syllable" inventory shared by all articles
    for (int i = 0; i < 600; ++i) syllables_.push_back(Utf8(0xAC00 + static_cast<uint32_t>(pick() % 11172)));
  }

  std::string Paragraph() {
    size_t target = 100 + rng_() % 201;  // characters
    std::string text;
    size_t chars = 0;
    while (chars < target) {
      size_t len = 1 + rng_() % 4;
      for (size_t i = 0; i < len; ++i) text += syllables_[Zipf()];
      chars += len;
      if (rng_() % 9 == 0) {
        text += rng_() % 2 ? "다." : ",";
        chars += 2;
      }
      text += ' ';
      ++chars;
    }
    text += "했다.";
    return text;
  }

  Block ParagraphBlock(int pid) {
    Block b;
    b.text = Paragraph();
    b.publisher_hash = ToHex(Sha256(b.text)).substr(0, 32);
    b.publisher_id = std::to_string(pid);
    return b;
  }

  Article MakeArticle(uint64_t n) {
    Article a;
    std::string digits = std::to_string(20260321000000000ULL + n);
    a.id = "daum:" + digits;
    a.url = "https://v.daum.net/v/" + digits;
    a.portal = "daum";
    a.source = "daum-news";
    a.press = "연합뉴스";
    a.section = "사회";
    for (size_t words = 4 + rng_() % 5; words > 0; --words) {
      for (size_t len = 1 + rng_() % 4; len > 0; --len) a.title += syllables_[Zipf()];
      if (words > 1) a.title += ' ';
    }
    a.authors = {"김기자"};
    a.published = kStart + std::chrono::seconds(n);
    a.encoding = "UTF-8";
    int paragraphs = 15 + static_cast<int>(rng_() % 16);
    for (int i = 0; i < paragraphs; ++i) a.blocks.push_back(ParagraphBlock(i));
    return a;
  }

  size_t Index(size_t n) { return rng_() % n; }

 private:
  size_t Zipf() {  // skewed syllable choice, like real text
    double u = std::uniform_real_distribution<double>(0, 1)(rng_);
    return static_cast<size_t>(u * u * static_cast<double>(syllables_.size())) % syllables_.size();
  }
  static std::string Utf8(uint32_t cp) {
    std::string s;
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
    return s;
  }
  std::mt19937_64 rng_;
  std::vector<std::string> syllables_;
};

size_t ArticleCount() {
  const char* env = getenv("SINMUN_BENCH_ARTICLES");
  return env ? std::stoul(env) : 100000;
}

// The archive all benchmarks share, built on first use.
struct Shared {
  Shared() : gen(1) {
    std::string templ = (std::filesystem::temp_directory_path() / "sinmun-record-bench-XXXXXX").string();
    dir = mkdtemp(templ.data());
    auto opened = Archive::Open(dir + "/archive", Archive::Mode::kReadWrite,
                                ArchiveOptions{.sync = false, .keep_raw = false});
    if (!opened.ok()) {
      std::fprintf(stderr, "%s\n", opened.status().ToString().c_str());
      std::abort();
    }
    archive = std::move(opened).value();
    size_t n = ArticleCount();
    const size_t pool_size = std::min<size_t>(n, 2000);
    for (size_t i = 0; i < n; ++i) {
      Article a = gen.MakeArticle(i);
      Fetch f;
      f.url = a.url;
      f.fetched_at = kStart + std::chrono::seconds(i);
      f.article = a;
      if (!archive->Record(f).ok()) std::abort();
      if (i < pool_size) pool.push_back(std::move(a));
    }
    now = kStart + std::chrono::seconds(n);
    next_new = n;
  }
  ~Shared() {
    archive.reset();
    std::filesystem::remove_all(dir);
  }

  void Refetch(const Article& a) {
    Fetch f;
    f.url = a.url;
    f.fetched_at = (now += std::chrono::seconds(1));
    f.article = a;
    auto r = archive->Record(f);
    if (!r.ok()) std::abort();
  }

  // Edits one paragraph of pool article i; returns the new paragraph's text.
  std::string EditOne(size_t i) {
    Article& a = pool[i];
    size_t k = gen.Index(a.blocks.size());
    Block fresh = gen.ParagraphBlock(0);
    fresh.publisher_id = a.blocks[k].publisher_id;
    a.blocks[k] = fresh;
    Refetch(a);
    return fresh.text;
  }

  uint64_t CompactedSstBytes() {
    if (!archive->Compact().ok()) std::abort();
    return *archive->SstBytes();
  }

  std::string dir;
  Generator gen;
  std::unique_ptr<Archive> archive;
  std::vector<Article> pool;  // the first articles, kept in memory for refetches
  Instant now;
  size_t next = 0;
  size_t next_new = 0;  // the number of the next article not recorded yet
};

Shared& GetShared() {
  static Shared shared;
  return shared;
}

void BM_UnchangedRefetch(benchmark::State& state) {
  Shared& s = GetShared();
  for (auto _ : state) s.Refetch(s.pool[s.next++ % s.pool.size()]);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_UnchangedRefetch)->Unit(benchmark::kMicrosecond);

void BM_UnchangedSlowPath(benchmark::State& state) {
  Shared& s = GetShared();
  std::vector<Article> plain(s.pool.begin(), s.pool.begin() + static_cast<long>(std::min<size_t>(200, s.pool.size())));
  for (auto& a : plain) {
    for (auto& b : a.blocks) b.publisher_hash.clear();
  }
  for (auto& a : plain) s.Refetch(a);  // the head's fast key now says "no hashes"
  size_t i = 0;
  for (auto _ : state) s.Refetch(plain[i++ % plain.size()]);
  state.SetItemsProcessed(state.iterations());
  for (size_t j = 0; j < plain.size(); ++j) s.Refetch(s.pool[j]);  // restore the fast key
}
BENCHMARK(BM_UnchangedSlowPath)->Unit(benchmark::kMicrosecond);

void BM_ChangedVersion(benchmark::State& state) {
  Shared& s = GetShared();
  for (auto _ : state) s.EditOne(s.next++ % s.pool.size());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ChangedVersion)->Unit(benchmark::kMicrosecond);

constexpr size_t kNewArticles = 4000;

void BM_NewArticle(benchmark::State& state) {
  Shared& s = GetShared();
  std::vector<Fetch> fresh;  // generated before timing: only Record is measured
  for (size_t i = 0; i < kNewArticles; ++i) {
    Fetch f;
    f.article = s.gen.MakeArticle(s.next_new++);
    f.url = f.article->url;
    f.fetched_at = (s.now += std::chrono::seconds(1));
    fresh.push_back(std::move(f));
  }
  size_t i = 0;
  for (auto _ : state) {
    if (!s.archive->Record(fresh[i++]).ok()) std::abort();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NewArticle)->Iterations(kNewArticles)->Unit(benchmark::kMicrosecond);

void BM_BytesPerUnchangedRefetch(benchmark::State& state) {
  Shared& s = GetShared();
  const size_t n = 20000;
  for (auto _ : state) {
    uint64_t before = s.CompactedSstBytes();
    for (size_t i = 0; i < n; ++i) s.Refetch(s.pool[i % s.pool.size()]);
    uint64_t after = s.CompactedSstBytes();
    state.counters["bytes_per_refetch"] =
        static_cast<double>(static_cast<int64_t>(after - before)) / static_cast<double>(n);
  }
}
BENCHMARK(BM_BytesPerUnchangedRefetch)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_BytesPerEdit(benchmark::State& state) {
  Shared& s = GetShared();
  const size_t n = 2000;
  for (auto _ : state) {
    uint64_t before = s.CompactedSstBytes();
    double compressed = 0;
    for (size_t i = 0; i < n; ++i) {
      std::string text = s.EditOne(i % s.pool.size());
      std::string out(ZSTD_compressBound(text.size()), '\0');
      compressed += static_cast<double>(ZSTD_compress(out.data(), out.size(), text.data(), text.size(), 3));
    }
    uint64_t after = s.CompactedSstBytes();
    double per_edit = static_cast<double>(static_cast<int64_t>(after - before)) / static_cast<double>(n);
    state.counters["bytes_per_edit"] = per_edit;
    state.counters["paragraph_zstd_bytes"] = compressed / static_cast<double>(n);
    state.counters["overhead_bytes"] = per_edit - compressed / static_cast<double>(n);
  }
}
BENCHMARK(BM_BytesPerEdit)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sinmun

BENCHMARK_MAIN();
