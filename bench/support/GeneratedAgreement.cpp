#include "support/GeneratedAgreement.h"

#include <fmt/format.h>

namespace slac::bench {

std::string generatePortfolio(int objectives) {
  std::string text = R"(import std.holidays.germany

calendar office {
  zone "Europe/Berlin"
  mon-fri 08:00-18:00
  closed germany.national, 2026-12-24 to 2026-12-26
  business day = 10h
}

service portal {
  enum Tier { gold, silver, bronze }
  stream probe at t {
    t: time
    ok: bool
    latency: duration
    tier: Tier
    customer: string
    let target = match tier { gold => 200ms, silver => 500ms, bronze => 1s }
    let fast = latency <= target
  }
  metric availability = ratio(probe where ok)
  metric p95 = percentile(probe.latency where ok, 95)
}

agreement portfolio {
  provider "Example Cloud GmbH"
  customer "ACME Corp"
  effective 2026-01-01 to 2026-12-31
  zone "UTC"
  fee 12000.00 EUR per month
)";
  for (int i = 0; i < objectives; ++i) {
    if (i % 2 == 0)
      text += fmt::format("  objective availability_{0} \"Availability of unit {0}\": "
                          "portal.availability >= 99.{1}% during office over month\n",
                          i, i % 10);
    else
      text += fmt::format("  objective latency_{}: portal.p95 <= {}ms excluding office "
                          "over rolling 28d per customer when no data met\n",
                          i, 100 + i % 400);
    if (i % 10 == 0)
      text += fmt::format("  remedy credits_{0} on availability_{0} {{\n"
                          "    below 99.{1}% credit 10%\n    below 95% credit 25%\n"
                          "    cap 50%\n  }}\n",
                          i, i % 10);
  }
  return text + "  cap credits 100% per month\n}\n";
}

} // namespace slac::bench
