// /edits: the latest edits, newest first, from the changes index (Archive::Changes), with
// filters and cursor paging (see web/params.h "cursor").
#include <algorithm>
#include <optional>

#include "storage/changes_feed.h"
#include "storage/version_json.h"
#include "web/pages.h"
#include "web/params.h"

namespace sinmun::web {
namespace {

struct EditFilter {
  std::optional<Instant> since, until;
  std::vector<ChangeClass> classes;
  std::string portal, press, source, section;
  std::optional<EditCursor> cursor;  // the last entry already shown
  bool NeedsVersion() const { return !source.empty() || !section.empty(); }
  bool Filtered() const {
    return since || until || !portal.empty() || !press.empty() || !source.empty() ||
           !section.empty();
  }
};

struct EditRow {
  ChangeEntry change;
  ArticleHead head;
};

struct EditSlice {
  std::vector<EditRow> rows;         // at most one page
  std::optional<EditCursor> next;    // where the next page starts; none at the end
  bool scanned_out = false;          // stopped at the scan limit, not at the end
};

EditCursor CursorOf(const ChangeEntry& c) { return EditCursor{c.fetched_at, c.version, c.id}; }

// True when `c` comes after `pos` in the list (newest first): its changes-index key is smaller.
bool After(const ChangeEntry& c, const EditCursor& pos) {
  if (c.fetched_at != pos.fetched_at) return c.fetched_at < pos.fetched_at;
  if (c.id != pos.id) return c.id < pos.id;
  return c.version < pos.version;
}

Result<bool> Matches(Archive& archive, const EditFilter& f, const ChangeEntry& c, const ArticleHead& head) {
  if (!f.press.empty() && head.press != f.press) return false;
  if (!f.NeedsVersion()) return true;
  Result<StoredVersion> v = archive.Version(c.id, c.version);
  if (!v.ok()) return v.status();
  if (!f.source.empty() && v->article.source != f.source) return false;
  if (!f.section.empty() && v->article.section != f.section) return false;
  return true;
}

// One page of edits after the cursor: reads the index in batches from the cursor backwards,
// examining at most `max_scan` entries.
Result<EditSlice> FindEdits(Archive& archive, const EditFilter& f, size_t page, size_t max_scan) {
  EditSlice slice;
  ChangesQuery q;
  q.since = f.since;
  q.classes = f.classes;
  q.portal = f.portal;
  std::optional<EditCursor> pos = f.cursor;
  size_t batch = page + 1, scanned = 0;
  while (true) {
    q.until = f.until;
    if (pos && (!q.until || pos->fetched_at + std::chrono::seconds(1) < *q.until)) {
      q.until = pos->fetched_at + std::chrono::seconds(1);
    }
    q.limit = batch;
    Result<std::vector<ChangeEntry>> changes = archive.Changes(q);
    if (!changes.ok()) return changes.status();
    size_t fresh = 0;
    for (ChangeEntry& c : *changes) {
      if (pos && !After(c, *pos)) continue;  // shown on an earlier page
      ++fresh;
      pos = CursorOf(c);
      Result<ArticleHead> head = archive.Head(c.id);
      if (!head.ok()) return head.status();
      Result<bool> match = Matches(archive, f, c, *head);
      if (!match.ok()) return match.status();
      if (*match) slice.rows.push_back(EditRow{std::move(c), std::move(*head)});
      if (slice.rows.size() > page) {
        slice.rows.pop_back();
        slice.next = CursorOf(slice.rows.back().change);
        return slice;
      }
      if (++scanned >= max_scan) {
        slice.scanned_out = true;
        slice.next = pos;
        return slice;
      }
    }
    if (changes->size() < batch) return slice;  // the end of the index
    // A second with more entries than a batch: read a larger one.
    batch = fresh == 0 ? batch * 2 : std::min<size_t>(batch * 2, 4096);
  }
}

Result<EditFilter> ReadFilter(const WebRequest& r) {
  EditFilter f;
  Result<Period> period = PeriodParams(r);
  if (!period.ok()) return period.status();
  Result<std::vector<ChangeClass>> classes = ClassParams(r);
  if (!classes.ok()) return classes.status();
  Result<std::string> portal = PortalParam(r);
  if (!portal.ok()) return portal.status();
  f.since = period->since;
  f.until = period->until;
  f.classes = std::move(*classes);
  f.portal = std::move(*portal);
  f.press = r.Param("press").value_or("");
  f.source = r.Param("source").value_or("");
  f.section = r.Param("section").value_or("");
  if (std::optional<std::string> c = r.Param("cursor")) {
    Result<EditCursor> cursor = ParseCursor(*c);
    if (!cursor.ok()) return cursor.status();
    f.cursor = std::move(*cursor);
  }
  return f;
}

// The request's filter parameters (not the cursor or format), to carry into other links.
std::vector<std::pair<std::string, std::string>> FilterParams(const WebRequest& r) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [name, value] : r.params) {
    if (name == "cursor" || name == "format") continue;
    out.emplace_back(name, value);
  }
  return out;
}

std::string EditsUrl(const WebRequest& r, const std::string& cursor, const std::string& format) {
  auto params = FilterParams(r);
  params.emplace_back("cursor", cursor);
  params.emplace_back("format", format);
  return BuildUrl("/edits", params);
}

long long DelaySeconds(const EditRow& row) {
  const Instant origin = row.head.published.value_or(row.head.first_seen);
  return std::max<long long>(0, (row.change.fetched_at - origin).count());
}

Json EditsJson(const EditSlice& slice, const WebRequest& r) {
  Json edits = Json::array();
  for (const EditRow& row : slice.rows) {
    Json j = ChangeJson(row.change);
    j["press"] = StringOrNull(row.head.press);
    j["published"] = TimeOrNull(row.head.published);
    j["delay_seconds"] = DelaySeconds(row);
    edits.push_back(std::move(j));
  }
  return Json{{"edits", std::move(edits)},
              {"next", slice.next ? Json(EditsUrl(r, FormatCursor(*slice.next), "json")) : Json(nullptr)}};
}

Result<std::string> EditsAtom(Archive& archive, const EditSlice& slice, Instant now) {
  std::vector<FeedEntry> entries;
  for (const EditRow& row : slice.rows) {
    Result<FeedEntry> e = FeedEntryFor(archive, row.change);
    if (!e.ok()) return e.status();
    entries.push_back(std::move(*e));
  }
  return RenderChangesFeed(entries, entries.empty() ? now : entries.front().change.fetched_at, "",
                           "sinmun: edits");
}

Json ClassChoices(const PageContext& ctx, const WebRequest& r) {
  const std::vector<std::string> chosen = r.Params("class");
  Json out = Json::array();
  for (ChangeClass c : {ChangeClass::kHeadline, ChangeClass::kBody, ChangeClass::kByline,
                        ChangeClass::kCorrectionAppended, ChangeClass::kMinor, ChangeClass::kDeleted,
                        ChangeClass::kRestored, ChangeClass::kReextracted}) {
    const std::string name(ChangeClassName(c));
    out.push_back(Json{{"name", name}, {"label", ClassLabel(ctx.lang, c)},
                       {"checked", std::find(chosen.begin(), chosen.end(), name) != chosen.end()}});
  }
  return out;
}

Json RowData(const PageContext& ctx, const EditRow& row) {
  const ChangeEntry& c = row.change;
  const bool diffable = c.version > 1;
  std::string delay = FormatDelay(ctx.lang, DelaySeconds(row));
  delay = ctx.lang == Lang::kKo
              ? Word(ctx.lang, row.head.published ? "after_pub" : "after_seen") + " " + delay
              : delay + " " + Word(ctx.lang, row.head.published ? "after_pub" : "after_seen");
  return Json{{"class_name", std::string(ChangeClassName(c.change_class))},
              {"class_label", ClassLabel(ctx.lang, c.change_class)},
              {"fetched", ShortKst(c.fetched_at)},
              {"fetched_iso", FormatRfc3339Kst(c.fetched_at)},
              {"delay", delay},
              {"press", row.head.press},
              {"title", c.title.empty() ? c.id : c.title},
              {"diff_url", diffable ? DiffUrl(c.id, c.version - 1, c.version) : ArticleUrl(c.id, c.version)},
              {"summary", c.summary}};
}

}  // namespace

WebResponse EditsPage(PageContext& ctx, const WebRequest& request) {
  Result<EditFilter> filter = ReadFilter(request);
  if (!filter.ok()) return ErrorPage(ctx, request, filter.status());
  Result<EditSlice> slice = FindEdits(ctx.archive, *filter, ctx.limits.edits_per_page, ctx.limits.max_scan);
  if (!slice.ok()) return ErrorPage(ctx, request, slice.status());
  const std::string format = request.Param("format").value_or("");
  if (format == "json") return JsonPage(EditsJson(*slice, request));
  if (format == "atom") {
    Result<std::string> atom = EditsAtom(ctx.archive, *slice, ctx.clock.Now());
    if (!atom.ok()) return ErrorPage(ctx, request, atom.status());
    return WebResponse{200, "application/atom+xml; charset=utf-8", std::move(*atom), {}};
  }
  const std::string cursor = filter->cursor ? FormatCursor(*filter->cursor) : "";
  Json data = LayoutData(ctx, Word(ctx.lang, "edits_title"), "edits", EditsUrl(request, cursor, "json"),
                         EditsUrl(request, "", "atom"));
  Json rows = Json::array();
  for (const EditRow& row : slice->rows) rows.push_back(RowData(ctx, row));
  data["edits"] = std::move(rows);
  data["empty"] = slice->rows.empty();
  data["scanned_out"] = slice->scanned_out;
  data["next_url"] = slice->next ? Json(EditsUrl(request, FormatCursor(*slice->next), "")) : Json(nullptr);
  data["first_url"] = filter->cursor ? Json(EditsUrl(request, "", "")) : Json(nullptr);
  data["filtered"] = filter->Filtered() || !request.Params("class").empty();
  data["classes"] = ClassChoices(ctx, request);
  data["press"] = filter->press;
  data["source"] = filter->source;
  data["section"] = filter->section;
  data["portals"] = PortalOptions(ctx, filter->portal);
  data["since"] = filter->since ? DateKst(*filter->since) : "";
  // A date field holds a day: the day of the period's last second (a bare date gives its own).
  data["until"] = filter->until ? DateKst(*filter->until - std::chrono::seconds(1)) : "";
  return HtmlPage("edits", data);
}

}  // namespace sinmun::web
