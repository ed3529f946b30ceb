// `number` values are read as the exact decimals they are written as
// (significand x 10^exponent), never as doubles (docs/data.md).
#include "ingest/FieldValue.h"

#include <gtest/gtest.h>

namespace slac::testing {
namespace {

struct Decoded {
  std::int64_t significand;
  int exponent;
  friend bool operator==(const Decoded&, const Decoded&) = default;
};

std::optional<Decoded> numberOf(std::string_view text) {
  plan::Program program;
  plan::Field field;
  field.name = "x";
  field.type = plan::Type{plan::TypeKind::Number};
  std::string error;
  auto value = ingest::convertValue(program, field, ingest::FieldSpelling{}, text, error);
  if (!value) {
    EXPECT_FALSE(error.empty());
    return std::nullopt;
  }
  return Decoded{value->integer, value->exponent};
}

TEST(ExactNumberTest, KeepsTheWrittenDecimal) {
  EXPECT_EQ(numberOf("4.2"), (Decoded{42, -1}));
  EXPECT_EQ(numberOf("0.1"), (Decoded{1, -1}));
  EXPECT_EQ(numberOf("1.50"), (Decoded{15, -1})); // trailing zeros carry no digit
  EXPECT_EQ(numberOf("-1e3"), (Decoded{-1, 3}));
  EXPECT_EQ(numberOf("+2.5E-2"), (Decoded{25, -3}));
  EXPECT_EQ(numberOf("1200"), (Decoded{12, 2}));
  EXPECT_EQ(numberOf(".5"), (Decoded{5, -1}));
  EXPECT_EQ(numberOf("7."), (Decoded{7, 0}));
  EXPECT_EQ(numberOf("-0.000"), (Decoded{0, 0}));
  EXPECT_EQ(numberOf("123456789012345678"), (Decoded{123456789012345678, 0})); // 18 digits
  EXPECT_EQ(numberOf("0.000000000000000001"), (Decoded{1, -18}));
  EXPECT_EQ(numberOf("999999999999999999e18"), (Decoded{999999999999999999, 18}));
}

TEST(ExactNumberTest, RefusesWhatCannotBeExact) {
  EXPECT_EQ(numberOf("1234567890123456789"), std::nullopt); // 19 significant digits
  EXPECT_EQ(numberOf("0.1234567890123456789"), std::nullopt);
  EXPECT_EQ(numberOf("1e19"), std::nullopt);
  EXPECT_EQ(numberOf("1e-19"), std::nullopt);
  EXPECT_EQ(numberOf("1e999999999999"), std::nullopt);
  EXPECT_EQ(numberOf("nan"), std::nullopt);
  EXPECT_EQ(numberOf("inf"), std::nullopt);
  EXPECT_EQ(numberOf("1,5"), std::nullopt);
  EXPECT_EQ(numberOf("."), std::nullopt);
  EXPECT_EQ(numberOf("-"), std::nullopt);
  EXPECT_EQ(numberOf("1e"), std::nullopt);
  EXPECT_EQ(numberOf("0x10"), std::nullopt);
}

} // namespace
} // namespace slac::testing
