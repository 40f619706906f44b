#include "crawler/extract/body_blocks.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_map>

#include "common/text.h"
#include "crawler/extract/boilerplate.h"

namespace sinmun {
namespace {

// A photo box's text beyond this (bytes; ~200 Hangul syllables) is body text, not a caption.
constexpr size_t kMaxCaptionBytes = 600;
// Text of at least this many bytes (~13 Hangul syllables) reads as a sentence.
constexpr size_t kSentenceBytes = 40;

struct Stats {
  size_t text = 0;     // non-space bytes of text
  size_t link = 0;     // of which inside <a>
  size_t images = 0;   // <img> elements
  size_t anchors = 0;  // <a> elements
};

size_t NonSpaceBytes(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++n;
  }
  return n;
}

// Bottom-up counts for every element under `root` (root included).
void CollectStats(HtmlNode root, std::unordered_map<HtmlNode, Stats>* stats) {
  std::vector<HtmlNode> order;  // pre-order
  std::vector<HtmlNode> stack = {root};
  while (!stack.empty()) {
    HtmlNode n = stack.back();
    stack.pop_back();
    order.push_back(n);
    for (HtmlNode c = HtmlDocument::FirstChild(n); c != nullptr; c = HtmlDocument::NextSibling(c)) {
      if (!HtmlDocument::Name(c).empty() && !HtmlDocument::IsNeverText(c)) stack.push_back(c);
    }
  }
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    HtmlNode n = *it;
    Stats& s = (*stats)[n];
    const std::string_view name = HtmlDocument::Name(n);
    if (name == "img") ++s.images;
    if (name == "a") {
      ++s.anchors;
    }
    for (HtmlNode c = HtmlDocument::FirstChild(n); c != nullptr; c = HtmlDocument::NextSibling(c)) {
      if (HtmlDocument::IsTextNode(c)) {
        const size_t bytes = NonSpaceBytes(HtmlDocument::NodeText(c));
        s.text += bytes;
        if (name == "a") s.link += bytes;
      }
    }
    if (name == "a") s.link = s.text;
    if (HtmlNode parent = HtmlDocument::Parent(n); parent != nullptr && n != root) {
      Stats& p = (*stats)[parent];
      p.text += s.text;
      p.link += s.link;
      p.images += s.images;
      p.anchors += s.anchors;
    }
  }
}

bool NamedCaption(HtmlNode node) {
  static constexpr std::array<std::string_view, 12> kWords = {
      "caption", "cap", "figcaption", "desc", "imgdesc", "photodesc", "phototext", "phototxt",
      "imgcaption", "photocaption", "img_desc", "photo_desc"};
  for (const char* attr : {"class", "id"}) {
    std::string value = HtmlDocument::Attr(node, attr);
    for (char& c : value) {
      const auto u = static_cast<unsigned char>(c);
      c = std::isalnum(u) ? static_cast<char>(std::tolower(u)) : ' ';
    }
    size_t pos = 0;
    while (pos < value.size()) {
      size_t end = value.find(' ', pos);
      if (end == std::string::npos) end = value.size();
      const std::string_view w = std::string_view(value).substr(pos, end - pos);
      if (!w.empty() && std::find(kWords.begin(), kWords.end(), w) != kWords.end()) return true;
      pos = end + 1;
    }
  }
  return false;
}

bool IsHeading(std::string_view name) {
  return name.size() == 2 && name[0] == 'h' && name[1] >= '2' && name[1] <= '6';
}

// Players worth keeping as embeds; anything else in an iframe is an ad or a widget.
bool IsPlayer(std::string_view src) {
  static constexpr std::array<std::string_view, 12> kHosts = {
      "youtube.com", "youtu.be", "tv.kakao.com", "kakaotv", "tv.naver.com", "vimeo.com",
      "dailymotion", "player",   "video",        "vod",     "twitter.com", "instagram.com"};
  return std::any_of(kHosts.begin(), kHosts.end(),
                     [&](std::string_view h) { return src.find(h) != std::string_view::npos; });
}

bool TinyImage(HtmlNode img) {
  for (const char* attr : {"width", "height"}) {
    const std::string v = HtmlDocument::Attr(img, attr);
    if (!v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }) &&
        v.size() <= 2 && std::stoi(v) <= 10) {
      return true;
    }
  }
  return false;
}

// " /hong@example.com" run into the last paragraph is a byline, not text.
void CutTrailingEmail(std::vector<Block>* blocks) {
  for (auto it = blocks->rbegin(); it != blocks->rend(); ++it) {
    if (it->type != BlockType::kParagraph) continue;
    if (const size_t cut = TrailingEmail(it->text); cut > 0 && cut < it->text.size()) {
      it->text.resize(it->text.size() - cut);
    }
    return;
  }
}

enum class ItemKind { kImage, kEmbed, kCaption, kHeading };

class Builder {
 public:
  Builder(const HtmlDocument& doc, const ExtractContext& ctx, const BodyOptions& options)
      : doc_(doc), ctx_(ctx), options_(options) {}

  void Root(HtmlNode root) {
    CollectStats(root, &stats_);
    root_text_ = stats_[root].text;
    const std::string_view name = HtmlDocument::Name(root);
    if (name == "figure" || name == "img" || name == "picture") {
      Item(root, ItemKind::kImage);
      return;
    }
    if (IsHeading(name)) {
      Item(root, ItemKind::kHeading);
      return;
    }
    for (const Segment& seg : HtmlDocument::Segments(root, [this](HtmlNode n) { return Classify(n); })) {
      if (seg.item != nullptr) {
        Item(seg.item, kinds_[seg.item]);
      } else {
        Text(seg.text, seg.link_only);
      }
    }
  }

  BodyBlocks Finish() && {
    CutTrailingEmail(&out_.blocks);
    std::erase_if(out_.blocks, [&](const Block& b) {
      return b.type == BlockType::kParagraph &&
             ((!options_.title.empty() && b.text == options_.title) ||
              (!options_.subtitle.empty() && b.text == options_.subtitle));
    });
    return std::move(out_);
  }

 private:
  const Stats& StatsOf(HtmlNode n) {
    static const Stats kNone;
    auto it = stats_.find(n);
    return it == stats_.end() ? kNone : it->second;
  }

  NodeAction Classify(HtmlNode n) {
    if (options_.drop.count(n) != 0) return NodeAction::kSkip;
    const std::string_view name = HtmlDocument::Name(n);
    if (name == "h1") return NodeAction::kSkip;
    if (name == "figure" || name == "picture" || name == "img") return Mark(n, ItemKind::kImage);
    if (name == "iframe" || name == "video" || name == "embed") return Mark(n, ItemKind::kEmbed);
    const Stats& s = StatsOf(n);
    const bool holds_body = s.text * 2 > root_text_ && root_text_ > 0;
    if (!holds_body && BoilerplateElement(n)) return NodeAction::kSkip;
    if (s.images == 0 && NamedCaption(n) && s.text <= kMaxCaptionBytes) {
      return Mark(n, ItemKind::kCaption);
    }
    if (s.images == 1 && s.text <= kMaxCaptionBytes && (name != "p" || s.text == 0) &&
        !holds_body && !TextBesideCaptionedPhoto(n)) {
      return Mark(n, ItemKind::kImage);
    }
    if (!holds_body && s.anchors >= 2 && s.link * 10 >= s.text * 6 && HtmlDocument::IsBlock(n)) {
      return NodeAction::kSkip;
    }
    if (IsHeading(name)) return Mark(n, ItemKind::kHeading);
    return NodeAction::kDescend;
  }

  // "<div><span class=photo><img><em class=desc>…</em></span>Paragraph text…</div>": the
  // text written straight into the box, beside a photo that has a caption of its own, is
  // body text; the photo is the inner element.
  bool TextBesideCaptionedPhoto(HtmlNode n) const {
    size_t direct = 0;
    for (HtmlNode c = HtmlDocument::FirstChild(n); c != nullptr; c = HtmlDocument::NextSibling(c)) {
      if (HtmlDocument::IsTextNode(c)) direct += NonSpaceBytes(HtmlDocument::NodeText(c));
    }
    if (direct < kSentenceBytes) return false;
    if (doc_.SelectFirst(".//figcaption", n) != nullptr) return true;
    for (HtmlNode c : doc_.Select(".//*[@class or @id]", n)) {
      if (NamedCaption(c)) return true;
    }
    return false;
  }

  NodeAction Mark(HtmlNode n, ItemKind kind) {
    kinds_[n] = kind;
    return NodeAction::kItem;
  }

  void Item(HtmlNode n, ItemKind kind) {
    switch (kind) {
      case ItemKind::kImage: Image(n); break;
      case ItemKind::kEmbed: Embed(n); break;
      case ItemKind::kCaption: Caption(HtmlDocument::Text(n)); break;
      case ItemKind::kHeading: {
        std::string text = HtmlDocument::Text(n);
        if (text.empty() || ClassifyLine(text, false) != LineKind::kText) return;
        Block b;
        b.type = BlockType::kSubheading;
        b.text = std::move(text);
        out_.blocks.push_back(std::move(b));
        break;
      }
    }
  }

  void Image(HtmlNode n) {
    HtmlNode img = HtmlDocument::Name(n) == "img" ? n : doc_.SelectFirst(".//img", n);
    if (img == nullptr || TinyImage(img)) {
      // A figure without an image may still hold a caption-like text: not body.
      return;
    }
    Block b;
    b.type = BlockType::kImage;
    b.src = ImageSource(img, ctx_);
    if (b.src.empty()) return;
    if (HtmlDocument::Name(n) != "img") {
      b.text = HtmlDocument::Text(doc_.SelectFirst(".//figcaption", n));
      if (b.text.empty()) {
        for (HtmlNode c : doc_.Select(".//*[@class or @id]", n)) {
          if (NamedCaption(c)) {
            b.text = HtmlDocument::Text(c);
            if (!b.text.empty()) break;
          }
        }
      }
      if (b.text.empty()) b.text = HtmlDocument::Text(n);
    }
    if (b.text.empty()) b.text = NormalizeText(HtmlDocument::Attr(img, "alt"));
    out_.blocks.push_back(std::move(b));
  }

  void Embed(HtmlNode n) {
    std::string src = HtmlDocument::Attr(n, "src");
    if (src.empty()) src = HtmlDocument::Attr(n, "data-src");
    if (src.empty()) {
      if (HtmlNode source = doc_.SelectFirst(".//source[@src]", n)) src = HtmlDocument::Attr(source, "src");
    }
    src = ResolveUrl(src, ctx_.base_url);
    if (src.empty() || src.rfind("data:", 0) == 0 || !IsPlayer(src)) return;
    Block b;
    b.type = BlockType::kEmbed;
    b.src = std::move(src);
    b.text = NormalizeText(HtmlDocument::Attr(n, "title"));
    out_.blocks.push_back(std::move(b));
  }

  void Caption(std::string text) {
    if (!out_.blocks.empty() && out_.blocks.back().type == BlockType::kImage &&
        out_.blocks.back().text.empty()) {
      out_.blocks.back().text = std::move(text);
    }
  }

  void Text(const std::string& text, bool link_only) {
    if (link_only) return;
    // "▲ 사진 설명" right under a photo is its caption (older CMSs write it as a paragraph).
    if (!out_.blocks.empty() && out_.blocks.back().type == BlockType::kImage &&
        out_.blocks.back().text.empty() &&
        (text.rfind("▲", 0) == 0 || text.rfind("△", 0) == 0) && text.size() <= kMaxCaptionBytes) {
      out_.blocks.back().text = text;
      return;
    }
    const LineKind kind = ClassifyLine(text, link_only);
    if (kind == LineKind::kByline && NamesReporter(text)) out_.bylines.push_back(text);
    if (kind != LineKind::kText) return;
    Block b;
    b.text = text;
    out_.blocks.push_back(std::move(b));
  }

  const HtmlDocument& doc_;
  const ExtractContext& ctx_;
  const BodyOptions& options_;
  std::unordered_map<HtmlNode, Stats> stats_;
  std::unordered_map<HtmlNode, ItemKind> kinds_;
  size_t root_text_ = 0;
  BodyBlocks out_;
};

}  // namespace

BodyBlocks BuildBodyBlocks(const HtmlDocument& doc, const std::vector<HtmlNode>& roots,
                           const ExtractContext& ctx, const BodyOptions& options) {
  Builder builder(doc, ctx, options);
  for (HtmlNode root : roots) builder.Root(root);
  return std::move(builder).Finish();
}

void DropBoilerplateLines(std::vector<Block>* blocks, std::vector<std::string>* bylines) {
  std::erase_if(*blocks, [&](const Block& b) {
    if (b.type != BlockType::kParagraph) return false;
    const LineKind kind = ClassifyLine(b.text, false);
    if (kind == LineKind::kByline && bylines != nullptr && NamesReporter(b.text)) {
      bylines->push_back(b.text);
    }
    return kind != LineKind::kText;
  });
  CutTrailingEmail(blocks);
}

}  // namespace sinmun
