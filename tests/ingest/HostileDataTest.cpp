// Hostile measurement data (issue 11): bytes that are not text, records
// that try to escape their cell, line ends that fold rows together, numbers
// that lose digits, duplicate names and durations at the edge of their range.
// Each case failed before its fix.
#include "driver/Compilation.h"
#include "ingest/StreamReader.h"
#include "report/Renderers.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>

namespace slac::testing {
namespace {

class HostileDataTest : public ::testing::Test {
protected:
  void SetUp() override {
    compilation_.check({std::string(SLAC_SOURCE_DIR) + "/tests/ingest/inputs/all-types.sla"});
    ASSERT_TRUE(compilation_.plan);
  }

  // Every accepted row, its batches concatenated; errors collected.
  ingest::RecordBatch read(const std::string& text, ingest::DataFormat format) {
    std::istringstream input(text);
    ingest::StreamReader reader(*compilation_.plan, 0, input, "data", format);
    ingest::RecordBatch all;
    all.columns.resize(compilation_.plan->streams[0].fields.size());
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

  driver::Compilation compilation_{0};
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
  driver::Compilation desk{0};
  desk.check({std::string(SLAC_SOURCE_DIR) + "/tests/eval/inputs/desk.sla"});
  ASSERT_TRUE(desk.plan);
  std::string json = report::renderJson(report, *desk.plan);
  auto parsed = nlohmann::json::parse(json);
  EXPECT_EQ(parsed["agreements"][0]["terminations"][0]["group"], "\xEF\xBF\xBD"
                                                                 "cole");
}

} // namespace
} // namespace slac::testing
