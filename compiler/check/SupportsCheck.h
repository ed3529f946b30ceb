#pragma once

// `agreement ola supports sla`: every objective of the OLA that has a
// same-named objective in the SLA measures the same thing the same way, and
// is at least as strict: each value that meets it also meets the SLA's
// (decided exactly on the targets, see TargetSet). Objectives only the OLA
// has are allowed. With revisions, the versions of the two objectives in
// force together, at each date either agreement is revised, are compared.

#include "check/ConstantFacts.h"
#include "check/Findings.h"
#include "check/NameResolution.h"

namespace slac::check {

void checkSupports(const ResolvedNames& names, const ConstantFacts& facts, Findings& findings);

} // namespace slac::check
