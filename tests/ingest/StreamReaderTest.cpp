// Reading CSV and NDJSON into batches: every conversion with a value worked
// out by hand (UTC seconds from `date -u -d ... +%s`), every kind of bad
// record with its reason, line and column, and streaming in batches.
#include "ingest/StreamReader.h"

#include "compile/Compile.h"

#include <gtest/gtest.h>
#include <sstream>

namespace slac::testing {
namespace {

constexpr std::int64_t kSecond = 1'000'000;
// 2026-03-06T17:30:00+01:00
constexpr std::int64_t kFriday = 1772814600 * kSecond;

const char* kHeader = "t,t_s,t_ms,wait,wait_ms,wait_s,flag,count,score,share,day,level,note\n";

class StreamReaderTest : public ::testing::Test {
protected:
  void SetUp() override { ASSERT_TRUE(compilation_.plan()); }

  // Reads everything; errors are collected and skipped unless `stopOnError`.
  std::vector<ingest::RecordBatch> read(const std::string& text, ingest::DataFormat format,
                                        std::size_t batchSize = 100, bool stopOnError = false) {
    std::istringstream input(text);
    ingest::StreamReader reader(*compilation_.plan(), 0, input, "data.csv", format);
    std::vector<ingest::RecordBatch> batches;
    ingest::RecordBatch batch;
    errors_.clear();
    while (reader.next(batch, batchSize, [&](const ingest::DataError& error) {
      errors_.push_back(error);
      return !stopOnError;
    }))
      batches.push_back(batch);
    failed_ = reader.failed();
    read_ = reader.recordsRead();
    rejected_ = reader.recordsRejected();
    return batches;
  }

  std::vector<ingest::RecordBatch> readCsv(const std::string& rows) {
    return read(kHeader + rows, ingest::DataFormat::Csv);
  }

  compile::Compilation compilation_ =
      compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/tests/ingest/inputs/all-types.sla"});
  std::vector<ingest::DataError> errors_;
  bool failed_ = false;
  std::uint64_t read_ = 0;
  std::uint64_t rejected_ = 0;
};

// A bool takes a byte a row, in `bools` (RecordBatch.h), never a 64-bit
// integer: set, unset, four spellings, a record converted by convertValue
// (its quoted cell) and a rejected record's bool taken back. The runs of
// common values are CsvPropertyTest's (common-types.sla has a bool).
TEST_F(StreamReaderTest, BoolsTakeAByteEach) {
  auto batches = readCsv("2026-03-06T17:30:00Z,,,,,,true,,,,,,\n"
                         "2026-03-06T17:31:00Z,,,,,,FALSE,,,,,,\n"
                         "2026-03-06T17:32:00Z,,,,,,,,,,,,\n"
                         "2026-03-06T17:33:00Z,,,,,,1,,,,,,\"quoted\"\n"
                         "2026-03-06T17:34:00Z,,,,,,0,nope,,,,,\n"
                         "2026-03-06T17:35:00Z,,,,,,0,,,,,,\n");
  ASSERT_EQ(batches.size(), 1u);
  const ingest::Column& flag = batches[0].columns[6];
  EXPECT_EQ(batches[0].lines, (std::vector<std::uint64_t>{2, 3, 4, 5, 7}));
  EXPECT_EQ(flag.bools, (std::vector<std::uint8_t>{1, 0, 0, 1, 0}));
  EXPECT_EQ(flag.present, (std::vector<std::uint8_t>{1, 1, 0, 1, 1}));
  EXPECT_TRUE(flag.integers.empty());
  EXPECT_EQ(flag.whole(3), 1);
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].where.line, 6u);
}

TEST_F(StreamReaderTest, ConvertsEveryTypeAndFormat) {
  auto batches = readCsv("2026-03-06T17:30:00+01:00,1772814600,1772814600250,1h30m,1500.5,"
                         "0.25,TRUE,-42,4.2,99.5%,2026-03-01,high,\"a, \"\"quoted\"\"\nnote\"\n");
  ASSERT_TRUE(errors_.empty()) << errors_[0].message;
  ASSERT_EQ(batches.size(), 1u);
  const ingest::RecordBatch& batch = batches[0];
  ASSERT_EQ(batch.size(), 1u);
  EXPECT_EQ(batch.lines[0], 2u);
  EXPECT_EQ(batch.columns[0].integers[0], kFriday);
  EXPECT_EQ(batch.columns[1].integers[0], kFriday);
  EXPECT_EQ(batch.columns[2].integers[0], kFriday + 250'000);
  EXPECT_EQ(batch.columns[3].integers[0], 5400 * kSecond);
  EXPECT_EQ(batch.columns[4].integers[0], 1'500'500);
  EXPECT_EQ(batch.columns[5].integers[0], 250'000);
  EXPECT_EQ(batch.columns[6].bools[0], 1);
  EXPECT_EQ(batch.columns[7].integers[0], -42);
  EXPECT_EQ(batch.columns[8].integers[0], 42); // 4.2 exactly: 42 x 10^-1
  EXPECT_EQ(batch.columns[8].exponents[0], -1);
  EXPECT_EQ(batch.columns[9].integers[0], 99'500'000);
  EXPECT_EQ(batch.columns[10].integers[0], 20513); // days from 1970-01-01 to 2026-03-01
  EXPECT_EQ(batch.columns[11].integers[0], 1);
  EXPECT_EQ(batch.columns[12].strings[0], "a, \"quoted\"\nnote");
  EXPECT_EQ(batch.columns[12].present[0], 1);
  EXPECT_TRUE(batch.columns[0].present.empty()); // a required field
}

TEST_F(StreamReaderTest, EmptyCellsAreUnsetAndRequiredOnesAreMissing) {
  auto batches = readCsv("2026-03-06T16:30:00Z,,,,,,,,,,,,\n,,,,,,,,,,,,\n");
  ASSERT_EQ(batches.size(), 1u);
  ASSERT_EQ(batches[0].size(), 1u);
  for (std::size_t column = 1; column < 13; ++column)
    EXPECT_EQ(batches[0].columns[column].present[0], 0) << column;
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].reason, "missing_value");
  EXPECT_EQ(errors_[0].field, "t");
  EXPECT_EQ(errors_[0].where.line, 3u);
  EXPECT_EQ(errors_[0].where.column, 1u);
}

TEST_F(StreamReaderTest, BadValuesAreRejectedWithTheirPlace) {
  struct Case {
    std::string row;
    std::string field;
    std::uint64_t column;
    std::string messagePart;
  };
  std::vector<Case> cases = {
      {"2026-13-06T17:30:00Z,,,,,,,,,,,,", "t", 1, "month"},
      {"2026-03-06 17:30,,,,,,,,,,,,", "t", 1, "not an RFC 3339 instant"},
      {"2026-03-06T17:30:00Z,17728146x,,,,,,,,,,,", "t_s", 22, "not a Unix time"},
      {"2026-03-06T17:30:00Z,,1.2345,,,,,,,,,,", "t_ms", 23, "at most 3 digits"},
      {"2026-03-06T17:30:00Z,,,90,,,,,,,,,", "wait", 24, "not a duration"},
      {"2026-03-06T17:30:00Z,,,,0.0001,,,,,,,,", "wait_ms", 25, "finer than a microsecond"},
      {"2026-03-06T17:30:00Z,,,,,,yes,,,,,,", "flag", 27, "not a bool"},
      {"2026-03-06T17:30:00Z,,,,,,,99999999999999999999,,,,,", "count", 28, "too large"},
      {"2026-03-06T17:30:00Z,,,,,,,,4.2.1,,,,", "score", 29, "not a number"},
      {"2026-03-06T17:30:00Z,,,,,,,,,99.5%%,,,", "share", 30, "not a percent"},
      {"2026-03-06T17:30:00Z,,,,,,,,,,2026-02-30,,", "day", 31, "not a date"},
      {"2026-03-06T17:30:00Z,,,,,,,,,,,medium,", "level", 32, "low, high"},
  };
  for (const Case& bad : cases) {
    readCsv(bad.row + "\n");
    ASSERT_EQ(errors_.size(), 1u) << bad.row;
    EXPECT_EQ(errors_[0].reason, "invalid_value") << bad.row;
    EXPECT_EQ(errors_[0].field, bad.field) << bad.row;
    EXPECT_EQ(errors_[0].where.line, 2u);
    EXPECT_EQ(errors_[0].where.column, bad.column) << bad.row;
    EXPECT_NE(errors_[0].message.find(bad.messagePart), std::string::npos) << errors_[0].message;
    EXPECT_EQ(errors_[0].record, bad.row);
  }
}

TEST_F(StreamReaderTest, MalformedRecordsKeepTheirStartLine) {
  auto batches = readCsv("2026-03-06T16:30:00Z,,,,,,,,,,,,\"two\nlines\"\n"
                         "2026-03-06T16:31:00Z,,,,,,\n"
                         "2026-03-06T16:32:00Z,,,,,,,,,,,,\"open\n");
  ASSERT_EQ(batches.size(), 1u);
  EXPECT_EQ(batches[0].lines, std::vector<std::uint64_t>{2});
  ASSERT_EQ(errors_.size(), 2u);
  EXPECT_EQ(errors_[0].reason, "malformed_record");
  EXPECT_EQ(errors_[0].where.line, 4u);
  EXPECT_NE(errors_[0].message.find("7 cells"), std::string::npos) << errors_[0].message;
  EXPECT_EQ(errors_[1].where.line, 5u);
  EXPECT_NE(errors_[1].message.find("not closed"), std::string::npos) << errors_[1].message;
  EXPECT_EQ(read_, 3u);
  EXPECT_EQ(rejected_, 2u);
}

TEST_F(StreamReaderTest, CrlfBomAndBlankLines) {
  std::string text = "\xEF\xBB\xBF" + std::string(kHeader);
  text.replace(text.find('\n'), 1, "\r\n");
  text += "2026-03-06T16:30:00Z,,,,,,,,,,,,x\r\n\r\n2026-03-06T16:31:00Z,,,,,,,,,,,,y\r\n";
  auto batches = read(text, ingest::DataFormat::Csv);
  ASSERT_TRUE(errors_.empty()) << errors_[0].message;
  ASSERT_EQ(batches.size(), 1u);
  EXPECT_EQ(batches[0].columns[12].strings, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(batches[0].lines, (std::vector<std::uint64_t>{2, 4}));
}

TEST_F(StreamReaderTest, AMissingColumnStopsWhateverTheHandlerSays) {
  read("t,note\n2026-03-06T16:30:00Z,x\n", ingest::DataFormat::Csv);
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].reason, "missing_column");
  EXPECT_EQ(errors_[0].field, "t_s");
  EXPECT_EQ(errors_[0].where.line, 1u);
  EXPECT_TRUE(failed_);
  read("", ingest::DataFormat::Csv);
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].reason, "missing_column");
}

TEST_F(StreamReaderTest, StopsAtTheFirstErrorWhenTheHandlerSaysSo) {
  auto batches = read(std::string(kHeader) + "2026-03-06T16:30:00Z,,,,,,,,,,,,\nbad,,,,,,,,,,,,\n" +
                          "2026-03-06T16:31:00Z,,,,,,,,,,,,\n",
                      ingest::DataFormat::Csv, 100, /*stopOnError=*/true);
  EXPECT_TRUE(batches.empty());
  EXPECT_TRUE(failed_);
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].where.line, 3u);
}

TEST_F(StreamReaderTest, BatchesHoldAtMostTheAskedRows) {
  std::string rows;
  for (int i = 0; i < 10; ++i)
    rows += fmt::format("2026-03-06T16:{:02}:00Z,,,,,,,,,,,,\n", i);
  auto batches = read(kHeader + rows, ingest::DataFormat::Csv, 4);
  ASSERT_EQ(batches.size(), 3u);
  EXPECT_EQ(batches[0].size(), 4u);
  EXPECT_EQ(batches[2].size(), 2u);
  EXPECT_EQ(batches[2].lines.back(), 11u);
  // 16:09Z is 21 minutes before 16:30Z.
  EXPECT_EQ(batches[2].columns[0].integers.back(), kFriday - 21 * 60 * kSecond);
}

TEST_F(StreamReaderTest, ReadsNdjson) {
  auto batches =
      read("{\"t\": \"2026-03-06T17:30:00+01:00\", \"t_s\": 1772814600, \"wait_ms\": 1500.5, "
           "\"flag\": true, \"count\": -42, \"score\": 4.2, \"share\": 99.5, \"level\": \"low\", "
           "\"note\": null, \"extra\": [1]}\n"
           "\n"
           "{\"t\": \"2026-03-06T16:30:00Z\", \"count\": \"7\"}\n"
           "[1, 2]\n"
           "{\"t\": \"2026-03-06T16:30:00Z\", \"level\": \"medium\"}\n"
           "{\"t\": \"2026-03-06T16:30:00Z\", \"note\": {\"a\": 1}}\n"
           "not json\n",
           ingest::DataFormat::Ndjson);
  ASSERT_EQ(batches.size(), 1u);
  const ingest::RecordBatch& batch = batches[0];
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(batch.lines, (std::vector<std::uint64_t>{1, 3}));
  EXPECT_EQ(batch.columns[0].integers[0], kFriday);
  EXPECT_EQ(batch.columns[1].integers[0], kFriday);
  EXPECT_EQ(batch.columns[4].integers[0], 1'500'500);
  EXPECT_EQ(batch.columns[6].bools, (std::vector<std::uint8_t>{1, 0}));
  EXPECT_EQ(batch.columns[6].present, (std::vector<std::uint8_t>{1, 0}));
  EXPECT_EQ(batch.columns[7].integers, (std::vector<std::int64_t>{-42, 7}));
  EXPECT_EQ(batch.columns[9].integers[0], 99'500'000);
  EXPECT_EQ(batch.columns[12].present, (std::vector<std::uint8_t>{0, 0}));
  ASSERT_EQ(errors_.size(), 4u);
  EXPECT_EQ(errors_[0].where.line, 4u);
  EXPECT_EQ(errors_[0].reason, "malformed_record");
  EXPECT_EQ(errors_[1].where.line, 5u);
  EXPECT_EQ(errors_[1].field, "level");
  EXPECT_EQ(errors_[1].where.column, 31u); // where `"level"` starts
  EXPECT_EQ(errors_[2].field, "note");
  EXPECT_EQ(errors_[3].where.line, 7u);
}

} // namespace
} // namespace slac::testing
