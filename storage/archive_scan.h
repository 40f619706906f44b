// The archive's scans: the reads that walk an index or a whole column family rather than
// one article — the changes index, the first-seen index (List), statistics, and the
// streaming pass over versions that export and re-extraction use. Their contracts are
// Archive's (storage/archive.h); these are its implementation. Internal to storage/.
//
// Thread-safety: as Archive: safe beside concurrent writes.
#ifndef SINMUN_STORAGE_ARCHIVE_SCAN_H_
#define SINMUN_STORAGE_ARCHIVE_SCAN_H_

#include <functional>
#include <vector>

#include "common/status.h"
#include "storage/archive.h"
#include "storage/archive_db.h"

namespace sinmun {

Result<std::vector<ChangeEntry>> ScanChanges(ArchiveDb& db, const ChangesQuery& q);
Result<std::vector<ArticleHead>> ScanList(ArchiveDb& db, const ListQuery& q);
Result<ArchiveStats> ScanStats(ArchiveDb& db);
// Archive::ForEachHead.
Status ScanHeads(ArchiveDb& db, const std::function<Status(const ArticleHead&)>& fn);
Status ScanVersions(ArchiveDb& db, const ExportQuery& q,
                    const std::function<Status(const StoredVersion&, const ArticleHead&)>& fn);

}  // namespace sinmun

#endif  // SINMUN_STORAGE_ARCHIVE_SCAN_H_
