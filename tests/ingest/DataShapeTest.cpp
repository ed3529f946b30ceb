// How the data writes a stream (docs/data.md, "Columns, spellings and
// zones"): columns by header, enum spellings, time patterns and local zones
// with their DST rule, `;` and tab separators, decimal commas. Instants
// worked out by hand and confirmed with `date -u -d ... +%s`.
#include "compile/Compile.h"
#include "ingest/StreamReader.h"

#include <gtest/gtest.h>
#include <sstream>

namespace slac::testing {
namespace {

constexpr std::int64_t kSecond = 1'000'000;

// Stream indices in the plan of data-shape.sla, in declaration order.
constexpr std::uint32_t kTicket = 0;
constexpr std::uint32_t kProbe = 1;
constexpr std::uint32_t kEvent = 2;

// Field indices of `ticket`.
enum TicketField { Key, Priority, State, Opened, Closed, Stamped, Effort, Share, Wait };

const char* kTicketHeader = "Issue key;Priority;Status;Created;Closed;Stamp;Effort;Share;Wait;"
                            "Labels;Labels\n";

class DataShapeTest : public ::testing::Test {
protected:
  void SetUp() override { ASSERT_TRUE(compilation_.plan()); }

  // Every accepted row in one batch; rejected records are collected.
  ingest::RecordBatch read(std::uint32_t stream, const std::string& text,
                           ingest::DataFormat format = ingest::DataFormat::Csv) {
    std::istringstream input(text);
    ingest::StreamReader reader(*compilation_.plan(), stream, input, "data.csv", format);
    ingest::RecordBatch all;
    ingest::RecordBatch batch;
    errors_.clear();
    while (reader.next(batch, 1000, [&](const ingest::DataError& error) {
      errors_.push_back(error);
      return true;
    }))
      all = batch;
    return all;
  }

  ingest::RecordBatch readTickets(const std::string& rows) {
    return read(kTicket, kTicketHeader + rows);
  }

  compile::Compilation compilation_ =
      compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/tests/ingest/inputs/data-shape.sla"});
  std::vector<ingest::DataError> errors_;
};

TEST_F(DataShapeTest, ReadsAJiraStyleRowByItsHeaders) {
  // Created 2026-01-02 15:04 in Berlin (CET, +01:00) is 14:04Z; Closed
  // 2026-01-03 10:00 CET is 09:00Z; the stamp carries its own offset.
  // `Labels` appears twice, as in Jira exports: no field reads it.
  auto batch = readTickets("SD-1;p1 - urgent;Open;02/Jan/26 3:04 PM;2026-01-03 10:00;"
                           "2026-01-02 15:04:05 +0100;1,5;99,5;2,5;a;b\n");
  ASSERT_TRUE(errors_.empty()) << errors_[0].message;
  ASSERT_EQ(batch.size(), 1u);
  EXPECT_EQ(batch.columns[Key].strings[0], "SD-1");
  EXPECT_EQ(batch.columns[Priority].integers[0], 0); // urgent, in any case
  EXPECT_EQ(batch.columns[State].integers[0], 0);
  EXPECT_EQ(batch.columns[Opened].integers[0], 1767362640 * kSecond);
  EXPECT_EQ(batch.columns[Closed].integers[0], 1767430800 * kSecond);
  EXPECT_EQ(batch.columns[Stamped].integers[0], 1767362645 * kSecond);
  EXPECT_EQ(batch.columns[Effort].integers[0], 15); // 1,5 = 15 x 10^-1
  EXPECT_EQ(batch.columns[Effort].exponents[0], -1);
  EXPECT_EQ(batch.columns[Share].integers[0], 99'500'000);
  EXPECT_EQ(batch.columns[Wait].integers[0], 150 * kSecond); // 2,5 minutes
}

TEST_F(DataShapeTest, ReadsTwelveHourClocks) {
  // 12 AM is midnight: 2026-01-01 00:00 CET = 2025-12-31T23:00Z.
  // 12:30 PM is half past noon: 12:30 CET = 11:30Z.
  auto batch = readTickets("A;High;Done;01/Jan/26 12:00 AM;;;1;;;;\n"
                           "B;medium;Done;01/jan/26 12:30 pm;;;1;;;;\n");
  ASSERT_TRUE(errors_.empty()) << errors_[0].message;
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(batch.columns[Opened].integers[0], 1767222000 * kSecond);
  EXPECT_EQ(batch.columns[Opened].integers[1], 1767267000 * kSecond);
  EXPECT_EQ(batch.columns[Priority].integers[0], 1);
  EXPECT_EQ(batch.columns[Priority].integers[1], 2);
}

TEST_F(DataShapeTest, ResolvesDaylightSavingGapsAndFoldsLikeCalendars) {
  // 2026-03-29 02:30 does not exist in Berlin (02:00 CET -> 03:00 CEST): it
  // is the instant after the gap, 03:00 CEST = 01:00Z. 2026-10-25 02:30
  // happens twice: the earlier one, 02:30 CEST = 00:30Z.
  auto batch = readTickets("A;High;Done;01/Jan/26 9:00 AM;2026-03-29 02:30;;1;;;;\n"
                           "B;High;Done;01/Jan/26 9:00 AM;2026-10-25T02:30:00;;1;;;;\n"
                           "C;High;Done;01/Jan/26 9:00 AM;2026-10-25T01:30:00+01:00;;1;;;;\n");
  ASSERT_TRUE(errors_.empty()) << errors_[0].message;
  ASSERT_EQ(batch.size(), 3u);
  EXPECT_EQ(batch.columns[Closed].integers[0], 1774746000 * kSecond);
  EXPECT_EQ(batch.columns[Closed].integers[1], 1792888200 * kSecond);
  // An offset in the cell wins over the stream's zone: 01:30+01:00 = 00:30Z.
  EXPECT_EQ(batch.columns[Closed].integers[2], 1792888200 * kSecond);
}

TEST_F(DataShapeTest, RejectsCellsThatDoNotMatchWithTheirPlace) {
  readTickets("A;High;Done;2026-01-02 15:04;;;1;;;;\n"
              "B;High;Done;02/Jan/26 3:04 PM;;;1.5;;;;\n"
              "C;Critical;Done;02/Jan/26 3:04 PM;;;1;;;;\n"
              "D;High;done;02/Jan/26 3:04 PM;;;1;;;;\n"
              "E;High;Done;02/Jan/26 3:04 PM;29/Mar/26;;1;;;;\n"
              "F;High;Done;31/Feb/26 3:04 PM;;;1;;;;\n");
  ASSERT_EQ(errors_.size(), 6u);
  for (const ingest::DataError& error : errors_)
    EXPECT_EQ(error.reason, "invalid_value") << error.message;
  EXPECT_EQ(errors_[0].where.line, 2u);
  EXPECT_EQ(errors_[0].where.column, 13u); // `A;High;Done;` is 12 characters
  EXPECT_EQ(errors_[0].field, "opened");
  EXPECT_NE(errors_[0].message.find("does not match `format \"%d/%b/%y %I:%M %p\"`"),
            std::string::npos)
      << errors_[0].message;
  EXPECT_EQ(errors_[1].where.column, 33u); // after `B;High;Done;02/Jan/26 3:04 PM;;;`
  EXPECT_NE(errors_[1].message.find("writes decimals with `,`"), std::string::npos)
      << errors_[1].message;
  EXPECT_NE(errors_[2].message.find("expected one of Highest, P1 - Urgent, High, Medium, Low "
                                    "(in any case)"),
            std::string::npos)
      << errors_[2].message;
  EXPECT_NE(errors_[3].message.find("`done` is not a case of `State`"), std::string::npos)
      << errors_[3].message;
  EXPECT_NE(errors_[4].message.find("`29/Mar/26` is not a time"), std::string::npos)
      << errors_[4].message;
  EXPECT_NE(errors_[5].message.find("2026-02-31 is not a date"), std::string::npos)
      << errors_[5].message;
}

TEST_F(DataShapeTest, NamesTheColumnAndTheFieldWhenAColumnIsMissing) {
  read(kTicket, "Key;Priority;Status;Created;Closed;Stamp;Effort;Share;Wait\n");
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].reason, "missing_column");
  EXPECT_NE(errors_[0].message.find("no column `Issue key` for the field `key` of stream "
                                    "`desk.ticket`"),
            std::string::npos)
      << errors_[0].message;
}

TEST_F(DataShapeTest, ReadsTabSeparatedFiles) {
  // 2026-03-06T17:30:00+01:00 = 1772814600 s. A comma is just text here.
  auto batch = read(kProbe, "t\tok\n2026-03-06T17:30:00+01:00\ttrue\n");
  ASSERT_TRUE(errors_.empty()) << errors_[0].message;
  ASSERT_EQ(batch.size(), 1u);
  EXPECT_EQ(batch.columns[0].integers[0], 1772814600 * kSecond);
  read(kProbe, "t,ok\n2026-03-06T17:30:00+01:00,true\n");
  ASSERT_EQ(errors_.size(), 1u);
  EXPECT_EQ(errors_[0].reason, "missing_column");
}

TEST_F(DataShapeTest, ReadsNdjsonKeysByTheirColumnNames) {
  // 2026-07-01 09:00 in New York (EDT, -04:00) is 13:00Z.
  auto batch = read(kEvent, "{\"When\": \"2026-07-01 09:00\", \"Event Kind\": \"deploy\"}\n",
                    ingest::DataFormat::Ndjson);
  ASSERT_TRUE(errors_.empty()) << errors_[0].message;
  ASSERT_EQ(batch.size(), 1u);
  EXPECT_EQ(batch.columns[0].integers[0], 1782910800 * kSecond);
  EXPECT_EQ(batch.columns[1].strings[0], "deploy");
}

TEST_F(DataShapeTest, NdjsonNumbersKeepTheirPointWhateverTheCsvDialect) {
  auto batch = read(kTicket,
                    "{\"Issue key\": \"A\", \"Priority\": \"High\", \"Status\": \"Done\", "
                    "\"Created\": \"02/Jan/26 3:04 PM\", \"Effort\": 1.5}\n",
                    ingest::DataFormat::Ndjson);
  ASSERT_TRUE(errors_.empty()) << errors_[0].message;
  ASSERT_EQ(batch.size(), 1u);
  EXPECT_EQ(batch.columns[Effort].integers[0], 15);
}

} // namespace
} // namespace slac::testing
