// search_bench: the search index end to end on a generated archive, for comparing designs.
//
//   search_bench N DIR [RUNS] [--phase=record|index|query|append|compact] [--corpus=synthetic|real]
//                [--sinmun=PATH] [--jobs=J] [--rate=R] [--versions=V]
//
// record  N articles into a fresh archive in DIR (WAL fsync off), one every 30 s (1,000,000
//         span 347 days): a title and 6 paragraphs, one paragraph in three shared by three
//         articles (a wire story); every tenth article is edited once, an hour later (a
//         paragraph rewritten), so the archive holds 1.1 N versions. Text: --corpus=synthetic
//         (default) draws 25 words a paragraph from a Zipf-like vocabulary of 50,000 Hangul
//         words over 800 syllables, particles attached (its most common word is 6% of all
//         words: in every article, like a stop word); --corpus=real takes the sentences of the
//         saved real pages, words shuffled (bench/korean_corpus.h). Writes DIR/bench.txt: the
//         corpus, the counts, the bytes of indexed text (title and paragraphs of every
//         version) and the words the queries use.
// index   `sinmun reindex [--jobs J]` as a whole process — with --sinmun=PATH another build's
//         binary, to compare designs on the same archive: wall, CPU, max RSS, and the index
//         (DIR/search) in bytes per article and per byte of text.
// query   RUNS (default 200) whole-process `sinmun search … --json` over ten rotating query
//         kinds (the most common word, a common and a rare one, two words, a phrase, an
//         exclusion, --sort date, --all-versions, a two-syllable word, one syllable): the
//         median of each kind, the overall median and 99th percentile.
// append  what sinmund does, in this process: every version of the archive added to a new
//         index (DIR/append), committed each second with one upkeep step after each commit
//         (SearchIndex::Maintain, as sinmund runs when idle); its size against the text at
//         every tenth and at the end, and against the rebuilt index when DIR/search holds
//         one, and at the end against the same index compacted as a rebuild leaves it
//         (DIR/append/index.sqlite; the index as appended is kept as appended.sqlite);
//         CPU per version spent indexing (this thread's), versions per second.
//         --rate=R paces the versions as a crawl recording R a second would (default: as
//         fast as it can); --versions=V stops after V versions.
// compact the archive's tables compacted to their last level, opened as sinmund opens it
//         (what a long-lived archive mostly is, and what its options shape): before and
//         after, the table files and their bytes.
// Without --phase, record, index and query run in turn.
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "bench/child_process.h"
#include "bench/korean_corpus.h"
#include "common/identity.h"
#include "storage/archive.h"
#include "storage/search/index_dir.h"
#include "storage/search/search_index.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

struct Flags {
  size_t n = 0;
  std::string dir;
  int runs = 200;
  std::string phase;
  std::string corpus = "synthetic";
  std::string sinmun = SINMUN_CLI_PATH;
  std::string jobs;
  double rate = 0;        // append: versions a second, 0 = unpaced
  uint64_t versions = 0;  // append: stop after this many, 0 = all
};

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
      auto s = static_cast<size_t>(std::pow(double(syllables.size()), u(rng))) - 1;  // Zipf-like
      char32_t c = syllables[std::min(s, syllables.size() - 1)];
      w += static_cast<char>(0xE0 | (c >> 12));
      w += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      w += static_cast<char>(0x80 | (c & 0x3F));
    }
    words.push_back(w);
  }
  return words;
}

// The synthetic corpus: words of Vocabulary, Zipf-like, particles attached.
class SyntheticText {
 public:
  SyntheticText() : rng_(42), vocab_(Vocabulary(rng_, 50'000)) {}
  std::string Word() {
    static const char* const kParticles[] = {"", "가", "는", "를", "의", "에", "에서", "으로"};
    auto i = static_cast<size_t>(std::pow(double(vocab_.size()), u_(rng_))) - 1;
    return vocab_[std::min(i, vocab_.size() - 1)] + kParticles[rng_() % 8];
  }
  std::string Title() { return Word() + " " + Word() + " " + Word(); }
  std::string Paragraph() {
    std::string p;
    for (int k = 0; k < 25; ++k) p += (k ? " " : "") + Word();
    return p + ".";
  }
  const std::vector<std::string>& ranked() const { return vocab_; }  // index = rank

 private:
  std::mt19937_64 rng_;
  std::vector<std::string> vocab_;
  std::uniform_real_distribution<double> u_{0, 1};
};

bool AllHangul(const std::string& w) {
  if (w.size() % 3 != 0) return false;
  for (size_t i = 0; i < w.size(); i += 3) {
    auto c = static_cast<unsigned char>(w[i]);
    if (c < 0xEA || c > 0xED) return false;
  }
  return true;
}

// The query kinds, over words ranked by frequency.
std::vector<std::vector<std::string>> Queries(const std::vector<std::string>& w) {
  auto at = [&](size_t rank) { return w[std::min(rank, w.size() - 1)]; };
  return {{at(0)},
          {at(40)},
          {at(2000)},
          {at(1) + " " + at(30)},
          {"\"" + at(3) + " " + at(4) + "\""},
          {at(5) + " -" + at(6)},
          {at(7), "--sort", "date"},
          {at(20), "--all-versions"},
          {at(300).substr(0, 6)},
          {at(10).substr(0, 3)}};
}

uint64_t DirBytes(const std::string& dir) {
  uint64_t bytes = 0;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(dir, ec)) {
    if (e.is_regular_file()) bytes += e.file_size();
  }
  return bytes;
}

std::map<std::string, std::string> ReadInfo(const std::string& dir) {
  std::map<std::string, std::string> info;
  std::ifstream in(dir + "/bench.txt");
  for (std::string line; std::getline(in, line);) {
    size_t space = line.find(' ');
    if (space != std::string::npos) info[line.substr(0, space)] = line.substr(space + 1);
  }
  return info;
}

double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

int Record(const Flags& f) {
  fs::remove_all(f.dir);
  sinmun::ArchiveOptions options;
  options.sync = false;
  options.keep_raw = false;
  auto archive = sinmun::Archive::Open(f.dir, sinmun::Archive::Mode::kReadWrite, options);
  if (!archive.ok()) {
    std::fprintf(stderr, "%s\n", archive.status().message().c_str());
    return 1;
  }
  SyntheticText synthetic;
  std::unique_ptr<sinmun::bench::KoreanCorpus> real;
  std::vector<std::string> ranked = synthetic.ranked();
  if (f.corpus == "real") {
    auto loaded = sinmun::bench::KoreanCorpus::Load(sinmun::bench::RealPagesDir(SINMUN_REAL_PAGES_DEFAULT), 42);
    if (!loaded.ok()) {
      std::fprintf(stderr, "--corpus=real: %s\n", loaded.status().message().c_str());
      return 1;
    }
    real = std::make_unique<sinmun::bench::KoreanCorpus>(std::move(*loaded));
    ranked.clear();
    for (std::string& w : real->WordsByFrequency(6)) {
      if (AllHangul(w)) ranked.push_back(std::move(w));
    }
  }
  auto title = [&] { return real ? real->Words(4, 9) : synthetic.Title(); };
  auto paragraph = [&] { return real ? real->Paragraph() : synthetic.Paragraph(); };
  const sinmun::Instant start = sinmun::Instant(std::chrono::seconds(1'790'000'000));
  uint64_t versions = 0, text_bytes = 0;
  auto record = [&](const sinmun::Article& a, sinmun::Instant at) {
    sinmun::Fetch fetch;
    fetch.url = a.url;
    fetch.fetched_at = at;
    fetch.article = a;
    auto r = (*archive)->Record(fetch);
    if (!r.ok()) {
      std::fprintf(stderr, "%s\n", r.status().message().c_str());
      std::exit(1);
    }
    ++versions;
    text_bytes += a.title.size();
    for (const sinmun::Block& b : a.blocks) text_bytes += b.text.size();
  };
  std::string wire;
  auto t0 = Clock::now();
  for (size_t i = 0; i < f.n; ++i) {
    sinmun::Article a;
    a.url = "https://www.outlet" + std::to_string(i % 50) + ".example/news/" + std::to_string(i);
    a.id = *sinmun::ArticleIdForUrl(a.url);  // as the extractor decides it
    a.portal = "web";
    a.press = "신문" + std::to_string(i % 50);
    a.title = title();
    a.published = start + std::chrono::seconds(i * 30);
    if (i % 3 == 0) wire = paragraph();
    for (int k = 0; k < 6; ++k) a.blocks.push_back(sinmun::Block{sinmun::BlockType::kParagraph, k == 0 ? wire : paragraph()});
    record(a, *a.published + std::chrono::seconds(60));
    if (i % 10 == 5) {
      a.blocks[3].text = paragraph();
      record(a, *a.published + std::chrono::seconds(3660));
    }
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  archive->reset();
  std::ofstream info(f.dir + "/bench.txt");
  info << "corpus " << f.corpus << "\narticles " << f.n << "\nversions " << versions << "\ntext_bytes " << text_bytes
       << "\n";
  const auto queries = Queries(ranked);
  for (size_t k = 0; k < queries.size(); ++k) {
    info << "query" << k << ' ';
    for (size_t a = 0; a < queries[k].size(); ++a) info << (a ? "\t" : "") << queries[k][a];
    info << "\n";
  }
  std::printf("corpus %s: %zu articles, %llu versions, %.1f MB of text (%.0f B per version), recorded in %.1f s "
              "(%.0f versions/s)\n",
              f.corpus.c_str(), f.n, static_cast<unsigned long long>(versions), double(text_bytes) / 1e6,
              double(text_bytes) / double(versions), seconds, double(versions) / seconds);
  return 0;
}

int Index(const Flags& f) {
  const auto info = ReadInfo(f.dir);
  const double text = std::atof(info.count("text_bytes") ? info.at("text_bytes").c_str() : "0");
  std::vector<std::string> argv = {f.sinmun, "reindex", "--archive", f.dir};
  if (!f.jobs.empty()) argv.insert(argv.end(), {"--jobs", f.jobs});
  sinmun::bench::ChildUsage reindex = sinmun::bench::ChildProcess(argv, f.dir + "/reindex.log").Wait();
  const uint64_t bytes = DirBytes(f.dir + "/search");
  // Every version: reindex reads them all, whatever --versions says.
  const double versions = std::atof(info.count("versions") ? info.at("versions").c_str() : "0");
  std::printf("reindex (%s): exit %d, %.1f s wall (%.0f versions/s), %.1f s CPU (%.0f versions per CPU-s), "
              "max RSS %ld MiB\n",
              f.sinmun.c_str(), reindex.exit_code, reindex.wall.count(), versions / reindex.wall.count(),
              reindex.cpu_seconds(), versions / reindex.cpu_seconds(), reindex.max_rss_kib / 1024);
  std::printf("index: %.1f MiB, %.0f bytes per article, %.3f bytes per byte of text\n", double(bytes) / (1 << 20),
              double(bytes) / double(f.n), text > 0 ? double(bytes) / text : 0.0);
  return reindex.exit_code == 0 ? 0 : 1;
}

int Query(const Flags& f) {
  const auto info = ReadInfo(f.dir);
  std::vector<std::vector<std::string>> queries;
  for (int k = 0; info.count("query" + std::to_string(k)); ++k) {
    std::istringstream fields(info.at("query" + std::to_string(k)));
    std::vector<std::string> args;
    for (std::string field; std::getline(fields, field, '\t');) args.push_back(field);
    queries.push_back(args);
  }
  if (queries.empty()) {
    std::fprintf(stderr, "no queries in %s/bench.txt: run --phase=record first\n", f.dir.c_str());
    return 1;
  }
  std::vector<double> ms;
  std::vector<std::vector<double>> per_query(queries.size());
  for (int r = 0; r < f.runs; ++r) {
    std::vector<std::string> args = {f.sinmun, "search"};
    for (const std::string& q : queries[r % queries.size()]) args.push_back(q);
    args.insert(args.end(), {"--archive", f.dir, "--json"});
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
    std::printf("  %-40s median %.1f ms\n", shown.c_str(), sinmun::bench::Median(per_query[k]));
  }
  std::sort(ms.begin(), ms.end());
  std::printf("sinmun search (%s), %d runs: median %.1f ms, p99 %.1f ms, max %.1f ms\n", f.sinmun.c_str(), f.runs,
              sinmun::bench::Median(ms), ms[std::min(ms.size() - 1, ms.size() * 99 / 100)], ms.back());
  return 0;
}

// What the daemon does when idle after appending: upkeep until there is nothing left to do.
// Prints the size before and after, and against the same versions compacted into one
// segment, as a rebuild leaves them.
int UpkeepAndClose(const Flags& f, std::unique_ptr<sinmun::SearchIndex> index, const std::string& file, uint64_t text) {
  auto size = [](const std::string& path) {
    std::error_code ec;
    const auto n = fs::file_size(path, ec);
    return ec ? uint64_t{0} : static_cast<uint64_t>(n);
  };
  const uint64_t appended = size(file);
  const auto u0 = Clock::now();
  int steps = 0;
  for (bool more = true; more; ++steps) {
    auto m = index->Maintain(1000);
    if (!m.ok()) {
      std::fprintf(stderr, "%s\n", m.status().message().c_str());
      return 1;
    }
    more = *m;
  }
  const double upkeep = std::chrono::duration<double>(Clock::now() - u0).count();
  const uint64_t upkept = size(file), rebuilt = DirBytes(f.dir + "/search");
  std::printf("index as appended: %.1f MiB = %.3f x the text; after %d upkeep steps (%.1f s): %.1f MiB = %.3f x the text",
              double(appended) / (1 << 20), double(appended) / double(text), steps, upkeep, double(upkept) / (1 << 20),
              double(upkept) / double(text));
  if (rebuilt > 0) std::printf(" = %.3f x the rebuilt index in %s/search", double(upkept) / double(rebuilt), f.dir.c_str());
  // The index as appended is kept beside (DIR/append/appended.sqlite), to search it; then
  // the same versions as a rebuild leaves them: one segment, no free page.
  index.reset();  // closing folds the WAL in
  std::error_code ec;
  fs::copy_file(file, fs::path(file).parent_path() / "appended.sqlite", fs::copy_options::overwrite_existing, ec);
  if (ec) std::fprintf(stderr, "keeping the appended index: %s\n", ec.message().c_str());
  auto reopened = sinmun::SearchIndex::Open(file, sinmun::SearchIndex::Mode::kReadWrite);
  if (!reopened.ok()) {
    std::fprintf(stderr, "%s\n", reopened.status().message().c_str());
    return 1;
  }
  index = std::move(*reopened);
  if (auto s = index->Compact(); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.message().c_str());
    return 1;
  }
  const uint64_t compacted = size(file);
  std::printf("\ncompacted as a rebuild: %.1f MiB = %.3f x the text; as appended = %.3f x that, after upkeep %.3f x",
              double(compacted) / (1 << 20), double(compacted) / double(text), double(appended) / double(compacted),
              double(upkept) / double(compacted));
  std::printf("\n");
  return 0;
}

int Compact(const Flags& f) {
  auto archive = sinmun::Archive::Open(f.dir, sinmun::Archive::Mode::kReadWrite);
  if (!archive.ok()) {
    std::fprintf(stderr, "%s\n", archive.status().message().c_str());
    return 1;
  }
  auto tables = [&] {
    uint64_t files = 0, bytes = 0;
    for (const auto& e : fs::directory_iterator(f.dir)) {
      if (e.path().extension() != ".sst") continue;
      ++files;
      bytes += e.file_size();
    }
    return std::pair(files, bytes);
  };
  const auto [files0, bytes0] = tables();
  const auto t0 = Clock::now();
  if (sinmun::Status s = (*archive)->Compact(); !s.ok()) {
    std::fprintf(stderr, "%s\n", s.message().c_str());
    return 1;
  }
  const auto [files1, bytes1] = tables();
  std::printf("compacted in %.1f s: %llu table files, %.1f MiB -> %llu, %.1f MiB\n",
              std::chrono::duration<double>(Clock::now() - t0).count(), static_cast<unsigned long long>(files0),
              double(bytes0) / (1 << 20), static_cast<unsigned long long>(files1), double(bytes1) / (1 << 20));
  return 0;
}

int Append(const Flags& f) {
  const auto info = ReadInfo(f.dir);
  double versions = std::atof(info.count("versions") ? info.at("versions").c_str() : "0");
  if (f.versions > 0) versions = std::min(versions, double(f.versions));
  auto archive = sinmun::Archive::Open(f.dir, sinmun::Archive::Mode::kReadOnly);
  if (!archive.ok()) {
    std::fprintf(stderr, "%s\n", archive.status().message().c_str());
    return 1;
  }
  const std::string dir = f.dir + "/append";
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto index = sinmun::SearchIndex::Open(dir + "/index.sqlite", sinmun::SearchIndex::Mode::kReadWrite);
  if (!index.ok()) {
    std::fprintf(stderr, "%s\n", index.status().message().c_str());
    return 1;
  }
  uint64_t added = 0, text = 0, next_report = 1;
  bool enough = false;
  double cpu = 0;
  auto last_commit = Clock::now();
  const auto t0 = Clock::now();
  const std::string file = dir + "/index.sqlite";
  auto size = [](const std::string& path) {
    std::error_code ec;
    const auto n = fs::file_size(path, ec);
    return ec ? uint64_t{0} : static_cast<uint64_t>(n);
  };
  auto report = [&] {
    const uint64_t db = size(file), wal = size(file + "-wal");
    std::printf("  %9llu versions: index %8.1f MiB (+ WAL %.1f MiB) = %.3f x the text so far\n",
                static_cast<unsigned long long>(added), double(db) / (1 << 20), double(wal) / (1 << 20),
                double(db) / double(text));
    std::fflush(stdout);
  };
  sinmun::ExportQuery all;
  all.all_versions = true;
  sinmun::Status st = (*archive)->ForEachVersion(all, [&](const sinmun::StoredVersion& v, const sinmun::ArticleHead& head) {
    if (double(added) >= versions) {
      enough = true;
      return sinmun::Status::Busy("enough versions");  // ends the walk
    }
    if (f.rate > 0) std::this_thread::sleep_until(t0 + std::chrono::duration<double>(double(added) / f.rate));
    const double c0 = ThreadCpuSeconds();
    if (auto s = (*index)->Add(head.id, v.info.number, v.article, v.info.fetched_at); !s.ok()) return s;
    if (Clock::now() - last_commit >= std::chrono::seconds(1)) {
      if (auto s = (*index)->Commit(); !s.ok()) return s;
      if (auto m = (*index)->Maintain(1000); !m.ok()) return m.status();
      last_commit = Clock::now();
    }
    cpu += ThreadCpuSeconds() - c0;
    ++added;
    text += v.article.title.size() + v.article.subtitle.size();
    for (const sinmun::Block& b : v.article.blocks) text += b.text.size();
    if (double(added) >= double(next_report) * versions / 10) {
      report();
      ++next_report;
    }
    return sinmun::Status::Ok();
  });
  if (enough) st = sinmun::Status::Ok();
  if (st.ok()) st = (*index)->Commit();
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.message().c_str());
    return 1;
  }
  const double wall = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf("appended %llu versions in %.1f s (%.0f versions/s with reading the archive); indexing %.3f ms CPU "
              "per version (%.0f versions per CPU-s)\n",
              static_cast<unsigned long long>(added), wall, double(added) / wall, 1000 * cpu / double(added),
              double(added) / cpu);
  return UpkeepAndClose(f, std::move(*index), file, text);
}

}  // namespace

int main(int argc, char** argv) {
  Flags f;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&](const char* name) { return a.rfind(name, 0) == 0 ? a.substr(std::strlen(name)) : std::string(); };
    if (a.rfind("--phase=", 0) == 0) {
      f.phase = value("--phase=");
    } else if (a.rfind("--corpus=", 0) == 0) {
      f.corpus = value("--corpus=");
    } else if (a.rfind("--sinmun=", 0) == 0) {
      f.sinmun = value("--sinmun=");
    } else if (a.rfind("--jobs=", 0) == 0) {
      f.jobs = value("--jobs=");
    } else if (a.rfind("--rate=", 0) == 0) {
      f.rate = std::atof(value("--rate=").c_str());
    } else if (a.rfind("--versions=", 0) == 0) {
      f.versions = std::strtoull(value("--versions=").c_str(), nullptr, 10);
    } else {
      positional.push_back(a);
    }
  }
  const bool phase_ok = f.phase.empty() || f.phase == "record" || f.phase == "index" || f.phase == "query" ||
                        f.phase == "append" || f.phase == "compact";
  if (positional.size() < 2 || !phase_ok || (f.corpus != "synthetic" && f.corpus != "real")) {
    std::fprintf(stderr, "usage: search_bench N DIR [RUNS] [--phase=record|index|query|append|compact] "
                         "[--corpus=synthetic|real] [--sinmun=PATH] [--jobs=J] [--rate=R] [--versions=V]\n");
    return 2;
  }
  f.n = std::strtoull(positional[0].c_str(), nullptr, 10);
  f.dir = positional[1];
  if (positional.size() > 2) f.runs = std::atoi(positional[2].c_str());
  if (f.phase.empty() || f.phase == "record") {
    if (int rc = Record(f); rc != 0) return rc;
  }
  if (f.phase.empty() || f.phase == "index") {
    if (int rc = Index(f); rc != 0) return rc;
  }
  if (f.phase.empty() || f.phase == "query") {
    if (int rc = Query(f); rc != 0) return rc;
  }
  if (f.phase == "append") return Append(f);
  if (f.phase == "compact") return Compact(f);
  return 0;
}
