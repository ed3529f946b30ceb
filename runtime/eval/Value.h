#pragma once

// A value while the reference interpreter evaluates plan expressions. The
// plan says its type; the value holds it exactly where the language is
// exact: every type but text is a Rational (bools 0/1, instants and
// durations in µs, dates in days, enum cases and calendars as indices,
// percents in percent, money in units), and a number stays exact as long as
// it comes from exact values (the mean of integer scores, a ratio of sums);
// numbers read from the data are doubles.

#include "eval/Rational.h"

#include <string>

namespace slac::eval {

struct Value {
  enum class State : std::uint8_t {
    Set,
    Unset,  // an optional value that has not happened (yet)
    NoData, // an aggregate over nothing, and what is computed from one
  };

  State state = State::Set;
  bool inexact = false; // a number held as `number`, not `exact`
  Rational exact;
  double number = 0;
  std::string text;

  static Value of(Rational value) { return {State::Set, false, value, 0, {}}; }
  static Value ofDouble(double value) { return {State::Set, true, {}, value, {}}; }
  static Value ofText(std::string value) { return {State::Set, false, {}, 0, std::move(value)}; }
  static Value unset() { return {State::Unset, false, {}, 0, {}}; }
  static Value noData() { return {State::NoData, false, {}, 0, {}}; }

  bool isSet() const { return state == State::Set; }
  bool truth() const { return !exact.isZero(); }
  double toDouble() const { return inexact ? number : exact.toDouble(); }
};

} // namespace slac::eval
