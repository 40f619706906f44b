#include "storage/keys.h"

#include <algorithm>

namespace sinmun::storage_keys {
namespace {
constexpr uint64_t kTimeBias = uint64_t{1} << 63;
}  // namespace

void PutBigEndian32(std::string& out, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xFF));
}

void PutBigEndian64(std::string& out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xFF));
}

uint32_t GetBigEndian32(std::string_view in) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(in[static_cast<size_t>(i)]);
  return v;
}

uint64_t GetBigEndian64(std::string_view in) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(in[static_cast<size_t>(i)]);
  return v;
}

uint64_t TimeKey(Instant t) {
  return static_cast<uint64_t>(t.time_since_epoch().count()) + kTimeBias;
}

Instant TimeFromKey(uint64_t v) {
  return Instant(std::chrono::seconds(static_cast<int64_t>(v - kTimeBias)));
}

std::string ArticlePrefix(std::string_view id) {
  std::string key(id);
  key.push_back('\0');
  return key;
}

std::string VersionKey(std::string_view id, uint32_t version) {
  std::string key = ArticlePrefix(id);
  PutBigEndian32(key, version);
  return key;
}

std::string RawKey(std::string_view id, uint32_t version) { return VersionKey(id, version); }

std::string FetchKey(std::string_view id, Instant t, uint32_t seq) {
  std::string key = ArticlePrefix(id);
  PutBigEndian64(key, TimeKey(t));
  PutBigEndian32(key, seq);
  return key;
}

std::string ByTimeKey(Instant first_seen, std::string_view id) {
  std::string key;
  PutBigEndian64(key, TimeKey(first_seen));
  key.append(id);
  return key;
}

std::string EditTallyDayKey(int64_t kst_day) {
  std::string key(kMetaTallyPrefix);
  PutBigEndian32(key, static_cast<uint32_t>(std::clamp<int64_t>(kst_day, 0, UINT32_MAX)));
  return key;
}

std::string EditTallyKey(int64_t kst_day, std::string_view portal, std::string_view press,
                         std::string_view source) {
  std::string key = EditTallyDayKey(kst_day);
  for (std::string_view part : {portal, press, source}) {
    PutBigEndian32(key, static_cast<uint32_t>(part.size()));
    key.append(part);
  }
  return key;
}

std::optional<ArticleNumberKey> ParseVersionKey(std::string_view key) {
  if (key.size() < 6 || key[key.size() - 5] != '\0') return std::nullopt;
  return ArticleNumberKey{std::string(key.substr(0, key.size() - 5)),
                          GetBigEndian32(key.substr(key.size() - 4))};
}

std::optional<ByTimeEntry> ParseByTimeKey(std::string_view key) {
  if (key.size() <= 8) return std::nullopt;
  return ByTimeEntry{TimeFromKey(GetBigEndian64(key)), std::string(key.substr(8))};
}

std::string ChangeKey(Instant fetched_at, std::string_view id, uint32_t version) {
  std::string key;
  PutBigEndian64(key, TimeKey(fetched_at));
  key.append(id);
  key.push_back('\0');
  PutBigEndian32(key, version);
  return key;
}

std::optional<ChangeKeyParts> ParseChangeKey(std::string_view key) {
  if (key.size() < 8 + 1 + 1 + 4 || key[key.size() - 5] != '\0') return std::nullopt;
  return ChangeKeyParts{TimeFromKey(GetBigEndian64(key)), std::string(key.substr(8, key.size() - 13)),
                        GetBigEndian32(key.substr(key.size() - 4))};
}

}  // namespace sinmun::storage_keys
