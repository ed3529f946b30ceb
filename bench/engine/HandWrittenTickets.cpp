// The practical limit for the ticket workload: examples/msp-support.sla
// written by hand for exactly that agreement and the shape of the generated
// tickets (bench/engine/generate.py): one pass over parsed columns, exact
// integer microseconds, the office calendar of 2026 as a sorted table of
// intervals with prefix sums of open time.
//
//   hand_written_tickets FILE.csv AT_UNIX_SECONDS [--timing]
//
// prints one line per objective, closed window and customer:
//   OBJECTIVE WINDOW GROUP STATUS GOOD DECIDED PENDING   (the ratios)
//   p1_wait WINDOW GROUP STATUS MAX_MICROS|- PENDING
// which bench/engine/check-hand-written.py compares with `slac eval --format
// json`. With --timing it prints on stderr, as JSON, the time of reading and
// evaluating the file once and the median of five evaluations over the
// columns already in memory (in ms).
//
// Left out: remedies, caps and termination (the report's money side), and
// the checks slac makes on its input (this reader accepts only the generated
// shape: times as `YYYY-MM-DDTHH:MM:SSZ` inside 2026, Europe/Berlin).
#include "HandWrittenFiles.h"
#include "HandWrittenTime.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace {

using namespace handwritten;

constexpr std::int64_t kUnset = INT64_MIN;

[[noreturn]] void fail(const char* file, std::size_t line, const char* message) {
  std::fprintf(stderr, "hand_written_tickets: %s:%zu: %s\n", file, line, message);
  std::exit(1);
}

// The office calendar of examples/msp-support.sla: intervals in UTC with the
// open time before each.
struct OfficeHours {
  std::vector<std::int64_t> start, end, openBefore;

  OfficeHours() {
    const std::int64_t first = daysFromCivil(2025, 12, 1), last = daysFromCivil(2027, 2, 1);
    std::vector<std::int64_t> closed = {
        // bavaria.feiertage_2026
        daysFromCivil(2026, 1, 1), daysFromCivil(2026, 1, 6), daysFromCivil(2026, 4, 3),
        daysFromCivil(2026, 4, 6), daysFromCivil(2026, 5, 1), daysFromCivil(2026, 5, 14),
        daysFromCivil(2026, 5, 25), daysFromCivil(2026, 6, 4), daysFromCivil(2026, 8, 15),
        daysFromCivil(2026, 10, 3), daysFromCivil(2026, 11, 1), daysFromCivil(2026, 12, 25),
        daysFromCivil(2026, 12, 26),
        // company_days
        daysFromCivil(2026, 6, 19), daysFromCivil(2026, 5, 15)};
    for (unsigned day = 24; day <= 31; ++day)
      closed.push_back(daysFromCivil(2026, 12, day));
    std::int64_t open = 0;
    auto add = [&](std::int64_t day, std::int64_t from, std::int64_t to) {
      start.push_back(berlinToUtc(day, from));
      end.push_back(berlinToUtc(day, to));
      openBefore.push_back(open);
      open += end.back() - start.back();
    };
    for (std::int64_t day = first; day < last; ++day) {
      if (day == daysFromCivil(2026, 12, 29)) {
        add(day, 9 * kHour, 12 * kHour); // the skeleton crew
        continue;
      }
      if (weekday(day) >= 5 || std::find(closed.begin(), closed.end(), day) != closed.end())
        continue;
      add(day, 8 * kHour, 12 * kHour);
      add(day, 13 * kHour, 17 * kHour);
    }
  }

  // The last interval starting at or before t (-1 if none), searching
  // forward from a hint at or before it.
  std::ptrdiff_t locate(std::int64_t t, std::ptrdiff_t hint) const {
    if (hint < 0 || start[static_cast<std::size_t>(hint)] > t)
      return std::upper_bound(start.begin(), start.end(), t) - start.begin() - 1;
    auto k = static_cast<std::size_t>(hint);
    while (k + 1 < start.size() && start[k + 1] <= t)
      ++k;
    return static_cast<std::ptrdiff_t>(k);
  }
  bool contains(std::int64_t t, std::ptrdiff_t k) const {
    return k >= 0 && t < end[static_cast<std::size_t>(k)];
  }
  // Open time before t.
  std::int64_t openUntil(std::int64_t t, std::ptrdiff_t k) const {
    if (k < 0)
      return 0;
    auto i = static_cast<std::size_t>(k);
    return openBefore[i] + std::min(t, end[i]) - start[i];
  }
  std::int64_t elapsed(std::int64_t a, std::ptrdiff_t ka, std::int64_t b) const {
    return openUntil(b, locate(b, ka)) - openUntil(a, ka);
  }
  // The earliest t with elapsed(a, t) == d (d > 0).
  std::int64_t deadline(std::int64_t a, std::ptrdiff_t ka, std::int64_t d) const {
    std::int64_t target = openUntil(a, ka) + d;
    auto k = static_cast<std::size_t>(std::max<std::ptrdiff_t>(ka, 0));
    while (openBefore[k] + end[k] - start[k] < target)
      ++k;
    return start[k] + target - openBefore[k];
  }
};

// The parsed columns the evaluation reads (the others are skipped).
struct Tickets {
  const char* path = "";
  std::vector<std::string> customers; // dense id -> name
  std::vector<std::uint32_t> customer;
  std::vector<std::uint8_t> priority; // 0 = P1
  std::vector<std::int64_t> opened, responded, resolved;
};

std::int64_t parseTime(const char* path, const char* p, const char* fieldEnd, std::size_t line) {
  if (fieldEnd == p)
    return kUnset;
  if (fieldEnd - p != 20 || p[4] != '-' || p[10] != 'T' || p[19] != 'Z')
    fail(path, line, "expected a time YYYY-MM-DDTHH:MM:SSZ");
  auto digits = [&](int at, int count) {
    std::int64_t value = 0;
    for (int i = at; i < at + count; ++i) {
      if (p[i] < '0' || p[i] > '9')
        fail(path, line, "expected a digit in a time");
      value = value * 10 + (p[i] - '0');
    }
    return value;
  };
  std::int64_t days = daysFromCivil(digits(0, 4), static_cast<unsigned>(digits(5, 2)),
                                    static_cast<unsigned>(digits(8, 2)));
  return days * kDay + digits(11, 2) * kHour + digits(14, 2) * kMinute + digits(17, 2) * kSecond;
}

Tickets readCsv(const char* path) {
  const std::string text = readFile(path);
  Tickets tickets;
  tickets.path = path;
  std::map<std::string, std::uint32_t, std::less<>> ids;
  const char* p = text.data();
  const char* const textEnd = p + text.size();
  p = static_cast<const char*>(std::memchr(p, '\n', text.size()));
  if (!p)
    fail(path, 1, "no header");
  ++p;
  std::size_t line = 1;
  std::string_view lastCustomer;
  std::uint32_t lastId = 0;
  while (p < textEnd) {
    ++line;
    const char* lineEnd = static_cast<const char*>(std::memchr(p, '\n', textEnd - p));
    if (!lineEnd)
      lineEnd = textEnd;
    const char* fields[9];
    fields[0] = p;
    int count = 1;
    for (const char* q = p; q < lineEnd && count < 9; ++q)
      if (*q == ',')
        fields[count++] = q + 1;
    if (count != 8)
      fail(path, line, "expected 8 fields");
    fields[8] = lineEnd + 1;
    auto fieldEnd = [&](int i) { return fields[i + 1] - 1; };
    std::string_view name(fields[1], static_cast<std::size_t>(fieldEnd(1) - fields[1]));
    if (name != lastCustomer) {
      auto found = ids.find(name);
      if (found == ids.end()) {
        found = ids.emplace(std::string(name), static_cast<std::uint32_t>(ids.size())).first;
        tickets.customers.emplace_back(name);
      }
      lastCustomer = name;
      lastId = found->second;
    }
    tickets.customer.push_back(lastId);
    if (fieldEnd(2) - fields[2] != 2 || fields[2][0] != 'P' || fields[2][1] < '1' ||
        fields[2][1] > '4')
      fail(path, line, "expected a priority P1-P4");
    tickets.priority.push_back(static_cast<std::uint8_t>(fields[2][1] - '1'));
    tickets.opened.push_back(parseTime(path, fields[4], fieldEnd(4), line));
    if (tickets.opened.back() == kUnset)
      fail(path, line, "opened is not set");
    tickets.responded.push_back(parseTime(path, fields[5], fieldEnd(5), line));
    tickets.resolved.push_back(parseTime(path, fields[6], fieldEnd(6), line));
    p = lineEnd + 1;
  }
  return tickets;
}

struct Ratio {
  std::int64_t good = 0, decided = 0, pending = 0;
  void add(int outcome) { // 1 in time, 0 late, -1 pending
    if (outcome < 0) {
      ++pending;
    } else {
      good += outcome;
      ++decided;
    }
  }
};
struct Maximum {
  std::int64_t value = kUnset;
};

// Per customer: month 0-11 and quarter 0-3 of 2026 in Europe/Berlin.
struct Accumulators {
  std::vector<std::array<Ratio, 12>> response, resolution;
  std::vector<std::array<Ratio, 4>> afterHours, p1Response;
  std::vector<std::array<Maximum, 12>> p1Wait;
  std::size_t firstMonth = 12;
};

std::array<std::int64_t, 13> monthStarts() {
  std::array<std::int64_t, 13> starts{};
  for (unsigned month = 0; month <= 12; ++month)
    starts[month] =
        berlinToUtc(month == 12 ? daysFromCivil(2027, 1, 1) : daysFromCivil(2026, month + 1, 1), 0);
  return starts;
}

Accumulators evaluate(const Tickets& tickets, const OfficeHours& office, std::int64_t at) {
  static const std::array<std::int64_t, 13> months = monthStarts();
  Accumulators result;
  std::size_t groups = tickets.customers.size();
  result.response.resize(groups);
  result.resolution.resize(groups);
  result.afterHours.resize(groups);
  result.p1Response.resize(groups);
  result.p1Wait.resize(groups);
  static constexpr std::int64_t kResponseTarget[4] = {30 * kMinute, kHour, 4 * kHour, 8 * kHour};
  static constexpr std::int64_t kResolutionTarget[4] = {4 * kHour, 8 * kHour, 24 * kHour,
                                                        40 * kHour};
  std::ptrdiff_t cursor = -1;
  std::size_t month = 0;
  for (std::size_t i = 0; i < tickets.opened.size(); ++i) {
    const std::int64_t opened = tickets.opened[i];
    if (opened > at)
      continue;
    if (opened < months[0] || opened >= months[12])
      fail(tickets.path, i + 2, "opened outside 2026 (Europe/Berlin)");
    if (opened < months[month] || opened >= months[month + 1])
      month = static_cast<std::size_t>(std::upper_bound(months.begin(), months.end(), opened) -
                                       months.begin() - 1);
    result.firstMonth = std::min(result.firstMonth, month);
    cursor = office.locate(opened, cursor);
    const int priority = tickets.priority[i];
    const bool p1 = priority == 0;
    // A time after `at` is not known yet.
    const std::int64_t responded = tickets.responded[i] > at ? kUnset : tickets.responded[i];
    const std::int64_t resolved = tickets.resolved[i] > at ? kUnset : tickets.resolved[i];
    if ((responded != kUnset && responded < opened) || (resolved != kUnset && resolved < opened))
      fail(tickets.path, i + 2, "a time before opened");

    const std::int64_t due = p1 ? opened + kResponseTarget[0]
                                : office.deadline(opened, cursor, kResponseTarget[priority]);
    const int respondedInTime = responded != kUnset ? responded <= due : due <= at ? 0 : -1;
    const std::int64_t resolutionTarget = kResolutionTarget[priority];
    auto elapsed = [&](std::int64_t until) {
      return p1 ? until - opened : office.elapsed(opened, cursor, until);
    };
    const int resolvedInTime = resolved != kUnset ? elapsed(resolved) <= resolutionTarget
                               : elapsed(at) > resolutionTarget ? 0
                                                                : -1;

    const std::uint32_t group = tickets.customer[i];
    const std::size_t quarter = month / 3;
    if (office.contains(opened, cursor))
      result.response[group][month].add(respondedInTime);
    else
      result.afterHours[group][quarter].add(respondedInTime);
    result.resolution[group][month].add(resolvedInTime);
    if (p1) {
      result.p1Response[group][quarter].add(respondedInTime);
      if (responded != kUnset) {
        std::int64_t& slowest = result.p1Wait[group][month].value;
        slowest = std::max(slowest, responded - opened);
      }
    }
  }
  return result;
}

void printReport(const Tickets& tickets, const Accumulators& result, std::int64_t at) {
  static const std::array<std::int64_t, 13> months = monthStarts();
  std::vector<std::uint32_t> order(tickets.customers.size());
  for (std::uint32_t g = 0; g < order.size(); ++g)
    order[g] = g;
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return tickets.customers[a] < tickets.customers[b];
  });
  auto ratio = [&](const char* objective, const std::string& window, std::uint32_t g,
                   const Ratio& r, std::int64_t targetPercent) {
    const char* status = r.pending > 0                                                 ? "pending"
                         : r.decided == 0 || r.good * 100 >= targetPercent * r.decided ? "met"
                                                                                       : "breached";
    std::printf("%s %s %s %s %lld %lld %lld\n", objective, window.c_str(),
                tickets.customers[g].c_str(), status, static_cast<long long>(r.good),
                static_cast<long long>(r.decided), static_cast<long long>(r.pending));
  };
  for (std::size_t m = result.firstMonth; m < 12 && months[m + 1] <= at; ++m) {
    char label[16];
    std::snprintf(label, sizeof label, "2026-%02zu", m + 1);
    for (std::uint32_t g : order) {
      ratio("response", label, g, result.response[g][m], 95);
      ratio("resolution", label, g, result.resolution[g][m], 90);
      std::int64_t slowest = result.p1Wait[g][m].value;
      if (slowest == kUnset)
        std::printf("p1_wait %s %s met - 0\n", label, tickets.customers[g].c_str());
      else
        std::printf("p1_wait %s %s %s %lld 0\n", label, tickets.customers[g].c_str(),
                    slowest <= kHour ? "met" : "breached", static_cast<long long>(slowest));
    }
  }
  for (std::size_t q = result.firstMonth / 3; q < 4 && months[3 * q + 3] <= at; ++q) {
    char label[16];
    std::snprintf(label, sizeof label, "2026-Q%zu", q + 1);
    for (std::uint32_t g : order) {
      ratio("response_after_hours", label, g, result.afterHours[g][q], 90);
      ratio("p1_response", label, g, result.p1Response[g][q], 95);
    }
  }
}

double millisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4 || (argc == 4 && std::strcmp(argv[3], "--timing") != 0)) {
    std::fprintf(stderr, "usage: hand_written_tickets FILE.csv AT_UNIX_SECONDS [--timing]\n");
    return 2;
  }
  const std::int64_t at = std::strtoll(argv[2], nullptr, 10) * kSecond;
  auto start = std::chrono::steady_clock::now();
  const OfficeHours office;
  const Tickets tickets = readCsv(argv[1]);
  Accumulators result = evaluate(tickets, office, at);
  const double fromCsv = millisecondsSince(start);
  printReport(tickets, result, at);
  if (argc == 4) {
    std::vector<double> times;
    for (int run = 0; run < 5; ++run) {
      start = std::chrono::steady_clock::now();
      Accumulators again = evaluate(tickets, office, at);
      times.push_back(millisecondsSince(start));
      if (again.firstMonth != result.firstMonth)
        return 1;
    }
    std::sort(times.begin(), times.end());
    std::fprintf(stderr, "{\"fromCsv\": %.3f, \"inMemory\": %.3f}\n", fromCsv, times[2]);
  }
  return 0;
}
