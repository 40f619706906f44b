// The subcommands, one per file (cli/<name>_command.cc), and what they share.
#ifndef SINMUN_CLI_COMMANDS_H_
#define SINMUN_CLI_COMMANDS_H_

#include <memory>
#include <string>

#include "cli/command.h"
#include "storage/archive.h"
#include "storage/search_index.h"

namespace sinmun::cli {

Command ExtractCommand();
Command IngestCommand();
Command GetCommand();
Command HistoryCommand();
Command DiffCommand();
Command ListCommand();
Command StatsCommand();
Command VerifyCommand();
Command ChangesCommand();
Command ExportCommand();
Command ReextractCommand();
Command SearchCommand();
Command RelatedCommand();
Command ReindexCommand();
Command ServeCommand();

// The archive directory: --archive, else $SINMUN_ARCHIVE, else /var/lib/sinmun (the
// daemon's default state directory).
std::string ArchiveDir(const Args& args);

// Opens the archive for reading; works while sinmund writes it.
Result<std::unique_ptr<Archive>> OpenForReading(const Args& args);

// Opens (creating on first write) the archive for writing; Busy while sinmund holds it.
Result<std::unique_ptr<Archive>> OpenForWriting(const Args& args);

// The search index's directory: <archive dir>/search.
std::string SearchIndexDir(const Args& args);

// Opens the search index for reading, after checking that it covers every version of
// `archive` (opened first): NotFound "no search index: run sinmun reindex" or "search
// index is stale (N of M versions indexed): run sinmun reindex" otherwise.
Result<std::unique_ptr<SearchIndex>> OpenSearchIndex(const Args& args, Archive& archive);

// --portal: "" when absent; daum, naver or web; anything else is an error that says so.
Result<std::string> PortalOption(const Args& args);

// The whole of a file, or of stdin for "-"; refuses files over 256 MiB.
Result<std::string> ReadInput(const std::string& path, std::istream& in);

// "3 paragraphs" / "1 paragraph".
std::string Plural(long long n, const std::string& word);

}  // namespace sinmun::cli

#endif  // SINMUN_CLI_COMMANDS_H_
