#pragma once

// What `slac test` found, file by file, test block by test block, and the
// three ways it writes it: lines for people, JSON for tools, JUnit XML for
// CI systems.

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace slac::driver {

struct ExpectationOutcome {
  std::string written;  // `expect a.b in 2026-03 == 80%` as in the source
  std::string expected; // `== 80%`
  std::string actual;   // `75%`, `breached`, `no data`; empty with an error
  bool passed = false;
  std::string file;
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

struct TestBlockOutcome {
  std::string description;
  std::string file;
  std::uint32_t line = 0;
  // Set when the block's data could not be read: no expectation was judged.
  std::optional<std::string> error;
  std::vector<ExpectationOutcome> expectations;
  double seconds = 0;
};

struct FileOutcome {
  std::string path;
  // Set when the file did not check: it has no test results.
  std::optional<std::string> error;
  std::vector<TestBlockOutcome> tests;
  double seconds = 0;
};

struct TestTotals {
  std::size_t expectations = 0;
  std::size_t passed = 0;
  std::size_t failed = 0;
  // Expectations not judged: their data could not be read.
  std::size_t unjudged = 0;
  std::size_t uncheckedFiles = 0;
  // What JUnit counts as errors: an unchecked file is one test case.
  std::size_t errors() const { return unjudged + uncheckedFiles; }
};

TestTotals totalsOf(const std::vector<FileOutcome>& files);

// `test "..."`, then `ok`/`FAIL` per expectation and a count; files named
// when there are several.
void writeTestText(const std::vector<FileOutcome>& files, std::ostream& out);
void writeTestJson(const std::vector<FileOutcome>& files, std::ostream& out);
// One <testsuite> per test block (per file that did not check), one
// <testcase> per expectation, <failure> with the expected and actual value.
void writeTestJUnit(const std::vector<FileOutcome>& files, std::ostream& out);

} // namespace slac::driver
