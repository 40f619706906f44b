// Archive::Verify's implementation (storage/archive.h): reads everything and reports each
// inconsistency it finds — blocks that do not hash to their keys, versions missing or not
// replaying, heads that disagree with their versions, references to missing blocks, a
// changes index or edit tallies out of step with the versions, index entries naming no
// article. Internal
// to storage/.
//
// Thread-safety: as Archive.
#ifndef SINMUN_STORAGE_ARCHIVE_VERIFY_H_
#define SINMUN_STORAGE_ARCHIVE_VERIFY_H_

#include "common/status.h"
#include "storage/archive.h"
#include "storage/archive_db.h"

namespace sinmun {

// Problems go into the report; an error Status only when the archive cannot be read.
Result<VerifyReport> VerifyArchive(ArchiveDb& db);

}  // namespace sinmun

#endif  // SINMUN_STORAGE_ARCHIVE_VERIFY_H_
