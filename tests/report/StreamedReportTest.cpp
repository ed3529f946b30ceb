// The JSON and CSV reports written to a stream as they are made: the same
// text as the renderings returned whole, handed over in chunks of about 64
// KB however large the report, and a stream that fails stays failed, so
// that `slac eval` can tell a report did not arrive.
#include "compile/Compile.h"
#include "eval/Evaluator.h"
#include "report/ChunkedOutput.h"
#include "report/Renderers.h"

#include <algorithm>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <limits>
#include <streambuf>

namespace slac::testing {
namespace {

// Keeps what its stream hands over and the size of each piece. Past
// `capacity` bytes it takes nothing more, as a full disk.
class PieceRecorder : public std::streambuf {
public:
  explicit PieceRecorder(std::size_t capacity = std::numeric_limits<std::size_t>::max())
      : capacity_(capacity) {}

  std::string text;
  std::vector<std::size_t> pieces;

protected:
  std::streamsize xsputn(const char* data, std::streamsize count) override {
    auto size = static_cast<std::size_t>(count);
    if (text.size() + size > capacity_)
      return 0;
    text.append(data, size);
    pieces.push_back(size);
    return count;
  }

  int_type overflow(int_type c) override {
    if (traits_type::eq_int_type(c, traits_type::eof()))
      return traits_type::not_eof(c);
    char byte = traits_type::to_char_type(c);
    return xsputn(&byte, 1) == 1 ? c : traits_type::eof();
  }

private:
  std::size_t capacity_;
};

class StreamedReportTest : public ::testing::Test {
protected:
  static constexpr std::int64_t kMinute = 60'000'000;
  // 2026-03-02T00:00:00Z, a Monday.
  static constexpr std::int64_t kMarch2 = 1772409600'000'000;
  // Each customer's March is a window of its own, about 1 KB of JSON: the
  // report is many chunks long.
  static constexpr int kCustomers = 3000;

  void SetUp() override {
    ASSERT_TRUE(compilation_.plan());
    // P1 tickets of desk.sla, due in an hour; every third answered late,
    // so that windows breach and --explain lists their misses.
    ingest::RecordBatch batch;
    batch.stream = 0;
    batch.columns.resize(4);
    for (int i = 0; i < 2 * kCustomers; ++i) {
      std::int64_t opened = kMarch2 + i * kMinute;
      batch.columns[0].integers.push_back(opened);
      batch.columns[1].integers.push_back(opened + (i % 3 == 0 ? 120 : 10) * kMinute);
      batch.columns[1].present.push_back(1);
      batch.columns[2].integers.push_back(0);
      batch.columns[3].strings.push_back(fmt::format("customer-{}", i % kCustomers));
      batch.lines.push_back(static_cast<std::uint64_t>(i) + 2);
    }
    eval::EvaluationOptions options;
    options.at = kMarch2 + 40 * 24 * 60 * kMinute;
    options.keepMisses = true;
    options.listedMisses = 20;
    auto created = eval::Evaluator::create(*compilation_.plan(), options);
    ASSERT_TRUE(std::holds_alternative<std::unique_ptr<eval::Evaluator>>(created));
    auto& evaluator = std::get<std::unique_ptr<eval::Evaluator>>(created);
    ASSERT_TRUE(evaluator->feed(batch).empty());
    ASSERT_TRUE(evaluator->settle().empty());
    auto finished = evaluator->finish();
    ASSERT_TRUE(std::holds_alternative<eval::Report>(finished));
    report_ = std::get<eval::Report>(std::move(finished));
  }

  // The whole text arrived, in more than one piece, none much over a chunk
  // (a piece is a full chunk and the rest of the value that filled it).
  static void expectChunksOf(const PieceRecorder& recorder, const std::string& rendered) {
    EXPECT_EQ(recorder.text, rendered);
    EXPECT_GT(recorder.pieces.size(), 2u);
    EXPECT_LT(*std::max_element(recorder.pieces.begin(), recorder.pieces.end()),
              report::ChunkedOutput::kDefaultChunkBytes + 1024);
  }

  compile::Compilation compilation_ =
      compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/tests/eval/inputs/desk.sla"});
  eval::Report report_;
};

TEST_F(StreamedReportTest, TheJsonReportArrivesInChunksAsRendered) {
  for (bool explain : {false, true}) {
    report::RenderOptions options;
    options.explain = explain;
    std::string rendered = report::renderJson(report_, *compilation_.plan(), options);
    ASSERT_GT(rendered.size(), 20 * report::ChunkedOutput::kDefaultChunkBytes);
    if (explain) {
      EXPECT_NE(rendered.find("\"late_microseconds\": "), std::string::npos);
    }
    PieceRecorder recorder;
    std::ostream out(&recorder);
    report::writeJson(out, report_, *compilation_.plan(), options);
    EXPECT_TRUE(out.good());
    expectChunksOf(recorder, rendered);
  }
}

TEST_F(StreamedReportTest, TheCsvReportArrivesInChunksAsRendered) {
  std::string rendered = report::renderCsv(report_, *compilation_.plan());
  ASSERT_GT(rendered.size(), 4 * report::ChunkedOutput::kDefaultChunkBytes);
  PieceRecorder recorder;
  std::ostream out(&recorder);
  report::writeCsv(out, report_, *compilation_.plan());
  EXPECT_TRUE(out.good());
  expectChunksOf(recorder, rendered);
}

TEST_F(StreamedReportTest, AStreamThatFailsMidwayStaysFailed) {
  // Room for the first chunk, not the second: the failure comes while the
  // report is written, not at its end.
  PieceRecorder json(report::ChunkedOutput::kDefaultChunkBytes + 1024);
  std::ostream jsonOut(&json);
  report::writeJson(jsonOut, report_, *compilation_.plan());
  EXPECT_TRUE(jsonOut.bad());
  EXPECT_EQ(json.pieces.size(), 1u);

  PieceRecorder csv(report::ChunkedOutput::kDefaultChunkBytes + 1024);
  std::ostream csvOut(&csv);
  report::writeCsv(csvOut, report_, *compilation_.plan());
  EXPECT_TRUE(csvOut.bad());
  EXPECT_EQ(csv.pieces.size(), 1u);
}

} // namespace
} // namespace slac::testing
