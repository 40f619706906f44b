// PageTime: the date-time forms that Korean news pages show to readers.
//
// ParsePageTime accepts everything common/time.h's ParseTime does, and in addition the
// display forms of the portals, read as KST:
//   "2026.03.21. 오후 9:43"   (Naver: dotted date, 오전/오후 = AM/PM, 12-hour clock)
//   "2026. 3. 21. 21:43"     (Daum: spaced dotted date, 24-hour clock)
//   "2017.05.12. 오후 02:09" (legacy Naver sports)
//   "입력 : 2025-05-28 18:21:46", "2026.01.29 18:40"  (outlets: dashes or dots, 24-hour)
//   "입력 2026.01.06 (17:45)", "2026.01.06(화) 09:05"  (time in brackets, weekday after the date)
//   "2025년 12월 26일 15시 12분"                       (Korean unit words)
//   "등록: 2026.01.06 오후 17:25"                       (a redundant 오후 before a 24-hour time)
// with or without a leading label ("입력", "기사입력", "수정", "최종수정"). Seconds are 0
// when the form has none; a date without a time is midnight KST. Returns nullopt for
// anything else or out-of-range fields.
//
// These forms are parsed here rather than in common/ because only page extraction meets
// them; a dozen lines of digit scanning is clearer than an ICU date pattern per form.
//
// Thread-safety: pure function.
#ifndef SINMUN_CRAWLER_EXTRACT_PAGE_TIME_H_
#define SINMUN_CRAWLER_EXTRACT_PAGE_TIME_H_

#include <optional>
#include <string_view>

#include "common/time.h"

namespace sinmun {

std::optional<Instant> ParsePageTime(std::string_view text);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_EXTRACT_PAGE_TIME_H_
