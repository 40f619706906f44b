#include "bench/text_generator.h"

namespace sinmun::bench {
namespace {

std::string Utf8(uint32_t cp) {
  std::string s;
  s += static_cast<char>(0xE0 | (cp >> 12));
  s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  s += static_cast<char>(0x80 | (cp & 0x3F));
  return s;
}

}  // namespace

TextGenerator::TextGenerator(uint64_t seed) : TextSource(seed) {
  std::mt19937_64 pick(7);  // the same inventory for every seed
  for (int i = 0; i < 600; ++i) syllables_.push_back(Utf8(0xAC00 + static_cast<uint32_t>(pick() % 11172)));
}

std::string TextGenerator::Words(size_t min_words, size_t max_words) {
  std::string out;
  for (size_t n = min_words + rng_() % (max_words - min_words + 1); n > 0; --n) {
    for (size_t len = 1 + rng_() % 4; len > 0; --len) out += syllables_[Zipf()];
    if (n > 1) out += ' ';
  }
  return out;
}

std::string TextGenerator::Sentence() {
  std::string s = Words(6, 14);
  s += rng_() % 3 == 0 ? "했다. " : "다. ";
  return s;
}

std::string TextGenerator::Paragraph() {
  std::string p;
  for (size_t n = 2 + rng_() % 4; n > 0; --n) p += Sentence();
  p.pop_back();
  return p;
}

std::string TextSource::Alnum(size_t n) {
  static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string s;
  for (size_t i = 0; i < n; ++i) s += kChars[rng_() % (sizeof(kChars) - 1)];
  return s;
}

size_t TextGenerator::Zipf() {
  double u = std::uniform_real_distribution<double>(0, 1)(rng_);
  return static_cast<size_t>(u * u * static_cast<double>(syllables_.size())) % syllables_.size();
}

std::string Utf8Prefix(const std::string& text, size_t bytes) {
  if (text.size() <= bytes) return text;
  while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) --bytes;
  return text.substr(0, bytes);
}

}  // namespace sinmun::bench
