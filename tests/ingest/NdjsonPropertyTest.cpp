// The fast NDJSON reader against the reference (issue 14, acceptance 4):
// random documents, with random key order, whitespace, escapes (`\u`
// escapes and surrogate pairs among them), numbers of every shape, null,
// nested values, keys twice, truncated lines, bad UTF-8, byte order marks,
// line ends and blank lines, must give the same lines, records, batches
// and errors (kind, line, column, message, raw record) as the reader slac
// had before: NdjsonLineReader and parseNdjsonObject (nlohmann::json) with
// convertValue. Fixed seeds: a failure names its seed and document, and
// reproduces.
#include "NdjsonLineReader.h"
#include "PropertyDice.h"
#include "ReferenceNdjsonBatches.h"
#include "ThreadedReading.h"
#include "compile/Compile.h"
#include "ingest/NdjsonFieldScanner.h"
#include "ingest/NdjsonLines.h"
#include "ingest/StreamReader.h"

#include <algorithm>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <random>
#include <sstream>

namespace slac::testing {
namespace {

// --- lines

void expectSameLines(const std::string& document, std::size_t block, const std::string& name) {
  std::istringstream referenceInput(document);
  std::istringstream fastInput(document);
  NdjsonLineReader reference(referenceInput);
  ingest::NdjsonLines lines(fastInput, block);
  SCOPED_TRACE(
      fmt::format("{} (block {}): \"{}\"", name, block, escaped(document.substr(0, 3000))));
  for (int index = 0;; ++index) {
    SCOPED_TRACE(fmt::format("line {}", index));
    std::string expected;
    std::uint64_t expectedNumber = 0;
    std::string_view actual;
    std::uint64_t actualNumber = 0;
    auto expectedResult = reference.next(expected, expectedNumber);
    auto actualResult = lines.next(actual, actualNumber);
    ASSERT_EQ(static_cast<int>(actualResult), static_cast<int>(expectedResult));
    ASSERT_EQ(lines.line(), reference.line());
    if (expectedResult == NdjsonLineReader::Result::End)
      return;
    ASSERT_EQ(actualNumber, expectedNumber);
    if (expectedResult == NdjsonLineReader::Result::TooLong)
      ASSERT_EQ(actual, expected.substr(0, ingest::NdjsonLines::kKeptOfLongLine));
    else
      ASSERT_EQ(actual, expected);
  }
}

TEST(NdjsonPropertyTest, RandomDocumentsSplitIntoTheReferenceLines) {
  static const std::string kSoup = "{}\"a1 \t\n\r\r\n\xC3\xA9";
  for (std::uint64_t seed = 1; seed <= 3000; ++seed) {
    Dice dice(seed);
    std::string document;
    std::size_t length = dice.below(300);
    while (document.size() < length)
      document +=
          dice.chance(0.1) ? lineEnd(dice) : std::string(1, kSoup[dice.below(kSoup.size())]);
    for (std::size_t block : {std::size_t{1}, std::size_t{2} + dice.below(14),
                              std::size_t{16} + dice.below(200), ingest::NdjsonLines::kBlock}) {
      expectSameLines(document, block, fmt::format("seed {}", seed));
      if (::testing::Test::HasFatalFailure())
        return;
    }
  }
}

TEST(NdjsonPropertyTest, LongLinesAreKeptOrRejectedAsTheReferenceDoes) {
  constexpr std::size_t kLimit = ingest::NdjsonLines::kLongestLine;
  const std::string before = "{\"a\":1}\n\r\n";
  auto filled = [](std::size_t length) { return std::string(length, 'x'); };
  std::vector<std::pair<std::string, std::string>> documents = {
      {"exactly the limit with LF", before + filled(kLimit) + "\n{}\n"},
      {"one byte over with LF", before + filled(kLimit + 1) + "\n{}\n"},
      {"exactly the limit with CRLF", before + filled(kLimit) + "\r\n{}\n"},
      {"one over with CRLF", before + filled(kLimit + 1) + "\r\n{}\n"},
      {"one over with a lone CR", before + filled(kLimit + 1) + "\r{}\n"},
      {"far over at the end", before + filled(3 * kLimit + 5)},
      {"exactly the limit at the end", before + filled(kLimit)},
      {"blank and too long", before + std::string(kLimit + 3, ' ') + "\n{}"},
  };
  for (const auto& [name, document] : documents)
    for (std::size_t block : {std::size_t{4093}, std::size_t{65536}, ingest::NdjsonLines::kBlock}) {
      expectSameLines(document, block, name);
      if (::testing::Test::HasFatalFailure())
        return;
    }
}

// --- records: values, present flags, lines, errors and counts

std::string shown(const ingest::DataError& error) {
  return fmt::format("{}:{}:{} {} [{}] {} | {} | {}", error.where.file, error.where.line,
                     error.where.column, error.reason, error.field, escaped(error.message),
                     escaped(error.record), error.stopsReading);
}

ReadOutcome readFast(const plan::Program& program, std::uint32_t stream, const std::string& text,
                     std::size_t batchRows, const std::vector<bool>& keptFields) {
  std::istringstream input(text);
  ingest::StreamReader reader(program, stream, input, "data.ndjson", ingest::DataFormat::Ndjson,
                              ingest::Compression::None, {}, keptFields);
  ReadOutcome outcome;
  outcome.rows.columns.resize(program.streams[stream].fields.size());
  ingest::RecordBatch batch;
  while (reader.next(batch, batchRows, [&](const ingest::DataError& error) {
    outcome.errors.push_back(error);
    return true;
  })) {
    outcome.rows.lines.insert(outcome.rows.lines.end(), batch.lines.begin(), batch.lines.end());
    for (std::size_t i = 0; i < batch.columns.size(); ++i) {
      ingest::Column& to = outcome.rows.columns[i];
      const ingest::Column& from = batch.columns[i];
      to.integers.insert(to.integers.end(), from.integers.begin(), from.integers.end());
      to.bools.insert(to.bools.end(), from.bools.begin(), from.bools.end());
      to.exponents.insert(to.exponents.end(), from.exponents.begin(), from.exponents.end());
      // A coded column's texts, row by row, as the reference holds them.
      for (std::size_t row = 0; from.coded() && row < batch.size(); ++row)
        to.strings.push_back(from.text(row));
      to.strings.insert(to.strings.end(), from.strings.begin(), from.strings.end());
      to.present.insert(to.present.end(), from.present.begin(), from.present.end());
    }
  }
  outcome.failed = reader.failed();
  outcome.read = reader.recordsRead();
  outcome.rejected = reader.recordsRejected();
  return outcome;
}

// `expected` is the reference's outcome (for statistics). `keptFields`
// (empty: all): the reference's columns of the others must be left empty,
// its errors and counts stay.
void expectSameOutcome(const plan::Program& program, const std::string& document,
                       std::size_t batchRows, const std::string& name, ReadOutcome& expected,
                       const std::vector<bool>& keptFields = {}) {
  SCOPED_TRACE(fmt::format("{}: \"{}\"", name, escaped(document)));
  std::istringstream input(document);
  expected = readNdjsonAsReference(program, 0, input, "data.ndjson");
  for (std::size_t i = 0; i < keptFields.size(); ++i)
    if (!keptFields[i])
      expected.rows.columns[i] = {};
  ReadOutcome actual = readFast(program, 0, document, batchRows, keptFields);
  for (std::size_t i = 0; i < std::min(expected.errors.size(), actual.errors.size()); ++i)
    ASSERT_EQ(shown(actual.errors[i]), shown(expected.errors[i])) << "error " << i;
  ASSERT_EQ(actual.errors.size(), expected.errors.size());
  ASSERT_EQ(actual.failed, expected.failed);
  ASSERT_EQ(actual.read, expected.read);
  ASSERT_EQ(actual.rejected, expected.rejected);
  ASSERT_EQ(actual.rows.lines, expected.rows.lines);
  for (std::size_t i = 0; i < expected.rows.columns.size(); ++i) {
    const ingest::Column& want = expected.rows.columns[i];
    const ingest::Column& got = actual.rows.columns[i];
    ASSERT_EQ(got.integers, want.integers) << "column " << i;
    ASSERT_EQ(got.bools, want.bools) << "column " << i;
    ASSERT_EQ(got.exponents, want.exponents) << "column " << i;
    ASSERT_EQ(got.strings, want.strings) << "column " << i;
    ASSERT_EQ(got.present, want.present) << "column " << i;
  }
}

// A JSON string of `text`, its characters escaped now and then: `\uXXXX`
// (a surrogate pair beyond the BMP), the short escapes, `\/`.
std::string jsonString(Dice& dice, std::string_view text) {
  std::string out = "\"";
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '"' || byte == '\\') {
      out += '\\';
      out += text[i];
    } else if (byte == '\n') {
      out += "\\n";
    } else if (byte == '\r') {
      out += "\\r";
    } else if (byte == '\t') {
      out += "\\t";
    } else if (byte < 0x20) {
      out += fmt::format("\\u{:04x}", byte);
    } else if (byte < 0x80 && dice.chance(0.03)) {
      out += dice.chance(0.5) ? fmt::format("\\u{:04x}", byte) : fmt::format("\\u{:04X}", byte);
    } else if (byte == '/' && dice.chance(0.5)) {
      out += "\\/";
    } else {
      out += text[i];
    }
  }
  return out + "\"";
}

// Strings with escapes of every kind, good and bad, as JSON tokens.
const std::vector<std::string> kEscapedStrings = {
    R"("\u00e9cole")",   R"("\ud83d\ude00")",    R"("\uD83D\uDE00x")",
    R"("a\ud800")",      R"("\udc00b")",         R"("\ud800\u0041")",
    R"("\b\f\n\r\t\/")", R"("\u0000")",          R"("\x41")",
    R"("\u12")",         "\"tab\there\"",        "\"\xC3\xA9t\xC3\xA9\"",
    "\"bad \xC9 byte\"", "\"\xE2\x82\"",         R"("")",
    R"("\"quoted\"")",   "\"\xF0\x9F\x98\x80\"", "\"\xED\xA0\x80\"",
    R"("\u2028")"};

// Numbers of every shape, valid or not, as JSON tokens.
const std::vector<std::string> kNumbers = {"0",
                                           "-0",
                                           "1",
                                           "-42",
                                           "4.2",
                                           "1e3",
                                           "1E+3",
                                           "-1.5e-3",
                                           "0.000",
                                           "100",
                                           "-0.0",
                                           "-0e1",
                                           "1e400",
                                           "-1e400",
                                           "1e-400",
                                           "0e999",
                                           "12345678901234567890123",
                                           "9223372036854775807",
                                           "9223372036854775808",
                                           "-9223372036854775808",
                                           "-9223372036854775809",
                                           "18446744073709551615",
                                           "18446744073709551616",
                                           "1772814600",
                                           "1772814600250",
                                           "1.7976931348623157e308",
                                           "01",
                                           "1.",
                                           ".5",
                                           "-",
                                           "+1",
                                           "1e",
                                           "0x10",
                                           "1.5.2",
                                           "99.5",
                                           "1500.5",
                                           std::string(400, '9'),
                                           "0." + std::string(30, '0') + "1"};

const std::vector<std::string> kOtherTokens = {"true",
                                               "false",
                                               "null",
                                               "tru",
                                               "nul",
                                               "True",
                                               "[]",
                                               "{}",
                                               "[1, 2, \"x\"]",
                                               R"({"a": [1, {"b": null}], "c": "d"})",
                                               "[1e400]",
                                               R"({"k": "\x"})",
                                               R"({"k": 1, "k": 2})",
                                               "[",
                                               "{\"a\":",
                                               "[[[[[[[[[[1]]]]]]]]]]",
                                               R"(["\ud800"])",
                                               "[tru]"};

// The CSV property test's spellings of every type, as JSON strings or,
// for those that are JSON numbers or booleans, as such.
const std::vector<std::pair<std::string, std::vector<std::string>>> kAllTypes = {
    {"t",
     {"2026-03-06T16:30:00Z", "2026-03-06t16:30:00z", "2026-03-06T16:30:00.25+01:00",
      "2026-03-06T16:30:00.1234567Z", "2026-03-06T24:00:00Z", "2026-03-06 16:30:00Z",
      "2026-13-06T16:30:00Z", ""}},
    {"t_s", {"1772814600", "-1", "1772814600.5", "17728146x", "253402300800", ""}},
    {"t_ms", {"1772814600250", "1.2345", "-5", "1e3", ""}},
    {"wait", {"1h30m", "250ms", "90", "1.5s", ""}},
    {"wait_ms", {"1500.5", "0.0001", "-3", "12", ""}},
    {"wait_s", {"0.25", "3", ""}},
    {"flag", {"true", "TRUE", "1", "yes", ""}},
    {"count", {"-42", "0", "99999999999999999999", "4.0", "9223372036854775808", ""}},
    {"score", {"4.2", "-1.5e3", "0.000", "1234567890123456789", "0012.50", "5.", ""}},
    {"share", {"99.5%", "99.5", "999999999999%", "%", ""}},
    {"day", {"2026-03-01", "2026-02-30", "2026-3-1", ""}},
    {"level", {"low", "high", "HIGH", "medium", ""}},
    {"note",
     {"x", "a, \"quoted\"\nnote",
      "\xC3\x89"
      "cole",
      "", " ", "two\r\nlines"}},
};

// JSON's number grammar, -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?,
// by hand: std::regex trips GCC 12's -Wmaybe-uninitialized in the
// sanitizer build.
bool isJsonNumber(const std::string& text) {
  std::size_t at = 0;
  auto digits = [&] {
    std::size_t start = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9')
      ++at;
    return at - start;
  };
  if (at < text.size() && text[at] == '-')
    ++at;
  std::size_t whole = at;
  if (digits() == 0 || (text[whole] == '0' && at - whole > 1))
    return false;
  if (at < text.size() && text[at] == '.') {
    ++at;
    if (digits() == 0)
      return false;
  }
  if (at < text.size() && (text[at] == 'e' || text[at] == 'E')) {
    ++at;
    if (at < text.size() && (text[at] == '+' || text[at] == '-'))
      ++at;
    if (digits() == 0)
      return false;
  }
  return at == text.size();
}

std::string space(Dice& dice) {
  if (!dice.chance(0.2))
    return "";
  static const std::vector<std::string> kSpaces = {" ", "  ", "\t", " \t "};
  return dice.pick(kSpaces);
}

// A value for a column of `spellings`: mostly a good one; only good ones
// when `clean`.
std::string randomValue(Dice& dice, const std::vector<std::string>& spellings, bool clean) {
  if (clean) {
    const std::string& text = spellings[0];
    return isJsonNumber(text) && dice.chance(0.5) ? text : jsonString(dice, text);
  }
  if (dice.chance(0.04))
    return dice.pick(kNumbers);
  if (dice.chance(0.03))
    return dice.pick(kOtherTokens);
  if (dice.chance(0.03))
    return dice.pick(kEscapedStrings);
  const std::string& text = dice.chance(0.7) ? spellings[0] : dice.pick(spellings);
  if ((text == "true" || text == "false") && dice.chance(0.7))
    return text;
  if (isJsonNumber(text) && dice.chance(0.6))
    return text;
  return jsonString(dice, text);
}

// A key as written: now and then with an escape in it.
std::string jsonKey(Dice& dice, const std::string& key) {
  if (!key.empty() && dice.chance(0.02))
    return fmt::format("\"\\u{:04x}{}\"", static_cast<unsigned char>(key[0]), key.substr(1));
  return jsonString(dice, key);
}

// Half the lines are good records (only their layout is random), so that
// the fast path is what is tested.
std::string randomLine(Dice& dice) {
  bool clean = dice.chance(0.5);
  std::vector<std::size_t> order(kAllTypes.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::shuffle(order.begin(), order.end(), dice.engine());
  std::vector<std::pair<std::string, std::string>> members;
  for (std::size_t i : order) {
    if (i != 0 && dice.chance(0.15))
      continue; // a key left out
    members.emplace_back(jsonKey(dice, kAllTypes[i].first),
                         randomValue(dice, kAllTypes[i].second, clean));
  }
  static const std::vector<std::string> kOtherKeys = {"extra", "id",       "t2",
                                                      "",      "n\\u00e9", "\xC3\xA9"};
  while (dice.chance(0.25) && !clean) {
    std::string value = dice.chance(0.5) ? dice.pick(kOtherTokens) : dice.pick(kNumbers);
    members.insert(members.begin() + static_cast<std::ptrdiff_t>(dice.below(members.size() + 1)),
                   {"\"" + dice.pick(kOtherKeys) + "\"", value});
  }
  if (dice.chance(0.03) && !clean && !members.empty()) {
    auto copy = dice.pick(members);
    copy.second = dice.pick(kNumbers);
    members.insert(members.begin() + static_cast<std::ptrdiff_t>(dice.below(members.size() + 1)),
                   copy);
  }
  // Appended piece by piece: GCC 12 at -O3 warns (-Wrestrict, falsely)
  // about a literal + std::string.
  std::string line = space(dice);
  line += '{';
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (i > 0)
      line += ',';
    line += space(dice);
    line += members[i].first;
    line += space(dice);
    line += ':';
    line += space(dice);
    line += members[i].second;
    line += space(dice);
  }
  line += '}';
  line += space(dice);
  if (clean)
    return line;
  if (dice.chance(0.03))
    line = line.substr(0, dice.below(line.size() + 1)); // truncated
  else if (dice.chance(0.01))
    line += dice.chance(0.5) ? "x" : "{}";
  else if (dice.chance(0.01))
    line.insert(dice.below(line.size() + 1), "\xC9");
  else if (dice.chance(0.01))
    line = dice.pick(kOtherTokens);
  return line;
}

std::string randomDocument(Dice& dice) {
  std::string document = dice.chance(0.05) ? "\xEF\xBB\xBF" : "";
  std::size_t records = dice.below(30);
  for (std::size_t r = 0; r < records; ++r) {
    if (dice.chance(0.05))
      document += dice.chance(0.5) ? "" : " \t";
    else
      document += randomLine(dice);
    if (r + 1 < records || dice.chance(0.7))
      document += lineEnd(dice);
  }
  return document;
}

// What parsing many lines in one call can get wrong (simdjson's documents
// are not lines): an object spanning lines, two on one line, one and the
// start of another, blank lines and spaces between, CR and CRLF line ends,
// lines that are no object; among good records, so that runs are long.
std::string randomRunDocument(Dice& dice) {
  static const std::vector<std::string> kPieces = {
      "{\"t\":",
      "\"2026-03-06T16:30:00Z\"}",
      "{\"t\":\"2026-03-06T16:30:00Z\"",
      "}",
      "{\"t\":\"2026-03-06T16:30:00Z\"}{\"t\":\"2026-03-06T16:30:00Z\"}",
      "{\"t\":\"2026-03-06T16:30:00Z\"} {\"count\":1}",
      "{\"t\":\"2026-03-06T16:30:00Z\"}[1]",
      "{\"t\":\"2026-03-06T16:30:00Z\"}1",
      "{\"t\":\"2026-03-06T16:30:00Z\"} \"x\"",
      "{\"t\":\"2026-03-06T16:30:00Z\",\"note\":\"open",
      "line\"}",
      "{\"t\":\"2026-03-06T16:30:00Z\",\"note\":\"a\\",
      "[{\"t\":\"2026-03-06T16:30:00Z\"}]",
      "\"x\"",
      "1",
      "{}",
      "{",
      "]",
      "\\",
      "\xEF\xBB\xBF{\"t\":\"2026-03-06T16:30:00Z\"}",
      "{\"t\":\"2026-03-06T16:30:00Z\",\"note\":\"\xC9\"}",
      "{\"t\":\"2026-03-06T16:30:00Z\",\"note\":\"\xE2\x82",
      "{\"t\":\"2026-03-06T16:30:00Z\",\"count\":1,\"count\":2}",
      "{\"t\":\"2026-03-06T16:30:00Z\",\"flag\":tru}",
  };
  std::string document;
  std::size_t lines = dice.below(60);
  for (std::size_t i = 0; i < lines; ++i) {
    if (dice.chance(0.1))
      document += dice.chance(0.5) ? "" : " \t ";
    else if (dice.chance(0.15))
      document += dice.pick(kPieces);
    else
      document += randomLine(dice);
    if (i + 1 < lines || dice.chance(0.7))
      document += lineEnd(dice);
  }
  return document;
}

// The scanner parsing runs of lines (cut at every size, the buffer read in
// blocks of every size), and reading flat lines by hand without simdjson,
// says what simdjson says of each line alone: the same verdict, the same
// values.
TEST(NdjsonScannerPropertyTest, RunsOfLinesGiveTheVerdictsOfLinesAlone) {
  std::vector<std::string> keys;
  for (const auto& [key, spellings] : kAllTypes)
    keys.push_back(key);
  keys.push_back("t"); // two fields may read one key
  std::uint64_t vouched = 0;
  std::uint64_t lines = 0;
  for (std::uint64_t seed = 1; seed <= 1500; ++seed) {
    Dice dice(seed);
    std::string document = dice.chance(0.5) ? randomRunDocument(dice) : randomDocument(dice);
    std::size_t block = dice.chance(0.3) ? ingest::NdjsonLines::kBlock : 1 + dice.below(300);
    std::size_t run = dice.chance(0.3) ? ingest::NdjsonFieldScanner::kLargestRun
                                       : 1 + dice.below(dice.chance(0.5) ? 100 : 2000);
    SCOPED_TRACE(
        fmt::format("seed {} (block {}, run {}): \"{}\"", seed, block, run, escaped(document)));
    std::istringstream input(document);
    ingest::NdjsonLines reader(input, block);
    ingest::NdjsonFieldScanner inRuns(keys, run);
    ingest::NdjsonFieldScanner alone(keys, 0);
    std::string_view line;
    std::uint64_t number = 0;
    while (true) {
      auto result = reader.next(line, number);
      if (result == ingest::NdjsonLines::Result::End)
        break;
      if (result == ingest::NdjsonLines::Result::TooLong)
        continue;
      SCOPED_TRACE(fmt::format("line {}: \"{}\"", number, escaped(std::string(line))));
      std::string_view after = reader.readAfter(line);
      bool expected = alone.scan(line, after, reader.version());
      ASSERT_EQ(inRuns.scan(line, after, reader.version()), expected);
      ++lines;
      if (!expected)
        continue;
      ++vouched;
      for (std::size_t field = 0; field < keys.size(); ++field) {
        ASSERT_EQ(static_cast<int>(inRuns.value(field).kind),
                  static_cast<int>(alone.value(field).kind))
            << keys[field];
        ASSERT_EQ(inRuns.value(field).text, alone.value(field).text) << keys[field];
      }
    }
  }
  // Most lines are read by the scanner, so that runs are what is tested.
  EXPECT_GT(vouched * 2, lines) << vouched << " of " << lines;
}

// The same documents through the reader, against the reference.
TEST(NdjsonBatchPropertyTest, LinesThatAreNotOneDocumentGiveTheReferenceBatchesAndErrors) {
  compile::Compilation compilation =
      compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/tests/ingest/inputs/all-types.sla"});
  ASSERT_TRUE(compilation.plan());
  for (std::uint64_t seed = 1; seed <= 1000; ++seed) {
    Dice dice(seed);
    std::string document = randomRunDocument(dice);
    ReadOutcome outcome;
    expectSameOutcome(*compilation.plan(), document, 1 + dice.below(50),
                      fmt::format("seed {}", seed), outcome);
    if (HasFatalFailure())
      return;
  }
}

TEST(NdjsonBatchPropertyTest, RandomDocumentsGiveTheReferenceBatchesAndErrors) {
  compile::Compilation compilation =
      compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/tests/ingest/inputs/all-types.sla"});
  ASSERT_TRUE(compilation.plan());
  std::uint64_t read = 0;
  std::uint64_t accepted = 0;
  for (std::uint64_t seed = 1; seed <= 3000; ++seed) {
    Dice dice(seed);
    std::string document = randomDocument(dice);
    ReadOutcome outcome;
    expectSameOutcome(*compilation.plan(), document, 1 + dice.below(50),
                      fmt::format("seed {}", seed), outcome);
    if (HasFatalFailure())
      return;
    read += outcome.read;
    accepted += outcome.rows.size();
  }
  // Most records are good ones, so that the fast path is what is tested.
  EXPECT_GT(accepted * 2, read) << accepted << " of " << read;
}

// Fields the evaluation does not read are checked, their columns left empty.
TEST(NdjsonBatchPropertyTest, FieldsLeftOutAreCheckedAsTheReferenceChecksThem) {
  compile::Compilation compilation =
      compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/tests/ingest/inputs/all-types.sla"});
  ASSERT_TRUE(compilation.plan());
  for (std::uint64_t seed = 1; seed <= 1000; ++seed) {
    Dice dice(seed);
    std::string document = randomDocument(dice);
    std::vector<bool> kept(compilation.plan()->streams[0].fields.size());
    for (std::size_t i = 0; i < kept.size(); ++i)
      kept[i] = dice.chance(0.5);
    ReadOutcome outcome;
    expectSameOutcome(*compilation.plan(), document, 1 + dice.below(50),
                      fmt::format("seed {}", seed), outcome, kept);
    if (HasFatalFailure())
      return;
  }
}

// Each token alone as the value of every field, and as the value of a key
// no field reads: no shape of number, string or nesting is left to chance.
TEST(NdjsonBatchPropertyTest, EveryTokenInEveryPlaceGivesTheReferenceResult) {
  compile::Compilation compilation =
      compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/tests/ingest/inputs/all-types.sla"});
  ASSERT_TRUE(compilation.plan());
  std::vector<std::string> tokens = kNumbers;
  tokens.insert(tokens.end(), kOtherTokens.begin(), kOtherTokens.end());
  tokens.insert(tokens.end(), kEscapedStrings.begin(), kEscapedStrings.end());
  std::string document;
  for (const std::string& token : tokens) {
    for (const auto& [key, spellings] : kAllTypes) {
      std::string line = "{\"t\":\"2026-03-06T16:30:00Z\"";
      if (key != "t")
        line += ",\"" + key + "\":" + token;
      else
        line = "{\"t\":" + token;
      document += line + "}\n";
    }
    document += "{\"t\":\"2026-03-06T16:30:00Z\",\"other\":" + token + "}\n";
  }
  ReadOutcome outcome;
  expectSameOutcome(*compilation.plan(), document, 100, "every token", outcome);
}

// Values long enough that the parser grows (it starts at 64 KiB), up to a
// line of exactly 1 MiB, and one over it, between ordinary records.
TEST(NdjsonBatchPropertyTest, LongLinesGiveTheReferenceBatchesAndErrors) {
  compile::Compilation compilation =
      compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/tests/ingest/inputs/all-types.sla"});
  ASSERT_TRUE(compilation.plan());
  const std::string start = "{\"t\":\"2026-03-06T16:30:00Z\",\"note\":\"";
  const std::string ordinary = start + "x\"}\n";
  std::string document = ordinary;
  for (std::size_t length : {std::size_t{70'000}, std::size_t{300'000}, std::size_t{20},
                             ingest::NdjsonLines::kLongestLine - start.size() - 2,
                             ingest::NdjsonLines::kLongestLine - start.size() - 1})
    document += start + std::string(length, 'y') + "\"}\n" + ordinary;
  document += start + std::string(200'000, 'z') + "\\u00e9\"}\n";
  ReadOutcome outcome;
  expectSameOutcome(*compilation.plan(), document, 3, "long lines", outcome);
  // Every line read, the one over 1 MiB rejected.
  EXPECT_EQ(outcome.read, 12u);
  EXPECT_EQ(outcome.rejected, 1u);
}

// Several threads (issue 14, item 3): the same batches, errors and counts
// as one thread, with chunks down to a byte.
TEST(NdjsonBatchPropertyTest, RandomDocumentsOnSeveralThreadsGiveTheBatchesOfOne) {
  compile::Compilation compilation =
      compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/tests/ingest/inputs/all-types.sla"});
  ASSERT_TRUE(compilation.plan());
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    Dice dice(seed);
    std::string document = randomDocument(dice);
    SCOPED_TRACE(fmt::format("seed {}", seed));
    expectSameTraceOnThreads(*compilation.plan(), 0, document, ingest::DataFormat::Ndjson,
                             1 + dice.below(20));
    if (HasFatalFailure())
      return;
  }
}

} // namespace
} // namespace slac::testing
