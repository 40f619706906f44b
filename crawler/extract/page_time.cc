#include "crawler/extract/page_time.h"

#include <cctype>

namespace sinmun {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads an unsigned number of at most 4 digits at *pos; -1 when there is none.
int ReadNumber(std::string_view s, size_t* pos) {
  size_t i = *pos;
  int value = 0;
  int digits = 0;
  while (i < s.size() && IsDigit(s[i]) && digits < 5) {
    value = value * 10 + (s[i] - '0');
    ++i;
    ++digits;
  }
  if (digits == 0 || digits > 4) return -1;
  *pos = i;
  return value;
}


// Skips separators between date fields: spaces, '.', '-', '/', and the Korean unit
// words 년/월. Returns false when there was none.
bool SkipDateSeparator(std::string_view text, size_t* pos) {
  const size_t start = *pos;
  while (*pos < text.size()) {
    const char c = text[*pos];
    if (c == ' ' || c == '.' || c == '-' || c == '/') {
      ++*pos;
    } else if (text.compare(*pos, 3, "년") == 0 || text.compare(*pos, 3, "월") == 0) {
      *pos += 3;
    } else {
      break;
    }
  }
  return *pos > start;
}

// After the day: '.', spaces, 일, and a weekday in brackets ("(화)", "(Tue)").
std::string_view SkipAfterDay(std::string_view rest) {
  while (!rest.empty()) {
    if (rest.front() == '.' || rest.front() == ' ' || rest.front() == ',') {
      rest.remove_prefix(1);
    } else if (rest.substr(0, 3) == "일") {
      rest.remove_prefix(3);
    } else if (rest.front() == '(' && rest.size() > 1 && !IsDigit(rest[1])) {
      const size_t close = rest.find(')');
      if (close == std::string_view::npos || close > 12) break;
      rest.remove_prefix(close + 1);
    } else {
      break;
    }
  }
  return rest;
}

bool ConsumeMarker(std::string_view* rest, std::initializer_list<std::string_view> markers) {
  for (std::string_view m : markers) {
    if (rest->substr(0, m.size()) == m) {
      rest->remove_prefix(m.size());
      return true;
    }
  }
  return false;
}

}  // namespace

std::optional<Instant> ParsePageTime(std::string_view text) {
  if (auto t = ParseTime(text)) return t;
  if (text.size() > 200) return std::nullopt;

  // Skip a label before the first digit.
  size_t pos = 0;
  while (pos < text.size() && !IsDigit(text[pos])) ++pos;
  if (pos == text.size()) return std::nullopt;

  int date[3] = {-1, -1, -1};
  for (int i = 0; i < 3; ++i) {
    if (i > 0 && !SkipDateSeparator(text, &pos)) return std::nullopt;
    date[i] = ReadNumber(text, &pos);
    if (date[i] < 0) return std::nullopt;
  }
  if (date[0] < 1900) return std::nullopt;
  std::string_view rest = SkipAfterDay(text.substr(pos));

  int hour = 0;
  int minute = 0;
  int second = 0;
  const bool pm = ConsumeMarker(&rest, {"오후", "PM", "pm"});
  const bool am = !pm && ConsumeMarker(&rest, {"오전", "AM", "am"});
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '(')) rest.remove_prefix(1);
  if (!rest.empty() && IsDigit(rest.front())) {
    size_t p = 0;
    hour = ReadNumber(rest, &p);
    if (hour < 0) return std::nullopt;
    std::string_view after = rest.substr(p);
    if (!ConsumeMarker(&after, {":", "시"})) return std::nullopt;
    while (!after.empty() && after.front() == ' ') after.remove_prefix(1);
    p = 0;
    minute = ReadNumber(after, &p);
    if (minute < 0) return std::nullopt;
    after.remove_prefix(p);
    ConsumeMarker(&after, {"분"});
    if (ConsumeMarker(&after, {":"})) {
      p = 0;
      second = ReadNumber(after, &p);
      if (second < 0) return std::nullopt;
    }
  } else if (am || pm) {
    return std::nullopt;
  }
  if (am || pm) {
    // Some pages write "오후 17:25": a 24-hour time with a redundant marker.
    if (hour < 1 || hour > 23 || (am && hour > 12)) return std::nullopt;
    if (pm && hour < 12) hour += 12;
    if (am && hour == 12) hour = 0;
  }
  return KstCivilToInstant(date[0], date[1], date[2], hour, minute, second);
}

}  // namespace sinmun
