#include "tests/crawler/extract/extraction_score.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>

#include "common/text.h"
#include "common/time.h"

namespace sinmun::testing {
namespace {

using nlohmann::json;

std::vector<std::string> Tokens(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string token;
  while (in >> token) out.push_back(token);
  return out;
}

std::vector<std::string> BodyTexts(const Article& a) {
  std::vector<std::string> out;
  for (const Block& b : a.blocks) {
    if ((b.type == BlockType::kParagraph || b.type == BlockType::kSubheading) && !b.text.empty()) {
      out.push_back(b.text);
    }
  }
  return out;
}

std::string Kst(const std::optional<Instant>& t) { return t ? FormatRfc3339Kst(*t) : "none"; }

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
  return "[" + out + "]";
}

std::string Opening(const std::string& text) {
  std::string out;
  size_t chars = 0;
  for (size_t i = 0; i < text.size() && chars < 30; ++i) {
    out += text[i];
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++chars;
  }
  // Finish a cut UTF-8 sequence.
  for (size_t i = out.size(); i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80; ++i) {
    out += text[i];
  }
  return out;
}

std::string StringField(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

std::vector<std::string> ListField(const json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return out;
  for (const json& v : *it) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

}  // namespace

Result<GoldPage> ReadGold(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read " + path);
  json j = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("file") || !j.contains("body")) {
    return Status::InvalidArgument(path + ": not a gold record (needs \"file\" and \"body\")");
  }
  GoldPage g;
  g.name = std::filesystem::path(path).stem().string();
  g.file = StringField(j, "file");
  g.url = StringField(j, "url");
  g.id = StringField(j, "id");
  g.title = NormalizeText(StringField(j, "title"));
  g.press = StringField(j, "press");
  g.authors = ListField(j, "authors");
  g.published = StringField(j, "published");
  g.modified = StringField(j, "modified");
  for (const std::string& p : ListField(j, "body")) g.body.push_back(NormalizeText(p));
  g.leaks = ListField(j, "leaks");
  return g;
}

Result<std::vector<GoldPage>> ReadGoldDir(const std::string& dir) {
  std::vector<std::string> paths;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".json") paths.push_back(entry.path().string());
  }
  if (ec) return Status::NotFound("cannot list " + dir + ": " + ec.message());
  std::sort(paths.begin(), paths.end());
  std::vector<GoldPage> pages;
  for (const std::string& p : paths) {
    Result<GoldPage> g = ReadGold(p);
    if (!g.ok()) return g.status();
    pages.push_back(std::move(*g));
  }
  return pages;
}

PageScore ScorePage(const GoldPage& gold, const Result<Article>& got) {
  PageScore score;
  if (!got.ok()) {
    score.mismatch.push_back("extraction failed: " + got.status().message());
    return score;
  }
  score.extracted = true;
  const Article& a = *got;

  std::unordered_map<std::string, int> gold_bag;
  size_t gold_tokens = 0;
  for (const std::string& p : gold.body) {
    for (std::string& t : Tokens(p)) {
      ++gold_bag[t];
      ++gold_tokens;
    }
  }
  std::unordered_map<std::string, int> remaining = gold_bag;
  size_t got_tokens = 0;
  size_t common = 0;
  const std::vector<std::string> body = BodyTexts(a);
  std::string joined;
  for (const std::string& block : body) {
    joined += block + "\n";
    size_t in_gold = 0;
    const std::vector<std::string> tokens = Tokens(block);
    for (const std::string& t : tokens) {
      ++got_tokens;
      if (gold_bag.count(t) != 0) ++in_gold;
      auto it = remaining.find(t);
      if (it != remaining.end() && it->second > 0) {
        --it->second;
        ++common;
      }
    }
    const bool listed = std::any_of(gold.leaks.begin(), gold.leaks.end(), [&](const std::string& l) {
      return block.find(l) != std::string::npos;
    });
    if (!listed && in_gold * 2 < tokens.size()) score.leaks.push_back("block «" + Opening(block) + "»");
  }
  for (const std::string& leak : gold.leaks) {
    if (joined.find(leak) != std::string::npos) score.leaks.push_back("«" + leak + "»");
  }
  score.precision = got_tokens == 0 ? 0 : static_cast<double>(common) / static_cast<double>(got_tokens);
  score.recall = gold_tokens == 0 ? 1 : static_cast<double>(common) / static_cast<double>(gold_tokens);
  score.f1 = score.precision + score.recall == 0
                 ? 0
                 : 2 * score.precision * score.recall / (score.precision + score.recall);

  const auto check = [&](const char* field, const std::string& got_value, const std::string& want) {
    if (got_value != want) {
      score.mismatch.push_back(std::string(field) + ": got «" + got_value + "» want «" + want + "»");
    }
  };
  if (!gold.id.empty()) check("id", a.id, gold.id);
  check("title", a.title, gold.title);
  check("press", a.press, gold.press);
  check("authors", Join(a.authors), Join(gold.authors));
  check("published", Kst(a.published), gold.published);
  check("modified", Kst(a.modified), gold.modified);
  return score;
}

std::string FormatReport(const std::vector<GoldPage>& gold, const std::vector<PageScore>& scores) {
  std::ostringstream out;
  double f1_sum = 0;
  size_t leaks = 0;
  size_t fields_right = 0;
  char line[256];
  for (size_t i = 0; i < gold.size() && i < scores.size(); ++i) {
    const PageScore& s = scores[i];
    std::snprintf(line, sizeof line, "%-48s F1 %.4f (P %.4f R %.4f)  leaks %zu  fields %s\n",
                  gold[i].name.c_str(), s.f1, s.precision, s.recall, s.leaks.size(),
                  s.mismatch.empty() ? "right" : "WRONG");
    out << line;
    for (const std::string& l : s.leaks) out << "    leak: " << l << "\n";
    for (const std::string& m : s.mismatch) out << "    " << m << "\n";
    f1_sum += s.f1;
    leaks += s.leaks.size();
    fields_right += s.mismatch.empty() ? 1 : 0;
  }
  const double mean = scores.empty() ? 0 : f1_sum / static_cast<double>(scores.size());
  std::snprintf(line, sizeof line, "%zu pages: mean body F1 %.4f, %zu leaks, fields right on %zu/%zu\n",
                scores.size(), mean, leaks, fields_right, scores.size());
  out << line;
  return out.str();
}

}  // namespace sinmun::testing
