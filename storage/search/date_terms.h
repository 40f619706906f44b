// Date terms: the buckets of time the search index files each document under, so that a
// query can ask FTS5 for the documents of a year, a month, a day or an hour (UTC) of their
// date (published, else fetched) as it asks for words. With them a date range is a few
// terms ORed, and "newest first" reads an hour at a time from the newest (the index's
// document ids follow the order versions were added, not their dates).
//
//   "\x01Y2026"  "\x01M202611"  "\x01D20261102"  "\x01H2026110209"
//
// Years are clamped to 0001..9999 (a bucket of its own at each end holds what is beyond).
//
// Thread-safety: pure functions.
#ifndef SINMUN_STORAGE_SEARCH_DATE_TERMS_H_
#define SINMUN_STORAGE_SEARCH_DATE_TERMS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sinmun {

inline constexpr std::string_view kYearPrefix = "\x01" "Y";

// The year, month, day and hour terms of `seconds` (UTC).
std::vector<std::string> DateTerms(int64_t seconds);

// Terms whose documents are those dated in [since, until) rounded out to whole hours (a
// caller checks the exact bounds), each bucket as coarse as fits; `years`: the year terms
// the index holds (an open end stops there). Empty when neither bound is given.
std::vector<std::string> DateRangeTerms(std::optional<int64_t> since, std::optional<int64_t> until,
                                        const std::vector<std::string>& years);

// The buckets inside `term` (a year's months, a month's days, a day's hours), newest
// first; none inside an hour.
std::vector<std::string> ChildBuckets(std::string_view term);

// True for an hour term.
bool IsHourTerm(std::string_view term);
// True for any date term (year, month, day or hour).
bool IsDateTerm(std::string_view term);

}  // namespace sinmun

#endif  // SINMUN_STORAGE_SEARCH_DATE_TERMS_H_
