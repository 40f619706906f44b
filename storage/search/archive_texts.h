// ArchiveTexts: the search index's VersionTexts (storage/search/search_index.h) read from
// the archive: the content of an archived version (for a deletion, the last live content
// it keeps, as indexed).
//
// Thread-safety: as Archive (safe for concurrent use).
#ifndef SINMUN_STORAGE_SEARCH_ARCHIVE_TEXTS_H_
#define SINMUN_STORAGE_SEARCH_ARCHIVE_TEXTS_H_

#include <string>
#include <utility>

#include "storage/archive.h"
#include "storage/search/search_index.h"

namespace sinmun {

class ArchiveTexts : public VersionTexts {
 public:
  // REQUIRES: archive outlives this.
  explicit ArchiveTexts(Archive& archive) : archive_(archive) {}

  Result<Article> Read(const std::string& id, uint32_t version) override {
    Result<StoredVersion> v = archive_.Version(id, version);
    if (!v.ok()) return v.status();
    return std::move(v->article);
  }

 private:
  Archive& archive_;
};

}  // namespace sinmun

#endif  // SINMUN_STORAGE_SEARCH_ARCHIVE_TEXTS_H_
