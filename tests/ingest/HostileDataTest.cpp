// Hostile measurement data (issue 11): bytes that are not text, records
// that try to escape their cell, line ends that fold rows together, numbers
// that lose digits, duplicate names and durations at the edge of their range.
// Each case failed before its fix.
#include "compile/Compile.h"
#include "ingest/StreamReader.h"
#include "report/Renderers.h"

#include <algorithm>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

namespace slac::testing {
namespace {

class HostileDataTest : public ::testing::Test {
protected:
  void SetUp() override { ASSERT_TRUE(compilation_.plan()); }

  // Every accepted row, its batches concatenated; errors collected.
  ingest::RecordBatch read(const std::string& text, ingest::DataFormat format) {
    std::istringstream input(text);
    ingest::StreamReader reader(*compilation_.plan(), 0, input, "data", format);
    ingest::RecordBatch all;
    all.columns.resize(compilation_.plan()->streams[0].fields.size());
    ingest::RecordBatch batch;
    errors_.clear();
    while (reader.next(batch, 100, [&](const ingest::DataError& error) {
      errors_.push_back(error);
      return true;
    })) {
      all.lines.insert(all.lines.end(), batch.lines.begin(), batch.lines.end());
      for (std::size_t i = 0; i < batch.columns.size(); ++i) {
        ingest::Column& to = all.columns[i];
        const ingest::Column& from = batch.columns[i];
        to.integers.insert(to.integers.end(), from.integers.begin(), from.integers.end());
        to.strings.insert(to.strings.end(), from.strings.begin(), from.strings.end());
        to.present.insert(to.present.end(), from.present.begin(), from.present.end());
      }
    }
    failed_ = reader.failed();
    read_ = reader.recordsRead();
    return all;
  }

  compile::Compilation compilation_ =
      compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/tests/ingest/inputs/all-types.sla"});
  std::vector<ingest::DataError> errors_;
  bool failed_ = false;
  std::uint64_t read_ = 0;
};

constexpr std::size_t kNote = 12; // the index of `note: string?` in all-types.sla

// --- 1. text that is not UTF-8

TEST_F(HostileDataTest, AStringThatIsNotUtf8IsAnInvalidValueWithItsColumn) {
  auto rows = read("t,t_s,t_ms,wait,wait_ms,wait_s,flag,count,score,share,day,level,note\n"
                   "2026-03-06T16:30:00Z,,,,,,,,,,,,ab\xC9"
                   "cole\n"
                   "2026-03-06T16:31:00Z,,,,,,,,,,,,\xC3\x89"
                   "cole\n",
                   ingest::DataFormat::Csv);
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].reason, "invalid_value");
  EXPECT_EQ(errors_[0].field, "note");
  EXPECT_EQ(errors_[0].where.line, 2u);
  EXPECT_EQ(errors_[0].where.column, 35u); // the 0xC9 after `ab`
  EXPECT_NE(errors_[0].message.find("0xC9"), std::string::npos) << errors_[0].message;
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows.columns[kNote].strings[0], "\xC3\x89"
                                            "cole");
}

TEST_F(HostileDataTest, TheJsonReportReplacesBytesThatAreNotUtf8) {
  eval::Report report;
  eval::AgreementReport agreement;
  agreement.name = "a";
  agreement.terminations.push_back({"o",
                                    std::string("\xC9"
                                                "cole"),
                                    3,
                                    {}});
  report.agreements.push_back(agreement);
  compile::Compilation desk =
      compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/tests/eval/inputs/desk.sla"});
  ASSERT_TRUE(desk.plan());
  std::string json = report::renderJson(report, *desk.plan());
  auto parsed = nlohmann::json::parse(json);
  EXPECT_EQ(parsed["agreements"][0]["terminations"][0]["group"], "\xEF\xBF\xBD"
                                                                 "cole");
}

// --- 4. records smuggled out of a cell too long

const std::string kAllColumns =
    "t,t_s,t_ms,wait,wait_ms,wait_s,flag,count,score,share,day,level,note\n";

std::string row(int minute, const std::string& note) {
  return fmt::format("2026-03-06T16:{:02}:00Z,,,,,,,,,,,,{}\n", minute, note);
}

TEST_F(HostileDataTest, ARecordTooLongIsRejectedWholeAndNothingInItBecomesARecord) {
  // A quoted cell of 1.5 MiB whose lines look like records.
  std::string cell = "\"";
  int lines = 0;
  while (cell.size() < (3u << 19)) {
    cell += '\n';
    cell += row(59, "smuggled");
    cell.pop_back();
    ++lines;
  }
  cell += "\"";
  auto rows = read(kAllColumns + row(1, "before") + row(2, cell) + row(3, "after"),
                   ingest::DataFormat::Csv);
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].reason, "malformed_record");
  EXPECT_EQ(errors_[0].where.line, 3u);
  EXPECT_NE(errors_[0].message.find("longer than 1 MiB"), std::string::npos) << errors_[0].message;
  EXPECT_LE(errors_[0].record.size(), 1024u); // only a prefix reaches the rejects file
  EXPECT_FALSE(failed_);
  EXPECT_EQ(read_, 3u);
  EXPECT_EQ(rows.columns[kNote].strings, (std::vector<std::string>{"before", "after"}));
  EXPECT_EQ(rows.lines, (std::vector<std::uint64_t>{2, 4 + static_cast<std::uint64_t>(lines)}));
}

TEST_F(HostileDataTest, ALineTooLongOfSeparatorsKeepsNoCells) {
  std::string commas(3u << 20, ',');
  auto rows = read(kAllColumns + row(1, commas) + row(2, "after"), ingest::DataFormat::Csv);
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].where.line, 2u);
  EXPECT_EQ(rows.columns[kNote].strings, std::vector<std::string>{"after"});
}

// --- 5. line ends and quotes that fold rows together

TEST_F(HostileDataTest, CarriageReturnsAloneEndLines) {
  std::string text = kAllColumns + row(0, "a") + row(1, "\"b\rc\"") + row(2, "d");
  std::replace(text.begin(), text.end(), '\n', '\r');
  text += row(3, "e") + "\r" + row(4, "f");
  auto rows = read(text, ingest::DataFormat::Csv);
  ASSERT_TRUE(errors_.empty()) << errors_[0].message;
  EXPECT_EQ(rows.columns[kNote].strings, (std::vector<std::string>{"a", "b\rc", "d", "e", "f"}));
  EXPECT_EQ(rows.lines, (std::vector<std::uint64_t>{2, 3, 5, 6, 8}));
}

TEST_F(HostileDataTest, CarriageReturnsAloneEndNdjsonLines) {
  auto rows = read("{\"t\": \"2026-03-06T16:30:00Z\", \"note\": \"a\"}\r"
                   "{\"t\": \"2026-03-06T16:31:00Z\", \"note\": \"b\"}\r\n"
                   "{\"t\": \"2026-03-06T16:32:00Z\", \"note\": \"c\"}\r",
                   ingest::DataFormat::Ndjson);
  ASSERT_TRUE(errors_.empty()) << errors_[0].message;
  EXPECT_EQ(rows.columns[kNote].strings, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(rows.lines, (std::vector<std::uint64_t>{1, 2, 3}));
}

TEST_F(HostileDataTest, AQuoteLeftOpenToTheEndRefusesTheFileAtTheQuote) {
  std::string text = kAllColumns + row(0, "a") + row(1, "\"open");
  for (int minute = 2; minute < 8; ++minute)
    text += row(minute, "x");
  read(text, ingest::DataFormat::Csv);
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].reason, "malformed_file");
  EXPECT_EQ(errors_[0].where.line, 3u);
  EXPECT_EQ(errors_[0].where.column, 33u);
  EXPECT_NE(errors_[0].message.find("never closed"), std::string::npos) << errors_[0].message;
  EXPECT_TRUE(failed_);
}

TEST_F(HostileDataTest, AQuotedCellSpanningLinesThatEndsBadlyRefusesTheFile) {
  // 7 rows, the second with a stray quote that a later one "closes".
  std::string text = kAllColumns + row(0, "a") + row(1, "\"b");
  for (int minute = 2; minute < 6; ++minute)
    text += row(minute, "x");
  text += row(6, "y\"z") + row(7, "after");
  read(text, ingest::DataFormat::Csv);
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].reason, "malformed_file");
  EXPECT_EQ(errors_[0].where.line, 3u);
  EXPECT_EQ(errors_[0].where.column, 33u);
  EXPECT_NE(errors_[0].message.find("spans lines 3 to 8"), std::string::npos) << errors_[0].message;
  EXPECT_TRUE(failed_);
}

// --- 7. numbers as text, duplicate names

TEST_F(HostileDataTest, NdjsonNumbersKeepTheirExactTextInStrings) {
  auto rows =
      read("{\"t\": \"2026-03-06T16:30:00Z\", \"note\": 12345678901234567890123}\n"
           "{\"t\": \"2026-03-06T16:30:00Z\", \"note\": 12345678901234567890124}\n"
           "{\"t\": \"2026-03-06T16:30:00Z\", \"note\": 1.0}\n"
           "{\"t\": \"2026-03-06T16:30:00Z\", \"note\": \"1\"}\n"
           "{\"t\": \"2026-03-06T16:30:00Z\", \"note\": -7, \"count\": 18446744073709551615}\n"
           "{\"t\": \"2026-03-06T16:30:00Z\", \"note\": 1E400, \"count\": 7}\n",
           ingest::DataFormat::Ndjson);
  // 2^64 - 1 is too large for an int: that record alone is rejected; a
  // number beyond a double's range is refused by the JSON parser, with why.
  ASSERT_EQ(errors_.size(), 2u);
  EXPECT_EQ(errors_[0].field, "count");
  EXPECT_EQ(errors_[0].where.line, 5u);
  EXPECT_EQ(errors_[1].reason, "malformed_record");
  EXPECT_EQ(errors_[1].where.line, 6u);
  EXPECT_NE(errors_[1].message.find("number overflow"), std::string::npos) << errors_[1].message;
  EXPECT_EQ(
      rows.columns[kNote].strings,
      (std::vector<std::string>{"12345678901234567890123", "12345678901234567890124", "1.0", "1"}));
}

TEST_F(HostileDataTest, ADuplicateNdjsonKeyIsAnErrorAtItsSecondPlace) {
  auto rows = read("{\"t\": \"2026-03-06T16:30:00Z\", \"note\": \"a\", \"note\": \"b\"}\n"
                   "{\"t\": \"2026-03-06T16:31:00Z\", \"x\": {\"note\": 1, \"note\": 2}}\n",
                   ingest::DataFormat::Ndjson);
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].reason, "malformed_record");
  EXPECT_EQ(errors_[0].where.line, 1u);
  EXPECT_EQ(errors_[0].where.column, 44u);
  EXPECT_NE(errors_[0].message.find("`note` appears twice"), std::string::npos)
      << errors_[0].message;
  // Keys inside a nested value are no fields: only the second line is read.
  EXPECT_EQ(rows.lines, std::vector<std::uint64_t>{2});
}

TEST_F(HostileDataTest, ADuplicateCsvColumnOfAFieldStopsTheFile) {
  read("t,t_s,t_ms,wait,wait_ms,wait_s,flag,count,score,share,day,level,note,extra,extra,note\n" +
           row(0, "a,x,y,b"),
       ingest::DataFormat::Csv);
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].reason, "duplicate_column");
  EXPECT_EQ(errors_[0].field, "note");
  EXPECT_EQ(errors_[0].where.line, 1u);
  EXPECT_EQ(errors_[0].where.column, 82u);
  EXPECT_TRUE(failed_);
}

// --- 8. durations over their whole range, in every format

TEST(DurationRangeTest, EveryFormatReachesTheLongestDurationAndNoFurther) {
  compile::Compilation compilation =
      compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/tests/ingest/inputs/durations.sla"});
  ASSERT_TRUE(compilation.plan());
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  struct Case {
    std::size_t column; // 1 plain, 2 us, 3 ms, 4 s, 5 m, 6 h
    std::string text;
    std::optional<std::int64_t> micros; // unset: too large
  };
  // m and h reach the longest duration that is a whole number of their
  // smallest exact step (3 µs for minutes, 9 µs for hours, 9 decimals).
  std::vector<Case> cases = {
      {1, "9223372036854775807us", kMax},
      {1, "9223372036854775808us", std::nullopt},
      {1, "106751991d4h0m54.775807s", kMax},
      {1, "106751991d4h0m54.775808s", std::nullopt},
      {2, "9223372036854775807", kMax},
      {2, "9223372036854775808", std::nullopt},
      {2, "-9223372036854775808", kMin},
      {2, "-9223372036854775809", std::nullopt},
      {2, "9300000000", 9'300'000'000}, // 2h35m: refused before
      {3, "9223372036854775.807", kMax},
      {3, "9223372036854775.808", std::nullopt},
      {3, "9200000000000", 9'200'000'000'000'000}, // 106 days and more
      {4, "9223372036854.775807", kMax},
      {4, "9223372036854.775808", std::nullopt},
      {5, "153722867280.9129301", kMax - 1},
      {5, "153722867280.91293015", std::nullopt},
      {6, "2562047788.0152155", kMax - 7},
      {6, "2562047788.0152155025", std::nullopt},
  };
  for (const Case& c : cases) {
    std::string row = "2026-03-06T16:30:00Z" + std::string(c.column, ',') + c.text +
                      std::string(6 - c.column, ',') + "\n";
    std::istringstream input("t,plain,us,ms,s,m,h\n" + row);
    ingest::StreamReader reader(*compilation.plan(), 0, input, "data", ingest::DataFormat::Csv);
    ingest::RecordBatch batch;
    std::vector<ingest::DataError> errors;
    bool read = reader.next(batch, 10, [&](const ingest::DataError& error) {
      errors.push_back(error);
      return true;
    });
    if (c.micros) {
      ASSERT_TRUE(read && errors.empty()) << c.text << ": " << errors[0].message;
      EXPECT_EQ(batch.columns[c.column].integers[0], *c.micros) << c.text;
    } else {
      ASSERT_EQ(errors.size(), 1u) << c.text;
      EXPECT_NE(errors[0].message.find("is too large: a duration goes up to"), std::string::npos)
          << c.text << ": " << errors[0].message;
    }
  }
}

} // namespace
} // namespace slac::testing
