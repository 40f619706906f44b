#include "config/ini_reader.h"

#include <string>

#include <gtest/gtest.h>

namespace sinmun {
namespace {

// "LINE key=value" per entry, "[LINE name]" per section, for compact expectations.
std::string Shape(const IniFile& file) {
  std::string out;
  for (const IniSection& section : file.sections) {
    out += (out.empty() ? "[" : " [") + std::to_string(section.line) + " " + section.name + "]";
    for (const IniEntry& entry : section.entries) {
      out += " " + std::to_string(entry.line) + " " + entry.key + "=" + entry.value + ";";
    }
  }
  return out;
}

std::string Errors(const IniFile& file) {
  std::string out;
  for (const IniSyntaxError& error : file.errors) {
    out += std::to_string(error.line) + ": " + error.what + "\n";
  }
  return out;
}

TEST(IniReaderTest, SectionsAndEntriesWithTheirLines) {
  IniFile file = ReadIni("# top\n\n[a]\nx = 1\n  y=two words  \n[b.c]\n[a]\nx = 3\n");
  EXPECT_EQ(Shape(file), "[0 ] [3 a] 4 x=1; 5 y=two words; [6 b.c] [7 a] 8 x=3;");
  EXPECT_EQ(Errors(file), "");
}

TEST(IniReaderTest, EmptyTextHasOnlyTheNamelessSection) {
  EXPECT_EQ(Shape(ReadIni("")), "[0 ]");
  EXPECT_EQ(Shape(ReadIni("\n\n# c\n")), "[0 ]");
}

TEST(IniReaderTest, EntriesBeforeAnyHeaderGoToTheNamelessSection) {
  EXPECT_EQ(Shape(ReadIni("k = v\n[s]\n")), "[0 ] 1 k=v; [2 s]");
}

TEST(IniReaderTest, HashStartsACommentAnywhere) {
  EXPECT_EQ(Shape(ReadIni("[s] # the s\nurl = https://a.example/#top\n#x = 1\n")),
            "[0 ] [1 s] 2 url=https://a.example/;");
}

TEST(IniReaderTest, ValuesAreTakenLiterally) {
  // Split at the first '='; quotes and backslashes are kept; white space around trimmed.
  EXPECT_EQ(Shape(ReadIni("[s]\nq = \"a=b\" \\n \t\nempty =\n = nameless\n")),
            "[0 ] [1 s] 2 q=\"a=b\" \\n; 3 empty=; 4 =nameless;");
}

TEST(IniReaderTest, CrLfLineEndings) {
  EXPECT_EQ(Shape(ReadIni("[s]\r\nk = v\r\n\r\n")), "[0 ] [1 s] 2 k=v;");
}

TEST(IniReaderTest, EmptyAndOddSectionNamesAreKeptForTheCallerToJudge) {
  EXPECT_EQ(Shape(ReadIni("[]\n[ x ]\n[a]]\n")), "[0 ] [1 ] [2  x ] [3 a]]");
}

TEST(IniReaderTest, UnreadableLinesAreErrorsAndSkipped) {
  IniFile file = ReadIni("[s]\nk 1\n; c\n  ;k = 2\n[s\nok = 1\n");
  EXPECT_EQ(Errors(file),
            "2: expected \"key = value\" or \"[section]\", got \"k 1\"\n"
            "3: comments start with '#', not ';'\n"
            "4: comments start with '#', not ';'\n"
            "5: expected \"key = value\" or \"[section]\", got \"[s\"\n");
  EXPECT_EQ(Shape(file), "[0 ] [1 s] 6 ok=1;");
}

TEST(IniReaderTest, ControlBytesAreEscapedInErrors) {
  IniFile file = ReadIni(std::string("[s]\nbad\x1b[0m\n"));
  EXPECT_EQ(Errors(file), "2: expected \"key = value\" or \"[section]\", got \"bad\\x1b[0m\"\n");
}

TEST(IniReaderTest, NoFinalNewline) {
  EXPECT_EQ(Shape(ReadIni("[s]\nk = v")), "[0 ] [1 s] 2 k=v;");
}

}  // namespace
}  // namespace sinmun
