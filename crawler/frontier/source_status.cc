#include "crawler/frontier/source_status.h"

#include <utility>

#include <nlohmann/json.hpp>

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

void SourceBoard::Restore(const std::string& name, const SourceRecord& record) {
  auto it = entries_.find(name);
  if (it == entries_.end()) return;
  Entry& e = it->second;
  e.status = record.status;
  e.status.found_24h = e.status.new_24h = e.status.archived_24h = 0;
  const int64_t newest = HourOf(record.written);
  for (const auto& [hour, counts] : record.hours) {
    if (hour < 0 || hour > newest || hour <= newest - 24) continue;
    e.hours[static_cast<size_t>(hour % 24)] = Hour{hour, counts[0], counts[1], counts[2]};
  }
}

SourceRecord SourceBoard::Record(const std::string& name, Instant now) const {
  SourceRecord out;
  out.name = name;
  out.status = Get(name, now);
  out.written = now;
  auto it = entries_.find(name);
  if (it == entries_.end()) return out;
  const int64_t hour = HourOf(now);
  for (const Hour& h : it->second.hours) {
    if (h.hour < 0 || h.hour > hour || h.hour <= hour - 24) continue;
    out.hours[h.hour] = {h.found, h.fresh, h.archived};
  }
  return out;
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
  e.follow_trouble = SourceState::kOk;
  e.follow_detail.clear();
  e.status.last_poll = at;
  if (poll.listing == SourceState::kOk) {
    Hour& h = Bucket(e, at);
    h.found += poll.found;
    h.fresh += poll.fresh;
  }
  Decide(e);
}

void SourceBoard::NotModified(const std::string& name, Instant at) {
  // The last poll's outcome (or, before this run's first poll, the state the archive kept)
  // stands; only the time moves.
  auto it = entries_.find(name);
  if (it != entries_.end()) it->second.status.last_poll = at;
}

void SourceBoard::Followed(const std::string& name, Instant at, const PollOutcome& page) {
  auto it = entries_.find(name);
  if (it == entries_.end()) return;
  Entry& e = it->second;
  if (page.listing != SourceState::kOk) {
    e.follow_trouble = page.listing;
    e.follow_detail = page.detail;
  } else {
    Hour& h = Bucket(e, at);
    h.found += page.found;
    h.fresh += page.fresh;
    e.last_poll.found += page.found;
    e.last_poll.fresh += page.fresh;
    e.last_poll.known += page.known;
    e.last_poll.following += page.following;
  }
  if (e.last_poll.following > 0) --e.last_poll.following;
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
  } else if (poll.found == 0 && e.follow_trouble != SourceState::kOk) {
    state = e.follow_trouble;
    detail = e.follow_detail;
  } else if (poll.found == 0 && poll.following > 0) {
    detail = "following " + std::to_string(poll.following) + " more pages (child sitemaps)";
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

namespace {

std::optional<int64_t> SecondsOf(const std::optional<Instant>& t) {
  if (!t) return std::nullopt;
  return t->time_since_epoch().count();
}

}  // namespace

std::string EncodeSourceRecord(const SourceRecord& r) {
  nlohmann::json j;
  j["name"] = r.name;
  j["type"] = r.type;
  j["url"] = r.url;
  j["status"] = SourceStateName(r.status.state);
  j["detail"] = r.status.detail;
  j["last_poll"] = r.status.last_poll ? nlohmann::json(*SecondsOf(r.status.last_poll)) : nullptr;
  j["next_poll"] = r.status.next_poll ? nlohmann::json(*SecondsOf(r.status.next_poll)) : nullptr;
  j["found_24h"] = r.status.found_24h;
  j["new_24h"] = r.status.new_24h;
  j["archived_24h"] = r.status.archived_24h;
  j["written"] = r.written.time_since_epoch().count();
  nlohmann::json hours = nlohmann::json::object();
  for (const auto& [hour, c] : r.hours) hours[std::to_string(hour)] = {c[0], c[1], c[2]};
  j["hours"] = std::move(hours);
  return j.dump();
}

std::optional<SourceRecord> DecodeSourceRecord(std::string_view text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return std::nullopt;
  try {
    SourceRecord r;
    r.name = j.at("name").get<std::string>();
    r.type = j.value("type", "");
    r.url = j.value("url", "");
    std::optional<SourceState> state = ParseSourceState(j.at("status").get<std::string>());
    if (!state) return std::nullopt;
    r.status.state = *state;
    r.status.detail = j.value("detail", "");
    auto instant = [&](const char* key) -> std::optional<Instant> {
      if (!j.contains(key) || j[key].is_null()) return std::nullopt;
      return Instant(std::chrono::seconds(j[key].get<int64_t>()));
    };
    r.status.last_poll = instant("last_poll");
    r.status.next_poll = instant("next_poll");
    r.status.found_24h = j.value("found_24h", uint64_t{0});
    r.status.new_24h = j.value("new_24h", uint64_t{0});
    r.status.archived_24h = j.value("archived_24h", uint64_t{0});
    r.written = Instant(std::chrono::seconds(j.value("written", int64_t{0})));
    if (j.contains("hours") && j["hours"].is_object()) {
      for (const auto& [hour, c] : j["hours"].items()) {
        if (!c.is_array() || c.size() != 3) continue;
        r.hours[std::stoll(hour)] = {c[0].get<uint64_t>(), c[1].get<uint64_t>(), c[2].get<uint64_t>()};
      }
    }
    return r;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace sinmun
