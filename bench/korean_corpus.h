// KoreanCorpus: a TextSource (bench/text_generator.h) of real Korean. Its pool is every
// paragraph of text in the saved portal pages of ../shared/fixtures/real (article bodies,
// headlines of the listings, captions, the portals' own notices): each run of text between
// block boundaries with at least two words, ten characters and one Hangul syllable, once.
// A sentence is a pool entry with its words shuffled, so that every generated paragraph is
// new text while the words themselves — particles attached, numbers, mixed scripts such as
// 2026년 or AI반도체 — keep the vocabulary and frequencies of real news.
//
// Thread-safety: none; Load once per thread (or copy a loaded corpus).
#ifndef SINMUN_BENCH_KOREAN_CORPUS_H_
#define SINMUN_BENCH_KOREAN_CORPUS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "bench/text_generator.h"
#include "common/status.h"

namespace sinmun::bench {

class KoreanCorpus : public TextSource {
 public:
  // Reads every *.html page in `dir` (pages saved as UTF-16 mojibake are read through
  // the charset repair). NotFound when no page yields text.
  static Result<KoreanCorpus> Load(const std::string& dir, uint64_t seed);

  // The first min_words..max_words words of a shuffled pool entry (more entries when it is
  // shorter).
  std::string Words(size_t min_words, size_t max_words) override;
  // A pool entry, words shuffled.
  std::string Sentence() override;
  // Sentences up to at least 120 characters (one long entry can be a paragraph alone).
  std::string Paragraph() override;

  size_t pool_size() const { return pool_.size(); }
  size_t distinct_words() const { return distinct_words_; }
  // The pool's words of at least `min_bytes` bytes, most frequent first (ties in byte
  // order): what generated text uses most.
  std::vector<std::string> WordsByFrequency(size_t min_bytes = 0) const;

 private:
  KoreanCorpus(std::vector<std::vector<std::string>> pool, size_t distinct_words, uint64_t seed);

  std::vector<std::vector<std::string>> pool_;  // entries, as words
  size_t distinct_words_ = 0;
};

// Where the saved real pages are: $SINMUN_REAL_PAGES, else `fallback`.
std::string RealPagesDir(const std::string& fallback);

}  // namespace sinmun::bench

#endif  // SINMUN_BENCH_KOREAN_CORPUS_H_
