#include "capture/capture.h"

#include <utility>

#include "crawler/extract/extractor.h"
#include "storage/change_summary.h"
#include "storage/content.h"
#include "storage/diff.h"

namespace sinmun {
Result<Article> ExtractPage(std::string_view bytes, const std::string& url,
                            const std::string& content_type) {
  return ExtractArticle(Page{bytes, url, content_type});
}

Capture::Read Capture::ReadPage(FetchedPage page) const {
  Read read;
  Fetch& fetch = read.fetch;
  fetch.url = page.url;
  for (std::string& alias : page.aliases) {
    if (alias != page.url) fetch.aliases.push_back(std::move(alias));
  }
  fetch.fetched_at = page.fetched_at;
  fetch.http_status = page.http_status;
  fetch.etag = std::move(page.etag);
  fetch.last_modified = std::move(page.last_modified);
  fetch.content_type = page.content_type;
  fetch.response_headers = std::move(page.headers);
  if (page.http_status != 200) {
    // 304/404/410 name the article by a URL it was seen under (or none).
    bool known = archive_.Resolve(fetch.url).ok();
    for (size_t i = 0; !known && i < fetch.aliases.size(); ++i) {
      known = archive_.Resolve(fetch.aliases[i]).ok();
    }
    if (!known) read.verdict = Verdict::kUnknown;
    return read;
  }
  const std::string& from = fetch.aliases.empty() ? fetch.url : fetch.aliases.back();
  ExtractNotes notes;
  Result<Article> article = sites_ ? ExtractArticle(Page{page.body, from, page.content_type}, *sites_, &notes)
                                   : ExtractArticle(Page{page.body, from, page.content_type});
  read.site_fallback = std::move(notes.fallback);
  if (!article.ok()) {
    read.verdict = Verdict::kUnusable;
    read.error = article.status();
    return read;
  }
  article->source = std::move(page.source);
  if (!article->published && page.listed_published) article->published = page.listed_published;
  fetch.article = std::move(*article);
  fetch.raw = std::move(page.body);
  return read;
}

Result<RecordResult> Capture::Write(Read read, ScheduleChange schedule) {
  if (read.verdict != Verdict::kRecord) {
    if (schedule.empty()) return Status::NotFound("nothing recorded");
    if (Status s = archive_.UpdateSchedule(schedule); !s.ok()) return s;
    return Status::NotFound("nothing recorded");
  }
  read.fetch.schedule = std::move(schedule);
  Result<RecordResult> recorded = archive_.Record(read.fetch);
  if (recorded.ok() && recorded->outcome != Outcome::kUnchanged && feed_ != nullptr) {
    feed_->Added(recorded->id, recorded->version);
  }
  return recorded;
}

Result<Capture::Reextraction> Capture::Reextract(const StoredVersion& stored,
                                                 const ArticleHead& head, Instant at,
                                                 bool dry_run) {
  const std::string& id = head.id;
  const uint32_t page = stored.info.raw_version();
  Result<std::string> raw = archive_.Raw(id, page);
  if (!raw.ok()) return raw.status();
  // The Content-Type and URL the page was fetched with.
  std::string content_type = stored.content_type, url = stored.article.url;
  if (page != stored.info.number) {
    Result<StoredVersion> from = archive_.Version(id, page);
    if (!from.ok()) return from.status();
    content_type = from->content_type;
    if (!from->article.url.empty()) url = from->article.url;
  }
  const Page source_page{*raw, url.empty() ? head.url : url, content_type};
  Result<Article> extracted = sites_ ? ExtractArticle(source_page, *sites_) : ExtractArticle(source_page);
  if (!extracted.ok()) {
    return Status::InvalidArgument("extraction fails now: " + extracted.status().message());
  }
  if (extracted->id != id) return Status::InvalidArgument("the page now extracts as " + extracted->id);
  extracted->source = stored.article.source;
  if (!extracted->published && stored.article.published) {
    extracted->published = stored.article.published;  // from the feed, when the page has none
  }
  Reextraction out;
  if (SameContent(stored.article, *extracted)) return out;  // the rule Record applies
  ArticleDiff diff = DiffArticles(stored.article, *extracted);
  ChangeSummaryInput in;
  in.change_class = ChangeClass::kReextracted;
  in.before = &stored.article;
  in.after = &*extracted;
  in.diff = &diff;
  in.reextracted_from = page;
  out.summary = SummarizeChange(in);
  out.changed = true;
  if (dry_run) return out;
  Result<RecordResult> r = archive_.RecordReextraction(id, page, std::move(*extracted), at);
  if (!r.ok()) return r.status();
  if (r->outcome == Outcome::kUnchanged) return Reextraction{};
  out.version = r->version;
  if (feed_ != nullptr) feed_->Added(r->id, r->version);
  return out;
}

}  // namespace sinmun
