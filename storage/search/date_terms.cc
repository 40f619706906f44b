#include "storage/search/date_terms.h"

#include <ctime>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace sinmun {
namespace {

constexpr int64_t kHour = 3600;
// 0001-01-01 and 10000-01-01 (UTC), in seconds.
constexpr int64_t kMinSeconds = -62135596800;
constexpr int64_t kMaxSeconds = 253402300800;

std::tm Utc(int64_t seconds) {
  const std::time_t t = std::clamp(seconds, kMinSeconds, kMaxSeconds - 1);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm;
}

std::string Format(char kind, const std::tm& tm) {
  char buf[32];
  const int year = tm.tm_year + 1900;
  switch (kind) {
    case 'Y': std::snprintf(buf, sizeof buf, "\x01Y%04d", year); break;
    case 'M': std::snprintf(buf, sizeof buf, "\x01M%04d%02d", year, tm.tm_mon + 1); break;
    case 'D': std::snprintf(buf, sizeof buf, "\x01" "D%04d%02d%02d", year, tm.tm_mon + 1, tm.tm_mday); break;
    default: std::snprintf(buf, sizeof buf, "\x01H%04d%02d%02d%02d", year, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour); break;
  }
  return buf;
}

int64_t Timegm(int year, int month, int day) {  // month 0-11, may overflow into the next year
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month;
  tm.tm_mday = day;
  return timegm(&tm);
}

// The start of the year of a year term ("\x01Y2026").
std::optional<int64_t> YearStart(const std::string& term) {
  if (term.size() != kYearPrefix.size() + 4 || !term.starts_with(kYearPrefix)) return std::nullopt;
  return Timegm(std::atoi(term.c_str() + kYearPrefix.size()), 0, 1);
}

}  // namespace

std::vector<std::string> DateTerms(int64_t seconds) {
  const std::tm tm = Utc(seconds);
  return {Format('Y', tm), Format('M', tm), Format('D', tm), Format('H', tm)};
}

std::vector<std::string> DateRangeTerms(std::optional<int64_t> since, std::optional<int64_t> until,
                                        const std::vector<std::string>& years) {
  if (!since && !until) return {};
  int64_t first = kMinSeconds, last = kMaxSeconds;
  if (!years.empty()) {
    first = YearStart(years.front()).value_or(kMinSeconds);
    const std::optional<int64_t> y = YearStart(years.back());
    if (y) last = Timegm(Utc(*y).tm_year + 1900 + 1, 0, 1);
  }
  int64_t t = std::max(first, since ? *since : first);
  int64_t end = std::min(last, until ? *until : last);
  t -= ((t % kHour) + kHour) % kHour;                     // down to the hour
  if (end % kHour != 0) end += kHour - ((end % kHour) + kHour) % kHour;  // up to the hour
  std::vector<std::string> out;
  while (t < end) {
    const std::tm tm = Utc(t);
    const int year = tm.tm_year + 1900;
    int64_t next = 0;
    char kind = 'H';
    if (tm.tm_mon == 0 && tm.tm_mday == 1 && tm.tm_hour == 0 && (next = Timegm(year + 1, 0, 1)) <= end) {
      kind = 'Y';
    } else if (tm.tm_mday == 1 && tm.tm_hour == 0 && (next = Timegm(year, tm.tm_mon + 1, 1)) <= end) {
      kind = 'M';
    } else if (tm.tm_hour == 0 && (next = t + 24 * kHour) <= end) {
      kind = 'D';
    } else {
      next = t + kHour;
    }
    out.push_back(Format(kind, tm));
    t = next;
  }
  return out;
}

std::vector<std::string> ChildBuckets(std::string_view term) {
  if (term.size() < 2 || term[0] != '\x01') return {};
  const std::string digits(term.substr(2));
  std::vector<std::string> out;
  char buf[32];
  switch (term[1]) {
    case 'Y':
      for (int m = 12; m >= 1; --m) {
        std::snprintf(buf, sizeof buf, "\x01M%s%02d", digits.c_str(), m);
        out.emplace_back(buf);
      }
      break;
    case 'M':
      for (int d = 31; d >= 1; --d) {
        std::snprintf(buf, sizeof buf, "\x01" "D%s%02d", digits.c_str(), d);
        out.emplace_back(buf);
      }
      break;
    case 'D':
      for (int h = 23; h >= 0; --h) {
        std::snprintf(buf, sizeof buf, "\x01H%s%02d", digits.c_str(), h);
        out.emplace_back(buf);
      }
      break;
    default:
      break;
  }
  return out;
}

bool IsHourTerm(std::string_view term) { return term.size() > 2 && term[0] == '\x01' && term[1] == 'H'; }

bool IsDateTerm(std::string_view term) {
  return term.size() > 2 && term[0] == '\x01' && std::string_view("YMDH").find(term[1]) != std::string_view::npos;
}

}  // namespace sinmun
