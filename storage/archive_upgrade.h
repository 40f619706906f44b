// What opening an archive checks and upgrades (storage/keys.h): the schema version, and
// the data an older build did not keep yet — the version count, the changes index and the
// edit tallies —
// filled in by a read-write open. Internal to storage/.
//
// Thread-safety: called once, by Archive::Open, before the archive is shared.
#ifndef SINMUN_STORAGE_ARCHIVE_UPGRADE_H_
#define SINMUN_STORAGE_ARCHIVE_UPGRADE_H_

#include "common/status.h"
#include "storage/archive_db.h"

namespace sinmun {

// Writes the schema record into a new archive (read-write). Unsupported when the archive's
// schema version is newer than this build's; Corruption when the record is unreadable, or
// absent from an archive opened read-only.
Status CheckSchema(ArchiveDb& db);

// Read-write: counts the versions of an archive written before the count was kept, and
// fills the changes index of one written before the index existed, and builds the edit
// tallies (storage/edit_tally.h) of one written before they were kept (each then marked
// complete in meta). Nothing to do (three reads) for an archive that has them all.
Status UpgradeOnOpen(ArchiveDb& db);

}  // namespace sinmun

#endif  // SINMUN_STORAGE_ARCHIVE_UPGRADE_H_
