// InertPage: a stored page made safe to show in the reading room's frame — the same
// markup and text, with everything that could run or reach another server taken out.
//
// The frame's own Content-Security-Policy (default-src 'none'; sandbox) already refuses
// scripts, images, styles sheets and fonts before any connection. What it does not stop
// is measured in the browser tests: Chromium opens a connection to the host of a nested
// <iframe> before refusing it. So the page is rebuilt with libxml2's HTML parser and
// serialiser, and loses:
//   elements  script, noscript, iframe, frame, frameset, portal, link, base, meta (its
//             charset is written anew), with their content; object, embed, applet, keeping
//             their fallback content;
//   attributes every on* handler, src, srcset, data, poster, background, action,
//             formaction, ping, href on anything but <a>, and javascript:, vbscript: and
//             data: links (web links stay: following one is the reader's choice, and the
//             sandbox keeps it inside the frame).
// An <img> keeps its alt text; one without alt gets "[image]", so images show as words.
//
// The bytes are decoded as the extractors decode them (crawler/extract/charset.h); the result
// is UTF-8 (its <head> says so when it has one; serve it with charset=utf-8).
//
// Thread-safety: pure function.
#ifndef SINMUN_CRAWLER_EXTRACT_INERT_PAGE_H_
#define SINMUN_CRAWLER_EXTRACT_INERT_PAGE_H_

#include <string>
#include <string_view>

#include "common/status.h"

namespace sinmun {

// InvalidArgument for empty input, input over 64 MiB, or bytes in which the parser finds
// no element.
Result<std::string> InertPage(std::string_view bytes, std::string_view content_type);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_EXTRACT_INERT_PAGE_H_
