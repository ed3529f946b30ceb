#pragma once

// Measurements for the benchmarks, generated deterministically.

#include <string>

namespace slac::bench {

// `rows` tickets for examples/msp-support.sla over March 2026: six
// customers, all four priorities, every ticket responded to and resolved.
std::string generateTicketsCsv(int rows);

} // namespace slac::bench
