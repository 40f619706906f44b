#include "bench/korean_corpus.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include "crawler/extract/charset.h"
#include "crawler/extract/html_document.h"

namespace sinmun::bench {
namespace {

constexpr size_t kMinEntryBytes = 10 * 3;  // about ten Hangul syllables
constexpr size_t kMinParagraphBytes = 120 * 3;

bool HasHangul(const std::string& s) {
  // U+AC00..U+D7A3 are encoded EA B0 80 .. ED 9E A3.
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0xEA && c <= 0xED) return true;
  }
  return false;
}

std::vector<std::string> SplitWords(const std::string& s) {
  std::istringstream in(s);
  return {std::istream_iterator<std::string>(in), std::istream_iterator<std::string>()};
}

std::string Join(const std::vector<std::string>& words, size_t n) {
  std::string out;
  for (size_t i = 0; i < n && i < words.size(); ++i) {
    if (i > 0) out += ' ';
    out += words[i];
  }
  return out;
}

// The text runs of one page.
std::vector<std::string> PageTexts(const std::string& bytes) {
  Result<DecodedText> text = DecodeToUtf8(bytes, "");
  if (!text.ok()) return {};
  Result<std::unique_ptr<HtmlDocument>> doc = HtmlDocument::Parse(text->utf8);
  if (!doc.ok()) return {};
  HtmlNode body = (*doc)->SelectFirst("//body");
  if (body == nullptr) return {};
  std::vector<std::string> out;
  for (Segment& s : HtmlDocument::Segments(body, [](HtmlNode) { return NodeAction::kDescend; })) {
    if (!s.text.empty()) out.push_back(std::move(s.text));
  }
  return out;
}

}  // namespace

std::string RealPagesDir(const std::string& fallback) {
  const char* env = std::getenv("SINMUN_REAL_PAGES");
  return env != nullptr && *env != '\0' ? std::string(env) : fallback;
}

Result<KoreanCorpus> KoreanCorpus::Load(const std::string& dir, uint64_t seed) {
  namespace fs = std::filesystem;
  std::vector<fs::path> pages;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".html") pages.push_back(e.path());
  }
  std::sort(pages.begin(), pages.end());  // the same pool, in the same order, every time
  std::set<std::string> seen, words;
  std::vector<std::vector<std::string>> pool;
  for (const fs::path& p : pages) {
    std::ifstream f(p, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    for (std::string& t : PageTexts(bytes)) {
      if (t.size() < kMinEntryBytes || !HasHangul(t) || !seen.insert(t).second) continue;
      std::vector<std::string> w = SplitWords(t);
      if (w.size() < 2) continue;
      words.insert(w.begin(), w.end());
      pool.push_back(std::move(w));
    }
  }
  if (pool.empty()) return Status::NotFound("no Korean text in the pages of " + dir);
  return KoreanCorpus(std::move(pool), words.size(), seed);
}

KoreanCorpus::KoreanCorpus(std::vector<std::vector<std::string>> pool, size_t distinct_words,
                           uint64_t seed)
    : TextSource(seed), pool_(std::move(pool)), distinct_words_(distinct_words) {}

std::string KoreanCorpus::Words(size_t min_words, size_t max_words) {
  const size_t n = min_words + rng_() % (max_words - min_words + 1);
  std::vector<std::string> words;
  while (words.size() < n) {
    std::vector<std::string> entry = pool_[rng_() % pool_.size()];
    std::shuffle(entry.begin(), entry.end(), rng_);
    words.insert(words.end(), entry.begin(), entry.end());
  }
  return Join(words, n);
}

std::string KoreanCorpus::Sentence() {
  std::vector<std::string> entry = pool_[rng_() % pool_.size()];
  std::shuffle(entry.begin(), entry.end(), rng_);
  return Join(entry, entry.size());
}

std::string KoreanCorpus::Paragraph() {
  std::string p = Sentence();
  while (p.size() < kMinParagraphBytes) p += ' ' + Sentence();
  return p;
}

std::vector<std::string> KoreanCorpus::WordsByFrequency(size_t min_bytes) const {
  std::map<std::string, size_t> count;
  for (const auto& entry : pool_) {
    for (const std::string& w : entry) {
      if (w.size() >= min_bytes) ++count[w];
    }
  }
  std::vector<std::pair<size_t, std::string>> ranked;
  for (auto& [w, n] : count) ranked.emplace_back(n, w);
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> out;
  for (auto& [n, w] : ranked) out.push_back(std::move(w));
  return out;
}

}  // namespace sinmun::bench
