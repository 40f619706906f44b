#include "crawler/discover/xml_charset.h"

#include <array>
#include <cctype>
#include <cstring>

namespace sinmun {
namespace {

struct Signature {
  std::array<unsigned char, 4> bytes;
  size_t length;      // bytes of `bytes` to compare
  size_t skip;        // bytes dropped before decoding (the byte-order mark)
  const char* charset;
};

// XML 1.0 Appendix F, longest first where one is the prefix of another.
constexpr std::array<Signature, 8> kSignatures = {{
    {{0x00, 0x00, 0xFE, 0xFF}, 4, 4, "UTF-32BE"},
    {{0xFF, 0xFE, 0x00, 0x00}, 4, 4, "UTF-32LE"},
    {{0xFE, 0xFF, 0x00, 0x00}, 2, 2, "UTF-16BE"},
    {{0xFF, 0xFE, 0x00, 0x00}, 2, 2, "UTF-16LE"},
    {{0x00, 0x00, 0x00, 0x3C}, 4, 0, "UTF-32BE"},
    {{0x3C, 0x00, 0x00, 0x00}, 4, 0, "UTF-32LE"},
    {{0x00, 0x3C, 0x00, 0x3F}, 4, 0, "UTF-16BE"},
    {{0x3C, 0x00, 0x3F, 0x00}, 4, 0, "UTF-16LE"},
}};

bool StartsWith(std::string_view bytes, const Signature& s) {
  if (bytes.size() < s.length) return false;
  return std::memcmp(bytes.data(), s.bytes.data(), s.length) == 0;
}

}  // namespace

std::string XmlDeclaredEncoding(std::string_view bytes) {
  std::string_view head = bytes.substr(0, 512);
  size_t start = head.find("<?xml");
  if (start == std::string_view::npos) return "";
  size_t end = head.find("?>", start);
  if (end == std::string_view::npos) return "";
  std::string_view decl = head.substr(start, end - start);
  size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return "";
  size_t i = at + 8;
  while (i < decl.size() && std::isspace(static_cast<unsigned char>(decl[i]))) ++i;
  if (i >= decl.size() || decl[i] != '=') return "";
  ++i;
  while (i < decl.size() && std::isspace(static_cast<unsigned char>(decl[i]))) ++i;
  if (i >= decl.size() || (decl[i] != '"' && decl[i] != '\'')) return "";
  const char quote = decl[i++];
  size_t close = decl.find(quote, i);
  if (close == std::string_view::npos) return "";
  std::string name(decl.substr(i, close - i));
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') {
      return "";
    }
  }
  return name;
}

Result<DecodedText> DecodeXml(std::string_view bytes, std::string_view content_type) {
  if (bytes.empty()) return Status::InvalidArgument("empty input");
  for (const Signature& s : kSignatures) {
    if (!StartsWith(bytes, s)) continue;
    if (bytes.size() == s.skip) {
      return Status::InvalidArgument("empty input after the byte-order mark");
    }
    return DecodeAs(bytes.substr(s.skip), s.charset);
  }
  std::string type(content_type);
  if (CharsetFromContentType(content_type).empty()) {
    // The XML declaration plays the part HTML's <meta charset> plays for DecodeToUtf8.
    if (std::string declared = XmlDeclaredEncoding(bytes); !declared.empty()) {
      type = "application/xml; charset=" + declared;
    }
  }
  return DecodeToUtf8(bytes, type);
}

}  // namespace sinmun
