// Charset: the bytes of a fetched or saved page, turned into UTF-8.
//
// DecodeToUtf8 decides the encoding from the bytes, in this order:
//   1. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE);
//   2. the charset parameter of the HTTP Content-Type;
//   3. <meta charset="..."> or <meta http-equiv="Content-Type" content="...charset=...">
//      in the first 4 KiB, found as the HTML standard's prescan finds them (§13.2.3.2): a
//      <meta> inside a comment or inside another tag's attribute value does not count, nor
//      a content="…charset=…" without http-equiv="Content-Type";
//   4. a check that the bytes really are what was declared (a charset name ICU does not
//      know, in the header or a <meta>, counts as no declaration, so the check still runs). Saved Naver pages declare
//      EUC-KR and are UTF-8, so bytes that are valid UTF-8 and not pure ASCII are taken as
//      UTF-8 whatever the declaration says; bytes declared UTF-8 (or undeclared) that are
//      not valid UTF-8 — and not mostly UTF-8 with a few broken sequences, which stay UTF-8
//      with U+FFFD — but decode strictly as CP949 are taken as EUC-KR; with no usable
//      declaration, ICU's detector is the last resort.
// EUC-KR and its aliases decode as CP949 (windows-949), its superset, because that is what
// Korean servers actually send.
//
// UTF-16 "mojibake" repair: some saved pages are UTF-8 bytes that a tool read as Latin-1 and
// wrote out as UTF-16. When UTF-16 text has only code points <= U+00FF and those, taken as
// bytes, are valid UTF-8 containing Hangul, the original bytes are recovered and the
// encoding is reported as e.g. "UTF-16LE (mojibake of UTF-8)". Text that was decoded with a
// lossy charset before being saved (CP949 misreading of UTF-8) cannot be recovered; it is
// returned as the UTF-16 says.
//
// Never fails on garbage: undecodable sequences become U+FFFD. The result's utf8 is always
// valid UTF-8 and carries no BOM.
//
// Thread-safety: pure function; each call opens its own ICU converters.
#ifndef SINMUN_CRAWLER_EXTRACT_CHARSET_H_
#define SINMUN_CRAWLER_EXTRACT_CHARSET_H_

#include <string>
#include <string_view>

#include "common/status.h"

namespace sinmun {

struct DecodedText {
  std::string utf8;
  // What the bytes were decoded from: "UTF-8", "EUC-KR", "UTF-16LE", "UTF-16BE",
  // "UTF-16LE (mojibake of UTF-8)", or the IANA name of another charset.
  std::string encoding;
};

// Fails only with InvalidArgument("empty input") for empty bytes.
// content_type: the HTTP Content-Type header value, or "" when unknown.
Result<DecodedText> DecodeToUtf8(std::string_view bytes, std::string_view content_type);

// Decodes `bytes` as the named charset (an ICU converter name such as "UTF-16LE" or
// "UTF-32BE"), without sniffing or repair: for callers that know the encoding from the
// bytes' own structure (an XML document's first four bytes, XML 1.0 Appendix F). A leading
// U+FEFF (a byte-order mark) is dropped; undecodable sequences become U+FFFD. `encoding` of
// the result is `charset` as given. Fails with InvalidArgument for empty input and with
// Unsupported for a charset ICU cannot open.
Result<DecodedText> DecodeAs(std::string_view bytes, std::string_view charset);

// The charset parameter of a Content-Type value, lower-cased, or "" when absent.
std::string CharsetFromContentType(std::string_view content_type);

// The charset declared by a <meta> tag in the first 4 KiB of `bytes` (read as ASCII, by
// the HTML standard's prescan; see step 3 above), lower-cased, or "" when none.
std::string CharsetFromMeta(std::string_view bytes);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_EXTRACT_CHARSET_H_
