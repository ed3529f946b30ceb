#pragma once

// The annotations of the `slac check` file tests (tests/check/), in the
// style of clang's -verify, shared by the test runner (VerifyTest) and the
// coverage rule (CheckFileCoverageTest):
//
//   // expect: E0300            a diagnostic with this code on this line
//   // expect@+1: E0201 E0200   on the next line (@-1: the previous one)

#include "source/SourceManager.h"

#include <compare>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace slac::testing {

struct Annotation {
  std::string file;
  std::uint32_t line;
  std::string code;
  friend auto operator<=>(const Annotation&, const Annotation&) = default;
};

struct Annotations {
  // Sorted by file, line and code.
  std::vector<Annotation> expected;
  // `file:line: what is wrong` for each malformed annotation.
  std::vector<std::string> malformed;
};

// The annotations in the comments of every file the source manager holds
// (a test file and the files it imports).
Annotations annotationsOf(const SourceManager& sources);

// The file tests: tests/check/**/*.sla except files under an `inputs/`
// directory, which are only imported by other tests. Sorted.
std::vector<std::filesystem::path> checkTestFiles();

} // namespace slac::testing
