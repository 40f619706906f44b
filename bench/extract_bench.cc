// Extraction throughput over the real saved pages, against libxml2's bare HTML parse of
// the same bytes: the parse is the floor, and extraction (decode, parse, layout queries,
// block building, normalisation) should stay within 1.5x of it.
//
// Pages come from SINMUN_REAL_PAGES, else the build's SINMUN_REAL_PAGES_DEFAULT; without
// them both benchmarks report an error saying where they looked.
//
//   extract_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "crawler/extract/extractor.h"

namespace {

struct Corpus {
  std::string dir;
  std::vector<std::string> pages;
  int64_t bytes = 0;
};

const Corpus& LoadCorpus() {
  static const Corpus corpus = [] {
    Corpus c;
    const char* env = std::getenv("SINMUN_REAL_PAGES");
    c.dir = (env != nullptr && *env != '\0') ? env : SINMUN_REAL_PAGES_DEFAULT;
    std::error_code ec;
    if (!std::filesystem::is_directory(c.dir, ec)) return c;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(c.dir, ec)) {
      if (entry.is_regular_file() && entry.path().extension() == ".html") {
        files.push_back(entry.path());
      }
    }
    std::sort(files.begin(), files.end());
    for (const auto& path : files) {
      std::ifstream in(path, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      c.pages.push_back(ss.str());
      c.bytes += static_cast<int64_t>(c.pages.back().size());
    }
    return c;
  }();
  return corpus;
}

bool HaveCorpus(benchmark::State& state, const Corpus& corpus) {
  if (!corpus.pages.empty()) return true;
  state.SkipWithError(("real pages folder absent or empty: " + corpus.dir).c_str());
  return false;
}

void BM_ExtractArticle(benchmark::State& state) {
  const Corpus& corpus = LoadCorpus();
  if (!HaveCorpus(state, corpus)) return;
  for (auto _ : state) {
    for (const std::string& bytes : corpus.pages) {
      sinmun::Result<sinmun::Article> article = sinmun::ExtractArticle(sinmun::Page{bytes, "", ""});
      benchmark::DoNotOptimize(article.ok());
    }
  }
  state.SetBytesProcessed(state.iterations() * corpus.bytes);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(corpus.pages.size()));
}
BENCHMARK(BM_ExtractArticle)->Unit(benchmark::kMillisecond);

void BM_LibxmlParseOnly(benchmark::State& state) {
  const Corpus& corpus = LoadCorpus();
  if (!HaveCorpus(state, corpus)) return;
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                      HTML_PARSE_NONET | HTML_PARSE_COMPACT;
  for (auto _ : state) {
    for (const std::string& bytes : corpus.pages) {
      htmlDocPtr doc = htmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr,
                                      nullptr, options);
      benchmark::DoNotOptimize(doc);
      xmlFreeDoc(doc);
    }
  }
  state.SetBytesProcessed(state.iterations() * corpus.bytes);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(corpus.pages.size()));
}
BENCHMARK(BM_LibxmlParseOnly)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
