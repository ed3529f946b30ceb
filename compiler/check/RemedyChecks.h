#pragma once

// Credit tiers of a remedy (brief sections 6 and 8), decided exactly on the
// thresholds: every value between two credited values is credited (no gap),
// a worse value never gets a smaller credit than a better one (monotone;
// "worse" follows the objective's comparison), and every tier applies to
// some value. The credit of a value is the largest among the tiers it
// falls in. Remedies whose thresholds or amounts are not literals of one
// kind are left to the type checker.

#include "check/ConstantFacts.h"
#include "check/Findings.h"
#include "modules/ModuleLoader.h"

#include <vector>

namespace slac::check {

void checkRemedies(const std::vector<const modules::Module*>& modules, const ConstantFacts& facts,
                   Findings& findings);

} // namespace slac::check
