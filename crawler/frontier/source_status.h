// SourceBoard: what each configured source yields, in one word and one line — the answer to
// "why does this source give me nothing?".
//
// After every poll a source has a state:
//   pending             not polled yet, or its links are queued and none has been fetched
//   ok                  its listing gives links, and its articles are archived
//   robots-disallowed   robots.txt disallows the listing (detail: the robots.txt and rule)
//   unreachable         no HTTP answer (detail: the network error, e.g. "Could not resolve host")
//   http-error          an HTTP error status (detail: "HTTP 503")
//   not-a-feed          a feed or sitemap source whose bytes are not one (detail: what they were)
//   not-a-listing       a listing source whose page is not a listing
//   no-links            the listing reads fine but holds no article link
//   articles-refused    the listing is fine but every article it led to was refused by
//                       robots.txt or failed (detail: the last refusal or failure)
//   parser-failing      its article pages stopped yielding articles (parser health)
// A state is never ok while the source yields no articles. Counters of links found, new
// links and articles archived are kept per hour, and reported over the last 24 hours.
//
// The board is pure logic: events come in with their wall-clock time; TakeChanged() hands
// out the sources whose state or detail changed since the last call, so that each change is
// logged once and persisted. EncodeSourceRecord/DecodeSourceRecord give the form the archive
// keeps (a JSON object, keys as in `sinmun sources --json`, plus the hourly counters), so a
// restart keeps both the state and the 24-hour counters.
//
// Thread-safety: not thread-safe; owned by the crawl loop.
#ifndef SINMUN_CRAWLER_FRONTIER_SOURCE_STATUS_H_
#define SINMUN_CRAWLER_FRONTIER_SOURCE_STATUS_H_

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time.h"

namespace sinmun {

enum class SourceState {
  kPending,
  kOk,
  kRobotsDisallowed,
  kUnreachable,
  kHttpError,
  kNotAFeed,
  kNotAListing,
  kNoLinks,
  kArticlesRefused,
  kParserFailing,
};
inline constexpr size_t kSourceStateCount = 10;

// "pending", "ok", "robots-disallowed", …: the names above.
std::string_view SourceStateName(SourceState state);
std::optional<SourceState> ParseSourceState(std::string_view name);

struct SourceStatus {
  SourceState state = SourceState::kPending;
  std::string detail;  // "" for ok and pending
  std::optional<Instant> last_poll, next_poll;
  uint64_t found_24h = 0, new_24h = 0, archived_24h = 0;
  bool operator==(const SourceStatus&) const = default;
};

// What one poll of a source's own URL showed.
struct PollOutcome {
  // kOk when the listing was read (links may be 0: then no-links); otherwise the listing's
  // own trouble (robots-disallowed, unreachable, http-error, not-a-feed, not-a-listing).
  SourceState listing = SourceState::kOk;
  std::string detail;
  uint64_t found = 0;     // article links on it
  uint64_t fresh = 0;     // of them, not queued nor archived before (queued now)
  uint64_t known = 0;     // of them, already archived
  // Child sitemaps (or next pages) this poll follows; their links come in through
  // Followed(). A poll that found no article link itself but follows children is pending,
  // not no-links, until the children answer.
  uint64_t following = 0;
};

// A source's status as the archive keeps it: what `sinmun sources` shows.
struct SourceRecord {
  std::string name, type, url;  // as configured
  SourceStatus status;          // counters over the 24 hours before `written`
  Instant written{};
  // Hourly counters: hours since the epoch -> {found, new, archived}.
  std::map<int64_t, std::array<uint64_t, 3>> hours;
};
// JSON text of a record; DecodeSourceRecord returns nullopt for text that is not one.
std::string EncodeSourceRecord(const SourceRecord& record);
std::optional<SourceRecord> DecodeSourceRecord(std::string_view text);

class SourceBoard {
 public:
  // Makes `names` the board's sources: new ones start pending, removed ones are forgotten.
  void SetSources(const std::vector<std::string>& names);
  // Restores what the archive kept: the state, and the hourly counters of the last 24 hours.
  void Restore(const std::string& name, const SourceRecord& record);
  // The record to persist for `name` at `now` (type and url left empty: the caller's).
  SourceRecord Record(const std::string& name, Instant now) const;

  void Polled(const std::string& name, Instant at, const PollOutcome& poll);
  // The listing answered 304 Not Modified: the last poll's outcome stands.
  void NotModified(const std::string& name, Instant at);
  // A page the poll followed (a child sitemap, a next page) was read (`page.listing` kOk,
  // its counts added to the poll's) or failed (its trouble is the source's while the poll
  // has found no article link).
  void Followed(const std::string& name, Instant at, const PollOutcome& page);
  void NextPoll(const std::string& name, Instant at);
  // An article the source led to was archived (first time), or refused/failed for good
  // (`why`: the robots.txt rule, the error).
  void ArticleArchived(const std::string& name, Instant at);
  void ArticleRefused(const std::string& name, Instant at, const std::string& why);
  // Parser health of the source's article pages (daemon/parser_health.h).
  void ParserHealth(const std::string& name, bool failing, const std::string& detail);

  // The status now (counters over the 24 hours before `now`); a source not on the board is
  // pending.
  SourceStatus Get(const std::string& name, Instant now) const;
  std::vector<std::string> names() const;
  // Sources in each state, for the summary line and STATUS.
  std::map<SourceState, size_t> Counts() const;
  // Sources whose state or detail changed since the last call, with their status now.
  std::vector<std::pair<std::string, SourceStatus>> TakeChanged(Instant now);

 private:
  struct Hour {
    int64_t hour = -1;  // hours since the epoch this bucket counts
    uint64_t found = 0, fresh = 0, archived = 0;
  };
  struct Entry {
    SourceStatus status;
    PollOutcome last_poll;
    bool polled = false;
    uint64_t archived_since_poll = 0, refused_since_poll = 0;
    std::string last_refusal;
    SourceState follow_trouble = SourceState::kOk;
    std::string follow_detail;
    bool parser_failing = false;
    std::string parser_detail;
    std::array<Hour, 24> hours{};
    bool changed = false;
  };
  static Hour& Bucket(Entry& e, Instant at);
  void Decide(Entry& e);

  std::map<std::string, Entry> entries_;
};

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_FRONTIER_SOURCE_STATUS_H_
