// Args: the command line of one subcommand, checked against the options it accepts.
//
// Accepted forms: "--name value", "--name=value", boolean "--flag", and positionals;
// "--" ends options. An option that is not in the subcommand's spec, a value-taking option
// without a value or with an empty one, or a repeated option is an error that names it.
#ifndef SINMUN_CLI_ARGS_H_
#define SINMUN_CLI_ARGS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/time.h"

namespace sinmun::cli {

struct OptionSpec {
  std::string name;  // without the leading "--"
  bool takes_value = true;
};

class Args {
 public:
  static Result<Args> Parse(const std::vector<std::string>& argv,
                            const std::vector<OptionSpec>& spec);

  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  std::optional<std::string> Get(const std::string& name) const;
  const std::vector<std::string>& positionals() const { return positionals_; }

  // Typed reads: nullopt when absent; an error that names the option when malformed.
  Result<std::optional<Instant>> GetTime(const std::string& name) const;
  // --since and --until, either absent: --until read by ParsePeriodEnd (a bare date
  // includes that day). InvalidArgument when either is malformed or the period is empty
  // (--since not before the end --until gives: CheckPeriod).
  Result<Period> GetPeriod() const;
  Result<std::optional<long long>> GetInt(const std::string& name, long long min,
                                          long long max) const;

 private:
  std::map<std::string, std::string> values_;
  std::vector<std::string> positionals_;
};

}  // namespace sinmun::cli

#endif  // SINMUN_CLI_ARGS_H_
