// The standard library parses, and its holiday sets hold the dates the
// public lists give (checked by hand against them for the spot checks).
#include "stdlib/Stdlib.h"

#include "calendar/Calendar.h"
#include "lower/CalendarLowering.h"
#include "modules/ModuleLoader.h"
#include "support/ParseSupport.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <map>

namespace slac::testing {
namespace {

const ast::HolidaysDecl& holidaysIn(const ParsedSource& parsed) {
  for (const ast::Decl* decl : parsed.ast->declarations)
    if (const auto* holidays = dyn_cast<ast::HolidaysDecl>(decl))
      return *holidays;
  throw std::logic_error("no holidays declaration");
}

std::map<int, int> countPerYear(const ast::HolidaysDecl& holidays) {
  std::map<int, int> counts;
  for (const ast::Holiday& holiday : holidays.holidays)
    ++counts[holiday.date.year];
  return counts;
}

bool contains(const ast::HolidaysDecl& holidays, std::string_view date, std::string_view name) {
  for (const ast::Holiday& holiday : holidays.holidays)
    if (holiday.date.toString() == date && holiday.description &&
        holiday.description->value == name)
      return true;
  return false;
}

std::unique_ptr<ParsedSource> parseModule(std::string_view name) {
  auto module = stdlib::findStdlibModule(name);
  if (!module)
    throw std::logic_error("no module " + std::string(name));
  return parseText(std::string(name), std::string(module->text));
}

TEST(StdlibTest, EveryModuleParsesCleanly) {
  ASSERT_GE(stdlib::stdlibModules().size(), 5u);
  for (const stdlib::StdlibModule& module : stdlib::stdlibModules()) {
    auto parsed = parseText(std::string(module.name), std::string(module.text));
    EXPECT_TRUE(parsed->ast.has_value()) << module.name;
    EXPECT_THAT(parsed->describeDiagnostics(), ::testing::IsEmpty()) << module.name;
  }
}

TEST(StdlibTest, HolidayDatesAreSortedAndDistinct) {
  for (std::string_view name : {"std.holidays.germany", "std.holidays.france",
                                "std.holidays.united_kingdom", "std.holidays.united_states"}) {
    auto parsed = parseModule(name);
    const auto& holidays = holidaysIn(*parsed).holidays;
    for (std::size_t i = 1; i < holidays.size(); ++i)
      EXPECT_LT(holidays[i - 1].date, holidays[i].date) << name;
  }
}

TEST(StdlibTest, GermanyHasNineNationwideHolidaysAYear) {
  auto parsed = parseModule("std.holidays.germany");
  const ast::HolidaysDecl& germany = holidaysIn(*parsed);
  EXPECT_THAT(countPerYear(germany),
              ::testing::ElementsAre(std::pair(2025, 9), std::pair(2026, 9), std::pair(2027, 9),
                                     std::pair(2028, 9)));
  EXPECT_TRUE(contains(germany, "2025-04-18", "Karfreitag"));
  EXPECT_TRUE(contains(germany, "2027-03-26", "Karfreitag"));
  EXPECT_TRUE(contains(germany, "2026-05-14", "Christi Himmelfahrt"));
  EXPECT_TRUE(contains(germany, "2028-06-05", "Pfingstmontag"));
}

TEST(StdlibTest, FranceHasElevenJoursFeries) {
  auto parsed = parseModule("std.holidays.france");
  const ast::HolidaysDecl& france = holidaysIn(*parsed);
  EXPECT_THAT(countPerYear(france),
              ::testing::ElementsAre(std::pair(2025, 11), std::pair(2026, 11), std::pair(2027, 11),
                                     std::pair(2028, 11)));
  EXPECT_TRUE(contains(france, "2025-06-09", "Lundi de Pentecôte"));
  EXPECT_TRUE(contains(france, "2026-05-08", "Victoire 1945"));
}

TEST(StdlibTest, EnglandAndWalesMoveHolidaysOffWeekends) {
  auto parsed = parseModule("std.holidays.united_kingdom");
  const ast::HolidaysDecl& uk = holidaysIn(*parsed);
  EXPECT_THAT(countPerYear(uk), ::testing::ElementsAre(std::pair(2025, 8), std::pair(2026, 8),
                                                       std::pair(2027, 8), std::pair(2028, 8)));
  // Boxing Day 2026 is a Saturday; Christmas 2027 a Saturday, Boxing Day
  // 2027 a Sunday; New Year's Day 2028 a Saturday.
  EXPECT_TRUE(contains(uk, "2026-12-28", "Boxing Day (substitute day)"));
  EXPECT_TRUE(contains(uk, "2027-12-27", "Christmas Day (substitute day)"));
  EXPECT_TRUE(contains(uk, "2027-12-28", "Boxing Day (substitute day)"));
  EXPECT_TRUE(contains(uk, "2028-01-03", "New Year's Day (substitute day)"));
  EXPECT_TRUE(contains(uk, "2026-08-31", "Summer bank holiday"));
}

TEST(StdlibTest, UnitedStatesListsObservedFederalHolidays) {
  auto parsed = parseModule("std.holidays.united_states");
  const ast::HolidaysDecl& us = holidaysIn(*parsed);
  // New Year's Day 2028 (a Saturday) is observed on Friday 2027-12-31.
  EXPECT_THAT(countPerYear(us), ::testing::ElementsAre(std::pair(2025, 11), std::pair(2026, 11),
                                                       std::pair(2027, 12), std::pair(2028, 10)));
  EXPECT_TRUE(contains(us, "2027-12-31", "New Year's Day (observed)"));
  EXPECT_TRUE(contains(us, "2026-07-03", "Independence Day (observed)"));
  EXPECT_TRUE(contains(us, "2027-06-18", "Juneteenth National Independence Day (observed)"));
  EXPECT_TRUE(contains(us, "2025-11-27", "Thanksgiving Day"));
}

TEST(StdlibTest, WeekdayCalendarsLowerToTheirHours) {
  SourceManager sources;
  ast::AstContext context;
  DiagnosticEngine diagnostics;
  const SourceFile& file = sources.addFile("main.sla", "import std.calendars\n");
  auto ast = parse::parseFile(file, context, diagnostics);
  ASSERT_TRUE(ast);
  modules::ModuleLoader loader(sources, context, diagnostics);
  auto stdlibCalendars = stdlib::findStdlibModule("std.calendars");
  const SourceFile& calendarsFile =
      sources.addFile("std.calendars", std::string(stdlibCalendars->text));
  modules::Module module;
  module.ast = *parse::parseFile(calendarsFile, context, diagnostics);
  auto spec = lower::lowerCalendar(module, "weekdays_9_17", diagnostics);
  ASSERT_TRUE(spec);
  EXPECT_EQ(spec->zone, "UTC");
  for (std::size_t day = 0; day < 5; ++day)
    EXPECT_THAT(spec->weekly[day], ::testing::ElementsAre(calendar::LocalInterval{540, 1020}));
  EXPECT_THAT(spec->weekly[5], ::testing::IsEmpty());
  EXPECT_EQ(spec->businessDay, 8 * 60 * calendar::kMicrosPerMinute);
  auto always = lower::lowerCalendar(module, "always", diagnostics);
  ASSERT_TRUE(always);
  EXPECT_TRUE(always->always);
}

} // namespace
} // namespace slac::testing
