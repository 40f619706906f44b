// TextGenerator: Korean-like text for the benchmarks, from a fixed inventory of 600
// Hangul syllables chosen with a skew (frequent syllables recur, as in real text), so
// that compression and hashing see text that looks like news. Deterministic for a seed.
//
// Thread-safety: none; one generator per thread.
#ifndef SINMUN_BENCH_TEXT_GENERATOR_H_
#define SINMUN_BENCH_TEXT_GENERATOR_H_

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace sinmun::bench {

class TextGenerator {
 public:
  explicit TextGenerator(uint64_t seed);

  // min_words..max_words words of 1-4 syllables, space-separated.
  std::string Words(size_t min_words, size_t max_words);
  // 6-14 words and a sentence ending.
  std::string Sentence();
  // 2-5 sentences (about 100-400 characters).
  std::string Paragraph();
  // n characters of [A-Za-z0-9].
  std::string Alnum(size_t n);
  uint64_t Next() { return rng_(); }

 private:
  size_t Zipf();

  std::mt19937_64 rng_;
  std::vector<std::string> syllables_;
};

// At most `bytes` of UTF-8 text, cut before a continuation byte.
std::string Utf8Prefix(const std::string& text, size_t bytes);

}  // namespace sinmun::bench

#endif  // SINMUN_BENCH_TEXT_GENERATOR_H_
