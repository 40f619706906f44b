// ArchiveTexts: the search index's VersionTexts (storage/search/search_index.h) read from
// the archive: the content of an archived version (for a deletion, the last live content
// it keeps, as indexed). It counts the versions asked for that the archive does not hold:
// the index is ahead of this view of the archive, or disagrees with it — what a command
// tells its user rather than leaving out silently.
//
// Thread-safety: one thread (the count); the archive as Archive allows.
#ifndef SINMUN_STORAGE_SEARCH_ARCHIVE_TEXTS_H_
#define SINMUN_STORAGE_SEARCH_ARCHIVE_TEXTS_H_

#include <cstddef>
#include <cstdint>
#include <set>
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
    if (!v.ok()) {
      if (v.status().IsNotFound()) missing_.emplace(id, version);
      return v.status();
    }
    return std::move(v->article);
  }
  // Versions read and not found.
  size_t missing() const { return missing_.size(); }
  // Whether `id` v`version` was read and not found.
  bool IsMissing(const std::string& id, uint32_t version) const { return missing_.count({id, version}) > 0; }

 private:
  Archive& archive_;
  std::set<std::pair<std::string, uint32_t>> missing_;
};

}  // namespace sinmun

#endif  // SINMUN_STORAGE_SEARCH_ARCHIVE_TEXTS_H_
