#include "lower/CalendarLowering.h"

#include "modules/Lookup.h"

namespace slac::lower {

namespace {

std::chrono::sys_days toSysDays(const ast::CivilDate& date) {
  return std::chrono::year_month_day(std::chrono::year(date.year), std::chrono::month(date.month),
                                     std::chrono::day(date.day));
}

class Lowering {
public:
  Lowering(const modules::Module& module, DiagnosticEngine& diagnostics)
      : module_(module), diagnostics_(diagnostics) {}

  std::optional<calendar::CalendarSpec> lower(const ast::CalendarDecl& decl) {
    for (const ast::CalendarItem& item : decl.items)
      std::visit([&](const auto& concrete) { add(concrete); }, item);
    if (failed_)
      return std::nullopt;
    return std::move(spec_);
  }

private:
  void add(const ast::ZoneItem& item) { spec_.zone = item.zone.value; }
  void add(const ast::AlwaysItem&) { spec_.always = true; }
  void add(const ast::WeeklyHoursItem& item) {
    std::vector<calendar::LocalInterval> intervals = lowerIntervals(item.intervals);
    for (std::size_t day = 0; day < 7; ++day)
      if (item.days & (1u << day))
        spec_.weekly[day].insert(spec_.weekly[day].end(), intervals.begin(), intervals.end());
  }
  void add(const ast::ClosedItem& item) {
    for (const auto& entry : item.entries) {
      if (const auto* dates = std::get_if<ast::ClosedDates>(&entry)) {
        for (auto day = toSysDays(dates->first); day <= toSysDays(dates->last);
             day += std::chrono::days(1))
          spec_.closedDates.push_back(day);
        continue;
      }
      const auto& reference = std::get<ast::QualifiedName>(entry);
      const auto* holidays = modules::findDeclaration<ast::HolidaysDecl>(module_, reference);
      if (!holidays) {
        diagnostics_.report(DiagnosticKind::UnknownHolidays, reference.range, reference.spelling());
        failed_ = true;
        continue;
      }
      for (const ast::Holiday& holiday : holidays->holidays)
        spec_.closedDates.push_back(toSysDays(holiday.date));
    }
  }
  void add(const ast::OpenDateItem& item) {
    spec_.openDates.push_back({toSysDays(item.date), lowerIntervals(item.intervals)});
  }
  void add(const ast::WindowItem& item) {
    spec_.windows.push_back({item.from.epochMicros, item.to.epochMicros});
  }
  // Read when the calendar is evaluated (plan::CalendarFile).
  void add(const ast::CalendarFileItem&) {}
  void add(const ast::BusinessDayItem& item) { spec_.businessDay = item.micros; }

  static std::vector<calendar::LocalInterval>
  lowerIntervals(const std::vector<ast::TimeInterval>& written) {
    std::vector<calendar::LocalInterval> intervals;
    for (const ast::TimeInterval& interval : written)
      intervals.push_back({interval.start.minutes, interval.end.minutes});
    return intervals;
  }

  const modules::Module& module_;
  DiagnosticEngine& diagnostics_;
  calendar::CalendarSpec spec_;
  bool failed_ = false;
};

} // namespace

std::optional<calendar::CalendarSpec>
lowerCalendar(const modules::Module& module, std::string_view name, DiagnosticEngine& diagnostics) {
  const auto* decl = modules::findLocalDeclaration<ast::CalendarDecl>(module, name);
  if (!decl) {
    std::string declared;
    for (const ast::Decl* candidate : module.ast.declarations)
      if (isa<ast::CalendarDecl>(candidate))
        declared += (declared.empty() ? "; it declares `" : "`, `") + candidate->name.name;
    if (!declared.empty())
      declared += "`";
    diagnostics.report(DiagnosticKind::UnknownCalendar,
                       SourceRange::point(module.ast.file->locationAt(0)), name,
                       module.ast.file->name(), declared);
    return std::nullopt;
  }
  return Lowering(module, diagnostics).lower(*decl);
}

} // namespace slac::lower
