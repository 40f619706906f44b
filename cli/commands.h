// The subcommands, one per file (cli/<name>_command.cc), and what they share.
#ifndef SINMUN_CLI_COMMANDS_H_
#define SINMUN_CLI_COMMANDS_H_

#include <memory>
#include <string>

#include "cli/command.h"
#include "storage/archive.h"
#include "storage/search/index_dir.h"
#include "storage/search/search_index.h"

namespace sinmun::cli {

Command ExtractCommand();
Command IngestCommand();
Command GetCommand();
Command HistoryCommand();
Command DiffCommand();
Command ListCommand();
Command StatsCommand();
Command SourcesCommand();
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
// The same for a command that only rewrites what an archive holds (reindex, reextract):
// NotFound ("no archive at DIR") where there is none, instead of creating an empty one.
Result<std::unique_ptr<Archive>> OpenExistingForWriting(const Args& args);

// The search index's directory: <archive dir>/search.
IndexDir SearchIndexDir(const Args& args);

// Opens the search index for reading, whatever it lacks: when it does not hold every
// version of `archive` (opened first), says on io.err how many it lacks, and when it was
// written by an older sinmun, that it is being replaced. NotFound "no search index: ..."
// only when there is none at all.
Result<std::unique_ptr<SearchReader>> OpenSearchIndex(const Args& args, Archive& archive, Io& io);

// Says on io.err that `missing` (> 0) versions the search index holds were not found in the
// archive and were left out; nothing when missing is 0.
void TellMissingVersions(Io& io, size_t missing);

// --portal: "" when absent; a portal's name (common/portals.h) or "web"; anything else is
// an error that says so.
Result<std::string> PortalOption(const Args& args);

// "daum|naver|web": what --portal accepts, for usage lines.
std::string PortalChoices();

// The whole of a file, or of stdin for "-"; refuses files over 256 MiB.
Result<std::string> ReadInput(const std::string& path, std::istream& in);

// "3 paragraphs" / "1 paragraph".
std::string Plural(long long n, const std::string& word);

}  // namespace sinmun::cli

#endif  // SINMUN_CLI_COMMANDS_H_
