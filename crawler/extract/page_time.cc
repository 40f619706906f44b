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
    if (i > 0) {
      // Dotted date separators: '.', '-', '/', with optional spaces around them.
      size_t start = pos;
      while (pos < text.size() && (text[pos] == ' ' || text[pos] == '.' || text[pos] == '-' ||
                                   text[pos] == '/')) {
        ++pos;
      }
      if (pos == start) return std::nullopt;
    }
    date[i] = ReadNumber(text, &pos);
    if (date[i] < 0) return std::nullopt;
  }
  if (date[0] < 1900) return std::nullopt;
  std::string_view rest = text.substr(pos);
  // Optional trailing '.' after the day.
  while (!rest.empty() && (rest.front() == '.' || rest.front() == ' ')) rest.remove_prefix(1);

  int hour = 0;
  int minute = 0;
  int second = 0;
  bool pm = false;
  bool am = false;
  for (std::string_view marker : {std::string_view("오후"), std::string_view("PM"),
                                  std::string_view("pm")}) {
    if (rest.substr(0, marker.size()) == marker) {
      pm = true;
      rest.remove_prefix(marker.size());
    }
  }
  for (std::string_view marker : {std::string_view("오전"), std::string_view("AM"),
                                  std::string_view("am")}) {
    if (rest.substr(0, marker.size()) == marker) {
      am = true;
      rest.remove_prefix(marker.size());
    }
  }
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (!rest.empty() && IsDigit(rest.front())) {
    size_t p = 0;
    hour = ReadNumber(rest, &p);
    if (hour < 0 || p >= rest.size() || rest[p] != ':') return std::nullopt;
    ++p;
    minute = ReadNumber(rest, &p);
    if (minute < 0) return std::nullopt;
    if (p < rest.size() && rest[p] == ':') {
      ++p;
      second = ReadNumber(rest, &p);
      if (second < 0) return std::nullopt;
    }
  } else if (am || pm) {
    return std::nullopt;
  }
  if (am || pm) {
    if (hour < 1 || hour > 12) return std::nullopt;
    if (pm && hour < 12) hour += 12;
    if (am && hour == 12) hour = 0;
  }
  return KstCivilToInstant(date[0], date[1], date[2], hour, minute, second);
}

}  // namespace sinmun
