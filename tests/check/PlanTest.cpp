// The plan the checker builds for the examples, read back fact by fact.
// Every expected value here was worked out by hand from the example's text
// (e.g. `1 business day` on a calendar with `business day = 8h` is
// 8 × 3,600,000,000 µs), not copied from the checker's output.
#include "check/PlanBuilder.h"
#include "compile/Compile.h"
#include "modules/ModuleLoader.h"

#include <filesystem>
#include <gtest/gtest.h>

namespace slac::testing {
namespace {

namespace fs = std::filesystem;
using plan::ExprKind;
using plan::TypeKind;

constexpr std::int64_t kHour = 3'600'000'000;

class PlanTest : public ::testing::Test {
protected:
  const plan::Program& planOf(const std::string& example) {
    compilation_ = std::make_unique<compile::Compilation>(
        compile::compileFiles({(fs::path(SLAC_SOURCE_DIR) / "examples" / example).string()},
                              compile::Options(compile::Stage::Checked)));
    EXPECT_EQ(compilation_->diagnostics().errorCount(), 0u);
    EXPECT_TRUE(compilation_->plan().has_value());
    if (!compilation_->plan())
      throw std::runtime_error("no plan for " + example);
    return *compilation_->plan();
  }

  static const plan::Let& letNamed(const plan::Stream& stream, std::string_view name) {
    for (const plan::Let& let : stream.lets)
      if (let.name == name)
        return let;
    throw std::runtime_error("no let " + std::string(name));
  }
  static const plan::Metric& metricNamed(const plan::Program& program, std::string_view name) {
    for (const plan::Metric& metric : program.metrics)
      if (metric.name == name)
        return metric;
    throw std::runtime_error("no metric " + std::string(name));
  }
  static const plan::Objective& objectiveNamed(const plan::Agreement& agreement,
                                               std::string_view name) {
    for (const plan::Objective& objective : agreement.objectives)
      if (objective.name == name)
        return objective;
    throw std::runtime_error("no objective " + std::string(name));
  }
  static std::uint32_t calendarNamed(const plan::Program& program, std::string_view name) {
    for (std::size_t i = 0; i < program.calendars.size(); ++i)
      if (program.calendars[i].name == name)
        return static_cast<std::uint32_t>(i);
    throw std::runtime_error("no calendar " + std::string(name));
  }

  std::unique_ptr<compile::Compilation> compilation_;
};

TEST_F(PlanTest, MspTicketsHaveTheirSchemaAndLetsInDependencyOrder) {
  const plan::Program& program = planOf("msp-support.sla");
  const plan::Stream* ticket = program.findStream("desk", "ticket");
  ASSERT_NE(ticket, nullptr);
  ASSERT_EQ(ticket->fields.size(), 8u);
  EXPECT_EQ(ticket->fields[ticket->eventTime].name, "opened");
  EXPECT_EQ(ticket->fields[5].name, "responded");
  EXPECT_EQ(ticket->fields[5].type, plan::Type::of(TypeKind::Time).asOptional());
  EXPECT_EQ(ticket->fields[2].type.kind, TypeKind::Enum);
  EXPECT_EQ(program.enums[ticket->fields[2].type.detail].cases.size(), 4u);

  // responded_in_time reads response_due, so response_due comes first.
  std::vector<std::string> order;
  for (const plan::Let& let : ticket->lets)
    order.push_back(let.name);
  EXPECT_EQ(order, (std::vector<std::string>{"response_due", "responded_in_time",
                                             "resolved_in_time", "response_time", "after_hours"}));
  const plan::Expr* inTime = letNamed(*ticket, "responded_in_time").value;
  EXPECT_EQ(inTime->kind, ExprKind::Le);
  EXPECT_EQ(inTime->type, plan::Type::of(TypeKind::Bool).asOptional());
  EXPECT_EQ(inTime->operands[1]->kind, ExprKind::Let);
  EXPECT_EQ(inTime->operands[1]->slot, 0u);
}

TEST_F(PlanTest, MspBusinessDaysBecomeOfficeHours) {
  const plan::Program& program = planOf("msp-support.sla");
  const plan::Stream& ticket = *program.findStream("desk", "ticket");
  std::uint32_t office = calendarNamed(program, "office");
  std::uint32_t clock = calendarNamed(program, "around_the_clock");

  const plan::Expr* due = letNamed(ticket, "response_due").value;
  ASSERT_EQ(due->kind, ExprKind::Match);
  ASSERT_EQ(due->operands.size(), 5u); // subject + P1..P4
  EXPECT_EQ(due->type, plan::Type::of(TypeKind::Time));
  const plan::Expr* p1 = due->operands[1];
  EXPECT_EQ(p1->kind, ExprKind::Deadline);
  EXPECT_EQ(p1->slot, clock);
  EXPECT_EQ(std::get<std::int64_t>(p1->operands[1]->value), kHour / 2);
  const plan::Expr* p4 = due->operands[4];
  EXPECT_EQ(p4->slot, office);
  ASSERT_EQ(p4->operands[1]->kind, ExprKind::Constant);
  EXPECT_EQ(std::get<std::int64_t>(p4->operands[1]->value), 8 * kHour); // 1 business day

  const plan::Expr* resolved = letNamed(ticket, "resolved_in_time").value;
  const plan::Expr* p3 = resolved->operands[3]; // elapsed(..., office) <= 3 business days
  EXPECT_EQ(p3->kind, ExprKind::Le);
  EXPECT_EQ(p3->operands[0]->kind, ExprKind::Elapsed);
  EXPECT_EQ(p3->operands[0]->type, plan::Type::of(TypeKind::Duration).asOptional());
  EXPECT_EQ(std::get<std::int64_t>(p3->operands[1]->value), 24 * kHour);
}

TEST_F(PlanTest, MspAgreementKeepsTargetsTiersAndAmountsExact) {
  const plan::Program& program = planOf("msp-support.sla");
  const plan::Agreement* desk = program.findAgreement("managed_desk");
  ASSERT_NE(desk, nullptr);
  ASSERT_TRUE(desk->fee);
  EXPECT_EQ(desk->fee->amount, (plan::Decimal{240000, 2}));
  EXPECT_EQ(plan::currencySpelling(desk->fee->currency), "EUR");
  const plan::Objective& response = objectiveNamed(*desk, "response");
  EXPECT_EQ(std::get<plan::Decimal>(response.target), (plan::Decimal{95, 0}));
  EXPECT_EQ(response.comparison, plan::Comparison::Ge);
  EXPECT_EQ(response.period.unit, plan::PeriodUnit::Month);
  EXPECT_EQ(response.groupFields, std::vector<std::string>{"customer"});
  ASSERT_EQ(response.groupColumns.size(), 1u);
  EXPECT_EQ(response.groupColumns[0], std::vector<std::uint32_t>{1u});
  ASSERT_EQ(response.filters.size(), 1u);
  EXPECT_EQ(response.filters[0].mode, plan::CalendarFilter::Mode::During);
  EXPECT_EQ(response.noData, plan::NoDataPolicy::Met); // the agreement's `when no data met`
  EXPECT_EQ(objectiveNamed(*desk, "response_after_hours").filters[0].mode,
            plan::CalendarFilter::Mode::Outside);
  EXPECT_EQ(objectiveNamed(*desk, "p1_wait").targetType, plan::Type::of(TypeKind::Duration));

  ASSERT_EQ(desk->remedies.size(), 3u);
  const plan::Remedy& tiers = desk->remedies[0];
  ASSERT_EQ(tiers.tiers.size(), 3u);
  EXPECT_EQ(tiers.tiers[2].limit.bound, plan::TierBound::AtOrBelow);
  EXPECT_EQ(std::get<plan::Decimal>(tiers.tiers[2].limit.threshold), (plan::Decimal{80, 0}));
  EXPECT_EQ(tiers.tiers[2].amount.value, (plan::Decimal{20, 0}));
  EXPECT_TRUE(tiers.tiers[2].amount.percentOfFee);
  const plan::Remedy& perBreach = desk->remedies[1];
  ASSERT_EQ(perBreach.perBreach.size(), 1u);
  EXPECT_FALSE(perBreach.perBreach[0].second.percentOfFee);
  EXPECT_EQ(perBreach.perBreach[0].second.value, (plan::Decimal{25000, 2}));
  ASSERT_EQ(desk->caps.size(), 2u);
  EXPECT_EQ(desk->caps[0].amount.value, (plan::Decimal{30, 0}));
  EXPECT_EQ(desk->caps[0].per, plan::PeriodUnit::Month);
  EXPECT_EQ(desk->caps[1].amount.value, (plan::Decimal{10, 0}));
  EXPECT_EQ(desk->caps[1].per, plan::PeriodUnit::Year);
  ASSERT_EQ(desk->terminations.size(), 1u);
  EXPECT_EQ(desk->terminations[0].consecutive, 3);

  ASSERT_EQ(program.tests.size(), 1u);
  const plan::Test& test = program.tests[0];
  ASSERT_EQ(test.expectations.size(), 8u);
  EXPECT_EQ(test.expectations[0].status, plan::ExpectedStatus::Met);
  EXPECT_EQ(test.expectations[0].group, "alpenglas");
  EXPECT_EQ(std::get<plan::Decimal>(test.expectations[2].value), (plan::Decimal{80, 0}));
  EXPECT_EQ(test.expectations[3].remedy, 1u);
  EXPECT_EQ(std::get<plan::Decimal>(test.expectations[3].value), (plan::Decimal{25000, 2}));
  // p1_response for "alpenglas" == 100%; for "kaiser-druck" == met.
  EXPECT_EQ(std::get<plan::Decimal>(test.expectations[6].value), (plan::Decimal{100, 0}));
  EXPECT_EQ(test.expectations[7].status, plan::ExpectedStatus::Met);
}

TEST_F(PlanTest, CloudSlicesInlineTheServiceConstant) {
  const plan::Program& program = planOf("cloud-availability.sla");
  const plan::Metric& availability = metricNamed(program, "availability");
  ASSERT_EQ(availability.value->kind, ExprKind::Aggregate);
  const plan::Aggregate& minutes = program.aggregates[availability.value->slot];
  EXPECT_EQ(minutes.kind, plan::AggregateKind::Ratio);
  EXPECT_EQ(minutes.stream, plan::kNoSlot);
  EXPECT_EQ(minutes.sliceMicros, 60'000'000);
  EXPECT_EQ(minutes.missing, plan::MissingSlices::Bad);
  // count(probe where ok) >= quorum, with `let quorum = 2`.
  ASSERT_EQ(minutes.filter->kind, ExprKind::Ge);
  const plan::Aggregate& probes = program.aggregates[minutes.filter->operands[0]->slot];
  EXPECT_EQ(probes.kind, plan::AggregateKind::Count);
  EXPECT_EQ(program.streams[probes.stream].name, "probe");
  EXPECT_EQ(std::get<std::int64_t>(minutes.filter->operands[1]->value), 2);
  EXPECT_EQ(availability.streams, std::vector<std::uint32_t>{probes.stream});

  const plan::Stream& probe = *program.findStream("portal", "probe");
  EXPECT_EQ(probe.fields[0].format, plan::FieldFormat::EpochSeconds);
  EXPECT_EQ(probe.fields[3].format, plan::FieldFormat::Milliseconds);

  const plan::Metric& p99 = metricNamed(program, "p99_latency");
  const plan::Aggregate& percentile = program.aggregates[p99.value->slot];
  EXPECT_TRUE(percentile.approx);
  EXPECT_EQ(percentile.rank, (plan::Decimal{99, 0}));
  EXPECT_EQ(percentile.type, plan::Type::of(TypeKind::Duration));

  const plan::Agreement& hosting = *program.findAgreement("hosting");
  EXPECT_EQ(objectiveNamed(hosting, "tail").period.rollingMicros, 7 * 24 * kHour);
  EXPECT_FALSE(objectiveNamed(hosting, "tail").period.unit.has_value());
  EXPECT_EQ(objectiveNamed(hosting, "availability").noData, plan::NoDataPolicy::Breached);
  EXPECT_EQ(objectiveNamed(hosting, "latency").noData, plan::NoDataPolicy::Met);
  EXPECT_EQ(std::get<plan::Decimal>(objectiveNamed(hosting, "availability").target),
            (plan::Decimal{9995, 2}));
}

TEST_F(PlanTest, DistributorTypesFollowTheOperatorTable) {
  const plan::Program& program = planOf("distributor.sla");
  const plan::Stream& delivery = *program.findStream("logistics", "delivery");
  EXPECT_EQ(letNamed(delivery, "due").value->type, plan::Type::of(TypeKind::Time));
  // EXW => ready, DAP | DDP => delivered: both optional times.
  const plan::Expr* fulfilled = letNamed(delivery, "fulfilled").value;
  EXPECT_EQ(fulfilled->type, plan::Type::of(TypeKind::Time).asOptional());
  EXPECT_EQ(fulfilled->operands[2], fulfilled->operands[3]);
  EXPECT_EQ(letNamed(delivery, "shipped_units").value->type, plan::Type::of(TypeKind::Int));
  // 100% * sum(int) / sum(int) is a percent.
  EXPECT_EQ(metricNamed(program, "fill_rate").value->type, plan::Type::of(TypeKind::Percent));
  EXPECT_EQ(metricNamed(program, "csat").value->type, plan::Type::of(TypeKind::Number));
  const plan::Agreement& supply = *program.findAgreement("supply");
  EXPECT_EQ(std::get<plan::Decimal>(objectiveNamed(supply, "csat").target), (plan::Decimal{42, 1}));
  EXPECT_EQ(objectiveNamed(supply, "answers").groupFields, std::vector<std::string>{"severity"});
  EXPECT_EQ(supply.remedies[0].tiers[3].payout, plan::Payout::Bonus);
  ASSERT_TRUE(supply.remedies[1].cap);
  EXPECT_EQ(supply.remedies[1].cap->value, (plan::Decimal{250000, 2}));
}

TEST_F(PlanTest, SupportingAgreementPointsAtTheSupported) {
  const plan::Program& program = planOf("saas-with-ola.sla");
  const plan::Agreement* ola = program.findAgreement("support_ola");
  ASSERT_NE(ola, nullptr);
  ASSERT_TRUE(ola->supports);
  EXPECT_EQ(program.agreements[*ola->supports].name, "customer_sla");
  // The OLA states no fee: its percent credits are of the SLA's fee.
  ASSERT_TRUE(ola->fee.has_value());
  EXPECT_EQ(ola->fee->amount, (plan::Decimal{850000, 2}));
  EXPECT_EQ(ola->fee->currency, plan::packCurrency("USD"));
  EXPECT_EQ(ola->provider, "Lumen Support Operations");
}

TEST(PlanOfSupportingAgreement, InheritsWhatItDoesNotSay) {
  compile::Compilation compilation = compile::compileFiles(
      {(fs::path(SLAC_SOURCE_DIR) / "tests/check/supports/inherited-header.sla").string()},
      compile::Options(compile::Stage::Checked));
  ASSERT_TRUE(compilation.plan().has_value());
  const plan::Agreement* ola = compilation.plan()->findAgreement("team_ola");
  ASSERT_NE(ola, nullptr);
  EXPECT_EQ(ola->provider, "Help Desk second level");
  EXPECT_EQ(ola->zone, "Europe/Berlin");
  ASSERT_TRUE(ola->effectiveFrom && ola->effectiveTo);
  EXPECT_EQ(*ola->effectiveFrom, (ast::CivilDate{2026, 1, 1}));
  EXPECT_EQ(*ola->effectiveTo, (ast::CivilDate{2026, 12, 31}));
  ASSERT_TRUE(ola->fee.has_value());
  EXPECT_EQ(ola->fee->amount, (plan::Decimal{100000, 2}));
  EXPECT_EQ(ola->fee->per, plan::PeriodUnit::Month);
}

TEST(PlanWithErrors, IsNotBuilt) {
  compile::Compilation compilation = compile::compileFiles(
      {(fs::path(SLAC_SOURCE_DIR) / "tests/check/types/missing-units.sla").string()},
      compile::Options(compile::Stage::Checked));
  EXPECT_GT(compilation.diagnostics().errorCount(), 0u);
  EXPECT_FALSE(compilation.plan().has_value());
}

// Were name resolution to let a bare metric name through (it reports E0401),
// the plan builder would still not drop the objective quietly.
TEST(PlanWithErrors, AnObjectiveWithoutPlanIsAnInternalErrorNotASkip) {
  // The plan builder alone, on a file loaded without the checker's passes.
  SourceManager sources;
  DiagnosticEngine diagnostics(0);
  ast::AstContext context;
  modules::ModuleLoader loader(sources, context, diagnostics);
  loader.loadFile((fs::path(SLAC_SOURCE_DIR) / "tests/check/names/bare-metrics.sla").string());
  ASSERT_EQ(diagnostics.errorCount(), 0u);
  std::optional<plan::Program> program =
      check::buildPlan(loader.modules(), check::ResolvedNames{}, sources, diagnostics);
  EXPECT_FALSE(program.has_value());
  ASSERT_FALSE(diagnostics.diagnostics().empty());
  const Diagnostic& first = diagnostics.diagnostics().front();
  EXPECT_EQ(first.code(), "E0009");
  EXPECT_NE(first.message.find("objective `up`"), std::string::npos) << first.message;
}

} // namespace
} // namespace slac::testing
