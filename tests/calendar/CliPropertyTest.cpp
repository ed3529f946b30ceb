// The same property as PropertyTest, end to end: generated query files go
// through `slac calendar` (parsing, imports, lowering, query syntax and
// output formats) and every answer is compared with the minute-by-minute
// reference.
#include "BruteForceCalendar.h"
#include "lower/CalendarLowering.h"
#include "modules/ModuleLoader.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <random>

namespace slac::calendar::testing {
namespace {

const char* kCalendarFile = SLAC_SOURCE_DIR "/tests/cli/calendar/property.sla";
const std::vector<std::string> kCalendars = {"berlin",   "new_york",  "sydney",    "kolkata",
                                             "chatham",  "lord_howe", "kathmandu", "london",
                                             "st_johns", "auckland",  "sao_paulo", "utc"};
// 2025-2028: the years of the standard library's holidays.
constexpr Instant kFrom = 20'089 * kMicrosPerDay;
constexpr Instant kTo = kFrom + 1'461 * kMicrosPerDay;
constexpr Duration kSecond = 1'000'000;

std::size_t queriesPerCalendar() {
  const char* configured = std::getenv("SLAC_CALENDAR_PROPERTY_TRIPLES");
  std::size_t total = configured ? std::strtoull(configured, nullptr, 10) : 100'000;
  return std::max<std::size_t>(total / 10 / kCalendars.size(), 50);
}

// The earliest t >= a with `open` time in [a, t), walking minutes; nothing
// if it is more than 40 days away.
std::optional<Instant> referenceDeadline(const BruteForceCalendar& reference, Instant a,
                                         Duration open) {
  if (open == 0)
    return a;
  Duration counted = 0;
  Instant minute = a - a % kMicrosPerMinute;
  for (Instant end = a + 40 * kMicrosPerDay; minute < end; minute += kMicrosPerMinute) {
    if (!reference.minuteIsOpen(minute))
      continue;
    Instant from = std::max(a, minute);
    Duration available = minute + kMicrosPerMinute - from;
    if (counted + available >= open)
      return from + (open - counted);
    counted += available;
  }
  return std::nullopt;
}

struct Spec {
  CalendarSpec spec;
  std::string name;
};

std::vector<Spec> lowerAll() {
  SourceManager sources;
  ast::AstContext context;
  DiagnosticEngine diagnostics;
  modules::ModuleLoader loader(sources, context, diagnostics);
  const modules::Module* module = loader.loadFile(kCalendarFile);
  EXPECT_NE(module, nullptr);
  std::vector<Spec> specs;
  if (!module)
    return specs;
  for (const std::string& name : kCalendars) {
    auto spec = lower::lowerCalendar(*module, name, diagnostics);
    EXPECT_TRUE(spec.has_value()) << name;
    if (spec)
      specs.push_back({std::move(*spec), name});
  }
  return specs;
}

TEST(CalendarCliProperty, SlacCalendarAgreesWithTheReference) {
  std::filesystem::path work = std::filesystem::temp_directory_path() /
                               ("slac-calendar-property-" + std::to_string(::getpid()));
  std::filesystem::create_directories(work);
  std::mt19937_64 random(20261123);
  std::uniform_int_distribution<Instant> anySecond(kFrom / kSecond,
                                                   (kTo - 50 * kMicrosPerDay) / kSecond);
  std::uniform_int_distribution<Duration> spanSeconds(0, 3 * 86'400);
  std::uniform_int_distribution<int> kind(0, 2);
  std::size_t compared = 0;
  for (const Spec& calendar : lowerAll()) {
    BruteForceCalendar reference(calendar.spec);
    std::ofstream queries(work / "queries");
    std::vector<std::string> expected;
    for (std::size_t i = 0; i < queriesPerCalendar(); ++i) {
      Instant a = anySecond(random) * kSecond;
      Duration span = spanSeconds(random) * kSecond;
      switch (kind(random)) {
      case 0:
        queries << "in " << formatInstant(a) << "\n";
        expected.push_back(reference.minuteIsOpen(a - a % kMicrosPerMinute) ? "true" : "false");
        break;
      case 1:
        queries << "elapsed " << formatInstant(a) << " " << formatInstant(a + span) << "\n";
        expected.push_back(std::to_string(reference.elapsed(a, a + span) / kSecond));
        break;
      default: {
        Duration minutes = span / kMicrosPerMinute / 4;
        auto due = referenceDeadline(reference, a, minutes * kMicrosPerMinute);
        if (!due)
          continue;
        queries << "deadline " << formatInstant(a) << " " << minutes << "m\n";
        expected.push_back(formatInstant(*due));
      }
      }
    }
    queries.close();
    std::string command = std::string(SLAC_BINARY_DIR "/bin/slac calendar ") + kCalendarFile + " " +
                          calendar.name + " --from 2025-01-01 --to 2029-01-01 < " +
                          (work / "queries").string() + " > " + (work / "answers").string();
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    std::ifstream answers(work / "answers");
    std::string line;
    for (std::size_t i = 0; i < expected.size(); ++i, ++compared) {
      ASSERT_TRUE(std::getline(answers, line))
          << calendar.name << ": answer " << i + 1 << " missing";
      ASSERT_EQ(line, expected[i]) << calendar.name << ", query line " << i + 1;
    }
    EXPECT_FALSE(std::getline(answers, line)) << calendar.name << ": extra answers";
  }
  std::filesystem::remove_all(work);
  EXPECT_GE(compared, queriesPerCalendar() * kCalendars.size() * 9 / 10);
}

} // namespace
} // namespace slac::calendar::testing
