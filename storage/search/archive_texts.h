// ArchiveTexts: the search index's VersionTexts (storage/search/search_index.h) read from
// the archive: the content of an archived version (for a deletion, the last live content
// it keeps, as indexed). It counts the versions asked for that the archive does not hold:
// the index is ahead of this view of the archive, or disagrees with it — what a command
// tells its user rather than leaving out silently. The versions it reads are kept (up to
// kKeptVersions), so a command that shows its hits reads each one from the archive once.
//
// Thread-safety: one thread (the count); the archive as Archive allows.
#ifndef SINMUN_STORAGE_SEARCH_ARCHIVE_TEXTS_H_
#define SINMUN_STORAGE_SEARCH_ARCHIVE_TEXTS_H_

#include <cstddef>
#include <cstdint>
#include <map>
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
    Result<StoredVersion> v = Version(id, version);
    if (!v.ok()) return v.status();
    return std::move(v->article);
  }
  // The archived version, as Archive::Version returns it (NotFound counted as missing);
  // from what Read kept when it read it.
  Result<StoredVersion> Version(const std::string& id, uint32_t version) {
    if (auto it = kept_.find({id, version}); it != kept_.end()) return it->second;
    Result<StoredVersion> v = archive_.Version(id, version);
    if (!v.ok()) {
      if (v.status().IsNotFound()) missing_.emplace(id, version);
      return v.status();
    }
    if (kept_.size() < kKeptVersions) kept_.emplace(std::make_pair(id, version), *v);
    return v;
  }
  // Versions read and not found.
  size_t missing() const { return missing_.size(); }
  // Whether `id` v`version` was read and not found.
  bool IsMissing(const std::string& id, uint32_t version) const { return missing_.count({id, version}) > 0; }

 private:
  Archive& archive_;
  static constexpr size_t kKeptVersions = 256;
  std::set<std::pair<std::string, uint32_t>> missing_;
  std::map<std::pair<std::string, uint32_t>, StoredVersion> kept_;
};

}  // namespace sinmun

#endif  // SINMUN_STORAGE_SEARCH_ARCHIVE_TEXTS_H_
