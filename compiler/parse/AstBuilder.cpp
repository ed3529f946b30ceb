#include "parse/AstBuilder.h"

#include "parse/Literals.h"

namespace slac::parse {

using namespace slac::ast;
using P = slac_grammar::SlaParser;

namespace {

// Literal tokens were validated before parsing (errors reported there), so
// a failed decoding here yields a placeholder in an AST that parseFile then
// withholds.
template <typename T> T valueOr(const Decoded<T>& decoded, T fallback = {}) {
  return decoded.ok() ? decoded.value() : fallback;
}

BinaryOp binaryOp(std::size_t tokenType) {
  switch (tokenType) {
  case P::STAR:
    return BinaryOp::Mul;
  case P::SLASH:
    return BinaryOp::Div;
  case P::PLUS:
    return BinaryOp::Add;
  case P::MINUS:
    return BinaryOp::Sub;
  case P::LT:
    return BinaryOp::Lt;
  case P::LE:
    return BinaryOp::Le;
  case P::GT:
    return BinaryOp::Gt;
  case P::GE:
    return BinaryOp::Ge;
  case P::EQ:
    return BinaryOp::Eq;
  default:
    return BinaryOp::Ne;
  }
}

AggregateFunction aggregateFunction(std::size_t tokenType) {
  switch (tokenType) {
  case P::COUNT:
    return AggregateFunction::Count;
  case P::RATIO:
    return AggregateFunction::Ratio;
  case P::SUM:
    return AggregateFunction::Sum;
  case P::MEAN:
    return AggregateFunction::Mean;
  case P::MIN:
    return AggregateFunction::Min;
  case P::MAX:
    return AggregateFunction::Max;
  case P::DOWNTIME:
    return AggregateFunction::Downtime;
  case P::UPTIME:
    return AggregateFunction::Uptime;
  default:
    return AggregateFunction::Percentile;
  }
}

} // namespace

// ---------------------------------------------------------------- pieces

SourceRange AstBuilder::range(const antlr4::Token* token) const {
  return file_.rangeOf(token->getStartIndex(), token->getStopIndex() + 1);
}

SourceRange AstBuilder::range(antlr4::tree::TerminalNode* node) const {
  return range(node->getSymbol());
}

SourceRange AstBuilder::range(antlr4::ParserRuleContext* ctx) const {
  const antlr4::Token* start = ctx->getStart();
  const antlr4::Token* stop = ctx->getStop();
  if (!stop || stop->getTokenIndex() < start->getTokenIndex())
    return SourceRange::point(file_.locationAt(start->getStartIndex()));
  return file_.rangeOf(start->getStartIndex(), stop->getStopIndex() + 1);
}

std::string_view AstBuilder::text(const antlr4::Token* token) const {
  return file_.text().substr(token->getStartIndex(),
                             token->getStopIndex() + 1 - token->getStartIndex());
}

std::string_view AstBuilder::text(antlr4::tree::TerminalNode* node) const {
  return text(node->getSymbol());
}

Identifier AstBuilder::ident(P::IdentContext* ctx) {
  return {std::string(text(ctx->getStart())), range(ctx)};
}

QualifiedName AstBuilder::qualifiedName(P::QualifiedNameContext* ctx) {
  QualifiedName name{{}, range(ctx)};
  for (P::IdentContext* part : ctx->ident())
    name.parts.push_back(ident(part));
  return name;
}

StringValue AstBuilder::string(antlr4::tree::TerminalNode* node) {
  return {decodeString(text(node)).value, range(node)};
}

std::optional<StringValue> AstBuilder::title(P::TitleContext* ctx) {
  if (!ctx)
    return std::nullopt;
  return string(ctx->STRING());
}

WeekdaySet AstBuilder::weekdays(P::WeekdaysContext* ctx) {
  auto index = [](P::WeekdayContext* day) {
    return static_cast<int>(day->getStart()->getType() - P::MON);
  };
  WeekdaySet days = 0;
  for (P::WeekdayRangeContext* dayRange : ctx->weekdayRange()) {
    int first = index(dayRange->weekday(0));
    int last = dayRange->weekday().size() > 1 ? index(dayRange->weekday(1)) : first;
    // `fri-mon` wraps around the weekend.
    for (int day = first;; day = (day + 1) % 7) {
      days |= static_cast<WeekdaySet>(1u << day);
      if (day == last)
        break;
    }
  }
  return days;
}

std::vector<TimeInterval> AstBuilder::intervals(const std::vector<P::TimeIntervalContext*>& list) {
  std::vector<TimeInterval> result;
  for (P::TimeIntervalContext* interval : list) {
    result.push_back({valueOr(decodeTimeOfDay(text(interval->TIME_OF_DAY(0)))),
                      valueOr(decodeTimeOfDay(text(interval->TIME_OF_DAY(1)))), range(interval)});
  }
  return result;
}

CivilDate AstBuilder::date(antlr4::tree::TerminalNode* node) {
  return valueOr(decodeDate(text(node)));
}

DateTime AstBuilder::dateTime(antlr4::tree::TerminalNode* node) {
  return valueOr(decodeDateTime(text(node)));
}

std::int64_t AstBuilder::duration(antlr4::tree::TerminalNode* node) {
  return valueOr(decodeDuration(text(node)));
}

std::int64_t AstBuilder::integer(antlr4::tree::TerminalNode* node) {
  return valueOr(decodeInt(text(node)));
}

PeriodUnit AstBuilder::periodUnit(P::PeriodUnitContext* ctx) {
  switch (ctx->getStart()->getType()) {
  case P::DAY:
  case P::DAYS:
    return PeriodUnit::Day;
  case P::WEEK:
  case P::WEEKS:
    return PeriodUnit::Week;
  case P::MONTH:
  case P::MONTHS:
    return PeriodUnit::Month;
  case P::QUARTER:
  case P::QUARTERS:
    return PeriodUnit::Quarter;
  default:
    return PeriodUnit::Year;
  }
}

NoDataPolicy AstBuilder::noDataPolicy(P::NoDataPolicyContext* ctx) {
  return ctx->MET() ? NoDataPolicy::Met : NoDataPolicy::Breached;
}

// ---------------------------------------------------------------- declarations

FileAst AstBuilder::build(P::FileContext* file) {
  FileAst ast{&file_, {}};
  for (P::DeclarationContext* decl : file->declaration())
    ast.declarations.push_back(declaration(decl));
  return ast;
}

const Decl* AstBuilder::declaration(P::DeclarationContext* ctx) {
  if (auto* decl = ctx->importDecl())
    return importDecl(decl);
  if (auto* decl = ctx->calendarDecl())
    return calendarDecl(decl);
  if (auto* decl = ctx->holidaysDecl())
    return holidaysDecl(decl);
  if (auto* decl = ctx->serviceDecl())
    return serviceDecl(decl);
  if (auto* decl = ctx->agreementDecl())
    return agreementDecl(decl);
  return testDecl(ctx->testDecl());
}

const Decl* AstBuilder::importDecl(P::ImportDeclContext* ctx) {
  auto* decl = make<ImportDecl>(range(ctx));
  if (ctx->qualifiedName())
    decl->target = qualifiedName(ctx->qualifiedName());
  else
    decl->target = string(ctx->STRING());
  if (ctx->ident())
    decl->alias = ident(ctx->ident());
  return decl;
}

const Decl* AstBuilder::calendarDecl(P::CalendarDeclContext* ctx) {
  auto* decl = make<CalendarDecl>(range(ctx));
  decl->name = ident(ctx->ident());
  decl->title = title(ctx->title());
  for (P::CalendarItemContext* item : ctx->calendarItem())
    decl->items.push_back(calendarItem(item));
  return decl;
}

CalendarItem AstBuilder::calendarItem(P::CalendarItemContext* ctx) {
  SourceRange where = range(ctx);
  if (auto* item = dynamic_cast<P::ZoneItemContext*>(ctx))
    return ZoneItem{string(item->STRING()), where};
  if (dynamic_cast<P::AlwaysItemContext*>(ctx))
    return AlwaysItem{where};
  if (auto* item = dynamic_cast<P::WeeklyHoursItemContext*>(ctx))
    return WeeklyHoursItem{weekdays(item->weekdays()), intervals(item->timeInterval()), where};
  if (auto* item = dynamic_cast<P::ClosedItemContext*>(ctx)) {
    ClosedItem closed{{}, where};
    for (P::ClosedEntryContext* entry : item->closedEntry()) {
      if (auto* dates = dynamic_cast<P::ClosedDatesContext*>(entry)) {
        CivilDate first = date(dates->DATE(0));
        CivilDate last = dates->DATE().size() > 1 ? date(dates->DATE(1)) : first;
        closed.entries.emplace_back(ClosedDates{first, last, range(entry)});
      } else {
        closed.entries.emplace_back(
            qualifiedName(dynamic_cast<P::ClosedHolidaysContext*>(entry)->qualifiedName()));
      }
    }
    return closed;
  }
  if (auto* item = dynamic_cast<P::OpenDateItemContext*>(ctx))
    return OpenDateItem{date(item->DATE()), intervals(item->timeInterval()), where};
  if (auto* item = dynamic_cast<P::WindowItemContext*>(ctx))
    return WindowItem{dateTime(item->DATETIME(0)), dateTime(item->DATETIME(1)), where};
  if (auto* item = dynamic_cast<P::CalendarFileItemContext*>(ctx))
    return CalendarFileItem{item->WINDOW() ? CalendarFileItem::Kind::Windows
                                           : CalendarFileItem::Kind::ClosedDates,
                            string(item->STRING()), where};
  auto* item = dynamic_cast<P::BusinessDayItemContext*>(ctx);
  return BusinessDayItem{duration(item->DURATION()), where};
}

const Decl* AstBuilder::holidaysDecl(P::HolidaysDeclContext* ctx) {
  auto* decl = make<HolidaysDecl>(range(ctx));
  decl->name = ident(ctx->ident());
  decl->title = title(ctx->title());
  for (P::HolidayContext* holiday : ctx->holiday()) {
    std::optional<StringValue> description;
    if (holiday->STRING())
      description = string(holiday->STRING());
    decl->holidays.push_back({date(holiday->DATE()), description, range(holiday)});
  }
  return decl;
}

const Decl* AstBuilder::serviceDecl(P::ServiceDeclContext* ctx) {
  auto* decl = make<ServiceDecl>(range(ctx));
  decl->name = ident(ctx->ident());
  decl->title = title(ctx->title());
  for (P::ServiceItemContext* item : ctx->serviceItem()) {
    if (item->enumDecl())
      decl->members.push_back(enumDecl(item->enumDecl()));
    else if (item->streamDecl())
      decl->members.push_back(streamDecl(item->streamDecl()));
    else if (item->letDecl())
      decl->members.push_back(letDecl(item->letDecl()));
    else
      decl->members.push_back(metricDecl(item->metricDecl()));
  }
  return decl;
}

const Decl* AstBuilder::enumDecl(P::EnumDeclContext* ctx) {
  auto* decl = make<EnumDecl>(range(ctx));
  decl->name = ident(ctx->ident());
  decl->ignoreCase = ctx->IGNORING() != nullptr;
  for (P::EnumCaseContext* enumCase : ctx->enumCase()) {
    decl->cases.push_back(ident(enumCase->ident()));
    std::vector<StringValue> spellings;
    for (antlr4::tree::TerminalNode* spelling : enumCase->STRING())
      spellings.push_back(string(spelling));
    decl->spellings.push_back(std::move(spellings));
  }
  return decl;
}

const Decl* AstBuilder::streamDecl(P::StreamDeclContext* ctx) {
  auto* decl = make<StreamDecl>(range(ctx));
  decl->name = ident(ctx->ident(0));
  decl->eventTime = ident(ctx->ident(1));
  if (ctx->FROM())
    decl->intervalEnd = ident(ctx->ident(2));
  if (ctx->localZone())
    decl->localZone = string(ctx->localZone()->STRING());
  for (P::StreamItemContext* item : ctx->streamItem()) {
    if (item->fieldDecl())
      decl->members.push_back(fieldDecl(item->fieldDecl()));
    else if (item->letDecl())
      decl->members.push_back(letDecl(item->letDecl()));
    else
      decl->csvDialects.push_back(csvDialect(item->csvDialect()));
  }
  return decl;
}

CsvDialectItem AstBuilder::csvDialect(P::CsvDialectContext* ctx) {
  CsvDialectItem item{{}, {}, range(ctx)};
  if (ctx->SEPARATOR())
    item.separator = string(ctx->STRING(0));
  if (ctx->DECIMAL_MARK())
    item.decimalMark = string(ctx->STRING(ctx->SEPARATOR() ? 1 : 0));
  return item;
}

const Decl* AstBuilder::fieldDecl(P::FieldDeclContext* ctx) {
  auto* decl = make<FieldDecl>(range(ctx));
  decl->name = ident(ctx->ident(0));
  decl->type = ident(ctx->ident(1));
  if (ctx->currency)
    decl->currency = Identifier{std::string(text(ctx->currency)), range(ctx->currency)};
  decl->optional = ctx->early || ctx->late;
  // `money? EUR`: the currency belongs to the type, the `?` after both.
  if (ctx->early && ctx->currency) {
    SourceRange written = range(ctx->early).to(range(ctx->currency));
    diagnostics_
        .report(DiagnosticKind::FieldCurrency, written,
                fmt::format("the `?` of an optional field goes after its currency: "
                            "`{}: {} {}?`",
                            decl->name.name, decl->type.name, decl->currency->name))
        .fixIt(written, fmt::format("{}?", decl->currency->name));
  }
  // A repeated option is reported, and the first one kept.
  auto once = [&](auto& slot, auto value, P::FieldOptionContext* option, const char* name) {
    if (slot)
      diagnostics_.report(
          DiagnosticKind::MisplacedDataOption, range(option),
          fmt::format("field `{}` already says `{}`; say it once", decl->name.name, name));
    else
      slot = std::move(value);
  };
  for (P::FieldOptionContext* option : ctx->fieldOption()) {
    if (auto* column = dynamic_cast<P::ColumnOptionContext*>(option))
      once(decl->column, string(column->STRING()), option, "from");
    else if (auto* currency = dynamic_cast<P::CurrencyColumnOptionContext*>(option))
      once(decl->currencyColumn, string(currency->STRING()), option, "currency");
    else if (auto* format = dynamic_cast<P::AsOptionContext*>(option))
      once(decl->format, ident(format->ident()), option, "as");
    else if (auto* timeFormat = dynamic_cast<P::TimeFormatOptionContext*>(option))
      once(decl->timeFormat, string(timeFormat->STRING()), option, "format");
    else
      once(decl->localZone,
           string(dynamic_cast<P::LocalZoneOptionContext*>(option)->localZone()->STRING()), option,
           "local in");
  }
  return decl;
}

const Decl* AstBuilder::letDecl(P::LetDeclContext* ctx) {
  auto* decl = make<LetDecl>(range(ctx));
  decl->name = ident(ctx->ident());
  decl->value = expr(ctx->expr(), 0);
  return decl;
}

const Decl* AstBuilder::metricDecl(P::MetricDeclContext* ctx) {
  auto* decl = make<MetricDecl>(range(ctx));
  decl->name = ident(ctx->ident());
  decl->title = title(ctx->title());
  decl->value = expr(ctx->expr(), 0);
  return decl;
}

const Decl* AstBuilder::agreementDecl(P::AgreementDeclContext* ctx) {
  auto* decl = make<AgreementDecl>(range(ctx));
  decl->name = ident(ctx->ident());
  decl->title = title(ctx->title());
  if (ctx->qualifiedName())
    decl->supports = qualifiedName(ctx->qualifiedName());
  agreementItems(ctx->agreementItem(), decl);
  return decl;
}

const RevisionDecl* AstBuilder::revisionDecl(P::RevisionDeclContext* ctx) {
  auto* decl = make<RevisionDecl>(range(ctx));
  decl->name = ident(ctx->ident());
  decl->title = title(ctx->title());
  decl->from = date(ctx->DATE());
  decl->fromRange = range(ctx->DATE());
  agreementItems(ctx->agreementItem(), decl);
  return decl;
}

template <typename Body>
void AstBuilder::agreementItems(const std::vector<P::AgreementItemContext*>& items, Body* decl) {
  for (P::AgreementItemContext* item : items) {
    SourceRange where = range(item);
    if (auto* party = dynamic_cast<P::ProviderItemContext*>(item))
      decl->items.emplace_back(
          PartyItem{PartyItem::Role::Provider, string(party->STRING()), where});
    else if (auto* customer = dynamic_cast<P::CustomerItemContext*>(item))
      decl->items.emplace_back(
          PartyItem{PartyItem::Role::Customer, string(customer->STRING()), where});
    else if (auto* effective = dynamic_cast<P::EffectiveItemContext*>(item))
      decl->items.emplace_back(
          EffectiveItem{date(effective->DATE(0)), date(effective->DATE(1)), where});
    else if (auto* zone = dynamic_cast<P::AgreementZoneItemContext*>(item))
      decl->items.emplace_back(ZoneItem{string(zone->STRING()), where});
    else if (auto* fee = dynamic_cast<P::FeeItemContext*>(item))
      decl->items.emplace_back(feeItem(fee, where));
    else if (auto* review = dynamic_cast<P::ReviewItemContext*>(item))
      decl->items.emplace_back(
          ReviewItem{integer(review->INT()), periodUnit(review->periodUnit()), where});
    else if (auto* noData = dynamic_cast<P::NoDataItemContext*>(item))
      decl->items.emplace_back(NoDataItem{noDataPolicy(noData->noDataPolicy()), where});
    else if (auto* objective = dynamic_cast<P::ObjectiveItemContext*>(item))
      decl->members.push_back(objectiveDecl(objective->objectiveDecl()));
    else if (auto* remedy = dynamic_cast<P::RemedyItemContext*>(item))
      decl->members.push_back(remedyDecl(remedy->remedyDecl()));
    else if (auto* cap = dynamic_cast<P::CapItemContext*>(item))
      decl->members.push_back(capDecl(cap->capDecl()));
    else if (auto* allow = dynamic_cast<P::AllowItemContext*>(item))
      decl->acknowledgements.push_back(acknowledgement(allow->acknowledgement()));
    else if (auto* revision = dynamic_cast<P::RevisionItemContext*>(item))
      decl->revisions.push_back(revisionDecl(revision->revisionDecl()));
    else
      decl->members.push_back(
          terminateDecl(dynamic_cast<P::TerminateItemContext*>(item)->terminateDecl()));
  }
}

FeeItem AstBuilder::feeItem(P::FeeItemContext* ctx, SourceRange where) {
  FeeItem fee;
  fee.per = periodUnit(ctx->periodUnit());
  fee.range = where;
  fee.count = ctx->INT() ? integer(ctx->INT()) : 1;
  if (auto* fixed = dynamic_cast<P::FixedFeeContext*>(ctx->feeAmount())) {
    fee.amount = valueOr(decodeMoney(text(fixed->MONEY())));
  } else {
    auto* byClass = dynamic_cast<P::FeeByClassContext*>(ctx->feeAmount());
    fee.classField = ident(byClass->ident());
    fee.classArms = matchArms(byClass->matchArm(), 0);
  }
  return fee;
}

const Decl* AstBuilder::objectiveDecl(P::ObjectiveDeclContext* ctx) {
  auto* decl = make<ObjectiveDecl>(range(ctx));
  decl->name = ident(ctx->ident());
  decl->title = title(ctx->title());
  // The comparison is the objective's own structure, not an expression
  // that yields a bool: split it here so that no later phase has to.
  if (auto* comparison = dynamic_cast<P::ComparisonExprContext*>(ctx->expr())) {
    decl->metric = expr(comparison->expr(0), 1);
    decl->comparison = binaryOp(comparison->op->getType());
    decl->comparisonRange = range(comparison->op);
    decl->target = expr(comparison->expr(1), 1);
  } else {
    diagnostics_.report(DiagnosticKind::ObjectiveWithoutComparison, range(ctx->expr()));
  }
  for (P::ObjectiveClauseContext* clause : ctx->objectiveClause())
    if (auto* allow = dynamic_cast<P::AllowClauseContext*>(clause))
      decl->acknowledgements.push_back(acknowledgement(allow->acknowledgement()));
    else
      decl->clauses.push_back(objectiveClause(clause));
  return decl;
}

ObjectiveClause AstBuilder::objectiveClause(P::ObjectiveClauseContext* ctx) {
  SourceRange where = range(ctx);
  if (auto* during = dynamic_cast<P::DuringClauseContext*>(ctx))
    return CalendarFilter{CalendarFilter::Mode::During, qualifiedName(during->qualifiedName()),
                          where};
  if (auto* outside = dynamic_cast<P::OutsideClauseContext*>(ctx))
    return CalendarFilter{CalendarFilter::Mode::Outside, qualifiedName(outside->qualifiedName()),
                          where};
  if (auto* excluding = dynamic_cast<P::ExcludingClauseContext*>(ctx))
    return CalendarFilter{CalendarFilter::Mode::Excluding,
                          qualifiedName(excluding->qualifiedName()), where};
  if (auto* over = dynamic_cast<P::OverClauseContext*>(ctx)) {
    Period period{std::nullopt, 0, range(over->period())};
    if (auto* calendarPeriod = dynamic_cast<P::CalendarPeriodContext*>(over->period()))
      period.unit = periodUnit(calendarPeriod->periodUnit());
    else
      period.rollingMicros =
          duration(dynamic_cast<P::RollingPeriodContext*>(over->period())->DURATION());
    return OverClause{period, where};
  }
  if (auto* per = dynamic_cast<P::PerClauseContext*>(ctx)) {
    PerClause clause{{}, where};
    for (auto* field : per->ident())
      clause.fields.push_back(ident(field));
    return clause;
  }
  auto* noData = dynamic_cast<P::NoDataClauseContext*>(ctx);
  return NoDataItem{noDataPolicy(noData->noDataPolicy()), where};
}

Acknowledgement AstBuilder::acknowledgement(P::AcknowledgementContext* ctx) {
  return {ident(ctx->ident()), string(ctx->STRING()), range(ctx)};
}

const Decl* AstBuilder::remedyDecl(P::RemedyDeclContext* ctx) {
  auto* decl = make<RemedyDecl>(range(ctx));
  decl->name = ident(ctx->ident(0));
  decl->title = title(ctx->title());
  decl->objective = ident(ctx->ident(1));
  for (P::RemedyRuleContext* rule : ctx->remedyRule())
    if (auto* allow = dynamic_cast<P::AllowRuleContext*>(rule))
      decl->acknowledgements.push_back(acknowledgement(allow->acknowledgement()));
    else
      decl->rules.push_back(remedyRule(rule));
  return decl;
}

RemedyRule AstBuilder::remedyRule(P::RemedyRuleContext* ctx) {
  SourceRange where = range(ctx);
  auto payout = [](P::PayoutContext* payoutCtx) {
    return payoutCtx->CREDIT() ? Payout::Credit : Payout::Bonus;
  };
  if (auto* tier = dynamic_cast<P::TierRuleContext*>(ctx)) {
    auto limit = [&](std::size_t i) {
      P::TierBoundContext* boundCtx = tier->tierBound(i);
      TierBound bound = TierBound::Below;
      if (dynamic_cast<P::AtOrBelowBoundContext*>(boundCtx))
        bound = TierBound::AtOrBelow;
      else if (dynamic_cast<P::AboveBoundContext*>(boundCtx))
        bound = TierBound::Above;
      else if (dynamic_cast<P::AtOrAboveBoundContext*>(boundCtx))
        bound = TierBound::AtOrAbove;
      return TierLimit{bound, expr(tier->expr(i), 0)};
    };
    bool twoLimits = tier->tierBound().size() == 2;
    return TierRule{limit(0), twoLimits ? std::optional<TierLimit>(limit(1)) : std::nullopt,
                    payout(tier->payout()), expr(tier->expr(twoLimits ? 2 : 1), 0), where};
  }
  if (auto* perBreach = dynamic_cast<P::PerBreachRuleContext*>(ctx))
    return PerBreachRule{payout(perBreach->payout()), expr(perBreach->expr(), 0), where};
  auto* cap = dynamic_cast<P::RemedyCapRuleContext*>(ctx);
  return RemedyCapRule{expr(cap->expr(), 0), where};
}

const Decl* AstBuilder::capDecl(P::CapDeclContext* ctx) {
  auto* decl = make<CapDecl>(range(ctx));
  decl->amount = expr(ctx->expr(), 0);
  if (ctx->periodUnit())
    decl->per = periodUnit(ctx->periodUnit());
  return decl;
}

const Decl* AstBuilder::terminateDecl(P::TerminateDeclContext* ctx) {
  auto* decl = make<TerminateDecl>(range(ctx));
  decl->objective = ident(ctx->ident());
  decl->count = integer(ctx->INT());
  decl->unit = periodUnit(ctx->periodUnit());
  return decl;
}

const Decl* AstBuilder::testDecl(P::TestDeclContext* ctx) {
  auto* decl = make<TestDecl>(range(ctx));
  decl->description = string(ctx->STRING());
  for (P::TestItemContext* item : ctx->testItem())
    decl->items.push_back(testItem(item));
  return decl;
}

TestItem AstBuilder::testItem(P::TestItemContext* ctx) {
  SourceRange where = range(ctx);
  if (auto* data = dynamic_cast<P::DataItemContext*>(ctx))
    return DataItem{qualifiedName(data->qualifiedName()), string(data->STRING()), where};
  if (auto* at = dynamic_cast<P::AtItemContext*>(ctx))
    return AtItem{dateTime(at->DATETIME()), where};
  auto* expect = dynamic_cast<P::ExpectItemContext*>(ctx);
  ExpectItem item{qualifiedName(expect->qualifiedName()),
                  std::nullopt,
                  std::nullopt,
                  binaryOp(expect->comparison->getType()),
                  expr(expect->expr(), 0),
                  where};
  if (expect->STRING())
    item.group = string(expect->STRING());
  if (P::PeriodLiteralContext* period = expect->periodLiteral())
    item.period = periodLiteral(period);
  return item;
}

std::optional<PeriodLiteral> AstBuilder::periodLiteral(P::PeriodLiteralContext* ctx) {
  SourceRange whole = range(ctx);
  std::string_view spelling =
      file_.text().substr(whole.begin.offset - file_.base(), whole.end.offset - whole.begin.offset);
  auto invalid = [&](std::string_view reason) {
    diagnostics_.report(DiagnosticKind::InvalidPeriod, whole, spelling, reason);
    return std::nullopt;
  };
  if (ctx->DATE())
    return PeriodLiteral{PeriodUnit::Day, date(ctx->DATE()), whole};
  std::vector<antlr4::tree::TerminalNode*> numbers = ctx->INT();
  std::string_view year = text(numbers.front()->getSymbol());
  if (year.size() != 4)
    return invalid("a period starts with a four-digit year, like `2026-03`");
  PeriodLiteral literal{PeriodUnit::Year, {std::stoi(std::string(year)), 1, 1}, whole};
  if (!ctx->MINUS())
    return literal;
  if (spelling.find_first_of(" \t\r\n") != std::string_view::npos)
    return invalid("write a period without spaces, like `2026-03` or `2026-Q1`");
  if (numbers.size() == 2) {
    std::string_view month = text(numbers.back()->getSymbol());
    if (month.size() != 2)
      return invalid("a month has two digits, like `2026-03`");
    int value = std::stoi(std::string(month));
    if (value < 1 || value > 12)
      return invalid(fmt::format("month {:02} is not between 01 and 12", value));
    literal.unit = PeriodUnit::Month;
    literal.start.month = static_cast<std::uint8_t>(value);
    return literal;
  }
  std::string_view quarter = text(ctx->ident()->getStart());
  if (quarter.size() != 2 || quarter[0] != 'Q')
    return invalid("expected a month like `2026-03` or a quarter like `2026-Q1`");
  if (quarter[1] < '1' || quarter[1] > '4')
    return invalid("quarters go from Q1 to Q4");
  literal.unit = PeriodUnit::Quarter;
  literal.start.month = static_cast<std::uint8_t>((quarter[1] - '1') * 3 + 1);
  return literal;
}

// ---------------------------------------------------------------- expressions

std::vector<const Expr*> AstBuilder::exprs(const std::vector<P::ExprContext*>& list,
                                           std::size_t depth) {
  std::vector<const Expr*> result;
  for (P::ExprContext* ctx : list)
    result.push_back(expr(ctx, depth));
  return result;
}

const Expr* AstBuilder::expr(P::ExprContext* ctx, std::size_t depth) {
  if (depth > limits_.maxExpressionDepth) {
    if (!depthReported_)
      diagnostics_.report(DiagnosticKind::NestingTooDeep, range(ctx), limits_.maxExpressionDepth);
    depthReported_ = true;
    return nullptr;
  }
  SourceRange where = range(ctx);
  std::size_t next = depth + 1;
  if (auto* primaryExpr = dynamic_cast<P::PrimaryExprContext*>(ctx))
    return primary(primaryExpr->primary(), next);
  if (auto* member = dynamic_cast<P::MemberExprContext*>(ctx))
    return context_.make<MemberExpr>(where, expr(member->expr(), next), ident(member->ident()));
  if (auto* negate = dynamic_cast<P::NegateExprContext*>(ctx))
    return context_.make<UnaryExpr>(where, UnaryOp::Negate, expr(negate->expr(), next));
  if (auto* notExpr = dynamic_cast<P::NotExprContext*>(ctx))
    return context_.make<UnaryExpr>(where, UnaryOp::Not, expr(notExpr->expr(), next));
  if (auto* isSet = dynamic_cast<P::IsSetExprContext*>(ctx))
    return context_.make<IsSetExpr>(where, expr(isSet->expr(), next), isSet->NOT() != nullptr);

  // The binary forms differ only in where their operator token is.
  P::ExprContext* lhs = nullptr;
  P::ExprContext* rhs = nullptr;
  const antlr4::Token* op = nullptr;
  if (auto* binary = dynamic_cast<P::MultiplicativeExprContext*>(ctx))
    lhs = binary->expr(0), rhs = binary->expr(1), op = binary->op;
  else if (auto* additive = dynamic_cast<P::AdditiveExprContext*>(ctx))
    lhs = additive->expr(0), rhs = additive->expr(1), op = additive->op;
  else if (auto* comparison = dynamic_cast<P::ComparisonExprContext*>(ctx))
    lhs = comparison->expr(0), rhs = comparison->expr(1), op = comparison->op;
  else if (auto* andExpr = dynamic_cast<P::AndExprContext*>(ctx))
    lhs = andExpr->expr(0), rhs = andExpr->expr(1), op = andExpr->AND()->getSymbol();
  else if (auto* orExpr = dynamic_cast<P::OrExprContext*>(ctx))
    lhs = orExpr->expr(0), rhs = orExpr->expr(1), op = orExpr->OR()->getSymbol();
  BinaryOp binaryOperator = op->getType() == P::AND  ? BinaryOp::And
                            : op->getType() == P::OR ? BinaryOp::Or
                                                     : binaryOp(op->getType());
  return context_.make<BinaryExpr>(where, binaryOperator, range(op), expr(lhs, next),
                                   expr(rhs, next));
}

const Expr* AstBuilder::primary(P::PrimaryContext* ctx, std::size_t depth) {
  SourceRange where = range(ctx);
  std::size_t next = depth + 1;
  if (auto* literalPrimary = dynamic_cast<P::LiteralPrimaryContext*>(ctx))
    return literal(literalPrimary->literal());
  if (auto* name = dynamic_cast<P::NamePrimaryContext*>(ctx))
    return context_.make<NameExpr>(ident(name->ident()));
  if (auto* paren = dynamic_cast<P::ParenPrimaryContext*>(ctx))
    return expr(paren->expr(), next);
  if (auto* call = dynamic_cast<P::CallPrimaryContext*>(ctx)) {
    P::CalleeContext* callee = call->callee();
    std::vector<const Expr*> args;
    for (P::CallArgumentContext* argument : call->callArgument()) {
      if (auto* plain = dynamic_cast<P::PlainArgumentContext*>(argument)) {
        args.push_back(expr(plain->expr(), next));
        continue;
      }
      auto* pauses = dynamic_cast<P::PausesArgumentContext*>(argument);
      args.push_back(context_.make<PausesExpr>(range(pauses), ident(pauses->ident()),
                                               expr(pauses->expr(0), next),
                                               expr(pauses->expr(1), next)));
    }
    return context_.make<CallExpr>(
        where, Identifier{std::string(text(callee->getStart())), range(callee)}, std::move(args));
  }
  if (auto* aggregate = dynamic_cast<P::AggregatePrimaryContext*>(ctx)) {
    P::AggregateSourceContext* source = aggregate->aggregateSource();
    const Expr* filter = source->expr().size() > 1 ? expr(source->expr(1), next) : nullptr;
    return context_.make<AggregateExpr>(
        where, aggregateFunction(aggregate->aggregateFunction()->getStart()->getType()),
        aggregate->APPROX() != nullptr, expr(source->expr(0), next), filter,
        exprs(aggregate->expr(), next));
  }
  if (auto* slices = dynamic_cast<P::SlicesPrimaryContext*>(ctx)) {
    MissingSlices missing = !slices->MISSING() ? MissingSlices::Skip
                            : slices->GOOD()   ? MissingSlices::Good
                                               : MissingSlices::Bad;
    return context_.make<SlicesExpr>(where, expr(slices->expr(), next), missing);
  }
  auto* match = dynamic_cast<P::MatchPrimaryContext*>(ctx);
  return context_.make<MatchExpr>(where, expr(match->expr(), next),
                                  matchArms(match->matchArm(), next));
}

std::vector<MatchArm> AstBuilder::matchArms(const std::vector<P::MatchArmContext*>& contexts,
                                            std::size_t depth) {
  std::vector<MatchArm> arms;
  for (P::MatchArmContext* arm : contexts) {
    MatchArm built{{}, expr(arm->expr(), depth), range(arm)};
    for (P::IdentContext* pattern : arm->ident())
      built.patterns.push_back(ident(pattern));
    arms.push_back(std::move(built));
  }
  return arms;
}

const Expr* AstBuilder::literal(P::LiteralContext* ctx) {
  SourceRange where = range(ctx);
  const antlr4::Token* token = ctx->getStart();
  std::string spelling(text(token));
  switch (token->getType()) {
  case P::INT:
    if (auto* days = dynamic_cast<P::BusinessDaysLiteralContext*>(ctx))
      return context_.make<BusinessDaysLiteral>(
          where, integer(days->INT()),
          std::string(file_.text().substr(where.begin.offset - file_.base(),
                                          where.end.offset - where.begin.offset)));
    return context_.make<IntLiteral>(where, valueOr(decodeInt(spelling)), spelling);
  case P::DECIMAL:
    return context_.make<DecimalLiteral>(where, valueOr(decodeDecimal(spelling)), spelling);
  case P::PERCENT:
    return context_.make<PercentLiteral>(
        where, valueOr(decodeDecimal(std::string_view(spelling).substr(0, spelling.size() - 1))),
        spelling);
  case P::DURATION:
    return context_.make<DurationLiteral>(where, valueOr(decodeDuration(spelling)), spelling);
  case P::MONEY:
    return context_.make<MoneyLiteral>(where, valueOr(decodeMoney(spelling)), spelling);
  case P::DATE:
    return context_.make<DateLiteral>(where, valueOr(decodeDate(spelling)), spelling);
  case P::DATETIME:
    return context_.make<DateTimeLiteral>(where, valueOr(decodeDateTime(spelling)), spelling);
  case P::STRING:
    return context_.make<StringLiteral>(where, decodeString(spelling).value, spelling);
  default:
    return context_.make<BoolLiteral>(where, token->getType() == P::TRUE, spelling);
  }
}

} // namespace slac::parse
