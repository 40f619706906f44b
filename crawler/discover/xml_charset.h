// XML charset: the bytes of a feed or sitemap, turned into UTF-8 the way XML itself says
// (XML 1.0 §4.3.3 and Appendix F, RFC 7303 §3), before XmlDocument parses them.
//
// Order of evidence:
//   1. a byte-order mark: UTF-8 (EF BB BF), UTF-32BE (00 00 FE FF), UTF-32LE (FF FE 00 00),
//      UTF-16BE (FE FF), UTF-16LE (FF FE) — UTF-32 is tested before UTF-16, whose mark is
//      its prefix;
//   2. without a mark, the first four bytes of "<?xm" in a wide encoding: 00 00 00 3C
//      (UTF-32BE), 3C 00 00 00 (UTF-32LE), 00 3C 00 3F (UTF-16BE), 3C 00 3F 00 (UTF-16LE).
//      A document whose declaration says encoding="UTF-16" without a mark is read so;
//   3. otherwise an ASCII-compatible encoding: the HTTP charset, else the declaration's
//      encoding="…", checked against the bytes by DecodeToUtf8 (crawler/extract/charset.h:
//      EUC-KR declared but UTF-8 sent, and the like).
// The result never begins with U+FEFF: a byte-order mark does not survive decoding.
//
// Thread-safety: pure functions.
#ifndef SINMUN_CRAWLER_DISCOVER_XML_CHARSET_H_
#define SINMUN_CRAWLER_DISCOVER_XML_CHARSET_H_

#include <string>
#include <string_view>

#include "common/status.h"
#include "crawler/extract/charset.h"

namespace sinmun {

// content_type: the HTTP Content-Type value, or "". Fails with InvalidArgument for empty
// input; never for undecodable bytes (they become U+FFFD).
Result<DecodedText> DecodeXml(std::string_view bytes, std::string_view content_type);

// The value of encoding="…" in an XML declaration at the start of ASCII-compatible
// `bytes` (within the first 512 bytes), as written; "" when there is none or it holds
// anything but letters, digits, '-', '_' and '.'.
std::string XmlDeclaredEncoding(std::string_view bytes);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_DISCOVER_XML_CHARSET_H_
