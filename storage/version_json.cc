#include "storage/version_json.h"

namespace sinmun {
namespace {

Json VersionOrNull(uint32_t v) { return v != 0 ? Json(v) : Json(nullptr); }

std::string_view OpName(WordOp::Kind k) {
  switch (k) {
    case WordOp::Kind::kSame: return "same";
    case WordOp::Kind::kInserted: return "insert";
    case WordOp::Kind::kDeleted: return "delete";
  }
  return "";
}

Json WordsJson(const std::vector<WordOp>& words) {
  Json out = Json::array();
  for (const WordOp& w : MergeWordOps(words)) {
    out.push_back(Json{{"op", std::string(OpName(w.kind))}, {"text", w.text}});
  }
  return out;
}

}  // namespace

Json VersionJson(const StoredVersion& v, uint32_t versions) {
  Json j = ArticleToJson(v.article);
  j["version"] = v.info.number;
  j["versions"] = versions;
  j["fetched_at"] = FormatRfc3339Kst(v.info.fetched_at);
  j["change_class"] = std::string(ChangeClassName(v.info.change_class));
  j["reextracted_from"] = VersionOrNull(v.info.reextracted_from);
  return j;
}

Json HistoryJson(const std::string& id, const std::vector<VersionInfo>& history) {
  Json versions = Json::array();
  for (const VersionInfo& v : history) {
    Json j;
    j["version"] = v.number;
    j["fetched_at"] = FormatRfc3339Kst(v.fetched_at);
    j["change_class"] = std::string(ChangeClassName(v.change_class));
    j["title"] = v.title;
    j["added"] = v.added;
    j["removed"] = v.removed;
    j["edited"] = v.edited;
    j["appended"] = v.appended;
    j["reextracted_from"] = VersionOrNull(v.reextracted_from);
    versions.push_back(std::move(j));
  }
  Json out;
  out["id"] = id;
  out["versions"] = std::move(versions);
  return out;
}

Json ChangeJson(const ChangeEntry& c) {
  Json j;
  j["id"] = c.id;
  j["version"] = c.version;
  j["fetched_at"] = FormatRfc3339Kst(c.fetched_at);
  j["change_class"] = std::string(ChangeClassName(c.change_class));
  j["portal"] = c.portal;
  j["title"] = c.title;
  j["url"] = StringOrNull(c.url);
  j["summary"] = c.summary;
  j["reextracted_from"] = VersionOrNull(c.reextracted_from);
  return j;
}

Json DiffJson(const std::string& id, const StoredVersion& before, const StoredVersion& after,
              const ArticleDiff& diff) {
  Json j;
  j["id"] = id;
  j["from"] = before.info.number;
  j["to"] = after.info.number;
  j["change_class"] = std::string(ChangeClassName(after.info.change_class));
  j["reextracted_from"] = VersionOrNull(after.info.reextracted_from);
  j["title"] = diff.title_changed
                   ? Json{{"before", diff.title_before}, {"after", diff.title_after},
                          {"words", WordsJson(diff.title_words)}}
                   : Json(nullptr);
  Json blocks = Json::array();
  int index_before = 0, index_after = 0;
  for (const BlockChange& c : diff.blocks) {
    if (c.before) ++index_before;
    if (c.after) ++index_after;
    if (c.kind == BlockChange::Kind::kSame) continue;
    Json jb;
    jb["change"] = c.kind == BlockChange::Kind::kAdded     ? "added"
                   : c.kind == BlockChange::Kind::kRemoved ? "removed"
                                                           : "edited";
    jb["type"] = std::string(BlockTypeName((c.after ? *c.after : *c.before).type));
    jb["index_before"] = c.before ? Json(index_before) : Json(nullptr);
    jb["index_after"] = c.after ? Json(index_after) : Json(nullptr);
    jb["before"] = c.before ? Json(BlockDisplayText(*c.before)) : Json(nullptr);
    jb["after"] = c.after ? Json(BlockDisplayText(*c.after)) : Json(nullptr);
    jb["words"] = c.kind == BlockChange::Kind::kEdited ? WordsJson(c.words) : Json(nullptr);
    blocks.push_back(std::move(jb));
  }
  j["blocks"] = std::move(blocks);
  j["added"] = diff.added;
  j["removed"] = diff.removed;
  j["edited"] = diff.edited;
  return j;
}

std::vector<WordOp> MergeWordOps(const std::vector<WordOp>& words) {
  std::vector<WordOp> out;
  for (const WordOp& w : words) {
    if (!out.empty() && out.back().kind == w.kind) {
      out.back().text += w.text;
    } else {
      out.push_back(w);
    }
  }
  return out;
}

std::string BlockDisplayText(const Block& b) {
  return b.src.empty() ? b.text : b.text + (b.text.empty() ? "" : " ") + "<" + b.src + ">";
}

}  // namespace sinmun
