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
#include "HandWrittenTime.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <numeric>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace {

using namespace handwritten;

[[noreturn]] void fail(const char* file, std::size_t line, const char* message) {
  std::fprintf(stderr, "hand_written_cloud: %s:%zu: %s\n", file, line, message);
  std::exit(1);
}

std::string readFile(const char* path) {
  std::FILE* file = std::fopen(path, "rb");
  if (!file) {
    std::perror(path);
    std::exit(2);
  }
  std::string text;
  std::array<char, 1 << 20> buffer;
  std::size_t read = 0;
  while ((read = std::fread(buffer.data(), 1, buffer.size(), file)) > 0)
    text.append(buffer.data(), read);
  std::fclose(file);
  return text;
}

// Splits text into lines after the header.
template <typename OnLine> void forEachLine(const std::string& text, OnLine onLine) {
  const char* p = static_cast<const char*>(std::memchr(text.data(), '\n', text.size()));
  const char* const end = text.data() + text.size();
  std::size_t line = 1;
  while (p && ++p < end) {
    const char* lineEnd = static_cast<const char*>(std::memchr(p, '\n', end - p));
    if (!lineEnd)
      lineEnd = end;
    onLine(p, lineEnd, ++line);
    p = lineEnd;
  }
}

// The maintenance calendar: Sundays 02:00-04:00 Berlin time and the
// announced windows of the CSV file, merged, in UTC.
std::vector<std::pair<std::int64_t, std::int64_t>> maintenance(const char* path) {
  std::vector<std::pair<std::int64_t, std::int64_t>> windows;
  for (std::int64_t day = daysFromCivil(2025, 12, 1); day < daysFromCivil(2027, 2, 1); ++day)
    if (weekday(day) == 6)
      windows.emplace_back(berlinToUtc(day, 2 * kHour), berlinToUtc(day, 4 * kHour));
  // `YYYY-MM-DDTHH:MM:SS` then `Z` or `+HH:MM` / `-HH:MM`.
  auto instant = [&](const char* p, const char* end, std::size_t line) {
    auto number = [&](std::ptrdiff_t at, int count) {
      std::int64_t value = 0;
      for (std::ptrdiff_t i = at; i < at + count; ++i) {
        if (p + i >= end || p[i] < '0' || p[i] > '9')
          fail(path, line, "expected a time YYYY-MM-DDTHH:MM:SS and an offset");
        value = value * 10 + (p[i] - '0');
      }
      return value;
    };
    std::int64_t t = daysFromCivil(number(0, 4), static_cast<unsigned>(number(5, 2)),
                                   static_cast<unsigned>(number(8, 2))) *
                         kDay +
                     number(11, 2) * kHour + number(14, 2) * kMinute + number(17, 2) * kSecond;
    if (end - p == 20 && p[19] == 'Z')
      return t;
    if (end - p != 25 || (p[19] != '+' && p[19] != '-'))
      fail(path, line, "expected an offset Z or +HH:MM");
    std::int64_t offset = number(20, 2) * kHour + number(23, 2) * kMinute;
    return p[19] == '+' ? t - offset : t + offset;
  };
  forEachLine(readFile(path), [&](const char* p, const char* end, std::size_t line) {
    const char* comma = static_cast<const char*>(std::memchr(p, ',', end - p));
    const char* second =
        comma ? static_cast<const char*>(std::memchr(comma + 1, ',', end - comma - 1)) : nullptr;
    if (!second)
      fail(path, line, "expected start,end,announcement");
    windows.emplace_back(instant(p, comma, line), instant(comma + 1, second, line));
  });
  std::sort(windows.begin(), windows.end());
  std::vector<std::pair<std::int64_t, std::int64_t>> merged;
  for (const auto& window : windows)
    if (!merged.empty() && window.first <= merged.back().second)
      merged.back().second = std::max(merged.back().second, window.second);
    else
      merged.push_back(window);
  return merged;
}

// The parsed columns (rtt is not read by these objectives).
struct Probes {
  const char* path = "";
  std::vector<std::string> locations; // dense id -> name
  std::vector<std::int64_t> time;
  std::vector<std::uint8_t> location, ok;
};

Probes readProbes(const char* path) {
  const std::string text = readFile(path);
  Probes probes;
  probes.path = path;
  std::map<std::string, std::uint8_t, std::less<>> ids;
  forEachLine(text, [&](const char* p, const char* end, std::size_t line) {
    std::int64_t seconds = 0;
    for (; p < end && *p >= '0' && *p <= '9'; ++p)
      seconds = seconds * 10 + (*p - '0');
    if (p == end || *p != ',')
      fail(path, line, "expected Unix seconds");
    const char* name = ++p;
    p = static_cast<const char*>(std::memchr(p, ',', end - p));
    if (!p)
      fail(path, line, "expected t,location,ok,rtt");
    std::string_view location(name, static_cast<std::size_t>(p - name));
    auto found = ids.find(location);
    if (found == ids.end()) {
      if (ids.size() == 255)
        fail(path, line, "more than 255 locations");
      found = ids.emplace(std::string(location), static_cast<std::uint8_t>(ids.size())).first;
      probes.locations.emplace_back(location);
    }
    ++p;
    bool ok = end - p > 5 && std::memcmp(p, "true,", 5) == 0;
    if (!ok && !(end - p > 6 && std::memcmp(p, "false,", 6) == 0))
      fail(path, line, "expected true or false");
    probes.time.push_back(seconds * kSecond);
    probes.location.push_back(found->second);
    probes.ok.push_back(ok);
  });
  return probes;
}

// The windows of 2026 in Europe/Berlin: 12 months and 365 days.
struct Windows {
  std::array<std::int64_t, 13> months{};
  std::vector<std::int64_t> days; // 366 boundaries
  Windows() {
    for (unsigned month = 0; month <= 12; ++month)
      months[month] = berlinToUtc(
          month == 12 ? daysFromCivil(2027, 1, 1) : daysFromCivil(2026, month + 1, 1), 0);
    for (std::int64_t day = daysFromCivil(2026, 1, 1); day <= daysFromCivil(2027, 1, 1); ++day)
      days.push_back(berlinToUtc(day, 0));
  }
};

struct Report {
  std::array<std::int64_t, 12> goodMinutes{}, probes{};
  // The worst hour of each day as ok / total (total 0: no hour yet).
  std::vector<std::pair<std::int64_t, std::int64_t>> worstHour;
  std::size_t firstMonth = 12, firstDay = 365;
};

Report evaluate(const Probes& probes, const std::vector<std::pair<std::int64_t, std::int64_t>>& off,
                const Windows& windows, std::int64_t at) {
  Report report;
  report.worstHour.assign(365, {0, 0});
  std::size_t month = 0, day = 0, maintenanceCursor = 0;
  std::int64_t minuteEnd = INT64_MIN, hourEnd = INT64_MIN;
  bool minuteCounted = false, hourCounted = false;
  std::int64_t minuteOk = 0, hourOk = 0, hourTotal = 0;
  std::size_t minuteMonth = 0, hourDay = 0;
  auto inMaintenance = [&](std::int64_t t) {
    while (maintenanceCursor < off.size() && off[maintenanceCursor].second <= t)
      ++maintenanceCursor;
    return maintenanceCursor < off.size() && off[maintenanceCursor].first <= t;
  };
  auto closeHour = [&] {
    if (!hourCounted || hourTotal == 0)
      return;
    auto& worst = report.worstHour[hourDay];
    if (worst.second == 0 || hourOk * worst.second < worst.first * hourTotal)
      worst = {hourOk, hourTotal};
  };
  std::int64_t previous = INT64_MIN;
  const std::size_t count = probes.time.size();
  for (std::size_t i = 0; i < count; ++i) {
    const std::int64_t t = probes.time[i];
    if (t > at)
      continue;
    if (t < previous)
      fail(probes.path, i + 2, "probes out of time order");
    previous = t;
    if (t >= minuteEnd) {
      if (minuteCounted)
        report.goodMinutes[minuteMonth] += minuteOk >= 2;
      if (t < windows.months[0] || t >= windows.months[12])
        fail(probes.path, i + 2, "a probe outside 2026 (Europe/Berlin)");
      while (t >= windows.months[month + 1])
        ++month;
      while (t >= windows.days[day + 1])
        ++day;
      report.firstMonth = std::min(report.firstMonth, month);
      report.firstDay = std::min(report.firstDay, day);
      const std::int64_t minuteStart = t - (t % kMinute);
      minuteEnd = minuteStart + kMinute;
      minuteCounted = !inMaintenance(minuteStart);
      minuteMonth = month;
      minuteOk = 0;
      if (t >= hourEnd) {
        closeHour();
        const std::int64_t hourStart = t - (t % kHour);
        hourEnd = hourStart + kHour;
        hourCounted = !inMaintenance(hourStart);
        hourDay = day;
        hourOk = hourTotal = 0;
      }
    }
    const std::int64_t ok = probes.ok[i];
    minuteOk += ok;
    hourOk += ok;
    ++hourTotal;
    ++report.probes[month];
  }
  if (minuteCounted)
    report.goodMinutes[minuteMonth] += minuteOk >= 2;
  closeHour();
  return report;
}

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
