// The fast CSV reader against the reference (issue 14, acceptance 4):
// random documents, with random quoting, line ends, byte order marks,
// multi-line cells, bad rows, long records and separators, must give the
// same records (cells, lines, columns, raw text), problems, batches and
// errors as CsvRecordReader and the conversions it fed. Fixed seeds: a
// failure names its seed and document, and reproduces.
#include "CsvRecordReader.h"
#include "PropertyDice.h"
#include "ReferenceCsvBatches.h"
#include "ThreadedReading.h"
#include "compile/Compile.h"
#include "ingest/CsvScanner.h"
#include "ingest/StreamReader.h"

#include <algorithm>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <random>
#include <sstream>

namespace slac::testing {
namespace {

// A cell as CSV writes it: quoted when it must be, and sometimes when not;
// now and then broken (a stray quote, text after the closing quote).
std::string written(Dice& dice, const std::string& text, char separator, double breakage,
                    double quotedShare = 0.2) {
  bool mustQuote = text.find_first_of(std::string("\"\r\n") + separator) != std::string::npos;
  if (dice.chance(breakage)) {
    switch (dice.below(3)) {
    case 0:
      return text + "\"";
    case 1:
      return "\"" + text + "\"x";
    default:
      return "\"" + text;
    }
  }
  if (!mustQuote && !dice.chance(quotedShare))
    return text;
  std::string quoted = "\"";
  for (char c : text) {
    quoted += c;
    if (c == '"')
      quoted += '"';
  }
  return quoted + "\"";
}

std::string randomText(Dice& dice, char separator) {
  static const std::vector<std::string> kPieces = {
      "a",  "bc", "42", " ",  "\xC3\xA9", "\xE2\x82\xAC", "\"",  "\n", "\r\n",
      "\r", ",",  ";",  "\t", "|",        "x y",          "\xC9"};
  std::string text;
  std::size_t pieces = dice.below(6);
  for (std::size_t i = 0; i < pieces; ++i)
    text += dice.chance(0.2) ? std::string(1, separator) : dice.pick(kPieces);
  return text;
}

// Records of random cells, or (one time in four) a soup of the bytes that
// matter to CSV.
std::string randomDocument(Dice& dice, char separator) {
  std::string document;
  if (dice.chance(0.15))
    document += "\xEF\xBB\xBF";
  else if (dice.chance(0.02))
    document += dice.chance(0.5) ? "\xEF\xBB" : "\xEF\n";
  if (dice.chance(0.25)) {
    static const std::string kSoup = "ab\"\"\n\r,;\t| \xC3\xA9";
    std::size_t length = dice.below(200);
    for (std::size_t i = 0; i < length; ++i)
      document += dice.chance(0.15) ? separator : kSoup[dice.below(kSoup.size())];
    return document;
  }
  std::size_t records = dice.below(25);
  std::size_t width = 1 + dice.below(5);
  for (std::size_t r = 0; r < records; ++r) {
    if (dice.chance(0.05))
      document += lineEnd(dice);
    std::size_t cells = dice.chance(0.1) ? 1 + dice.below(6) : width;
    for (std::size_t c = 0; c < cells; ++c) {
      if (c > 0)
        document += separator;
      document += written(dice, randomText(dice, separator), separator, 0.02);
    }
    if (r + 1 < records || dice.chance(0.7))
      document += lineEnd(dice);
  }
  return document;
}

char randomSeparator(Dice& dice) {
  static const char kSeparators[] = {',', ';', '\t', '|'};
  return kSeparators[dice.below(4)];
}

// Reads `document` with both readers and compares every result; the
// failure message shows the document.
void expectSameRecords(const std::string& document, char separator, std::size_t block,
                       const std::string& name) {
  std::istringstream referenceInput(document);
  std::istringstream scannerInput(document);
  CsvRecordReader reference(referenceInput, separator);
  ingest::CsvScanner scanner(scannerInput, separator, block);
  SCOPED_TRACE(fmt::format("{} (separator {}, block {}): \"{}\"", name, escaped({&separator, 1}),
                           block, escaped(document.substr(0, 3000))));
  for (int index = 0;; ++index) {
    SCOPED_TRACE(fmt::format("result {}", index));
    CsvRecord expected;
    CsvRecordReader::Problem expectedProblem;
    ingest::CsvRecordView actual;
    ingest::CsvScanner::Problem actualProblem;
    auto expectedResult = reference.next(expected, expectedProblem);
    auto actualResult = scanner.next(actual, actualProblem);
    ASSERT_EQ(static_cast<int>(actualResult), static_cast<int>(expectedResult));
    if (expectedResult == CsvRecordReader::Result::End)
      return;
    ASSERT_EQ(actual.raw, expected.raw);
    if (expectedResult == CsvRecordReader::Result::Malformed) {
      ASSERT_EQ(actualProblem.message, expectedProblem.message);
      ASSERT_EQ(actualProblem.line, expectedProblem.line);
      ASSERT_EQ(actualProblem.column, expectedProblem.column);
      ASSERT_EQ(actualProblem.refusesFile, expectedProblem.refusesFile);
      if (expectedProblem.refusesFile)
        return;
      continue;
    }
    ASSERT_EQ(actual.line, expected.line);
    ASSERT_EQ(actual.cells.size(), expected.cells.size());
    for (std::size_t i = 0; i < expected.cells.size(); ++i) {
      ASSERT_EQ(actual.cells[i], expected.cells[i]) << "cell " << i;
      ASSERT_EQ(actual.columnOf(i), expected.columns[i]) << "cell " << i;
    }
  }
}

TEST(CsvPropertyTest, RandomDocumentsSplitAsTheReferenceDoes) {
  for (std::uint64_t seed = 1; seed <= 3000; ++seed) {
    Dice dice(seed);
    char separator = randomSeparator(dice);
    std::string document = randomDocument(dice, separator);
    // Blocks of one byte up: every record, quote and CRLF cut somewhere.
    for (std::size_t block : {std::size_t{1}, std::size_t{2} + dice.below(14),
                              std::size_t{16} + dice.below(200), ingest::CsvScanner::kBlock}) {
      expectSameRecords(document, separator, block, fmt::format("seed {}", seed));
      if (::testing::Test::HasFatalFailure())
        return;
    }
  }
}

// The plain-record path takes a record's cells from the 64-byte window of
// its start: records of every length around 64 bytes, a quote or a blank
// line at every place before the line end, each line end, cut by blocks of
// every size.
TEST(CsvPropertyTest, PlainRecordsAroundTheWindowSplitAsTheReferenceDoes) {
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    Dice dice(seed);
    std::string document;
    std::size_t records = 1 + dice.below(8);
    for (std::size_t r = 0; r < records; ++r) {
      std::size_t length = dice.below(140);
      std::string record;
      for (std::size_t i = 0; i < length; ++i)
        record += dice.chance(0.2) ? ',' : static_cast<char>('a' + dice.below(26));
      if (dice.chance(0.2) && !record.empty())
        record[dice.below(record.size())] = '"';
      document += record;
      if (r + 1 < records || dice.chance(0.7))
        document += lineEnd(dice);
      if (dice.chance(0.1))
        document += lineEnd(dice);
    }
    for (std::size_t block : {std::size_t{1} + dice.below(70), std::size_t{64} + dice.below(140),
                              ingest::CsvScanner::kBlock}) {
      expectSameRecords(document, ',', block, fmt::format("seed {}", seed));
      if (::testing::Test::HasFatalFailure())
        return;
    }
  }
}

// Records around 1 MiB: kept up to the limit, rejected whole past it,
// whatever is in them and wherever the line end falls.
TEST(CsvPropertyTest, LongRecordsAreKeptOrRejectedAsTheReferenceDoes) {
  constexpr std::size_t kLimit = ingest::CsvScanner::kLongestRecord;
  const std::string before = "a,b\nc,d\r\n";
  const std::string after = "\ne,f\n";
  auto filled = [](std::size_t length) { return std::string(length, 'x'); };
  std::vector<std::pair<std::string, std::string>> documents = {
      {"exactly the limit with LF", before + filled(kLimit - 3) + ",y\n" + "e,f\n"},
      {"one byte over with LF", before + filled(kLimit - 2) + ",y\n" + "e,f\n"},
      {"CRLF whose LF is over", before + filled(kLimit - 3) + ",y\r\n" + "e,f\n"},
      {"CRLF within", before + filled(kLimit - 4) + ",y\r\n" + "e,f\n"},
      {"lone CR at the limit", before + filled(kLimit - 3) + ",y\re,f\n"},
      {"at the end of the input", before + filled(kLimit + 5)},
      {"exactly the limit at the end", before + filled(kLimit)},
      {"a quoted cell of lines over the limit", before + "\"" +
                                                    [&] {
                                                      std::string lines;
                                                      while (lines.size() < kLimit + 100)
                                                        lines += "2026,smuggled\n";
                                                      return lines;
                                                    }() +
                                                    "\",y" + after},
      {"a quote never closed past the limit", before + "\"" + filled(kLimit + 10) + "\n" + "e,f"},
      {"a stray quote past the limit", before + filled(kLimit + 10) + "\"z" + after},
      {"a quote past the limit closed on the last line", before + filled(kLimit + 10) + ",\"open"},
      {"doubled quotes near the limit", before + "\"" + filled(kLimit - 20) + "\"\"\"\"\"" + after},
  };
  for (const auto& [name, document] : documents)
    for (std::size_t block : {std::size_t{4093}, std::size_t{65536}, ingest::CsvScanner::kBlock}) {
      expectSameRecords(document, ',', block, name);
      if (::testing::Test::HasFatalFailure())
        return;
    }
}

// --- the batches: values, present flags, lines, errors and counts

std::string shown(const ingest::DataError& error) {
  return fmt::format("{}:{}:{} {} [{}] {} | {} | {}", error.where.file, error.where.line,
                     error.where.column, error.reason, error.field, escaped(error.message),
                     escaped(error.record), error.stopsReading);
}

ReadOutcome readFast(const plan::Program& program, std::uint32_t stream, const std::string& text,
                     std::size_t batchRows, const std::vector<bool>& keptFields) {
  std::istringstream input(text);
  ingest::StreamReader reader(program, stream, input, "data.csv", ingest::DataFormat::Csv,
                              ingest::Compression::None, {}, keptFields);
  ReadOutcome outcome;
  outcome.rows.columns.resize(program.streams[stream].fields.size());
  ingest::RecordBatch batch;
  auto keep = [&] {
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
  };
  while (reader.next(batch, batchRows, [&](const ingest::DataError& error) {
    outcome.errors.push_back(error);
    return true;
  }))
    keep();
  // A refused file ends reading with the rows before it in the batch.
  if (reader.failed())
    keep();
  outcome.failed = reader.failed();
  outcome.read = reader.recordsRead();
  outcome.rejected = reader.recordsRejected();
  return outcome;
}

// `keptFields` (empty: all): the reference's columns of the others must
// be left empty, its errors and counts stay.
void expectSameOutcome(const plan::Program& program, std::uint32_t stream,
                       const std::string& document, std::size_t batchRows, const std::string& name,
                       const std::vector<bool>& keptFields = {}) {
  SCOPED_TRACE(fmt::format("{}: \"{}\"", name, escaped(document)));
  std::istringstream input(document);
  ReadOutcome expected = readCsvAsReference(program, stream, input, "data.csv");
  for (std::size_t i = 0; i < keptFields.size(); ++i)
    if (!keptFields[i])
      expected.rows.columns[i] = {};
  ReadOutcome actual = readFast(program, stream, document, batchRows, keptFields);
  ASSERT_EQ(actual.errors.size(), expected.errors.size())
      << (actual.errors.empty() ? std::string("-") : shown(actual.errors[0])) << " vs "
      << (expected.errors.empty() ? std::string("-") : shown(expected.errors[0]));
  for (std::size_t i = 0; i < expected.errors.size(); ++i)
    ASSERT_EQ(shown(actual.errors[i]), shown(expected.errors[i])) << "error " << i;
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

// The columns of a stream and, per column, spellings good and bad.
using Spellings = std::vector<std::pair<std::string, std::vector<std::string>>>;

const Spellings kAllTypes = {
    {"t",
     {"2026-03-06T16:30:00Z",
      "2026-03-06t16:30:00z",
      "2026-03-06T16:30:00.25+01:00",
      "2026-03-06T16:30:00.1234567Z",
      "2026-03-06T16:30:00.1234560Z",
      "2024-02-29T23:59:59-14:00",
      "2026-02-29T00:00:00Z",
      "0000-01-01T00:00:00Z",
      "2026-03-06T24:00:00Z",
      "2026-03-06T16:60:00Z",
      "2026-03-06T16:30:60Z",
      "2026-03-06T16:30:00+14:01",
      "2026-03-06T16:30:00-15:00",
      "2026-03-06T16:30:00+01:60",
      "2026-03-06 16:30:00Z",
      "2026-03-06T16:30Z",
      "9999-12-31T23:59:59.999999Z",
      "0001-01-01T00:00:00+01:00",
      "2026-03-06T16:30:00.Z",
      "2026-03-06T16:30:00+0100",
      "2026-13-06T16:30:00Z",
      "2026-03-06T16:30:00ZZ",
      "2026-03-06T16:30:00Z ",
      "2026-03-06T16:30:00X",
      "2026-03-06T16:30:0aZ",
      "1969-12-31T23:59:59Z",
      "1970-01-01T00:00:00Z",
      "2099-12-31T23:59:59Z",
      "2100-01-01T00:00:00Z",
      "2100-02-29T00:00:00Z",
      "2000-02-29T00:00:00Z",
      "2024-02-29T12:00:00Z",
      "2026-04-31T00:00:00Z",
      "2026-03-00T16:30:00Z",
      ""}},
    {"t_s",
     {"1772814600",
      "-1",
      "0",
      "-0",
      "1772814600.5",
      "17728146x",
      "99999999999999",
      "1772814600,5",
      "+5",
      "253402300799",
      "253402300800",
      "-62135596800",
      "-62135596801",
      "000000000000000000001",
      "999999999",
      "100000000",
      "17728146001",
      "123456789012",
      "1234567890123",
      "1772814600 ",
      "17728146x0",
      "1772814600x",
      ""}},
    {"t_ms",
     {"1772814600250", "1.2345", "1.234", "-5", "1e3", "9999999999999999", "999999999999999",
      "123456789", "1772814600250x", "17728146002:0", ""}},
    {"wait", {"1h30m", "250ms", "90", "1.5s", "2d", ""}},
    {"wait_ms",
     {"1500.5", "0.0001", "-3", "12", "", "999999999", "1000000000", "-999999999", "-0", "007",
      "+5", "1e3", "12 ", "-", "1.", "9223372036854775807", "9223372036854775808"}},
    {"wait_s", {"0.25", "3", "", "999999999", "-1", "0", "1.000000", "1.0000001", "5s"}},
    {"flag",
     {"true", "TRUE", "False", "1", "0", "yes", "tRuE", "truee", "", "\xC3\xA9", "fals", "falsee",
      "2", "01", "true "}},
    {"count",
     {"-42", "0", "99999999999999999999", "+5", "4.0", "9223372036854775807",
      "-9223372036854775808", "9223372036854775808", " 1", ""}},
    {"score",
     {"4.2", "-1.5e3", "0.000", "100", "4.2.1", "123456789012345678", "1234567890123456789",
      "0012.50", "5.", ".5", "-0", "1,5", "0.000000000000000001", "1.0000000000000000001", "-", "",
      "12345678901234567.8"}},
    {"share",
     {"99.5%", "99.5", "-0.000001%", "99.5%%", "100.1234567", "999999999999%", "1000000000000%",
      "%", "0.1234567%", "12.%", ""}},
    {"day", {"2026-03-01", "2026-02-30", "2024-02-29", "0000-01-01", "2026-3-1", ""}},
    {"level", {"low", "high", "HIGH", "medium", "", "lo\xC9"}},
    {"note",
     {"x", "a, \"quoted\"\nnote",
      "ab\xC9"
      "cole",
      "\xC3\x89"
      "cole",
      "", " ", "with;semi", "a note longer than sixteen bytes", "two\r\nlines", "\xE2\x82"}},
};

// desk.ticket of data-shape.sla: `;`, decimal commas, local times.
const Spellings kDeskTickets = {
    {"Issue key", {"KEY-1", "\xC3\xBC-1", "", "K;1"}},
    {"Priority", {"Highest", "highest", "P1 - Urgent", "High", "Medium", "Low", "none", ""}},
    {"Status", {"Open", "Done", "open", ""}},
    {"Created", {"06/Mar/26 05:30 PM", "6/Mar/26 5:30 PM", "bad", "2026-03-06T17:30:00Z"}},
    {"Closed",
     {"2026-03-06 17:30", "2026-03-06T17:30:00Z", "2026-03-06T17:30:00+01:00", "2026-03-29 02:30",
      "2026-03-06 17:30:00", "x", ""}},
    {"Stamp", {"2026-03-06 17:30:00 +0100", "2026-03-06 17:30:00", ""}},
    {"Effort", {"4,5", "4.5", "12", "-1,25", "1,2,3", "0,000", ""}},
    {"Share", {"99,5%", "99.5%", "100", "0,5", ""}},
    {"Wait", {"90", "1,5", "1.5", "0,0000001", ""}},
};

// billing.invoice and billing.european of money.sla: amounts with and
// without their code, currency columns, decimal commas.
const Spellings kInvoices = {
    {"t", {"2026-03-06T16:30:00Z"}},
    {"Amount",
     {"12.50",
      "12.50 EUR",
      "-3",
      "0.000001",
      "0.0000001",
      "12.50 USD",
      "12.50  EUR",
      "12.50\tEUR",
      "EUR 12.50",
      "9223372036854.775807",
      "9223372036854.77580",
      "9999999999999.99999",
      "999999999999.999999",
      "1000000000000",
      "1e3",
      "+5",
      ".5",
      "5.",
      "-0",
      "12,50",
      "",
      " EUR",
      "1 EUR",
      "12.50 EU",
      "12.50 EURO",
      " 12.50",
      "12.50 eur"}},
    {"Currency", {"EUR", "USD", "eur", "", " EUR", "EURO"}},
    {"tip", {"500", "500 JPY", "1.5", "", "500 EUR"}},
    {"Tip Currency", {"JPY", "", "EUR"}},
    {"credit", {"-0.5", "", "0.5 EUR", "abc"}},
};
const Spellings kEuropeanAmounts = {
    {"t", {"2026-03-06T16:30:00Z"}},
    {"amount", {"12,50", "12,50 EUR", "12.50", "-0,000001", "1,2,3", "0,0000001", "12,50 USD", ""}},
};

// How a random table's values are chosen: most the column's first
// spelling, some empty, the others any of its spellings; how many of
// those that need no quotes are quoted; up to mostRecords records.
struct TableShares {
  double first = 0.7;
  double empty = 0;
  double quoted = 0.2;
  std::size_t mostRecords = 40;
};

std::string randomTable(Dice& dice, const Spellings& spellings, char separator,
                        TableShares shares = {}) {
  std::vector<std::size_t> order(spellings.size());
  for (std::size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::shuffle(order.begin(), order.end(), dice.engine());
  std::vector<std::string> header;
  for (std::size_t i : order)
    header.push_back(spellings[i].first);
  if (dice.chance(0.3))
    header.insert(header.begin() + static_cast<std::ptrdiff_t>(dice.below(header.size() + 1)),
                  "extra");
  if (dice.chance(0.02))
    header.erase(header.begin() + static_cast<std::ptrdiff_t>(dice.below(header.size())));
  if (dice.chance(0.02))
    header.push_back(header.front());
  std::string document = dice.chance(0.1) ? "\xEF\xBB\xBF" : "";
  for (std::size_t i = 0; i < header.size(); ++i)
    document += (i > 0 ? std::string(1, separator) : "") + written(dice, header[i], separator, 0);
  document += lineEnd(dice);
  std::size_t records = dice.below(shares.mostRecords);
  for (std::size_t r = 0; r < records; ++r) {
    if (dice.chance(0.03))
      document += lineEnd(dice);
    std::size_t cells = header.size();
    if (dice.chance(0.03))
      cells = dice.chance(0.5) ? cells + 1 : cells - 1;
    for (std::size_t c = 0; c < cells; ++c) {
      if (c > 0)
        document += separator;
      const std::string& column = c < header.size() ? header[c] : "extra";
      auto spelling = std::find_if(spellings.begin(), spellings.end(),
                                   [&](const auto& entry) { return entry.first == column; });
      // Most values good: the first few spellings of each column.
      std::string value = spelling == spellings.end()  ? randomText(dice, separator)
                          : dice.chance(shares.empty)  ? ""
                          : dice.chance(shares.first)  ? spelling->second[0]
                                                       : dice.pick(spelling->second);
      document += written(dice, value, separator, 0.005, shares.quoted);
    }
    if (r + 1 < records || dice.chance(0.7))
      document += lineEnd(dice);
  }
  return document;
}

class CsvBatchPropertyTest : public ::testing::Test {
protected:
  const plan::Program& program(const std::string& sla) {
    auto& compilation = compilations_[sla];
    if (!compilation) {
      compilation = std::make_unique<compile::Compilation>(
          compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/tests/ingest/inputs/" + sla}));
    }
    EXPECT_TRUE(compilation->plan());
    return *compilation->plan();
  }

  std::map<std::string, std::unique_ptr<compile::Compilation>> compilations_;
};

TEST_F(CsvBatchPropertyTest, RandomTablesOfEveryTypeGiveTheReferenceBatchesAndErrors) {
  const plan::Program& allTypes = program("all-types.sla");
  for (std::uint64_t seed = 1; seed <= 1500; ++seed) {
    Dice dice(seed);
    std::string document = randomTable(dice, kAllTypes, ',');
    expectSameOutcome(allTypes, 0, document, 1 + dice.below(50), fmt::format("seed {}", seed));
    if (HasFatalFailure())
      return;
  }
}

// The columns of common-types.sla: kAllTypes less `wait`, each column's
// first spelling a common one.
Spellings commonSpellings() {
  Spellings common = kAllTypes;
  std::erase_if(common, [](const auto& column) { return column.first == "wait"; });
  for (auto& [column, spellings] : common) {
    std::string_view first = column == "wait_ms" ? "12" : column == "wait_s" ? "3" : "";
    if (!first.empty())
      std::rotate(spellings.begin(), std::find(spellings.begin(), spellings.end(), first),
                  spellings.end());
  }
  return common;
}

// Tables of common values, so that the reader takes runs of records a
// column at a time (StreamReader): runs stopped at every field by a value
// in another spelling, a bad one or a record malformed, and empty
// optional cells within runs.
TEST_F(CsvBatchPropertyTest, RunsOfCommonValuesGiveTheReferenceBatchesAndErrors) {
  const plan::Program& commonTypes = program("common-types.sla");
  const plan::Program& money = program("money.sla");
  Spellings common = commonSpellings();
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    Dice dice(seed);
    bool amounts = seed % 3 == 0;
    TableShares shares{0.995, 0.004, 0.002, 300};
    std::string document = amounts ? randomTable(dice, kInvoices, ',', shares)
                                   : randomTable(dice, common, ',', shares);
    expectSameOutcome(amounts ? money : commonTypes, 0, document, 1 + dice.below(200),
                      fmt::format("seed {}", seed));
    if (HasFatalFailure())
      return;
  }
}

TEST_F(CsvBatchPropertyTest, RandomTablesWithSemicolonsAndDecimalCommasGiveTheReferenceBatches) {
  const plan::Program& shapes = program("data-shape.sla");
  for (std::uint64_t seed = 1; seed <= 1000; ++seed) {
    Dice dice(seed);
    std::string document = randomTable(dice, kDeskTickets, ';');
    expectSameOutcome(shapes, 0, document, 1 + dice.below(50), fmt::format("seed {}", seed));
    if (HasFatalFailure())
      return;
  }
}

TEST_F(CsvBatchPropertyTest, RandomTablesOfAmountsGiveTheReferenceBatchesAndErrors) {
  const plan::Program& money = program("money.sla");
  for (std::uint64_t seed = 1; seed <= 1000; ++seed) {
    Dice dice(seed);
    bool european = seed % 2 == 0;
    std::string document =
        randomTable(dice, european ? kEuropeanAmounts : kInvoices, european ? ';' : ',');
    expectSameOutcome(money, european ? 1 : 0, document, 1 + dice.below(50),
                      fmt::format("seed {}", seed));
    if (HasFatalFailure())
      return;
  }
}

// Fields the evaluation does not read (plan::Program::readFields) are
// checked as before, so a bad value in one still rejects its record, but
// their columns stay empty.
TEST_F(CsvBatchPropertyTest, FieldsLeftOutAreCheckedAsTheReferenceChecksThem) {
  const plan::Program& allTypes = program("all-types.sla");
  const plan::Program& shapes = program("data-shape.sla");
  for (std::uint64_t seed = 1; seed <= 1000; ++seed) {
    Dice dice(seed);
    bool desk = seed % 3 == 0;
    const plan::Program& chosen = desk ? shapes : allTypes;
    std::string document =
        desk ? randomTable(dice, kDeskTickets, ';') : randomTable(dice, kAllTypes, ',');
    std::vector<bool> kept(chosen.streams[0].fields.size());
    for (std::size_t i = 0; i < kept.size(); ++i)
      kept[i] = dice.chance(0.5);
    expectSameOutcome(chosen, 0, document, 1 + dice.below(50), fmt::format("seed {}", seed), kept);
    if (HasFatalFailure())
      return;
  }
}

// Tickets grouped by customer (tests/ingest/inputs/grouped.sla), so that
// the reader codes the customers (ingest/TextCodes.h): from a pool of 8 or
// of 1,500 names (a batch of more than 1,024 goes back to a text per row),
// now and then empty, not UTF-8, quoted or random, some records rejected
// for their time (before the customer is read) or their note (after).
// With `teams` (grouped-twice.sla), a team after the customer, grouped
// too, that is sometimes not coded after its record's customer was.
std::string groupedTickets(Dice& dice, bool teams = false) {
  std::size_t pool = dice.chance(0.5) ? 8 : 1500;
  std::size_t records = dice.below(3000);
  std::string document = teams ? "id,opened,customer,team,note\n" : "id,opened,customer,note\n";
  auto groupText = [&](std::string_view name) {
    return dice.chance(0.02)   ? std::string()
           : dice.chance(0.02) ? randomText(dice, ',')
           : dice.chance(0.02) ? std::string("M\xC3\xBCller, \"GmbH\"")
                               : fmt::format("{}-{}", name, dice.below(pool));
  };
  for (std::size_t r = 0; r < records; ++r) {
    std::string customer = written(dice, groupText("customer"), ',', 0.001);
    if (teams)
      customer = fmt::format("{},{}", customer, written(dice, groupText("team"), ',', 0.001));
    std::string_view opened = dice.chance(0.02) ? "soon" : "2026-03-02T09:00:00Z";
    std::string_view note = dice.chance(0.02) ? "not \xC9" : "n";
    document += fmt::format("T-{},{},{},{}\n", r, opened, customer, note);
  }
  return document;
}

TEST_F(CsvBatchPropertyTest, GroupedTextsGiveTheReferenceTexts) {
  const plan::Program& grouped = program("grouped.sla");
  for (std::uint64_t seed = 1; seed <= 150; ++seed) {
    Dice dice(seed);
    std::string document = groupedTickets(dice);
    expectSameOutcome(grouped, 0, document, 1 + dice.below(3000), fmt::format("seed {}", seed));
    if (HasFatalFailure())
      return;
  }
}

TEST_F(CsvBatchPropertyTest, TwoGroupedTextsGiveTheReferenceTexts) {
  const plan::Program& grouped = program("grouped-twice.sla");
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    Dice dice(seed);
    std::string document = groupedTickets(dice, true);
    expectSameOutcome(grouped, 0, document, 1 + dice.below(3000), fmt::format("seed {}", seed));
    if (HasFatalFailure())
      return;
  }
}

TEST_F(CsvBatchPropertyTest, GroupedTextsOnSeveralThreadsGiveTheTextsOfOneThread) {
  const plan::Program& grouped = program("grouped.sla");
  for (std::uint64_t seed = 1; seed <= 40; ++seed) {
    Dice dice(seed);
    std::string document = groupedTickets(dice);
    SCOPED_TRACE(fmt::format("seed {}", seed));
    expectSameTraceOnThreads(grouped, 0, document, ingest::DataFormat::Csv, 1 + dice.below(3000));
    if (HasFatalFailure())
      return;
  }
}

// --- several threads (issue 14, item 3): the same batches, errors and
// counts as one thread, with chunks down to a byte.

TEST_F(CsvBatchPropertyTest, RandomTablesOnSeveralThreadsGiveTheBatchesOfOne) {
  const plan::Program& allTypes = program("all-types.sla");
  const plan::Program& shapes = program("data-shape.sla");
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    Dice dice(seed);
    bool desk = seed % 3 == 0;
    std::string document =
        desk ? randomTable(dice, kDeskTickets, ';') : randomTable(dice, kAllTypes, ',');
    SCOPED_TRACE(fmt::format("seed {}", seed));
    expectSameTraceOnThreads(desk ? shapes : allTypes, 0, document, ingest::DataFormat::Csv,
                             1 + dice.below(20));
    if (HasFatalFailure())
      return;
  }
}

TEST_F(CsvBatchPropertyTest, RunsOfCommonValuesOnSeveralThreadsGiveTheBatchesOfOne) {
  const plan::Program& commonTypes = program("common-types.sla");
  Spellings common = commonSpellings();
  for (std::uint64_t seed = 1; seed <= 100; ++seed) {
    Dice dice(seed);
    std::string document = randomTable(dice, common, ',', {0.995, 0.004, 0.002, 300});
    SCOPED_TRACE(fmt::format("seed {}", seed));
    expectSameTraceOnThreads(commonTypes, 0, document, ingest::DataFormat::Csv,
                             1 + dice.below(200));
    if (HasFatalFailure())
      return;
  }
}

// A good header over a soup of quotes, separators and line ends: records
// malformed every way, quoted cells over lines, quotes never closed.
TEST_F(CsvBatchPropertyTest, MalformedRecordsOnSeveralThreadsGiveTheErrorsOfOne) {
  const plan::Program& allTypes = program("all-types.sla");
  std::string header;
  for (const auto& [column, spellings] : kAllTypes)
    header += (header.empty() ? "" : ",") + column;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    Dice dice(seed);
    std::string document = header + lineEnd(dice) + randomDocument(dice, ',');
    SCOPED_TRACE(fmt::format("seed {}", seed));
    expectSameTraceOnThreads(allTypes, 0, document, ingest::DataFormat::Csv, 1 + dice.below(20));
    if (HasFatalFailure())
      return;
  }
}

} // namespace
} // namespace slac::testing
