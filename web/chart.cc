#include "web/chart.h"

#include <algorithm>
#include <cstdio>

namespace sinmun::web {
namespace {

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

double Scale(const std::vector<Bar>& bars, double max) {
  if (max > 0) return max;
  double m = 0;
  for (const Bar& b : bars) m = std::max(m, b.value);
  return m > 0 ? m : 1;
}

// At most `chars` code points of a label, "…" where cut (SVG text does not wrap).
std::string Clip(const std::string& s, size_t chars) {
  size_t count = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
    if (++count > chars) return s.substr(0, i) + "…";
  }
  return s;
}

}  // namespace

Json VerticalBarChart(const std::string& caption, const std::vector<Bar>& bars, double max) {
  constexpr double kWidth = 320, kHeight = 200, kTop = 18, kBottom = 36;
  const double scale = Scale(bars, max);
  const double slot = bars.empty() ? kWidth : kWidth / double(bars.size());
  const double plot = kHeight - kTop - kBottom;
  Json out{{"caption", caption}, {"width", Num(kWidth)}, {"height", Num(kHeight)}};
  Json list = Json::array();
  for (size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const double h = std::clamp(b.value / scale, 0.0, 1.0) * plot;
    const double x = double(i) * slot + slot * 0.15, w = slot * 0.7;
    const double y = kTop + plot - h;
    list.push_back(Json{{"label", Clip(b.label, 6)}, {"value", b.value_label},
                        {"x", Num(x)}, {"y", Num(y)}, {"w", Num(w)}, {"h", Num(h)},
                        {"lx", Num(x + w / 2)}, {"ly", Num(kHeight - kBottom + 16)}, {"la", "middle"},
                        {"vx", Num(x + w / 2)}, {"vy", Num(y - 4)}, {"va", "middle"}});
  }
  out["bars"] = std::move(list);
  return out;
}

Json HorizontalBarChart(const std::string& caption, const std::vector<Bar>& bars, double max) {
  constexpr double kWidth = 320, kRow = 22, kLabel = 96, kValue = 48;
  const double scale = Scale(bars, max);
  const double plot = kWidth - kLabel - kValue;
  const double height = std::max(1.0, double(bars.size())) * kRow + 4;
  Json out{{"caption", caption}, {"width", Num(kWidth)}, {"height", Num(height)}};
  Json list = Json::array();
  for (size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const double w = std::clamp(b.value / scale, 0.0, 1.0) * plot;
    const double y = double(i) * kRow + 4;
    list.push_back(Json{{"label", Clip(b.label, 8)}, {"value", b.value_label},
                        {"x", Num(kLabel)}, {"y", Num(y)}, {"w", Num(w)}, {"h", Num(kRow - 6)},
                        {"lx", Num(kLabel - 6)}, {"ly", Num(y + kRow - 10)}, {"la", "end"},
                        {"vx", Num(kLabel + w + 4)}, {"vy", Num(y + kRow - 10)}, {"va", "start"}});
  }
  out["bars"] = std::move(list);
  return out;
}

}  // namespace sinmun::web
