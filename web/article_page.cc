// /article, /diff and /page: one article's versions, the difference between two of them,
// and the stored page itself.
#include <map>
#include <set>

#include "crawler/extract/inert_page.h"
#include "storage/diff.h"
#include "storage/version_json.h"
#include "web/pages.h"
#include "web/params.h"
#include "web/search_adapter.h"

namespace sinmun::web {
namespace {

// Articles with more versions than this list only the URLs of the version shown (each
// version read costs up to kSnapshotInterval records).
constexpr size_t kMaxVersionsForUrls = 32;

// The stored page is shown made inert (crawler/extract/inert_page.h) in a frame of ours with no
// scripts, no plugins, no forms and no requests at all (default-src 'none': images, styles, fonts and frames from anywhere are
// refused), and it may not be framed by another site.
constexpr const char* kArchivedPageCsp =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'self'; sandbox";

Result<std::string> ResolveId(PageContext& ctx, const WebRequest& r) {
  std::optional<std::string> id = r.Param("id");
  if (!id) return Status::InvalidArgument("parameter 'id' is missing: an article id or URL");
  return ctx.archive.Resolve(*id);
}

std::string BlockLabel(Lang lang, const Block& b, int index) {
  const std::string type = b.type == BlockType::kParagraph ? Word(lang, "paragraph")
                           : b.type == BlockType::kImage   ? Word(lang, "photo")
                                                           : std::string(BlockTypeName(b.type));
  return type + " " + std::to_string(index);
}

Json WordsData(const std::vector<WordOp>& words, bool with_deleted, bool with_inserted) {
  Json out = Json::array();
  for (const WordOp& w : MergeWordOps(words)) {
    if (w.kind == WordOp::Kind::kDeleted && !with_deleted) continue;
    if (w.kind == WordOp::Kind::kInserted && !with_inserted) continue;
    const char* kind = w.kind == WordOp::Kind::kSame      ? "same"
                       : w.kind == WordOp::Kind::kDeleted ? "del"
                                                          : "ins";
    out.push_back(Json{{kind, true}, {"text", w.text}});
  }
  return out;
}

// {"words"} for the inline view, {"before": {"words"}, "after": {"words"}} for the sides.
Json ChangeWords(const std::vector<WordOp>& words) {
  return Json{{"words", WordsData(words, true, true)},
              {"before", Json{{"words", WordsData(words, true, false)}}},
              {"after", Json{{"words", WordsData(words, false, true)}}}};
}

Json BlockData(const Block& b) {
  return Json{{"is_p", b.type == BlockType::kParagraph},
              {"is_h", b.type == BlockType::kSubheading},
              {"is_img", b.type == BlockType::kImage},
              {"is_caption", b.type == BlockType::kCaption},
              {"is_embed", b.type == BlockType::kEmbed},
              {"text", b.text},
              {"src", b.src}};
}

std::string Join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : sep) + s;
  return out;
}

Json ArticleData(const Article& a) {
  return Json{{"id", a.id},
              {"title", a.title},
              {"subtitle", a.subtitle},
              {"press", a.press},
              {"section", a.section},
              {"authors", Join(a.authors, ", ")},
              {"published", a.published ? ShortKst(*a.published) : ""},
              {"modified", a.modified ? ShortKst(*a.modified) : ""}};
}

Json HistoryData(const PageContext& ctx, const std::string& id, const std::vector<VersionInfo>& history,
                 uint32_t current) {
  Json out = Json::array();
  for (const VersionInfo& v : history) {
    const bool counts = v.number > 1 && (v.added != 0 || v.removed != 0 || v.edited != 0);
    out.push_back(Json{{"number", std::to_string(v.number)},
                       {"previous", std::to_string(v.number - 1)},
                       {"current", v.number == current},
                       {"version_url", ArticleUrl(id, v.number)},
                       {"diff_url", v.number > 1 ? Json(DiffUrl(id, v.number - 1, v.number)) : Json(nullptr)},
                       {"class_name", std::string(ChangeClassName(v.change_class))},
                       {"class_label", ClassLabel(ctx.lang, v.change_class)},
                       {"fetched", ShortKst(v.fetched_at)},
                       {"fetched_iso", FormatRfc3339Kst(v.fetched_at)},
                       {"counts", counts ? Json{{"added", std::to_string(v.added)},
                                                {"removed", std::to_string(v.removed)},
                                                {"edited", std::to_string(v.edited)}}
                                         : Json(nullptr)},
                       {"title", v.title}});
  }
  return out;
}

// The URLs the article was fetched under, its canonical URL first, then its origin link.
Result<std::vector<std::pair<std::string, std::string>>> Urls(PageContext& ctx, const ArticleHead& head,
                                                              const StoredVersion& shown,
                                                              const std::vector<VersionInfo>& history) {
  std::vector<std::pair<std::string, std::string>> out;  // (label, url)
  std::set<std::string> seen;
  auto add = [&](const std::string& label, const std::string& url) {
    if (!url.empty() && seen.insert(url).second) out.emplace_back(label, url);
  };
  add("", head.url);
  add("", shown.article.url);
  add("", shown.fetched_url);
  if (history.size() <= kMaxVersionsForUrls) {
    for (const VersionInfo& v : history) {
      if (v.number == shown.info.number) continue;
      Result<StoredVersion> other = ctx.archive.Version(head.id, v.number);
      if (!other.ok()) return other.status();
      add("", other->fetched_url);
      add("", other->article.url);
    }
  }
  add(Word(ctx.lang, "origin"), shown.article.origin_url);
  return out;
}

Json RelatedData(const Result<RelatedReport>& related) {
  if (!related.ok()) return Json{{"available", false}, {"items", Json::array()}};
  Json items = Json::array();
  for (const RelatedArticle& r : related->related) {
    items.push_back(Json{{"url", ArticleUrl(r.head.id)},
                         {"title", r.head.title.empty() ? r.head.id : r.head.title},
                         {"press", r.head.press.empty() ? r.head.portal : r.head.press},
                         {"first_seen", ShortKst(r.head.first_seen)},
                         {"relations", Join(std::vector<std::string>(r.relations.begin(), r.relations.end()), ", ")},
                         {"share", r.shared > 0 ? Json(Percent(r.share)) : Json(nullptr)}});
  }
  return Json{{"available", true}, {"items", std::move(items)}};
}

}  // namespace

WebResponse ArticlePage(PageContext& ctx, const WebRequest& request) {
  Result<std::string> id = ResolveId(ctx, request);
  if (!id.ok()) return ErrorPage(ctx, request, id.status());
  Result<std::optional<uint32_t>> number = VersionParam(request, "v");
  if (!number.ok()) return ErrorPage(ctx, request, number.status());
  Result<std::optional<Instant>> at = TimeParam(request, "at");
  if (!at.ok()) return ErrorPage(ctx, request, at.status());
  Result<ArticleHead> head = ctx.archive.Head(*id);
  if (!head.ok()) return ErrorPage(ctx, request, head.status());
  Result<StoredVersion> shown = *number ? ctx.archive.Version(*id, **number)
                                : *at   ? ctx.archive.VersionAt(*id, **at)
                                        : ctx.archive.Version(*id, head->versions);
  if (!shown.ok()) return ErrorPage(ctx, request, shown.status());
  Result<std::vector<VersionInfo>> history = ctx.archive.History(*id);
  if (!history.ok()) return ErrorPage(ctx, request, history.status());
  Result<std::vector<std::pair<std::string, std::string>>> urls = Urls(ctx, *head, *shown, *history);
  if (!urls.ok()) return ErrorPage(ctx, request, urls.status());
  Result<RelatedReport> related = ctx.search.Related(ctx.archive, *id);
  if (!related.ok() && !related.status().IsNotFound()) return ErrorPage(ctx, request, related.status());
  const uint32_t n = shown->info.number;

  if (WantsJson(request)) {
    Json j = VersionJson(*shown, head->versions);
    j["history"] = HistoryJson(*id, *history)["versions"];
    Json list = Json::array();
    for (const auto& [label, url] : *urls) list.push_back(url);
    j["urls"] = std::move(list);
    j["related"] = related.ok() ? RelatedJson(*related)["related"] : Json(nullptr);
    return JsonPage(j);
  }
  const Article& a = shown->article;
  Json data = LayoutData(ctx, a.title.empty() ? *id : a.title, "edits",
                         BuildUrl("/article", {{"id", *id}, {"v", std::to_string(n)}, {"format", "json"}}));
  data["article"] = ArticleData(a);
  data["first_seen"] = ShortKst(head->first_seen);
  data["version"] = Json{{"number", std::to_string(n)},
                         {"of", std::to_string(head->versions)},
                         {"class_name", std::string(ChangeClassName(shown->info.change_class))},
                         {"class_label", ClassLabel(ctx.lang, shown->info.change_class)},
                         {"fetched", ShortKst(shown->info.fetched_at)},
                         {"fetched_iso", FormatRfc3339Kst(shown->info.fetched_at)},
                         {"reextracted", shown->info.reextracted_from != 0}};
  Json blocks = Json::array();
  for (const Block& b : a.blocks) blocks.push_back(BlockData(b));
  data["blocks"] = std::move(blocks);
  data["history"] = HistoryData(ctx, *id, *history, n);
  Json url_list = Json::array();
  for (const auto& [label, url] : *urls) {
    url_list.push_back(Json{{"label", label}, {"url", url}, {"link", IsWebUrl(url)}});
  }
  data["urls"] = std::move(url_list);
  data["related"] = RelatedData(related);
  const uint32_t raw = shown->info.raw_version();
  data["page_url"] = ctx.archive.Raw(*id, raw).ok()
                         ? Json(BuildUrl("/page", {{"id", *id}, {"v", std::to_string(raw)}}))
                         : Json(nullptr);
  return HtmlPage("article", data);
}

namespace {

struct DiffRange {
  uint32_t from = 0, to = 0;
};

// As `sinmun diff`: no version, the last two; only `to`, to-1 → to; both, from → to.
Result<DiffRange> ReadRange(const WebRequest& r, uint32_t versions) {
  Result<std::optional<uint32_t>> from = VersionParam(r, "from");
  if (!from.ok()) return from.status();
  Result<std::optional<uint32_t>> to = VersionParam(r, "to");
  if (!to.ok()) return to.status();
  DiffRange range;
  range.to = to->value_or(versions);
  range.from = from->value_or(range.to > 1 ? range.to - 1 : 1);
  return range;
}

Json VersionOptions(uint32_t versions, uint32_t selected) {
  Json out = Json::array();
  for (uint32_t v = 1; v <= versions; ++v) {
    out.push_back(Json{{"n", std::to_string(v)}, {"selected", v == selected}});
  }
  return out;
}

Json DiffBlocks(const PageContext& ctx, const ArticleDiff& diff) {
  Json out = Json::array();
  std::map<BlockType, int> seen_before, seen_after;
  for (const BlockChange& c : diff.blocks) {
    const int index_before = c.before ? ++seen_before[c.before->type] : 0;
    const int index_after = c.after ? ++seen_after[c.after->type] : 0;
    if (c.kind == BlockChange::Kind::kSame) {
      out.push_back(Json{{"is_same", true}, {"text", BlockDisplayText(*c.after)}});
      continue;
    }
    Json b;
    std::vector<WordOp> words;
    std::string what;
    switch (c.kind) {
      case BlockChange::Kind::kEdited:
        words = c.words;
        b["kind"] = "edited";
        b["label"] = BlockLabel(ctx.lang, *c.after, index_after) + " " + Word(ctx.lang, "edited");
        break;
      case BlockChange::Kind::kAdded:
        words = {WordOp{WordOp::Kind::kInserted, BlockDisplayText(*c.after)}};
        b["kind"] = "added";
        b["label"] = BlockLabel(ctx.lang, *c.after, index_after) + " " + Word(ctx.lang, "added");
        break;
      default:
        words = {WordOp{WordOp::Kind::kDeleted, BlockDisplayText(*c.before)}};
        b["kind"] = "removed";
        b["label"] = BlockLabel(ctx.lang, *c.before, index_before) + " " + Word(ctx.lang, "removed");
        break;
    }
    b["is_same"] = false;
    const Json marked = ChangeWords(words);
    for (auto it = marked.begin(); it != marked.end(); ++it) b[it.key()] = it.value();
    out.push_back(std::move(b));
  }
  return out;
}

}  // namespace

WebResponse DiffPage(PageContext& ctx, const WebRequest& request) {
  Result<std::string> id = ResolveId(ctx, request);
  if (!id.ok()) return ErrorPage(ctx, request, id.status());
  Result<ArticleHead> head = ctx.archive.Head(*id);
  if (!head.ok()) return ErrorPage(ctx, request, head.status());
  Result<DiffRange> range = ReadRange(request, head->versions);
  if (!range.ok()) return ErrorPage(ctx, request, range.status());
  Result<StoredVersion> before = ctx.archive.Version(*id, range->from);
  if (!before.ok()) return ErrorPage(ctx, request, before.status());
  Result<StoredVersion> after = ctx.archive.Version(*id, range->to);
  if (!after.ok()) return ErrorPage(ctx, request, after.status());
  const ArticleDiff diff = DiffArticles(before->article, after->article);
  if (WantsJson(request)) return JsonPage(DiffJson(*id, *before, *after, diff));

  const bool side = request.Param("view") == "side";
  const std::string from = std::to_string(range->from), to = std::to_string(range->to);
  Json data = LayoutData(ctx, Word(ctx.lang, "diff_title") + " · " + after->article.title, "edits",
                         BuildUrl("/diff", {{"id", *id}, {"from", from}, {"to", to}, {"format", "json"}}));
  data["id"] = *id;
  data["title"] = after->article.title;
  data["article_url"] = ArticleUrl(*id, range->to);
  data["from"] = from;
  data["to"] = to;
  data["from_fetched"] = ShortKst(before->info.fetched_at);
  data["to_fetched"] = ShortKst(after->info.fetched_at);
  data["class_name"] = std::string(ChangeClassName(after->info.change_class));
  data["class_label"] = ClassLabel(ctx.lang, after->info.change_class);
  data["reextracted"] = after->info.reextracted_from != 0;
  data["side"] = side;
  data["inline_url"] = DiffUrl(*id, range->from, range->to, false);
  data["side_url"] = DiffUrl(*id, range->from, range->to, true);
  data["from_options"] = VersionOptions(head->versions, range->from);
  data["to_options"] = VersionOptions(head->versions, range->to);
  data["same_version"] = range->from == range->to;
  data["title_change"] = diff.title_changed ? ChangeWords(diff.title_words) : Json(nullptr);
  data["authors_change"] = diff.authors_changed
                               ? Json{{"before", Join(before->article.authors, ", ")},
                                      {"after", Join(after->article.authors, ", ")}}
                               : Json(nullptr);
  data["blocks"] = range->from == range->to ? Json::array() : DiffBlocks(ctx, diff);
  data["counts"] = Word(ctx.lang, "added") + " " + std::to_string(diff.added) + " · " +
                   Word(ctx.lang, "removed") + " " + std::to_string(diff.removed) + " · " +
                   Word(ctx.lang, "edited") + " " + std::to_string(diff.edited);
  return HtmlPage("diff", data);
}

WebResponse ArchivedPage(PageContext& ctx, const WebRequest& request) {
  Result<std::string> id = ResolveId(ctx, request);
  if (!id.ok()) return ErrorPage(ctx, request, id.status());
  Result<std::optional<uint32_t>> number = VersionParam(request, "v");
  if (!number.ok()) return ErrorPage(ctx, request, number.status());
  if (!*number) return ErrorPage(ctx, request, Status::InvalidArgument("parameter 'v' is missing"));
  Result<StoredVersion> v = ctx.archive.Version(*id, **number);
  if (!v.ok()) return ErrorPage(ctx, request, v.status());
  Result<std::string> raw = ctx.archive.Raw(*id, **number);
  if (!raw.ok()) return ErrorPage(ctx, request, raw.status());
  // HTML (or a page kept without its type) is shown made inert; anything else as text.
  const std::string& type = v->content_type;
  const bool html = type.empty() || type.starts_with("text/html") || type.starts_with("application/xhtml");
  std::vector<std::pair<std::string, std::string>> headers = {
      {"Content-Security-Policy", kArchivedPageCsp}, {"X-DNS-Prefetch-Control", "off"}};
  if (!html) return WebResponse{200, "text/plain; charset=utf-8", std::move(*raw), std::move(headers)};
  Result<std::string> inert = InertPage(*raw, type);
  if (!inert.ok()) return ErrorPage(ctx, request, inert.status());
  return WebResponse{200, "text/html; charset=utf-8", std::move(*inert), std::move(headers)};
}

}  // namespace sinmun::web
