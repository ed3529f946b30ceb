#include "report/ValueFormat.h"

#include "calendar/Calendar.h"
#include "eval/ExprInterpreter.h"

#include <array>
#include <date/date.h>
#include <fmt/format.h>

namespace slac::report {

int minorUnitDigits(plan::CurrencyCode currency) {
  static constexpr std::array<std::pair<std::string_view, int>, 12> kExceptions{{
      {"JPY", 0},
      {"KRW", 0},
      {"ISK", 0},
      {"CLP", 0},
      {"VND", 0},
      {"XOF", 0},
      {"BHD", 3},
      {"KWD", 3},
      {"OMR", 3},
      {"JOD", 3},
      {"TND", 3},
      {"LYD", 3},
  }};
  std::string code = plan::currencySpelling(currency);
  for (const auto& [name, digits] : kExceptions)
    if (name == code)
      return digits;
  return 2;
}

std::string decimalText(const eval::Rational& value, int digits) {
  std::string text = value.toDecimalString(digits);
  if (text.find('.') == std::string::npos)
    return text == "-0" ? "0" : text;
  while (text.back() == '0')
    text.pop_back();
  if (text.back() == '.')
    text.pop_back();
  return text == "-0" ? "0" : text;
}

namespace {

std::string unitsText(std::int64_t micros, bool withDays) {
  if (micros == 0)
    return "0s";
  std::string text = micros < 0 ? "-" : "";
  std::uint64_t rest = micros < 0 ? -static_cast<std::uint64_t>(micros) : micros;
  static constexpr std::array<std::pair<std::uint64_t, const char*>, 6> kUnits{{
      {86'400'000'000, "d"},
      {3'600'000'000, "h"},
      {60'000'000, "m"},
      {1'000'000, "s"},
      {1'000, "ms"},
      {1, "us"},
  }};
  for (const auto& [size, unit] : kUnits)
    if (rest >= size && (withDays || size != kUnits.front().first)) {
      text += fmt::format("{}{}", rest / size, unit);
      rest %= size;
    }
  return text;
}

} // namespace

std::string durationText(std::int64_t micros) {
  return unitsText(micros, true);
}

std::string hoursText(std::int64_t micros) {
  return unitsText(micros, false);
}

std::string valueText(const eval::Value& value, const plan::Type& type,
                      const plan::Program& program, int digits) {
  if (!value.isSet())
    return value.state == eval::Value::State::NoData ? "no data" : "unset";
  std::int64_t integer = static_cast<std::int64_t>(value.exact.floor());
  switch (type.kind) {
  case plan::TypeKind::Percent:
    return decimalText(value.exact, digits) + "%";
  case plan::TypeKind::Duration:
    return durationText(integer);
  case plan::TypeKind::Time:
    return calendar::formatInstant(integer);
  case plan::TypeKind::Money:
    return fmt::format("{} {}", value.exact.toDecimalString(minorUnitDigits(type.detail)),
                       plan::currencySpelling(type.detail));
  case plan::TypeKind::Bool:
    return value.truth() ? "true" : "false";
  case plan::TypeKind::Enum:
    return program.enums[type.detail].cases.at(static_cast<std::size_t>(integer));
  case plan::TypeKind::String:
    return value.text;
  default:
    return decimalText(value.exact, digits);
  }
}

std::string targetText(const plan::Objective& objective, const plan::Program& program, int digits) {
  auto text = [&](const plan::ConstantValue& target) {
    return valueText(eval::valueOfConstant(objective.targetType, target), objective.targetType,
                     program, digits);
  };
  if (!objective.classTargets)
    return fmt::format("{} {}", plan::comparisonSpelling(objective.comparison),
                       text(objective.target));
  const plan::Objective::ClassTargets& classes = *objective.classTargets;
  std::string arms;
  for (std::size_t c = 0; c < classes.byCase.size(); ++c)
    arms += fmt::format("{}{} for {}", c == 0 ? "" : ", ", text(classes.byCase[c]),
                        program.enums[classes.enumIndex].cases[c]);
  return fmt::format("{} {}", plan::comparisonSpelling(objective.comparison), arms);
}

std::string targetsText(const plan::Agreement& agreement, std::uint32_t objective,
                        const plan::Program& program) {
  std::string text = targetText(agreement.objectives[objective], program);
  std::string inForce = text;
  std::string changes;
  for (const plan::Revision& revision : agreement.revisions) {
    std::string revised = targetText(revision.objectives[objective], program);
    if (revised != inForce)
      changes += fmt::format("{}from {}, {}: {}", changes.empty() ? "" : "; ",
                             revision.from.toString(), revision.name, revised);
    inForce = revised;
  }
  return changes.empty() ? text : fmt::format("{} ({})", text, changes);
}

std::string targetText(const eval::ObjectiveWindow& judged, const plan::Objective& objective,
                       const plan::Program& program, int digits) {
  return fmt::format("{} {}{}", plan::comparisonSpelling(objective.comparison),
                     valueText(eval::valueOfConstant(objective.targetType, judged.target),
                               objective.targetType, program, digits),
                     judged.revision ? fmt::format(" ({})", *judged.revision) : "");
}

std::string localTimeText(std::int64_t instant, const values::Zone& zone) {
  if (instant < calendar::kEarliestInstant || instant >= calendar::kLatestInstant)
    return calendar::formatInstant(instant);
  using Micros = std::chrono::microseconds;
  auto seconds = std::chrono::floor<std::chrono::seconds>(date::sys_time<Micros>{Micros{instant}});
  values::Zone::Period period = zone.periodAt(seconds.time_since_epoch().count());
  date::local_seconds local{seconds.time_since_epoch() + std::chrono::seconds(period.offset)};
  auto day = std::chrono::floor<date::days>(local);
  date::year_month_day civil{day};
  date::hh_mm_ss<std::chrono::seconds> time{local - day};
  std::string text =
      fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", static_cast<int>(civil.year()),
                  static_cast<unsigned>(civil.month()), static_cast<unsigned>(civil.day()),
                  time.hours().count(), time.minutes().count());
  if (seconds.time_since_epoch().count() % 60 != 0)
    text += fmt::format(":{:02}", time.seconds().count());
  return text + " " + std::string(period.abbreviation);
}

std::string feeText(const plan::Fee& fee, const plan::Program& program) {
  // `per 3 months` as written in the contract; `per month` for one.
  std::string per = fee.count == 1
                        ? plan::periodUnitName(fee.per)
                        : fmt::format("{} {}s", fee.count, plan::periodUnitName(fee.per));
  auto amount = [&](const plan::Decimal& value) {
    return fmt::format(
        "{} {}", eval::Rational::ofDecimal(value).toDecimalString(minorUnitDigits(fee.currency)),
        plan::currencySpelling(fee.currency));
  };
  if (!fee.byClass())
    return fmt::format("{} per {}", amount(fee.amount), per);
  std::string classes;
  for (std::size_t c = 0; c < fee.byCase.size(); ++c)
    classes += fmt::format("{}{} for {}", c == 0 ? "" : ", ", amount(fee.byCase[c]),
                           program.enums[fee.classEnum].cases[c]);
  return fmt::format("{} per {} (by {})", classes, per, fee.classField);
}

std::string amountText(const eval::Amount& amount) {
  if (amount.percentOfFee)
    return decimalText(amount.value) + "% of the fee";
  return fmt::format("{} {}", amount.value.toDecimalString(minorUnitDigits(amount.currency)),
                     plan::currencySpelling(amount.currency));
}

std::string csvCell(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos)
    return std::string(text);
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"')
      quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string windowLabel(const eval::Window& window, const plan::Period& period,
                        const values::Zone& zone) {
  if (!period.unit)
    return fmt::format("rolling {} to {}", durationText(period.rollingMicros),
                       calendar::formatInstant(window.end));
  using Micros = std::chrono::microseconds;
  date::local_time<Micros> local{Micros{zone.toLocalMicros(window.start)}};
  date::year_month_day day{std::chrono::floor<date::days>(local)};
  int year = static_cast<int>(day.year());
  unsigned month = static_cast<unsigned>(day.month());
  switch (*period.unit) {
  case plan::PeriodUnit::Day:
    return fmt::format("{:04}-{:02}-{:02}", year, month, static_cast<unsigned>(day.day()));
  case plan::PeriodUnit::Week: {
    // ISO week: the week's Thursday names its year.
    date::sys_days thursday = date::sys_days(day) + date::days{3};
    date::year isoYear = date::year_month_day{thursday}.year();
    auto firstThursday = date::sys_days(isoYear / date::January / date::Thursday[1]);
    int week = static_cast<int>((thursday - firstThursday).count() / 7 + 1);
    return fmt::format("{:04}-W{:02}", static_cast<int>(isoYear), week);
  }
  case plan::PeriodUnit::Month:
    return fmt::format("{:04}-{:02}", year, month);
  case plan::PeriodUnit::Quarter:
    return fmt::format("{:04}-Q{}", year, (month - 1) / 3 + 1);
  case plan::PeriodUnit::Year:
    return fmt::format("{:04}", year);
  }
  return "?";
}

std::string objectiveWindowLabel(const eval::ObjectiveWindow& judged, const plan::Period& period,
                                 const values::Zone& zone) {
  std::string label = windowLabel(judged.period, period, zone);
  if (!judged.partial())
    return label;
  plan::Period day{plan::PeriodUnit::Day, 0};
  return fmt::format("{} (in force {} to {})", label,
                     windowLabel({judged.window.start, judged.window.start}, day, zone),
                     windowLabel({judged.window.end - 1, judged.window.end - 1}, day, zone));
}
} // namespace slac::report
