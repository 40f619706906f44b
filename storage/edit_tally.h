// Edit tallies: the edit statistics of storage/edit_stats.h kept as counts by the writer,
// so that a period's statistics are a sum of a few records instead of a scan of its
// articles. Internal to storage/.
//
// Each article belongs to one tally, fixed by its first version: the KST day it was first
// seen, and its portal, press and source as version 1 gave them (a later version that
// changes the press does not move it). Its head keeps that membership (HeadRecord.tally:
// the tally's key, the origin of its delays, the classes of edit it has had), so counting
// an edit reads nothing but the head and the one tally record.
//
// Delays are kept in bins, exact to the minute below one day, to the hour below 30 days and
// to the day after (ten years and more share one bin); a quantile is the start of the bin
// it falls in. The delay buckets of
// EditCounts (kEditDelayBounds) fall on bin boundaries, so they are exact.
//
// Thread-safety: pure functions.
#ifndef SINMUN_STORAGE_EDIT_TALLY_H_
#define SINMUN_STORAGE_EDIT_TALLY_H_

#include <cstdint>

#include "common/article.h"
#include "common/time.h"
#include "storage/change_class.h"
#include "storage/edit_stats.h"
#include "storage/record.pb.h"

namespace sinmun {

// Days since 1970-01-01 in KST (UTC+9) of `t`.
int64_t KstDay(Instant t);
// The instant 00:00 KST of `kst_day`.
Instant KstDayStart(int64_t kst_day);

// The bin of a delay of `seconds` (below zero counts as zero), and the first delay in a bin.
uint32_t EditDelayBin(int64_t seconds);
int64_t EditDelayBinStart(uint32_t bin);

// The membership of an article whose version 1 is `first`, first seen at `first_seen`.
storage::pb::EditTallyMember TallyMemberOf(const Article& first, Instant first_seen);

// Counts a new article, whose version 1 is `first`, in `tally` (named after it when new).
void TallyArticle(storage::pb::EditTallyRecord& tally, const Article& first);

// Counts a version of class `cls` made at `at` as an edit of the article of `member`, in
// `tally` (its tally) and in the member's classes; `appended` (VersionInfo::appended): it
// also appended a correction, which counts the article as corrected whatever the class.
// False, counting nothing, for kNew and kReextracted (sinmun's own corrections, not the
// outlet's edits).
bool TallyEdit(storage::pb::EditTallyRecord& tally, storage::pb::EditTallyMember& member,
               ChangeClass cls, bool appended, Instant at);

// Adds the counts of `from` to `into` (the names are not touched).
void MergeTally(storage::pb::EditTallyRecord& into, const storage::pb::EditTallyRecord& from);

// The counts of a tally, with the delay buckets and quantiles read from its bins.
EditCounts CountsOfTally(const storage::pb::EditTallyRecord& tally);

}  // namespace sinmun

#endif  // SINMUN_STORAGE_EDIT_TALLY_H_
