// formatInstant writes the instants of every report and rejects file: the
// cases below were worked out by hand, and random instants of the years
// 0001-9999 are checked against date::format's reading of them.

#include "calendar/Calendar.h"

#include <date/date.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <random>

namespace slac::testing {
namespace {

using calendar::formatInstant;

constexpr std::int64_t kSecond = 1'000'000;

TEST(FormatInstantTest, WritesHandCheckedInstants) {
  EXPECT_EQ(formatInstant(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(formatInstant(-1), "1969-12-31T23:59:59.999999Z");
  EXPECT_EQ(formatInstant(kSecond / 2), "1970-01-01T00:00:00.5Z");
  EXPECT_EQ(formatInstant(120), "1970-01-01T00:00:00.00012Z");
  // 2024-02-29 is day 19782 since 1970-01-01.
  EXPECT_EQ(formatInstant((19782 * 86'400 + 12 * 3600 + 34 * 60 + 56) * kSecond),
            "2024-02-29T12:34:56Z");
  EXPECT_EQ(formatInstant(calendar::kEarliestInstant), "0001-01-01T00:00:00Z");
  EXPECT_EQ(formatInstant(calendar::kLatestInstant - 1), "9999-12-31T23:59:59.999999Z");
  EXPECT_EQ(formatInstant(calendar::kLatestInstant), "1970-01-01T00:00:00Z+253402300800000000us");
  EXPECT_EQ(formatInstant(calendar::kEarliestInstant - 1),
            "1970-01-01T00:00:00Z-62135596800000001us");
}

// What formatInstant wrote before it wrote its digits itself.
std::string throughDateFormat(std::int64_t t) {
  std::int64_t fraction = ((t % kSecond) + kSecond) % kSecond;
  date::sys_seconds seconds{std::chrono::seconds((t - fraction) / kSecond)};
  std::string text = date::format("%FT%T", seconds);
  if (fraction != 0) {
    std::string digits = fmt::format(".{:06}", fraction);
    digits.erase(digits.find_last_not_of('0') + 1);
    text += digits;
  }
  return text + "Z";
}

TEST(FormatInstantTest, AgreesWithDateFormatOnRandomInstants) {
  std::mt19937_64 random(20261205);
  std::uniform_int_distribution<std::int64_t> anywhere(calendar::kEarliestInstant,
                                                       calendar::kLatestInstant - 1);
  std::uniform_int_distribution<std::int64_t> nearEpoch(-3 * 86'400 * kSecond,
                                                        3 * 86'400 * kSecond);
  for (int i = 0; i < 100'000; ++i) {
    std::int64_t t = anywhere(random);
    // Whole seconds and days too, where the fraction or the time is zero.
    if (i % 3 == 1)
      t -= t % kSecond;
    if (i % 3 == 2)
      t = nearEpoch(random);
    ASSERT_EQ(formatInstant(t), throughDateFormat(t)) << t;
  }
}

} // namespace
} // namespace slac::testing
