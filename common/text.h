// Text normalisation: the one definition of "the same text" that block hashes rest on.
//
// NormalizeText: invalid UTF-8 becomes U+FFFD; Unicode NFC (ICU; Hangul that arrives as
// conjoining jamo is composed); zero-width and formatting characters dropped (U+200B-U+200D,
// U+2060, U+FEFF, U+00AD); every run of Unicode white space (including NBSP and U+3000)
// becomes one ASCII space; leading and trailing space trimmed.
//
// Thread-safety: pure functions; ICU's normaliser instance is immutable and shared.
#ifndef SINMUN_COMMON_TEXT_H_
#define SINMUN_COMMON_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace sinmun {

std::string NormalizeText(std::string_view utf8);

// True when `bytes` is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view bytes);

// Splits normalised text into words for word-level diffs: runs of letters/digits
// (Hangul syllables included) and single punctuation marks, separated by spaces, which are
// kept as their own tokens so that joining the tokens gives back the text.
std::vector<std::string> SplitWords(std::string_view normalized);

// Display width on a terminal: Hangul, CJK and fullwidth forms count 2, others 1.
int DisplayWidth(std::string_view utf8);

// Shortens to at most `max_width` display columns, ending with "…" when cut.
std::string TruncateToWidth(std::string_view utf8, int max_width);

}  // namespace sinmun

#endif  // SINMUN_COMMON_TEXT_H_
