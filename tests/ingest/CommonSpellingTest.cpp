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

TEST(CommonSpellingTest, EpochTimesReadAsConvertValueReadsThem) {
  auto compilation =
      compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/tests/ingest/inputs/all-types.sla"});
  ASSERT_TRUE(compilation.plan());
  const plan::Program& program = *compilation.plan();
  Dice dice(20261205);
  std::size_t fast = 0;
  for (const plan::Field& field : program.streams[0].fields) {
    if (field.name != "t_s" && field.name != "t_ms")
      continue;
    std::string error;
    auto spelling = ingest::prepareSpelling(field, '.', error);
    ASSERT_TRUE(spelling);
    ingest::CommonSpelling common(program, field, *spelling);
    for (int i = 0; i < 200'000; ++i) {
      std::string text = epochText(dice);
      ingest::Column column;
      bool read = common.append(text, column);
      auto converted = ingest::convertValue(program, field, *spelling, text, error);
      if (!read)
        continue;
      ++fast;
      ASSERT_TRUE(converted) << field.name << " `" << text << "`";
      ASSERT_EQ(column.integers.size(), 1u);
      ASSERT_EQ(column.integers[0], converted->integer) << field.name << " `" << text << "`";
    }
  }
  // Most of them are read by the fast path: the test looks at it.
  EXPECT_GT(fast, 150'000u);
}

} // namespace
} // namespace slac::testing
