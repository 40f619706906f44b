// Tokenizer: the terms Korean news text is searched by — what the search index holds for a
// version (storage/search/search_index.h) and what a query word stands for.
//
// Korean writes particles onto nouns and spaces words as the writer likes (수출규제를 / 수출
// 규제를; 美 연준 / 美연준), so white space between two CJK characters (Hangul, Han, Kana) is
// dropped first. Then the text is cut into runs of CJK characters and runs of anything else:
//   * a CJK run of n >= 2 characters stands at positions p..p+n-1: its n-1 bigrams at
//     p..p+n-2 (수출규제를: 수출 출규 규제 제를) and each of its characters at its own
//     position. A one-character run is that character at p. A word or phrase is then a
//     match of rare terms at consecutive positions, particles attached or not; a word mixing
//     scripts (2026년, AI반도체) is a phrase across runs; 3월 does not match 3개월 (월 is not
//     next to 3 there). A one-character query is that character's term. (Layout 3 of the
//     index had only a run's first and last characters: a one-character query matched any
//     term starting with it, QueryTerms::prefix.)
//   * other text is cut into words, lower-cased (Unicode simple case mapping), one position
//     each: letters, digits, marks and '_' make words; '&' and apostrophes join letters
//     (R&D, AT&T, don't); '.' and ',' join digits (1,000, 0.25); capitals with full stops
//     make one word (U.S. -> us); up to three '+' or one '#' end a word (C++, C#); anything
//     else ('%', '-', '/', brackets) separates words and is not searchable. (These are
//     Xapian's TermGenerator rules, which the index of layout 2 was made with.)
//
// Thread-safety: a Tokenizer keeps scratch buffers: one per thread. QueryTerms is a pure
// function.
#ifndef SINMUN_STORAGE_SEARCH_TOKENIZER_H_
#define SINMUN_STORAGE_SEARCH_TOKENIZER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sinmun {

// Positions left free between two fields (title, subtitle, blocks): phrases do not run
// from one into the next.
inline constexpr uint32_t kFieldGap = 100;

class Tokenizer {
 public:
  // term: valid only during the call.
  using Emit = std::function<void(std::string_view term, uint32_t position)>;

  // Calls emit for every term of `text` (see the file comment), the first at `position`.
  // Returns the position after the last term (`position` when there is none). Invalid
  // UTF-8 is read as U+FFFD, which separates words.
  uint32_t Tokenize(std::string_view text, uint32_t position, const Emit& emit);

 private:
  std::u32string cps_;          // the text's code points, white space between CJK dropped
  std::vector<uint32_t> at_;    // cps_[i] starts at utf8_[at_[i]]; at_[size] = utf8_.size()
  std::string utf8_;            // cps_ as UTF-8: CJK terms are views into it
  std::string word_;            // the word being made
};

// The terms of a query word or phrase, in position order: it matches where terms[i] stands
// at position p + i for every i. A CJK run of m >= 2 characters gives its bigrams and its
// last character (dropped at the very end: the word may go on in the text, 수출 finds
// 수출규제); other runs give their words. `prefix`: the text is one CJK character, which
// in an index of layout 3 matches any term starting with it (in layout 4, its own term:
// the searcher clears the flag).
struct QueryTerms {
  std::vector<std::string> terms;
  bool prefix = false;
};
QueryTerms TermsOf(std::string_view text);

// True for the characters indexed as CJK runs: Hangul (syllables and jamo), Han, Kana.
bool IsCjk(char32_t c);
// True for the characters that make the words of other text (letters, digits, marks, '_'
// that are not CJK): a word of them is matched whole, so 3 is not found in 30.
bool MakesWords(char32_t c);

}  // namespace sinmun

#endif  // SINMUN_STORAGE_SEARCH_TOKENIZER_H_
