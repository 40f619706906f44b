// Changes as an Atom 1.0 feed (RFC 4287), so that a feed reader shows what changed in which
// article: the daemon's /changes.atom and the reading room's edit lists (?format=atom).
//
// RenderChangesFeed is a pure function over the entries: each <entry> has
//   id       urn:uuid derived from the article id and version (stable across requests)
//   title    the article's title and the change class, "국회, 예산안 통과 (headline)"
//   updated  the version's fetch time;  link  the article URL;  summary  the one-line summary
//   content  type="html": the word-level diff against the previous version — deletions in
//            <del>, insertions in <ins>, one <p> per changed title or paragraph — escaped
//            once for HTML (the article's text) and once for XML (the html in the feed).
// Characters XML 1.0 forbids (C0 controls other than tab and line breaks) are dropped.
//
// FeedEntryFor diffs one change against its previous version (no diff for a deletion or a
// first version). ChangesFeed reads the entries from an Archive: the latest `limit` changes other than
// first sightings (class "new"), each diffed against its previous version.
//
// Thread-safety: RenderChangesFeed is pure. ChangesFeed only reads the archive (Archive is
// safe for concurrent use), so it may run on the metrics endpoint's thread while the
// daemon's loop writes.
#ifndef SINMUN_STORAGE_CHANGES_FEED_H_
#define SINMUN_STORAGE_CHANGES_FEED_H_

#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "storage/archive.h"
#include "storage/diff.h"

namespace sinmun {

inline constexpr size_t kChangesFeedLength = 50;

struct FeedEntry {
  ChangeEntry change;
  std::optional<ArticleDiff> diff;  // against the previous version; none for deleted versions
};

// `updated` is the feed's own time (the newest entry's, or now when there is none);
// `self_url` the feed's address ("" leaves the self link out); `title` the feed's title
// ("" for the default, "sinmun: changes to archived news articles").
std::string RenderChangesFeed(const std::vector<FeedEntry>& entries, Instant updated,
                              const std::string& self_url, const std::string& title = "");

Result<FeedEntry> FeedEntryFor(Archive& archive, ChangeEntry change);

Result<std::string> ChangesFeed(Archive& archive, size_t limit, Instant now,
                                const std::string& self_url);

}  // namespace sinmun

#endif  // SINMUN_STORAGE_CHANGES_FEED_H_
