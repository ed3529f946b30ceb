#pragma once

#include <string>

namespace slac::bench {

// A portfolio agreement with `objectives` objectives (availability and
// latency in turn, a remedy for every tenth), on one calendar and one
// service, that checks cleanly: the large input of the parse and check
// benchmarks.
std::string generatePortfolio(int objectives);

} // namespace slac::bench
