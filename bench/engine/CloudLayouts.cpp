// What the cloud workload's distance from the hand-written loop is made of
// (docs/performance.md, "sixteenth session"): the hand-written loop of
// HandWrittenCloud.h beside the same probe objectives computed the ways
// slac keeps its counts, one way at a time, all in GCC's code, so that
// what each way costs is measured apart from the JIT's code:
//
//   hand             the hand-written loop, columns of one byte per `ok`
//   batches          the same loop over slac's batches (4096 rows, 64-bit
//                    cells)
//   slices kept      every minute's count and verdict kept to the end (an
//                    8-bit count, a verdict bit and a touched bit, as
//                    SliceRun), each hour's counts in an array by hour,
//                    the months judged at the end from the bits with the
//                    maintenance calendar as a mask, as slac's core does;
//                    a minute found by division, the hour's counts added
//                    in memory by each probe
//   then, in turn: the minute found by comparing with its start (no
//   division); the hour's counts in registers until the hour ends; both;
//   and the kernel's way, the hour's counts on the stack (a read-modify-
//   write of a fixed address by each probe, as the kernel's pending
//   counters), with and without the division; and the hand-written loop's
//   way with slices kept, each finished minute's verdict added to its
//   month at once instead of kept as bits.
//   hot minute       slices kept as in "both", but each probe compared
//                    once, with its minute (which lies in its hour and
//                    month), as the hand-written loop compares it; the
//                    first probe of the next minute steps to it, any
//                    other goes the whole way ("seventeenth session").
//
//   cloud_layouts PROBES.csv MAINTENANCE.csv AT_UNIX_SECONDS [ROUNDS]
//
// Every variant's report is compared with the hand-written loop's first
// (exit 1 when one differs); then each round prints the least of seven
// runs of every variant, in ms.
#include "HandWrittenCloud.h"

#include <chrono>
#include <functional>

namespace {

using namespace handwritten;

using Maintenance = std::vector<std::pair<std::int64_t, std::int64_t>>;

// The hand-written loop runs first, on the same probes, and stops at a bad
// line with its number; what it does not check stops here.
[[noreturn]] void stop(const char* message) {
  std::fprintf(stderr, "cloud_layouts: %s\n", message);
  std::exit(1);
}

struct Batch {
  std::vector<std::int64_t> time, ok;
};

std::vector<Batch> batchesOf(const Probes& probes) {
  constexpr std::size_t kRows = 4096; // EngineBenchmark.cpp's kBatchRows
  std::vector<Batch> batches;
  for (std::size_t first = 0; first < probes.time.size(); first += kRows) {
    Batch& batch = batches.emplace_back();
    for (std::size_t i = first; i < std::min(probes.time.size(), first + kRows); ++i) {
      batch.time.push_back(probes.time[i]);
      batch.ok.push_back(probes.ok[i]);
    }
  }
  return batches;
}

// HandWrittenCloud.h's loop, over batches.
Report evaluateBatches(const std::vector<Batch>& batches, const Maintenance& off,
                       const Windows& windows, std::int64_t at) {
  std::vector<ProbeColumns<std::int64_t>> chunks;
  for (const Batch& batch : batches)
    chunks.push_back({batch.time.data(), batch.ok.data(), batch.time.size()});
  return evaluateColumns(chunks, "batches", off, windows, at);
}

// The index of the window of `starts` (ascending starts, then the last
// end) that holds t, which lies in one.
template <typename Starts> std::size_t windowHolding(const Starts& starts, std::int64_t t) {
  return static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), t) -
                                  starts.begin() - 1);
}

// What slac keeps of the probe objectives' slices to the end: each
// minute's 8-bit count of `ok`, whether it held (at least two) and whether
// it had probes (as SliceRun); each hour's counts. The year is judged from
// them as the core judges slices: the maintenance calendar as bits
// (minutes starting in it), the good minutes of a month counted a word at
// a time.
struct KeptSlices {
  std::int64_t origin;
  std::size_t minutes, hours;
  std::vector<std::uint64_t> held, touched;
  std::vector<std::uint8_t> minuteOks;
  std::vector<std::int64_t> hourOks, hourTotals;

  explicit KeptSlices(const Windows& windows)
      : origin(windows.months[0]),
        minutes(static_cast<std::size_t>((windows.months[12] - origin) / kMinute)),
        hours(minutes / 60), held((minutes + 63) / 64), touched((minutes + 63) / 64),
        minuteOks(minutes), hourOks(hours), hourTotals(hours) {}

  // Adds a minute's count to what it has; its sum.
  unsigned addMinute(std::int64_t minute, std::int64_t ok) {
    const unsigned sum = minuteOks[minute] + static_cast<unsigned>(ok);
    if (sum > 255)
      stop("a minute with 256 probes");
    minuteOks[minute] = static_cast<std::uint8_t>(sum);
    return sum;
  }

  void keepVerdict(std::int64_t minute, unsigned ok) {
    const std::uint64_t bit = std::uint64_t{1} << (minute % 64);
    held[minute / 64] = ok >= 2 ? held[minute / 64] | bit : held[minute / 64] & ~bit;
    touched[minute / 64] |= bit;
  }

  void addHour(std::int64_t hour, std::int64_t ok, std::int64_t total) {
    if (hour >= 0) {
      hourOks[hour] += ok;
      hourTotals[hour] += total;
    }
  }

  // The report but the probe counts; the good minutes from the verdicts
  // unless `folded` has them.
  void judge(const Maintenance& off, const Windows& windows, std::int64_t earliest,
             const std::array<std::int64_t, 12>* folded, Report& report) const {
    report.worstHour.assign(365, {0, 0});
    std::vector<std::uint64_t> open(held.size(), ~std::uint64_t{0});
    for (const auto& [start, end] : off)
      for (std::int64_t m = std::max<std::int64_t>(0, (start - origin + kMinute - 1) / kMinute);
           m < std::min<std::int64_t>(static_cast<std::int64_t>(minutes),
                                      (end - origin + kMinute - 1) / kMinute);
           ++m)
        open[m / 64] &= ~(std::uint64_t{1} << (m % 64));
    if (earliest != INT64_MAX) {
      report.firstMonth = windowHolding(windows.months, earliest);
      report.firstDay = windowHolding(windows.days, earliest);
    }
    for (std::size_t m = 0; m < 12; ++m) {
      if (folded) {
        report.goodMinutes[m] = (*folded)[m];
        continue;
      }
      auto first = static_cast<std::size_t>((windows.months[m] - origin) / kMinute);
      auto last = static_cast<std::size_t>((windows.months[m + 1] - origin) / kMinute);
      std::int64_t good = 0;
      for (std::size_t x = first; x < last;) {
        const std::uint64_t word = held[x / 64] & touched[x / 64] & open[x / 64];
        if (x % 64 == 0 && x + 64 <= last) {
          good += __builtin_popcountll(word);
          x += 64;
        } else {
          good += (word >> (x % 64)) & 1;
          ++x;
        }
      }
      report.goodMinutes[m] = good;
    }
    std::size_t day = 0;
    for (std::size_t h = 0; h < hours; ++h) {
      while (origin + static_cast<std::int64_t>(h) * kHour >= windows.days[day + 1])
        ++day;
      const std::size_t firstMinute = h * 60;
      if (hourTotals[h] == 0 || !((open[firstMinute / 64] >> (firstMinute % 64)) & 1))
        continue;
      auto& worst = report.worstHour[day];
      if (worst.second == 0 || hourOks[h] * worst.second < worst.first * hourTotals[h])
        worst = {hourOks[h], hourTotals[h]};
    }
  }
};

// The month the probes since its start lie in, and how many: the months'
// probe counts are added by runs of probes in one month, as the kernel's
// hot range adds them.
struct ProbeMonth {
  std::int64_t start = 0, end = 0, count = 0;
  std::size_t month = 0;

  bool holds(std::int64_t t) const {
    return static_cast<std::uint64_t>(t - start) < static_cast<std::uint64_t>(end - start);
  }
  // Hands the count to the report and moves to t's month; false, and no
  // move, for a probe after `at`.
  bool moveTo(std::int64_t t, std::int64_t at, const Windows& windows, Report& report) {
    close(report);
    if (t > at)
      return false;
    if (t < windows.months[0] || t >= windows.months[12])
      stop("a probe outside 2026 (Europe/Berlin)");
    month = windowHolding(windows.months, t);
    start = windows.months[month];
    end = std::min(windows.months[month + 1], at + 1);
    return true;
  }
  void close(Report& report) {
    report.probes[month] += count;
    count = 0;
  }
};

// The hour counted apart until a probe of another hour.
struct PendingHour {
  std::int64_t hour = -1, start = INT64_MIN / 2, ok = 0, total = 0;

  bool holds(std::int64_t t) const { return static_cast<std::uint64_t>(t - start) < kHour; }
  void moveTo(std::int64_t t, KeptSlices& kept) {
    close(kept);
    hour = (t - kept.origin) / kHour;
    start = kept.origin + hour * kHour;
    ok = total = 0;
  }
  void close(KeptSlices& kept) const { kept.addHour(hour, ok, total); }
};

enum class MinuteBy { Division, Start };
enum class HourCounts { InMemory, OnTheStack, InRegisters };
enum class Months { FromBits, FoldedInOrder };

// The probe objectives with every minute's and hour's counts kept, as slac
// keeps slices (see the top of the file). Probes outside 2026 (Berlin) or
// after `at` are skipped; the months' probe counts are added by runs of
// probes in one month, as the kernel's hot range does, and the earliest
// probe is kept as the kernel keeps an agreement's first event.
template <MinuteBy minuteBy, HourCounts hourCounts, Months months>
Report evaluateSlices(const std::vector<Batch>& batches, const Maintenance& off,
                      const Windows& windows, std::int64_t at) {
  KeptSlices kept(windows);
  const std::int64_t origin = kept.origin;
  // The minute counted apart, and (unless in memory) the hour.
  std::int64_t minute = -1, minuteStart = INT64_MIN / 2, minuteOk = 0;
  PendingHour hour;
  ProbeMonth month;
  std::size_t foldCursor = 0, foldMonth = 0;
  std::int64_t earliest = INT64_MAX;
  std::array<std::int64_t, 12> folded{};
  Report report;
  auto flushMinute = [&] {
    if (minute < 0)
      return;
    const unsigned ok = kept.addMinute(minute, minuteOk);
    if (months == Months::FoldedInOrder) {
      const std::int64_t start = origin + minute * kMinute;
      while (foldCursor < off.size() && off[foldCursor].second <= start)
        ++foldCursor;
      while (start >= windows.months[foldMonth + 1])
        ++foldMonth;
      folded[foldMonth] += ok >= 2 && !(foldCursor < off.size() && off[foldCursor].first <= start);
    } else {
      kept.keepVerdict(minute, ok);
    }
    minuteOk = 0;
  };
  for (const Batch& batch : batches) {
    const std::int64_t* times = batch.time.data();
    const std::int64_t* oks = batch.ok.data();
    for (std::size_t i = 0; i < batch.time.size(); ++i) {
      const std::int64_t t = times[i];
      if (!month.holds(t) && !month.moveTo(t, at, windows, report))
        continue;
      if (minuteBy == MinuteBy::Division) {
        const std::int64_t index = (t - origin) / kMinute;
        if (index != minute) {
          flushMinute();
          minute = index;
        }
      } else if (static_cast<std::uint64_t>(t - minuteStart) >= kMinute) {
        flushMinute();
        minute = (t - origin) / kMinute;
        minuteStart = origin + minute * kMinute;
      }
      const std::int64_t ok = oks[i];
      minuteOk += ok;
      if (hourCounts == HourCounts::InMemory) {
        const auto index = static_cast<std::size_t>((t - origin) / kHour);
        kept.hourOks[index] += ok;
        ++kept.hourTotals[index];
      } else {
        if (!hour.holds(t))
          hour.moveTo(t, kept);
        if (hourCounts == HourCounts::OnTheStack) {
          // In assembly: GCC would keep the counts in registers.
          asm volatile("addq %1, %0" : "+m"(hour.ok) : "r"(ok));
          asm volatile("addq $1, %0" : "+m"(hour.total));
        } else {
          hour.ok += ok;
          ++hour.total;
        }
      }
      ++month.count;
      earliest = std::min(earliest, t);
    }
  }
  flushMinute();
  hour.close(kept);
  month.close(report);
  kept.judge(off, windows, earliest, months == Months::FoldedInOrder ? &folded : nullptr, report);
  return report;
}

// Slices kept as evaluateSlices<Start, InRegisters, FromBits> keeps them,
// but every probe compared once, with a hot range: the probe's minute (and
// so its hour and month, whose bounds are whole minutes), from the earliest
// probe so far, up to `at`. A probe in it adds to counts in registers; the
// first probe of the next minute, in the same hour and month, moves the
// range to that minute (a third of the probes here); any other takes the
// whole path of a probe in evaluateSlices and narrows the range again. Out
// of time order nothing is refused: such a probe misses the range.
Report evaluateHotMinute(const std::vector<Batch>& batches, const Maintenance& off,
                         const Windows& windows, std::int64_t at) {
  KeptSlices kept(windows);
  const std::int64_t origin = kept.origin;
  std::int64_t minute = -1, minuteStart = INT64_MIN / 2, minuteOk = 0;
  PendingHour hour;
  ProbeMonth month;
  std::int64_t earliest = INT64_MAX;
  // [hotStart, hotStart + hotLength) and the probes counted in it since
  // the last miss, whose count every total still lacks.
  std::int64_t hotStart = 0, hotLength = 0, hot = 0;
  Report report;
  auto flushMinute = [&] {
    if (minute >= 0)
      kept.keepVerdict(minute, kept.addMinute(minute, minuteOk));
    minuteOk = 0;
  };
  for (const Batch& batch : batches) {
    const std::int64_t* times = batch.time.data();
    const std::int64_t* oks = batch.ok.data();
    for (std::size_t i = 0; i < batch.time.size(); ++i) {
      const std::int64_t t = times[i];
      const std::int64_t ok = oks[i];
      if (static_cast<std::uint64_t>(t - hotStart) < static_cast<std::uint64_t>(hotLength)) {
        minuteOk += ok;
        hour.ok += ok;
        ++hot;
        continue;
      }
      hour.total += hot;
      month.count += hot;
      hot = 0;
      // In time order: the next minute, whole in the hour and the month.
      const std::int64_t next = minuteStart + kMinute;
      if (static_cast<std::uint64_t>(t - next) < kMinute &&
          next + kMinute <= std::min(hour.start + kHour, month.end)) {
        flushMinute();
        ++minute;
        minuteStart = next;
        hotStart = next;
        hotLength = kMinute;
        minuteOk = ok;
        hour.ok += ok;
        ++hour.total;
        ++month.count;
        continue;
      }
      if (!month.holds(t) && !month.moveTo(t, at, windows, report))
        continue;
      if (static_cast<std::uint64_t>(t - minuteStart) >= kMinute) {
        flushMinute();
        minute = (t - origin) / kMinute;
        minuteStart = origin + minute * kMinute;
      }
      if (!hour.holds(t))
        hour.moveTo(t, kept);
      minuteOk += ok;
      hour.ok += ok;
      ++hour.total;
      ++month.count;
      earliest = std::min(earliest, t);
      hotStart = std::max(minuteStart, earliest);
      hotLength = std::min(minuteStart + kMinute, month.end) - hotStart;
    }
  }
  hour.total += hot;
  month.count += hot;
  flushMinute();
  hour.close(kept);
  month.close(report);
  kept.judge(off, windows, earliest, nullptr, report);
  return report;
}

bool sameReport(const Report& a, const Report& b) {
  return a.goodMinutes == b.goodMinutes && a.probes == b.probes && a.worstHour == b.worstHour &&
         a.firstMonth == b.firstMonth && a.firstDay == b.firstDay;
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 4 || argc > 5) {
    std::fprintf(stderr,
                 "usage: cloud_layouts PROBES.csv MAINTENANCE.csv AT_UNIX_SECONDS [ROUNDS]\n");
    return 2;
  }
  const std::int64_t at = std::strtoll(argv[3], nullptr, 10) * kSecond;
  const int rounds = argc == 5 ? std::atoi(argv[4]) : 5;
  const Windows windows;
  const Maintenance off = maintenance(argv[2]);
  const Probes probes = readProbes(argv[1]);
  const std::vector<Batch> batches = batchesOf(probes);
  using Variant = std::function<Report()>;
  auto slices = [&](auto evaluate) {
    return Variant([&, evaluate] { return evaluate(batches, off, windows, at); });
  };
  using enum MinuteBy;
  using enum HourCounts;
  using enum Months;
  const std::vector<std::pair<const char*, Variant>> variants = {
      {"hand", [&] { return evaluate(probes, off, windows, at); }},
      {"batches", [&] { return evaluateBatches(batches, off, windows, at); }},
      {"slices kept", slices(evaluateSlices<Division, InMemory, FromBits>)},
      {"minute by start", slices(evaluateSlices<Start, InMemory, FromBits>)},
      {"hour in registers", slices(evaluateSlices<Division, InRegisters, FromBits>)},
      {"both", slices(evaluateSlices<Start, InRegisters, FromBits>)},
      {"hour on the stack", slices(evaluateSlices<Division, OnTheStack, FromBits>)},
      {"on the stack, by start", slices(evaluateSlices<Start, OnTheStack, FromBits>)},
      {"both, months folded", slices(evaluateSlices<Start, InRegisters, FoldedInOrder>)},
      {"hot minute", slices(evaluateHotMinute)},
  };
  const Report expected = variants.front().second();
  for (const auto& [name, variant] : variants)
    if (!sameReport(variant(), expected)) {
      std::fprintf(stderr, "cloud_layouts: %s differs from the hand-written loop\n", name);
      return 1;
    }
  for (std::size_t v = 0; v < variants.size(); ++v)
    std::printf("%s%s", v == 0 ? "" : "\t", variants[v].first);
  std::printf("\n");
  for (int round = 0; round < rounds; ++round) {
    for (std::size_t v = 0; v < variants.size(); ++v) {
      double least = 1e300;
      for (int run = 0; run < 7; ++run) {
        auto start = std::chrono::steady_clock::now();
        variants[v].second();
        least = std::min(least, std::chrono::duration<double, std::milli>(
                                    std::chrono::steady_clock::now() - start)
                                    .count());
      }
      std::printf("%s%.2f", v == 0 ? "" : "\t", least);
    }
    std::printf("\n");
    std::fflush(stdout);
  }
  return 0;
}
