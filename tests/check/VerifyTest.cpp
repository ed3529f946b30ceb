// The file-test runner of `slac check`, in the style of clang's -verify:
// every tests/check/**/NAME.sla (except files under an `inputs/` directory,
// which are only imported) is checked as `slac check` would, and must
// produce exactly the diagnostics its comments announce:
//
//   // expect: E0300            a diagnostic with this code on this line
//   // expect@+1: E0201 E0200   on the next line (@-1: the previous one)
//
// Annotations may sit in any file the check loads (imported files too);
// a diagnostic counts on the line of its primary location.
#include "driver/Compilation.h"
#include "parse/Parser.h"

#include <algorithm>
#include <filesystem>
#include <gtest/gtest.h>
#include <map>
#include <sstream>

namespace slac::testing {
namespace {

struct Expected {
  std::string file;
  std::uint32_t line;
  std::string code;
  friend auto operator<=>(const Expected&, const Expected&) = default;
};

// Parses the annotations of one comment; malformed ones fail the test.
void readAnnotation(const SourceFile& file, std::string_view comment, std::uint32_t line,
                    std::vector<Expected>& expected) {
  std::size_t at = comment.find("expect");
  if (at == std::string_view::npos)
    return;
  std::string_view rest = comment.substr(at + 6);
  std::int64_t offset = 0;
  if (!rest.empty() && rest.front() == '@') {
    std::size_t colon = rest.find(':');
    offset = std::stoll(std::string(rest.substr(1, colon - 1)));
    rest = rest.substr(colon);
  }
  if (rest.empty() || rest.front() != ':') {
    ADD_FAILURE() << file.name() << ":" << line << ": malformed annotation `" << comment << "`";
    return;
  }
  std::istringstream codes{std::string(rest.substr(1))};
  for (std::string code; codes >> code;) {
    if (code.size() != 5 || code.front() != 'E') {
      ADD_FAILURE() << file.name() << ":" << line << ": `" << code << "` is not a code";
      continue;
    }
    expected.push_back({file.name(), static_cast<std::uint32_t>(line + offset), code});
  }
}

std::vector<Expected> annotationsOf(const SourceManager& sources) {
  std::vector<Expected> expected;
  for (const SourceFile* file : sources.files())
    for (const parse::Trivia& trivia : parse::collectTrivia(*file))
      if (trivia.kind != parse::Trivia::Kind::BlankLine) {
        std::string_view text =
            file->text().substr(trivia.range.begin.offset - file->base(),
                                trivia.range.end.offset - trivia.range.begin.offset);
        readAnnotation(*file, text, file->lineColumn(trivia.range.begin).line, expected);
      }
  std::sort(expected.begin(), expected.end());
  return expected;
}

std::vector<Expected> diagnosticsOf(const driver::Compilation& compilation) {
  std::vector<Expected> actual;
  for (const Diagnostic& diagnostic : compilation.diagnostics.diagnostics()) {
    const SourceFile* file = compilation.sources.fileContaining(diagnostic.range.begin);
    actual.push_back({file ? file->name() : "<no file>",
                      file ? file->lineColumn(diagnostic.range.begin).line : 0,
                      std::string(diagnostic.code())});
  }
  std::sort(actual.begin(), actual.end());
  return actual;
}

std::string describe(const std::vector<Expected>& list) {
  std::string text;
  for (const Expected& entry : list)
    text += "  " + entry.file + ":" + std::to_string(entry.line) + ": " + entry.code + "\n";
  return text;
}

std::vector<std::filesystem::path> checkFiles() {
  std::vector<std::filesystem::path> files;
  std::filesystem::path root = std::filesystem::path(SLAC_SOURCE_DIR) / "tests/check";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    std::string relative = std::filesystem::relative(entry.path(), root).string();
    if (entry.path().extension() == ".sla" && relative.find("inputs/") == std::string::npos)
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

class VerifyTest : public ::testing::TestWithParam<std::filesystem::path> {};

TEST_P(VerifyTest, ProducesExactlyTheAnnotatedDiagnostics) {
  driver::Compilation compilation(/*maxErrors=*/0);
  compilation.check({std::filesystem::relative(GetParam(), SLAC_SOURCE_DIR).string()});
  std::vector<Expected> expected = annotationsOf(compilation.sources);
  std::vector<Expected> actual = diagnosticsOf(compilation);
  std::vector<Expected> missing;
  std::vector<Expected> unexpected;
  std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(),
                      std::back_inserter(missing));
  std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(),
                      std::back_inserter(unexpected));
  EXPECT_TRUE(missing.empty()) << "expected but not reported:\n" << describe(missing);
  EXPECT_TRUE(unexpected.empty()) << "reported but not expected:\n" << describe(unexpected);
}

INSTANTIATE_TEST_SUITE_P(CheckFiles, VerifyTest, ::testing::ValuesIn(checkFiles()),
                         [](const auto& test) {
                           std::string name =
                               std::filesystem::relative(test.param, SLAC_SOURCE_DIR "/tests/check")
                                   .replace_extension()
                                   .string();
                           std::replace_if(
                               name.begin(), name.end(),
                               [](char c) { return !std::isalnum(static_cast<unsigned char>(c)); },
                               '_');
                           return name;
                         });

} // namespace
} // namespace slac::testing
