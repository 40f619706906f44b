#include "crawler/extract/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <memory>

#include "common/text.h"

namespace sinmun {
namespace {

// Larger inputs are refused: the UTF-8 output of ICU's int32 APIs must fit (3 bytes per
// input byte at worst).
constexpr size_t kMaxInputBytes = 256u << 20;
constexpr size_t kMetaScanBytes = 4096;
constexpr size_t kDetectBytes = 64 << 10;
// The converter ICU uses for the EUC-KR family (CP949 is a superset of EUC-KR).
constexpr const char* kCp949 = "windows-949-2000";

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};
using DetectorPtr = std::unique_ptr<UCharsetDetector, DetectorCloser>;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsCharsetChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ||
         c == ':';
}

// Reads the value after "charset" at `pos` in `s` ("charset = 'euc-kr'"), or "".
std::string CharsetValueAt(std::string_view s, size_t pos) {
  pos += 7;  // "charset"
  while (pos < s.size() && std::isspace(static_cast<unsigned char>(s[pos]))) ++pos;
  if (pos >= s.size() || s[pos] != '=') return "";
  ++pos;
  while (pos < s.size() &&
         (std::isspace(static_cast<unsigned char>(s[pos])) || s[pos] == '"' || s[pos] == '\'')) {
    ++pos;
  }
  size_t end = pos;
  while (end < s.size() && IsCharsetChar(s[end])) ++end;
  return std::string(s.substr(pos, end - pos));
}

enum class Family { kUtf8, kCp949, kUtf16, kOther, kUnknown };

Family FamilyOf(const std::string& name) {
  if (name.empty()) return Family::kUnknown;
  if (name == "utf-8" || name == "utf8" || name == "unicode-1-1-utf-8") return Family::kUtf8;
  if (name == "euc-kr" || name == "euckr" || name == "cp949" || name == "ks_c_5601-1987" ||
      name == "ks_c_5601-1989" || name == "ks_c_5601" || name == "ksc5601" ||
      name == "windows-949" || name == "x-windows-949" || name == "korean" ||
      name == "uhc" || name == "iso-ir-149" || name == "csksc56011987" ||
      name == "cseuckr") {
    return Family::kCp949;
  }
  if (name.rfind("utf-16", 0) == 0 || name.rfind("utf16", 0) == 0 || name == "unicode") {
    return Family::kUtf16;
  }
  return Family::kOther;
}

// Converts `bytes` from `charset` to UTF-8. With `strict`, any unmappable or illegal
// sequence makes it return false; otherwise such sequences become U+FFFD (or the
// charset's substitution character). Returns false when the converter cannot be opened.
bool Convert(std::string_view bytes, const char* charset, bool strict, std::string* out) {
  UErrorCode err = U_ZERO_ERROR;
  ConverterPtr cnv(ucnv_open(charset, &err));
  if (U_FAILURE(err) || !cnv) return false;
  if (strict) {
    err = U_ZERO_ERROR;
    ucnv_setToUCallBack(cnv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
    if (U_FAILURE(err)) return false;
  }
  out->assign(bytes.size() * 3 + 16, '\0');
  err = U_ZERO_ERROR;
  int32_t n = ucnv_toAlgorithmic(UCNV_UTF8, cnv.get(), out->data(),
                                 static_cast<int32_t>(out->size()), bytes.data(),
                                 static_cast<int32_t>(bytes.size()), &err);
  if (U_FAILURE(err)) {
    out->clear();
    return false;
  }
  out->resize(static_cast<size_t>(n));
  return true;
}

bool HasNonAscii(std::string_view bytes) {
  return std::any_of(bytes.begin(), bytes.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// True when the bytes look like UTF-8 with a few bad sequences rather than another
// charset: more well-formed multi-byte sequences than malformed ones.
bool MostlyUtf8(std::string_view bytes) {
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto length = static_cast<int32_t>(bytes.size());
  size_t good = 0;
  size_t bad = 0;
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0) {
      ++bad;
    } else if (i - start > 1) {
      ++good;
    }
  }
  return good > bad;
}

// True when decoded text has Hangul syllables and no private-use characters (which
// CP949 yields for bytes no Korean text contains, such as 0xFF).
bool LooksKorean(std::string_view utf8) {
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  bool hangul = false;
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c >= 0xE000 && c <= 0xF8FF) return false;
    if (c >= 0xAC00 && c <= 0xD7A3) hangul = true;
  }
  return hangul;
}

// Valid UTF-8 passes through; anything else is repaired with U+FFFD.
std::string Utf8Lenient(std::string_view bytes) {
  if (IsValidUtf8(bytes)) return std::string(bytes);
  std::string out;
  if (!Convert(bytes, "UTF-8", /*strict=*/false, &out)) return std::string();
  return out;
}

// When `utf8` holds only code points <= U+00FF whose Latin-1 bytes are valid UTF-8 with
// Hangul in them, returns those bytes in *original.
bool UndoLatin1Mojibake(const std::string& utf8, std::string* original) {
  std::string bytes;
  bytes.reserve(utf8.size());
  const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
  int32_t i = 0;
  const auto length = static_cast<int32_t>(utf8.size());
  bool any_high = false;
  while (i < length) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0 || c > 0xFF) return false;
    if (c >= 0x80) any_high = true;
    bytes.push_back(static_cast<char>(c));
  }
  if (!any_high || !IsValidUtf8(bytes)) return false;
  // Hangul syllables U+AC00..U+D7A3 start with the lead bytes EA..ED.
  const auto* b = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto blen = static_cast<int32_t>(bytes.size());
  bool hangul = false;
  for (int32_t j = 0; j < blen && !hangul;) {
    UChar32 c;
    U8_NEXT(b, j, blen, c);
    hangul = c >= 0xAC00 && c <= 0xD7A3;
  }
  if (!hangul) return false;
  *original = std::move(bytes);
  return true;
}

DecodedText DecodeUtf16(std::string_view body, const char* charset) {
  DecodedText out;
  std::string text;
  if (!Convert(body, charset, /*strict=*/false, &text)) text.clear();
  std::string original;
  if (UndoLatin1Mojibake(text, &original)) {
    out.utf8 = std::move(original);
    out.encoding = std::string(charset) + " (mojibake of UTF-8)";
  } else {
    out.utf8 = std::move(text);
    out.encoding = charset;
  }
  return out;
}

// ICU's statistical detector over the first bytes; "" when it has no confident answer.
std::string Detect(std::string_view bytes) {
  UErrorCode err = U_ZERO_ERROR;
  DetectorPtr det(ucsdet_open(&err));
  if (U_FAILURE(err) || !det) return "";
  const size_t n = std::min(bytes.size(), kDetectBytes);
  ucsdet_setText(det.get(), bytes.data(), static_cast<int32_t>(n), &err);
  const UCharsetMatch* match = ucsdet_detect(det.get(), &err);
  if (U_FAILURE(err) || match == nullptr) return "";
  int32_t confidence = ucsdet_getConfidence(match, &err);
  const char* name = ucsdet_getName(match, &err);
  if (U_FAILURE(err) || name == nullptr || confidence < 30) return "";
  return Lower(name);
}

DecodedText DecodeDeclared(std::string_view bytes, const std::string& declared) {
  DecodedText out;
  Family family = FamilyOf(declared);
  // A page whose bytes were read as ASCII to find the declaration is not UTF-16
  // (the HTML standard's rule): such a declaration is ignored.
  if (family == Family::kUtf16) family = Family::kUnknown;
  const bool valid_utf8 = IsValidUtf8(bytes);

  if (valid_utf8 && (HasNonAscii(bytes) || family == Family::kUtf8 ||
                     family == Family::kUnknown)) {
    out.utf8 = std::string(bytes);
    out.encoding = "UTF-8";
    return out;
  }
  // A UTF-8 page with a few broken sequences stays UTF-8 (with U+FFFD): reading it as
  // CP949 would garble all of it.
  const bool try_cp949 = (family == Family::kUtf8 || family == Family::kUnknown) &&
                         !MostlyUtf8(bytes);
  if (family == Family::kCp949 ||
      (try_cp949 && Convert(bytes, kCp949, /*strict=*/true, &out.utf8) &&
       LooksKorean(out.utf8))) {
    if (out.utf8.empty()) Convert(bytes, kCp949, /*strict=*/false, &out.utf8);
    out.encoding = "EUC-KR";
    return out;
  }
  if (family == Family::kOther) {
    UErrorCode err = U_ZERO_ERROR;
    ConverterPtr cnv(ucnv_open(declared.c_str(), &err));
    if (U_SUCCESS(err) && cnv && Convert(bytes, declared.c_str(), false, &out.utf8)) {
      err = U_ZERO_ERROR;
      const char* iana = ucnv_getStandardName(ucnv_getName(cnv.get(), &err), "IANA", &err);
      out.encoding = (U_SUCCESS(err) && iana != nullptr) ? iana : declared;
      return out;
    }
  }
  if ((family == Family::kUnknown && !MostlyUtf8(bytes)) || family == Family::kOther) {
    std::string detected = Detect(bytes);
    if (!detected.empty() && FamilyOf(detected) != Family::kUtf16 &&
        FamilyOf(detected) != Family::kUtf8 &&
        Convert(bytes, detected.c_str(), /*strict=*/false, &out.utf8)) {
      out.encoding = FamilyOf(detected) == Family::kCp949 ? "EUC-KR" : detected;
      return out;
    }
  }
  out.utf8 = Utf8Lenient(bytes);
  out.encoding = "UTF-8";
  return out;
}

}  // namespace

std::string CharsetFromContentType(std::string_view content_type) {
  const std::string lower = Lower(content_type);
  size_t pos = lower.find("charset");
  if (pos == std::string::npos) return "";
  return CharsetValueAt(lower, pos);
}

std::string CharsetFromMeta(std::string_view bytes) {
  const std::string head = Lower(bytes.substr(0, std::min(bytes.size(), kMetaScanBytes)));
  size_t pos = 0;
  while ((pos = head.find("<meta", pos)) != std::string::npos) {
    const size_t end = std::min(head.find('>', pos), head.size());
    const std::string_view tag = std::string_view(head).substr(pos, end - pos);
    size_t cs = tag.find("charset");
    while (cs != std::string_view::npos) {
      std::string value = CharsetValueAt(tag, cs);
      if (!value.empty()) return value;
      cs = tag.find("charset", cs + 7);
    }
    pos = end;
  }
  return "";
}

Result<DecodedText> DecodeToUtf8(std::string_view bytes, std::string_view content_type) {
  if (bytes.empty()) return Status::InvalidArgument("empty input");
  if (bytes.size() > kMaxInputBytes) {
    return Status::InvalidArgument("input too large: " + std::to_string(bytes.size()) +
                                   " bytes");
  }
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(bytes[i]); };
  if (bytes.size() >= 3 && byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF) {
    return DecodedText{Utf8Lenient(bytes.substr(3)), "UTF-8"};
  }
  if (bytes.size() >= 2 && byte(0) == 0xFF && byte(1) == 0xFE) {
    return DecodeUtf16(bytes.substr(2), "UTF-16LE");
  }
  if (bytes.size() >= 2 && byte(0) == 0xFE && byte(1) == 0xFF) {
    return DecodeUtf16(bytes.substr(2), "UTF-16BE");
  }
  std::string declared = CharsetFromContentType(content_type);
  if (declared.empty() || FamilyOf(declared) == Family::kOther) {
    // An HTTP charset ICU cannot open is no declaration at all.
    UErrorCode err = U_ZERO_ERROR;
    ConverterPtr cnv(declared.empty() ? nullptr : ucnv_open(declared.c_str(), &err));
    if (!cnv || U_FAILURE(err)) declared = CharsetFromMeta(bytes);
  }
  return DecodeDeclared(bytes, declared);
}

Result<DecodedText> DecodeAs(std::string_view bytes, std::string_view charset) {
  if (bytes.empty()) return Status::InvalidArgument("empty input");
  if (bytes.size() > kMaxInputBytes) {
    return Status::InvalidArgument("input too large: " + std::to_string(bytes.size()) +
                                   " bytes");
  }
  const std::string name(charset);
  DecodedText out;
  if (!Convert(bytes, name.c_str(), /*strict=*/false, &out.utf8)) {
    return Status::Unsupported("cannot decode charset " + name);
  }
  if (out.utf8.starts_with("\xEF\xBB\xBF")) out.utf8.erase(0, 3);
  out.encoding = name;
  return out;
}

}  // namespace sinmun
