#pragma once

// Small facts about types that several parts of the expression checker
// share. Private to the checker.

#include "plan/Type.h"

namespace slac::check {

// Percents, durations and money: a plain number next to one of them is a
// missing unit (E0601), and they scale by plain numbers.
inline bool isUnit(plan::TypeKind kind) {
  return kind == plan::TypeKind::Percent || kind == plan::TypeKind::Duration ||
         kind == plan::TypeKind::Money;
}

} // namespace slac::check
