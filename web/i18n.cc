#include "web/i18n.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>

namespace sinmun::web {
namespace {

struct Entry {
  const char* key;
  const char* ko;
  const char* en;
};

// One row per interface word.
constexpr Entry kWords[] = {
    {"site", "신문 열람실", "sinmun reading room"},
    {"nav_edits", "편집 기록", "Edits"},
    {"nav_search", "검색", "Search"},
    {"nav_stats", "편집 통계", "Edit statistics"},
    {"nav_sources", "수집처", "Sources"},
    {"skip", "본문으로", "Skip to content"},
    {"footer", "기록된 기사를 읽기 전용으로 보여 줍니다. 모든 시각은 한국 표준시(KST)입니다.",
     "A read-only view of the archive. All times are Korea Standard Time (KST)."},
    {"json", "JSON", "JSON"},
    {"atom", "Atom 피드", "Atom feed"},
    {"edits_title", "최근 편집", "Latest edits"},
    {"edits_intro", "언론사가 게시 후 고친 기사들, 최신순입니다.",
     "Articles their outlets changed after publishing, newest first."},
    {"filter", "거르기", "Filter"},
    {"class", "변경 종류", "Change"},
    {"all_classes", "모든 편집", "All edits"},
    {"press", "언론사", "Press"},
    {"source", "수집처", "Source"},
    {"section", "섹션", "Section"},
    {"portal", "포털", "Portal"},
    {"any", "전체", "Any"},
    {"since", "시작", "From"},
    {"until", "끝", "Until"},
    {"apply", "적용", "Apply"},
    {"next_page", "다음 (이전 편집) →", "Next (older edits) →"},
    {"first_page", "← 최신 편집으로", "← Latest edits"},
    {"no_edits", "조건에 맞는 편집이 없습니다.", "No edits match."},
    {"scanned_out", "이 범위에서는 더 찾지 못했습니다. 다음 쪽에서 계속 찾습니다.",
     "No more matches in this stretch; the next page searches on."},
    {"after_pub", "게시 후", "after publication"},
    {"after_seen", "처음 본 후", "after first sight"},
    {"fetched", "수집", "Fetched"},
    {"version", "판", "Version"},
    {"versions", "판 기록", "Versions"},
    {"published", "게시", "Published"},
    {"modified", "수정", "Modified"},
    {"first_seen", "처음 본 때", "First seen"},
    {"authors", "기자", "Authors"},
    {"urls", "주소", "URLs"},
    {"origin", "기사원문", "Original article"},
    {"related", "같은 기사", "Same story elsewhere"},
    {"no_related", "보관된 다른 사본이 없습니다.", "No other copies in the archive."},
    {"related_unavailable", "검색 색인이 없어 같은 기사를 찾을 수 없습니다.",
     "The search index is unavailable, so copies cannot be looked up."},
    {"archived_page", "보관된 원본 페이지", "The archived page"},
    {"archived_page_note",
     "보관된 HTML을 스크립트와 외부 요청 없이 보여 줍니다. 사진은 불러오지 않습니다.",
     "The archived HTML, shown without scripts or outside requests; images are not loaded."},
    {"no_page", "이 판의 원본 페이지는 보관되지 않았습니다.", "The page of this version was not kept."},
    {"diff", "비교", "Compare"},
    {"diff_title", "판 비교", "Compare versions"},
    {"inline", "한 줄로", "Inline"},
    {"side_by_side", "나란히", "Side by side"},
    {"before", "이전", "Before"},
    {"after", "이후", "After"},
    {"title", "제목", "Title"},
    {"subtitle", "부제", "Subtitle"},
    {"deleted_words", "삭제", "deleted"},
    {"inserted_words", "추가", "inserted"},
    {"legend", "삭제된 말은 빨간 바탕에 취소선, 추가된 말은 초록 바탕에 밑줄로 표시합니다.",
     "Deleted words are struck through on red, inserted words underlined on green."},
    {"same_version", "같은 판입니다.", "These are the same version."},
    {"paragraph", "문단", "paragraph"},
    {"added", "추가", "added"},
    {"removed", "삭제", "removed"},
    {"edited", "수정", "edited"},
    {"reextracted_note", "sinmun의 추출 수정이며 언론사의 편집이 아닙니다.",
     "a correction of sinmun's extraction, not the outlet's edit."},
    {"photo", "사진", "Photo"},
    {"embed", "삽입물", "Embed"},
    {"search_title", "검색", "Search"},
    {"search_help",
     "낱말은 모두 포함(AND), \"구절\", -제외, a OR b, 괄호. 조사가 붙어도, 띄어쓰기가 달라도 찾습니다.",
     "Words AND, \"a phrase\", -exclude, a OR b, parentheses. Korean words match with particles "
     "attached and whatever the spacing."},
    {"query", "검색어", "Query"},
    {"sort", "정렬", "Sort"},
    {"relevance", "관련도", "Relevance"},
    {"date", "날짜", "Date"},
    {"all_versions", "모든 판에서", "In every version"},
    {"search_button", "검색", "Search"},
    {"matches", "건", "matches"},
    {"no_matches", "찾은 기사가 없습니다.", "No matches."},
    {"more_results", "더 보기 →", "More →"},
    {"text_in", "본문이 있는 판", "Text in"},
    {"stats_title", "편집 통계", "Edit statistics"},
    {"stats_intro",
     "기간 안에 처음 본 기사들이 그 뒤에 얼마나, 얼마나 빨리, 어떻게 고쳐졌는지. sinmun의 재추출은 세지 않습니다.",
     "How often, how soon and how the articles first seen in the period were edited afterwards. "
     "sinmun's re-extractions do not count."},
    {"by", "묶음", "Group by"},
    {"articles", "기사", "Articles"},
    {"edited_share", "편집된 비율", "Edited"},
    {"edits", "편집", "Edits"},
    {"edits_per_article", "기사당 편집", "Edits per article"},
    {"headline_share", "제목 변경", "Headline changed"},
    {"correction_share", "정정", "Corrected"},
    {"deleted_share", "삭제", "Deleted"},
    {"median_delay", "편집까지 (중앙값)", "Time to edit (median)"},
    {"p90_delay", "90%", "90th percentile"},
    {"delay_chart", "게시 후 편집까지 걸린 시간 (편집 수)", "Time from publication to each edit (edits)"},
    {"share_chart", "편집된 기사 비율", "Share of articles edited"},
    {"class_chart", "편집 종류", "Edits by kind"},
    {"total", "전체", "All"},
    {"unknown", "(알 수 없음)", "(unknown)"},
    {"sources_title", "수집처 상태", "Source status"},
    {"sources_none", "아직 기록된 수집처 상태가 없습니다.", "No source status has been recorded yet."},
    {"status", "상태", "Status"},
    {"type", "종류", "Type"},
    {"last_poll", "마지막 확인", "Last poll"},
    {"next_poll", "다음 확인", "Next poll"},
    {"found_24h", "발견 (24시간)", "Found (24 h)"},
    {"new_24h", "새 기사 (24시간)", "New (24 h)"},
    {"archived_24h", "보관 (24시간)", "Archived (24 h)"},
    {"error", "요청을 처리할 수 없습니다", "The request cannot be answered"},
    {"not_found", "찾을 수 없습니다", "Not found"},
    {"index_behind", "아직 검색 색인에 없는 버전 (검색에서 빠짐)", "versions not in the search index yet (left out of the search)"},
    {"index_older", "이전 버전의 sinmun이 만든 검색 색인입니다. sinmund가 백그라운드에서 새로 만들고 있습니다.",
     "The search index was written by an older sinmun; sinmund is replacing it in the background."},
    {"index_missing", "색인에는 있으나 보관소에 아직 없는 버전 (빠짐)", "versions in the search index and not yet in the archive (left out)"},
};

struct ClassRow {
  ChangeClass c;
  const char* ko;
  const char* en;
};
constexpr ClassRow kClasses[] = {
    {ChangeClass::kNew, "첫 수집", "first seen"},
    {ChangeClass::kHeadline, "제목 변경", "headline"},
    {ChangeClass::kBody, "본문 수정", "body"},
    {ChangeClass::kByline, "기자명 변경", "byline"},
    {ChangeClass::kCorrectionAppended, "정정 추가", "correction"},
    {ChangeClass::kMinor, "사소한 수정", "minor"},
    {ChangeClass::kDeleted, "삭제", "deleted"},
    {ChangeClass::kRestored, "복원", "restored"},
    {ChangeClass::kReextracted, "재추출", "re-extracted"},
};

Json BuildWords(Lang lang) {
  Json j = Json::object();
  for (const Entry& e : kWords) j[e.key] = lang == Lang::kKo ? e.ko : e.en;
  return j;
}

// The q value of one Accept-Language item ("en-US;q=0.8" -> 0.8); 1 without one.
double QValue(std::string_view item) {
  size_t q = item.find(";q=");
  if (q == std::string_view::npos) q = item.find("; q=");
  if (q == std::string_view::npos) return 1.0;
  std::string value(item.substr(item.find('=', q) + 1));
  char* end = nullptr;
  double v = std::strtod(value.c_str(), &end);
  return end == value.c_str() ? 0.0 : std::clamp(v, 0.0, 1.0);
}

}  // namespace

Lang PickLang(std::string_view header) {
  double ko = -1, en = -1;
  size_t start = 0;
  while (start < header.size()) {
    size_t comma = header.find(',', start);
    std::string_view item = header.substr(start, comma == std::string_view::npos ? comma : comma - start);
    start = comma == std::string_view::npos ? header.size() : comma + 1;
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    std::string tag;
    for (char c : item.substr(0, item.find(';'))) {
      if (c == ' ') break;
      tag += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    const double q = QValue(item);
    if (tag == "ko" || tag.starts_with("ko-") || tag == "*") ko = std::max(ko, q);
    if (tag == "en" || tag.starts_with("en-")) en = std::max(en, q);
  }
  return en > 0 && en > ko ? Lang::kEn : Lang::kKo;
}

std::string_view LangCode(Lang lang) { return lang == Lang::kKo ? "ko" : "en"; }

const Json& Words(Lang lang) {
  static const Json ko = BuildWords(Lang::kKo), en = BuildWords(Lang::kEn);
  return lang == Lang::kKo ? ko : en;
}

std::string Word(Lang lang, const std::string& key) {
  const Json& words = Words(lang);
  auto it = words.find(key);
  return it == words.end() ? key : it->get<std::string>();
}

std::string ClassLabel(Lang lang, ChangeClass change_class) {
  for (const ClassRow& r : kClasses) {
    if (r.c == change_class) return lang == Lang::kKo ? r.ko : r.en;
  }
  return std::string(ChangeClassName(change_class));
}

std::string FormatDelay(Lang lang, long long seconds) {
  const bool ko = lang == Lang::kKo;
  const long long minutes = seconds / 60, hours = minutes / 60, days = hours / 24;
  if (seconds < 60) return ko ? std::to_string(seconds) + "초" : std::to_string(seconds) + " s";
  if (minutes < 60) return ko ? std::to_string(minutes) + "분" : std::to_string(minutes) + " min";
  if (hours < 24) {
    const long long m = minutes % 60;
    std::string out = ko ? std::to_string(hours) + "시간" : std::to_string(hours) + " h";
    if (m != 0) out += ko ? " " + std::to_string(m) + "분" : " " + std::to_string(m) + " min";
    return out;
  }
  const long long h = hours % 24;
  std::string out = ko ? std::to_string(days) + "일"
                       : std::to_string(days) + (days == 1 ? " day" : " days");
  if (h != 0 && days < 7) out += ko ? " " + std::to_string(h) + "시간" : " " + std::to_string(h) + " h";
  return out;
}

}  // namespace sinmun::web
