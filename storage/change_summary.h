// SummarizeChange: the one line that says what a version changed, as the changes index
// keeps it and `sinmun changes` and the daemon's /changes.atom show it:
//   new: «국회, 예산안 처리»
//   headline: «국회, 예산안 처리» → «국회, 예산안 통과»; correction: 1 paragraph appended «[정정] …»
//   body: 1 paragraph edited, 2 added
//   byline: 홍길동 → 홍길동, 김철수
//   minor: 1 paragraph edited (white space or punctuation)
//   deleted (404)
//   restored; body: 1 paragraph removed
//   re-extracted from v2; body: 1 paragraph edited
// Quoted texts are cut to kSummaryQuoteWidth display columns with "…".
//
// Thread-safety: pure function.
#ifndef SINMUN_STORAGE_CHANGE_SUMMARY_H_
#define SINMUN_STORAGE_CHANGE_SUMMARY_H_

#include <cstdint>
#include <string>

#include "common/article.h"
#include "storage/change_class.h"
#include "storage/diff.h"

namespace sinmun {

inline constexpr int kSummaryQuoteWidth = 40;

struct ChangeSummaryInput {
  ChangeClass change_class = ChangeClass::kNew;
  const Article* before = nullptr;     // the previous version; null for kNew
  const Article* after = nullptr;      // REQUIRED: this version
  const ArticleDiff* diff = nullptr;   // DiffArticles(*before, *after); null when not computed
  int http_status = 0;                 // kDeleted: 404/410 (0 = unknown)
  uint32_t reextracted_from = 0;       // kReextracted: the version whose raw bytes were read
};

std::string SummarizeChange(const ChangeSummaryInput& in);

}  // namespace sinmun

#endif  // SINMUN_STORAGE_CHANGE_SUMMARY_H_
