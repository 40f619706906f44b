// sinmun export --format jsonl|warc|csv [--since T] [--until T] [--portal P]
//               [--all-versions] [-o FILE | --output FILE]
//
// Streams the archive out one version at a time (Archive::ForEachVersion): memory stays
// constant however large the archive. Without --all-versions only each article's latest
// version is written; --since/--until bound the versions' fetch times.
//   jsonl  one line per version: exactly `sinmun get --json` of that version (one line).
//   csv    for spreadsheets: UTF-8 with a BOM, RFC 4180 (CRLF, fields quoted when they
//          hold a comma, quote or line break), one row per version: id, version,
//          fetched_at, change_class, portal, press, title, authors ("; "-joined),
//          published, url, text (the blocks' texts, one per line).
//   warc   WARC 1.1 (cli/warc_writer.h): a warcinfo record, then per version a `response`
//          record with the page as fetched (when its raw bytes were kept) and a `metadata`
//          record (application/json, the jsonl line) linked to it by WARC-Concurrent-To.
//          A re-extraction's metadata record WARC-Refers-To the response of the version
//          whose page it read (written once per article and page). Deleted versions, and
//          versions whose page was not kept, get only the metadata record.
// -o FILE writes FILE.tmp-PID and renames it over FILE when everything was written (a
// failed export leaves FILE as it was); without -o (or with -o -) stdout.
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <random>
#include <set>

#include "storage/version_json.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/warc_writer.h"
#include "common/hash.h"

namespace sinmun::cli {
namespace {

// The usage line; the --portal values are the portal table's (PortalChoices).
std::string Usage() {
  return "export --format jsonl|warc|csv [--since TIME] [--until TIME] [--portal " +
         PortalChoices() + "] [--all-versions] [-o|--output FILE]";
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

void WriteCsvRow(std::ostream& out, const std::vector<std::string>& row) {
  for (size_t i = 0; i < row.size(); ++i) out << (i == 0 ? "" : ",") << CsvField(row[i]);
  out << "\r\n";
}

std::string JsonLine(const StoredVersion& v, uint32_t versions) {
  return VersionJson(v, versions).dump(-1, ' ', false, Json::error_handler_t::replace);
}

// The output: stdout, or a temporary file renamed over the target on Commit.
class Output {
 public:
  static Result<std::unique_ptr<Output>> Open(const std::optional<std::string>& path, std::ostream& stdout_stream) {
    auto o = std::unique_ptr<Output>(new Output());
    if (!path || *path == "-") {
      o->stream_ = &stdout_stream;
      return o;
    }
    o->path_ = *path;
    o->temp_ = *path + ".tmp-" + std::to_string(getpid());
    o->file_.open(o->temp_, std::ios::binary | std::ios::trunc);
    if (!o->file_) return Status::IOError("cannot write " + o->temp_);
    o->stream_ = &o->file_;
    return o;
  }
  ~Output() {
    if (!temp_.empty() && !committed_) std::remove(temp_.c_str());
  }
  std::ostream& stream() { return *stream_; }
  Status Commit() {
    stream_->flush();
    if (!*stream_) return Status::IOError("cannot write " + (path_.empty() ? std::string("stdout") : temp_));
    if (path_.empty()) return Status::Ok();
    file_.close();
    if (!file_) return Status::IOError("cannot write " + temp_);
    int fd = ::open(temp_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
      if (fd >= 0) ::close(fd);
      return Status::IOError("cannot sync " + temp_);
    }
    ::close(fd);
    if (std::rename(temp_.c_str(), path_.c_str()) != 0) return Status::IOError("cannot rename " + temp_ + " to " + path_);
    committed_ = true;
    return Status::Ok();
  }

 private:
  Output() = default;
  std::string path_, temp_;
  std::ofstream file_;
  std::ostream* stream_ = nullptr;
  bool committed_ = false;
};

// Per-version WARC records; remembers, for the current article only, which pages it wrote.
class WarcExport {
 public:
  WarcExport(std::ostream& out, Archive& archive, std::string salt, Instant now, const std::string& filename)
      : warc_(out, std::move(salt)), archive_(archive) {
    std::string info = "software: sinmun " SINMUN_VERSION "\r\nformat: WARC File Format 1.1\r\n"
                       "conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n"
                       "description: versions of news articles from a sinmun archive\r\n";
    warcinfo_id_ = warc_.RecordId("warcinfo");
    WarcFields fields = {{"WARC-Date", WarcDate(now)}};
    if (!filename.empty()) fields.emplace_back("WARC-Filename", filename);
    fields.emplace_back("Content-Type", "application/warc-fields");
    warc_.Write("warcinfo", warcinfo_id_, fields, info, "");
  }

  Status Add(const StoredVersion& v, const ArticleHead& head) {
    const std::string& id = v.article.id;
    if (id != article_) {
      article_ = id;
      written_pages_.clear();
    }
    const uint32_t page = v.info.raw_version();
    std::string response_id, response_uri;
    if (v.info.change_class != ChangeClass::kDeleted) {
      Result<std::string> raw = archive_.Raw(id, page);
      if (!raw.ok() && !raw.status().IsNotFound()) return raw.status();
      if (raw.ok()) {
        response_id = warc_.RecordId("response " + id + " " + std::to_string(page));
        if (!written_pages_.contains(page)) {
          // The fetch that made the page: this version, or the one a re-extraction read.
          std::optional<StoredVersion> source;
          if (page != v.info.number) {
            Result<StoredVersion> s = archive_.Version(id, page);
            if (!s.ok()) return s.status();
            source = std::move(*s);
          }
          const StoredVersion& f = source ? *source : v;
          response_uri = f.fetched_url.empty() ? head.url : f.fetched_url;
          std::string http = ResponseHttpHeader(f.http_status, f.content_type, f.response_headers,
                                                f.info.fetched_at, raw->size());
          warc_.Write("response", response_id,
                      {{"WARC-Warcinfo-ID", warcinfo_id_},
                       {"WARC-Target-URI", response_uri},
                       {"WARC-Date", WarcDate(f.info.fetched_at)},
                       {"WARC-Payload-Digest", WarcDigest(*raw)},
                       {"Content-Type", "application/http;msgtype=response"}},
                      http, *raw);
          written_pages_.insert(page);
        }
      }
    }
    // The metadata record is about the same resource as its response (or, without one, the
    // URL this version was fetched from).
    if (response_uri.empty()) {
      response_uri = !v.fetched_url.empty() ? v.fetched_url : !v.article.url.empty() ? v.article.url : head.url;
      if (page != v.info.number) {
        if (Result<StoredVersion> s = archive_.Version(id, page); s.ok() && !s->fetched_url.empty()) {
          response_uri = s->fetched_url;
        }
      }
    }
    WarcFields fields = {{"WARC-Warcinfo-ID", warcinfo_id_},
                         {"WARC-Target-URI", response_uri},
                         {"WARC-Date", WarcDate(v.info.fetched_at)}};
    if (!response_id.empty()) {
      fields.emplace_back(page == v.info.number ? "WARC-Concurrent-To" : "WARC-Refers-To", response_id);
    }
    fields.emplace_back("Content-Type", "application/json");
    warc_.Write("metadata", warc_.RecordId("metadata " + id + " " + std::to_string(v.info.number)), fields,
                JsonLine(v, head.versions), "");
    return Status::Ok();
  }

 private:
  WarcWriter warc_;
  Archive& archive_;
  std::string warcinfo_id_;
  std::string article_;
  std::set<uint32_t> written_pages_;  // of article_
};

std::string JoinAuthors(const std::vector<std::string>& authors) {
  std::string s;
  for (const auto& a : authors) s += (s.empty() ? "" : "; ") + a;
  return s;
}

std::string JoinText(const Article& a) {
  std::string s;
  for (const Block& b : a.blocks) {
    if (b.text.empty()) continue;
    s += (s.empty() ? "" : "\n") + b.text;
  }
  return s;
}

int RunExport(const Args& args, Io& io) {
  std::optional<std::string> format = args.Get("format");
  // "-o FILE" arrives as two positionals (Args knows only --long options).
  std::optional<std::string> path = args.Get("output");
  const auto& pos = args.positionals();
  bool usage_ok = format.has_value();
  if (pos.size() == 2 && pos[0] == "-o" && !path) {
    path = pos[1];
  } else if (!pos.empty()) {
    usage_ok = false;
  }
  if (!usage_ok) {
    io.err << "usage: sinmun " << Usage() << '\n';
    return kExitUsage;
  }
  if (*format != "jsonl" && *format != "warc" && *format != "csv") {
    io.err << "sinmun export: --format must be jsonl, warc or csv\n";
    return kExitUsage;
  }
  ExportQuery q;
  Result<Period> period = args.GetPeriod();
  if (!period.ok()) return Fail(io, period.status());
  q.since = period->since;
  q.until = period->until;
  Result<std::string> portal = PortalOption(args);
  if (!portal.ok()) return Fail(io, portal.status());
  q.portal = std::move(*portal);
  q.all_versions = args.Has("all-versions");

  Result<std::unique_ptr<Archive>> archive = OpenForReading(args);
  if (!archive.ok()) return Fail(io, archive.status());
  Result<std::unique_ptr<Output>> output = Output::Open(path, io.out);
  if (!output.ok()) return Fail(io, output.status());
  std::ostream& out = (*output)->stream();

  std::function<Status(const StoredVersion&, const ArticleHead&)> write;
  std::unique_ptr<WarcExport> warc;
  if (*format == "jsonl") {
    write = [&out](const StoredVersion& v, const ArticleHead& h) {
      out << JsonLine(v, h.versions) << '\n';
      return out ? Status::Ok() : Status::IOError("write failed");
    };
  } else if (*format == "csv") {
    out << "\xEF\xBB\xBF";
    WriteCsvRow(out, {"id", "version", "fetched_at", "change_class", "portal", "press", "title",
                      "authors", "published", "url", "text"});
    write = [&out](const StoredVersion& v, const ArticleHead& h) {
      const Article& a = v.article;
      WriteCsvRow(out, {a.id, std::to_string(v.info.number), FormatRfc3339Kst(v.info.fetched_at),
                        std::string(ChangeClassName(v.info.change_class)), a.portal, a.press, a.title,
                        JoinAuthors(a.authors), a.published ? FormatRfc3339Kst(*a.published) : "",
                        a.url.empty() ? h.url : a.url, JoinText(a)});
      return out ? Status::Ok() : Status::IOError("write failed");
    };
  } else {
    std::random_device rd;
    std::string salt = std::to_string(rd()) + "-" + std::to_string(rd()) + "-" +
                       std::to_string(io.clock.Now().time_since_epoch().count());
    std::string filename = path && *path != "-" ? std::filesystem::path(*path).filename().string() : "";
    warc = std::make_unique<WarcExport>(out, **archive, salt, io.clock.Now(), filename);
    write = [&warc, &out](const StoredVersion& v, const ArticleHead& h) {
      if (Status st = warc->Add(v, h); !st.ok()) return st;
      return out ? Status::Ok() : Status::IOError("write failed");
    };
  }
  if (Status st = (*archive)->ForEachVersion(q, write); !st.ok()) return Fail(io, st);
  if (Status st = (*output)->Commit(); !st.ok()) return Fail(io, st);
  return kExitOk;
}

}  // namespace

Command ExportCommand() {
  return {"export", Usage(),
          "stream the archive out as JSON lines (get --json per version), WARC 1.1 or CSV; "
          "latest versions unless --all-versions",
          {{"format", true}, {"since", true}, {"until", true}, {"portal", true},
           {"all-versions", false}, {"output", true}},
          RunExport};
}

}  // namespace sinmun::cli
