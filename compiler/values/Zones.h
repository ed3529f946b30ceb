#pragma once

// Time zones by their IANA names, each read from the system's zoneinfo
// directory when it is first asked for. date::locate_zone builds the whole
// database first, a stat of each of its ~600 files: 2.5 ms, more than
// parsing and checking a whole agreement, for the one or two zones a
// program names.

#include "values/Zone.h"

#include <string_view>

namespace slac::values {

// The zone named `name`, or null when there is none: the names
// date::locate_zone knows whose files hold a zone (tests/values/
// ZonesTest.cpp holds the two equal). Thread-safe; the zone lives as long
// as the process.
const Zone* findZone(std::string_view name);

} // namespace slac::values
