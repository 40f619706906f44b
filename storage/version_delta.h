// The delta encoding of versions (storage/archive.h "Versions are delta-encoded"): how a
// version record is replayed onto the state of the version before it, and how a version's
// content is encoded against that state. Pure: no RocksDB, so it is tested on its own.
//
// A snapshot record (versions 1, 1+N, ...; N = kSnapshotInterval) holds every metadata
// field and only insert ops. A delta record holds the metadata fields that differ from the
// previous version (field presence = changed) and its block list as ops on the previous
// list, applied with a cursor: copy the next n refs, skip (drop) the next n refs, or
// insert a new ref. Refs left after the last op are dropped.
//
// Thread-safety: values and pure functions.
#ifndef SINMUN_STORAGE_VERSION_DELTA_H_
#define SINMUN_STORAGE_VERSION_DELTA_H_

#include <string_view>
#include <vector>

#include "common/article.h"
#include "common/status.h"
#include "storage/content.h"
#include "storage/record.pb.h"

namespace sinmun {

// The content of a version without block texts: its metadata in `meta` (meta.blocks is
// empty) and its block refs.
struct VersionState {
  Article meta;
  std::vector<BlockRef> refs;
};

// Whether version `number` is stored whole.
bool IsSnapshotVersion(uint32_t number);

// Applies `rec` (a version of article `id`) to `state`, the state of the version before
// it (ignored when rec is a snapshot). Corruption when the ops run past the previous list,
// a ref has a bad hash, an op is empty or the block count disagrees with the record.
Status ApplyVersion(std::string_view id, const storage::pb::VersionRecord& rec, VersionState& state);

// Writes into `rec` the metadata of `meta` (its blocks are ignored) that differs from
// `prev`, or all of it when prev is null (a snapshot).
void EncodeMeta(const Article* prev, const Article& meta, storage::pb::VersionRecord& rec);

// Writes into `rec` the block ops turning `prev` into `next` (an LCS edit script over the
// refs' keys), or inserts of all of `next` when prev is null; sets the block count.
void EncodeBlocks(const std::vector<BlockRef>* prev, const std::vector<BlockRef>& next,
                  storage::pb::VersionRecord& rec);

}  // namespace sinmun

#endif  // SINMUN_STORAGE_VERSION_DELTA_H_
