#include "parse/Literals.h"

#include <gtest/gtest.h>

namespace slac::parse {
namespace {

constexpr std::int64_t kSecond = 1'000'000;

TEST(LiteralsTest, DurationsAreExactMicroseconds) {
  EXPECT_EQ(decodeDuration("1h30m").value(), 5'400 * kSecond);
  EXPECT_EQ(decodeDuration("250ms").value(), 250'000);
  EXPECT_EQ(decodeDuration("1.5h").value(), 5'400 * kSecond);
  EXPECT_EQ(decodeDuration("2w").value(), 14 * 86'400 * kSecond);
  EXPECT_EQ(decodeDuration("7us").value(), 7);
}

TEST(LiteralsTest, DurationsFinerThanAMicrosecondAreRejected) {
  EXPECT_FALSE(decodeDuration("0.5us").ok());
}

TEST(LiteralsTest, DurationOverflowIsRejected) {
  EXPECT_FALSE(decodeDuration("99999999999999w").ok());
}

TEST(LiteralsTest, DecimalsKeepTheirWrittenDigits) {
  values::Decimal value = decodeDecimal("99.950").value();
  EXPECT_EQ(value.units, 99'950);
  EXPECT_EQ(value.scale, 3);
  EXPECT_EQ(value.toString(), "99.950");
}

TEST(LiteralsTest, DecimalWithTooManyDigitsIsRejected) {
  EXPECT_FALSE(decodeDecimal("12345678901234567890.5").ok());
}

TEST(LiteralsTest, DatesAreValidatedAgainstTheCalendar) {
  EXPECT_EQ(decodeDate("2028-02-29").value(), (values::CivilDate{2028, 2, 29}));
  EXPECT_FALSE(decodeDate("2026-02-29").ok());
  EXPECT_FALSE(decodeDate("2026-02-30").ok());
  EXPECT_FALSE(decodeDate("2026-13-01").ok());
  EXPECT_FALSE(decodeDate("2026-00-10").ok());
}

TEST(LiteralsTest, TimesOfDayRunFromMidnightTo2400) {
  EXPECT_EQ(decodeTimeOfDay("00:00").value().minutes, 0);
  EXPECT_EQ(decodeTimeOfDay("17:45").value().minutes, 17 * 60 + 45);
  EXPECT_EQ(decodeTimeOfDay("24:00").value().minutes, 1440);
  EXPECT_FALSE(decodeTimeOfDay("24:01").ok());
  EXPECT_FALSE(decodeTimeOfDay("25:00").ok());
  EXPECT_FALSE(decodeTimeOfDay("12:60").ok());
}

TEST(LiteralsTest, DateTimesAreConvertedToUtc) {
  // 2026-03-01T08:00:00+01:00 is 07:00 UTC: 20513 days after the epoch
  // plus seven hours.
  values::DateTime instant = decodeDateTime("2026-03-01T08:00:00+01:00").value();
  EXPECT_EQ(instant.epochMicros, (20'513LL * 86'400 + 7 * 3'600) * kSecond);
  EXPECT_EQ(instant.offsetMinutes, 60);
  EXPECT_EQ(decodeDateTime("1970-01-01T00:00:00Z").value().epochMicros, 0);
  EXPECT_FALSE(decodeDateTime("2026-03-01T24:30:00Z").ok());
}

TEST(LiteralsTest, MoneyKeepsAmountAndCurrency) {
  values::Money fee = decodeMoney("12000.00 EUR").value();
  EXPECT_EQ(fee.amount.units, 1'200'000);
  EXPECT_EQ(fee.amount.scale, 2);
  EXPECT_EQ(fee.currency, "EUR");
}

TEST(LiteralsTest, StringsDecodeEscapesAndReportTheFirstUnknownOne) {
  DecodedString plain = decodeString(R"("a \"b\" \\ \n")");
  EXPECT_EQ(plain.value, "a \"b\" \\ \n");
  EXPECT_EQ(plain.badEscapeOffset, std::string::npos);
  EXPECT_EQ(decodeString(R"("bad \q")").badEscapeOffset, 5u);
}

TEST(LiteralsTest, UnitStartSplitsNumberFromUnit) {
  EXPECT_EQ(unitStart("5min"), 1u);
  EXPECT_EQ(unitStart("12.5xyz"), 4u);
}

} // namespace
} // namespace slac::parse
