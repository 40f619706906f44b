// Edit statistics: how often, how soon and how each outlet edits after publishing — per
// press and per source, over the articles first seen in a period. `sinmun stats --edits`
// and the reading room's statistics page print this one computation.
//
// The period is whole KST days: `since` counts from 00:00 KST of its day and `until` up to
// the end of the day before it when it is 00:00 KST, else to the end of its own day
// (WholeKstDays). The cohort is every article first seen in the period (and of `portal`,
// when given); its edits are every later version at any time since, except re-extractions
// (class reextracted: sinmun's own corrections, not the outlet's) — so the headline, body,
// byline, correction, minor, deleted and restored versions. An article counts under the
// portal, press and source its first version gave. The delay of an edit is its fetch time
// minus version 1's published time, or the article's first sight when it gave none (never
// below zero: a page may claim a publication after we first saw it). Median and 90th
// percentile are exact to the minute below a day, to the hour below 30 days and to the day
// beyond (storage/edit_tally.h); the delay buckets are exact.
//
// Cost: the writer keeps the counts per first-seen day, portal, press and source as it
// records versions (storage/edit_tally.h), so ComputeEditStats reads one record per day and
// group of the period — milliseconds for a month of a whole news stream. An archive of an
// older build that no writer of this one has opened yet has no tallies: ComputeEditStats then
// scans (ComputeEditStatsByScan: the cohort's heads, each article's version 1 and the
// history of each edited one, O(articles in the period)).
//
// Thread-safety: ComputeEditStats reads the archive (safe for concurrent use); the
// rest are pure functions.
#ifndef SINMUN_STORAGE_EDIT_STATS_H_
#define SINMUN_STORAGE_EDIT_STATS_H_

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "common/article_json.h"
#include "common/status.h"
#include "common/time.h"
#include "storage/archive.h"

namespace sinmun {

// Upper bounds of the delay buckets; the last bucket holds everything past 7 days.
inline constexpr std::array<std::chrono::seconds, 7> kEditDelayBounds = {
    std::chrono::minutes(10), std::chrono::hours(1),  std::chrono::hours(3),
    std::chrono::hours(12),   std::chrono::hours(24), std::chrono::hours(72),
    std::chrono::hours(168)};
inline constexpr size_t kEditDelayBuckets = kEditDelayBounds.size() + 1;
// "10m", "1h", "3h", "12h", "1d", "3d", "7d", and "" for the open last bucket.
std::string_view EditDelayBucketName(size_t bucket);

struct EditCounts {
  uint64_t articles = 0;  // first seen in the period
  uint64_t edited = 0;    // of those, with at least one edit
  uint64_t edits = 0;     // their edits (see the file comment)
  // Edits by class.
  uint64_t headline = 0, body = 0, byline = 0, correction = 0, minor = 0, deleted = 0,
           restored = 0;
  // Articles with at least one headline change / correction / deletion.
  uint64_t articles_headline = 0, articles_corrected = 0, articles_deleted = 0;
  // Edits by delay after publication (kEditDelayBounds).
  std::array<uint64_t, kEditDelayBuckets> delay{};
  // Median and 90th percentile of the delays (nearest rank); none without edits.
  std::optional<std::chrono::seconds> median_delay, p90_delay;

  double edited_share() const { return articles == 0 ? 0 : double(edited) / double(articles); }
  double edits_per_article() const { return articles == 0 ? 0 : double(edits) / double(articles); }
};

struct EditStatsQuery {
  std::optional<Instant> since, until;  // first seen: since <= first_seen < until
  std::string portal;                   // "" = any
};

// `q` with its period made whole KST days (see the file comment); an absent bound stays absent.
EditStatsQuery WholeKstDays(const EditStatsQuery& q);

// The period `sinmun stats --edits` and the statistics page ask for: up to `until`, or to
// the end of the KST day of `now` without one; from `since`, or 30 days before the end
// without one; whole KST days.
EditStatsQuery EditStatsPeriod(Instant now, std::optional<Instant> since, std::optional<Instant> until);

struct EditStats {
  EditStatsQuery query;
  EditCounts total;
  std::map<std::string, EditCounts> by_press;   // "" = press unknown
  std::map<std::string, EditCounts> by_source;  // "" = not found by a configured source
};

// See the file comment: the statistics of WholeKstDays(query), whose period the result's
// `query` holds. From the writer's tallies, or by a scan where the archive has none. Errors
// are the archive's own: IOError, Corruption for a tally or version that does not parse.
Result<EditStats> ComputeEditStats(Archive& archive, const EditStatsQuery& query);
// The same numbers from the articles themselves, never the tallies: what ComputeEditStats
// falls back on, and the reference the tallies are tested against.
Result<EditStats> ComputeEditStatsByScan(Archive& archive, const EditStatsQuery& query);

// `sinmun stats --edits --json` and the statistics page's ?format=json (README):
// {"since", "until", "portal", "total": COUNTS, "by_press": [{"name", COUNTS…}],
//  "by_source": [{"name", COUNTS…}]}, COUNTS = "articles", "edited", "edited_share",
// "edits", "edits_per_article", "classes": {"headline", "body", "byline", "correction",
// "minor", "deleted", "restored"}, "articles_with": {"headline", "correction", "deleted"},
// "delay": {"buckets": [{"upto", "edits"}], "median_seconds", "p90_seconds"}; groups in
// descending order of articles.
Json EditStatsJson(const EditStats& stats);
Json EditCountsJson(const EditCounts& counts);

}  // namespace sinmun

#endif  // SINMUN_STORAGE_EDIT_STATS_H_
