#include "plan/PlanPrinter.h"

#include <date/date.h>
#include <deque>
#include <fmt/format.h>

namespace slac::plan {

namespace {

std::string dateText(const CivilDate& date) {
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

std::string dayText(std::chrono::sys_days day) {
  date::year_month_day ymd{day};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

std::string minuteText(std::int32_t minute) {
  return fmt::format("{:02}:{:02}", minute / 60, minute % 60);
}

std::string intervalsText(const std::vector<calendar::LocalInterval>& intervals) {
  std::string text;
  for (const calendar::LocalInterval& interval : intervals)
    text += fmt::format(" {}-{}", minuteText(interval.startMinute), minuteText(interval.endMinute));
  return text;
}

class Printer {
public:
  explicit Printer(const Program& program) : program_(program) {}

  // `time?`, `money EUR`, `Priority`: short, for lines that hold many.
  std::string type(const Type& type) const {
    static constexpr const char* kNames[] = {"bool",     "int",           "number", "percent",
                                             "duration", "business days", "time",   "date",
                                             "money",    "string",        "enum",   "calendar"};
    // fmt rather than `" " + string`: GCC 12 at -O3 reports a false
    // -Wrestrict inside the latter.
    std::string text = kNames[static_cast<std::size_t>(type.kind)];
    if (type.is(TypeKind::Money))
      text = fmt::format("money {}", currencySpelling(type.detail));
    if (type.is(TypeKind::Enum) && type.detail < program_.enums.size())
      text = program_.enums[type.detail].name;
    return fmt::format("{}{}", text, type.optional ? "?" : "");
  }

  std::string constant(const ConstantValue& value) const {
    if (const auto* boolean = std::get_if<bool>(&value))
      return *boolean ? "true" : "false";
    if (const auto* integer = std::get_if<std::int64_t>(&value))
      return std::to_string(*integer);
    if (const auto* decimal = std::get_if<Decimal>(&value))
      return decimal->toString();
    return fmt::format("{:?}", std::get<std::string>(value));
  }

  std::string expr(const Expr& node) const {
    std::string text = fmt::format("({}:{}", exprKindName(node.kind), type(node.type));
    switch (node.kind) {
    case ExprKind::Constant:
      text += fmt::format(" {}", constant(node.value));
      break;
    case ExprKind::Field:
    case ExprKind::Let:
    case ExprKind::Aggregate:
      text += fmt::format(" #{}", node.slot);
      break;
    case ExprKind::PausedTime:
      text += fmt::format(" pauses#{}", node.slot);
      break;
    default:
      if (node.slot != kNoSlot)
        text += fmt::format(" calendar#{}", node.slot);
      break;
    }
    for (const Expr* operand : node.operands)
      text += fmt::format(" {}", expr(*operand));
    text += ')';
    return text;
  }

  std::string amount(const Amount& amount) const {
    if (amount.percentOfFee)
      return fmt::format("{}%", amount.value.toString());
    return fmt::format("{} {}", amount.value.toString(), currencySpelling(amount.currency));
  }

  std::string print() {
    for (std::size_t i = 0; i < program_.enums.size(); ++i)
      enumeration(i, program_.enums[i]);
    for (std::size_t i = 0; i < program_.streams.size(); ++i)
      stream(i, program_.streams[i]);
    for (std::size_t i = 0; i < program_.aggregates.size(); ++i)
      aggregate(i, program_.aggregates[i]);
    for (std::size_t i = 0; i < program_.pauseSources.size(); ++i) {
      const PauseSource& source = program_.pauseSources[i];
      line(0, "pauses #{} stream#{} by field#{}", i, source.stream, source.keyField);
      line(1, "where {}", expr(*source.condition));
    }
    for (std::size_t i = 0; i < program_.metrics.size(); ++i) {
      const Metric& metric = program_.metrics[i];
      line(0, "metric #{} {}{} reads {}", i, metric.qualifiedName(), titled(metric.title),
           list(metric.streams, "stream"));
      line(1, "value {}", expr(*metric.value));
    }
    for (std::size_t i = 0; i < program_.calendars.size(); ++i)
      calendarSpec(i, program_.calendars[i]);
    for (std::size_t i = 0; i < program_.agreements.size(); ++i)
      agreement(i, program_.agreements[i]);
    for (const Test& test : program_.tests)
      testBlock(test);
    return std::move(out_);
  }

private:
  template <typename... Args>
  void line(int depth, fmt::format_string<Args...> format, Args&&... args) {
    out_ += std::string(static_cast<std::size_t>(depth + indent_) * 2, ' ');
    out_ += fmt::format(format, std::forward<Args>(args)...);
    out_ += '\n';
  }

  static std::string titled(const std::string& title) {
    return title.empty() ? "" : fmt::format(" {:?}", title);
  }

  static std::vector<std::string> quoted(const std::vector<std::string>& texts) {
    std::vector<std::string> quotedTexts;
    for (const std::string& text : texts)
      quotedTexts.push_back(fmt::format("{:?}", text));
    return quotedTexts;
  }

  static std::string list(const std::vector<std::uint32_t>& indices, std::string_view kind) {
    std::vector<std::string> items;
    for (std::uint32_t index : indices)
      items.push_back(fmt::format("{}#{}", kind, index));
    return fmt::format("{}", fmt::join(items, ", "));
  }

  // Spellings only where the data does not write a case by its name.
  void enumeration(std::size_t index, const Enum& enumeration) {
    std::vector<std::string> cases;
    for (std::size_t i = 0; i < enumeration.cases.size(); ++i) {
      const std::vector<std::string>& spellings = enumeration.spellings[i];
      cases.push_back(
          spellings.size() == 1 && spellings.front() == enumeration.cases[i]
              ? enumeration.cases[i]
              : fmt::format("{} = {}", enumeration.cases[i], fmt::join(quoted(spellings), " | ")));
    }
    line(0, "enum #{} {}{} {{ {} }}", index, enumeration.name,
         enumeration.ignoreCase ? " ignoring case" : "", fmt::join(cases, ", "));
  }

  // What ingestion is told beyond the field's name and type, if anything.
  static std::string dataShape(const Field& field) {
    std::string shape;
    if (field.column != field.name)
      shape += fmt::format(" from {:?}", field.column);
    if (field.format != FieldFormat::Default)
      shape += fmt::format(" as {}", fieldFormatName(field.format));
    if (!field.timeFormat.empty())
      shape += fmt::format(" format {:?}", field.timeFormat);
    if (!field.localZone.empty())
      shape += fmt::format(" local in {:?}", field.localZone);
    return shape;
  }

  void stream(std::size_t index, const Stream& stream) {
    if (stream.intervalEnd)
      line(0, "stream #{} {} from field#{} to field#{}", index, stream.qualifiedName(),
           stream.eventTime, *stream.intervalEnd);
    else
      line(0, "stream #{} {} at field#{}", index, stream.qualifiedName(), stream.eventTime);
    if (stream.csv.separator != ',' || stream.csv.decimalMark != '.')
      line(1, "csv separator \"{}\" decimal \"{}\"",
           stream.csv.separator == '\t' ? std::string("\\t") : std::string(1, stream.csv.separator),
           stream.csv.decimalMark);
    for (std::size_t i = 0; i < stream.fields.size(); ++i) {
      const Field& field = stream.fields[i];
      line(1, "field #{} {}: {}{}", i, field.name, type(field.type), dataShape(field));
    }
    for (std::size_t i = 0; i < stream.lets.size(); ++i)
      line(1, "let #{} {} = {}", i, stream.lets[i].name, expr(*stream.lets[i].value));
  }

  void aggregate(std::size_t index, const Aggregate& aggregate) {
    std::string source = aggregate.stream == kNoSlot
                             ? fmt::format("slices of {}us missing {}", aggregate.sliceMicros,
                                           aggregate.missing == MissingSlices::Skip   ? "skip"
                                           : aggregate.missing == MissingSlices::Good ? "good"
                                                                                      : "bad")
                             : fmt::format("stream#{}", aggregate.stream);
    line(0, "aggregate #{} {}{}:{} over {}", index, aggregateKindName(aggregate.kind),
         aggregate.approx ? " approx" : "", type(aggregate.type), source);
    if (aggregate.kind == AggregateKind::Percentile)
      line(1, "rank {}", aggregate.rank.toString());
    if (aggregate.population)
      line(1, "population {}", expr(*aggregate.population));
    if (aggregate.filter)
      line(1, "where {}", expr(*aggregate.filter));
    if (aggregate.value)
      line(1, "value {}", expr(*aggregate.value));
  }

  void calendarSpec(std::size_t index, const Calendar& planned) {
    const calendar::CalendarSpec& spec = planned.spec;
    line(0, "calendar #{} {} zone {}{}", index, planned.name, spec.zone,
         spec.always ? " always" : "");
    static constexpr const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    for (std::size_t day = 0; day < spec.weekly.size(); ++day)
      if (!spec.weekly[day].empty())
        line(1, "{}{}", kDays[day], intervalsText(spec.weekly[day]));
    for (std::chrono::sys_days closed : spec.closedDates)
      line(1, "closed {}", dayText(closed));
    for (const calendar::OpenDate& open : spec.openDates)
      line(1, "open {}{}", dayText(open.date), intervalsText(open.intervals));
    for (const calendar::AbsoluteWindow& window : spec.windows)
      line(1, "window {}us to {}us", window.from, window.to);
    for (const CalendarFile& file : planned.files)
      line(1, "{} from {:?}", file.kind == CalendarFile::Kind::Windows ? "window" : "closed",
           file.path);
    if (spec.businessDay)
      line(1, "business day {}us", *spec.businessDay);
  }

  void agreement(std::size_t index, const Agreement& agreement) {
    line(0, "agreement #{} {}{}", index, agreement.name, titled(agreement.title));
    line(1, "provider {:?} customer {:?}", agreement.provider, agreement.customer);
    line(1, "effective {} to {} zone {}",
         agreement.effectiveFrom ? dateText(*agreement.effectiveFrom) : "-",
         agreement.effectiveTo ? dateText(*agreement.effectiveTo) : "-", agreement.zone);
    if (agreement.supports)
      line(1, "supports agreement#{}", *agreement.supports);
    terms(agreement.termsOf(nullptr));
    for (const Revision& revision : agreement.revisions) {
      line(1, "revision {}{} from {}", revision.name, titled(revision.title),
           dateText(revision.from));
      ++indent_;
      terms(agreement.termsOf(&revision));
      --indent_;
    }
  }

  // The fee, objectives, remedies, caps and terminations in force.
  void terms(const Terms& terms) {
    if (const std::optional<Fee>& fee = terms.fee) {
      std::string per =
          fmt::format("per {}{}", fee->count == 1 ? "" : fmt::format("{} ", fee->count),
                      periodUnitName(fee->per));
      if (!fee->byClass()) {
        line(1, "fee {} {} {}", fee->amount.toString(), currencySpelling(fee->currency), per);
      } else {
        std::string arms;
        for (std::size_t c = 0; c < fee->byCase.size(); ++c)
          arms += fmt::format("{}{} => {} {}", c == 0 ? "" : ", ",
                              program_.enums[fee->classEnum].cases[c], fee->byCase[c].toString(),
                              currencySpelling(fee->currency));
        line(1, "fee by {}: {} {}", fee->classField, arms, per);
      }
    }
    for (std::size_t i = 0; i < terms.objectives.size(); ++i)
      objective(i, terms.objectives[i]);
    for (const Remedy& remedy : terms.remedies) {
      line(1, "remedy {}{} on objective#{}", remedy.name, titled(remedy.title), remedy.objective);
      for (const Tier& tier : remedy.tiers)
        line(2, "{} {}{} {} {}", values::tierBoundSpelling(tier.limit.bound),
             constant(tier.limit.threshold),
             tier.otherLimit
                 ? fmt::format(" and {} {}", values::tierBoundSpelling(tier.otherLimit->bound),
                               constant(tier.otherLimit->threshold))
                 : "",
             tier.payout == Payout::Credit ? "credit" : "bonus", amount(tier.amount));
      for (const auto& [payout, planned] : remedy.perBreach)
        line(2, "per breach {} {}", payout == Payout::Credit ? "credit" : "bonus", amount(planned));
      if (remedy.cap)
        line(2, "cap {}", amount(*remedy.cap));
    }
    for (const CreditCap& cap : terms.caps)
      line(1, "cap credits {}{}", amount(cap.amount),
           cap.per ? fmt::format(" per {}", periodUnitName(*cap.per)) : "");
    for (const Termination& termination : terms.terminations)
      line(1, "terminate when objective#{} breached {} consecutive {}", termination.objective,
           termination.consecutive, periodUnitName(termination.unit));
  }

  void objective(std::size_t index, const Objective& objective) {
    std::string over = objective.period.unit
                           ? periodUnitName(*objective.period.unit)
                           : fmt::format("rolling {}us", objective.period.rollingMicros);
    line(1, "objective #{} {}{}: metric#{} {} {}:{} over {}", index, objective.name,
         titled(objective.title), objective.metric, comparisonSpelling(objective.comparison),
         objective.classTargets
             ? fmt::format("(by {})", objective.groupFields[objective.classTargets->groupField])
             : constant(objective.target),
         type(objective.targetType), over);
    for (const CalendarFilter& filter : objective.filters)
      line(2, "{} calendar#{}",
           filter.mode == CalendarFilter::Mode::During    ? "during"
           : filter.mode == CalendarFilter::Mode::Outside ? "outside"
                                                          : "excluding",
           filter.calendar);
    if (objective.classTargets) {
      const Objective::ClassTargets& classes = *objective.classTargets;
      std::string arms;
      for (std::size_t c = 0; c < classes.byCase.size(); ++c)
        arms +=
            fmt::format("{}{} => {}", c == 0 ? "" : ", ",
                        program_.enums[classes.enumIndex].cases[c], constant(classes.byCase[c]));
      line(2, "target by {}: {}", objective.groupFields[classes.groupField], arms);
    }
    for (std::size_t f = 0; f < objective.groupFields.size(); ++f) {
      std::vector<std::uint32_t> columns;
      for (const std::vector<std::uint32_t>& ofStream : objective.groupColumns)
        columns.push_back(ofStream[f]);
      line(2, "per {} (field {})", objective.groupFields[f], list(columns, ""));
    }
    if (objective.noData != NoDataPolicy::Report)
      line(2, "when no data {}", objective.noData == NoDataPolicy::Met ? "met" : "breached");
  }

  void testBlock(const Test& test) {
    line(0, "test {:?}{}", test.description,
         test.at ? fmt::format(" at {}us", *test.at) : std::string());
    for (const DataSource& data : test.data)
      line(1, "data stream#{} from {:?}", data.stream, data.path);
    for (const Expectation& expectation : test.expectations)
      line(1, "expect agreement#{} objective#{}{}{} in {}{} {} {}", expectation.agreement,
           expectation.objective,
           expectation.remedy ? fmt::format(" remedy#{}", *expectation.remedy) : "",
           expectation.group ? fmt::format(" for {:?}", *expectation.group) : "",
           expectation.periodUnit ? periodUnitName(*expectation.periodUnit) : "rolling",
           expectation.periodUnit ? fmt::format(" {}", dateText(expectation.periodStart)) : "",
           comparisonSpelling(expectation.comparison),
           expectation.status
               ? statusText(*expectation.status)
               : fmt::format("{}:{}", constant(expectation.value), type(expectation.valueType)));
  }

  static std::string statusText(ExpectedStatus status) {
    switch (status) {
    case ExpectedStatus::Met:
      return "met";
    case ExpectedStatus::Breached:
      return "breached";
    case ExpectedStatus::NoData:
      return "no_data";
    case ExpectedStatus::Pending:
      return "pending";
    }
    return "?";
  }

  const Program& program_;
  std::string out_;
  int indent_ = 0; // revisions print their terms one level deeper
};

// The text is complete (PlanPrinter.h), and the kernel cache finds compiled
// kernels by it (jit/KernelCacheKey.h): a member added to a plan struct
// stops this from compiling until the printer prints it, or the comment
// beside its binding says why it need not, since a member the text leaves
// out could hand kernels compiled for one plan to another.
[[maybe_unused]] void everyMemberIsPrinted(const Program& program) {
  static_assert(sizeof(Program) == 8 * sizeof(std::vector<Enum>) + sizeof(std::deque<Expr>),
                "a member of Program the printer does not know");
  const Expr& expr = *program.metrics.at(0).value;
  [[maybe_unused]] auto& [exprKind, exprType, exprRange /* not meaning */, operands, slot,
                          constantValue] = expr;
  [[maybe_unused]] auto& [typeKind, optional, detail] = expr.type;
  [[maybe_unused]] auto& [enumName, cases, spellings, ignoreCase] = program.enums.at(0);
  const Stream& stream = program.streams.at(0);
  [[maybe_unused]] auto& [service, streamName, fields, eventTime, lets, streamRange, csv,
                          intervalEnd] = stream;
  [[maybe_unused]] auto& [separator, decimalMark] = stream.csv;
  [[maybe_unused]] auto& [fieldName, fieldType, format, fieldRange, column, timeFormat, localZone] =
      stream.fields.at(0);
  [[maybe_unused]] auto& [letName, letValue, letRange] = stream.lets.at(0);
  [[maybe_unused]] auto& [pausedStream, keyField, condition, pausesRange] =
      program.pauseSources.at(0);
  // `rank` only matters to a percentile.
  [[maybe_unused]] auto& [aggregateKind, approx, aggregatedStream, sliceMicros, missing, population,
                          filter, value, rank, aggregateType, aggregateRange] =
      program.aggregates.at(0);
  [[maybe_unused]] auto& [metricService, metricName, metricTitle, metricValue, metricStreams,
                          metricRange] = program.metrics.at(0);
  const Calendar& calendar = program.calendars.at(0);
  [[maybe_unused]] auto& [calendarName, spec, files] = calendar;
  [[maybe_unused]] auto& [zone, always, weekly, closedDates, openDates, windows, businessDay] =
      calendar.spec;
  [[maybe_unused]] auto& [startMinute, endMinute] = calendar.spec.weekly[0].at(0);
  [[maybe_unused]] auto& [openDate, openIntervals] = calendar.spec.openDates.at(0);
  [[maybe_unused]] auto& [windowFrom, windowTo] = calendar.spec.windows.at(0);
  // `directory` only finds the file; what it holds reaches kernels through
  // the prepared calendar (eval::KernelCalendar).
  [[maybe_unused]] auto& [fileKind, fileDirectory, path, fileRange] = calendar.files.at(0);
  const Agreement& agreement = program.agreements.at(0);
  [[maybe_unused]] auto& [agreementName, agreementTitle, provider, customer, effectiveFrom,
                          effectiveTo, agreementZone, fee, supports, objectives, remedies, caps,
                          terminations, revisions, agreementRange] = agreement;
  [[maybe_unused]] auto& [feeAmount, feeCurrency, per, count, classField, classEnum, byCase] =
      agreement.fee.value();
  const Revision& revision = agreement.revisions.at(0);
  [[maybe_unused]] auto& [revisionName, revisionTitle, from, revisedFee, revisedObjectives,
                          revisedRemedies, revisedCaps, revisedTerminations, revisionRange] =
      revision;
  // `rollingMicros` only matters to a rolling period.
  const Objective& objective = agreement.objectives.at(0);
  [[maybe_unused]] auto& [objectiveName, objectiveTitle, metric, comparison, targetType, target,
                          classTargets, period, filters, groupFields, groupColumns, noData,
                          objectiveRange] = objective;
  [[maybe_unused]] auto& [groupField, enumIndex, targetsByCase] = objective.classTargets.value();
  [[maybe_unused]] auto& [periodUnit, rollingMicros] = objective.period;
  [[maybe_unused]] auto& [filterMode, filteredBy] = objective.filters.at(0);
  const Remedy& remedy = agreement.remedies.at(0);
  [[maybe_unused]] auto& [remedyName, remedyTitle, remedied, tiers, perBreach, remedyCap,
                          remedyRange] = remedy;
  [[maybe_unused]] auto& [limit, otherLimit, payout, tierAmount, tierRange] = remedy.tiers.at(0);
  [[maybe_unused]] auto& [bound, threshold] = remedy.tiers.at(0).limit;
  [[maybe_unused]] auto& [percentOfFee, amountValue, amountCurrency] = remedy.tiers.at(0).amount;
  [[maybe_unused]] auto& [capAmount, capPer, capRange] = agreement.caps.at(0);
  [[maybe_unused]] auto& [terminated, consecutive, unit, terminationRange] =
      agreement.terminations.at(0);
  const Test& test = program.tests.at(0);
  // `directory` only finds the test's data.
  [[maybe_unused]] auto& [description, testDirectory, data, at, expectations, testRange] = test;
  [[maybe_unused]] auto& [dataStream, dataPath, dataRange] = test.data.at(0);
  [[maybe_unused]] auto& [expectedAgreement, expectedObjective, expectedRemedy, group,
                          expectedPeriod, periodStart, expectedComparison, status, valueType,
                          expectedValue, expectationRange] = test.expectations.at(0);
}

} // namespace

std::string printPlan(const Program& program) {
  return Printer(program).print();
}

std::string printExpr(const Program& program, const Expr& expr) {
  return Printer(program).expr(expr);
}

} // namespace slac::plan
