#include "check/PlanBuilder.h"

#include "ast/ExprWalk.h"
#include "check/ClosestName.h"
#include "check/ExprChecker.h"
#include "modules/Lookup.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fmt/format.h>
#include <set>

namespace slac::check {

namespace {

using plan::Type;
using plan::TypeKind;

plan::PeriodUnit lowerUnit(ast::PeriodUnit unit) {
  return static_cast<plan::PeriodUnit>(unit);
}

plan::Comparison lowerComparison(ast::BinaryOp op) {
  switch (op) {
  case ast::BinaryOp::Lt:
    return plan::Comparison::Lt;
  case ast::BinaryOp::Le:
    return plan::Comparison::Le;
  case ast::BinaryOp::Gt:
    return plan::Comparison::Gt;
  case ast::BinaryOp::Eq:
    return plan::Comparison::Eq;
  case ast::BinaryOp::Ne:
    return plan::Comparison::Ne;
  default:
    return plan::Comparison::Ge;
  }
}

// Every stream an expression reads, through aggregates and slices.
void collectStreams(const plan::Program& program, const plan::Expr* expr,
                    std::set<std::uint32_t>& streams) {
  if (!expr)
    return;
  if (expr->kind == plan::ExprKind::Aggregate) {
    const plan::Aggregate& aggregate = program.aggregates[expr->slot];
    if (aggregate.stream != plan::kNoSlot)
      streams.insert(aggregate.stream);
    else {
      collectStreams(program, aggregate.filter, streams);
      collectStreams(program, aggregate.value, streams);
    }
  }
  for (const plan::Expr* operand : expr->operands)
    collectStreams(program, operand, streams);
}

class PlanBuilder {
public:
  PlanBuilder(const std::vector<const modules::Module*>& modules, const ResolvedNames& names,
              const SourceManager& sources, DiagnosticEngine& diagnostics, ConstantFacts* facts)
      : modules_(modules), names_(names), state_(modules, sources, diagnostics), facts_(facts) {}

  std::optional<plan::Program> build() {
    for (const modules::Module* module : modules_)
      for (const ast::Decl* decl : module->ast.declarations)
        if (const auto* service = dyn_cast<ast::ServiceDecl>(decl))
          buildService(*module, *service);
    for (const modules::Module* module : modules_)
      for (const ast::Decl* decl : module->ast.declarations)
        if (const auto* agreement = dyn_cast<ast::AgreementDecl>(decl))
          buildAgreement(*module, *agreement);
    for (auto& [agreement, index] : agreements_)
      if (auto supported = names_.supported.find(agreement); supported != names_.supported.end())
        if (auto target = agreements_.find(supported->second); target != agreements_.end())
          state_.program.agreements[index].supports = target->second;
    for (const modules::Module* module : modules_)
      for (const ast::Decl* decl : module->ast.declarations)
        if (const auto* test = dyn_cast<ast::TestDecl>(decl))
          buildTest(*module, *test);
    if (state_.diagnostics.hasErrors())
      return std::nullopt;
    return std::move(state_.program);
  }

private:
  // ---------------------------------------------------------- services

  void buildService(const modules::Module& module, const ast::ServiceDecl& service) {
    ExprScope scope{&module, &service};
    for (const ast::Decl* member : service.members)
      if (const auto* enumDecl = dyn_cast<ast::EnumDecl>(member))
        state_.enumIndex(*enumDecl);
    for (const ast::Decl* member : service.members)
      if (const auto* stream = dyn_cast<ast::StreamDecl>(member))
        if (std::optional<std::uint32_t> index = state_.streamIndex(*stream)) {
          ExprScope record = scope;
          record.stream = stream;
          record.streamIndex = *index;
          exprs_.checkStreamLets(*stream, record);
        }
    for (const ast::Decl* member : service.members)
      if (const auto* let = dyn_cast<ast::LetDecl>(member); let && !readsFields(service, *let)) {
        ExprScope constant = scope;
        constant.role = "a service's `let`";
        exprs_.check(let->value, constant);
      }
    for (const ast::Decl* member : service.members)
      if (const auto* metric = dyn_cast<ast::MetricDecl>(member))
        buildMetric(scope, *metric);
  }

  // A service-level let that names a field is a per-record formula; it is
  // checked where a stream uses it.
  static bool readsFields(const ast::ServiceDecl& service, const ast::LetDecl& let) {
    std::set<std::string> fields;
    for (const ast::Decl* member : service.members)
      if (const auto* stream = dyn_cast<ast::StreamDecl>(member))
        for (const ast::Decl* field : stream->members)
          fields.insert(field->name.name);
    bool reads = false;
    ast::forEachExpr(let.value, [&](const ast::Expr* expr) {
      if (const auto* name = dyn_cast<ast::NameExpr>(expr))
        reads = reads || fields.count(name->name().name);
    });
    return reads;
  }

  void buildMetric(const ExprScope& scope, const ast::MetricDecl& metric) {
    const plan::Expr* value = exprs_.check(metric.value, scope);
    if (!value)
      return;
    std::set<std::uint32_t> streams;
    collectStreams(state_.program, value, streams);
    state_.metrics[&metric] = static_cast<std::uint32_t>(state_.program.metrics.size());
    state_.program.metrics.push_back(
        {scope.service->name.name, metric.name.name, metric.title ? metric.title->value : "", value,
         std::vector<std::uint32_t>(streams.begin(), streams.end()), metric.range()});
  }

  // -------------------------------------------------------- agreements

  void buildAgreement(const modules::Module& module, const ast::AgreementDecl& decl) {
    plan::Agreement agreement;
    agreement.name = decl.name.name;
    agreement.title = decl.title ? decl.title->value : "";
    agreement.range = decl.range();
    plan::NoDataPolicy noData = plan::NoDataPolicy::Report;
    for (const ast::AgreementItem& item : decl.items) {
      if (const auto* party = std::get_if<ast::PartyItem>(&item);
          party && party->role == ast::PartyItem::Role::Customer)
        agreement.customer = party->name.value;
      else if (const auto* policy = std::get_if<ast::NoDataItem>(&item))
        noData = policy->policy == ast::NoDataPolicy::Met ? plan::NoDataPolicy::Met
                                                          : plan::NoDataPolicy::Breached;
    }
    classFee_ = nullptr;
    fillHeader(decl, agreement);
    feeReported_ = false;
    ExprScope scope{&module, nullptr};
    scope.role = "an agreement";
    std::map<std::string, std::uint32_t> objectives;
    // By name, the last of a name as the remedies' scope has always taken
    // it; a map, because an agreement may have thousands of both.
    std::map<std::string_view, const ast::ObjectiveDecl*> objectiveDecls;
    for (const ast::Decl* member : decl.members)
      if (const auto* objective = dyn_cast<ast::ObjectiveDecl>(member)) {
        objectiveDecls[objective->name.name] = objective;
        if (auto built = buildObjective(module, *objective, noData)) {
          objectives[objective->name.name] =
              static_cast<std::uint32_t>(agreement.objectives.size());
          agreement.objectives.push_back(std::move(*built));
        } else {
          leftOut(objective->range(), "objective", objective->name.name);
        }
      }
    if (classFee_) {
      agreement.fee = feeByClass(*classFee_, scope, agreement);
      // Its percents have no fee then, for a reason already reported.
      feeReported_ = !agreement.fee;
    }
    buildRemediesCapsAndTerminations(module, decl.members, objectives, objectiveDecls, scope,
                                     agreement);
    checkClassFeeGroups(agreement);
    buildRevisions(module, decl, objectives, objectiveDecls, noData, agreement);
    agreements_[&decl] = static_cast<std::uint32_t>(state_.program.agreements.size());
    state_.program.agreements.push_back(std::move(agreement));
  }

  // Each revision's terms, complete: those before it, with what it restates
  // replaced (docs/language.md, "Amendments"). The terms in force are kept
  // as an agreement so that its items are built as the agreement's are.
  void buildRevisions(const modules::Module& module, const ast::AgreementDecl& decl,
                      const std::map<std::string, std::uint32_t>& objectives,
                      std::map<std::string_view, const ast::ObjectiveDecl*> objectiveDecls,
                      plan::NoDataPolicy noData, plan::Agreement& agreement) {
    plan::Agreement terms;
    terms.name = agreement.name;
    terms.fee = agreement.fee;
    terms.objectives = agreement.objectives;
    terms.remedies = agreement.remedies;
    terms.caps = agreement.caps;
    terms.terminations = agreement.terminations;
    ExprScope scope{&module, nullptr};
    scope.role = "an agreement";
    const ast::RevisionDecl* previous = nullptr;
    for (const ast::RevisionDecl* revision : decl.revisions) {
      checkRevisionItems(*revision);
      checkRevisionDate(*revision, previous, agreement);
      previous = revision;
      const ast::FeeItem* classFee = nullptr;
      for (const ast::AgreementItem& item : revision->items)
        if (const auto* fee = std::get_if<ast::FeeItem>(&item)) {
          if (fee->classField)
            classFee = fee;
          else
            terms.fee = fixedFee(*fee);
        }
      for (const ast::Decl* member : revision->members)
        if (const auto* restated = dyn_cast<ast::ObjectiveDecl>(member)) {
          auto index = objectives.find(restated->name.name);
          if (index == objectives.end())
            continue; // not an objective of the agreement, reported by name resolution
          std::optional<plan::Objective> built = buildObjective(module, *restated, noData);
          if (!built) {
            leftOut(restated->range(), "objective", restated->name.name);
            continue;
          }
          if (measuresAlike(*restated, *built, agreement.objectives[index->second], *revision))
            terms.objectives[index->second] = std::move(*built);
          objectiveDecls[restated->name.name] = restated;
        }
      if (classFee)
        terms.fee = feeByClass(*classFee, scope, terms);
      feeReported_ = false;
      // The remedies and terminations of an objective the revision names
      // replace all of that objective's; its caps replace all caps.
      std::set<std::uint32_t> remediesRestated, terminationsRestated;
      bool capsRestated = false;
      for (const ast::Decl* member : revision->members) {
        if (const auto* remedy = dyn_cast<ast::RemedyDecl>(member)) {
          if (auto index = objectives.find(remedy->objective.name); index != objectives.end())
            remediesRestated.insert(index->second);
        } else if (const auto* terminate = dyn_cast<ast::TerminateDecl>(member)) {
          if (auto index = objectives.find(terminate->objective.name); index != objectives.end())
            terminationsRestated.insert(index->second);
        } else {
          capsRestated = capsRestated || isa<ast::CapDecl>(member);
        }
      }
      std::erase_if(terms.remedies, [&](const plan::Remedy& remedy) {
        return remediesRestated.count(remedy.objective) > 0;
      });
      std::erase_if(terms.terminations, [&](const plan::Termination& termination) {
        return terminationsRestated.count(termination.objective) > 0;
      });
      if (capsRestated)
        terms.caps.clear();
      buildRemediesCapsAndTerminations(module, revision->members, objectives, objectiveDecls, scope,
                                       terms);
      checkClassFeeGroups(terms);
      agreement.revisions.push_back({revision->name.name,
                                     revision->title ? revision->title->value : "", revision->from,
                                     terms.fee, terms.objectives, terms.remedies, terms.caps,
                                     terms.terminations, revision->range()});
    }
    std::stable_sort(
        agreement.revisions.begin(), agreement.revisions.end(),
        [](const plan::Revision& a, const plan::Revision& b) { return a.from < b.from; });
  }

  void checkRevisionItems(const ast::RevisionDecl& revision) {
    const ast::FeeItem* fee = nullptr;
    for (const ast::AgreementItem& item : revision.items) {
      if (const auto* feeItem = std::get_if<ast::FeeItem>(&item)) {
        if (fee)
          state_.report(DiagnosticKind::RepeatedAgreementItem, feeItem->range, "its `fee`")
              .note(fee->range, "first said here");
        else if (feeItem->count < 1)
          state_.report(DiagnosticKind::EmptyFeePeriod, feeItem->range);
        fee = feeItem;
      } else if (const auto* party = std::get_if<ast::PartyItem>(&item)) {
        state_.report(DiagnosticKind::RevisionItemNotAllowed, party->range,
                      "the parties to the agreement");
      } else if (const auto* effective = std::get_if<ast::EffectiveItem>(&item)) {
        state_.report(DiagnosticKind::RevisionItemNotAllowed, effective->range,
                      "when the agreement is effective");
      } else if (const auto* zone = std::get_if<ast::ZoneItem>(&item)) {
        state_.report(DiagnosticKind::RevisionItemNotAllowed, zone->range,
                      "the agreement's `zone`, in which every window is counted");
      } else if (const auto* review = std::get_if<ast::ReviewItem>(&item)) {
        state_.report(DiagnosticKind::RevisionItemNotAllowed, review->range,
                      "when the agreement is reviewed");
      } else if (const auto* noData = std::get_if<ast::NoDataItem>(&item)) {
        state_.report(DiagnosticKind::RevisionItemNotAllowed, noData->range,
                      "the agreement's `when no data` policy (restate the objectives with "
                      "their own `when no data`)");
      }
    }
    for (const ast::RevisionDecl* nested : revision.revisions)
      state_.report(DiagnosticKind::RevisionItemNotAllowed, nested->range(),
                    "the dates of other revisions; write each revision in the agreement");
  }

  // Revisions take effect inside the effective period, after its first day,
  // in the order they are written; a date inside a window of an objective
  // is allowed (an amendment signed mid-month) but rarely meant.
  void checkRevisionDate(const ast::RevisionDecl& revision, const ast::RevisionDecl* previous,
                         const plan::Agreement& agreement) {
    const ast::CivilDate& from = revision.from;
    if (agreement.effectiveFrom && from <= *agreement.effectiveFrom)
      state_.report(DiagnosticKind::InvalidRevisionDate, revision.fromRange, revision.name.name,
                    from.toString(),
                    fmt::format("not after the agreement takes effect ({}); the agreement's own "
                                "terms are those of its first day",
                                agreement.effectiveFrom->toString()));
    else if (agreement.effectiveTo && from > *agreement.effectiveTo)
      state_.report(
          DiagnosticKind::InvalidRevisionDate, revision.fromRange, revision.name.name,
          from.toString(),
          fmt::format("after the agreement ends ({})", agreement.effectiveTo->toString()));
    else if (previous && from <= previous->from)
      state_
          .report(DiagnosticKind::InvalidRevisionDate, revision.fromRange, revision.name.name,
                  from.toString(),
                  fmt::format("not after revision `{}` ({}); write revisions in the order they "
                              "take effect",
                              previous->name.name, previous->from.toString()))
          .note(previous->fromRange, "revision `{}` takes effect here", previous->name.name);
    else
      for (plan::PeriodUnit unit : {plan::PeriodUnit::Week, plan::PeriodUnit::Month,
                                    plan::PeriodUnit::Quarter, plan::PeriodUnit::Year}) {
        auto judged = std::find_if(
            agreement.objectives.begin(), agreement.objectives.end(),
            [&](const plan::Objective& objective) { return objective.period.unit == unit; });
        if (judged != agreement.objectives.end() && !startsPeriod(from, unit)) {
          state_.report(DiagnosticKind::RevisionInsideWindow, revision.fromRange,
                        revision.name.name, from.toString(), plan::periodUnitName(unit),
                        judged->name);
          break;
        }
      }
  }

  static bool startsPeriod(const ast::CivilDate& first, plan::PeriodUnit unit) {
    switch (unit) {
    case plan::PeriodUnit::Day:
      return true;
    case plan::PeriodUnit::Week:
      return std::chrono::weekday(std::chrono::sys_days(
                 std::chrono::year(first.year) / std::chrono::month(first.month) /
                 std::chrono::day(first.day))) == std::chrono::Monday;
    case plan::PeriodUnit::Month:
      return first.day == 1;
    case plan::PeriodUnit::Quarter:
      return first.day == 1 && first.month % 3 == 1;
    case plan::PeriodUnit::Year:
      return first.day == 1 && first.month == 1;
    }
    return false;
  }

  // The remedies, caps and terminations among `members`, added to `terms`
  // (an agreement, or the terms in force at a revision).
  void buildRemediesCapsAndTerminations(
      const modules::Module& module, const std::vector<const ast::Decl*>& members,
      const std::map<std::string, std::uint32_t>& objectives,
      std::map<std::string_view, const ast::ObjectiveDecl*>& objectiveDecls, const ExprScope& scope,
      plan::Agreement& terms) {
    for (const ast::Decl* member : members) {
      if (const auto* remedy = dyn_cast<ast::RemedyDecl>(member)) {
        auto objective = objectives.find(remedy->objective.name);
        if (objective == objectives.end() ||
            !buildRemedy(remedyScope(module, objectiveDecls[remedy->objective.name]), terms,
                         *remedy, objective->second))
          leftOut(remedy->range(), "remedy", remedy->name.name);
      } else if (const auto* cap = dyn_cast<ast::CapDecl>(member)) {
        if (auto amount = amountOf(cap->amount, terms, scope))
          terms.caps.push_back({*amount,
                                cap->per ? std::optional(lowerUnit(*cap->per)) : std::nullopt,
                                cap->range()});
        else
          leftOut(cap->range(), "cap", "credits");
      } else if (const auto* terminate = dyn_cast<ast::TerminateDecl>(member)) {
        auto objective = objectives.find(terminate->objective.name);
        if (objective != objectives.end())
          terms.terminations.push_back({objective->second, terminate->count,
                                        lowerUnit(terminate->unit), terminate->range()});
        else
          leftOut(terminate->range(), "termination on", terminate->objective.name);
      }
    }
  }

  // A revision may change what an objective promises (its target, title and
  // `when no data` policy), not what it measures: otherwise windows before
  // and after it would not be comparable, nor could both engines count it
  // once for all terms.
  bool measuresAlike(const ast::ObjectiveDecl& restated, const plan::Objective& revised,
                     const plan::Objective& original, const ast::RevisionDecl& revision) {
    const char* differs = plan::measurementDifference(revised, original);
    if (!differs)
      return true;
    state_
        .report(DiagnosticKind::RevisionMeasuresDifferently, restated.name.range,
                restated.name.name, revision.name.name, differs)
        .note(original.range, "objective `{}` is declared here", original.name);
    return false;
  }

  // A remedy reads its thresholds and amounts like its objective's target:
  // names are those of the service whose metric the objective measures.
  ExprScope remedyScope(const modules::Module& module, const ast::ObjectiveDecl* objective) {
    ExprScope scope{&module, nullptr};
    scope.role = "an agreement";
    if (objective)
      metricOf(module, objective->metric, &scope.service);
    return scope;
  }

  // `provider`, `effective`, `zone` and `fee` as the agreement says them,
  // or else as the agreement it supports does (and so on up the chain).
  void fillHeader(const ast::AgreementDecl& decl, plan::Agreement& agreement) {
    bool provider = false, effective = false, zone = false, fee = false;
    std::set<const ast::AgreementDecl*> seen;
    for (const ast::AgreementDecl* source = &decl; source && seen.insert(source).second;) {
      for (const ast::AgreementItem& item : source->items) {
        if (const auto* party = std::get_if<ast::PartyItem>(&item);
            party && party->role == ast::PartyItem::Role::Provider && !provider) {
          agreement.provider = party->name.value;
          provider = true;
        } else if (const auto* period = std::get_if<ast::EffectiveItem>(&item);
                   period && !effective) {
          agreement.effectiveFrom = period->from;
          agreement.effectiveTo = period->to;
          effective = true;
        } else if (const auto* zoneItem = std::get_if<ast::ZoneItem>(&item); zoneItem && !zone) {
          agreement.zone = zoneItem->zone.value;
          zone = true;
        } else if (const auto* feeItem = std::get_if<ast::FeeItem>(&item); feeItem && !fee) {
          if (feeItem->classField) {
            classFee_ = feeItem; // once the objectives say what the class is
          } else {
            agreement.fee = fixedFee(*feeItem);
          }
          fee = true;
        }
      }
      auto supported = names_.supported.find(source);
      source = supported == names_.supported.end() ? nullptr : supported->second;
    }
  }

  static plan::Fee fixedFee(const ast::FeeItem& item) {
    plan::Fee fee;
    fee.amount = item.amount.amount;
    fee.currency = plan::packCurrency(item.amount.currency);
    fee.per = lowerUnit(item.per);
    fee.count = item.count;
    return fee;
  }

  // Every reason to leave a construct out of the plan is an error that
  // some pass reports. When none was reported, evaluating the plan would
  // silently skip the construct: that is a bug of slac, said as such.
  void leftOut(SourceRange range, std::string_view what, std::string_view name) {
    if (!state_.diagnostics.hasErrors())
      state_.report(DiagnosticKind::InternalError, range,
                    fmt::format("{} `{}` could not be planned, yet no error says why", what, name));
  }

  // The metric an objective names (`service.metric`), if it was typed.
  std::optional<std::uint32_t> metricOf(const modules::Module& module, const ast::Expr* reference,
                                        const ast::ServiceDecl** serviceOut) {
    const auto* member = dyn_cast<ast::MemberExpr>(reference);
    const auto* serviceName = member ? dyn_cast<ast::NameExpr>(member->base()) : nullptr;
    if (!serviceName)
      return std::nullopt;
    const auto* service =
        modules::findDeclaration<ast::ServiceDecl>(module, serviceName->name().name);
    if (!service)
      return std::nullopt;
    *serviceOut = service;
    for (const ast::Decl* candidate : service->members)
      if (const auto* metric = dyn_cast<ast::MetricDecl>(candidate);
          metric && metric->name.name == member->member().name) {
        auto found = state_.metrics.find(metric);
        if (found != state_.metrics.end())
          return found->second;
      }
    return std::nullopt;
  }

  std::optional<plan::Objective> buildObjective(const modules::Module& module,
                                                const ast::ObjectiveDecl& decl,
                                                plan::NoDataPolicy noData) {
    plan::Objective objective;
    objective.name = decl.name.name;
    objective.title = decl.title ? decl.title->value : "";
    objective.comparison = lowerComparison(decl.comparison);
    objective.noData = noData;
    objective.range = decl.range();
    bool ok = true;
    const ast::OverClause* over = nullptr;
    const ast::PerClause* per = nullptr;
    for (const ast::ObjectiveClause& clause : decl.clauses) {
      if (const auto* filter = std::get_if<ast::CalendarFilter>(&clause)) {
        const auto* calendar =
            modules::findDeclaration<ast::CalendarDecl>(module, filter->calendar);
        std::optional<std::uint32_t> index =
            calendar ? state_.calendarIndex(*calendar) : std::nullopt;
        ok = ok && index;
        if (index)
          objective.filters.push_back(
              {static_cast<plan::CalendarFilter::Mode>(filter->mode), *index});
      } else if (const auto* clauseOver = std::get_if<ast::OverClause>(&clause)) {
        if (over) {
          state_
              .report(DiagnosticKind::ObjectiveClauses, clauseOver->range, decl.name.name,
                      "has a second `over`; an objective is judged over one period")
              .note(over->range, "the first `over` is here");
          ok = false;
        }
        over = clauseOver;
      } else if (const auto* clausePer = std::get_if<ast::PerClause>(&clause)) {
        if (per) {
          state_
              .report(DiagnosticKind::ObjectiveClauses, clausePer->range, decl.name.name,
                      "has a second `per`; name every field in one: `per customer, region`")
              .note(per->range, "the first `per` is here");
          ok = false;
        }
        per = clausePer;
      } else if (const auto* policy = std::get_if<ast::NoDataItem>(&clause)) {
        objective.noData = policy->policy == ast::NoDataPolicy::Met ? plan::NoDataPolicy::Met
                                                                    : plan::NoDataPolicy::Breached;
      }
    }
    if (!over) {
      state_.report(DiagnosticKind::ObjectiveClauses, decl.name.range, decl.name.name,
                    "says over which period it is judged; add `over month` (or `day`, `week`, "
                    "`quarter`, `year`, `rolling 28d`)");
      ok = false;
    } else {
      objective.period.unit =
          over->period.unit ? std::optional(lowerUnit(*over->period.unit)) : std::nullopt;
      objective.period.rollingMicros = over->period.rollingMicros;
    }

    const ast::ServiceDecl* service = nullptr;
    std::optional<std::uint32_t> metricIndex = metricOf(module, decl.metric, &service);
    if (!metricIndex)
      return std::nullopt;
    const plan::Metric& metric = state_.program.metrics[*metricIndex];
    objective.metric = *metricIndex;
    objective.targetType = metric.value->type;
    if (!isComparable(objective.targetType)) {
      state_.report(DiagnosticKind::TypeMismatch, decl.metric->range(),
                    state_.spelling(decl.metric->range()), plan::typeSpelling(objective.targetType),
                    "a number, percent, duration, time or money (a value a target can bound)");
      return std::nullopt;
    }
    ExprScope scope{&module, service};
    scope.role = "a target";
    if (per && !groupBy(*per, metric, objective))
      return std::nullopt;
    if (const auto* byClass = dyn_cast<ast::MatchExpr>(decl.target)) {
      if (!classTargets(*byClass, scope, metric, objective))
        return std::nullopt;
    } else {
      std::optional<plan::ConstantValue> target =
          exprs_.constantOf(decl.target, objective.targetType, scope);
      if (!target)
        return std::nullopt;
      remember(decl.target, objective.targetType, *target);
      objective.target = std::move(*target);
    }
    if (!ok)
      return std::nullopt;
    return objective;
  }

  static bool isComparable(const Type& type) {
    switch (type.kind) {
    case TypeKind::Int:
    case TypeKind::Number:
    case TypeKind::Percent:
    case TypeKind::Duration:
    case TypeKind::Time:
    case TypeKind::Money:
      return true;
    default:
      return false;
    }
  }

  bool groupBy(const ast::PerClause& per, const plan::Metric& metric, plan::Objective& objective) {
    for (std::size_t index = 0; index < per.fields.size(); ++index) {
      const ast::Identifier& name = per.fields[index];
      for (std::size_t earlier = 0; earlier < index; ++earlier)
        if (per.fields[earlier].name == name.name) {
          state_
              .report(DiagnosticKind::ObjectiveClauses, name.range, objective.name,
                      fmt::format("groups by `{}` twice", name.name))
              .note(per.fields[earlier].range, "`{}` is named here first", name.name);
          return false;
        }
      objective.groupFields.push_back(name.name);
    }
    for (std::uint32_t streamIndex : metric.streams) {
      const plan::Stream& stream = state_.program.streams[streamIndex];
      std::vector<std::uint32_t>& columns = objective.groupColumns.emplace_back();
      for (const ast::Identifier& name : per.fields) {
        auto field = std::find_if(stream.fields.begin(), stream.fields.end(),
                                  [&](const plan::Field& f) { return f.name == name.name; });
        if (field == stream.fields.end()) {
          state_.report(
              DiagnosticKind::UndefinedName, name.range, "field", name.name,
              fmt::format(" in stream `{}`, which metric `{}` reads", stream.name, metric.name));
          return false;
        }
        TypeKind kind = field->type.kind;
        if (kind != TypeKind::String && kind != TypeKind::Enum && kind != TypeKind::Int) {
          state_.report(DiagnosticKind::TypeMismatch, name.range, name.name,
                        plan::typeSpelling(field->type), "a string, enum or int field to group by");
          return false;
        }
        columns.push_back(static_cast<std::uint32_t>(field - stream.fields.begin()));
      }
    }
    return true;
  }

  // `>= match tier { gold => 99.9%, _ => 99.5% }`: a target per class, the
  // class a required enum field the objective groups by, so that each group
  // has one class, and each arm a constant target.
  bool classTargets(const ast::MatchExpr& match, const ExprScope& scope, const plan::Metric& metric,
                    plan::Objective& objective) {
    const auto* subject = dyn_cast<ast::NameExpr>(match.subject());
    auto field = subject ? std::find(objective.groupFields.begin(), objective.groupFields.end(),
                                     subject->name().name)
                         : objective.groupFields.end();
    if (field == objective.groupFields.end()) {
      state_.report(DiagnosticKind::ObjectiveClauses, match.subject()->range(), objective.name,
                    "has a target per class; match on a field it groups by "
                    "(`per customer, tier` with `match tier { ... }`)");
      return false;
    }
    auto groupField = static_cast<std::uint32_t>(field - objective.groupFields.begin());
    std::optional<std::uint32_t> enumIndex =
        classEnumOf(objective, metric, groupField, subject->range(), "take a target by class");
    if (!enumIndex)
      return false;
    bool ok = true;
    std::vector<plan::ConstantValue> values;
    for (const ast::MatchArm& arm : match.arms()) {
      std::optional<plan::ConstantValue> value =
          exprs_.constantOf(arm.value, objective.targetType, scope);
      ok = ok && value;
      if (value) {
        remember(arm.value, objective.targetType, *value);
        values.push_back(std::move(*value));
      }
    }
    std::optional<std::vector<std::size_t>> armOf = armOfEachCase(
        match.arms(), state_.program.enums[*enumIndex], subject->name().name, subject->range());
    if (!ok || !armOf)
      return false;
    plan::Objective::ClassTargets targets{groupField, *enumIndex, {}};
    for (std::size_t arm : *armOf)
      targets.byCase.push_back(values[arm]);
    objective.classTargets = std::move(targets);
    return true;
  }

  // The enum of a class: group field `groupField` of `objective`, a required
  // enum of one type in every stream the metric reads (so that a group has
  // exactly one class); reported at `where` otherwise.
  std::optional<std::uint32_t> classEnumOf(const plan::Objective& objective,
                                           const plan::Metric& metric, std::uint32_t groupField,
                                           SourceRange where, std::string_view purpose) {
    std::optional<std::uint32_t> enumIndex;
    for (std::size_t position = 0; position < metric.streams.size(); ++position) {
      const plan::Stream& stream = state_.program.streams[metric.streams[position]];
      const plan::Type& type = stream.fields[objective.groupColumns[position][groupField]].type;
      if (!type.is(TypeKind::Enum) || type.optional || (enumIndex && *enumIndex != type.detail)) {
        state_.report(
            DiagnosticKind::TypeMismatch, where, objective.groupFields[groupField],
            plan::typeSpelling(type, type.is(TypeKind::Enum)
                                         ? state_.program.enums[type.detail].name
                                         : std::string_view{}),
            fmt::format("a required enum field, the same in every stream, to {}", purpose));
        return std::nullopt;
      }
      enumIndex = type.detail;
    }
    return enumIndex;
  }

  // `fee match tier { gold => 5000.00 EUR, _ => 2000.00 EUR } per month`:
  // the class is a group field of the agreement's objectives, each arm an
  // amount of money in one currency.
  std::optional<plan::Fee> feeByClass(const ast::FeeItem& item, const ExprScope& scope,
                                      const plan::Agreement& agreement) {
    const ast::Identifier& field = *item.classField;
    std::optional<std::uint32_t> enumIndex;
    for (const plan::Objective& objective : agreement.objectives) {
      auto found =
          std::find(objective.groupFields.begin(), objective.groupFields.end(), field.name);
      if (found == objective.groupFields.end())
        continue;
      std::optional<std::uint32_t> classes =
          classEnumOf(objective, state_.program.metrics[objective.metric],
                      static_cast<std::uint32_t>(found - objective.groupFields.begin()),
                      field.range, "take a fee by class");
      if (!classes)
        return std::nullopt;
      if (enumIndex && *enumIndex != *classes) {
        state_.report(
            DiagnosticKind::TypeMismatch, field.range, field.name,
            plan::typeSpelling(Type::enumeration(*classes), state_.program.enums[*classes].name),
            fmt::format("a `{}`, as in the objectives before `{}`",
                        state_.program.enums[*enumIndex].name, objective.name));
        return std::nullopt;
      }
      enumIndex = classes;
    }
    if (!enumIndex) {
      state_.report(DiagnosticKind::UndefinedName, field.range, "group field", field.name,
                    fmt::format(" in the objectives of agreement `{}`; a fee per class is taken "
                                "from a field they group by (`per customer, {}`)",
                                agreement.name, field.name));
      return std::nullopt;
    }
    std::vector<plan::Decimal> amounts;
    std::optional<plan::CurrencyCode> currency;
    bool ok = true;
    for (const ast::MatchArm& arm : item.classArms) {
      const plan::Expr* typed = exprs_.check(arm.value, scope);
      std::string written = state_.spelling(arm.value->range());
      if (typed && !(typed->kind == plan::ExprKind::Constant && typed->type.is(TypeKind::Money))) {
        state_.report(DiagnosticKind::TypeMismatch, arm.value->range(), written,
                      plan::typeSpelling(typed->type), "an amount of money (the fee)");
        typed = nullptr;
      } else if (typed && currency && *currency != typed->type.detail) {
        state_.report(DiagnosticKind::CurrencyMismatch, arm.value->range(), written,
                      plan::currencySpelling(typed->type.detail), "the first arm's fee",
                      plan::currencySpelling(*currency));
        typed = nullptr;
      }
      ok = ok && typed;
      if (!typed)
        continue;
      currency = typed->type.detail;
      remember(arm.value, typed->type, typed->value);
      amounts.push_back(std::get<plan::Decimal>(typed->value));
    }
    std::optional<std::vector<std::size_t>> armOf =
        armOfEachCase(item.classArms, state_.program.enums[*enumIndex], field.name, field.range);
    if (!ok || !armOf)
      return std::nullopt;
    plan::Fee fee;
    fee.currency = *currency;
    fee.per = lowerUnit(item.per);
    fee.count = item.count;
    fee.classField = field.name;
    fee.classEnum = *enumIndex;
    for (std::size_t arm : *armOf)
      fee.byCase.push_back(amounts[arm]);
    return fee;
  }

  // With a fee per class, the credits of a window are of its group's fee:
  // every objective with a remedy groups by the class.
  void checkClassFeeGroups(const plan::Agreement& agreement) {
    if (!agreement.fee || !agreement.fee->byClass())
      return;
    std::set<std::uint32_t> reported;
    for (const plan::Remedy& remedy : agreement.remedies) {
      const plan::Objective& objective = agreement.objectives[remedy.objective];
      if (std::count(objective.groupFields.begin(), objective.groupFields.end(),
                     agreement.fee->classField) ||
          !reported.insert(remedy.objective).second)
        continue;
      state_.report(DiagnosticKind::ObjectiveClauses, objective.range, objective.name,
                    fmt::format("has remedy `{}`, and the fee is per `{}`; group it by `{}` too "
                                "(`per ..., {}`) so that its credits have a fee",
                                remedy.name, agreement.fee->classField, agreement.fee->classField,
                                agreement.fee->classField));
    }
  }

  // The arm that each case of `classes` takes in a `match` on `subject`
  // (`_` takes the cases no arm names), or nothing when a pattern names no
  // case, a case twice, or a case has no arm (each reported).
  std::optional<std::vector<std::size_t>> armOfEachCase(const std::vector<ast::MatchArm>& arms,
                                                        const plan::Enum& classes,
                                                        std::string_view subject,
                                                        SourceRange subjectRange) {
    constexpr std::size_t kNoArm = ~std::size_t{0};
    std::vector<std::size_t> armOf(classes.cases.size(), kNoArm);
    std::vector<const ast::Identifier*> firstPattern(classes.cases.size(), nullptr);
    std::size_t otherwise = kNoArm;
    bool ok = true;
    for (std::size_t arm = 0; arm < arms.size(); ++arm)
      for (const ast::Identifier& pattern : arms[arm].patterns) {
        if (pattern.name == "_") {
          otherwise = arm;
          continue;
        }
        auto found = std::find(classes.cases.begin(), classes.cases.end(), pattern.name);
        if (found == classes.cases.end()) {
          auto report = state_.report(DiagnosticKind::UndefinedName, pattern.range, "case",
                                      pattern.name, fmt::format(" in enum `{}`", classes.name));
          if (auto closest = closestName(pattern.name, classes.cases))
            report.note(pattern.range, "did you mean `{}`?", *closest)
                .fixIt(pattern.range, *closest);
          ok = false;
          continue;
        }
        std::size_t index = found - classes.cases.begin();
        if (firstPattern[index]) {
          state_.report(DiagnosticKind::RepeatedMatchCase, pattern.range, pattern.name)
              .note(firstPattern[index]->range, "`{}` is matched here first", pattern.name);
          ok = false;
          continue;
        }
        firstPattern[index] = &pattern;
        armOf[index] = arm;
      }
    std::string missing;
    for (std::size_t index = 0; index < armOf.size(); ++index) {
      if (armOf[index] == kNoArm && otherwise == kNoArm)
        missing += fmt::format("{}`{}`", missing.empty() ? "" : ", ", classes.cases[index]);
      else if (armOf[index] == kNoArm)
        armOf[index] = otherwise;
    }
    // A case misspelled is missing too; the misspelling says enough.
    if (!missing.empty() && ok) {
      state_.report(DiagnosticKind::NonExhaustiveMatch, subjectRange, subject, missing,
                    classes.name);
      ok = false;
    }
    if (!ok)
      return std::nullopt;
    return armOf;
  }

  void remember(const ast::Expr* expr, const Type& type, const plan::ConstantValue& value) {
    if (facts_)
      facts_->record(expr, type, value);
  }

  // A remedy or cap amount: a percent of the fee, or money in its currency.
  std::optional<plan::Amount> amountOf(const ast::Expr* expr, const plan::Agreement& agreement,
                                       const ExprScope& scope) {
    const plan::Expr* typed = exprs_.check(expr, scope);
    if (!typed)
      return std::nullopt;
    std::string written = state_.spelling(expr->range());
    if (typed->kind == plan::ExprKind::Constant && typed->type.is(TypeKind::Percent)) {
      if (!agreement.fee) {
        if (!feeReported_)
          state_.report(DiagnosticKind::MissingAgreementItem, expr->range(), agreement.name,
                        fmt::format("its `fee`, but `{}` is a percent of it; add `fee 1000.00 "
                                    "EUR per month` (what the customer pays) or credit an "
                                    "amount of money",
                                    written));
        feeReported_ = true;
        return std::nullopt;
      }
      remember(expr, typed->type, typed->value);
      return plan::Amount{true, std::get<plan::Decimal>(typed->value), 0};
    }
    if (typed->kind == plan::ExprKind::Constant && typed->type.is(TypeKind::Money)) {
      if (agreement.fee && agreement.fee->currency != typed->type.detail) {
        state_.report(DiagnosticKind::CurrencyMismatch, expr->range(), written,
                      plan::currencySpelling(typed->type.detail), "the fee",
                      plan::currencySpelling(agreement.fee->currency));
        return std::nullopt;
      }
      remember(expr, typed->type, typed->value);
      return plan::Amount{false, std::get<plan::Decimal>(typed->value), typed->type.detail};
    }
    if (typed->kind == plan::ExprKind::Constant && typed->type.isNumeric()) {
      exprs_.constantOf(expr, Type::of(TypeKind::Percent), scope);
      return std::nullopt;
    }
    state_.report(DiagnosticKind::TypeMismatch, expr->range(), written,
                  plan::typeSpelling(typed->type), "a percent of the fee or an amount of money");
    return std::nullopt;
  }

  bool buildRemedy(const ExprScope& scope, plan::Agreement& agreement,
                   const ast::RemedyDecl& remedyDecl, std::uint32_t objectiveIndex) {
    plan::Remedy remedy;
    remedy.name = remedyDecl.name.name;
    remedy.title = remedyDecl.title ? remedyDecl.title->value : "";
    remedy.objective = objectiveIndex;
    remedy.range = remedyDecl.range();
    const plan::Objective& objective = agreement.objectives[objectiveIndex];
    const plan::Metric& metric = state_.program.metrics[objective.metric];
    ExprScope thresholdScope = scope;
    thresholdScope.role = "a threshold";
    auto limitOf = [&](const ast::TierLimit& limit) -> std::optional<plan::TierLimit> {
      auto threshold = exprs_.constantOf(limit.threshold, metric.value->type, thresholdScope);
      if (!threshold)
        return std::nullopt;
      remember(limit.threshold, metric.value->type, *threshold);
      return plan::TierLimit{limit.bound, std::move(*threshold)};
    };
    bool ok = true;
    for (const ast::RemedyRule& rule : remedyDecl.rules) {
      if (const auto* tier = std::get_if<ast::TierRule>(&rule)) {
        auto limit = limitOf(tier->limit);
        std::optional<plan::TierLimit> other;
        if (tier->otherLimit)
          other = limitOf(*tier->otherLimit);
        auto amount = amountOf(tier->amount, agreement, scope);
        if (!limit || (tier->otherLimit && !other) || !amount) {
          ok = false;
          continue;
        }
        remedy.tiers.push_back(
            {std::move(*limit), std::move(other), tier->payout, *amount, tier->range});
      } else if (const auto* perBreach = std::get_if<ast::PerBreachRule>(&rule)) {
        if (auto amount = amountOf(perBreach->amount, agreement, scope))
          remedy.perBreach.emplace_back(perBreach->payout, *amount);
        else
          ok = false;
      } else if (const auto* cap = std::get_if<ast::RemedyCapRule>(&rule)) {
        if (auto amount = amountOf(cap->amount, agreement, scope))
          remedy.cap = *amount;
        else
          ok = false;
      }
    }
    if (ok)
      agreement.remedies.push_back(std::move(remedy));
    return ok;
  }

  // ------------------------------------------------------------- tests

  void buildTest(const modules::Module& module, const ast::TestDecl& decl) {
    plan::Test test;
    test.description = decl.description.value;
    test.directory = std::filesystem::path(module.path).parent_path().string();
    test.range = decl.range();
    for (const ast::TestItem& item : decl.items) {
      if (const auto* data = std::get_if<ast::DataItem>(&item)) {
        if (auto stream = streamNamed(module, data->stream))
          test.data.push_back({*stream, data->path.value, data->range});
      } else if (const auto* at = std::get_if<ast::AtItem>(&item)) {
        test.at = at->instant.epochMicros;
      } else if (const auto* expect = std::get_if<ast::ExpectItem>(&item)) {
        if (auto expectation = buildExpectation(module, *expect))
          test.expectations.push_back(std::move(*expectation));
      }
    }
    state_.program.tests.push_back(std::move(test));
  }

  std::optional<std::uint32_t> streamNamed(const modules::Module& module,
                                           const ast::QualifiedName& name) {
    if (name.parts.size() != 2)
      return std::nullopt;
    const auto* service = modules::findDeclaration<ast::ServiceDecl>(module, name.parts[0].name);
    if (!service)
      return std::nullopt;
    for (const ast::Decl* member : service->members)
      if (const auto* stream = dyn_cast<ast::StreamDecl>(member);
          stream && stream->name.name == name.parts[1].name)
        return state_.streamIndex(*stream);
    return std::nullopt;
  }

  std::optional<plan::Expectation> buildExpectation(const modules::Module& module,
                                                    const ast::ExpectItem& expect) {
    if (expect.subject.parts.size() != 2)
      return std::nullopt;
    const auto* agreementDecl =
        modules::findDeclaration<ast::AgreementDecl>(module, expect.subject.parts[0].name);
    auto agreementIndex = agreementDecl ? agreements_.find(agreementDecl) : agreements_.end();
    if (agreementIndex == agreements_.end())
      return std::nullopt;
    const plan::Agreement& agreement = state_.program.agreements[agreementIndex->second];
    plan::Expectation expectation;
    expectation.agreement = agreementIndex->second;
    expectation.comparison = lowerComparison(expect.comparison);
    expectation.group = expect.group ? std::optional(expect.group->value) : std::nullopt;
    expectation.range = expect.range;
    const std::string& subject = expect.subject.parts[1].name;
    std::optional<std::uint32_t> objectiveIndex;
    for (std::size_t i = 0; i < agreement.remedies.size(); ++i)
      if (agreement.remedies[i].name == subject) {
        expectation.remedy = static_cast<std::uint32_t>(i);
        objectiveIndex = agreement.remedies[i].objective;
      }
    for (std::size_t i = 0; i < agreement.objectives.size(); ++i)
      if (agreement.objectives[i].name == subject)
        objectiveIndex = static_cast<std::uint32_t>(i);
    if (!objectiveIndex)
      return std::nullopt;
    expectation.objective = *objectiveIndex;
    const plan::Objective& objective = agreement.objectives[*objectiveIndex];

    if (expect.group && !objective.grouped()) {
      state_.report(DiagnosticKind::ExpectationMismatch, expect.group->range,
                    fmt::format("objective `{}` is not evaluated per group, so `for \"{}\"` "
                                "names no group; drop it",
                                objective.name, expect.group->value));
      return std::nullopt;
    }
    if (expect.period) {
      expectation.periodUnit = lowerUnit(expect.period->unit);
      expectation.periodStart = expect.period->start;
      if (objective.period.unit != expectation.periodUnit) {
        std::string judged =
            objective.period.unit
                ? fmt::format("over a {}", plan::periodUnitName(*objective.period.unit))
                : "over a rolling window that ends at `at`; leave out `in ...`";
        state_.report(DiagnosticKind::ExpectationMismatch, expect.period->range,
                      fmt::format("objective `{}` is judged {}, but this names a {}",
                                  objective.name, judged,
                                  plan::periodUnitName(*expectation.periodUnit)));
        return std::nullopt;
      }
    }

    static constexpr std::array<std::pair<std::string_view, plan::ExpectedStatus>, 4> kStatuses{{
        {"met", plan::ExpectedStatus::Met},
        {"breached", plan::ExpectedStatus::Breached},
        {"no_data", plan::ExpectedStatus::NoData},
        {"pending", plan::ExpectedStatus::Pending},
    }};
    if (const auto* name = dyn_cast<ast::NameExpr>(expect.expected))
      for (const auto& [spelling, status] : kStatuses)
        if (name->name().name == spelling) {
          if (expectation.comparison != plan::Comparison::Eq &&
              expectation.comparison != plan::Comparison::Ne) {
            state_.report(DiagnosticKind::ExpectationMismatch, expect.expected->range(),
                          "a status is compared with `==` or `!=`");
            return std::nullopt;
          }
          expectation.status = status;
          return expectation;
        }
    ExprScope scope{&module, nullptr};
    scope.role = "an expected value";
    if (expectation.remedy) {
      // A credit is money in the fee's currency; without a fee, a percent
      // of it, unless the remedy credits amounts of money.
      expectation.valueType =
          agreement.fee ? Type::money(agreement.fee->currency) : Type::of(TypeKind::Percent);
      const plan::Remedy& remedy = agreement.remedies[*expectation.remedy];
      if (!agreement.fee)
        for (const plan::Tier& tier : remedy.tiers)
          if (!tier.amount.percentOfFee)
            expectation.valueType = Type::money(tier.amount.currency);
      if (!agreement.fee)
        for (const auto& [payout, amount] : remedy.perBreach)
          if (!amount.percentOfFee)
            expectation.valueType = Type::money(amount.currency);
    } else {
      expectation.valueType = objective.targetType;
    }
    auto value = exprs_.constantOf(expect.expected, expectation.valueType, scope);
    if (!value)
      return std::nullopt;
    expectation.value = std::move(*value);
    return expectation;
  }

  const std::vector<const modules::Module*>& modules_;
  const ResolvedNames& names_;
  PlanState state_;
  ExprChecker exprs_{state_};
  std::map<const ast::AgreementDecl*, std::uint32_t> agreements_;
  // A missing fee is reported at the first percent amount of an agreement.
  bool feeReported_ = false;
  // The agreement's fee, when it is per class (made once its objectives are).
  const ast::FeeItem* classFee_ = nullptr;
  ConstantFacts* facts_;
};

} // namespace

std::optional<plan::Program> buildPlan(const std::vector<const modules::Module*>& modules,
                                       const ResolvedNames& names, const SourceManager& sources,
                                       DiagnosticEngine& diagnostics, ConstantFacts* facts) {
  return PlanBuilder(modules, names, sources, diagnostics, facts).build();
}

} // namespace slac::check
