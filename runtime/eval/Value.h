#pragma once

// A value while the reference interpreter evaluates plan expressions. The
// plan says its type; the value holds it exactly where the language is
// exact: every type but text is a Rational (bools 0/1, instants and
// durations in µs, dates in days, enum cases and calendars as indices,
// percents in percent, money in units, numbers as the exact decimals they
// were written as). No value is ever a float, so every aggregate is exact
// and independent of the order of the records (docs/evaluation.md).

#include "values/Rational.h"

#include <string>

namespace slac::eval {

// The exact number is the one every layer shares (values/Rational.h); the
// engines name it as their own.
using values::addedTimes;
using values::Int128;
using values::int128ToString;
using values::Rational;

struct Value {
  enum class State : std::uint8_t {
    Set,
    Unset,  // an optional value that has not happened (yet)
    NoData, // an aggregate over nothing, and what is computed from one
  };

  State state = State::Set;
  Rational exact;
  std::string text;

  static Value of(Rational value) { return {State::Set, value, {}}; }
  static Value ofText(std::string value) { return {State::Set, {}, std::move(value)}; }
  static Value unset() { return {State::Unset, {}, {}}; }
  static Value noData() { return {State::NoData, {}, {}}; }

  bool isSet() const { return state == State::Set; }
  bool truth() const { return !exact.isZero(); }
  double toDouble() const { return exact.toDouble(); }
};

} // namespace slac::eval
