// The decision step of Archive::Record: what one fetch (or re-extraction) does to an
// article — the outcome, the change class of the version it makes, and the diff against
// the latest version — decided from plain values, reading and writing nothing. The archive
// (storage/archive.cc) reads what the decision needs, asks, and has RecordBatch
// (storage/record_batch.h) write the answer in one WriteBatch: the split of leveldb's
// DBImpl, VersionEdit and WriteBatch.
//
// Two steps, so that the common case reads nothing but the article's head:
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
//   2. Decide, given the latest version's content for kRestore and kCompare:
//        kNew                         -> kNew, class kNew
//        kUnchanged                   -> kUnchanged, no version
//        kDelete                      -> kDeleted, class kDeleted (the version copies the
//                                        last live content)
//        kRestore                     -> kRestored, class kRestored, even when the content
//                                        equals the content before the deletion
//        kCompare, SameContent        -> kUnchanged, no version (the head's fast key is
//                                        refreshed)
//        kCompare otherwise           -> kChanged, classed by ClassifyChange
//                                        (storage/diff.h); kReextracted for a re-extraction
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
  // kRestore, kCompare: the latest version. Its metadata and refs decide SameContent; its
  // blocks, with their texts, are read only for the diff (kRestore, or kCompare when the
  // content differs).
  const Article* latest = nullptr;
  std::span<const BlockRef> latest_refs;
};

struct Decision {
  Outcome outcome = Outcome::kUnchanged;
  std::optional<ChangeClass> change_class;  // the new version's class; nullopt: none is made
  std::optional<ArticleDiff> diff;          // latest -> fetched, for kChanged and kRestored
  bool refresh_fast_key = false;            // kCompare found the same content
  int added = 0, removed = 0, edited = 0;   // block changes the new version makes
};

// Step 2 (see the file comment). REQUIRES: the inputs the triage names are set.
Decision Decide(const DecisionInput& in);

}  // namespace sinmun

#endif  // SINMUN_STORAGE_RECORD_DECISION_H_
