// The reading room's HTML: Mustache templates (rendered by mstch) over plain JSON values.
//
// Every page is the layout around one page template. Values are inserted with {{name}},
// which mstch HTML-escapes (& < > " ' /) — the one escaping function of the reading room.
// The templates never use the unescaped {{{name}}} form: everything that comes from the
// archive (titles, paragraphs, authors, URLs, press names) is hostile text, and markup is
// written only by the templates themselves (diff marks are sections: {{#del}}<del>…).
// Links are built by the pages (web/params.h BuildUrl) and escaped here like any value.
//
// Data: a JSON object. Objects become Mustache maps, arrays lists, strings strings, booleans
// booleans, null falsy; numbers are shown as written by the page (pages pass formatted
// strings for anything that is not a small whole number).
//
// Thread-safety: Render is safe for concurrent use (the templates are constants).
#ifndef SINMUN_WEB_TEMPLATES_H_
#define SINMUN_WEB_TEMPLATES_H_

#include <string>

#include "common/article_json.h"

namespace sinmun::web {

// The page template `page` ("edits", "article", "diff", "search", "stats", "sources",
// "error") inside the layout. `data` holds the page's values and the layout's: "lang",
// "title", "t" (web/i18n.h Words), "json_url", "atom_url" (null for none), "nav" flags.
// REQUIRES: `page` names a template.
std::string RenderPage(const std::string& page, const Json& data);

// The stylesheet served at /static/style.css.
const std::string& StyleSheet();

}  // namespace sinmun::web

#endif  // SINMUN_WEB_TEMPLATES_H_
