// Instants and their text forms.
//
// An Instant is a point in time with second precision (UTC-based sys_seconds). Korean
// pages give local times without a zone: those are read as KST (UTC+09:00, no DST).
// Everything sinmun prints is RFC 3339 in KST, e.g. "2026-03-21T21:43:25+09:00", because
// that is how its users and the pages themselves speak of time.
//
// Thread-safety: pure functions.
#ifndef SINMUN_COMMON_TIME_H_
#define SINMUN_COMMON_TIME_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "common/status.h"

namespace sinmun {

using Instant = std::chrono::sys_seconds;

inline constexpr std::chrono::seconds kKstOffset{9 * 3600};

// "2026-03-21T21:43:25+09:00".
std::string FormatRfc3339Kst(Instant t);

// Reads the time forms that appear in pages, feeds, headers and on the command line:
//   RFC 3339 / ISO 8601 with offset or Z ("2026-03-21T21:43:25+09:00", "...Z", a fraction
//     of a second dropped); without an offset it is KST ("2026-03-21T21:43:25", "2026-03-21 21:43:25",
//     "2026-03-21 21:43", "2026.03.21 21:43", "2026-03-21");
//   the Korean forms of portals and feeds, KST: "2026.03.21. 오후 9:43",
//     "2026-03-21 오후 9:43:17" (오전 = AM, 오후 = PM on a 12-hour clock),
//     "2026년 03월 21일 21:43:25", "2026년 3월 21일", "2026. 3. 21." (Daum's pages),
//     "2026-03-21 21시", "2026. 3. 21. 오후 9시 43분";
//   RFC 822 / RFC 1123 ("Sat, 21 Mar 2026 12:43:25 GMT", "+0900", named US zones);
//   14 digits "20260321214325" (KST), as in Daum article ids and Naver's svt.
// Returns nullopt for anything else, including out-of-range fields.
std::optional<Instant> ParseTime(std::string_view text);

// An end of a period, as ParseTime reads it, except that
//   - a date without a time of day ("2026-03-21", "2026. 3. 21.", "2026년 3월 21일") stands
//     for the end of that KST day, 00:00 of the next: "until 2026-03-21" includes the 21st;
//   - a time with a fraction of a second ("…T21:43:25.5") stands for the end of that second
//     (…:26): instants are whole seconds, and what was stamped …:25 came before …:25.5.
// The command line and the reading room read every `until` this way.
std::optional<Instant> ParsePeriodEnd(std::string_view text);

// A period [since, until), either end open (nullopt).
struct Period {
  std::optional<Instant> since, until;
};

// OK unless `p` is empty (since not before until). Then InvalidArgument "the period is
// empty: SINCE is not before UNTIL", the two ends as the caller names them (e.g. "--since
// 2026-11-03"), followed, when ParsePeriodEnd moved the end from what `until_text` writes,
// by why and to where: "; a date alone ends with its day, at 2026-11-02T00:00:00+09:00".
// The command line and the reading room refuse empty periods with it.
Status CheckPeriod(const Period& p, std::string_view since, std::string_view until, std::string_view until_text);

// Civil KST fields to an instant; nullopt when a field is out of range.
std::optional<Instant> KstCivilToInstant(int year, int month, int day, int hour, int minute,
                                         int second);

}  // namespace sinmun

#endif  // SINMUN_COMMON_TIME_H_
