#include "crawler/frontier/source_status.h"

#include <utility>

namespace sinmun {
namespace {

constexpr std::string_view kNames[kSourceStateCount] = {
    "pending", "ok",       "robots-disallowed", "unreachable",      "http-error",
    "not-a-feed", "not-a-listing", "no-links", "articles-refused", "parser-failing"};

int64_t HourOf(Instant t) { return t.time_since_epoch().count() / 3600; }

}  // namespace

std::string_view SourceStateName(SourceState state) { return kNames[static_cast<size_t>(state)]; }

std::optional<SourceState> ParseSourceState(std::string_view name) {
  for (size_t i = 0; i < kSourceStateCount; ++i) {
    if (kNames[i] == name) return static_cast<SourceState>(i);
  }
  return std::nullopt;
}

void SourceBoard::SetSources(const std::vector<std::string>& names) {
  std::map<std::string, Entry> next;
  for (const std::string& name : names) {
    auto it = entries_.find(name);
    next[name] = it != entries_.end() ? std::move(it->second) : Entry{};
  }
  entries_ = std::move(next);
}

void SourceBoard::Restore(const std::string& name, const SourceStatus& status) {
  auto it = entries_.find(name);
  if (it == entries_.end()) return;
  Entry& e = it->second;
  e.status = status;
  e.status.found_24h = e.status.new_24h = e.status.archived_24h = 0;
}

SourceBoard::Hour& SourceBoard::Bucket(Entry& e, Instant at) {
  const int64_t hour = HourOf(at);
  Hour& h = e.hours[static_cast<size_t>(hour % 24)];
  if (h.hour != hour) h = Hour{hour, 0, 0, 0};
  return h;
}

void SourceBoard::Polled(const std::string& name, Instant at, const PollOutcome& poll) {
  auto it = entries_.find(name);
  if (it == entries_.end()) return;
  Entry& e = it->second;
  e.polled = true;
  e.last_poll = poll;
  e.status.last_poll = at;
  if (poll.listing == SourceState::kOk) {
    Hour& h = Bucket(e, at);
    h.found += poll.found;
    h.fresh += poll.fresh;
  }
  Decide(e);
}

void SourceBoard::NextPoll(const std::string& name, Instant at) {
  auto it = entries_.find(name);
  if (it != entries_.end()) it->second.status.next_poll = at;
}

void SourceBoard::ArticleArchived(const std::string& name, Instant at) {
  auto it = entries_.find(name);
  if (it == entries_.end()) return;
  Entry& e = it->second;
  ++Bucket(e, at).archived;
  ++e.archived_since_poll;
  e.refused_since_poll = 0;  // refusals count until something is archived again
  Decide(e);
}

void SourceBoard::ArticleRefused(const std::string& name, Instant, const std::string& why) {
  auto it = entries_.find(name);
  if (it == entries_.end()) return;
  Entry& e = it->second;
  ++e.refused_since_poll;
  e.last_refusal = why;
  Decide(e);
}

void SourceBoard::ParserHealth(const std::string& name, bool failing, const std::string& detail) {
  auto it = entries_.find(name);
  if (it == entries_.end()) return;
  Entry& e = it->second;
  e.parser_failing = failing;
  e.parser_detail = detail;
  Decide(e);
}

void SourceBoard::Decide(Entry& e) {
  SourceState state = SourceState::kPending;
  std::string detail;
  uint64_t archived = 0;
  for (const Hour& h : e.hours) archived += h.archived;
  const PollOutcome& poll = e.last_poll;
  if (!e.polled) {
    state = e.status.state;  // what the archive kept, until this run's first poll
    detail = e.status.detail;
  } else if (poll.listing != SourceState::kOk) {
    state = poll.listing;
    detail = poll.detail;
  } else if (poll.found == 0) {
    state = SourceState::kNoLinks;
    detail = poll.detail.empty() ? "the listing holds no article link" : poll.detail;
  } else if (e.parser_failing) {
    state = SourceState::kParserFailing;
    detail = e.parser_detail;
  } else if (archived > 0 || poll.known > 0 || e.archived_since_poll > 0) {
    state = SourceState::kOk;
  } else if (e.refused_since_poll > 0) {
    state = SourceState::kArticlesRefused;
    detail = e.last_refusal;
  } else {
    detail = std::to_string(poll.found) + " links found, none archived yet";
  }
  if (state != e.status.state || detail != e.status.detail) e.changed = true;
  e.status.state = state;
  e.status.detail = std::move(detail);
}

SourceStatus SourceBoard::Get(const std::string& name, Instant now) const {
  auto it = entries_.find(name);
  if (it == entries_.end()) return SourceStatus{};
  SourceStatus out = it->second.status;
  const int64_t hour = HourOf(now);
  out.found_24h = out.new_24h = out.archived_24h = 0;
  for (const Hour& h : it->second.hours) {
    if (h.hour < 0 || h.hour > hour || h.hour <= hour - 24) continue;
    out.found_24h += h.found;
    out.new_24h += h.fresh;
    out.archived_24h += h.archived;
  }
  return out;
}

std::vector<std::string> SourceBoard::names() const {
  std::vector<std::string> out;
  for (const auto& [name, e] : entries_) out.push_back(name);
  return out;
}

std::map<SourceState, size_t> SourceBoard::Counts() const {
  std::map<SourceState, size_t> out;
  for (const auto& [name, e] : entries_) ++out[e.status.state];
  return out;
}

std::vector<std::pair<std::string, SourceStatus>> SourceBoard::TakeChanged(Instant now) {
  std::vector<std::pair<std::string, SourceStatus>> out;
  for (auto& [name, e] : entries_) {
    if (!e.changed) continue;
    e.changed = false;
    out.emplace_back(name, Get(name, now));
  }
  return out;
}

}  // namespace sinmun
