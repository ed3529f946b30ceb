// The codes the reader gives the texts records are grouped by
// (ingest::Column::codes, ingest/TextCodes.h): dense from 0 in the order
// met within a batch on one thread, none for texts no objective groups by,
// none for a batch with more distinct texts than kMostCodes, and on several
// threads (a batch made of the rows of several chunks) never one code for
// two texts. The texts of a coded column are kept once per code, not once
// per row.
#include "compile/Compile.h"
#include "ingest/StreamReader.h"
#include "ingest/TextCodes.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <map>
#include <sstream>

namespace slac::testing {
namespace {

constexpr std::size_t kCustomer = 2; // the grouped field; `id` (0) and `note` (3) are not

class GroupCodesTest : public ::testing::Test {
protected:
  void SetUp() override { ASSERT_TRUE(compilation_.plan()); }

  std::vector<ingest::RecordBatch> read(const std::string& text, std::size_t batchSize,
                                        ingest::Parallelism parallelism = {}) {
    std::istringstream input(text);
    ingest::StreamReader reader(*compilation_.plan(), 0, input, "tickets.csv",
                                ingest::DataFormat::Csv, ingest::Compression::None, parallelism);
    std::vector<ingest::RecordBatch> batches;
    ingest::RecordBatch batch;
    rejected_ = 0;
    while (reader.next(batch, batchSize, [&](const ingest::DataError&) {
      ++rejected_;
      return true;
    }))
      batches.push_back(batch);
    return batches;
  }

  // Ticket i of customer `customerOf(i)` (empty: unset); every seventh
  // opened at a time that is no time, when `withRejects`.
  template <typename CustomerOf>
  static std::string tickets(std::size_t count, CustomerOf customerOf, bool withRejects = false) {
    std::string text = "id,opened,customer,note\n";
    for (std::size_t i = 0; i < count; ++i)
      text += fmt::format("T-{},{},{},note {}\n", i,
                          withRejects && i % 7 == 3 ? "soon" : "2026-03-02T09:00:00Z",
                          customerOf(i), i % 5);
    return text;
  }

  compile::Compilation compilation_ =
      compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/tests/ingest/inputs/grouped.sla"});
  std::size_t rejected_ = 0;
};

const char* const kCustomers[] = {"globex", "acme", "", "initech",
                                  "acme-corporation-international"};

TEST_F(GroupCodesTest, OneThreadNumbersTheGroupedTextsOfEachBatchInTheOrderMet) {
  auto batches =
      read(tickets(250, [](std::size_t i) { return kCustomers[(i * i + i / 7) % 5]; }), 100);
  ASSERT_EQ(batches.size(), 3u);
  for (const ingest::RecordBatch& batch : batches) {
    const ingest::Column& customers = batch.columns[kCustomer];
    ASSERT_TRUE(customers.coded());
    std::map<std::string, std::uint32_t> met;
    EXPECT_TRUE(customers.strings.empty());
    for (std::size_t row = 0; row < batch.size(); ++row) {
      std::size_t ticket = batch.lines[row] - 2;
      std::string customer = kCustomers[(ticket * ticket + ticket / 7) % 5];
      ASSERT_EQ(customers.text(row), customer) << "row " << row;
      auto [at, added] = met.emplace(customer, met.size());
      EXPECT_EQ(customers.codes[row], at->second) << "row " << row << ": " << at->first;
    }
    EXPECT_EQ(customers.codeCount(), met.size());
    EXPECT_TRUE(batch.columns[0].codes.empty()); // id
    EXPECT_TRUE(batch.columns[3].codes.empty()); // note
  }
}

TEST_F(GroupCodesTest, ABatchWithTooManyTextsIsLeftUncodedAndTheNextIsCodedAgain) {
  std::size_t distinct = ingest::TextCodes::kMostCodes + 476;
  auto batches = read(tickets(2 * distinct,
                              [&](std::size_t i) {
                                return i < distinct ? fmt::format("customer-{}", i)
                                                    : std::string(kCustomers[i % 5]);
                              }),
                      distinct);
  ASSERT_EQ(batches.size(), 2u);
  // The texts of the rows coded before the batch had too many are texts
  // again, each its own.
  const ingest::Column& uncoded = batches[0].columns[kCustomer];
  EXPECT_FALSE(uncoded.coded());
  EXPECT_TRUE(uncoded.texts.empty());
  ASSERT_EQ(uncoded.strings.size(), distinct);
  for (std::size_t row = 0; row < distinct; ++row)
    ASSERT_EQ(uncoded.strings[row], fmt::format("customer-{}", row)) << "row " << row;
  ASSERT_TRUE(batches[1].columns[kCustomer].coded());
  EXPECT_EQ(batches[1].columns[kCustomer].codeCount(), 5u);
}

// Each row's code names its own customer, however the chunks' codes were
// put together.
TEST_F(GroupCodesTest, SeveralThreadsNeverGiveTwoTextsOneCode) {
  auto customerOf = [](std::size_t i) { return kCustomers[(i / 3 + i * 7) % 5]; };
  std::string text = tickets(3000, customerOf, true);
  for (std::size_t chunkBytes : {std::size_t{64}, std::size_t{700}, std::size_t{1} << 20}) {
    for (std::size_t batchSize : {std::size_t{1}, std::size_t{97}, std::size_t{4096}}) {
      SCOPED_TRACE(fmt::format("chunks of {} bytes, batches of {}", chunkBytes, batchSize));
      auto batches = read(text, batchSize, {2, chunkBytes});
      EXPECT_EQ(rejected_, 429u); // i % 7 == 3 below 3000
      std::size_t rows = 0;
      for (const ingest::RecordBatch& batch : batches) {
        const ingest::Column& customers = batch.columns[kCustomer];
        ASSERT_TRUE(customers.coded());
        for (std::size_t row = 0; row < batch.size(); ++row) {
          ASSERT_LT(customers.codes[row], customers.codeCount());
          ASSERT_EQ(customers.text(row), customerOf(batch.lines[row] - 2))
              << "code " << customers.codes[row] << " at row " << row << " of a batch from line "
              << batch.lines.front();
        }
        rows += batch.size();
      }
      EXPECT_EQ(rows, 3000u - 429u);
    }
  }
}

TEST_F(GroupCodesTest, AReadStoppedByAnErrorLeavesItsCodesBelowTheirCount) {
  std::string text = tickets(
      200, [](std::size_t i) { return kCustomers[i % 5]; }, true);
  for (unsigned threads : {1U, 2U}) {
    SCOPED_TRACE(fmt::format("{} threads", threads));
    std::istringstream input(text);
    ingest::StreamReader reader(*compilation_.plan(), 0, input, "tickets.csv",
                                ingest::DataFormat::Csv, ingest::Compression::None, {threads, 256});
    ingest::RecordBatch batch;
    EXPECT_FALSE(reader.next(batch, 100, [](const ingest::DataError&) { return false; }));
    // The rows read before the first rejected record (line 5) stay.
    const ingest::Column& customers = batch.columns[kCustomer];
    ASSERT_EQ(batch.size(), 3u);
    ASSERT_TRUE(customers.coded());
    for (std::uint32_t code : customers.codes)
      EXPECT_LT(code, customers.codeCount());
  }
}

} // namespace
} // namespace slac::testing
