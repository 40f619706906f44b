// The reading room's interface language: Korean, or English when the browser asks for it
// (Accept-Language, RFC 9110 §12.5.4), and the interface's words in each.
//
// Thread-safety: pure functions over constant tables.
#ifndef SINMUN_WEB_I18N_H_
#define SINMUN_WEB_I18N_H_

#include <string>
#include <string_view>

#include "common/article_json.h"
#include "storage/change_class.h"

namespace sinmun::web {

enum class Lang { kKo, kEn };

// English when the header ranks an English range ("en", "en-US") above every Korean one
// ("ko", "ko-KR") and "*"; Korean otherwise (also for a header that does not parse).
Lang PickLang(std::string_view accept_language);

// "ko" / "en".
std::string_view LangCode(Lang lang);

// Every interface word of the language, by key ("nav_edits": "편집 기록"), for templates.
const Json& Words(Lang lang);
// One word; the key itself when unknown.
std::string Word(Lang lang, const std::string& key);

// A change class as the interface names it ("headline" -> "제목 변경").
std::string ClassLabel(Lang lang, ChangeClass change_class);

// A duration as people say it: "3분", "2시간 5분", "4일" / "3 min", "2 h 5 min", "4 days".
std::string FormatDelay(Lang lang, long long seconds);

}  // namespace sinmun::web

#endif  // SINMUN_WEB_I18N_H_
