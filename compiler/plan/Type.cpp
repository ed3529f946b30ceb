#include "plan/Type.h"

#include <fmt/format.h>

namespace slac::plan {

CurrencyCode packCurrency(std::string_view code) {
  CurrencyCode packed = 0;
  for (char letter : code.substr(0, 3))
    packed = packed << 8 | static_cast<unsigned char>(letter);
  return packed;
}

std::string currencySpelling(CurrencyCode code) {
  std::string spelling;
  for (int shift = 16; shift >= 0; shift -= 8)
    spelling += static_cast<char>(code >> shift & 0xFF);
  return spelling;
}

namespace {

const char* kindSpelling(TypeKind kind) {
  switch (kind) {
  case TypeKind::Bool:
    return "bool";
  case TypeKind::Int:
    return "int";
  case TypeKind::Number:
    return "number";
  case TypeKind::Percent:
    return "percent";
  case TypeKind::Duration:
    return "duration";
  case TypeKind::BusinessDays:
    return "business days";
  case TypeKind::Time:
    return "time";
  case TypeKind::Date:
    return "date";
  case TypeKind::Money:
    return "money";
  case TypeKind::String:
    return "string";
  case TypeKind::Enum:
    return "enum";
  case TypeKind::Calendar:
    return "calendar";
  }
  return "?";
}

} // namespace

std::string typeSpelling(const Type& type, std::string_view enumName) {
  std::string base = kindSpelling(type.kind);
  if (type.kind == TypeKind::Money)
    base = fmt::format("money in {}", currencySpelling(type.detail));
  else if (type.kind == TypeKind::Enum && !enumName.empty())
    base = fmt::format("`{}`", enumName);
  else if (type.kind == TypeKind::BusinessDays)
    return type.optional ? "optional business days" : base;
  if (type.optional)
    return "an optional " + base;
  if (type.kind == TypeKind::Money)
    return base;
  bool vowel = base.front() == 'a' || base.front() == 'i';
  return fmt::format("{} {}", vowel ? "an" : "a", base);
}

} // namespace slac::plan
