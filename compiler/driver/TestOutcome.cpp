#include "driver/TestOutcome.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace slac::driver {

namespace {

enum class XmlPlace { Attribute, Element };

// Text for an XML attribute or element: the five special characters as
// entities, line breaks and tabs in attributes as character references
// (a parser would turn them into spaces), other control characters (not
// allowed in XML 1.0) as U+FFFD.
std::string xmlEscaped(std::string_view text, XmlPlace place = XmlPlace::Attribute) {
  std::string out;
  for (char c : text) {
    if (place == XmlPlace::Element && (c == '\n' || c == '\t')) {
      out += c;
      continue;
    }
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&apos;";
      break;
    case '\n':
      out += "&#10;";
      break;
    case '\t':
      out += "&#9;";
      break;
    case '\r':
      out += "&#13;";
      break;
    default:
      if (static_cast<unsigned char>(c) < 0x20)
        out += "\xEF\xBF\xBD";
      else
        out += c;
    }
  }
  return out;
}

std::string seconds(double value) {
  return fmt::format("{:.6f}", value);
}

std::size_t failuresIn(const TestBlockOutcome& test) {
  if (test.error)
    return 0;
  std::size_t failures = 0;
  for (const ExpectationOutcome& expectation : test.expectations)
    failures += !expectation.passed;
  return failures;
}

} // namespace

TestTotals totalsOf(const std::vector<FileOutcome>& files) {
  TestTotals totals;
  for (const FileOutcome& file : files) {
    totals.uncheckedFiles += file.error.has_value();
    for (const TestBlockOutcome& test : file.tests)
      for (const ExpectationOutcome& expectation : test.expectations) {
        ++totals.expectations;
        if (test.error)
          ++totals.unjudged;
        else if (expectation.passed)
          ++totals.passed;
        else
          ++totals.failed;
      }
  }
  return totals;
}

void writeTestText(const std::vector<FileOutcome>& files, std::ostream& out) {
  for (const FileOutcome& file : files) {
    if (files.size() > 1)
      out << file.path << "\n";
    if (file.error)
      out << fmt::format("  {}\n", *file.error);
    for (const TestBlockOutcome& test : file.tests) {
      if (test.error) {
        out << fmt::format("test \"{}\": {}\n", test.description, *test.error);
        continue;
      }
      out << fmt::format("test \"{}\"\n", test.description);
      for (const ExpectationOutcome& expectation : test.expectations)
        if (expectation.passed)
          out << fmt::format("  ok    {}\n", expectation.written);
        else
          out << fmt::format("  FAIL  {}   (got {})\n", expectation.written, expectation.actual);
    }
  }
  TestTotals totals = totalsOf(files);
  out << fmt::format("{} of {} expectations hold", totals.passed, totals.expectations);
  if (totals.unjudged > 0)
    out << fmt::format(" ({} not judged: see the errors about their data)", totals.unjudged);
  out << "\n";
}

void writeTestJson(const std::vector<FileOutcome>& files, std::ostream& out) {
  using Json = nlohmann::ordered_json;
  Json fileList = Json::array();
  for (const FileOutcome& file : files) {
    Json tests = Json::array();
    for (const TestBlockOutcome& test : file.tests) {
      Json expectations = Json::array();
      for (const ExpectationOutcome& expectation : test.expectations) {
        Json entry = {{"expect", expectation.written},
                      {"line", expectation.line},
                      {"column", expectation.column},
                      {"expected", expectation.expected}};
        if (!test.error) {
          entry["actual"] = expectation.actual;
          entry["passed"] = expectation.passed;
        }
        expectations.push_back(std::move(entry));
      }
      tests.push_back({{"name", test.description},
                       {"file", test.file},
                       {"line", test.line},
                       {"error", test.error ? Json(*test.error) : Json(nullptr)},
                       {"expectations", std::move(expectations)}});
    }
    fileList.push_back({{"file", file.path},
                        {"error", file.error ? Json(*file.error) : Json(nullptr)},
                        {"tests", std::move(tests)}});
  }
  TestTotals totals = totalsOf(files);
  Json document = {{"files", std::move(fileList)}, {"expectations", totals.expectations},
                   {"passed", totals.passed},      {"failed", totals.failed},
                   {"unjudged", totals.unjudged},  {"unchecked_files", totals.uncheckedFiles}};
  out << document.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

void writeTestJUnit(const std::vector<FileOutcome>& files, std::ostream& out) {
  TestTotals totals = totalsOf(files);
  double allSeconds = 0;
  for (const FileOutcome& file : files)
    allSeconds += file.seconds;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << fmt::format(
      "<testsuites name=\"slac test\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{}\">\n",
      totals.expectations + totals.uncheckedFiles, totals.failed, totals.errors(),
      seconds(allSeconds));
  for (const FileOutcome& file : files) {
    if (file.error) {
      out << fmt::format("  <testsuite name=\"{0}\" file=\"{0}\" tests=\"1\" failures=\"0\" "
                         "errors=\"1\" skipped=\"0\" time=\"{1}\">\n",
                         xmlEscaped(file.path), seconds(file.seconds));
      out << fmt::format("    <testcase name=\"check\" classname=\"{0}\" file=\"{0}\" "
                         "time=\"{1}\">\n",
                         xmlEscaped(file.path), seconds(file.seconds));
      out << fmt::format("      <error message=\"{}\" type=\"check\"/>\n", xmlEscaped(*file.error));
      out << "    </testcase>\n  </testsuite>\n";
      continue;
    }
    for (const TestBlockOutcome& test : file.tests) {
      std::size_t count = test.expectations.size();
      out << fmt::format("  <testsuite name=\"{}\" file=\"{}\" tests=\"{}\" failures=\"{}\" "
                         "errors=\"{}\" skipped=\"0\" time=\"{}\">\n",
                         xmlEscaped(test.description), xmlEscaped(test.file), count,
                         failuresIn(test), test.error ? count : 0, seconds(test.seconds));
      for (const ExpectationOutcome& expectation : test.expectations) {
        std::string attributes =
            fmt::format("name=\"{}\" classname=\"{}\" file=\"{}\" line=\"{}\" time=\"{}\"",
                        xmlEscaped(expectation.written), xmlEscaped(test.description),
                        xmlEscaped(expectation.file), expectation.line,
                        seconds(count == 0 ? 0 : test.seconds / static_cast<double>(count)));
        if (test.error) {
          out << fmt::format("    <testcase {}>\n      <error message=\"{}\" type=\"data\"/>\n"
                             "    </testcase>\n",
                             attributes, xmlEscaped(*test.error));
        } else if (expectation.passed) {
          out << fmt::format("    <testcase {}/>\n", attributes);
        } else {
          std::string message =
              fmt::format("expected {}, got {}", expectation.expected, expectation.actual);
          std::string details = fmt::format(
              "{}:{}:{}: {}\nexpected: {}\nactual: {}", expectation.file, expectation.line,
              expectation.column, expectation.written, expectation.expected, expectation.actual);
          out << fmt::format(
              "    <testcase {}>\n      <failure message=\"{}\" type=\"expectation\">"
              "{}</failure>\n    </testcase>\n",
              attributes, xmlEscaped(message), xmlEscaped(details, XmlPlace::Element));
        }
      }
      out << "  </testsuite>\n";
    }
  }
  out << "</testsuites>\n";
}

} // namespace slac::driver
