#include "web/templates.h"

#include <map>
#include <mstch/mstch.hpp>

namespace sinmun::web {
namespace {

// The layout: every page's frame. {{> content}} is the page template.
constexpr const char* kLayout = R"~(<!DOCTYPE html>
<html lang="{{lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{{title}} · {{t.site}}</title>
<link rel="stylesheet" href="/static/style.css">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
{{#atom_url}}<link rel="alternate" type="application/atom+xml" title="{{t.atom}}" href="{{atom_url}}">{{/atom_url}}
</head>
<body>
<a class="skip" href="#main">{{t.skip}}</a>
<header class="site">
<a class="brand" href="/">{{t.site}}</a>
<nav aria-label="main">
<a href="/edits"{{#nav.edits}} aria-current="page"{{/nav.edits}}>{{t.nav_edits}}</a>
<a href="/search"{{#nav.search}} aria-current="page"{{/nav.search}}>{{t.nav_search}}</a>
<a href="/stats"{{#nav.stats}} aria-current="page"{{/nav.stats}}>{{t.nav_stats}}</a>
<a href="/sources"{{#nav.sources}} aria-current="page"{{/nav.sources}}>{{t.nav_sources}}</a>
</nav>
</header>
<main id="main">
{{> content}}
</main>
<footer class="site">
<p>{{t.footer}}</p>
<p>{{#json_url}}<a href="{{json_url}}">{{t.json}}</a>{{/json_url}}{{#atom_url}} · <a href="{{atom_url}}">{{t.atom}}</a>{{/atom_url}}</p>
</footer>
</body>
</html>
)~";

// Word-level diff marks: {"same"|"del"|"ins": true, "text"}.
constexpr const char* kWordsPartial =
    R"~({{#words}}{{#same}}{{text}}{{/same}}{{#del}}<del>{{text}}</del>{{/del}}{{#ins}}<ins>{{text}}</ins>{{/ins}}{{/words}})~";

constexpr const char* kEdits = R"~(<h1>{{t.edits_title}}</h1>
<p class="intro">{{t.edits_intro}}</p>
<details class="filters"{{#filtered}} open{{/filtered}}>
<summary>{{t.filter}}</summary>
<form method="get" action="/edits" class="filters">
<fieldset><legend>{{t.class}}</legend>
{{#classes}}<label class="check"><input type="checkbox" name="class" value="{{name}}"{{#checked}} checked{{/checked}}> {{label}}</label>
{{/classes}}</fieldset>
<label>{{t.press}} <input name="press" value="{{press}}"></label>
<label>{{t.source}} <input name="source" value="{{source}}"></label>
<label>{{t.section}} <input name="section" value="{{section}}"></label>
<label>{{t.portal}} <select name="portal">{{#portals}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/portals}}</select></label>
<label>{{t.since}} <input name="since" type="date" value="{{since}}"></label>
<label>{{t.until}} <input name="until" type="date" value="{{until}}"></label>
<button type="submit">{{t.apply}}</button>
</form>
</details>
{{#empty}}<p class="empty">{{t.no_edits}}</p>{{/empty}}
<ol class="edits">
{{#edits}}<li class="edit">
<p class="meta"><span class="badge {{class_name}}">{{class_label}}</span> <time datetime="{{fetched_iso}}">{{fetched}}</time>{{#delay}} · <span class="delay">{{delay}}</span>{{/delay}}{{#press}} · {{press}}{{/press}}</p>
<p class="title"><a href="{{diff_url}}">{{title}}</a></p>
<p class="summary">{{summary}}</p>
</li>
{{/edits}}</ol>
{{#scanned_out}}<p class="note">{{t.scanned_out}}</p>{{/scanned_out}}
<nav class="pager">{{#first_url}}<a href="{{first_url}}">{{t.first_page}}</a>{{/first_url}} {{#next_url}}<a rel="next" href="{{next_url}}">{{t.next_page}}</a>{{/next_url}}</nav>
)~";

constexpr const char* kArticle = R"~(<article class="article">
<p class="meta"><span class="badge {{version.class_name}}">{{version.class_label}}</span> {{t.version}} {{version.number}}/{{version.of}} · {{t.fetched}} <time datetime="{{version.fetched_iso}}">{{version.fetched}}</time></p>
{{#version.reextracted}}<p class="note">v{{version.number}}: {{t.reextracted_note}}</p>{{/version.reextracted}}
<h1>{{article.title}}</h1>
{{#article.subtitle}}<p class="subtitle">{{article.subtitle}}</p>{{/article.subtitle}}
<p class="byline">{{#article.press}}{{article.press}}{{/article.press}}{{#article.section}} · {{article.section}}{{/article.section}}{{#article.authors}} · {{article.authors}}{{/article.authors}}</p>
<p class="times">{{#article.published}}{{t.published}} <time>{{article.published}}</time>{{/article.published}}{{#article.modified}} · {{t.modified}} <time>{{article.modified}}</time>{{/article.modified}}</p>
<div class="body">
{{#blocks}}{{#is_p}}<p>{{text}}</p>
{{/is_p}}{{#is_h}}<h2 class="subheading">{{text}}</h2>
{{/is_h}}{{#is_img}}<figure class="image"><div class="placeholder">{{t.photo}}</div>{{#text}}<figcaption>{{text}}</figcaption>{{/text}}<p class="src">{{src}}</p></figure>
{{/is_img}}{{#is_embed}}<p class="embed">[{{t.embed}}] {{text}} <span class="src">{{src}}</span></p>
{{/is_embed}}{{#is_caption}}<p class="caption">{{text}}</p>
{{/is_caption}}{{/blocks}}
</div>
</article>
<section class="timeline" aria-labelledby="h-versions">
<h2 id="h-versions">{{t.versions}}</h2>
<ol class="versions">
{{#history}}<li{{#current}} aria-current="true"{{/current}}><a href="{{version_url}}">v{{number}}</a> <span class="badge {{class_name}}">{{class_label}}</span> <time datetime="{{fetched_iso}}">{{fetched}}</time>{{#counts}} <span class="counts">+{{added}} −{{removed}} ~{{edited}}</span>{{/counts}}{{#diff_url}} · <a href="{{diff_url}}">{{t.diff}} v{{previous}}→v{{number}}</a>{{/diff_url}}{{#title}}<br><span class="vtitle">{{title}}</span>{{/title}}</li>
{{/history}}</ol>
</section>
<section aria-labelledby="h-urls">
<h2 id="h-urls">{{t.urls}}</h2>
<p class="ident">{{article.id}} · {{t.first_seen}} {{first_seen}}</p>
<ul class="urls">
{{#urls}}<li>{{#label}}{{label}}: {{/label}}{{#link}}<a href="{{url}}" rel="noreferrer noopener" target="_blank">{{url}}</a>{{/link}}{{^link}}<span>{{url}}</span>{{/link}}</li>
{{/urls}}</ul>
</section>
<section aria-labelledby="h-related">
<h2 id="h-related">{{t.related}}</h2>
{{^related.available}}<p class="note">{{t.related_unavailable}}</p>{{/related.available}}
{{#related.available}}{{^related.items}}<p class="note">{{t.no_related}}</p>{{/related.items}}{{/related.available}}
<ul class="related">
{{#related.items}}<li><a href="{{url}}">{{title}}</a> <span class="meta">{{press}} · {{first_seen}} · {{relations}}{{#share}} · {{share}}{{/share}}</span></li>
{{/related.items}}</ul>
</section>
<section aria-labelledby="h-page">
<h2 id="h-page">{{t.archived_page}}</h2>
{{#page_url}}<p class="note">{{t.archived_page_note}}</p>
<iframe class="archived" src="{{page_url}}" sandbox="" referrerpolicy="no-referrer" title="{{t.archived_page}}"></iframe>{{/page_url}}
{{^page_url}}<p class="note">{{t.no_page}}</p>{{/page_url}}
</section>
)~";

constexpr const char* kDiff = R"~(<h1>{{t.diff_title}}: <a href="{{article_url}}">{{title}}</a></h1>
<p class="meta"><span class="badge {{class_name}}">{{class_label}}</span> v{{from}} <time>{{from_fetched}}</time> → v{{to}} <time>{{to_fetched}}</time></p>
{{#reextracted}}<p class="note">v{{to}}: {{t.reextracted_note}}</p>{{/reextracted}}
<form method="get" action="/diff" class="versions-pick">
<input type="hidden" name="id" value="{{id}}">
<label>{{t.before}} <select name="from">{{#from_options}}<option value="{{n}}"{{#selected}} selected{{/selected}}>v{{n}}</option>{{/from_options}}</select></label>
<label>{{t.after}} <select name="to">{{#to_options}}<option value="{{n}}"{{#selected}} selected{{/selected}}>v{{n}}</option>{{/to_options}}</select></label>
{{#side}}<input type="hidden" name="view" value="side">{{/side}}
<button type="submit">{{t.diff}}</button>
</form>
<p class="views"><a href="{{inline_url}}"{{^side}} aria-current="page"{{/side}}>{{t.inline}}</a> · <a href="{{side_url}}"{{#side}} aria-current="page"{{/side}}>{{t.side_by_side}}</a></p>
<p class="legend"><del>{{t.deleted_words}}</del> <ins>{{t.inserted_words}}</ins> — {{t.legend}}</p>
{{#same_version}}<p class="note">{{t.same_version}}</p>{{/same_version}}
{{#title_change}}<section class="change headline">
<h2>{{t.title}}</h2>
{{^side}}<p class="words">{{> words}}</p>{{/side}}
{{#side}}<div class="sides"><p class="before">{{#before}}{{> words}}{{/before}}</p><p class="after">{{#after}}{{> words}}{{/after}}</p></div>{{/side}}
</section>{{/title_change}}
{{#authors_change}}<section class="change byline"><h2>{{t.authors}}</h2><p><del>{{before}}</del> → <ins>{{after}}</ins></p></section>{{/authors_change}}
<div class="diff{{#side}} side{{/side}}">
{{#blocks}}{{#is_same}}<div class="block same">{{^side}}<p>{{text}}</p>{{/side}}{{#side}}<div class="sides"><p class="before">{{text}}</p><p class="after">{{text}}</p></div>{{/side}}</div>
{{/is_same}}{{^is_same}}<div class="block {{kind}}"><p class="label">{{label}}</p>
{{^side}}<p class="words">{{> words}}</p>{{/side}}
{{#side}}<div class="sides"><p class="before">{{#before}}{{> words}}{{/before}}</p><p class="after">{{#after}}{{> words}}{{/after}}</p></div>{{/side}}
</div>
{{/is_same}}{{/blocks}}
</div>
<p class="counts">{{counts}}</p>
)~";

constexpr const char* kSearch = R"~(<h1>{{t.search_title}}</h1>
<form method="get" action="/search" class="search">
<label class="q">{{t.query}} <input name="q" value="{{q}}" type="search"></label>
<label>{{t.since}} <input name="since" type="date" value="{{since}}"></label>
<label>{{t.until}} <input name="until" type="date" value="{{until}}"></label>
<label>{{t.press}} <input name="press" value="{{press}}"></label>
<label>{{t.source}} <input name="source" value="{{source}}"></label>
<label>{{t.portal}} <select name="portal">{{#portals}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/portals}}</select></label>
<label>{{t.sort}} <select name="sort"><option value="relevance"{{^by_date}} selected{{/by_date}}>{{t.relevance}}</option><option value="date"{{#by_date}} selected{{/by_date}}>{{t.date}}</option></select></label>
<label class="check"><input type="checkbox" name="all_versions" value="1"{{#all_versions}} checked{{/all_versions}}> {{t.all_versions}}</label>
<button type="submit">{{t.search_button}}</button>
</form>
<p class="help">{{t.search_help}}</p>
{{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
{{#lag}}<p class="note" role="status">{{.}}</p>{{/lag}}
{{#searched}}<p class="count">{{estimated}} {{t.matches}}</p>
{{^hits}}<p class="empty">{{t.no_matches}}</p>{{/hits}}
<ol class="hits" start="{{start}}">
{{#hits}}<li><p class="title"><a href="{{url}}">{{title}}</a></p>
<p class="meta">{{press}}{{#published}} · <time>{{published}}</time>{{/published}} · {{id}} · v{{version}}/{{versions}}{{#deleted}} · <strong>{{deleted}}</strong>{{/deleted}}{{#matched}} · {{t.text_in}} {{matched}}{{/matched}}</p>
<p class="snippet">{{#snippet}}{{#mark}}<mark>{{text}}</mark>{{/mark}}{{^mark}}{{text}}{{/mark}}{{/snippet}}</p></li>
{{/hits}}</ol>
<nav class="pager">{{#more_url}}<a rel="next" href="{{more_url}}">{{t.more_results}}</a>{{/more_url}}</nav>{{/searched}}
)~";

// A horizontal or vertical bar chart, its geometry computed by web/chart.h.
constexpr const char* kChartPartial = R"~(<figure class="chart">
<figcaption>{{caption}}</figcaption>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{width}} {{height}}" role="img" aria-label="{{caption}}">
{{#bars}}<g><title>{{label}}: {{value}}</title><rect class="bar" x="{{x}}" y="{{y}}" width="{{w}}" height="{{h}}"></rect><text class="label" x="{{lx}}" y="{{ly}}" text-anchor="{{la}}">{{label}}</text><text class="value" x="{{vx}}" y="{{vy}}" text-anchor="{{va}}">{{value}}</text></g>
{{/bars}}</svg>
</figure>
)~";

constexpr const char* kStats = R"~(<h1>{{t.stats_title}}</h1>
<p class="intro">{{t.stats_intro}}</p>
<form method="get" action="/stats" class="filters">
<label>{{t.since}} <input name="since" type="date" value="{{since}}"></label>
<label>{{t.until}} <input name="until" type="date" value="{{until}}"></label>
<label>{{t.portal}} <select name="portal">{{#portals}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/portals}}</select></label>
<label>{{t.by}} <select name="by"><option value="press"{{^by_source}} selected{{/by_source}}>{{t.press}}</option><option value="source"{{#by_source}} selected{{/by_source}}>{{t.source}}</option></select></label>
<button type="submit">{{t.apply}}</button>
</form>
<p class="period">{{period}}</p>
<div class="charts">
{{#share_chart}}{{> chart}}{{/share_chart}}
{{#delay_chart}}{{> chart}}{{/delay_chart}}
{{#class_chart}}{{> chart}}{{/class_chart}}
</div>
<div class="table-wrap">
<table class="stats">
<thead><tr><th scope="col">{{group_label}}</th><th scope="col">{{t.articles}}</th><th scope="col">{{t.edited_share}}</th><th scope="col">{{t.edits_per_article}}</th><th scope="col">{{t.headline_share}}</th><th scope="col">{{t.correction_share}}</th><th scope="col">{{t.deleted_share}}</th><th scope="col">{{t.median_delay}}</th><th scope="col">{{t.p90_delay}}</th></tr></thead>
<tbody>
{{#rows}}<tr{{#total}} class="total"{{/total}}><th scope="row">{{name}}</th><td>{{articles}}</td><td>{{edited_share}}</td><td>{{edits_per_article}}</td><td>{{headline_share}}</td><td>{{correction_share}}</td><td>{{deleted_share}}</td><td>{{median}}</td><td>{{p90}}</td></tr>
{{/rows}}</tbody>
</table>
</div>
)~";

constexpr const char* kSources = R"~(<h1>{{t.sources_title}}</h1>
{{^has_rows}}<p class="empty">{{t.sources_none}}</p>{{/has_rows}}
{{#has_rows}}<div class="table-wrap">
<table class="sources">
<thead><tr><th scope="col">{{t.source}}</th><th scope="col">{{t.type}}</th><th scope="col">{{t.status}}</th><th scope="col">{{t.last_poll}}</th><th scope="col">{{t.next_poll}}</th><th scope="col">{{t.found_24h}}</th><th scope="col">{{t.new_24h}}</th><th scope="col">{{t.archived_24h}}</th></tr></thead>
<tbody>
{{#rows}}<tr><th scope="row">{{name}}<br><span class="src">{{url}}</span></th><td>{{type}}</td><td><span class="status {{status_class}}">{{status}}</span>{{#detail}}<br><span class="detail">{{detail}}</span>{{/detail}}</td><td>{{last_poll}}</td><td>{{next_poll}}</td><td>{{found_24h}}</td><td>{{new_24h}}</td><td>{{archived_24h}}</td></tr>
{{/rows}}</tbody>
</table>
</div>{{/has_rows}}
)~";

constexpr const char* kError = R"~(<h1>{{heading}}</h1>
<p class="error" role="alert">{{message}}</p>
)~";

const std::map<std::string, const char*>& Pages() {
  static const std::map<std::string, const char*> pages = {
      {"edits", kEdits},   {"article", kArticle}, {"diff", kDiff},  {"search", kSearch},
      {"stats", kStats},   {"sources", kSources}, {"error", kError}};
  return pages;
}

mstch::node ToNode(const Json& j) {
  switch (j.type()) {
    case Json::value_t::object: {
      mstch::map m;
      for (auto it = j.begin(); it != j.end(); ++it) m.emplace(it.key(), ToNode(it.value()));
      return m;
    }
    case Json::value_t::array: {
      mstch::array a;
      a.reserve(j.size());
      for (const Json& e : j) a.push_back(ToNode(e));
      return a;
    }
    case Json::value_t::string: return j.get<std::string>();
    case Json::value_t::boolean: return j.get<bool>();
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return j.dump();  // shown as written
    case Json::value_t::number_float: return j.dump();
    default: return nullptr;
  }
}

}  // namespace

std::string RenderPage(const std::string& page, const Json& data) {
  const std::map<std::string, std::string> partials = {
      {"content", Pages().at(page)}, {"words", kWordsPartial}, {"chart", kChartPartial}};
  return mstch::render(kLayout, ToNode(data), partials);
}

const std::string& StyleSheet() {
  static const std::string css = R"~(:root {
  --fg: #1a1a1a; --muted: #5b5b5b; --bg: #fdfdfb; --line: #d9d6cf; --accent: #0b5cad;
  --del-bg: #fbd5d5; --del-fg: #8a1010; --ins-bg: #cdeccd; --ins-fg: #0d5a0d; --bar: #3f6fa8;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--fg); background: var(--bg); line-height: 1.7;
  font-family: "Noto Sans KR", "Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic",
               "NanumGothic", "Nanum Gothic", "NanumBarunGothic", system-ui, sans-serif;
  word-break: keep-all; overflow-wrap: anywhere;
}
a { color: var(--accent); }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px; }
header.site { display: flex; flex-wrap: wrap; gap: 0.5rem 1.25rem; align-items: baseline;
  padding: 0.75rem 1rem; border-bottom: 1px solid var(--line); background: #f3f1ec; }
header.site .brand { font-weight: 700; color: var(--fg); text-decoration: none; font-size: 1.1rem; }
header.site nav { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; }
header.site nav a[aria-current] { font-weight: 700; color: var(--fg); }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
footer.site { max-width: 60rem; margin: 2rem auto 1rem; padding: 0 1rem; color: var(--muted); font-size: 0.85rem; }
h1 { font-size: 1.5rem; line-height: 1.4; margin: 0.5rem 0; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 0.5rem; }
.meta, .note, .intro, .help, .period, .count, .ident { color: var(--muted); font-size: 0.9rem; }
.badge { display: inline-block; padding: 0 0.45em; border-radius: 0.3em; font-size: 0.8rem;
  border: 1px solid var(--line); background: #eee; color: var(--fg); }
.badge.headline { background: #fde7c0; } .badge.body { background: #dfe8f7; }
.badge.correction { background: #e6dcf5; } .badge.deleted { background: #f7d4d4; }
.badge.restored { background: #d4f0dc; } .badge.reextracted { background: #eee; font-style: italic; }
ol.edits, ol.hits { list-style: none; padding: 0; }
ol.edits li, ol.hits li { border-bottom: 1px solid var(--line); padding: 0.6rem 0; }
ol.edits p, ol.hits p { margin: 0.1rem 0; }
.title { font-weight: 600; }
.summary, .snippet { color: #333; }
form.filters, form.search, form.versions-pick { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem;
  align-items: flex-end; margin: 0.5rem 0 1rem; }
form label { display: flex; flex-direction: column; font-size: 0.85rem; color: var(--muted); }
form label.check { flex-direction: row; gap: 0.3rem; align-items: center; color: var(--fg); }
form label.q { flex: 1 1 16rem; }
input, select, button { font: inherit; font-size: 1rem; max-width: 100%; }
fieldset { border: 1px solid var(--line); display: flex; flex-wrap: wrap; gap: 0.2rem 0.8rem; }
details.filters summary { cursor: pointer; color: var(--accent); }
.pager { display: flex; justify-content: space-between; margin: 1rem 0; gap: 1rem; }
del { background: var(--del-bg); color: var(--del-fg); text-decoration: line-through;
  text-decoration-thickness: 2px; }
ins { background: var(--ins-bg); color: var(--ins-fg); text-decoration: underline;
  text-decoration-thickness: 2px; text-underline-offset: 0.2em; }
.diff .block { border-left: 4px solid transparent; padding: 0 0.75rem; margin: 0.5rem 0; }
.diff .block.same { color: var(--muted); }
.diff .block.edited { border-color: #c7a23a; }
.diff .block.added { border-color: #2f8a2f; }
.diff .block.removed { border-color: #b02a2a; }
.diff .label { font-size: 0.8rem; color: var(--muted); margin: 0; }
.sides { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.sides p { margin: 0.3rem 0; }
.change { border: 1px solid var(--line); padding: 0.25rem 0.75rem; margin: 0.75rem 0; background: #fffdf5; }
.article .subtitle { font-weight: 600; color: #333; }
.article .body p { margin: 0.8rem 0; }
figure.image { margin: 1rem 0; border: 1px dashed var(--line); padding: 0.5rem; }
figure.image .placeholder { color: var(--muted); font-size: 0.85rem; }
.src { color: var(--muted); font-size: 0.8rem; }
ol.versions { padding-left: 1.2rem; }
ol.versions li[aria-current] { font-weight: 600; }
ol.versions .vtitle { color: var(--muted); font-size: 0.9rem; }
iframe.archived { width: 100%; height: 32rem; border: 1px solid var(--line); background: #fff; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem; }
figure.chart { margin: 0; }
figure.chart figcaption { font-weight: 600; font-size: 0.95rem; }
figure.chart svg { width: 100%; height: auto; }
svg .bar { fill: var(--bar); }
svg text { font-size: 12px; fill: var(--fg); font-family: inherit; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
th, td { border-bottom: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: right; vertical-align: top; }
th[scope=row], thead th:first-child { text-align: left; }
tr.total { font-weight: 700; }
table.stats td { white-space: nowrap; } table.stats thead th { overflow-wrap: normal; }
.status.ok { color: #1d6b1d; } .status.bad { color: #a11; } .status.pending { color: var(--muted); }
.error { color: #a11; }
@media (max-width: 40rem) {
  .sides { grid-template-columns: 1fr; }
  .sides .before { border-bottom: 1px dotted var(--line); }
  table.stats th:nth-child(n+8), table.stats td:nth-child(n+8) { display: none; }
  h1 { font-size: 1.3rem; }
}
@media print {
  header.site nav, form, details.filters, .pager, iframe { display: none; }
  del, ins { background: none; color: inherit; }
}
)~";
  return css;
}

}  // namespace sinmun::web
