// ScriptData: article bodies that a page ships only inside <script> data, for pages whose
// markup is an empty shell filled in by JavaScript.
//
// Three forms are read, all with nlohmann-json:
//   - Next.js App Router flight data: the string arguments of
//     `self.__next_f.push([1, "..."])` concatenated give the React Server Components
//     payload, rows of `<hex id>:<value>\n`, where a value is JSON (optionally after a
//     one- or two-letter tag such as I or HL) or a text row `T<hex byte length>,<text>`
//     that JSON refers to as "$<id>".
//   - Next.js pages router: the JSON of <script id="__NEXT_DATA__">.
//   - Arc XP (Fusion): the object assigned to `Fusion.globalContent`, whose
//     `content_elements` (text, header, image, list, quote ...) are turned into HTML.
// In the first two, the body is the heaviest string that reads as article text: under a
// body-like key (contentHtml, articleBody, body, content, html, __html, ...) markup with
// paragraphs or plain text of at least kMinScriptBodyChars letters; under any other key,
// markup with paragraphs of that weight. "$<id>" references of flight data are followed;
// failing all that, the heaviest text row that holds paragraph markup. Fields of the object holding the body (title, subtitle, times, writer names)
// come along when present, under the names such CMSes commonly use.
//
// Ad placeholders of the form $$NAME$$ are removed from the body HTML.
//
// Bounded: at most kMaxJsonNodes JSON values are visited per payload; every parse is
// nlohmann's, which refuses rather than crashes on bad input. Never fails: a page without
// such data gives an empty ScriptBody.
//
// Thread-safety: pure functions.
#ifndef SINMUN_CRAWLER_EXTRACT_SCRIPT_DATA_H_
#define SINMUN_CRAWLER_EXTRACT_SCRIPT_DATA_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sinmun {

struct PageScript {
  std::string_view id;    // the id attribute ("__NEXT_DATA__"), "" when absent
  std::string_view text;  // the script's content as written
};

struct ScriptBody {
  std::string html;    // the article body as HTML; "" when none was found
  std::string source;  // "next-flight", "next-data" or "fusion"; "" when none
  // Fields of the object the body came from, as written ("" when absent).
  std::string title;
  std::string subtitle;
  std::string published;
  std::string modified;
  std::vector<std::string> authors;
};

inline constexpr size_t kMaxScriptJsonNodes = 200000;
inline constexpr size_t kMinScriptBodyChars = 200;

ScriptBody FindScriptBody(const std::vector<PageScript>& scripts);

// The flight payload of a page: the concatenated strings of its __next_f pushes ("" when
// it has none). Exposed for tests and the fuzz target.
std::string NextFlightPayload(const std::vector<PageScript>& scripts);

// Reads a flight payload (see NextFlightPayload).
ScriptBody ReadNextFlight(std::string_view payload);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_EXTRACT_SCRIPT_DATA_H_
