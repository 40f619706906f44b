// Bar charts drawn on the server: the geometry of an SVG bar chart as template data
// (web/templates.cc "chart"), so the statistics page needs no script and no outside asset.
//
// Thread-safety: pure functions.
#ifndef SINMUN_WEB_CHART_H_
#define SINMUN_WEB_CHART_H_

#include <string>
#include <vector>

#include "common/article_json.h"

namespace sinmun::web {

struct Bar {
  std::string label;        // shown beside (horizontal) or under (vertical) the bar
  double value = 0;         // its length, against the chart's largest value (or `max`)
  std::string value_label;  // the number written at its end
};

// Bars left to right from a common baseline, labels below; `max` <= 0: the largest value.
// {"caption", "width", "height", "bars": [{"label", "value", "x", "y", "w", "h", "lx", "ly",
// "la", "vx", "vy", "va"}]} (coordinates in SVG user units, as strings).
Json VerticalBarChart(const std::string& caption, const std::vector<Bar>& bars, double max = 0);

// One bar per row, labels on the left, values at the bars' ends.
Json HorizontalBarChart(const std::string& caption, const std::vector<Bar>& bars, double max = 0);

}  // namespace sinmun::web

#endif  // SINMUN_WEB_CHART_H_
