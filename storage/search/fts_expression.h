// FtsExpression: a Query (storage/search/query.h) as an FTS5 MATCH expression over the
// search index's terms (storage/search/search_index.h), and what such an expression can
// and cannot decide.
//
// The index has no positions, so a word of several terms becomes its terms ANDed: every
// document that holds the word matches, and perhaps others that hold its terms apart.
// Such an expression is `exact == false`: its candidates must be matched against their
// text (QueryMatcher). A word of one term, a one-character prefix and their
// combinations are exact. An exclusion is written into the expression only when it is
// exact itself (taking a superset away would lose matches); otherwise it is left to the
// matcher.
//
// Terms are quoted (FTS5 strings), each a token of the index's tokenizer, which splits the
// indexed text on kTermSeparator and takes a quoted query string whole.
//
// Thread-safety: pure functions.
#ifndef SINMUN_STORAGE_SEARCH_FTS_EXPRESSION_H_
#define SINMUN_STORAGE_SEARCH_FTS_EXPRESSION_H_

#include <string>
#include <string_view>
#include <vector>

#include "storage/search/query.h"

namespace sinmun {

// Ends every term of an indexed document.
inline constexpr char kTermSeparator = '\x1f';
// Marks a term of the title or subtitle (written a second time, marked).
inline constexpr char kTitleMark = '\x02';
// Begins the terms that are not text: kAllTerm (in every document) and the filters.
inline constexpr std::string_view kAllTerm = "\x01" "A";
inline constexpr std::string_view kPortalPrefix = "\x01" "P";
inline constexpr std::string_view kPressPrefix = "\x01" "N";
inline constexpr std::string_view kSourcePrefix = "\x01" "S";

struct FtsExpression {
  std::string text;    // "" when `all`
  bool exact = true;   // its matches are exactly the query's
  bool all = false;    // every document (no condition)
};

// The expression for `q`; `title`: over the marked title terms only (for ranking).
// REQUIRES: q.kind != kNothing.
FtsExpression ToFts(const Query& q, bool title = false);

// `a` AND every one of `and_terms` (quoted); kAllTerm when that leaves no condition.
std::string WithTerms(const FtsExpression& a, const std::vector<std::string>& and_terms);

// An FTS5 string for `term`.
std::string Quote(std::string_view term);

}  // namespace sinmun

#endif  // SINMUN_STORAGE_SEARCH_FTS_EXPRESSION_H_
