#include "GeneratedData.h"

#include "calendar/Calendar.h"

#include <cstdint>
#include <fmt/format.h>

namespace slac::bench {

std::string generateTicketsCsv(int rows) {
  std::string text = "id,customer,priority,channel,opened,responded,resolved,reopened\n";
  const char* priorities[] = {"P1", "P2", "P3", "P4"};
  const std::int64_t march = 1772319600; // 2026-03-01T00:00:00+01:00
  for (int i = 0; i < rows; ++i) {
    std::int64_t opened = march + static_cast<std::int64_t>(i) * 2'600'000 / rows;
    auto instant = [](std::int64_t seconds) {
      return calendar::formatInstant(seconds * 1'000'000);
    };
    text += fmt::format("T-{},customer-{},{},email,{},{},{},false\n", i, i % 6, priorities[i % 4],
                        instant(opened), instant(opened + 1800 + i % 7200),
                        instant(opened + 20000 + i % 90000));
  }
  return text;
}

} // namespace slac::bench
