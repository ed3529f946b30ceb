// Money fields in data (docs/data.md, "Amounts of money"): amounts in
// millionths of the field's currency, with or without the code, a currency
// column beside them, decimal commas, NDJSON numbers and strings; every
// other currency refused at its line and column, naming both codes.
#include "compile/Compile.h"
#include "ingest/StreamReader.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sstream>

namespace slac::testing {
namespace {

// Stream indices in the plan of money.sla, in declaration order.
constexpr std::uint32_t kInvoice = 0;
constexpr std::uint32_t kEuropean = 1;

// Field indices of `invoice`: the declared fields, then the currency
// columns in the order of their amounts.
enum InvoiceField { Time, Amount, Tip, Credit, AmountCurrency, TipCurrency };

constexpr std::int64_t kUnit = 1'000'000; // one EUR (JPY) in millionths

const char* kHeader = "t,Amount,Currency,tip,Tip Currency,credit\n";
// `2026-03-06T16:30:00Z,` is 21 characters: the amount is in column 22.
const char* kTime = "2026-03-06T16:30:00Z";

class MoneyFieldTest : public ::testing::Test {
protected:
  void SetUp() override { ASSERT_TRUE(compilation_.plan()); }

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

  // `cells` after the time, one row per entry.
  ingest::RecordBatch readInvoices(std::initializer_list<std::string> rows) {
    std::string text = kHeader;
    for (const std::string& row : rows)
      text += fmt::format("{},{}\n", kTime, row);
    return read(kInvoice, text);
  }

  void expectError(std::size_t index, std::uint64_t line, std::uint64_t column,
                   const std::string& reason, const std::string& field,
                   const std::string& message) {
    ASSERT_LT(index, errors_.size());
    const ingest::DataError& error = errors_[index];
    EXPECT_EQ(error.where.line, line) << error.message;
    EXPECT_EQ(error.where.column, column) << error.message;
    EXPECT_EQ(error.reason, reason) << error.message;
    EXPECT_EQ(error.field, field) << error.message;
    EXPECT_NE(error.message.find(message), std::string::npos) << error.message;
  }

  compile::Compilation compilation_ =
      compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/tests/ingest/inputs/money.sla"});
  std::vector<ingest::DataError> errors_;
};

TEST_F(MoneyFieldTest, TheCurrencyColumnIsAFieldAfterTheDeclaredOnes) {
  const plan::Stream& invoice = compilation_.plan()->streams[kInvoice];
  ASSERT_EQ(invoice.fields.size(), 6u);
  EXPECT_EQ(invoice.fields[AmountCurrency].name, "currency of amount");
  EXPECT_EQ(invoice.fields[AmountCurrency].column, "Currency");
  EXPECT_EQ(invoice.fields[AmountCurrency].format, plan::FieldFormat::CurrencyColumn);
  EXPECT_FALSE(invoice.fields[AmountCurrency].type.optional);
  EXPECT_EQ(invoice.fields[TipCurrency].name, "currency of tip");
  EXPECT_EQ(invoice.fields[TipCurrency].type,
            plan::Type::money(plan::packCurrency("JPY")).asOptional());
}

TEST_F(MoneyFieldTest, ReadsAmountsWithOrWithoutTheirCode) {
  auto batch = readInvoices({"12.50,EUR,,,", "12.50 EUR,EUR,500,JPY,-3",
                             "0.000001,EUR,1e3,,0.5  EUR", "9223372036854.77580,EUR,,,"});
  ASSERT_TRUE(errors_.empty()) << errors_[0].message;
  ASSERT_EQ(batch.size(), 4u);
  EXPECT_EQ(batch.columns[Amount].integers,
            (std::vector<std::int64_t>{12 * kUnit + kUnit / 2, 12 * kUnit + kUnit / 2, 1,
                                       9'223'372'036'854'775'800}));
  // Optional amounts: set only where written; unset rows hold 0.
  EXPECT_EQ(batch.columns[Tip].present, (std::vector<std::uint8_t>{0, 1, 1, 0}));
  EXPECT_EQ(batch.columns[Tip].integers,
            (std::vector<std::int64_t>{0, 500 * kUnit, 1000 * kUnit, 0}));
  EXPECT_EQ(batch.columns[Credit].present, (std::vector<std::uint8_t>{0, 1, 1, 0}));
  EXPECT_EQ(batch.columns[Credit].integers,
            (std::vector<std::int64_t>{0, -3 * kUnit, kUnit / 2, 0}));
  // A currency column holds no value; an optional one may be empty.
  EXPECT_EQ(batch.columns[AmountCurrency].integers, (std::vector<std::int64_t>{0, 0, 0, 0}));
  EXPECT_EQ(batch.columns[TipCurrency].present, (std::vector<std::uint8_t>{0, 1, 0, 0}));
}

TEST_F(MoneyFieldTest, RefusesOtherCurrenciesAndOtherSpellingsWithTheirPlace) {
  // Columns: Amount 22; Currency 22 + 2 = 24 after `1,`; tip 24 + 4 = 28
  // after `EUR,`; Tip Currency 28 + 2 = 30 after `5,`; credit 30 after
  // `EUR,,,` (24 + 6).
  readInvoices({"12.50 USD,EUR,,,", "1,USD,,,", "1,,,,", "1,EUR,5,EUR,", "0.0000001,EUR,,,",
                "9999999999999.99999,EUR,,,", "EUR 12.50,EUR,,,", "1,EUR,,,2 USD", "1,eur,,,",
                "12.50 EURO,EUR,,,"});
  ASSERT_EQ(errors_.size(), 10u);
  expectError(0, 2, 22, "invalid_value", "amount",
              "`12.50 USD` is in USD, but `amount` is money in EUR");
  expectError(1, 3, 24, "invalid_value", "currency of amount", "`USD` is not EUR");
  expectError(2, 4, 24, "missing_value", "currency of amount",
              "the amount needs its currency in column `Currency`");
  expectError(3, 5, 30, "invalid_value", "currency of tip", "`EUR` is not JPY");
  expectError(4, 6, 22, "invalid_value", "amount", "at most 6 digits after the point");
  expectError(5, 7, 22, "invalid_value", "amount", "too large");
  expectError(6, 8, 22, "invalid_value", "amount", "`EUR 12.50` is not an amount of money");
  expectError(7, 9, 30, "invalid_value", "credit",
              "`2 USD` is in USD, but `credit` is money in EUR");
  expectError(8, 10, 24, "invalid_value", "currency of amount", "`eur` is not EUR");
  expectError(9, 11, 22, "invalid_value", "amount", "`12.50 EURO` is not an amount of money");
}

TEST_F(MoneyFieldTest, AMissingCurrencyColumnStopsTheFileNamingIt) {
  read(kInvoice, "t,Amount,tip,Tip Currency,credit\n");
  ASSERT_EQ(errors_.size(), 1u);
  expectError(0, 1, 1, "missing_column", "currency of amount",
              "no column `Currency` for the field `currency of amount`");
}

TEST_F(MoneyFieldTest, ReadsNdjsonNumbersAndStrings) {
  auto batch = read(kInvoice,
                    "{\"t\": \"2026-03-06T16:30:00Z\", \"Amount\": 12.5, \"Currency\": \"EUR\", "
                    "\"tip\": \"1500 JPY\", \"Tip Currency\": \"JPY\", \"credit\": null}\n"
                    "{\"t\": \"2026-03-06T16:30:00Z\", \"Amount\": \"12.50 USD\", "
                    "\"Currency\": \"EUR\"}\n"
                    "{\"t\": \"2026-03-06T16:30:00Z\", \"Amount\": 1}\n",
                    ingest::DataFormat::Ndjson);
  ASSERT_EQ(batch.size(), 1u);
  EXPECT_EQ(batch.columns[Amount].integers[0], 12 * kUnit + kUnit / 2);
  EXPECT_EQ(batch.columns[Tip].integers[0], 1500 * kUnit);
  EXPECT_EQ(batch.columns[Credit].present[0], 0);
  ASSERT_EQ(errors_.size(), 2u);
  // `{"t": "2026-03-06T16:30:00Z", ` is 30 characters: the key is at 31.
  expectError(0, 2, 31, "invalid_value", "amount", "`12.50 USD` is in USD");
  // No key at all: the line's first column.
  expectError(1, 3, 1, "missing_value", "currency of amount", "column `Currency`");
}

TEST_F(MoneyFieldTest, ReadsDecimalCommasWhereTheStreamSaysSo) {
  auto batch = read(kEuropean, "t;amount\n2026-03-06T16:30:00Z;12,50\n"
                               "2026-03-06T16:30:00Z;-0,25 EUR\n2026-03-06T16:30:00Z;12.50\n");
  ASSERT_EQ(batch.size(), 2u);
  EXPECT_EQ(batch.columns[1].integers,
            (std::vector<std::int64_t>{12 * kUnit + kUnit / 2, -kUnit / 4}));
  ASSERT_EQ(errors_.size(), 1u);
  expectError(0, 4, 22, "invalid_value", "amount", "writes decimals with `,`");
}

} // namespace
} // namespace slac::testing
