#include "check/CalendarChecks.h"

#include "values/Zones.h"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace slac::check {

namespace {

std::string spelling(const ast::TimeInterval& interval) {
  return interval.start.toString() + "-" + interval.end.toString();
}

class CalendarChecker {
public:
  explicit CalendarChecker(DiagnosticEngine& diagnostics) : diagnostics_(diagnostics) {}

  void check(const ast::CalendarDecl& calendar) {
    std::array<std::vector<const ast::TimeInterval*>, 7> weekly;
    const ast::ZoneItem* zone = nullptr;
    const ast::BusinessDayItem* businessDay = nullptr;
    for (const ast::CalendarItem& item : calendar.items) {
      if (const auto* zoneItem = std::get_if<ast::ZoneItem>(&item)) {
        checkOnce(zone, *zoneItem, "its `zone`");
        checkZone(*zoneItem);
      } else if (const auto* dayItem = std::get_if<ast::BusinessDayItem>(&item)) {
        checkOnce(businessDay, *dayItem, "how long a `business day` is");
      } else if (const auto* hours = std::get_if<ast::WeeklyHoursItem>(&item)) {
        for (const ast::TimeInterval& interval : hours->intervals)
          if (checkNotEmpty(interval))
            addWeekly(weekly, hours->days, interval);
      } else if (const auto* open = std::get_if<ast::OpenDateItem>(&item)) {
        std::vector<const ast::TimeInterval*> sameDate;
        for (const ast::TimeInterval& interval : open->intervals) {
          if (!checkNotEmpty(interval))
            continue;
          if (const ast::TimeInterval* other = overlapping(sameDate, interval))
            reportOverlap(interval, open->date.toString(), *other);
          else
            sameDate.push_back(&interval);
        }
      }
    }
  }

private:
  template <typename Item> void checkOnce(const Item*& first, const Item& item, const char* what) {
    if (first)
      diagnostics_.report(DiagnosticKind::RepeatedCalendarItem, item.range, what)
          .note(first->range, "first said here");
    else
      first = &item;
  }

  void checkZone(const ast::ZoneItem& item) { checkZoneName(item.zone, diagnostics_); }

  bool checkNotEmpty(const ast::TimeInterval& interval) {
    if (interval.start.minutes < interval.end.minutes)
      return true;
    diagnostics_.report(DiagnosticKind::EmptyTimeInterval, interval.range, spelling(interval));
    return false;
  }

  static const ast::TimeInterval* overlapping(const std::vector<const ast::TimeInterval*>& day,
                                              const ast::TimeInterval& interval) {
    auto found = std::find_if(day.begin(), day.end(), [&](const ast::TimeInterval* other) {
      return interval.start.minutes < other->end.minutes &&
             other->start.minutes < interval.end.minutes;
    });
    return found == day.end() ? nullptr : *found;
  }

  // Adds the interval to each of its days; an overlap is reported once per
  // interval it overlaps, naming all the days where it does.
  void addWeekly(std::array<std::vector<const ast::TimeInterval*>, 7>& weekly, ast::WeekdaySet days,
                 const ast::TimeInterval& interval) {
    std::vector<std::pair<const ast::TimeInterval*, ast::WeekdaySet>> overlaps;
    for (std::size_t day = 0; day < 7; ++day) {
      if (!(days & (1u << day)))
        continue;
      const ast::TimeInterval* other = overlapping(weekly[day], interval);
      if (!other) {
        weekly[day].push_back(&interval);
        continue;
      }
      auto known = std::find_if(overlaps.begin(), overlaps.end(),
                                [&](const auto& entry) { return entry.first == other; });
      if (known == overlaps.end())
        overlaps.push_back({other, static_cast<ast::WeekdaySet>(1u << day)});
      else
        known->second = static_cast<ast::WeekdaySet>(known->second | (1u << day));
    }
    for (const auto& [other, overlapDays] : overlaps)
      reportOverlap(interval, ast::weekdaySetSpelling(overlapDays), *other);
  }

  void reportOverlap(const ast::TimeInterval& interval, const std::string& when,
                     const ast::TimeInterval& other) {
    diagnostics_
        .report(DiagnosticKind::OverlappingHours, interval.range, spelling(interval), when,
                spelling(other))
        .note(other.range, "`{}` is declared here", spelling(other));
  }

  DiagnosticEngine& diagnostics_;
};

} // namespace

void checkZoneName(const ast::StringValue& zone, DiagnosticEngine& diagnostics) {
  if (!values::findZone(zone.value))
    diagnostics.report(DiagnosticKind::UnknownZone, zone.range, zone.value);
}

// Closed dates written in a calendar (not holiday sets, which cover years
// on purpose) should fall in some agreement's effective period: a date
// outside all of them is most likely a wrong year.
void checkClosedDates(const modules::Module& module, DiagnosticEngine& diagnostics) {
  std::vector<const ast::EffectiveItem*> periods;
  for (const ast::Decl* decl : module.ast.declarations)
    if (const auto* agreement = dyn_cast<ast::AgreementDecl>(decl))
      for (const ast::AgreementItem& item : agreement->items)
        if (const auto* effective = std::get_if<ast::EffectiveItem>(&item))
          periods.push_back(effective);
  if (periods.empty())
    return;
  std::string described;
  for (const ast::EffectiveItem* period : periods)
    described += fmt::format("{}{} to {}", described.empty() ? "" : ", ", period->from.toString(),
                             period->to.toString());
  for (const ast::Decl* decl : module.ast.declarations)
    if (const auto* calendar = dyn_cast<ast::CalendarDecl>(decl))
      for (const ast::CalendarItem& item : calendar->items)
        if (const auto* closed = std::get_if<ast::ClosedItem>(&item))
          for (const auto& entry : closed->entries) {
            const auto* dates = std::get_if<ast::ClosedDates>(&entry);
            if (!dates)
              continue;
            bool inside = std::any_of(periods.begin(), periods.end(), [&](const auto* period) {
              return !(dates->last < period->from) && !(period->to < dates->first);
            });
            if (!inside)
              diagnostics.report(DiagnosticKind::ClosedDateOutsideAgreements, dates->range,
                                 dates->first.toString(), described);
          }
}

void checkCalendars(const std::vector<const modules::Module*>& modules,
                    DiagnosticEngine& diagnostics) {
  CalendarChecker checker(diagnostics);
  for (const modules::Module* module : modules) {
    for (const ast::Decl* decl : module->ast.declarations)
      if (const auto* calendar = dyn_cast<ast::CalendarDecl>(decl))
        checker.check(*calendar);
    checkClosedDates(*module, diagnostics);
  }
}

} // namespace slac::check
