#include "tests/simulator/portal_simulator.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>

#include "common/hash.h"
#include "common/identity.h"
#include "common/time.h"

namespace sinmun::test_support {
namespace {

// Korean text of our own: headline and paragraphs per topic; articles cycle through them
// and carry their number in the headline, so every article differs.
struct Topic {
  const char* title;
  const char* press;
  const char* author;
  const char* paragraphs[4];
};

constexpr Topic kTopics[] = {
    {"국회, 내년도 예산안 본회의 처리", "신문일보", "홍길동 기자",
     {"국회는 2일 본회의를 열고 내년도 예산안을 처리했다.",
      "예산안은 재석 의원 250명 가운데 찬성 180명으로 가결됐다.",
      "여야는 막판까지 지역 사업 예산을 두고 협상을 이어갔다.",
      "정부는 이번 주 안에 예산 배정 계획을 발표할 예정이다."}},
    {"서울 첫눈, 평년보다 닷새 일러", "한빛방송", "김하늘 기자",
     {"서울에 올겨울 첫눈이 내렸다고 기상청이 밝혔다.",
      "이는 평년보다 닷새, 지난해보다 이틀 이른 것이다.",
      "기상청은 내일 아침 기온이 영하로 떨어지겠다고 예보했다.",
      "출근길 빙판길 사고에 각별히 유의해야 한다고 당부했다."}},
    {"반도체 수출 석 달 연속 증가", "경제신보", "이수출 기자",
     {"지난달 반도체 수출액이 지난해 같은 달보다 12% 늘었다.",
      "산업통상자원부는 인공지능 서버용 메모리 수요가 견조하다고 설명했다.",
      "다만 중국 시장의 회복세는 여전히 더딘 것으로 나타났다.",
      "업계는 내년 상반기까지 증가세가 이어질 것으로 내다봤다."}},
    {"지하철 2호선 신호 장애로 운행 지연", "도시일보", "박교통 기자",
     {"2일 오전 지하철 2호선 일부 구간에서 신호 장애가 발생했다.",
      "이 때문에 열차 운행이 최대 20분가량 지연됐다.",
      "서울교통공사는 장애 원인을 조사하고 있다고 밝혔다.",
      "공사는 승객들에게 버스 등 대체 교통수단 이용을 안내했다."}},
    {"국립중앙박물관, 고려 청자 특별전 개막", "문화타임즈", "최전시 기자",
     {"국립중앙박물관이 고려 청자 특별전을 연다.",
      "이번 전시에는 국보와 보물 12점을 포함해 모두 250여 점이 나온다.",
      "박물관은 해외에 있는 청자 30여 점도 빌려 왔다고 설명했다.",
      "전시는 내년 3월까지 이어지며 관람료는 무료다."}},
    {"프로야구 가을야구 마지막 경기 매진", "스포츠한국", "정야구 기자",
     {"프로야구 한국시리즈 마지막 경기 입장권이 모두 팔렸다.",
      "한국야구위원회는 예매 시작 3분 만에 매진됐다고 밝혔다.",
      "두 팀은 시리즈 전적 3승 3패로 맞서 있다.",
      "경기는 오후 6시 30분 잠실구장에서 열린다."}},
};

std::string Pad(int n, int width) {
  std::string s = std::to_string(n);
  return std::string(width > static_cast<int>(s.size()) ? width - s.size() : 0, '0') + s;
}

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string JsonEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '<') {
      out += "\\u003c";  // no "</script>" inside the script element
      continue;
    }
    out += c;
  }
  return out;
}

SimArticle FromTopic(int n, SimArticle::Layout layout) {
  const Topic& t = kTopics[(n - 1) % std::size(kTopics)];
  SimArticle a;
  a.layout = layout;
  a.title = std::string(t.title) + " (" + std::to_string(n) + "보)";
  a.press = t.press;
  a.author = t.author;
  a.published = "2026-11-02 09:30:00";
  for (const char* p : t.paragraphs) a.paragraphs.emplace_back(p);
  a.paragraphs[0] = std::to_string(n) + "번째 소식입니다. " + a.paragraphs[0];
  return a;
}

std::string DaumId(const std::string& path) { return path.substr(std::string_view("/v/").size()); }

std::string RenderDaum(const SimArticle& a, Redesign redesign) {
  const std::string id = DaumId(a.path);
  std::ostringstream o;
  o << "<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n"
    << "<title>" << Escape(a.title) << " | Daum 뉴스</title>\n"
    << "<meta property=\"og:site_name\" content=\"Daum | " << Escape(a.press) << "\">\n"
    << "<meta property=\"og:title\" content=\"" << Escape(a.title) << "\">\n"
    << "<meta property=\"og:regDate\" content=\"" << id.substr(0, 14) << "\">\n"
    << "<meta property=\"og:type\" content=\"article\">\n"
    << "<meta property=\"og:article:author\" content=\"" << Escape(a.press) << "\">\n"
    << "<meta property=\"og:url\" content=\"https://v.daum.net/v/" << id << "\">\n"
    << "</head>\n<body>\n";
  if (redesign == Redesign::kNoBody) {
    o << "<div id=\"__next\" data-article=\"" << id << "\"></div>\n"
      << "<script src=\"/static/news-view-2027.js\"></script>\n</body>\n</html>\n";
    return o.str();
  }
  o << "<header><h1><a href=\"/channel/" << Escape(a.press) << "\" id=\"kakaoServiceLogo\">"
    << Escape(a.press) << "</a></h1>\n"
    << "<nav><a href=\"/daum/list\">홈</a> <a href=\"/daum/society\">사회</a></nav></header>\n"
    << "<main id=\"kakaoContent\" class=\"doc-main\">\n<section class=\"inner-main\">\n"
    << "<h2 class=\"screen_out\">정치</h2>\n<article id=\"mArticle\" class=\"box_view\">\n"
    << "<div class=\"head_view\">\n<h3 class=\"tit_view\" data-translation=\"true\">"
    << Escape(a.title) << "</h3>\n"
    << "<div class=\"info_view\"> <span class=\"txt_info\">" << Escape(a.author)
    << "</span> <span class=\"txt_info\">입력 <span class=\"num_date\">2026. 11. 2. 09:30</span>"
    << "</span></div>\n</div>\n"
    << "<div class=\"news_view fs_type1\">\n"
    << "<div class=\"article_view\" data-translation-body=\"true\">\n";
  if (redesign == Redesign::kEmptyBody) {
    o << "<div class=\"article_body_v2\" data-render=\"client\"></div>\n"
      << "<script type=\"application/json\" id=\"article-body\">{\"blocks\":[";
    for (size_t i = 0; i < a.paragraphs.size(); ++i) {
      o << (i ? "," : "") << "{\"t\":\"" << JsonEscape(a.paragraphs[i]) << "\"}";
    }
    o << "]}</script>\n";
  } else {
    o << "<section dmcf-sid=\"SIM" << id << "\">\n";
    for (size_t i = 0; i < a.paragraphs.size(); ++i) {
      o << "<p contents-hash=\"" << ToHex(Sha256(a.paragraphs[i])) << "\" dmcf-pid=\"pid"
        << id.substr(11) << Pad(static_cast<int>(i), 3) << "\" dmcf-ptype=\"general\">"
        << Escape(a.paragraphs[i]) << "</p>\n";
    }
    o << "</section>\n";
  }
  o << "</div>\n<p class=\"\" data-translation=\"true\">Copyright © " << Escape(a.press)
    << ". 무단전재 및 재배포 금지.</p>\n</div>\n"
    << "<div class=\"viewrelate_wrap\"><strong class=\"tit_viewrelate\">관련 기사</strong>"
    << "<p>다른 기사 제목</p></div>\n</article>\n</section>\n</main>\n</body>\n</html>\n";
  return o.str();
}

void SplitNaverPath(const std::string& path, std::string* oid, std::string* aid) {
  // "/mnews/article/<oid>/<aid>"
  const std::string rest = path.substr(std::string_view("/mnews/article/").size());
  const size_t slash = rest.find('/');
  *oid = rest.substr(0, slash);
  *aid = rest.substr(slash + 1);
}

std::string RenderNaver(const SimArticle& a, Redesign redesign) {
  std::string oid, aid;
  SplitNaverPath(a.path, &oid, &aid);
  std::ostringstream o;
  o << "<!doctype html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n"
    << "<meta property=\"og:title\" content=\"" << Escape(a.title) << "\">\n"
    << "<meta property=\"og:type\" content=\"article\">\n"
    << "<meta property=\"og:url\" content=\"https://n.news.naver.com/mnews/article/" << oid << "/"
    << aid << "\">\n"
    << "<meta property=\"og:article:author\" content=\"" << Escape(a.press) << " | 네이버\">\n"
    << "<title>" << Escape(a.title) << "</title>\n</head>\n<body>\n";
  if (redesign == Redesign::kNoBody) {
    o << "<div id=\"root\" data-oid=\"" << oid << "\" data-aid=\"" << aid << "\"></div>\n"
      << "<script src=\"/static/mnews-2027.js\"></script>\n</body>\n</html>\n";
    return o.str();
  }
  o << "<div id=\"ct\" class=\"newsct\">\n<div class=\"media_end_head go_trans\">\n"
    << "<div class=\"media_end_head_top\"><a href=\"/naver/press/" << oid
    << "\" class=\"media_end_head_top_logo\"><img data-src=\"https://mimgnews.pstatic.net/logo/"
    << oid << ".png\" alt=\"" << Escape(a.press) << "\" class=\"media_end_head_top_logo_img\"></a></div>\n"
    << "<div class=\"media_end_head_title\"><h2 id=\"title_area\" class=\"media_end_head_headline\">"
    << "<span>" << Escape(a.title) << "</span></h2></div>\n"
    << "<div class=\"media_end_head_info nv_notrans\">\n"
    << "<div class=\"media_end_head_journalist_name_area\"><a href=\"https://media.naver.com/journalist/"
    << oid << "/1\"><em class=\"media_end_head_journalist_name\">" << Escape(a.author)
    << "</em></a></div>\n"
    << "<em class=\"media_end_head_info_datestamp_term\">입력</em>"
    << "<span class=\"media_end_head_info_datestamp_time _ARTICLE_DATE_TIME\" data-date-time=\""
    << a.published << "\">2026.11.02. 오전 9:30</span>\n"
    << "</div>\n</div>\n"
    << "<div id=\"newsct_article\" class=\"newsct_article _article_body\">\n"
    << "<article id=\"dic_area\" class=\"go_trans _article_content\">\n";
  if (redesign != Redesign::kEmptyBody) {
    for (size_t i = 0; i < a.paragraphs.size(); ++i) {
      o << (i ? "<br><br>" : "") << Escape(a.paragraphs[i]);
    }
  }
  o << "\n</article>\n</div>\n"
    << "<div class=\"byline\"><p class=\"byline_p\"><span class=\"byline_s\">" << Escape(a.author)
    << " (reporter@press.example)</span></p></div>\n"
    << "<div class=\"copyright\"><div class=\"c_inner\"><p class=\"c_text\">Copyright ⓒ "
    << Escape(a.press) << ". All rights reserved. 무단 전재 및 재배포 금지.</p></div></div>\n"
    << "</div>\n</body>\n</html>\n";
  return o.str();
}

// A generic outlet page; `with_meta_charset` false for the EUC-KR page, whose bytes must be
// judged without a <meta> declaration.
std::string RenderGeneric(const SimArticle& a, const std::string& host, bool with_meta_charset) {
  std::ostringstream o;
  o << "<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n";
  if (with_meta_charset) o << "<meta charset=\"utf-8\">\n";
  o << "<title>" << Escape(a.title) << " - " << Escape(a.press) << "</title>\n"
    << "<meta property=\"og:type\" content=\"article\">\n"
    << "<meta property=\"og:title\" content=\"" << Escape(a.title) << "\">\n"
    << "<meta property=\"og:site_name\" content=\"" << Escape(a.press) << "\">\n"
    << "<meta property=\"og:url\" content=\"http://" << host << a.path << "\">\n";
  const bool dated = !a.published.empty();
  if (dated) o << "<meta property=\"article:published_time\" content=\"2026-11-02T09:30:00+09:00\">\n";
  if (with_meta_charset) {
    o << "<script type=\"application/ld+json\">\n"
      << "{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\""
      << JsonEscape(a.title) << "\","
      << (dated ? "\"datePublished\":\"2026-11-02T09:30:00+09:00\"," : "")
      << "\"author\":[{\"@type\":\"Person\",\"name\":\"" << JsonEscape(a.author) << "\"}],"
      << "\"publisher\":{\"@type\":\"Organization\",\"name\":\"" << JsonEscape(a.press)
      << "\"}}\n</script>\n";
  }
  o << "</head>\n<body>\n<nav><ul><li><a href=\"/\">홈</a></li><li><a href=\"/politics\">정치</a>"
    << "</li></ul></nav>\n<header><h1>" << Escape(a.title) << "</h1></header>\n"
    << "<div class=\"article-body\">\n";
  for (const std::string& p : a.paragraphs) o << "<p>" << Escape(p) << "</p>\n";
  o << "</div>\n<div class=\"related\"><p>많이 본 뉴스</p></div>\n"
    << "<footer><p>회사 소개</p></footer>\n</body>\n</html>\n";
  return o.str();
}

// UTF-8 -> CP949 (EUC-KR's superset) with glibc's iconv. Aborts on failure: the text is
// ours and all of it is in KS X 1001.
std::string ToEucKr(const std::string& utf8) {
  iconv_t cd = iconv_open("CP949", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    std::cerr << "portal_simulator: iconv cannot convert to CP949\n";
    std::abort();
  }
  std::unique_ptr<void, int (*)(iconv_t)> guard(cd, iconv_close);
  std::string in = utf8;
  std::string out(in.size() * 2 + 16, '\0');
  char* inp = in.data();
  size_t inleft = in.size();
  char* outp = out.data();
  size_t outleft = out.size();
  if (iconv(cd, &inp, &inleft, &outp, &outleft) == static_cast<size_t>(-1)) {
    std::cerr << "portal_simulator: iconv failed (errno " << errno << ")\n";
    std::abort();
  }
  out.resize(out.size() - outleft);
  return out;
}

// "Mon, 02 Nov 2026 09:20:00 +0900" for a time point, in KST.
std::string Rfc822Kst(std::chrono::system_clock::time_point t) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto local = std::chrono::floor<std::chrono::seconds>(t) + std::chrono::hours(9);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day ymd(day);
  const std::chrono::hh_mm_ss hms(local - day);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d +0900",
                kDays[std::chrono::weekday(day).c_encoding()], unsigned(ymd.day()),
                kMonths[unsigned(ymd.month()) - 1], int(ymd.year()), int(hms.hours().count()),
                int(hms.minutes().count()), int(hms.seconds().count()));
  return buf;
}

std::string Rfc3339Kst(std::chrono::system_clock::time_point t) {
  return FormatRfc3339Kst(std::chrono::floor<std::chrono::seconds>(t));
}

// The discovery listings' article pages, one per listing.
constexpr std::pair<std::string_view, std::string_view> kDiscoveryArticles[] = {
    {PortalSimulator::kSitemapIndexPath, "/news/sitemap-1.html"},
    {PortalSimulator::kNewsSitemapPath, "/news/sitemap-1.html"},
    {PortalSimulator::kGzipSitemapPath, "/news/gz-1.html"},
    {PortalSimulator::kRdfFeedPath, "/news/rdf-1.html"},
    {PortalSimulator::kOctetFeedPath, "/news/octet-1.html"},
};

bool IsListingPath(std::string_view path) {
  return path == PortalSimulator::kDaumListPath || path == PortalSimulator::kNaverSectionPath ||
         path == PortalSimulator::kFeedPath || path == PortalSimulator::kHostileFeedPath ||
         std::any_of(std::begin(kDiscoveryArticles), std::end(kDiscoveryArticles),
                     [&](const auto& d) { return d.first == path; });
}

}  // namespace

std::string PortalSimulator::DiscoveryArticlePath(std::string_view listing_path) {
  for (const auto& [listing, article] : kDiscoveryArticles) {
    if (listing == listing_path) return std::string(article);
  }
  return "";
}

std::optional<Response> PortalSimulator::DiscoveryListing(const std::string& path) const {
  const std::string when = Rfc3339Kst(ListingTime());
  const std::string base = Url("");
  const auto title = [&](std::string_view p) { return Escape(articles_.at(std::string(p)).title); };
  const auto news_sitemap = [&](std::string_view article) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"\n"
           "        xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n"
           "<url><loc>" + base + std::string(article) + "</loc><news:news><news:publication>"
           "<news:name>시뮬레이터</news:name><news:language>ko</news:language></news:publication>"
           "<news:publication_date>" + when + "</news:publication_date><news:title>" +
           title(article) + "</news:title></news:news></url>\n</urlset>\n";
  };
  const auto rss2 = [&](std::string_view article) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>"
           "<title>시뮬레이터</title><link>" + base + "/</link><item><title>" + title(article) +
           "</title><link>" + base + std::string(article) + "</link><pubDate>" +
           Rfc822Kst(ListingTime()) + "</pubDate></item></channel></rss>\n";
  };
  if (path == kSitemapIndexPath) {
    return Response::WithType(
        "application/xml; charset=utf-8",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n<sitemap><loc>" +
            base + std::string(kNewsSitemapPath) + "</loc><lastmod>" + when +
            "</lastmod></sitemap>\n</sitemapindex>\n");
  }
  if (path == kNewsSitemapPath) {
    return Response::WithType("application/xml; charset=utf-8",
                              news_sitemap(DiscoveryArticlePath(kNewsSitemapPath)));
  }
  if (path == kGzipSitemapPath) {
    return Response::WithType("application/x-gzip",
                              Gzip(news_sitemap(DiscoveryArticlePath(kGzipSitemapPath))));
  }
  if (path == kRdfFeedPath) {
    const std::string article = DiscoveryArticlePath(kRdfFeedPath);
    return Response::WithType(
        "application/rdf+xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"\n"
        " xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
        "<channel rdf:about=\"" + base + "/\"><title>시뮬레이터</title><link>" + base +
            "/</link><items><rdf:Seq><rdf:li rdf:resource=\"" + base + article +
            "\"/></rdf:Seq></items></channel>\n<item rdf:about=\"" + base + article +
            "\"><title>" + title(article) + "</title><link>" + base + article +
            "</link><dc:date>" + when + "</dc:date></item>\n</rdf:RDF>\n");
  }
  if (path == kOctetFeedPath) {
    return Response::WithType("application/octet-stream",
                              rss2(DiscoveryArticlePath(kOctetFeedPath)));
  }
  return std::nullopt;
}

PortalSimulator::PortalSimulator() : PortalSimulator(Options{}) {}

PortalSimulator::PortalSimulator(Options options)
    : options_(options), started_(std::chrono::system_clock::now()) {
  if (!options_.replay_manifest.empty()) {
    std::string error;
    replay_ = SourceReplay::Load(options_.replay_manifest, options_.real_pages_dir, started_, &error);
    if (!replay_) {
      std::cerr << "portal_simulator: " << error << '\n';
      std::abort();
    }
  }
  {
    std::lock_guard lock(mu_);
    for (int i = 0; i < options_.daum_articles; ++i) daum_list_.push_back(NewDaumArticleLocked());
    for (int i = 0; i < options_.naver_articles; ++i) naver_list_.push_back(NewNaverArticleLocked());
    for (int i = 0; i < options_.feed_articles; ++i) feed_list_.push_back(NewFeedArticleLocked());
    crawl_delay_ = options_.crawl_delay_seconds;

    SimArticle euc;
    euc.layout = SimArticle::Layout::kEucKr;
    euc.path = std::string(kEucKrPath);
    euc.title = "옛날 신문 홈페이지의 한글 기사";
    euc.press = "옛날신문";
    euc.author = "한옛날 기자";
    euc.published = "2026-11-02 09:30:00";
    euc.paragraphs = {"이 문서는 EUC-KR 바이트로 보내지만 머리글은 UTF-8이라고 말한다.",
                      "수집기는 바이트를 보고 한국어 인코딩을 알아내야 한다.",
                      "한글 완성형 글자만 써서 변환에 실패하는 글자는 없다."};
    articles_[euc.path] = euc;

    int n = 10;
    for (const auto& [listing, path] : kDiscoveryArticles) {
      if (articles_.count(std::string(path)) > 0) continue;
      SimArticle a = FromTopic(++n, SimArticle::Layout::kGeneric);
      a.path = std::string(path);
      // The RSS-as-octet-stream article states no time: its feed's pubDate is all there is.
      if (listing == kOctetFeedPath) a.published.clear();
      articles_[a.path] = std::move(a);
    }
  }
  oversized_body_ = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>큰 문서</title>"
                    "</head><body><p>";
  oversized_body_.append(options_.oversized_bytes, 'x');
  oversized_body_ += "</p></body></html>";
  bomb_body_ = GzipOfZeros(options_.gzip_bomb_bytes);
  server_ = std::make_unique<LoopbackServer>([this](const Request& r) { return Handle(r); });
}

PortalSimulator::~PortalSimulator() { server_->Stop(); }

std::chrono::system_clock::time_point PortalSimulator::ListingTime() const {
  return started_ - std::chrono::minutes(10);
}

std::string PortalSimulator::Url(std::string_view path) const { return server_->Url(path); }

std::string PortalSimulator::AltUrl(std::string_view path) const {
  return "http://localhost:" + std::to_string(port()) + std::string(path);
}

std::string PortalSimulator::HostileUrl(std::string_view path) const {
  std::string label;
  if (path == kEucKrPath) {
    label = "euckr";
  } else {
    // "/hostile/<label>.html" or "/hostile/<label>/..."
    const std::string_view rest = path.substr(std::string_view("/hostile/").size());
    label = std::string(rest.substr(0, rest.find_first_of("./")));
  }
  return "http://" + label + ".localhost:" + std::to_string(port()) + std::string(path);
}

std::string PortalSimulator::NewDaumArticleLocked() {
  const int n = next_daum_++;
  SimArticle a = FromTopic(n, SimArticle::Layout::kDaum);
  a.path = "/v/20261102093000" + Pad(n, 3);
  a.id = "daum:" + DaumId(a.path);
  std::string path = a.path;
  articles_[path] = std::move(a);
  return path;
}

std::string PortalSimulator::NewNaverArticleLocked() {
  const int n = next_naver_++;
  SimArticle a = FromTopic(n + 2, SimArticle::Layout::kNaver);
  a.path = "/mnews/article/437/" + Pad(n, 10);
  a.id = "naver:437:" + Pad(n, 10);
  std::string path = a.path;
  articles_[path] = std::move(a);
  return path;
}

std::string PortalSimulator::NewFeedArticleLocked() {
  const int n = next_feed_++;
  SimArticle a = FromTopic(n + 4, SimArticle::Layout::kGeneric);
  a.path = "/news/" + std::to_string(n) + ".html";
  std::string path = a.path;
  articles_[path] = std::move(a);
  return path;
}

std::string PortalSimulator::AddDaumArticle() {
  std::lock_guard lock(mu_);
  std::string path = NewDaumArticleLocked();
  daum_list_.insert(daum_list_.begin(), path);
  return path;
}

std::string PortalSimulator::AddNaverArticle() {
  std::lock_guard lock(mu_);
  std::string path = NewNaverArticleLocked();
  naver_list_.insert(naver_list_.begin(), path);
  return path;
}

std::vector<std::string> PortalSimulator::DaumPaths() const {
  std::lock_guard lock(mu_);
  return daum_list_;
}
std::vector<std::string> PortalSimulator::NaverPaths() const {
  std::lock_guard lock(mu_);
  return naver_list_;
}
std::vector<std::string> PortalSimulator::FeedPaths() const {
  std::lock_guard lock(mu_);
  return feed_list_;
}

std::optional<SimArticle> PortalSimulator::Article(std::string_view path) const {
  std::lock_guard lock(mu_);
  auto it = articles_.find(path);
  if (it == articles_.end()) return std::nullopt;
  return it->second;
}

std::string PortalSimulator::ExpectedId(std::string_view path) const {
  std::optional<SimArticle> a = Article(path);
  if (a && !a->id.empty()) return a->id;
  return ArticleIdForUrl(Url(path)).value_or("url:" + Url(path));
}

SimArticle& PortalSimulator::MustFind(std::string_view path) {
  auto it = articles_.find(path);
  if (it == articles_.end()) {
    std::cerr << "PortalSimulator: no article at " << path << '\n';
    std::abort();
  }
  return it->second;
}

void PortalSimulator::EditParagraph(std::string_view path, size_t paragraph, std::string text) {
  std::lock_guard lock(mu_);
  MustFind(path).paragraphs.at(paragraph) = std::move(text);
}

void PortalSimulator::SetHeadline(std::string_view path, std::string title) {
  std::lock_guard lock(mu_);
  MustFind(path).title = std::move(title);
}

void PortalSimulator::AppendParagraph(std::string_view path, std::string text) {
  std::lock_guard lock(mu_);
  MustFind(path).paragraphs.push_back(std::move(text));
}

void PortalSimulator::EditAfterRequests(std::string_view path, int after_requests,
                                        std::function<void(SimArticle&)> edit) {
  std::lock_guard lock(mu_);
  MustFind(path);
  edits_[std::string(path)].push_back(PendingEdit{after_requests, std::move(edit)});
}

void PortalSimulator::SetGone(std::string_view path, int status) {
  std::lock_guard lock(mu_);
  gone_[std::string(path)] = Gone{status};
}

void PortalSimulator::Restore(std::string_view path) {
  std::lock_guard lock(mu_);
  gone_.erase(std::string(path));
}

void PortalSimulator::FailNext(int status, int count, std::optional<int> retry_after_seconds,
                               std::string path_prefix) {
  std::lock_guard lock(mu_);
  fail_rules_.push_back(FailRule{status, count, retry_after_seconds, std::move(path_prefix)});
}

void PortalSimulator::SetDelay(std::string path_prefix, std::chrono::milliseconds delay) {
  std::lock_guard lock(mu_);
  std::erase_if(delays_, [&](const auto& d) { return d.first == path_prefix; });
  if (delay.count() > 0) delays_.emplace_back(std::move(path_prefix), delay);
}

void PortalSimulator::SetDown(bool down) {
  if (down) {
    server_->StopListening();
  } else {
    server_->Listen();
  }
}

void PortalSimulator::SetRedesign(Redesign redesign) {
  std::lock_guard lock(mu_);
  redesign_ = redesign;
}

void PortalSimulator::SetCrawlDelay(std::optional<int> seconds) {
  std::lock_guard lock(mu_);
  crawl_delay_ = seconds;
}

std::vector<Request> PortalSimulator::Requests() const { return server_->requests(); }

std::vector<Request> PortalSimulator::RequestsTo(std::string_view path) const {
  std::vector<Request> out;
  for (Request& r : server_->requests()) {
    if (r.path == path) out.push_back(std::move(r));
  }
  return out;
}

size_t PortalSimulator::RequestCount(std::string_view path) const { return RequestsTo(path).size(); }

Response PortalSimulator::Handle(const Request& request) {
  std::string host = request.Header("Host");
  if (host.empty()) host = "127.0.0.1:" + std::to_string(port());
  if (replay_ && replay_->Serves(host.substr(0, host.rfind(':')))) {
    return replay_->Handle(request, host.substr(0, host.rfind(':')), port());
  }
  std::lock_guard lock(mu_);
  Response response = HandleLocked(request, host);
  if (response.status == 200 && IsListingPath(request.path)) {
    // Conditional GET: a strong validator from the body.
    const std::string etag = "\"" + ToHex(Sha256(response.body)).substr(0, 16) + "\"";
    response.headers.emplace_back("ETag", etag);
    if (request.Header("If-None-Match") == etag) {
      response.status = 304;
      response.body.clear();
    }
  }
  for (const auto& [prefix, delay] : delays_) {
    if (request.path.compare(0, prefix.size(), prefix) == 0) response.delay = delay;
  }
  return response;
}

Response PortalSimulator::HandleLocked(const Request& request, const std::string& host) {
  const std::string& path = request.path;
  const int served_before = served_[path]++;

  for (FailRule& rule : fail_rules_) {
    if (rule.remaining <= 0) continue;
    const bool matches = rule.prefix.empty() ? path != kRobotsPath
                                             : path.compare(0, rule.prefix.size(), rule.prefix) == 0;
    if (!matches) continue;
    --rule.remaining;
    Response r = Response::Html("<html><body>busy</body></html>", rule.status);
    if (rule.retry_after) r.headers.emplace_back("Retry-After", std::to_string(*rule.retry_after));
    return r;
  }
  if (path == kRobotsPath) {
    std::string robots = "# portal simulator\nUser-agent: *\nDisallow: /private/\n";
    if (crawl_delay_) robots += "Crawl-delay: " + std::to_string(*crawl_delay_) + "\n";
    return Response::WithType("text/plain; charset=utf-8", robots);
  }

  if (path == kDaumListPath) {
    std::ostringstream o;
    o << "<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<title>정치 | 다음뉴스</title>\n</head>\n<body>\n"
      << "<header><a href=\"/daum/list\" id=\"kakaoServiceLogo\">Daum 뉴스</a>\n"
      << "<nav><a href=\"/daum/list\">홈</a> <a href=\"/daum/society\">사회</a> "
      << "<a href=\"/search?q=%EB%89%B4%EC%8A%A4\">검색</a> "
      << "<a href=\"/channel/home\">채널</a></nav></header>\n"
      << "<div class=\"box_ad\"><a href=\"/ad/click?id=1&amp;pos=top\">광고: 가을 세일</a></div>\n"
      << "<ul class=\"list_news2\">\n";
    for (const std::string& p : daum_list_) {
      const SimArticle& a = articles_.at(p);
      o << "<li><div class=\"item_newsheadline2\"><a href=\"" << p
        << "\" class=\"link_txt\"><strong class=\"tit_txt\">" << Escape(a.title)
        << "</strong></a><p class=\"desc_txt\">" << Escape(a.paragraphs.front())
        << "</p><span class=\"txt_info\">" << Escape(a.press) << "</span>"
        << "<a href=\"" << p << "/comments\" class=\"link_cmt\">댓글</a></div></li>\n";
    }
    o << "<li><a href=\"" << kPrivateDaumPath << "\" class=\"link_txt\">비공개 기사</a></li>\n"
      << "</ul>\n<footer><a href=\"/policy\">이용약관</a></footer>\n</body>\n</html>\n";
    return Response::Html(o.str());
  }
  if (path == kNaverSectionPath) {
    std::ostringstream o;
    o << "<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<title>정치 : 네이버 뉴스</title>\n</head>\n<body>\n"
      << "<div class=\"Nlnb\"><a href=\"/naver/section/101\">경제</a> "
      << "<a href=\"/naver/section/102\">사회</a> "
      << "<a href=\"/mnews/ranking/article/437/0000000099\">랭킹</a></div>\n"
      << "<div class=\"section_article\"><ul class=\"sa_list\">\n";
    for (const std::string& p : naver_list_) {
      const SimArticle& a = articles_.at(p);
      o << "<li class=\"sa_item\"><div class=\"sa_text\"><a href=\"" << p
        << "?sid=100\" class=\"sa_text_title\"><strong class=\"sa_text_strong\">" << Escape(a.title)
        << "</strong></a><div class=\"sa_text_lede\">" << Escape(a.paragraphs.front())
        << "</div><div class=\"sa_text_press\">" << Escape(a.press) << "</div></div></li>\n";
    }
    o << "</ul></div>\n<div class=\"ad\"><a href=\"/adcr?x=1\">광고</a></div>\n</body>\n</html>\n";
    return Response::Html(o.str());
  }
  if (path == kFeedPath || path == kHostileFeedPath) {
    std::vector<std::pair<std::string, std::string>> items;  // URL, title
    if (path == kFeedPath) {
      for (const std::string& p : feed_list_) items.emplace_back("http://" + host + p, articles_.at(p).title);
      items.emplace_back("http://" + host + std::string(kPrivateFeedPath), "비공개 기사");
    } else {
      items = {{HostileUrl(kEucKrPath), articles_.at(std::string(kEucKrPath)).title},
               {HostileUrl(kOversizedPath), "너무 큰 문서"},
               {HostileUrl(kBombPath), "압축 폭탄"},
               {HostileUrl(kLoopPath), "끝없는 전달"},
               {HostileUrl(kSlowPath), "느린 문서"},
               {HostileUrl(kUnavailablePath), "잠시 쉬는 문서"}};
    }
    std::ostringstream o;
    o << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n<channel>\n"
      << "<title>시뮬레이터 뉴스</title>\n<link>http://" << host << "/</link>\n"
      << "<description>포털 시뮬레이터의 피드</description>\n";
    for (const auto& [link, title] : items) {
      o << "<item><title>" << Escape(title) << "</title><link>" << link
        << "</link><pubDate>" << Rfc822Kst(ListingTime())
        << "</pubDate></item>\n";
    }
    o << "</channel>\n</rss>\n";
    return Response::WithType("application/rss+xml; charset=utf-8", o.str());
  }

  if (std::optional<Response> listing = DiscoveryListing(path)) return *listing;
  if (path == kOversizedPath) return Response::Html(oversized_body_);
  if (path == kBombPath) {
    Response r = Response::WithType("text/html; charset=utf-8", bomb_body_);
    r.headers.emplace_back("Content-Encoding", "gzip");
    return r;
  }
  if (path == "/hostile/loop/a") return Response::Redirect("/hostile/loop/b");
  if (path == "/hostile/loop/b") return Response::Redirect("/hostile/loop/a");
  if (path == kSlowPath) {
    SimArticle a = FromTopic(99, SimArticle::Layout::kGeneric);
    a.path = path;
    Response r = Response::Html(RenderGeneric(a, host, true));
    r.delay = options_.slow_delay;
    return r;
  }
  if (path == kUnavailablePath) {
    if (unavailable_served_++ < options_.unavailable_burst) {
      return Response::Html("<html><body>Service Unavailable</body></html>", 503);
    }
    SimArticle a = FromTopic(98, SimArticle::Layout::kGeneric);
    a.path = path;
    return Response::Html(RenderGeneric(a, host, true));
  }

  auto it = articles_.find(path);
  if (it == articles_.end()) {
    return Response::Html("<html><body><h1>404 찾을 수 없음</h1></body></html>", 404);
  }
  if (auto gone = gone_.find(path); gone != gone_.end()) {
    return Response::Html("<html><body><h1>삭제된 기사입니다</h1></body></html>", gone->second.status);
  }
  SimArticle& article = it->second;
  if (auto pending = edits_.find(path); pending != edits_.end()) {
    auto& list = pending->second;
    for (auto e = list.begin(); e != list.end();) {
      if (served_before >= e->after_requests) {
        e->edit(article);
        e = list.erase(e);
      } else {
        ++e;
      }
    }
  }
  switch (article.layout) {
    case SimArticle::Layout::kDaum: return Response::Html(RenderDaum(article, redesign_));
    case SimArticle::Layout::kNaver: return Response::Html(RenderNaver(article, redesign_));
    case SimArticle::Layout::kGeneric: return Response::Html(RenderGeneric(article, host, true));
    case SimArticle::Layout::kEucKr:
      return Response::WithType("text/html; charset=utf-8",
                                ToEucKr(RenderGeneric(article, host, false)));
  }
  return Response::Html("<html><body>unknown layout</body></html>", 500);
}

std::string PortalSimulator::ConfigSnippet(const std::string& archive_path,
                                           const std::string& metrics_listen) const {
  std::ostringstream o;
  o << "[archive]\npath = " << archive_path << "\n\n"
    << "[crawler]\nper_host_interval = 250ms\ntimeout = 3s\nallow_private_addresses = true\n"
    << "revisit = 10s,30s,1m,5m\n\n"
    << "[metrics]\nlisten = " << metrics_listen << "\n\n"
    << "[source.sim-daum]\ntype = daum\nurl = " << Url(kDaumListPath) << "\ninterval = 30s\n\n"
    << "[source.sim-naver]\ntype = naver\nurl = " << Url(kNaverSectionPath) << "\ninterval = 30s\n\n"
    << "[source.sim-rss]\ntype = rss\nurl = " << Url(kFeedPath) << "\ninterval = 1m\n\n"
    << "# The hostile pages, on a second host name of the same server:\n"
    << "#[source.sim-hostile]\n#type = rss\n#url = " << AltUrl(kHostileFeedPath)
    << "\n#interval = 1m\n";
  if (replay_) {
    o << "\n# Saved copies of the shipped sources, each on its own host name:\n";
    for (const SourceReplay::Source& s : replay_->sources()) {
      if (!s.available) {
        o << "# [source." << s.name << "]: not replayed, " << s.missing << " is missing\n";
        continue;
      }
      o << "\n[source." << s.name << "]\ntype = " << s.type
        << "\nurl = " << replay_->ReplayUrl(s.url, port()) << "\ninterval = 5m\n";
    }
  }
  return o.str();
}

}  // namespace sinmun::test_support
