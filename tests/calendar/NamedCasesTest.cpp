// The cases people argue about, each worked out by hand from the calendar.
#include "CalendarTestSupport.h"

#include <limits>

namespace slac::calendar::testing {
namespace {

constexpr LocalInterval k08to18{8 * 60, 18 * 60};
constexpr LocalInterval k08to17{8 * 60, 17 * 60};
constexpr LocalInterval k09to17{9 * 60, 17 * 60};

CalendarSpec sundays(const std::string& zone, LocalInterval interval) {
  CalendarSpec spec;
  spec.zone = zone;
  spec.weekly[6] = {interval};
  return spec;
}

CalendarSpec everyDay(const std::string& zone) {
  CalendarSpec spec;
  spec.zone = zone;
  for (auto& day : spec.weekly)
    day = {{0, 1440}};
  return spec;
}

TEST(CalendarNamedCases, FridayEveningTicketIsDueMondayMorning) {
  // Mon-Fri 08:00-18:00: opened Friday 17:30 with a 1h target, 30 minutes
  // count on Friday and the other 30 on Monday from 08:00.
  Calendar office = prepareOrFail(weekdays("Europe/Berlin", {k08to18}));
  EXPECT_EQ(valueOrFail(office.deadline(at("2026-03-06T17:30:00+01:00"), hours(1))),
            at("2026-03-09T08:30:00+01:00"));
}

TEST(CalendarNamedCases, TicketOpenedAfterHoursStartsCountingMonday) {
  // Mon-Fri 08:00-17:00: opened Friday 21:00, evaluated Monday 09:30.
  Calendar office = prepareOrFail(weekdays("Europe/Berlin", {k08to17}));
  EXPECT_EQ(
      valueOrFail(office.elapsed(at("2026-03-06T21:00:00+01:00"), at("2026-03-09T09:30:00+01:00"))),
      hours(1) + minutes(30));
}

TEST(CalendarNamedCases, SpringForwardDayHas23Hours) {
  // Berlin, Sunday 2026-03-29: 02:00 CET jumps to 03:00 CEST.
  Calendar daily = prepareOrFail(everyDay("Europe/Berlin"));
  EXPECT_EQ(
      valueOrFail(daily.elapsed(at("2026-03-29T00:00:00+01:00"), at("2026-03-30T00:00:00+02:00"))),
      hours(23));
}

TEST(CalendarNamedCases, FallBackDayHas25Hours) {
  // Berlin, Sunday 2026-10-25: 03:00 CEST falls back to 02:00 CET.
  Calendar daily = prepareOrFail(everyDay("Europe/Berlin"));
  EXPECT_EQ(
      valueOrFail(daily.elapsed(at("2026-10-25T00:00:00+02:00"), at("2026-10-26T00:00:00+01:00"))),
      hours(25));
}

TEST(CalendarNamedCases, SpringForwardInsideBusinessHoursLosesAnHour) {
  // Sunday 01:00-04:00 local on 2026-03-29 is 00:00Z to 02:00Z.
  Calendar night = prepareOrFail(sundays("Europe/Berlin", {60, 240}));
  EXPECT_EQ(valueOrFail(night.elapsed(at("2026-03-28T12:00:00Z"), at("2026-03-29T12:00:00Z"))),
            hours(2));
  EXPECT_EQ(valueOrFail(night.deadline(at("2026-03-28T12:00:00Z"), hours(1) + minutes(30))),
            at("2026-03-29T01:30:00Z"));
}

TEST(CalendarNamedCases, FallBackInsideBusinessHoursGainsAnHour) {
  // Sunday 01:00-04:00 local on 2026-10-25 is 23:00Z (Saturday) to 03:00Z.
  Calendar night = prepareOrFail(sundays("Europe/Berlin", {60, 240}));
  EXPECT_EQ(valueOrFail(night.elapsed(at("2026-10-24T12:00:00Z"), at("2026-10-25T12:00:00Z"))),
            hours(4));
}

TEST(CalendarNamedCases, TransitionOutsideBusinessHoursChangesNothing) {
  Calendar day = prepareOrFail(sundays("Europe/Berlin", k08to18));
  EXPECT_EQ(valueOrFail(day.elapsed(at("2026-03-29T00:00:00Z"), at("2026-03-30T00:00:00Z"))),
            hours(10));
  EXPECT_EQ(valueOrFail(day.elapsed(at("2026-10-25T00:00:00Z"), at("2026-10-26T00:00:00Z"))),
            hours(10));
}

TEST(CalendarNamedCases, NewYorkTransitionsInsideBusinessHours) {
  // Sunday 00:00-12:00 local: 2026-03-08 springs forward at 02:00, and
  // 2026-11-01 falls back at 02:00.
  Calendar morning = prepareOrFail(sundays("America/New_York", {0, 720}));
  EXPECT_EQ(valueOrFail(
                morning.elapsed(at("2026-03-08T00:00:00-05:00"), at("2026-03-09T00:00:00-04:00"))),
            hours(11));
  EXPECT_EQ(valueOrFail(
                morning.elapsed(at("2026-11-01T00:00:00-04:00"), at("2026-11-02T00:00:00-05:00"))),
            hours(13));
}

TEST(CalendarNamedCases, NonexistentStartMapsToTheInstantAfterTheGap) {
  // 02:30 does not exist on 2026-03-29 in Berlin: the interval 02:30-05:00
  // starts at 03:00 CEST (01:00Z) and ends at 05:00 CEST (03:00Z).
  Calendar calendar = prepareOrFail(sundays("Europe/Berlin", {150, 300}));
  EXPECT_EQ(valueOrFail(calendar.deadline(at("2026-03-29T00:00:00Z"), minutes(30))),
            at("2026-03-29T01:30:00Z"));
  EXPECT_EQ(valueOrFail(calendar.elapsed(at("2026-03-29T00:00:00Z"), at("2026-03-30T00:00:00Z"))),
            hours(2));
  EXPECT_FALSE(valueOrFail(calendar.contains(at("2026-03-29T00:59:59Z"))));
  EXPECT_TRUE(valueOrFail(calendar.contains(at("2026-03-29T01:00:00Z"))));
}

TEST(CalendarNamedCases, AmbiguousStartMapsToTheEarlierInstant) {
  // 02:30 happens twice on 2026-10-25 in Berlin; the interval 02:30-05:00
  // starts at the first, 02:30 CEST (00:30Z), and ends at 05:00 CET (04:00Z),
  // so the repeated half hour 02:00-02:30 CET (01:00Z-01:30Z) is inside it.
  Calendar calendar = prepareOrFail(sundays("Europe/Berlin", {150, 300}));
  EXPECT_EQ(valueOrFail(calendar.elapsed(at("2026-10-25T00:00:00Z"), at("2026-10-26T00:00:00Z"))),
            hours(3) + minutes(30));
  EXPECT_FALSE(valueOrFail(calendar.contains(at("2026-10-25T00:29:59Z"))));
  EXPECT_TRUE(valueOrFail(calendar.contains(at("2026-10-25T00:30:00Z"))));
  EXPECT_TRUE(valueOrFail(calendar.contains(at("2026-10-25T01:15:00Z"))));
}

TEST(CalendarNamedCases, AmbiguousEndMapsToTheEarlierInstant) {
  // 00:00-02:30 on 2026-10-25 ends at 02:30 CEST (00:30Z): the repeated
  // 02:00-02:30 CET is outside.
  Calendar calendar = prepareOrFail(sundays("Europe/Berlin", {0, 150}));
  EXPECT_EQ(valueOrFail(calendar.elapsed(at("2026-10-24T12:00:00Z"), at("2026-10-25T12:00:00Z"))),
            hours(2) + minutes(30));
  EXPECT_FALSE(valueOrFail(calendar.contains(at("2026-10-25T01:15:00Z"))));
}

TEST(CalendarNamedCases, TicketSpanningClosedDatesSkipsThem) {
  // Mon-Fri 09:00-17:00, closed Good Friday and Easter Monday 2026. Opened
  // Thursday 16:00 with a 4h target: 1h on Thursday, 3h from Tuesday 09:00.
  CalendarSpec spec = weekdays("Europe/Berlin", {k09to17});
  spec.closedDates = {day("2026-04-03"), day("2026-04-06")};
  Calendar office = prepareOrFail(spec);
  EXPECT_EQ(valueOrFail(office.deadline(at("2026-04-02T16:00:00+02:00"), hours(4))),
            at("2026-04-07T12:00:00+02:00"));
  EXPECT_EQ(
      valueOrFail(office.elapsed(at("2026-04-02T16:00:00+02:00"), at("2026-04-07T10:00:00+02:00"))),
      hours(2));
}

TEST(CalendarNamedCases, WindowAcrossYearEnd) {
  // Opened Wednesday 2025-12-31 16:00; New Year's Day is closed. 1h on
  // Wednesday, 3h on Friday 2026-01-02 by noon.
  CalendarSpec spec = weekdays("Europe/Berlin", {k09to17});
  spec.closedDates = {day("2026-01-01")};
  Calendar office = prepareOrFail(spec);
  EXPECT_EQ(
      valueOrFail(office.elapsed(at("2025-12-31T16:00:00+01:00"), at("2026-01-02T12:00:00+01:00"))),
      hours(4));
  EXPECT_EQ(valueOrFail(office.deadline(at("2025-12-31T16:00:00+01:00"), hours(2))),
            at("2026-01-02T10:00:00+01:00"));
}

TEST(CalendarNamedCases, LeapDayIsAnOrdinaryTuesday) {
  // 2028-02-29 is a Tuesday: Monday noon to Wednesday noon is 5h + 8h + 3h.
  Calendar office = prepareOrFail(weekdays("UTC", {k09to17}));
  EXPECT_EQ(valueOrFail(office.elapsed(at("2028-02-28T12:00:00Z"), at("2028-03-01T12:00:00Z"))),
            hours(16));
  // A full business day from Monday's close ends at Tuesday's close: the
  // earliest instant with 8h elapsed.
  EXPECT_EQ(valueOrFail(office.deadline(at("2028-02-28T17:00:00Z"), hours(8))),
            at("2028-02-29T17:00:00Z"));
}

TEST(CalendarNamedCases, OpenDateAddsHoursToAClosedDay) {
  CalendarSpec spec = weekdays("Europe/Berlin", {k09to17});
  spec.closedDates = {day("2026-12-24")};
  spec.openDates = {{day("2026-12-24"), {{10 * 60, 12 * 60}}}};
  Calendar office = prepareOrFail(spec);
  EXPECT_FALSE(valueOrFail(office.contains(at("2026-12-24T09:30:00+01:00"))));
  EXPECT_TRUE(valueOrFail(office.contains(at("2026-12-24T10:00:00+01:00"))));
  EXPECT_FALSE(valueOrFail(office.contains(at("2026-12-24T12:00:00+01:00"))));
  EXPECT_EQ(
      valueOrFail(office.elapsed(at("2026-12-24T00:00:00+01:00"), at("2026-12-25T00:00:00+01:00"))),
      hours(2));
}

TEST(CalendarNamedCases, AbsoluteWindowsAreOpen) {
  CalendarSpec spec;
  spec.windows = {{at("2026-03-14T22:00:00Z"), at("2026-03-15T02:00:00Z")}};
  Calendar maintenance = prepareOrFail(spec);
  EXPECT_EQ(
      valueOrFail(maintenance.elapsed(at("2026-03-14T00:00:00Z"), at("2026-03-16T00:00:00Z"))),
      hours(4));
  EXPECT_TRUE(valueOrFail(maintenance.contains(at("2026-03-14T22:00:00Z"))));
  EXPECT_FALSE(valueOrFail(maintenance.contains(at("2026-03-15T02:00:00Z"))));
}

TEST(CalendarNamedCases, AlwaysCountsRealTime) {
  CalendarSpec spec;
  spec.always = true;
  Calendar always = prepareOrFail(spec);
  EXPECT_EQ(valueOrFail(always.elapsed(at("2026-03-29T00:00:00Z"), at("2026-03-30T00:00:00.5Z"))),
            hours(24) + 500'000);
  EXPECT_EQ(valueOrFail(always.deadline(at("2026-03-29T00:00:00Z"), hours(30))),
            at("2026-03-30T06:00:00Z"));
}

TEST(CalendarNamedCases, ZeroDurationDeadlineIsTheStart) {
  Calendar office = prepareOrFail(weekdays("Europe/Berlin", {k09to17}));
  EXPECT_EQ(valueOrFail(office.deadline(at("2026-03-07T12:00:00Z"), 0)),
            at("2026-03-07T12:00:00Z"));
}

TEST(CalendarNamedCases, QuarterHourZoneOpensOnItsOwnMinute) {
  // Kathmandu is UTC+05:45: 09:00 local is 03:15Z.
  Calendar office = prepareOrFail(weekdays("Asia/Kathmandu", {k09to17}));
  EXPECT_FALSE(valueOrFail(office.contains(at("2026-03-02T03:14:59.999999Z"))));
  EXPECT_TRUE(valueOrFail(office.contains(at("2026-03-02T03:15:00Z"))));
}

TEST(CalendarErrors, UnknownZone) {
  auto prepared = Calendar::prepare(weekdays("Europe/Atlantis", {k09to17}), 0, hours(24));
  ASSERT_TRUE(std::holds_alternative<CalendarError>(prepared));
  EXPECT_EQ(std::get<CalendarError>(prepared).kind, CalendarErrorKind::UnknownZone);
  EXPECT_NE(std::get<CalendarError>(prepared).message.find("Europe/Atlantis"), std::string::npos);
}

TEST(CalendarErrors, EmptyOrReversedIntervals) {
  for (LocalInterval bad : {LocalInterval{600, 600}, LocalInterval{700, 600}, LocalInterval{-1, 60},
                            LocalInterval{0, 1441}}) {
    auto prepared = Calendar::prepare(weekdays("UTC", {bad}), 0, hours(24));
    ASSERT_TRUE(std::holds_alternative<CalendarError>(prepared));
    EXPECT_EQ(std::get<CalendarError>(prepared).kind, CalendarErrorKind::InvalidInterval);
  }
}

TEST(CalendarErrors, RangeLongerThanACentury) {
  auto prepared = Calendar::prepare(weekdays("UTC", {k09to17}), at("2000-01-01T00:00:00Z"),
                                    at("2101-01-01T00:00:00Z"));
  ASSERT_TRUE(std::holds_alternative<CalendarError>(prepared));
  EXPECT_EQ(std::get<CalendarError>(prepared).kind, CalendarErrorKind::InvalidRange);
}

TEST(CalendarErrors, RangeOutsideTheYearsRfc3339CanWrite) {
  // Also a range whose length overflows int64 when subtracted naively.
  constexpr Instant kFar = std::numeric_limits<Instant>::max() - 1;
  for (auto [from, to] : {std::pair{-kFar, kFar}, std::pair{at("9990-01-01T00:00:00Z"), kFar},
                          std::pair{at("0001-01-01T00:00:00Z") - 1, at("0001-06-01T00:00:00Z")}}) {
    auto prepared = Calendar::prepare(weekdays("UTC", {k09to17}), from, to);
    ASSERT_TRUE(std::holds_alternative<CalendarError>(prepared));
    EXPECT_EQ(std::get<CalendarError>(prepared).kind, CalendarErrorKind::InvalidRange);
  }
}

TEST(CalendarErrors, HugeDurationIsAfterTheRange) {
  Calendar office = prepareOrFail(weekdays("UTC", {k09to17}));
  auto due = office.deadline(at("2026-06-01T00:00:00Z"), std::numeric_limits<Duration>::max());
  ASSERT_TRUE(std::holds_alternative<CalendarError>(due));
  EXPECT_EQ(std::get<CalendarError>(due).kind, CalendarErrorKind::AfterRange);
}

TEST(CalendarErrors, QueriesOutsideTheRangeOrBackwards) {
  Calendar office = prepareOrFail(weekdays("UTC", {k09to17}), at("2026-01-01T00:00:00Z"),
                                  at("2027-01-01T00:00:00Z"));
  auto kindOf = [](const auto& result) { return std::get<CalendarError>(result).kind; };
  EXPECT_EQ(kindOf(office.contains(at("2025-12-31T23:59:59Z"))), CalendarErrorKind::BeforeRange);
  EXPECT_EQ(kindOf(office.elapsed(std::numeric_limits<Instant>::min(), at("2026-06-01T00:00:00Z"))),
            CalendarErrorKind::BeforeRange);
  EXPECT_EQ(kindOf(office.contains(std::numeric_limits<Instant>::max())),
            CalendarErrorKind::AfterRange);
  EXPECT_EQ(kindOf(office.elapsed(at("2026-06-01T00:00:00Z"), at("2027-01-01T00:00:01Z"))),
            CalendarErrorKind::AfterRange);
  EXPECT_EQ(kindOf(office.elapsed(at("2026-06-02T00:00:00Z"), at("2026-06-01T00:00:00Z"))),
            CalendarErrorKind::ReversedInterval);
  EXPECT_EQ(kindOf(office.deadline(at("2026-06-01T00:00:00Z"), -1)),
            CalendarErrorKind::NegativeDuration);
  EXPECT_EQ(kindOf(office.deadline(at("2026-12-31T16:00:00Z"), hours(2))),
            CalendarErrorKind::AfterRange);
  EXPECT_EQ(std::get<CalendarError>(office.contains(at("2025-12-31T23:59:59Z"))).message,
            "2025-12-31T23:59:59Z is before 2026-01-01T00:00:00Z, where this calendar's "
            "prepared range begins");
}

TEST(CalendarFormatting, InstantsAreRfc3339Utc) {
  EXPECT_EQ(formatInstant(at("2026-03-09T08:30:00+01:00")), "2026-03-09T07:30:00Z");
  EXPECT_EQ(formatInstant(at("2026-03-09T07:30:00.25Z")), "2026-03-09T07:30:00.25Z");
  EXPECT_EQ(formatInstant(-1), "1969-12-31T23:59:59.999999Z");
  EXPECT_EQ(formatInstant(at("0001-01-01T00:00:00Z")), "0001-01-01T00:00:00Z");
  EXPECT_EQ(formatInstant(at("9999-12-31T23:59:59.999999Z")), "9999-12-31T23:59:59.999999Z");
  EXPECT_EQ(formatInstant(std::numeric_limits<Instant>::min()),
            "1970-01-01T00:00:00Z-9223372036854775808us");
}

} // namespace
} // namespace slac::calendar::testing
