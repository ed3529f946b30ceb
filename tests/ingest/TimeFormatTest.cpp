// The time patterns of `format "..."` (plan/TimeFormat.h): what each
// specifier reads, worked out by hand (UTC seconds from `date -u -d ...
// +%s`), and what a pattern or a cell that does not fit is told.
#include "plan/TimeFormat.h"

#include <gtest/gtest.h>

namespace slac::testing {
namespace {

constexpr std::int64_t kSecond = 1'000'000;
// 2026-01-02T15:04:00 on the written clock.
constexpr std::int64_t kJan2At1504 = 1767366240 * kSecond;

plan::TimeFormat compiled(std::string_view pattern) {
  std::string problem;
  auto format = plan::TimeFormat::compile(pattern, problem);
  EXPECT_TRUE(format) << pattern << ": " << problem;
  return format ? *format : *plan::TimeFormat::compile("%F", problem);
}

std::optional<plan::WrittenTime> read(std::string_view pattern, std::string_view text,
                                      std::string& problem) {
  return compiled(pattern).read(text, problem);
}

std::int64_t localMicros(std::string_view pattern, std::string_view text) {
  std::string problem;
  auto written = read(pattern, text, problem);
  EXPECT_TRUE(written) << text << ": " << problem;
  return written ? written->localMicros : 0;
}

std::string problemOf(std::string_view pattern, std::string_view text) {
  std::string problem;
  EXPECT_FALSE(read(pattern, text, problem)) << text;
  return problem;
}

TEST(TimeFormatTest, ReadsTheSpecifiersExportsUse) {
  EXPECT_EQ(localMicros("%d/%b/%y %I:%M %p", "02/Jan/26 3:04 PM"), kJan2At1504);
  EXPECT_EQ(localMicros("%Y-%m-%d %H:%M:%S", "2026-01-02 15:04:00"), kJan2At1504);
  EXPECT_EQ(localMicros("%m/%d/%Y %H:%M", "1/2/2026 15:04"), kJan2At1504);
  EXPECT_EQ(localMicros("%d.%m.%Y %H:%M", "02.01.2026 15:04"), kJan2At1504);
  EXPECT_EQ(localMicros("%B %e, %Y %R", "JANUARY  2, 2026 15:04"), kJan2At1504);
  EXPECT_EQ(localMicros("%FT%T", "2026-01-02T15:04:00"), kJan2At1504);
  // Fractions of a second to the microsecond; a date alone is midnight.
  EXPECT_EQ(localMicros("%F %T", "2026-01-02 15:04:00.25"), kJan2At1504 + 250'000);
  EXPECT_EQ(localMicros("%F %T", "2026-01-02 15:04:00.000001"), kJan2At1504 + 1);
  EXPECT_EQ(localMicros("%F", "2026-01-02"), kJan2At1504 - (15 * 3600 + 4 * 60) * kSecond);
  // 100% literal: `%%`.
  EXPECT_EQ(localMicros("%F %R %%", "2026-01-02 15:04 %"), kJan2At1504);
}

TEST(TimeFormatTest, TwoDigitYearsPivotAt69) {
  // 1 Jan 2068 is 3092601600 s, 1 Jan 1969 is -31536000 s.
  EXPECT_EQ(localMicros("%y-%m-%d", "68-01-01"), 3092601600 * kSecond);
  EXPECT_EQ(localMicros("%y-%m-%d", "69-01-01"), -31536000 * kSecond);
}

TEST(TimeFormatTest, TwelveAmIsMidnightAndTwelvePmNoon) {
  std::int64_t midnight = kJan2At1504 - (15 * 3600 + 4 * 60) * kSecond;
  EXPECT_EQ(localMicros("%F %I:%M %p", "2026-01-02 12:00 AM"), midnight);
  EXPECT_EQ(localMicros("%F %I:%M %p", "2026-01-02 12:00 pm"), midnight + 12 * 3600 * kSecond);
  EXPECT_EQ(localMicros("%F %I:%M %p", "2026-01-02 11:59 PM"),
            midnight + (23 * 3600 + 59 * 60) * kSecond);
}

TEST(TimeFormatTest, ReadsOffsets) {
  std::string problem;
  auto offset = [&](std::string_view text) {
    auto written = read("%F %R %z", text, problem);
    EXPECT_TRUE(written && written->offsetMinutes) << text << ": " << problem;
    return written && written->offsetMinutes ? *written->offsetMinutes : 9999;
  };
  EXPECT_EQ(offset("2026-01-02 15:04 +0530"), 330);
  EXPECT_EQ(offset("2026-01-02 15:04 -05:00"), -300);
  EXPECT_EQ(offset("2026-01-02 15:04 Z"), 0);
  EXPECT_TRUE(compiled("%F %R %z").hasOffset());
  EXPECT_FALSE(compiled("%F %R").hasOffset());
  auto withoutOffset = read("%F %R", "2026-01-02 15:04", problem);
  ASSERT_TRUE(withoutOffset);
  EXPECT_FALSE(withoutOffset->offsetMinutes);
}

TEST(TimeFormatTest, SaysWhereACellStopsMatching) {
  EXPECT_EQ(problemOf("%d/%b/%y %I:%M %p", "02/Jan/26 15:04"),
            "hour 15 is out of range (character 11)");
  EXPECT_EQ(problemOf("%d/%b/%y %I:%M %p", "02/Jan/26 3:04"),
            "expected a space at the end of the value");
  EXPECT_EQ(problemOf("%d/%b/%y %I:%M %p", "02/Jnu/26 3:04 PM"),
            "expected an English month name (Jan or January) at `Jnu/26 3:04 ...` (character 4)");
  EXPECT_EQ(problemOf("%F %R", "2026-01-02 15:04x"),
            "unexpected `x` (character 17) after the time");
  EXPECT_EQ(problemOf("%F %R", "2026-02-29 15:04"), "2026-02-29 is not a date");
  EXPECT_EQ(problemOf("%F %T", "2026-01-02 15:04:00.1234567"),
            "expected no digit finer than a microsecond at `7` (character 27)");
  EXPECT_EQ(problemOf("%F", "0000-01-02"),
            "the year 0 is before the first year a time can have (0001)");
  EXPECT_EQ(problemOf("%F", "26-01-02"), "expected a four-digit year at `26-01-02` (character 1)");
  // Characters, not bytes: `–` is three bytes of UTF-8, `ä` two.
  EXPECT_EQ(problemOf("Zeit: %F – %R", "Zeit: 2026-01-02 – 25:04"),
            "hour 25 is out of range (character 20)");
  EXPECT_EQ(problemOf("%d/%b/%y %I:%M %p", "02/Mär/26 3:04 PM"),
            "expected an English month name (Jan or January) at `Mär/26 3:04...` (character 4)");
}

TEST(TimeFormatTest, RefusesPatternsThatCannotReadATime) {
  auto problemOfPattern = [](std::string_view pattern) {
    std::string problem;
    EXPECT_FALSE(plan::TimeFormat::compile(pattern, problem)) << pattern;
    return problem;
  };
  EXPECT_NE(problemOfPattern("%H:%M").find("does not read a whole date"), std::string::npos);
  EXPECT_NE(problemOfPattern("%F %k").find("`%k` is not a specifier"), std::string::npos);
  EXPECT_NE(problemOfPattern("%F %R %Z").find("zone abbreviation"), std::string::npos);
  EXPECT_NE(problemOfPattern("%F %I:%M").find("needs `%p`"), std::string::npos);
  EXPECT_NE(problemOfPattern("%F %H %p").find("needs a 12-hour clock"), std::string::npos);
  EXPECT_NE(problemOfPattern("%F %H %I %p").find("reads the hour twice"), std::string::npos);
  EXPECT_NE(problemOfPattern("%F %").find("lone `%`"), std::string::npos);
}

} // namespace
} // namespace slac::testing
