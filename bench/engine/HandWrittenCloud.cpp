// The practical limit for the cloud workload: the probe objectives of
// examples/cloud-availability.sla written by hand for exactly that agreement
// and the generated probes (bench/engine/generate.py cloud): one pass over
// parsed columns in time order, minute and hour slices closed as the time
// passes their end, exact integers throughout.
//
//   hand_written_cloud PROBES.csv MAINTENANCE.csv AT_UNIX_SECONDS [--timing]
//
// prints one line per objective and closed window:
//   availability MONTH - STATUS GOOD_MINUTES MEASURED_MINUTES 0
//   no_bad_hour DAY - STATUS PERCENT|- 0     (PERCENT an exact fraction)
//   monitored MONTH - STATUS PROBES 0
// which bench/engine/check-hand-written.py compares with `slac eval --format
// json`. With --timing it prints on stderr, as JSON, the time of reading and
// evaluating the file once and the median of five evaluations over the
// columns already in memory (in ms).
//
// Left out: the request objectives (latency, request_success, tail: the
// workload has no requests, slac reports them met without data), remedies,
// caps and termination, and the checks slac makes on its input (this reader
// accepts only the generated shape: Unix seconds in 2026, in time order).
#include "HandWrittenCloud.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <numeric>
#include <utility>
#include <vector>

namespace {

using namespace handwritten;

// The minute starts in [from, to) outside maintenance: the denominator of a
// `missing bad` minute ratio.
std::int64_t measuredMinutes(std::int64_t from, std::int64_t to,
                             const std::vector<std::pair<std::int64_t, std::int64_t>>& off) {
  auto minuteStarts = [](std::int64_t a, std::int64_t b) {
    auto ceilMinutes = [](std::int64_t t) { return (t + kMinute - 1) / kMinute; };
    return b > a ? ceilMinutes(b) - ceilMinutes(a) : 0;
  };
  std::int64_t minutes = minuteStarts(from, to);
  for (const auto& [start, end] : off)
    minutes -= minuteStarts(std::max(start, from), std::min(end, to));
  return minutes;
}

void printReport(const Report& report,
                 const std::vector<std::pair<std::int64_t, std::int64_t>>& off,
                 const Windows& windows, std::int64_t at) {
  for (std::size_t m = report.firstMonth; m < 12 && windows.months[m + 1] <= at; ++m) {
    std::int64_t measured = measuredMinutes(windows.months[m], windows.months[m + 1], off);
    std::int64_t good = report.goodMinutes[m];
    std::printf("availability 2026-%02zu - %s %lld %lld 0\n", m + 1,
                measured > 0 && good * 10000 >= 9995 * measured ? "met" : "breached",
                static_cast<long long>(good), static_cast<long long>(measured));
    std::printf("monitored 2026-%02zu - %s %lld 0\n", m + 1,
                report.probes[m] >= 120000 ? "met" : "breached",
                static_cast<long long>(report.probes[m]));
  }
  for (std::size_t d = report.firstDay; d < 365 && windows.days[d + 1] <= at; ++d) {
    const std::int64_t days = daysFromCivil(2026, 1, 1) + static_cast<std::int64_t>(d);
    // Civil date of `days` (H. Hinnant's civil_from_days, years 2000-2099).
    const std::int64_t z = days + 719468, era = z / 146097, doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    const std::int64_t dayOfMonth = doy - (153 * mp + 2) / 5 + 1, month = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t year = yoe + era * 400 + (month <= 2);
    const auto [ok, total] = report.worstHour[d];
    if (total == 0) {
      std::printf("no_bad_hour %04lld-%02lld-%02lld - breached - 0\n", static_cast<long long>(year),
                  static_cast<long long>(month), static_cast<long long>(dayOfMonth));
      continue;
    }
    const std::int64_t divisor = std::gcd(100 * ok, total);
    std::printf("no_bad_hour %04lld-%02lld-%02lld - %s %lld/%lld 0\n", static_cast<long long>(year),
                static_cast<long long>(month), static_cast<long long>(dayOfMonth),
                ok * 10 >= 9 * total ? "met" : "breached",
                static_cast<long long>(100 * ok / divisor),
                static_cast<long long>(total / divisor));
  }
}

double millisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 4 || argc > 5 || (argc == 5 && std::strcmp(argv[4], "--timing") != 0)) {
    std::fprintf(stderr, "usage: hand_written_cloud PROBES.csv MAINTENANCE.csv AT_UNIX_SECONDS "
                         "[--timing]\n");
    return 2;
  }
  const std::int64_t at = std::strtoll(argv[3], nullptr, 10) * kSecond;
  auto start = std::chrono::steady_clock::now();
  const Windows windows;
  const auto off = maintenance(argv[2]);
  const Probes probes = readProbes(argv[1]);
  const Report report = evaluate(probes, off, windows, at);
  const double fromCsv = millisecondsSince(start);
  printReport(report, off, windows, at);
  if (argc == 5) {
    std::vector<double> times;
    for (int run = 0; run < 5; ++run) {
      start = std::chrono::steady_clock::now();
      Report again = evaluate(probes, off, windows, at);
      times.push_back(millisecondsSince(start));
      if (again.goodMinutes != report.goodMinutes)
        return 1;
    }
    std::sort(times.begin(), times.end());
    std::fprintf(stderr, "{\"fromCsv\": %.3f, \"inMemory\": %.3f}\n", fromCsv, times[2]);
  }
  return 0;
}
