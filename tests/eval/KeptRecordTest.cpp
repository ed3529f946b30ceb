// Undecided records packed into one allocation (eval/KeptRecord.h): every
// field kept comes back as it was, whatever its type, length or setness;
// the others come back unset.
#include "eval/KeptRecord.h"

#include <gtest/gtest.h>

namespace slac::eval {
namespace {

using plan::TypeKind;

plan::Field field(const char* name, TypeKind kind, bool optional = false) {
  plan::Field made;
  made.name = name;
  made.type.kind = kind;
  made.type.optional = optional;
  return made;
}

void expectSame(const std::vector<Value>& kept, const std::vector<Value>& original) {
  ASSERT_EQ(kept.size(), original.size());
  for (std::size_t i = 0; i < kept.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(kept[i].state, original[i].state);
    EXPECT_EQ(kept[i].text, original[i].text);
    EXPECT_EQ(kept[i].exact.numerator(), original[i].exact.numerator());
    EXPECT_EQ(kept[i].exact.denominator(), original[i].exact.denominator());
  }
}

TEST(KeptRecordTest, GivesBackEveryFieldAsKept) {
  plan::Stream stream;
  stream.fields = {field("t", TypeKind::Time),
                   field("id", TypeKind::String),
                   field("note", TypeKind::String, true),
                   field("empty", TypeKind::String),
                   field("n", TypeKind::Int),
                   field("late", TypeKind::Duration, true),
                   field("ok", TypeKind::Bool),
                   field("priority", TypeKind::Enum),
                   field("day", TypeKind::Date),
                   field("weight", TypeKind::Number),
                   field("share", TypeKind::Percent),
                   field("refund", TypeKind::Money, true),
                   field("done", TypeKind::Time, true)};
  stream.eventTime = 0;
  std::vector<Value> fields = {
      Value::of(Rational(plan::Int128{1775001600} * 1000000)),
      Value::ofText("T-123456"),                                       // 8 bytes: one word
      Value::ofText("a note longer than sixteen bytes, with ünïcödé"), // several words
      Value::ofText(""),
      Value::of(Rational(-42)),
      Value::unset(),
      Value::of(Rational(1)),
      Value::of(Rational(3)),
      Value::of(Rational(20543)),
      Value::of(Rational(-7, 3)),
      Value::of(Rational(999, 10)),
      Value::unset(),
      Value::of(Rational(INT64_MIN))};
  KeptRecord kept(2, 1, 77, stream, fields, std::vector<bool>(fields.size(), true));
  EXPECT_EQ(kept.stream, 2u);
  EXPECT_EQ(kept.source, 1u);
  EXPECT_EQ(kept.line, 77u);
  expectSame(kept.fields(stream), fields);
}

TEST(KeptRecordTest, KeepsTheSetBitsOfMoreThanSixtyFourFields) {
  plan::Stream stream;
  std::vector<Value> fields;
  for (int i = 0; i < 130; ++i) {
    stream.fields.push_back(field("f", TypeKind::Int, true));
    fields.push_back(i % 3 == 0 ? Value::unset() : Value::of(Rational(i)));
  }
  stream.eventTime = 1;
  KeptRecord kept(0, 0, 1, stream, fields, std::vector<bool>(fields.size(), true));
  expectSame(kept.fields(stream), fields);
}

TEST(KeptRecordTest, LeavesOutTheFieldsNotKept) {
  plan::Stream stream;
  stream.fields = {field("t", TypeKind::Time), field("customer", TypeKind::String),
                   field("note", TypeKind::String), field("n", TypeKind::Int)};
  stream.eventTime = 0;
  std::vector<Value> fields = {Value::of(Rational(1775001600)), Value::ofText("customer-1"),
                               Value::ofText("a note"), Value::of(Rational(7))};
  KeptRecord kept(0, 0, 1, stream, fields, {true, false, true, false});
  expectSame(kept.fields(stream),
             {fields[0], Value::unset(), Value::ofText("a note"), Value::unset()});
}

} // namespace
} // namespace slac::eval
