// The walk of SliceCalendars answers as Calendar::contains does at every
// slice start, for each filter mode, across DST changes, and is unset where
// the calendar cannot answer.
#include "eval/SliceCalendars.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <variant>

namespace slac::eval {
namespace {

using calendar::Calendar;
using calendar::CalendarSpec;

constexpr std::int64_t kMinute = 60'000'000;
constexpr std::int64_t kMarch2026 = 1'772'323'200'000'000; // 2026-03-01T00:00:00Z

Calendar prepared(const CalendarSpec& spec) {
  auto result =
      Calendar::prepare(spec, kMarch2026 - 86'400'000'000, kMarch2026 + 40 * 86'400'000'000);
  EXPECT_TRUE(std::holds_alternative<Calendar>(result));
  return std::move(std::get<Calendar>(result));
}

TEST(SliceCalendarsTest, AnswersAsContainsAtEverySliceStart) {
  CalendarSpec office;
  office.zone = "Europe/Berlin"; // DST begins on 29 March
  for (int day = 0; day < 5; ++day)
    office.weekly[day] = {{9 * 60, 12 * 60}, {13 * 60, 17 * 60 + 30}};
  CalendarSpec maintenance;
  maintenance.zone = "Europe/Berlin";
  maintenance.weekly[6] = {{2 * 60, 4 * 60}};
  maintenance.windows = {{kMarch2026 + 10 * 86'400'000'000 + 7 * kMinute,
                          kMarch2026 + 10 * 86'400'000'000 + 93 * kMinute}};
  std::vector<Calendar> calendars;
  calendars.push_back(prepared(office));
  calendars.push_back(prepared(maintenance));
  using Mode = plan::CalendarFilter::Mode;
  for (Mode officeMode : {Mode::During, Mode::Outside})
    for (std::int64_t width : {kMinute, 7 * kMinute, 60 * kMinute}) {
      std::vector<plan::CalendarFilter> filters = {{officeMode, 0}, {Mode::Excluding, 1}};
      std::int64_t end = kMarch2026 + 31 * 86'400'000'000;
      std::optional<SliceCalendars> walk =
          SliceCalendars::over(filters, calendars, kMarch2026, end);
      ASSERT_TRUE(walk);
      int passed = 0;
      for (std::int64_t start = kMarch2026; start < end; start += width) {
        bool inOffice = std::get<bool>(calendars[0].contains(start));
        bool inMaintenance = std::get<bool>(calendars[1].contains(start));
        bool expected = (officeMode == Mode::During) == inOffice && !inMaintenance;
        ASSERT_EQ(walk->passes(start), expected) << "slice at " << start << " width " << width;
        passed += expected;
      }
      EXPECT_GT(passed, 0);
    }
}

// An office calendar (weekdays, the afternoon from 13:07) and Sunday
// maintenance with the announced `windows`, in Berlin (DST begins on 29
// March).
std::vector<Calendar> officeAndMaintenance(std::vector<calendar::AbsoluteWindow> windows) {
  CalendarSpec office;
  office.zone = "Europe/Berlin";
  for (int day = 0; day < 5; ++day)
    office.weekly[day] = {{9 * 60, 12 * 60}, {13 * 60 + 7, 17 * 60 + 30}};
  CalendarSpec maintenance;
  maintenance.zone = "Europe/Berlin";
  maintenance.weekly[6] = {{2 * 60, 4 * 60}};
  maintenance.windows = std::move(windows);
  std::vector<Calendar> calendars;
  calendars.push_back(prepared(office));
  calendars.push_back(prepared(maintenance));
  return calendars;
}

// check(bySlice, other, width, slices) on two walks of the same window
// (March, ending inside a slice: not a whole number of words, nor of
// slices) for each mode of the office filter, maintenance excluded, and
// each slice width.
template <typename Check> void forEachWindow(const std::vector<Calendar>& calendars, Check check) {
  using Mode = plan::CalendarFilter::Mode;
  for (Mode officeMode : {Mode::During, Mode::Outside})
    for (std::int64_t width : {kMinute, 7 * kMinute, 60 * kMinute, std::int64_t{37'000'000}}) {
      std::vector<plan::CalendarFilter> filters = {{officeMode, 0}, {Mode::Excluding, 1}};
      std::int64_t end = kMarch2026 + 31 * 86'400'000'000 - 13;
      std::optional<SliceCalendars> bySlice =
          SliceCalendars::over(filters, calendars, kMarch2026, end);
      std::optional<SliceCalendars> other =
          SliceCalendars::over(filters, calendars, kMarch2026, end);
      ASSERT_TRUE(bySlice && other);
      check(*bySlice, *other, width, (end - kMarch2026 + width - 1) / width);
    }
}

TEST(SliceCalendarsTest, WordsOfSlicesAnswerAsEachSliceDoes) {
  forEachWindow(officeAndMaintenance({}), [](SliceCalendars& bySlice, SliceCalendars& byWord,
                                             std::int64_t width, std::int64_t slices) {
    int mixed = 0; // words with passing and failing slices
    for (std::int64_t first = 0; first < slices; first += 64) {
      int count = static_cast<int>(std::min<std::int64_t>(64, slices - first));
      std::uint64_t word = byWord.passing(kMarch2026 + first * width, width, count);
      for (int i = 0; i < 64; ++i) {
        bool expected = i < count && bySlice.passes(kMarch2026 + (first + i) * width);
        ASSERT_EQ(((word >> i) & 1) != 0, expected) << "slice " << first + i << " width " << width;
      }
      mixed +=
          word != 0 && word != (count == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << count) - 1);
    }
    EXPECT_GT(mixed, 0);
  });
}

TEST(SliceCalendarsTest, ChunksOfWordsAnswerAsEachSliceDoes) {
  // Announced: a window longer than a word of minutes, one inside a slice.
  std::int64_t day3 = kMarch2026 + 3 * 86'400'000'000, day4 = kMarch2026 + 4 * 86'400'000'000;
  forEachWindow(officeAndMaintenance({{day3 + 5 * kMinute, day3 + 200 * kMinute},
                                      {day4 + 10'000'000, day4 + 20'000'000}}),
                [](SliceCalendars& bySlice, SliceCalendars& byChunk, std::int64_t width,
                   std::int64_t slices) {
                  // Chunks of 1 to 5 words in turn, so that spans cross their ends;
                  // the last chunk ends with the window.
                  std::vector<std::uint64_t> words(static_cast<std::size_t>((slices + 63) / 64));
                  for (std::int64_t first = 0, chunk = 0; first < slices;
                       first += 64 * (chunk % 5 + 1), ++chunk)
                    byChunk.passingWords(kMarch2026 + first * width, width,
                                         std::min(64 * (chunk % 5 + 1), slices - first),
                                         words.data() + first / 64);
                  int passed = 0, failed = 0;
                  for (std::int64_t slice = 0; slice < static_cast<std::int64_t>(words.size()) * 64;
                       ++slice) {
                    bool expected = slice < slices && bySlice.passes(kMarch2026 + slice * width);
                    ASSERT_EQ(((words[static_cast<std::size_t>(slice / 64)] >> (slice % 64)) & 1) !=
                                  0,
                              expected)
                        << "slice " << slice << " width " << width;
                    (expected ? passed : failed) += slice < slices;
                  }
                  EXPECT_GT(passed, 0);
                  EXPECT_GT(failed, 0);
                });
}

TEST(SliceCalendarsTest, UnsetOutsideThePreparedRange) {
  CalendarSpec always;
  always.always = true;
  std::vector<Calendar> calendars;
  calendars.push_back(prepared(always));
  std::vector<plan::CalendarFilter> filters = {{plan::CalendarFilter::Mode::During, 0}};
  EXPECT_FALSE(
      SliceCalendars::over(filters, calendars, kMarch2026, kMarch2026 + 400 * 86'400'000'000));
  EXPECT_TRUE(SliceCalendars::over(filters, calendars, kMarch2026, kMarch2026 + kMinute));
}

} // namespace
} // namespace slac::eval
