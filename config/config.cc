#include "config/config.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <span>
#include <utility>

#include <boost/program_options.hpp>

#include "common/portals.h"
#include "config/config_keys.h"
#include "config/ini_reader.h"
#include "config/value_types.h"

#ifndef SINMUN_VERSION
#error "SINMUN_VERSION must be defined by the build (config/CMakeLists.txt)"
#endif

namespace sinmun {
namespace {

namespace po = boost::program_options;
using config_internal::Escape;
using config_internal::Quote;

constexpr std::string_view kSourcePrefix = "source.";
constexpr size_t kMaxErrors = 20;
// FormatConfig wraps doc comments to lines of at most this many characters.
constexpr size_t kCommentWidth = 88;

// The "FILE:LINE: what" lines of a failed parse, in line order.
class ErrorList {
 public:
  explicit ErrorList(std::string_view file_name) : file_name_(file_name) {}

  void Add(int line, std::string what) { errors_.emplace_back(line, std::move(what)); }
  bool empty() const { return errors_.empty(); }
  Status ToStatus() {
    std::stable_sort(errors_.begin(), errors_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string text;
    for (size_t i = 0; i < errors_.size() && i < kMaxErrors; ++i) {
      if (!text.empty()) text += '\n';
      text += file_name_ + ":" + std::to_string(errors_[i].first) + ": " + errors_[i].second;
    }
    if (errors_.size() > kMaxErrors) {
      text += "\n" + file_name_ + ": " + std::to_string(errors_.size() - kMaxErrors) +
              " more errors";
    }
    return Status::InvalidArgument(std::move(text));
  }

 private:
  std::string file_name_;
  std::vector<std::pair<int, std::string>> errors_;
};

// "[archive], [crawler], [extract], [metrics] or [source.NAME]"
std::string SectionsExpected() {
  std::string out;
  for (std::string_view section : ConfigSections()) out += "[" + std::string(section) + "], ";
  if (out.size() >= 2) out.resize(out.size() - 2);
  return out + " or [" + std::string(kSourcePrefix) + "NAME]";
}

bool IsSourceName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
  });
}

// Reads the entries of `section` into `target` by the rows of `rows` whose section is
// `row_section`. Returns the keys set, each with its line.
template <typename Target>
std::map<std::string_view, int> ReadSection(const IniSection& section,
                                            std::span<const KeyRow<Target>> rows,
                                            std::string_view row_section, Target& target,
                                            ErrorList& errors) {
  std::map<std::string_view, int> seen;  // key -> line; views into `section`
  for (const IniEntry& entry : section.entries) {
    if (auto [it, inserted] = seen.emplace(entry.key, entry.line); !inserted) {
      errors.Add(entry.line, "[" + Escape(section.name) + "] " + Escape(entry.key) +
                                 ": set twice (first on line " + std::to_string(it->second) + ")");
      continue;
    }
    auto in_section = [row_section](const KeyRow<Target>& row) { return row.section == row_section; };
    auto row = std::find_if(rows.begin(), rows.end(), [&](const KeyRow<Target>& r) {
      return in_section(r) && r.name == entry.key;
    });
    if (row == rows.end()) {
      std::string known;
      for (const KeyRow<Target>& r : rows) {
        if (in_section(r)) known += (known.empty() ? "" : ", ") + std::string(r.name);
      }
      errors.Add(entry.line, "[" + section.name + "] unknown key " + Quote(entry.key) +
                                 " (expected one of: " + known + ")");
    } else if (Status s = row->Parse(entry.value, target); !s.ok()) {
      errors.Add(entry.line, "[" + section.name + "] " + entry.key + ": " + s.message());
    }
  }
  return seen;
}

// Reads a [source.NAME] section and appends it to config->sources.
void ReadSource(const IniSection& section, Config& config, ErrorList& errors) {
  std::string_view name = std::string_view(section.name).substr(kSourcePrefix.size());
  if (!IsSourceName(name)) {
    errors.Add(section.line, "[" + Escape(section.name) + "]: source name " + Quote(name) +
                                 " may only use A-Z, a-z, 0-9, '_' and '-'");
    return;
  }
  SourceConfig source{.name = std::string(name)};
  std::map<std::string_view, int> seen =
      ReadSection(section, SourceKeys(), "source", source, errors);
  for (const SourceKey& key : SourceKeys()) {
    if (key.required && !seen.contains(key.name)) {
      errors.Add(section.line, "[" + section.name + "]: missing " + Quote(key.name) + " (" +
                                   std::string(key.expect) + ")");
    }
  }
  config.sources.push_back(std::move(source));
}

// Reads one section of any kind into `config`. `headers` holds the names and lines of
// the section headers read before it.
void ReadAnySection(const IniSection& section, std::map<std::string, int, std::less<>>& headers,
                    Config& config, ErrorList& errors) {
  if (section.line == 0) {  // the lines before any header
    for (const IniEntry& entry : section.entries) {
      errors.Add(entry.line, "key " + Quote(entry.key) + " is outside any section (put it under " +
                                 SectionsExpected() + ")");
    }
    return;
  }
  if (section.name.empty()) {
    errors.Add(section.line, "empty section name \"[]\" (expected " + SectionsExpected() + ")");
    return;
  }
  if (auto [it, inserted] = headers.emplace(section.name, section.line); !inserted) {
    errors.Add(section.line, "[" + Escape(section.name) + "]: appears twice (first on line " +
                                 std::to_string(it->second) + ")");
    return;
  }
  std::vector<std::string_view> fixed = ConfigSections();
  if (std::find(fixed.begin(), fixed.end(), section.name) != fixed.end()) {
    ReadSection(section, ConfigKeys(), section.name, config, errors);
  } else if (section.name.starts_with(kSourcePrefix)) {
    ReadSource(section, config, errors);
  } else {
    errors.Add(section.line, "unknown section " + Quote("[" + section.name + "]") +
                                 " (expected " + SectionsExpected() + ")");
  }
}

// `doc` as "# " comment lines of at most kCommentWidth characters (a longer word gets a
// line of its own).
std::string Comment(std::string_view doc) {
  std::string out;
  std::string line = "#";
  while (!doc.empty()) {
    size_t space = doc.find(' ');
    std::string_view word = doc.substr(0, space);
    doc = space == std::string_view::npos ? std::string_view() : doc.substr(space + 1);
    if (word.empty()) continue;
    if (line.size() > 1 && line.size() + 1 + word.size() > kCommentWidth) {
      out += line + "\n";
      line = "#";
    }
    line += " ";
    line += word;
  }
  return line.size() > 1 ? out + line + "\n" : out;
}

// The keys of one section, each under its doc comment when `documented`.
template <typename Target>
std::string FormatKeys(std::span<const KeyRow<Target>> rows, std::string_view section,
                       const Target& target, bool documented) {
  std::string out;
  for (const KeyRow<Target>& row : rows) {
    if (row.section != section) continue;
    if (documented) out += (out.empty() ? "" : "\n") + Comment(row.doc);
    out += std::string(row.name) + " = " + row.Format(target) + "\n";
  }
  return out;
}

}  // namespace

SourceType SourceType::ForPortal(std::string_view name) {
  return SourceType{Form::kPortal, FindPortal(name)};
}

std::string_view SourceTypeName(SourceType type) {
  switch (type.form) {
    case SourceType::Form::kPortal:
      return type.portal != nullptr ? type.portal->name : "unknown";
    case SourceType::Form::kRss:
      return "rss";
    case SourceType::Form::kSitemap:
      return "sitemap";
  }
  return "unknown";
}

std::optional<SourceType> SourceTypeFromName(std::string_view name) {
  if (name == "rss") return SourceType::kRss;
  if (name == "sitemap") return SourceType::kSitemap;
  if (FindPortal(name) != nullptr) return SourceType::ForPortal(name);
  return std::nullopt;
}

std::string SourceTypeNames() { return PortalNameList() + ", rss or sitemap"; }

Config DefaultConfig() {
  Config config;
  config.crawler.user_agent = "sinmun/" SINMUN_VERSION " (+https://github.com/sinmun/sinmun)";
  return config;
}

Result<Config> ParseConfig(std::string_view text, std::string_view file_name) {
  IniFile ini = ReadIni(text);
  ErrorList errors(file_name);
  for (IniSyntaxError& error : ini.errors) errors.Add(error.line, std::move(error.what));
  Config config = DefaultConfig();
  std::map<std::string, int, std::less<>> headers;  // section name -> line of its header
  for (const IniSection& section : ini.sections) ReadAnySection(section, headers, config, errors);
  if (!errors.empty()) return errors.ToStatus();
  return config;
}

Result<Config> LoadConfigFile(const std::string& path) {
  // A directory or a device "opens" and reads as empty or endless: refuse both, so a
  // wrong --config never silently runs on the defaults.
  constexpr size_t kMaxSize = 1 << 20;
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open: " + std::strerror(errno));
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    return Status::IOError(path + ": not a regular file");
  }
  std::string text(kMaxSize + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) return Status::IOError(path + ": cannot read: " + std::strerror(errno));
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() > kMaxSize) return Status::IOError(path + ": larger than 1MiB");
  return ParseConfig(text, path);
}

std::string FormatConfig(const Config& config) {
  std::string out;
  for (std::string_view section : ConfigSections()) {
    out += (out.empty() ? "[" : "\n[") + std::string(section) + "]\n";
    out += FormatKeys(ConfigKeys(), section, config, /*documented=*/true);
  }
  // The source keys are documented once, in the first source.
  for (size_t i = 0; i < config.sources.size(); ++i) {
    const SourceConfig& source = config.sources[i];
    out += "\n[" + std::string(kSourcePrefix) + source.name + "]\n";
    out += FormatKeys(SourceKeys(), "source", source, /*documented=*/i == 0);
  }
  return out;
}

// --- The daemon's command line -----------------------------------------------------------

namespace {

Result<DaemonOptions> ParseDaemonCommandLineOrThrow(int argc, const char* const* argv) {
  po::options_description desc;
  desc.add_options()                                       //
      ("config", po::value<std::string>())                 //
      ("archive", po::value<std::string>())                //
      ("once", po::bool_switch())                          //
      ("check-config", po::bool_switch())                  //
      ("check-sources", po::bool_switch())                 //
      ("print-config", po::bool_switch())                  //
      ("help,h", po::bool_switch())                        //
      ("version", po::bool_switch())                       //
      ("stray", po::value<std::vector<std::string>>());   // positionals, to name them
  po::positional_options_description positional;
  positional.add("stray", -1);

  po::variables_map vm;
  int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
  po::store(po::command_line_parser(argc, argv)
                .options(desc)
                .positional(positional)
                .style(style)
                .run(),
            vm);

  if (vm.count("stray")) {
    return Status::InvalidArgument("unexpected argument " +
                                   Quote(vm["stray"].as<std::vector<std::string>>().front()) +
                                   " (see sinmund --help)");
  }
  DaemonOptions options;
  if (vm.count("config")) options.config_path = vm["config"].as<std::string>();
  if (vm.count("archive")) options.archive = vm["archive"].as<std::string>();
  options.once = vm["once"].as<bool>();
  options.check_config = vm["check-config"].as<bool>();
  options.check_sources = vm["check-sources"].as<bool>();
  options.print_config = vm["print-config"].as<bool>();
  options.help = vm["help"].as<bool>();
  options.version = vm["version"].as<bool>();
  if (options.help || options.version) return options;
  if (!vm.count("config")) {
    return Status::InvalidArgument("missing --config FILE (see sinmund --help)");
  }
  if (options.config_path.empty()) {
    return Status::InvalidArgument("--config needs a file name");
  }
  if (options.archive && options.archive->empty()) {
    return Status::InvalidArgument("--archive needs a directory");
  }
  return options;
}

}  // namespace

Result<DaemonOptions> ParseDaemonCommandLine(int argc, const char* const* argv) {
  const char* const no_args[] = {"sinmund", nullptr};
  if (argc < 1 || argv == nullptr) {
    argc = 1;
    argv = no_args;
  }
  try {
    return ParseDaemonCommandLineOrThrow(argc, argv);
  } catch (const po::unknown_option& e) {
    return Status::InvalidArgument("unknown option " + Quote(e.get_option_name()) +
                                   " (see sinmund --help)");
  } catch (const po::multiple_occurrences& e) {
    return Status::InvalidArgument(e.get_option_name() + " is given more than once");
  } catch (const po::invalid_command_line_syntax& e) {
    switch (e.kind()) {
      case po::invalid_syntax::missing_parameter:
      case po::invalid_syntax::empty_adjacent_parameter:
        return Status::InvalidArgument(e.get_option_name() + " needs a value");
      case po::invalid_syntax::extra_parameter:
        return Status::InvalidArgument(e.get_option_name() + " takes no value");
      default:
        return Status::InvalidArgument(std::string(e.what()) + " (see sinmund --help)");
    }
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string(e.what()) + " (see sinmund --help)");
  }
}

std::string DaemonUsage() {
  return "usage: sinmund --config FILE [--archive DIR] [--once] [--check-config] "
         "[--check-sources] [--print-config]\n"
         "       sinmund --help | --version\n"
         "\n"
         "Keeps a versioned archive of Korean news: polls the sources named in FILE,\n"
         "fetches and revisits their articles, and records every edit.\n"
         "\n"
         "  --config FILE   the configuration file (INI; see sinmun.conf)\n"
         "  --archive DIR   the archive directory, instead of [archive] path\n"
         "  --once          poll every source once, fetch what is due, then exit\n"
         "  --check-config  check the configuration and exit: 0 when valid\n"
         "  --check-sources read each source, its robots.txt and its first article as the\n"
         "                  crawl would, one verdict line per source; writes nothing;\n"
         "                  exit 0 only when every source yields articles\n"
         "  --print-config  print the effective configuration, every key documented, and exit\n"
         "  -h, --help      print this help and exit\n"
         "  --version       print the version and exit\n";
}

Config ApplyOverrides(Config config, const DaemonOptions& options) {
  if (options.archive) config.archive_path = *options.archive;
  return config;
}

}  // namespace sinmun
