// The hand-written cloud program's parts (HandWrittenCloud.cpp), shared
// with bench/engine/CloudLayouts.cpp, which runs its loop beside slac's
// ways of keeping the same counts: reading the generated probes and the
// maintenance windows, the windows of 2026 in Europe/Berlin, and the
// loop itself.
#pragma once

#include "HandWrittenFiles.h"
#include "HandWrittenTime.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace handwritten {

[[noreturn]] inline void fail(const char* file, std::size_t line, const char* message) {
  std::fprintf(stderr, "hand_written_cloud: %s:%zu: %s\n", file, line, message);
  std::exit(1);
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
inline std::vector<std::pair<std::int64_t, std::int64_t>> maintenance(const char* path) {
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

inline Probes readProbes(const char* path) {
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

// Probes' columns, a chunk of rows at a time: the hand-written program's
// one chunk of whole columns, or CloudLayouts.cpp's batches.
template <typename Ok> struct ProbeColumns {
  const std::int64_t* time;
  const Ok* ok;
  std::size_t rows;
};

template <typename Ok>
Report evaluateColumns(const std::vector<ProbeColumns<Ok>>& chunks, const char* path,
                       const std::vector<std::pair<std::int64_t, std::int64_t>>& off,
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
  std::size_t line = 1; // of the chunk's first row, less one
  for (const ProbeColumns<Ok>& chunk : chunks) {
    for (std::size_t i = 0; i < chunk.rows; ++i) {
      const std::int64_t t = chunk.time[i];
      if (t > at)
        continue;
      if (t < previous)
        fail(path, line + i + 1, "probes out of time order");
      previous = t;
      if (t >= minuteEnd) {
        if (minuteCounted)
          report.goodMinutes[minuteMonth] += minuteOk >= 2;
        if (t < windows.months[0] || t >= windows.months[12])
          fail(path, line + i + 1, "a probe outside 2026 (Europe/Berlin)");
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
      const std::int64_t ok = chunk.ok[i];
      minuteOk += ok;
      hourOk += ok;
      ++hourTotal;
      ++report.probes[month];
    }
    line += chunk.rows;
  }
  if (minuteCounted)
    report.goodMinutes[minuteMonth] += minuteOk >= 2;
  closeHour();
  return report;
}

inline Report evaluate(const Probes& probes,
                       const std::vector<std::pair<std::int64_t, std::int64_t>>& off,
                       const Windows& windows, std::int64_t at) {
  return evaluateColumns<std::uint8_t>({{probes.time.data(), probes.ok.data(), probes.time.size()}},
                                       probes.path, off, windows, at);
}

} // namespace handwritten
