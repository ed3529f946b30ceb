#include "CalendarTestSupport.h"

#include "parse/Literals.h"

namespace slac::calendar::testing {

Instant at(const std::string& rfc3339) {
  auto decoded = parse::decodeDateTime(rfc3339);
  if (!decoded.ok()) {
    ADD_FAILURE() << rfc3339 << ": " << decoded.error();
    return 0;
  }
  return decoded.value().epochMicros;
}

std::chrono::sys_days day(const std::string& isoDate) {
  auto decoded = parse::decodeDate(isoDate);
  if (!decoded.ok()) {
    ADD_FAILURE() << isoDate << ": " << decoded.error();
    return {};
  }
  const values::CivilDate& civil = decoded.value();
  return std::chrono::year_month_day(std::chrono::year(civil.year), std::chrono::month(civil.month),
                                     std::chrono::day(civil.day));
}

CalendarSpec weekdays(const std::string& zone, std::vector<LocalInterval> intervals) {
  CalendarSpec spec;
  spec.zone = zone;
  for (std::size_t weekday = 0; weekday < 5; ++weekday)
    spec.weekly[weekday] = intervals;
  return spec;
}

Calendar prepareOrFail(const CalendarSpec& spec, Instant from, Instant to) {
  CalendarResult<Calendar> prepared = Calendar::prepare(spec, from, to);
  if (auto* problem = std::get_if<CalendarError>(&prepared)) {
    ADD_FAILURE() << problem->message;
    CalendarSpec always;
    always.always = true;
    return std::get<Calendar>(Calendar::prepare(always, from, to));
  }
  return std::move(std::get<Calendar>(prepared));
}

} // namespace slac::calendar::testing
