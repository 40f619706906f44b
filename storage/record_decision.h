// The decision step of Archive::Record: what one fetch (or re-extraction) does to an
// article — the outcome, the change class of the version it makes, and the diff against
// the latest version — decided from plain values, reading and writing nothing. The archive
// (storage/archive.cc) reads what the decision needs, asks, and has RecordBatch
// (storage/record_batch.h) write the answer in one WriteBatch: the split of leveldb's
// DBImpl, VersionEdit and WriteBatch.
//
// Three steps, so that the common case reads nothing but the article's head, and a
// refetch of unchanged content reads no block text:
//   1. TriageFetch, from the head alone:
//        no head, 200                 -> kNew
//        no head, 304/404/410         -> kUnknownArticle (NotFound; nothing is written)
//        304                          -> kUnchanged (conditional GET: "not modified")
//        404/410 while deleted        -> kUnchanged
//        404/410 while live           -> kDelete
//        200 while deleted            -> kRestore
//        200, FastKey equals the head's (storage/content.h) -> kUnchanged, no block hashed
//        200 otherwise                -> kCompare
//      A re-extraction is always kCompare (of a live article).
//   2. Decide, given the latest version's metadata and block refs for kRestore and
//      kCompare (no block texts):
//        kNew                         -> kNew, class kNew
//        kUnchanged                   -> kUnchanged, no version
//        kDelete                      -> kDeleted, class kDeleted (the version copies the
//                                        last live content)
//        kRestore                     -> kRestored, class kRestored, even when the content
//                                        equals the content before the deletion; needs a diff
//        kCompare, SameContent        -> kUnchanged, no version (the head's fast key is
//                                        refreshed)
//        kCompare otherwise           -> kChanged, needs a diff (class kReextracted for a
//                                        re-extraction)
//   3. AddDiff, for a decision that needs one, given the latest version with its block
//      texts: the diff, its block counts and, for kChanged of a fetch, the class
//      (ClassifyChange, storage/diff.h).
//
// Thread-safety: values and pure functions.
#ifndef SINMUN_STORAGE_RECORD_DECISION_H_
#define SINMUN_STORAGE_RECORD_DECISION_H_

#include <optional>
#include <span>
#include <string>

#include "common/article.h"
#include "common/status.h"
#include "storage/archive.h"
#include "storage/change_class.h"
#include "storage/content.h"
#include "storage/diff.h"

namespace sinmun {

// The checks of a fetch that need no archive: InvalidArgument for a status other than
// 200/304/404/410, for a 200 without an article, or whose article has no id (the extractor
// decides identity; Record does not derive it) or an id with a NUL byte.
Status CheckFetch(const Fetch& fetch);

// What the article's head says before the fetch.
struct HeadFacts {
  bool exists = false;   // the archive has the article
  bool deleted = false;  // its latest version is a deletion
  std::string fast_key;  // FastKey of its latest version ("" when none applies)
};

enum class Triage { kUnknownArticle, kNew, kUnchanged, kDelete, kRestore, kCompare };

// Step 1 (see the file comment). `article`: the fetch's article, REQUIRED for a 200.
// REQUIRES: CheckFetch passed.
Triage TriageFetch(const HeadFacts& head, int http_status, const Article* article);

struct DecisionInput {
  Triage triage = Triage::kCompare;
  bool reextraction = false;         // a differing content is kReextracted, not classified
  const Article* fetched = nullptr;  // the fetch's (or re-extraction's) article; null for 304/404/410
  std::span<const BlockRef> fetched_refs;  // BlockRefsOf(*fetched), for kCompare
  // kRestore, kCompare: the latest version's metadata (its blocks are not read) and refs.
  const Article* latest = nullptr;
  std::span<const BlockRef> latest_refs;
};

struct Decision {
  Outcome outcome = Outcome::kUnchanged;
  // The new version's class; nullopt: none is made — or, for kChanged of a fetch, not
  // known before AddDiff.
  std::optional<ChangeClass> change_class;
  bool needs_diff = false;                 // kChanged, kRestored: call AddDiff
  std::optional<ArticleDiff> diff;         // latest -> fetched, once AddDiff ran
  bool refresh_fast_key = false;           // kCompare found the same content
  int added = 0, removed = 0, edited = 0;  // block changes the new version makes
  bool appended = false;                   // AppendsBlocks, but for a re-extraction
};

// Step 2 (see the file comment). REQUIRES: the inputs the triage names are set.
Decision Decide(const DecisionInput& in);

// Step 3: the diff of `latest` (the latest version, its blocks with their texts) to
// `fetched`, its block counts, and the change class when Decide left it open.
// REQUIRES: d.needs_diff.
void AddDiff(Decision& d, const Article& latest, const Article& fetched);

}  // namespace sinmun

#endif  // SINMUN_STORAGE_RECORD_DECISION_H_
