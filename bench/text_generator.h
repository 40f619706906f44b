// Text for the benchmarks' articles. TextSource is what a benchmark asks for (words, a
// sentence, a paragraph); two sources implement it:
//   * TextGenerator: Korean-like text from a fixed inventory of 600 Hangul syllables chosen
//     with a skew (frequent syllables recur, as in real text), so that compression and
//     hashing see text that looks like news;
//   * KoreanCorpus (bench/korean_corpus.h): real Korean sentences, words shuffled.
// Both are deterministic for a seed.
//
// Thread-safety: none; one source per thread.
#ifndef SINMUN_BENCH_TEXT_GENERATOR_H_
#define SINMUN_BENCH_TEXT_GENERATOR_H_

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace sinmun::bench {

class TextSource {
 public:
  explicit TextSource(uint64_t seed) : rng_(seed) {}
  virtual ~TextSource() = default;

  // min_words..max_words words, space-separated.
  virtual std::string Words(size_t min_words, size_t max_words) = 0;
  // A sentence with its ending.
  virtual std::string Sentence() = 0;
  // A paragraph of a news article (about 100-400 characters).
  virtual std::string Paragraph() = 0;

  // n characters of [A-Za-z0-9].
  std::string Alnum(size_t n);
  uint64_t Next() { return rng_(); }

 protected:
  std::mt19937_64 rng_;
};

class TextGenerator : public TextSource {
 public:
  explicit TextGenerator(uint64_t seed);

  // Words of 1-4 syllables.
  std::string Words(size_t min_words, size_t max_words) override;
  // 6-14 words and a sentence ending.
  std::string Sentence() override;
  // 2-5 sentences.
  std::string Paragraph() override;

 private:
  size_t Zipf();

  std::vector<std::string> syllables_;
};

// At most `bytes` of UTF-8 text, cut before a continuation byte.
std::string Utf8Prefix(const std::string& text, size_t bytes);

}  // namespace sinmun::bench

#endif  // SINMUN_BENCH_TEXT_GENERATOR_H_
