#include "common/text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace sinmun {
namespace {

bool IsDropped(UChar32 c) {
  return c == 0 || c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF ||
         c == 0x00AD;
}

bool IsSpace(UChar32 c) { return u_isUWhiteSpace(c) || c == 0x1F || (c < 0x20 && c != 0); }

// Decodes UTF-8 code point by code point, invalid sequences as U+FFFD.
template <typename Fn>
void ForEachCodePoint(std::string_view s, Fn fn) {
  int32_t i = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) c = 0xFFFD;
    fn(c, s.substr(start, i - start));
  }
}

void AppendUtf8(UChar32 c, std::string* out) {
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, c, error);
  if (!error) out->append(buf, len);
}

}  // namespace

std::string NormalizeText(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString composed;
  if (U_SUCCESS(status)) {
    composed = nfc->normalize(source, status);
  }
  if (U_FAILURE(status)) composed = source;

  std::string out;
  out.reserve(utf8.size());
  bool pending_space = false;
  for (int32_t i = 0; i < composed.length();) {
    UChar32 c = composed.char32At(i);
    i += U16_LENGTH(c);
    if (IsDropped(c)) continue;
    if (IsSpace(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    AppendUtf8(c, &out);
  }
  return out;
}

bool IsValidUtf8(std::string_view bytes) {
  int32_t i = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto n = static_cast<int32_t>(bytes.size());
  if (bytes.size() > static_cast<size_t>(INT32_MAX)) return false;
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

std::vector<std::string> SplitWords(std::string_view normalized) {
  std::vector<std::string> words;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) words.push_back(std::move(current));
    current.clear();
  };
  ForEachCodePoint(normalized, [&](UChar32 c, std::string_view bytes) {
    if (u_isalnum(c) || u_hasBinaryProperty(c, UCHAR_ALPHABETIC)) {
      current.append(bytes);
    } else {
      flush();
      words.emplace_back(bytes);
    }
  });
  flush();
  return words;
}

namespace {

int CodePointWidth(UChar32 c) {
  if (u_getCombiningClass(c) != 0 || IsDropped(c)) return 0;
  int ea = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
}

}  // namespace

int DisplayWidth(std::string_view utf8) {
  int width = 0;
  ForEachCodePoint(utf8, [&](UChar32 c, std::string_view) { width += CodePointWidth(c); });
  return width;
}

std::string TruncateToWidth(std::string_view utf8, int max_width) {
  if (DisplayWidth(utf8) <= max_width) return std::string(utf8);
  std::string out;
  int width = 0;
  bool done = false;
  ForEachCodePoint(utf8, [&](UChar32 c, std::string_view bytes) {
    if (done) return;
    int w = CodePointWidth(c);
    if (width + w > max_width - 1) {
      done = true;
      return;
    }
    width += w;
    out.append(bytes);
  });
  out += "…";
  return out;
}

}  // namespace sinmun
