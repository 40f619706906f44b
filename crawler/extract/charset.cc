#include "crawler/extract/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <memory>
#include <vector>

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
  // Worst case 3 UTF-8 bytes per input byte (a lone byte becoming U+FFFD). The buffer is
  // not zero-filled: only what ICU writes is copied out.
  const size_t capacity = bytes.size() * 3 + 16;
  std::unique_ptr<char[]> buffer(new char[capacity]);
  err = U_ZERO_ERROR;
  int32_t n = ucnv_toAlgorithmic(UCNV_UTF8, cnv.get(), buffer.get(),
                                 static_cast<int32_t>(capacity), bytes.data(),
                                 static_cast<int32_t>(bytes.size()), &err);
  if (U_FAILURE(err)) {
    out->clear();
    return false;
  }
  out->assign(buffer.get(), static_cast<size_t>(n));
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

// The Latin-1 mojibake check straight on UTF-16 code units: when every unit is <= 0xFF,
// their low bytes are the original bytes. Cheaper than converting to UTF-8 and back.
bool UndoLatin1MojibakeUtf16(std::string_view body, bool little_endian, std::string* original) {
  if (body.size() % 2 != 0) return false;
  std::string bytes(body.size() / 2, '\0');
  bool any_high = false;
  for (size_t i = 0, j = 0; i < body.size(); i += 2, ++j) {
    const auto lo = static_cast<unsigned char>(body[little_endian ? i : i + 1]);
    const auto hi = static_cast<unsigned char>(body[little_endian ? i + 1 : i]);
    if (hi != 0) return false;
    any_high = any_high || lo >= 0x80;
    bytes[j] = static_cast<char>(lo);
  }
  if (!any_high || !IsValidUtf8(bytes)) return false;
  const auto* b = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto length = static_cast<int32_t>(bytes.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(b, i, length, c);
    if (c >= 0xAC00 && c <= 0xD7A3) {
      *original = std::move(bytes);
      return true;
    }
  }
  return false;
}

DecodedText DecodeUtf16(std::string_view body, const char* charset) {
  DecodedText out;
  if (std::string original;
      UndoLatin1MojibakeUtf16(body, std::string_view(charset) == "UTF-16LE", &original)) {
    out.utf8 = std::move(original);
    out.encoding = std::string(charset) + " (mojibake of UTF-8)";
    return out;
  }
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

// The HTML standard's "prescan a byte stream to determine its encoding" (§13.2.3.2):
// <meta charset> and <meta http-equiv=Content-Type content="…charset=…"> count only where
// the tokenizer would see a <meta> tag — not inside comments, not inside other tags'
// attribute values, not in a <meta> without the http-equiv pragma for its content.
class MetaPrescan {
 public:
  explicit MetaPrescan(std::string_view s) : s_(s) {}

  std::string Run() {
    while (pos_ < s_.size()) {
      if (At("<!--")) {
        // The comment ends at the first "-->" starting at or after its third byte.
        const size_t end = s_.find("-->", pos_ + 2);
        if (end == std::string_view::npos) return "";
        pos_ = end + 3;
      } else if (AtMeta()) {
        pos_ += 5;
        if (std::string charset = MetaCharset(); !charset.empty()) return charset;
      } else if (At("<") && pos_ + 1 < s_.size() &&
                 (IsAlpha(s_[pos_ + 1]) || (s_[pos_ + 1] == '/' && pos_ + 2 < s_.size() &&
                                            IsAlpha(s_[pos_ + 2])))) {
        // Another tag: its attributes are skipped whole, quoted values included.
        while (pos_ < s_.size() && !IsSpace(s_[pos_]) && s_[pos_] != '>') ++pos_;
        std::string name, value;
        while (Attribute(&name, &value)) {
        }
      } else if (At("<!") || At("</") || At("<?")) {
        const size_t end = s_.find('>', pos_);
        if (end == std::string_view::npos) return "";
        pos_ = end + 1;
      } else {
        ++pos_;
      }
    }
    return "";
  }

 private:
  static bool IsSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  }
  static bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

  bool At(std::string_view prefix) const { return s_.substr(pos_, prefix.size()) == prefix; }

  bool AtMeta() const {
    if (pos_ + 5 >= s_.size() || Lower(s_.substr(pos_, 5)) != "<meta") return false;
    const char next = s_[pos_ + 5];
    return IsSpace(next) || next == '/';
  }

  // The attributes of a <meta> tag, as the standard weighs them.
  std::string MetaCharset() {
    bool got_pragma = false;
    int need_pragma = -1;  // -1 null, 0 false, 1 true
    std::string charset;
    std::string name, value;
    std::vector<std::string> seen;
    while (Attribute(&name, &value)) {
      if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
      seen.push_back(name);
      if (name == "http-equiv") {
        got_pragma = got_pragma || Lower(value) == "content-type";
      } else if (name == "content" && charset.empty()) {
        const std::string lower = Lower(value);
        const size_t at = lower.find("charset");
        if (at != std::string::npos) {
          charset = CharsetValueAt(lower, at);
          if (!charset.empty()) need_pragma = 1;
        }
      } else if (name == "charset") {
        charset = Lower(value);
        need_pragma = 0;
      }
    }
    if (need_pragma == -1 || (need_pragma == 1 && !got_pragma)) return "";
    return charset;
  }

  // Reads one attribute at pos_ (the standard's "get an attribute"); false at the tag's end.
  bool Attribute(std::string* name, std::string* value) {
    name->clear();
    value->clear();
    while (pos_ < s_.size() && (IsSpace(s_[pos_]) || s_[pos_] == '/')) ++pos_;
    if (pos_ >= s_.size()) return false;
    if (s_[pos_] == '>') {
      ++pos_;
      return false;
    }
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c == '=' && !name->empty()) break;
      if (IsSpace(c) || c == '/' || c == '>') break;
      *name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      ++pos_;
    }
    while (pos_ < s_.size() && IsSpace(s_[pos_])) ++pos_;
    if (pos_ >= s_.size() || s_[pos_] != '=') return true;
    ++pos_;
    while (pos_ < s_.size() && IsSpace(s_[pos_])) ++pos_;
    if (pos_ >= s_.size()) return true;
    if (s_[pos_] == '"' || s_[pos_] == '\'') {
      const char quote = s_[pos_++];
      const size_t end = s_.find(quote, pos_);
      const size_t stop = end == std::string_view::npos ? s_.size() : end;
      *value = std::string(s_.substr(pos_, stop - pos_));
      pos_ = stop == s_.size() ? stop : stop + 1;
      return true;
    }
    while (pos_ < s_.size() && !IsSpace(s_[pos_]) && s_[pos_] != '>') *value += s_[pos_++];
    return true;
  }

  std::string_view s_;
  size_t pos_ = 0;
};

// True when ICU can convert from the charset named `name`.
bool Openable(const std::string& name) {
  UErrorCode err = U_ZERO_ERROR;
  ConverterPtr cnv(ucnv_open(name.c_str(), &err));
  return U_SUCCESS(err) && cnv != nullptr;
}

}  // namespace

std::string CharsetFromContentType(std::string_view content_type) {
  const std::string lower = Lower(content_type);
  size_t pos = lower.find("charset");
  if (pos == std::string::npos) return "";
  return CharsetValueAt(lower, pos);
}

std::string CharsetFromMeta(std::string_view bytes) {
  return MetaPrescan(bytes.substr(0, std::min(bytes.size(), kMetaScanBytes))).Run();
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
  // A charset name ICU cannot open, in the HTTP header or a <meta>, is no declaration at all:
  // the bytes decide, with the checks for UTF-8 and EUC-KR that an undeclared page gets.
  std::string declared = CharsetFromContentType(content_type);
  if (FamilyOf(declared) == Family::kOther && !Openable(declared)) declared.clear();
  if (declared.empty()) {
    declared = CharsetFromMeta(bytes);
    if (FamilyOf(declared) == Family::kOther && !Openable(declared)) declared.clear();
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
