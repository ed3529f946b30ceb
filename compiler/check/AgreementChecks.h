#pragma once

// Consistency within one agreement (brief section 8): no two objectives
// that measure the same thing the same way exclude each other (decided
// exactly on their met-sets), and credits cannot add up to more than the
// fee unless something caps them.

#include "check/ConstantFacts.h"
#include "check/Findings.h"
#include "modules/ModuleLoader.h"

#include <vector>

namespace slac::check {

void checkAgreements(const std::vector<const modules::Module*>& modules, const ConstantFacts& facts,
                     Findings& findings);

} // namespace slac::check
