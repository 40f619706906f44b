#include "cli/args.h"

#include <charconv>

namespace sinmun::cli {

Result<Args> Args::Parse(const std::vector<std::string>& argv,
                         const std::vector<OptionSpec>& spec) {
  Args args;
  bool options_done = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (options_done || a.size() < 2 || a.compare(0, 2, "--") != 0) {
      args.positionals_.push_back(a);
      continue;
    }
    if (a == "--") {
      options_done = true;
      continue;
    }
    std::string name = a.substr(2);
    std::optional<std::string> inline_value;
    if (size_t eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name.resize(eq);
    }
    const OptionSpec* found = nullptr;
    for (const OptionSpec& s : spec) {
      if (s.name == name) found = &s;
    }
    if (found == nullptr) return Status::InvalidArgument("unknown option --" + name);
    if (args.values_.count(name)) return Status::InvalidArgument("--" + name + " given twice");
    if (!found->takes_value) {
      if (inline_value) return Status::InvalidArgument("--" + name + " takes no value");
      args.values_[name] = "";
      continue;
    }
    if (inline_value) {
      args.values_[name] = *inline_value;
    } else if (i + 1 < argv.size()) {
      args.values_[name] = argv[++i];
    } else {
      return Status::InvalidArgument("--" + name + " needs a value");
    }
    // An empty value names nothing (--press '', --portal=): said, not read as "any".
    if (args.values_[name].empty()) return Status::InvalidArgument("--" + name + " needs a value, not ''");
  }
  return args;
}

std::optional<std::string> Args::Get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

Result<std::optional<Instant>> Args::GetTime(const std::string& name) const {
  std::optional<std::string> v = Get(name);
  if (!v) return std::optional<Instant>();
  std::optional<Instant> t = ParseTime(*v);
  if (!t) {
    return Status::InvalidArgument("--" + name + " '" + *v +
                                   "' is not a time; use RFC 3339, e.g. 2026-03-21T21:43:25+09:00, "
                                   "or in KST 2026-03-21 21:43, 2026. 3. 21. 오후 9:43, 2026년 3월 21일");
  }
  return std::optional<Instant>(*t);
}

Result<Period> Args::GetPeriod() const {
  Result<std::optional<Instant>> since = GetTime("since");
  if (!since.ok()) return since.status();
  Period out{*since, std::nullopt};
  if (std::optional<std::string> v = Get("until")) {
    out.until = ParsePeriodEnd(*v);
    if (!out.until) {
      return Status::InvalidArgument("--until '" + *v +
                                     "' is not a time; use RFC 3339, e.g. 2026-03-21T21:43:25+09:00, "
                                     "or in KST 2026-03-21 21:43, 2026. 3. 21. 오후 9:43, or a date "
                                     "(2026-03-21, 2026. 3. 21.) to include that day");
    }
  }
  const std::string until = Get("until").value_or("");
  if (Status s = CheckPeriod(out, "--since " + Get("since").value_or(""), "--until " + until, until); !s.ok()) {
    return s;
  }
  return out;
}

Result<std::optional<long long>> Args::GetInt(const std::string& name, long long min,
                                              long long max) const {
  std::optional<std::string> v = Get(name);
  if (!v) return std::optional<long long>();
  long long n = 0;
  auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (ec != std::errc() || end != v->data() + v->size() || n < min || n > max) {
    return Status::InvalidArgument("--" + name + " '" + *v + "' must be a whole number from " +
                                   std::to_string(min) + " to " + std::to_string(max));
  }
  return std::optional<long long>(n);
}

}  // namespace sinmun::cli
