#include "ast/AstDump.h"

#include <fmt/format.h>
#include <string>

namespace slac::ast {

namespace {

template <typename... Ts> struct Overloaded : Ts... { using Ts::operator()...; };
template <typename... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

std::string quoted(std::string_view text) {
  std::string result = "\"";
  for (char c : text) {
    switch (c) {
    case '"':
      result += "\\\"";
      break;
    case '\\':
      result += "\\\\";
      break;
    case '\n':
      result += "\\n";
      break;
    case '\t':
      result += "\\t";
      break;
    default:
      result += c;
    }
  }
  return result + "\"";
}

std::string intervals(const std::vector<TimeInterval>& list) {
  std::string result;
  for (const TimeInterval& interval : list) {
    if (!result.empty())
      result += ", ";
    result += interval.start.toString() + "-" + interval.end.toString();
  }
  return result;
}

std::string periodSpelling(const Period& period) {
  return period.unit ? periodUnitName(*period.unit)
                     : "rolling " + formatDuration(period.rollingMicros);
}

class Dumper {
public:
  Dumper(const SourceFile& file, std::ostream& out) : file_(file), out_(out) {}

  void file(const FileAst& ast) {
    line(fmt::format("File {}", quoted(file_.name())), SourceRange{});
    Indent indent(*this);
    for (const Decl* decl : ast.declarations)
      declaration(decl);
  }

private:
  struct Indent {
    explicit Indent(Dumper& dumper) : dumper_(dumper) { ++dumper_.depth_; }
    ~Indent() { --dumper_.depth_; }
    Dumper& dumper_;
  };

  void line(const std::string& text, SourceRange range) {
    out_ << std::string(depth_ * 2, ' ') << text;
    if (!(range.begin.offset == 0 && range.end.offset == 0)) {
      auto begin = file_.lineColumn(range.begin);
      auto end = file_.lineColumn(range.end);
      out_ << fmt::format(" <{}:{}-{}:{}>", begin.line, begin.column, end.line, end.column);
    }
    out_ << '\n';
  }

  std::string header(const Decl* decl) {
    std::string text = nodeKindName(decl->kind());
    if (!decl->name.name.empty())
      text += fmt::format(" {}", decl->name.name);
    if (decl->title)
      text += fmt::format(" {}", quoted(decl->title->value));
    return text;
  }

  void labelled(const char* label, const Expr* expr) {
    line(std::string(label) + ":", SourceRange{});
    Indent indent(*this);
    expression(expr);
  }

  void declaration(const Decl* decl) {
    std::string text = header(decl);
    if (auto* import = dyn_cast<ImportDecl>(decl)) {
      text += fmt::format(
          " {}", std::visit(Overloaded{[](const QualifiedName& name) { return name.spelling(); },
                                       [](const StringValue& path) { return quoted(path.value); }},
                            import->target));
      if (import->alias)
        text += fmt::format(" as {}", import->alias->name);
    } else if (auto* field = dyn_cast<FieldDecl>(decl)) {
      text +=
          fmt::format(": {}{}{}", field->type.name,
                      field->currency ? fmt::format(" {}", field->currency->name) : std::string(),
                      field->optional ? "?" : "");
      if (field->column)
        text += fmt::format(" from {}", quoted(field->column->value));
      if (field->currencyColumn)
        text += fmt::format(" currency {}", quoted(field->currencyColumn->value));
      if (field->format)
        text += fmt::format(" as {}", field->format->name);
      if (field->timeFormat)
        text += fmt::format(" format {}", quoted(field->timeFormat->value));
      if (field->localZone)
        text += fmt::format(" local in {}", quoted(field->localZone->value));
    } else if (auto* stream = dyn_cast<StreamDecl>(decl)) {
      if (stream->intervalEnd)
        text += fmt::format(" from {} to {}", stream->eventTime.name, stream->intervalEnd->name);
      else
        text += fmt::format(" at {}", stream->eventTime.name);
      if (stream->localZone)
        text += fmt::format(" local in {}", quoted(stream->localZone->value));
      for (const CsvDialectItem& dialect : stream->csvDialects) {
        text += " csv";
        if (dialect.separator)
          text += fmt::format(" separator {}", quoted(dialect.separator->value));
        if (dialect.decimalMark)
          text += fmt::format(" decimal {}", quoted(dialect.decimalMark->value));
      }
    } else if (auto* agreement = dyn_cast<AgreementDecl>(decl)) {
      if (agreement->supports)
        text += fmt::format(" supports {}", agreement->supports->spelling());
    } else if (auto* revision = dyn_cast<RevisionDecl>(decl)) {
      text += fmt::format(" from {}", revision->from.toString());
    } else if (auto* remedy = dyn_cast<RemedyDecl>(decl)) {
      text += fmt::format(" on {}", remedy->objective.name);
    } else if (auto* cap = dyn_cast<CapDecl>(decl)) {
      if (cap->per)
        text += std::string(" per ") + periodUnitName(*cap->per);
    } else if (auto* terminate = dyn_cast<TerminateDecl>(decl)) {
      text += fmt::format(" when {} breached {} consecutive {}", terminate->objective.name,
                          terminate->count, periodUnitName(terminate->unit));
    } else if (auto* test = dyn_cast<TestDecl>(decl)) {
      text += fmt::format(" {}", quoted(test->description.value));
    } else if (auto* enumeration = dyn_cast<EnumDecl>(decl)) {
      if (enumeration->ignoreCase)
        text += " ignoring case";
      for (std::size_t i = 0; i < enumeration->cases.size(); ++i) {
        text += (i == 0 ? " { " : ", ") + enumeration->cases[i].name;
        for (std::size_t j = 0; j < enumeration->spellings[i].size(); ++j)
          text += (j == 0 ? " = " : " | ") + quoted(enumeration->spellings[i][j].value);
      }
      text += " }";
    } else if (auto* objective = dyn_cast<ObjectiveDecl>(decl)) {
      text += std::string(" ") + binaryOpSpelling(objective->comparison);
    }
    line(text, decl->range());
    Indent indent(*this);
    members(decl);
  }

  void members(const Decl* decl) {
    if (auto* calendar = dyn_cast<CalendarDecl>(decl)) {
      for (const CalendarItem& item : calendar->items)
        calendarItem(item);
    } else if (auto* holidays = dyn_cast<HolidaysDecl>(decl)) {
      for (const Holiday& holiday : holidays->holidays)
        line(fmt::format(
                 "Holiday {}{}", holiday.date.toString(),
                 holiday.description ? fmt::format(" {}", quoted(holiday.description->value)) : ""),
             holiday.range);
    } else if (auto* service = dyn_cast<ServiceDecl>(decl)) {
      for (const Decl* member : service->members)
        declaration(member);
    } else if (auto* stream = dyn_cast<StreamDecl>(decl)) {
      for (const Decl* member : stream->members)
        declaration(member);
    } else if (auto* let = dyn_cast<LetDecl>(decl)) {
      expression(let->value);
    } else if (auto* metric = dyn_cast<MetricDecl>(decl)) {
      expression(metric->value);
    } else if (auto* agreement = dyn_cast<AgreementDecl>(decl)) {
      for (const AgreementItem& item : agreement->items)
        agreementItem(item);
      acknowledgements(agreement->acknowledgements);
      for (const Decl* member : agreement->members)
        declaration(member);
      for (const RevisionDecl* revision : agreement->revisions)
        declaration(revision);
    } else if (auto* revision = dyn_cast<RevisionDecl>(decl)) {
      for (const AgreementItem& item : revision->items)
        agreementItem(item);
      acknowledgements(revision->acknowledgements);
      for (const Decl* member : revision->members)
        declaration(member);
      for (const RevisionDecl* nested : revision->revisions)
        declaration(nested);
    } else if (auto* objective = dyn_cast<ObjectiveDecl>(decl)) {
      labelled("metric", objective->metric);
      labelled("target", objective->target);
      for (const ObjectiveClause& clause : objective->clauses)
        objectiveClause(clause);
      acknowledgements(objective->acknowledgements);
    } else if (auto* remedy = dyn_cast<RemedyDecl>(decl)) {
      for (const RemedyRule& rule : remedy->rules)
        remedyRule(rule);
      acknowledgements(remedy->acknowledgements);
    } else if (auto* cap = dyn_cast<CapDecl>(decl)) {
      expression(cap->amount);
    } else if (auto* test = dyn_cast<TestDecl>(decl)) {
      for (const TestItem& item : test->items)
        testItem(item);
    }
  }

  void calendarItem(const CalendarItem& item) {
    std::visit(
        Overloaded{[&](const ZoneItem& zone) {
                     line(fmt::format("Zone {}", quoted(zone.zone.value)), zone.range);
                   },
                   [&](const AlwaysItem& always) { line("Always", always.range); },
                   [&](const WeeklyHoursItem& hours) {
                     line("WeeklyHours " + weekdaySetSpelling(hours.days) + " " +
                              intervals(hours.intervals),
                          hours.range);
                   },
                   [&](const ClosedItem& closed) {
                     std::string text = "Closed";
                     for (std::size_t i = 0; i < closed.entries.size(); ++i) {
                       text += i == 0 ? " " : ", ";
                       text += std::visit(
                           Overloaded{[](const ClosedDates& dates) {
                                        return dates.first == dates.last
                                                   ? dates.first.toString()
                                                   : dates.first.toString() + " to " +
                                                         dates.last.toString();
                                      },
                                      [](const QualifiedName& name) { return name.spelling(); }},
                           closed.entries[i]);
                     }
                     line(text, closed.range);
                   },
                   [&](const OpenDateItem& open) {
                     line("Open " + open.date.toString() + " " + intervals(open.intervals),
                          open.range);
                   },
                   [&](const WindowItem& window) {
                     line("Window " + window.from.toString() + " to " + window.to.toString(),
                          window.range);
                   },
                   [&](const CalendarFileItem& file) {
                     line(fmt::format("{} from {}",
                                      file.kind == CalendarFileItem::Kind::Windows ? "Windows"
                                                                                   : "ClosedDates",
                                      quoted(file.path.value)),
                          file.range);
                   },
                   [&](const BusinessDayItem& day) {
                     line("BusinessDay " + formatDuration(day.micros), day.range);
                   }},
        item);
  }

  void agreementItem(const AgreementItem& item) {
    std::visit(
        Overloaded{
            [&](const PartyItem& party) {
              line(
                  std::string(party.role == PartyItem::Role::Provider ? "Provider " : "Customer ") +
                      quoted(party.name.value),
                  party.range);
            },
            [&](const EffectiveItem& effective) {
              line("Effective " + effective.from.toString() + " to " + effective.to.toString(),
                   effective.range);
            },
            [&](const ZoneItem& zone) {
              line(fmt::format("Zone {}", quoted(zone.zone.value)), zone.range);
            },
            [&](const FeeItem& fee) {
              std::string per =
                  fmt::format("per {}{}", fee.count == 1 ? "" : fmt::format("{} ", fee.count),
                              periodUnitName(fee.per));
              if (!fee.classField) {
                line(fmt::format("Fee {} {} {}", fee.amount.amount.toString(), fee.amount.currency,
                                 per),
                     fee.range);
                return;
              }
              line(fmt::format("Fee by {} {}", fee.classField->name, per), fee.range);
              Indent indent(*this);
              matchArms(fee.classArms);
            },
            [&](const ReviewItem& review) {
              line(fmt::format("Review every {} {}", review.count, periodUnitName(review.unit)),
                   review.range);
            },
            [&](const NoDataItem& noData) { noDataLine(noData); }},
        item);
  }

  void noDataLine(const NoDataItem& noData) {
    line(std::string("WhenNoData ") + (noData.policy == NoDataPolicy::Met ? "met" : "breached"),
         noData.range);
  }

  void acknowledgements(const std::vector<Acknowledgement>& list) {
    for (const Acknowledgement& allow : list)
      line(fmt::format("Allow {} {}", allow.code.name, quoted(allow.reason.value)), allow.range);
  }

  void objectiveClause(const ObjectiveClause& clause) {
    std::visit(
        Overloaded{[&](const CalendarFilter& filter) {
                     static constexpr const char* kModes[] = {"During", "Outside", "Excluding"};
                     line(std::string(kModes[static_cast<int>(filter.mode)]) + " " +
                              filter.calendar.spelling(),
                          filter.range);
                   },
                   [&](const OverClause& over) {
                     line("Over " + periodSpelling(over.period), over.range);
                   },
                   [&](const PerClause& per) {
                     std::string names;
                     for (const Identifier& field : per.fields)
                       names += (names.empty() ? "" : ", ") + field.name;
                     line("Per " + names, per.range);
                   },
                   [&](const NoDataItem& noData) { noDataLine(noData); }},
        clause);
  }

  void remedyRule(const RemedyRule& rule) {
    auto payoutName = [](Payout payout) { return payout == Payout::Credit ? "credit" : "bonus"; };
    std::visit(
        Overloaded{[&](const TierRule& tier) {
                     std::string bounds = tierBoundSpelling(tier.limit.bound);
                     if (tier.otherLimit)
                       bounds += std::string(" and ") + tierBoundSpelling(tier.otherLimit->bound);
                     line(fmt::format("Tier {} {}", bounds, payoutName(tier.payout)), tier.range);
                     Indent indent(*this);
                     labelled("threshold", tier.limit.threshold);
                     if (tier.otherLimit)
                       labelled("threshold", tier.otherLimit->threshold);
                     labelled("amount", tier.amount);
                   },
                   [&](const PerBreachRule& perBreach) {
                     line(fmt::format("PerBreach {}", payoutName(perBreach.payout)),
                          perBreach.range);
                     Indent indent(*this);
                     expression(perBreach.amount);
                   },
                   [&](const RemedyCapRule& cap) {
                     line("Cap", cap.range);
                     Indent indent(*this);
                     expression(cap.amount);
                   }},
        rule);
  }

  void testItem(const TestItem& item) {
    std::visit(Overloaded{[&](const DataItem& data) {
                            line("Data " + data.stream.spelling() + " from " +
                                     quoted(data.path.value),
                                 data.range);
                          },
                          [&](const AtItem& at) { line("At " + at.instant.toString(), at.range); },
                          [&](const ExpectItem& expect) {
                            std::string text = "Expect " + expect.subject.spelling();
                            if (expect.group)
                              text += fmt::format(" for {}", quoted(expect.group->value));
                            if (expect.period)
                              text += fmt::format(" in {} {}", periodUnitName(expect.period->unit),
                                                  expect.period->start.toString());
                            text += std::string(" ") + binaryOpSpelling(expect.comparison);
                            line(text, expect.range);
                            Indent indent(*this);
                            expression(expect.expected);
                          }},
               item);
  }

  void matchArms(const std::vector<MatchArm>& arms) {
    for (const MatchArm& arm : arms) {
      std::string patterns;
      for (const Identifier& pattern : arm.patterns)
        patterns += (patterns.empty() ? "" : " | ") + pattern.name;
      line("Arm " + patterns, arm.range);
      Indent indent(*this);
      expression(arm.value);
    }
  }

  void expression(const Expr* expr) {
    if (!expr) {
      line("<invalid>", SourceRange{});
      return;
    }
    std::string text = nodeKindName(expr->kind());
    switch (expr->kind()) {
    case NodeKind::IntLiteral:
      text += fmt::format(" {}", cast<IntLiteral>(expr)->value());
      break;
    case NodeKind::DecimalLiteral:
      text += fmt::format(" {}", cast<DecimalLiteral>(expr)->value().toString());
      break;
    case NodeKind::PercentLiteral:
      text += fmt::format(" {}%", cast<PercentLiteral>(expr)->value().toString());
      break;
    case NodeKind::DurationLiteral:
      text += fmt::format(" {}", formatDuration(cast<DurationLiteral>(expr)->value()));
      break;
    case NodeKind::BusinessDaysLiteral:
      text += fmt::format(" {}", cast<BusinessDaysLiteral>(expr)->value());
      break;
    case NodeKind::MoneyLiteral: {
      const Money& money = cast<MoneyLiteral>(expr)->value();
      text += fmt::format(" {} {}", money.amount.toString(), money.currency);
      break;
    }
    case NodeKind::DateLiteral:
      text += fmt::format(" {}", cast<DateLiteral>(expr)->value().toString());
      break;
    case NodeKind::DateTimeLiteral:
      text += fmt::format(" {}", cast<DateTimeLiteral>(expr)->value().toString());
      break;
    case NodeKind::StringLiteral:
      text += fmt::format(" {}", quoted(cast<StringLiteral>(expr)->value()));
      break;
    case NodeKind::BoolLiteral:
      text += cast<BoolLiteral>(expr)->value() ? " true" : " false";
      break;
    case NodeKind::NameExpr:
      text += fmt::format(" {}", cast<NameExpr>(expr)->name().name);
      break;
    case NodeKind::MemberExpr:
      text += fmt::format(" .{}", cast<MemberExpr>(expr)->member().name);
      break;
    case NodeKind::UnaryExpr:
      text += std::string(" ") + unaryOpSpelling(cast<UnaryExpr>(expr)->op());
      break;
    case NodeKind::BinaryExpr:
      text += std::string(" ") + binaryOpSpelling(cast<BinaryExpr>(expr)->op());
      break;
    case NodeKind::IsSetExpr:
      text += cast<IsSetExpr>(expr)->negated() ? " is not set" : " is set";
      break;
    case NodeKind::CallExpr:
      text += fmt::format(" {}", cast<CallExpr>(expr)->callee().name);
      break;
    case NodeKind::PausesExpr:
      text += fmt::format(" {}", cast<PausesExpr>(expr)->stream().name);
      break;
    case NodeKind::AggregateExpr: {
      auto* aggregate = cast<AggregateExpr>(expr);
      text += std::string(" ") + aggregateFunctionName(aggregate->function());
      if (aggregate->approx())
        text += " approx";
      break;
    }
    case NodeKind::SlicesExpr: {
      static constexpr const char* kMissing[] = {"", " missing good", " missing bad"};
      text += kMissing[static_cast<int>(cast<SlicesExpr>(expr)->missing())];
      break;
    }
    default:
      break;
    }
    line(text, expr->range());
    Indent indent(*this);
    subexpressions(expr);
  }

  void subexpressions(const Expr* expr) {
    switch (expr->kind()) {
    case NodeKind::MemberExpr:
      expression(cast<MemberExpr>(expr)->base());
      break;
    case NodeKind::UnaryExpr:
      expression(cast<UnaryExpr>(expr)->operand());
      break;
    case NodeKind::BinaryExpr:
      expression(cast<BinaryExpr>(expr)->lhs());
      expression(cast<BinaryExpr>(expr)->rhs());
      break;
    case NodeKind::IsSetExpr:
      expression(cast<IsSetExpr>(expr)->operand());
      break;
    case NodeKind::CallExpr:
      for (const Expr* arg : cast<CallExpr>(expr)->args())
        expression(arg);
      break;
    case NodeKind::PausesExpr: {
      auto* pauses = cast<PausesExpr>(expr);
      labelled("where", pauses->condition());
      labelled("on", pauses->join());
      break;
    }
    case NodeKind::AggregateExpr: {
      auto* aggregate = cast<AggregateExpr>(expr);
      labelled("source", aggregate->source());
      if (aggregate->filter())
        labelled("where", aggregate->filter());
      for (const Expr* arg : aggregate->args())
        expression(arg);
      break;
    }
    case NodeKind::SlicesExpr:
      expression(cast<SlicesExpr>(expr)->width());
      break;
    case NodeKind::MatchExpr: {
      auto* match = cast<MatchExpr>(expr);
      labelled("subject", match->subject());
      matchArms(match->arms());
      break;
    }
    default:
      break;
    }
  }

  const SourceFile& file_;
  std::ostream& out_;
  int depth_ = 0;
};

} // namespace

void dumpAst(const FileAst& ast, std::ostream& out) {
  Dumper(*ast.file, out).file(ast);
}

} // namespace slac::ast
