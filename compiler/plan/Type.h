#pragma once

// The types of the SLA language (brief §3), as the checker assigns them and
// the evaluators read them. A type is a small value: its kind, whether it
// may be unset (`time?`), and for money its currency, for enums which enum.

#include <cstdint>
#include <string>
#include <string_view>

namespace slac::plan {

enum class TypeKind : std::uint8_t {
  Bool,
  Int,    // 64-bit
  Number, // an exact decimal (docs/evaluation.md, "Values")
  Percent,
  Duration, // microseconds
  // `2 business days` before the checker has scaled it by its calendar's
  // `business day`; no plan expression has this type after lowering.
  BusinessDays,
  Time, // an instant, UTC microseconds since the epoch
  Date,
  Money,
  String,
  Enum,
  Calendar,
};

// ISO 4217 codes are three capital letters; packed, a currency compares as
// an integer and needs no table.
using CurrencyCode = std::uint32_t;
CurrencyCode packCurrency(std::string_view code);
std::string currencySpelling(CurrencyCode code);

struct Type {
  TypeKind kind = TypeKind::Bool;
  bool optional = false;
  // Money: the currency. Enum: the index in Program::enums.
  std::uint32_t detail = 0;

  static Type of(TypeKind kind) { return {kind, false, 0}; }
  static Type money(CurrencyCode currency) { return {TypeKind::Money, false, currency}; }
  static Type enumeration(std::uint32_t index) { return {TypeKind::Enum, false, index}; }

  Type asOptional(bool isOptional = true) const { return {kind, isOptional, detail}; }
  bool is(TypeKind other) const { return kind == other; }
  bool isNumeric() const { return kind == TypeKind::Int || kind == TypeKind::Number; }
  // The same type, ignoring whether either may be unset.
  bool sameValueType(const Type& other) const {
    return kind == other.kind && detail == other.detail;
  }

  friend bool operator==(const Type&, const Type&) = default;
};

// How a type is named in messages, with its article: "a time", "an
// optional time", "money in EUR", "a `Priority`" (given the enum's name).
std::string typeSpelling(const Type& type, std::string_view enumName = {});

} // namespace slac::plan
