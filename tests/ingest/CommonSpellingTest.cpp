// CommonSpelling's fast paths against convertValue, the rules of
// docs/data.md: a value the fast path reads must be the value convertValue
// gives, and a text convertValue refuses must not be read by the fast
// path (CommonSpelling.h: it changes how soon a value is known, never
// what it is).
#include "ingest/CommonSpelling.h"

#include "PropertyDice.h"
#include "compile/Compile.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace slac::testing {
namespace {

// Epoch times of every length around the fast path's 9 to 16 digits, now
// and then with a sign, a point, a blank, a letter or leading zeros.
std::string epochText(Dice& dice) {
  std::string text;
  if (dice.chance(0.05))
    text += dice.chance(0.5) ? "-" : "+";
  for (std::size_t digits = 1 + dice.below(20); digits > 0; --digits)
    text += static_cast<char>('0' + dice.below(10));
  if (dice.chance(0.1)) {
    static const char kOthers[] = {'.', ' ', 'x', ':', '/', '9' + 1, '0' - 1, '\0'};
    text[dice.below(text.size())] = kOthers[dice.below(sizeof kOthers)];
  }
  return text;
}

// Reads texts made by `textOf` as each field `names` of all-types.sla,
// with the fast path and with convertValue, and checks that they agree;
// returns how many the fast path read.
template <typename TextOf>
std::size_t readAsConvertValueReadsThem(std::initializer_list<std::string_view> names,
                                        TextOf textOf) {
  auto compilation =
      compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/tests/ingest/inputs/all-types.sla"});
  EXPECT_TRUE(compilation.plan());
  if (!compilation.plan())
    return 0;
  const plan::Program& program = *compilation.plan();
  Dice dice(20261205);
  std::size_t fast = 0;
  for (const plan::Field& field : program.streams[0].fields) {
    if (std::find(names.begin(), names.end(), field.name) == names.end())
      continue;
    std::string error;
    auto spelling = ingest::prepareSpelling(field, '.', error);
    EXPECT_TRUE(spelling);
    if (!spelling)
      return 0;
    ingest::CommonSpelling common(program, field, *spelling);
    for (int i = 0; i < 200'000; ++i) {
      std::string text = textOf(dice);
      ingest::Column column;
      bool read = common.append(text, column);
      auto converted = ingest::convertValue(program, field, *spelling, text, error);
      if (!read)
        continue;
      ++fast;
      EXPECT_TRUE(converted) << field.name << " `" << text << "`";
      EXPECT_EQ(column.integers.size(), 1u);
      if (!converted || column.integers.size() != 1)
        return fast;
      EXPECT_EQ(column.integers[0], converted->integer) << field.name << " `" << text << "`";
      if (column.integers[0] != converted->integer)
        return fast;
    }
  }
  return fast;
}

// Integers and whole units of a duration of every length around the fast
// path's (whole units: 1 to 9 digits), with the same breaks as the epoch
// times.
TEST(CommonSpellingTest, SmallIntegersReadAsConvertValueReadsThem) {
  std::size_t fast = readAsConvertValueReadsThem({"count", "wait_ms", "wait_s"}, [](Dice& dice) {
    std::string text = epochText(dice);
    return dice.chance(0.8) ? text.substr(0, 1 + dice.below(9)) : text;
  });
  EXPECT_GT(fast, 300'000u);
}

TEST(CommonSpellingTest, EpochTimesReadAsConvertValueReadsThem) {
  // Most of them are read by the fast path: the test looks at it.
  EXPECT_GT(readAsConvertValueReadsThem({"t_s", "t_ms"}, epochText), 150'000u);
}

// Runs of instants of one minute, as records in time order have them
// (CommonSpelling reads an instant of the minute before from its seconds),
// now and then broken where the minute's bytes end: seconds out of range
// or not digits, a fraction, an offset, a lower case `t`, one byte more or
// less, another minute, a day the month does not have.
std::string instantText(Dice& dice, std::string& minute) {
  if (minute.empty() || dice.chance(0.05)) {
    static const int kDays[] = {28, 29, 30, 31, 32};
    minute =
        fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}", 1 + dice.below(9999),
                    1 + dice.below(dice.chance(0.9) ? 12 : 13),
                    1 + dice.below(static_cast<std::size_t>(kDays[dice.below(5)])),
                    dice.below(dice.chance(0.9) ? 24 : 25), dice.below(dice.chance(0.9) ? 60 : 61));
  }
  std::string text = fmt::format("{}:{:02}Z", minute, dice.below(dice.chance(0.9) ? 60 : 100));
  if (dice.chance(0.2)) {
    switch (dice.below(7)) {
    case 0:
      text[17 + dice.below(2)] = dice.chance(0.5) ? 'x' : '/';
      break;
    case 1:
      text.insert(19, fmt::format(".{}", dice.below(1000)));
      break;
    case 2:
      text.replace(19, 1, dice.chance(0.5) ? "+01:00" : "-14:30");
      break;
    case 3:
      text[10] = 't';
      break;
    case 4:
      text.pop_back();
      break;
    case 5:
      text += 'Z';
      break;
    case 6:
      text[16] = '-';
      break;
    }
  }
  return text;
}

TEST(CommonSpellingTest, InstantsOfOneMinuteReadAsConvertValueReadsThem) {
  std::string minute;
  std::size_t fast =
      readAsConvertValueReadsThem({"t"}, [&](Dice& dice) { return instantText(dice, minute); });
  EXPECT_GT(fast, 130'000u);
}

} // namespace
} // namespace slac::testing
