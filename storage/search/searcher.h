// RunSearch: one query over the search index's store (storage/search/index_store.h).
//
// The query (storage/search/query.h) becomes an FTS5 expression (fts_expression.h) that
// finds every matching document and perhaps more, ANDed with the filters' terms (portal,
// press, source) and the date range's bucket terms (date_terms.h). Documents are then read
// newest first by date: when the expression has at most kSortInMemory candidates they are
// all read and sorted; otherwise an hour at a time, from the newest year, month, day and
// hour that holds one, so that a search costs about its hits and not its matches. A walk
// that needs more than a few bucket queries (each FTS5 query has a start-up cost of its own)
// reads its expression's whole rowid list once, and then each bucket's own list against it;
// a query holding a prefix (a one-character word in an index of layout 3) does so at once,
// since FTS5 merges a prefix's lists whole for every query. Each is
// kept when it is a latest version (unless all versions are asked for), dated in range,
// and — when the expression cannot decide — when its text, read back through
// VersionTexts, matches the query exactly (QueryMatcher).
//
// Relevance: the documents whose title holds every word of the query, then those whose
// title holds some, then the rest, newest first within each (three such readings, hits not
// repeated). estimated_matches: counted up to kCountExactly candidates (those the
// expression cannot decide, counted at the rate of the first kCountSample matched against
// their text); beyond, counted in the expression's whole list when a walk read it, else
// estimated from the terms' document counts.
//
// Thread-safety: uses the store from the calling thread only.
#ifndef SINMUN_STORAGE_SEARCH_SEARCHER_H_
#define SINMUN_STORAGE_SEARCH_SEARCHER_H_

#include <cstddef>

#include "storage/search/index_store.h"
#include "storage/search/search_index.h"

namespace sinmun {

inline constexpr size_t kSortInMemory = 2000;
inline constexpr size_t kCountSample = 50;

Result<SearchResults> RunSearch(IndexStore& store, const SearchQuery& query, VersionTexts& texts);

}  // namespace sinmun

#endif  // SINMUN_STORAGE_SEARCH_SEARCHER_H_
