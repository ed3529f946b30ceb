#pragma once

// `--calendar-data NAME=PATH` (`slac eval`, `slac calendar`): reads a
// calendar's windows or closed dates from another file than the one its
// `window from` or `closed from` names, for a what-if or a file kept
// elsewhere (docs/language.md, "Calendar data").

#include "driver/DataRun.h"

#include <optional>
#include <string>
#include <vector>

namespace slac::driver {

// Replaces, in `files` (DataSource::calendar indexes `calendarNames`), the
// files of each calendar and kind that `overrides` name:
// `NAME.window=PATH` and `NAME.closed=PATH`, or `NAME=PATH` for a calendar
// that reads files of one kind. Several overrides of one calendar and kind
// read every file they name. An override of a calendar that reads no file
// of that kind is an error: the message, for stderr.
std::optional<std::string> overrideCalendarData(std::vector<DataSource>& files,
                                                const std::vector<std::string>& calendarNames,
                                                const std::vector<std::string>& overrides);

} // namespace slac::driver
