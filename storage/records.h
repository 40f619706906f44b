// Conversions between the stored records (storage/record.proto) and the archive's values
// (storage/archive.h): times, block refs, heads, version summaries. Kept apart so that
// every part of the archive (recording, reads, scans, verify) converts the same way.
//
// Times are stored as whole seconds since the Unix epoch (UTC).
//
// Thread-safety: pure functions.
#ifndef SINMUN_STORAGE_RECORDS_H_
#define SINMUN_STORAGE_RECORDS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/time.h"
#include "storage/archive.h"
#include "storage/change_summary.h"
#include "storage/content.h"
#include "storage/record.pb.h"

namespace sinmun::storage_records {

namespace pb = ::sinmun::storage::pb;

inline int64_t Seconds(Instant t) { return t.time_since_epoch().count(); }
inline Instant FromSeconds(int64_t s) { return Instant(std::chrono::seconds(s)); }

// "<id> version <n>": how errors and verify problems name a version.
std::string VersionName(std::string_view id, uint32_t number);

BlockRef RefFromPb(const pb::BlockRef& r);
void RefToPb(const BlockRef& r, pb::BlockRef* out);

ArticleHead HeadFromPb(const std::string& id, const pb::HeadRecord& h);

// The summary of a version record; `title` is the version's (replayed) title.
VersionInfo InfoFromPb(const pb::VersionRecord& rec, std::string title);

// The changes-index entry of a version: its class, the one-line summary of `in`, and the
// version's portal, title and `url`.
pb::ChangeRecord ChangeRecordOf(const ChangeSummaryInput& in, const std::string& url);

inline pb::OutcomePb OutcomeToPb(Outcome o) { return static_cast<pb::OutcomePb>(o); }
inline pb::ChangeClassPb ChangeClassToPb(ChangeClass c) { return static_cast<pb::ChangeClassPb>(c); }

}  // namespace sinmun::storage_records

#endif  // SINMUN_STORAGE_RECORDS_H_
