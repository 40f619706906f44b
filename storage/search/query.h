// Query: what a search text (SearchQuery::text) asks for, as read by ReadQuery — our own
// reader, so that every word becomes exactly the terms the text was indexed as
// (storage/search/tokenizer.h) and no input is a syntax error:
//   * words and "phrases" are ANDed (AND may be written between them);
//   * a OR b joins two of them; parentheses group, also inside a word (삼성전자(005930)
//     is 삼성전자 and 005930);
//   * -word, -"phrase", -(group) and NOT word exclude;
//   * an operator where none can stand is read as a word ("OR" alone, a trailing NOT).
// A word or a phrase is one Query of kind kTerms: its terms at consecutive positions (white
// space between CJK characters is not significant, so "수출 규제" is 수출규제).
//
// QueryMatcher decides whether an article's text matches a query exactly, positions
// included; the search index uses it on candidates that its terms alone cannot decide.
//
// Thread-safety: ReadQuery is a pure function; a QueryMatcher is used by one thread.
#ifndef SINMUN_STORAGE_SEARCH_QUERY_H_
#define SINMUN_STORAGE_SEARCH_QUERY_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"
#include "storage/search/tokenizer.h"

namespace sinmun {

struct Query {
  enum class Kind {
    kNothing,  // no text condition at all (empty text, punctuation only)
    kAll,      // every document (what an exclusion alone is taken from)
    kTerms,    // a word or a phrase: `terms`
    kAnd,      // every child (two or more)
    kOr,       // any child (two or more)
    kAndNot,   // children[0] and not children[1]
  };
  Kind kind = Kind::kNothing;
  QueryTerms terms;
  std::vector<Query> children;
};

// Reads `text` (see the file comment). `highlight` (may be null) gets the words and phrases
// that are not excluded, as written, for marking them in snippets.
Query ReadQuery(std::string_view text, std::vector<std::string>* highlight);

// The words and phrases of `q` that a matching document must or may contain (those not
// under an exclusion), in query order.
std::vector<const QueryTerms*> PositiveItems(const Query& q);

// The fields the index reads from an article, in order: title, subtitle, then every block
// with text (captions included). Each is tokenized on its own, kFieldGap positions apart.
template <typename Fn>
void ForEachField(const Article& a, Fn fn) {
  fn(a.title, true);
  if (!a.subtitle.empty()) fn(a.subtitle, true);
  for (const Block& b : a.blocks) {
    if (!b.text.empty()) fn(b.text, false);
  }
}

class QueryMatcher {
 public:
  explicit QueryMatcher(const Query& query);

  // True when the article's fields match the query (phrases at consecutive positions, never
  // across two fields).
  bool Matches(const Article& article);

 private:
  bool Eval(const Query& q) const;
  bool EvalTerms(const QueryTerms& t) const;

  const Query& query_;
  std::vector<std::string> terms_;                // every term the query names, sorted
  std::vector<std::string> prefixes_;             // its one-character items, sorted
  std::vector<std::vector<uint32_t>> positions_;  // per terms_[i], of the article read
  std::vector<bool> prefix_seen_;                 // per prefixes_[i]
  Tokenizer tokenizer_;
};

}  // namespace sinmun

#endif  // SINMUN_STORAGE_SEARCH_QUERY_H_
