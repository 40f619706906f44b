#include "storage/edit_tally.h"

#include <algorithm>

#include "storage/keys.h"

namespace sinmun {
namespace {

namespace pb = storage::pb;

constexpr int64_t kDay = 86400;
constexpr int64_t kMinuteBins = kDay / 60;                // [0, 1 day) by the minute
constexpr int64_t kHourBins = (30 * kDay - kDay) / 3600;  // [1 day, 30 days) by the hour

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

constexpr int64_t kMaxDayBins = 3650;  // delays of ten years or more share the last bin

using Bins = google::protobuf::RepeatedField<uint64_t>;

// Nearest-rank quantile q of the n delays in `bins`, as its bin's start.
std::chrono::seconds Quantile(const Bins& bins, uint64_t n, double q) {
  uint64_t rank = static_cast<uint64_t>(q * double(n) + 0.999999);
  rank = std::clamp<uint64_t>(rank, 1, n);
  uint64_t seen = 0;
  for (int bin = 0; bin < bins.size(); ++bin) {
    seen += bins[bin];
    if (seen >= rank) return std::chrono::seconds(EditDelayBinStart(static_cast<uint32_t>(bin)));
  }
  return std::chrono::seconds(EditDelayBinStart(static_cast<uint32_t>(bins.size() - 1)));
}

// Grows `bins` with empty bins to hold `size`.
void Reserve(Bins& bins, int size) {
  if (bins.size() < size) bins.Resize(size, 0);
}

}  // namespace

int64_t KstDay(Instant t) {
  return FloorDiv((t.time_since_epoch() + kKstOffset).count(), kDay);
}

Instant KstDayStart(int64_t kst_day) { return Instant(std::chrono::seconds(kst_day * kDay)) - kKstOffset; }

uint32_t EditDelayBin(int64_t seconds) {
  const int64_t s = std::max<int64_t>(0, seconds);
  if (s < kDay) return static_cast<uint32_t>(s / 60);
  if (s < 30 * kDay) return static_cast<uint32_t>(kMinuteBins + (s - kDay) / 3600);
  const int64_t days = std::min<int64_t>((s - 30 * kDay) / kDay, kMaxDayBins);
  return static_cast<uint32_t>(kMinuteBins + kHourBins + days);
}

int64_t EditDelayBinStart(uint32_t bin) {
  if (bin < kMinuteBins) return int64_t{bin} * 60;
  if (bin < kMinuteBins + kHourBins) return kDay + (int64_t{bin} - kMinuteBins) * 3600;
  return 30 * kDay + (int64_t{bin} - kMinuteBins - kHourBins) * kDay;
}

pb::EditTallyMember TallyMemberOf(const Article& first, Instant first_seen) {
  pb::EditTallyMember member;
  member.set_key(storage_keys::EditTallyKey(KstDay(first_seen), first.portal, first.press, first.source));
  member.set_origin(first.published.value_or(first_seen).time_since_epoch().count());
  return member;
}

void TallyArticle(pb::EditTallyRecord& tally, const Article& first) {
  if (tally.articles() == 0) {
    tally.set_portal(first.portal);
    tally.set_press(first.press);
    tally.set_source(first.source);
  }
  tally.set_articles(tally.articles() + 1);
}

bool TallyEdit(pb::EditTallyRecord& tally, pb::EditTallyMember& member, ChangeClass cls, bool appended,
               Instant at) {
  auto bump = [](uint64_t value) { return value + 1; };
  switch (cls) {
    case ChangeClass::kNew:
    case ChangeClass::kReextracted: return false;
    case ChangeClass::kHeadline: tally.set_headline(bump(tally.headline())); break;
    case ChangeClass::kBody: tally.set_body(bump(tally.body())); break;
    case ChangeClass::kByline: tally.set_byline(bump(tally.byline())); break;
    case ChangeClass::kCorrectionAppended: tally.set_correction(bump(tally.correction())); break;
    case ChangeClass::kMinor: tally.set_minor(bump(tally.minor())); break;
    case ChangeClass::kDeleted: tally.set_deleted(bump(tally.deleted())); break;
    case ChangeClass::kRestored: tally.set_restored(bump(tally.restored())); break;
  }
  auto bit = [](ChangeClass c) { return uint32_t{1} << static_cast<int>(c); };
  const uint32_t had = member.classes();
  const uint32_t has = had | bit(cls) | (appended ? bit(ChangeClass::kCorrectionAppended) : 0);
  if (had == 0) tally.set_edited(bump(tally.edited()));
  auto first = [&](ChangeClass c) { return (had & bit(c)) == 0 && (has & bit(c)) != 0; };
  if (first(ChangeClass::kHeadline)) tally.set_articles_headline(bump(tally.articles_headline()));
  if (first(ChangeClass::kCorrectionAppended)) tally.set_articles_corrected(bump(tally.articles_corrected()));
  if (first(ChangeClass::kDeleted)) tally.set_articles_deleted(bump(tally.articles_deleted()));
  member.set_classes(has);
  tally.set_edits(bump(tally.edits()));
  const int bin = static_cast<int>(EditDelayBin(at.time_since_epoch().count() - member.origin()));
  Reserve(*tally.mutable_delay_bins(), bin + 1);
  tally.set_delay_bins(bin, tally.delay_bins(bin) + 1);
  return true;
}

void MergeTally(pb::EditTallyRecord& into, const pb::EditTallyRecord& from) {
  into.set_articles(into.articles() + from.articles());
  into.set_edited(into.edited() + from.edited());
  into.set_edits(into.edits() + from.edits());
  into.set_headline(into.headline() + from.headline());
  into.set_body(into.body() + from.body());
  into.set_byline(into.byline() + from.byline());
  into.set_correction(into.correction() + from.correction());
  into.set_minor(into.minor() + from.minor());
  into.set_deleted(into.deleted() + from.deleted());
  into.set_restored(into.restored() + from.restored());
  into.set_articles_headline(into.articles_headline() + from.articles_headline());
  into.set_articles_corrected(into.articles_corrected() + from.articles_corrected());
  into.set_articles_deleted(into.articles_deleted() + from.articles_deleted());
  Bins& bins = *into.mutable_delay_bins();
  Reserve(bins, from.delay_bins_size());
  for (int bin = 0; bin < from.delay_bins_size(); ++bin) bins[bin] += from.delay_bins(bin);
}

EditCounts CountsOfTally(const pb::EditTallyRecord& t) {
  EditCounts c;
  c.articles = t.articles();
  c.edited = t.edited();
  c.edits = t.edits();
  c.headline = t.headline();
  c.body = t.body();
  c.byline = t.byline();
  c.correction = t.correction();
  c.minor = t.minor();
  c.deleted = t.deleted();
  c.restored = t.restored();
  c.articles_headline = t.articles_headline();
  c.articles_corrected = t.articles_corrected();
  c.articles_deleted = t.articles_deleted();
  uint64_t n = 0;
  size_t bucket = 0;
  for (int bin = 0; bin < t.delay_bins_size(); ++bin) {
    const int64_t start = EditDelayBinStart(static_cast<uint32_t>(bin));
    while (bucket < kEditDelayBounds.size() && start >= kEditDelayBounds[bucket].count()) ++bucket;
    c.delay[bucket] += t.delay_bins(bin);
    n += t.delay_bins(bin);
  }
  if (n > 0) {
    c.median_delay = Quantile(t.delay_bins(), n, 0.5);
    c.p90_delay = Quantile(t.delay_bins(), n, 0.9);
  }
  return c;
}

}  // namespace sinmun
