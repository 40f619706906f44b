// ChangeClass: what kind of edit a version is, as the archive records it and the CLI
// prints it. Declared apart from archive.h so that diff.h (which classifies) and
// archive.h (which stores) can both name it; archive.h re-exports it.
//
// Thread-safety: pure functions.
#ifndef SINMUN_STORAGE_CHANGE_CLASS_H_
#define SINMUN_STORAGE_CHANGE_CLASS_H_

#include <optional>
#include <string_view>

namespace sinmun {

enum class ChangeClass {
  kNew,                 // the first version
  kHeadline,            // the title changed (beyond whitespace/punctuation)
  kBody,                // paragraphs edited, removed or inserted (or the subtitle changed)
  kByline,              // only the authors changed
  kCorrectionAppended,  // only paragraphs appended after the last unchanged one
  kMinor,               // whitespace/punctuation-only edits, or metadata only
  kDeleted,             // the page answered 404/410 after it was live
  kRestored,            // the page answered 200 again after a deletion
  kReextracted,         // today's extractor read the stored page differently (`sinmun
                        // reextract`): a correction of ours, not an edit by the publisher
};

// "new", "headline", "body", "byline", "correction", "minor", "deleted", "restored",
// "reextracted".
std::string_view ChangeClassName(ChangeClass change_class);

// Inverse of ChangeClassName; nullopt for any other text.
std::optional<ChangeClass> ParseChangeClass(std::string_view name);

}  // namespace sinmun

#endif  // SINMUN_STORAGE_CHANGE_CLASS_H_
