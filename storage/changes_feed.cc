#include "storage/changes_feed.h"

#include "common/hash.h"

namespace sinmun {
namespace {

// Escapes for XML text and attribute values (also right for HTML), dropping characters
// XML 1.0 does not allow.
std::string Escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out.push_back(c);
    }
  }
  return out;
}

std::string EntryId(const std::string& id, uint32_t version) {
  const std::string name = "sinmun change\x1f" + id + "\x1f" + std::to_string(version);
  std::string h = ToHex(Sha256(name)).substr(0, 32);
  h[12] = '8';
  h[16] = "89ab"[std::stoi(h.substr(16, 1), nullptr, 16) & 3];
  return "urn:uuid:" + h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" +
         h.substr(16, 4) + "-" + h.substr(20, 12);
}

std::string WordsHtml(const std::vector<WordOp>& words) {
  std::string html;
  for (const WordOp& w : words) {
    switch (w.kind) {
      case WordOp::Kind::kSame: html += Escape(w.text); break;
      case WordOp::Kind::kDeleted: html += "<del>" + Escape(w.text) + "</del>"; break;
      case WordOp::Kind::kInserted: html += "<ins>" + Escape(w.text) + "</ins>"; break;
    }
  }
  return html;
}

std::string BlockText(const Block& b) { return b.src.empty() ? b.text : b.text + " <" + b.src + ">"; }

// The diff as HTML (unescaped for XML yet).
std::string DiffHtml(const FeedEntry& e) {
  std::string html = "<p>" + Escape(e.change.summary) + "</p>";
  if (!e.diff) return html;
  const ArticleDiff& d = *e.diff;
  if (d.title_changed) html += "<p><b>제목</b>: " + WordsHtml(d.title_words) + "</p>";
  for (const BlockChange& c : d.blocks) {
    switch (c.kind) {
      case BlockChange::Kind::kSame: break;
      case BlockChange::Kind::kEdited: html += "<p>" + WordsHtml(c.words) + "</p>"; break;
      case BlockChange::Kind::kAdded: html += "<p><ins>" + Escape(BlockText(*c.after)) + "</ins></p>"; break;
      case BlockChange::Kind::kRemoved: html += "<p><del>" + Escape(BlockText(*c.before)) + "</del></p>"; break;
    }
  }
  return html;
}

}  // namespace

std::string RenderChangesFeed(const std::vector<FeedEntry>& entries, Instant updated,
                              const std::string& self_url, const std::string& title) {
  std::string x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n";
  x += "  <id>" + EntryId("sinmun changes feed", 0) + "</id>\n";
  x += "  <title>" + Escape(title.empty() ? "sinmun: changes to archived news articles" : title) +
       "</title>\n";
  x += "  <updated>" + FormatRfc3339Kst(updated) + "</updated>\n";
  x += "  <author><name>sinmun</name></author>\n";
  x += "  <generator>sinmun</generator>\n";
  if (!self_url.empty()) x += "  <link rel=\"self\" href=\"" + Escape(self_url) + "\"/>\n";
  for (const FeedEntry& e : entries) {
    const ChangeEntry& c = e.change;
    x += "  <entry>\n";
    x += "    <id>" + EntryId(c.id, c.version) + "</id>\n";
    x += "    <title>" + Escape(c.title + " (" + std::string(ChangeClassName(c.change_class)) + ")") + "</title>\n";
    x += "    <updated>" + FormatRfc3339Kst(c.fetched_at) + "</updated>\n";
    if (!c.url.empty()) x += "    <link rel=\"alternate\" href=\"" + Escape(c.url) + "\"/>\n";
    x += "    <category term=\"" + std::string(ChangeClassName(c.change_class)) + "\"/>\n";
    x += "    <summary>" + Escape(c.summary) + "</summary>\n";
    x += "    <content type=\"html\">" + Escape(DiffHtml(e)) + "</content>\n";
    x += "  </entry>\n";
  }
  x += "</feed>\n";
  return x;
}

Result<FeedEntry> FeedEntryFor(Archive& archive, ChangeEntry change) {
  FeedEntry e;
  if (change.change_class != ChangeClass::kDeleted && change.version > 1) {
    Result<StoredVersion> before = archive.Version(change.id, change.version - 1);
    if (!before.ok()) return before.status();
    Result<StoredVersion> after = archive.Version(change.id, change.version);
    if (!after.ok()) return after.status();
    e.diff = DiffArticles(before->article, after->article);
  }
  e.change = std::move(change);
  return e;
}

Result<std::string> ChangesFeed(Archive& archive, size_t limit, Instant now, const std::string& self_url) {
  ChangesQuery q;
  q.limit = limit;
  q.classes = {ChangeClass::kHeadline, ChangeClass::kBody,    ChangeClass::kByline,
               ChangeClass::kCorrectionAppended, ChangeClass::kMinor, ChangeClass::kDeleted,
               ChangeClass::kRestored, ChangeClass::kReextracted};
  Result<std::vector<ChangeEntry>> changes = archive.Changes(q);
  if (!changes.ok()) return changes.status();
  std::vector<FeedEntry> entries;
  for (ChangeEntry& c : *changes) {
    Result<FeedEntry> e = FeedEntryFor(archive, std::move(c));
    if (!e.ok()) return e.status();
    entries.push_back(std::move(*e));
  }
  return RenderChangesFeed(entries, entries.empty() ? now : entries.front().change.fetched_at, self_url);
}

}  // namespace sinmun
