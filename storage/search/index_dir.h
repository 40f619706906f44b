// IndexDir: the search index's directory, <archive>/search, and which index in it is the
// current one.
//
// An index of layout 3 or 4 is one SQLite file, index-<N>.sqlite (with its -wal and -shm
// files while open); the file CURRENT names the current one. A new index (a rebuild) is
// written beside it under the next N and made current by rewriting CURRENT (written
// to a temporary file, fsynced and renamed over it: atomic), after which the files of
// older indexes are removed. A reader thus opens the old index or the new one, never half
// of one, and one that opened the old index before the switch reads it to the end (its
// files stay readable until it closes them).
// Without CURRENT, the directory may hold the Xapian database of layout 2 that earlier
// releases wrote (storage/search/xapian_index.h); installing a new index removes it.
// REBUILD, when present, asks sinmund to rebuild the index in the background (written by
// `sinmun reindex` while sinmund holds the archive).
//
// Thread-safety: methods touch only the file system; a writer (sinmund or `sinmun reindex`)
// is alone, since both hold the archive's writer lock.
#ifndef SINMUN_STORAGE_SEARCH_INDEX_DIR_H_
#define SINMUN_STORAGE_SEARCH_INDEX_DIR_H_

#include <memory>
#include <string>

#include "common/status.h"
#include "storage/search/search_index.h"

namespace sinmun {

class IndexDir {
 public:
  explicit IndexDir(std::string dir) : dir_(std::move(dir)) {}

  const std::string& dir() const { return dir_; }

  enum class Kind {
    kNone,     // no index at all
    kCurrent,  // CURRENT names an index file (of whatever layout its meta table says)
    kXapian,   // the Xapian database of an earlier release
  };
  struct State {
    Kind kind = Kind::kNone;
    std::string path;  // kCurrent: the index file; kXapian: the directory
  };
  // What the directory holds now. IOError when CURRENT cannot be read or names no file.
  Result<State> Read() const;

  // The path for a new index file (index-<N+1>.sqlite), not yet current. Creates the
  // directory when missing.
  Result<std::string> NewIndexPath() const;

  // Makes `path` (a file in this directory) the current index, then removes every other
  // index file and a Xapian database, if any.
  Status Install(const std::string& path) const;

  // Removes index files that are neither current nor `keep` (what an interrupted rebuild
  // left behind).
  void RemoveStale(const std::string& keep = "") const;

  // The rebuild request (see the file comment).
  Status RequestRebuild() const;
  bool RebuildRequested() const;
  void ClearRebuildRequest() const;

 private:
  std::string dir_;
};

// Opens the current index for reading: the index of layout 3 or 4 that CURRENT names, else the
// Xapian index of layout 2 (`*older_layout` set for layouts 2 and 3). NotFound "no search index" when there is
// none; Unsupported for an index of a layout this build does not read.
Result<std::unique_ptr<SearchReader>> OpenSearchReader(const IndexDir& dir, bool* older_layout);

}  // namespace sinmun

#endif  // SINMUN_STORAGE_SEARCH_INDEX_DIR_H_
