#include "common/time.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

namespace sinmun {
namespace {

using std::chrono::days;
using std::chrono::seconds;

// A cursor over the text with the small set of reads the formats need.
class Scanner {
 public:
  explicit Scanner(std::string_view s) : s_(s) {}
  bool AtEnd() const { return i_ >= s_.size(); }
  char Peek() const { return AtEnd() ? '\0' : s_[i_]; }
  bool Consume(char c) {
    if (Peek() != c) return false;
    ++i_;
    return true;
  }
  void SkipSpaces() {
    while (!AtEnd() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  // Exactly `n` digits (n > 0), or between min and max when given.
  bool Digits(int min, int max, int* out) {
    int v = 0, n = 0;
    while (n < max && !AtEnd() && std::isdigit(static_cast<unsigned char>(s_[i_]))) {
      v = v * 10 + (s_[i_] - '0');
      ++i_;
      ++n;
    }
    if (n < min) return false;
    *out = v;
    return true;
  }
  std::string_view Word() {
    size_t start = i_;
    while (!AtEnd() && std::isalpha(static_cast<unsigned char>(s_[i_]))) ++i_;
    return s_.substr(start, i_ - start);
  }
  std::string_view Rest() const { return s_.substr(i_); }
  // Consumes `text` when the input continues with it.
  bool ConsumeText(std::string_view text) {
    if (s_.substr(i_).substr(0, text.size()) != text) return false;
    i_ += text.size();
    return true;
  }

 private:
  std::string_view s_;
  size_t i_ = 0;
};

std::optional<Instant> CivilToInstant(int y, int mo, int d, int h, int mi, int s,
                                      seconds offset) {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 ||
      s > 60 || y < 1900 || y > 9999) {
    return std::nullopt;
  }
  std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(mo),
                                  std::chrono::day(d)};
  if (!ymd.ok()) return std::nullopt;
  if (s == 60) s = 59;  // a leap second reads as the second before it
  Instant local = std::chrono::sys_days(ymd) + std::chrono::hours(h) +
                  std::chrono::minutes(mi) + seconds(s);
  return local - offset;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// "+09:00", "+0900", "Z", "" (→ KST). Returns false on anything else.
bool ReadNumericOffset(Scanner& sc, seconds* offset) {
  if (sc.AtEnd()) {
    *offset = kKstOffset;
    return true;
  }
  if (sc.Consume('Z') || sc.Consume('z')) {
    *offset = seconds(0);
    return sc.AtEnd();
  }
  int sign = 0;
  if (sc.Consume('+')) sign = 1;
  else if (sc.Consume('-')) sign = -1;
  else return false;
  int hh = 0, mm = 0;
  if (!sc.Digits(2, 2, &hh)) return false;
  sc.Consume(':');
  if (!sc.AtEnd() && !sc.Digits(2, 2, &mm)) return false;
  if (!sc.AtEnd() || hh > 23 || mm > 59) return false;
  *offset = seconds(sign * (hh * 3600 + mm * 60));
  return true;
}

// The Korean words of dates and times, in UTF-8.
constexpr std::string_view kYear = "\xEB\x85\x84";        // 년
constexpr std::string_view kMonth = "\xEC\x9B\x94";       // 월
constexpr std::string_view kDay = "\xEC\x9D\xBC";         // 일
constexpr std::string_view kAm = "\xEC\x98\xA4\xEC\xA0\x84";  // 오전
constexpr std::string_view kPm = "\xEC\x98\xA4\xED\x9B\x84";  // 오후
constexpr std::string_view kHour = "\xEC\x8B\x9C";     // 시
constexpr std::string_view kMinute = "\xEB\xB6\x84";   // 분
constexpr std::string_view kSecond = "\xEC\xB4\x88";   // 초

// What a reading found beside the instant: whether the text gave a time of day, and
// whether it gave a fraction of a second other than zero (dropped from the instant).
struct Reading {
  bool clock = false;
  bool fraction = false;
};

// "YYYY-MM-DD", "YYYY.MM.DD[.]", "YYYY/MM/DD", "YYYY년 MM월 DD일", or with spaces after the
// dots, "YYYY. M. D." (as Daum's article pages print dates).
bool ReadDate(Scanner& sc, int* y, int* mo, int* d) {
  if (!sc.Digits(4, 4, y)) return false;
  if (sc.ConsumeText(kYear)) {
    sc.SkipSpaces();
    if (!sc.Digits(1, 2, mo) || !sc.ConsumeText(kMonth)) return false;
    sc.SkipSpaces();
    return sc.Digits(1, 2, d) && sc.ConsumeText(kDay);
  }
  const char sep = sc.Peek();
  if (sep != '-' && sep != '.' && sep != '/') return false;
  sc.Consume(sep);
  if (sep == '.') sc.SkipSpaces();
  if (!sc.Digits(1, 2, mo) || !sc.Consume(sep)) return false;
  if (sep == '.') sc.SkipSpaces();
  if (!sc.Digits(1, 2, d)) return false;
  sc.Consume('.');  // "2026.03.21." as Korean pages write it
  return true;
}

// "H시[ M분[ S초]]": the Korean clock, to the end of the text.
bool ReadKoreanClock(Scanner& sc, int* h, int* mi, int* s) {
  if (!sc.Digits(1, 2, h) || !sc.ConsumeText(kHour)) return false;
  sc.SkipSpaces();
  if (sc.AtEnd()) return true;
  if (!sc.Digits(1, 2, mi) || !sc.ConsumeText(kMinute)) return false;
  sc.SkipSpaces();
  if (sc.AtEnd()) return true;
  return sc.Digits(1, 2, s) && sc.ConsumeText(kSecond);
}

// "[오전|오후 ]H:MM[:SS[.frac]]" or "[오전|오후 ]H시[ M분[ S초]]": a 12-hour clock after 오전 (AM)
// or 오후 (PM). `*fraction`: a fraction of a second other than zero was given.
bool ReadClock(Scanner& sc, int* h, int* mi, int* s, bool* fraction) {
  const bool am = sc.ConsumeText(kAm);
  const bool pm = !am && sc.ConsumeText(kPm);
  if (am || pm) sc.SkipSpaces();
  if (Scanner korean = sc; ReadKoreanClock(korean, h, mi, s)) {
    sc = korean;
  } else {
    if (!sc.Digits(1, 2, h) || !sc.Consume(':') || !sc.Digits(2, 2, mi)) return false;
    const bool seconds = sc.Consume(':');
    if (seconds && !sc.Digits(2, 2, s)) return false;
    // A fraction of a second, after seconds only ("21:43.5" would be a fraction of a minute).
    if (seconds && (sc.Consume('.') || sc.Consume(','))) {
      int digits = 0;
      for (; std::isdigit(static_cast<unsigned char>(sc.Peek())); ++digits) {
        if (sc.Peek() != '0') *fraction = true;
        sc.Consume(sc.Peek());
      }
      if (digits == 0) return false;
    }
  }
  if (am || pm) {
    if (*h < 1 || *h > 12) return false;
    *h = (*h % 12) + (pm ? 12 : 0);
  }
  return true;
}

// ISO 8601-like: "YYYY-MM-DD[( |T)HH:MM[:SS[.frac]]][offset]", also with '.' or '/' as the
// date separator, and the Korean forms "2026.03.21. 오후 9:43", "2026-03-21 오후 9:43:17",
// "2026년 03월 21일 21:43:25", "2026. 3. 21. 21시 43분". Without an offset the time is KST.
std::optional<Instant> ParseIso(std::string_view text, Reading* reading) {
  Scanner sc(text);
  int y, mo, d, h = 0, mi = 0, s = 0;
  if (!ReadDate(sc, &y, &mo, &d)) return std::nullopt;
  seconds offset = kKstOffset;
  if (!sc.AtEnd()) {
    if (!sc.Consume('T') && !sc.Consume('t')) {
      if (sc.Peek() != ' ') return std::nullopt;
      sc.SkipSpaces();
    }
    if (!ReadClock(sc, &h, &mi, &s, &reading->fraction)) return std::nullopt;
    reading->clock = true;
    sc.SkipSpaces();
    if (!ReadNumericOffset(sc, &offset)) return std::nullopt;
  }
  return CivilToInstant(y, mo, d, h, mi, s, offset);
}

// RFC 822 / 1123: "[Sat, ]21 Mar 2026 12:43[:25] (GMT|UT|Z|+0900|KST|EST|...)".
std::optional<Instant> ParseRfc822(std::string_view text) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  Scanner sc(text);
  if (std::isalpha(static_cast<unsigned char>(sc.Peek()))) {
    sc.Word();  // day name, not checked against the date
    if (!sc.Consume(',')) return std::nullopt;
  }
  sc.SkipSpaces();
  int d, y, h, mi, s = 0;
  if (!sc.Digits(1, 2, &d)) return std::nullopt;
  sc.SkipSpaces();
  std::string_view month = sc.Word();
  int mo = 0;
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (month.size() >= 3 && EqualsIgnoreCase(month.substr(0, 3), kMonths[i])) mo = int(i) + 1;
  }
  if (mo == 0) return std::nullopt;
  sc.SkipSpaces();
  if (!sc.Digits(2, 4, &y)) return std::nullopt;
  if (y < 100) y += y < 50 ? 2000 : 1900;
  sc.SkipSpaces();
  if (!sc.Digits(1, 2, &h) || !sc.Consume(':') || !sc.Digits(2, 2, &mi)) return std::nullopt;
  if (sc.Consume(':') && !sc.Digits(2, 2, &s)) return std::nullopt;
  sc.SkipSpaces();
  seconds offset(0);
  if (sc.Peek() == '+' || sc.Peek() == '-') {
    if (!ReadNumericOffset(sc, &offset)) return std::nullopt;
  } else {
    std::string_view zone = sc.Word();
    struct NamedZone { std::string_view name; int hours; };
    static constexpr std::array<NamedZone, 12> kZones = {{{"GMT", 0}, {"UT", 0}, {"UTC", 0},
        {"Z", 0}, {"KST", 9}, {"EST", -5}, {"EDT", -4}, {"CST", -6}, {"CDT", -5},
        {"MST", -7}, {"PST", -8}, {"PDT", -7}}};
    bool found = zone.empty();  // no zone at all: RSS in the wild means local, i.e. KST
    if (zone.empty()) offset = kKstOffset;
    for (const NamedZone& z : kZones) {
      if (EqualsIgnoreCase(zone, z.name)) {
        offset = std::chrono::hours(z.hours);
        found = true;
      }
    }
    sc.SkipSpaces();
    if (!found || !sc.AtEnd()) return std::nullopt;
  }
  return CivilToInstant(y, mo, d, h, mi, s, offset);
}

std::optional<Instant> ParseCompact(std::string_view text) {
  if (text.size() != 14) return std::nullopt;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  auto num = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  return CivilToInstant(num(0, 4), num(4, 2), num(6, 2), num(8, 2), num(10, 2), num(12, 2),
                        kKstOffset);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// ParseTime, saying in `*reading` (which starts empty) what the text gave beside the instant.
std::optional<Instant> Read(std::string_view text, Reading* reading) {
  text = Trim(text);
  if (text.size() < 8 || text.size() > 64) return std::nullopt;
  if (std::isdigit(static_cast<unsigned char>(text[0])) &&
      std::isdigit(static_cast<unsigned char>(text[3])) &&
      !std::isspace(static_cast<unsigned char>(text[2]))) {
    if (auto t = ParseIso(text, reading)) return t;
  }
  *reading = Reading{.clock = true};  // the 14-digit and RFC 822 forms always carry a time of day
  if (auto t = ParseCompact(text)) return t;
  return ParseRfc822(text);
}

}  // namespace

std::optional<Instant> KstCivilToInstant(int year, int month, int day, int hour, int minute,
                                         int second) {
  return CivilToInstant(year, month, day, hour, minute, second, kKstOffset);
}

std::string FormatRfc3339Kst(Instant t) {
  Instant local = t + kKstOffset;
  auto day = std::chrono::floor<days>(local);
  std::chrono::year_month_day ymd(day);
  std::chrono::hh_mm_ss hms(local - day);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d+09:00", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()));
  return buf;
}

std::optional<Instant> ParseTime(std::string_view text) {
  Reading reading;
  return Read(text, &reading);
}

Status CheckPeriod(const Period& p, std::string_view since, std::string_view until, std::string_view until_text) {
  if (!p.since || !p.until || *p.since < *p.until) return Status::Ok();
  std::string message = "the period is empty: " + std::string(since) + " is not before " + std::string(until);
  Reading reading;
  if (std::optional<Instant> written = Read(until_text, &reading); written && *written != *p.until) {
    message += reading.clock ? "; a time given to a fraction of a second ends with that second, at "
                             : "; a date alone ends with its day, at ";
    message += FormatRfc3339Kst(*p.until);
  }
  return Status::InvalidArgument(message);
}

std::optional<Instant> ParsePeriodEnd(std::string_view text) {
  Reading reading;
  std::optional<Instant> t = Read(text, &reading);
  if (!t) return t;
  if (!reading.clock) return *t + std::chrono::hours(24);
  // An instant holds whole seconds: an end inside a second is the end of that second, so
  // that what happened at :00 comes before an end of :00.5.
  if (reading.fraction) return *t + seconds(1);
  return t;
}

}  // namespace sinmun
