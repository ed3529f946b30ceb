// The plan verifier: sound on every example, and it names each broken
// invariant of a plan made broken on purpose.
#include "plan/PlanVerifier.h"

#include "compile/Compile.h"

#include <filesystem>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace slac {
namespace {

using testing::HasSubstr;

TEST(PlanVerifierTest, EveryExampleIsSound) {
  int checked = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(SLAC_SOURCE_DIR) + "/examples")) {
    if (entry.path().extension() != ".sla")
      continue;
    compile::Compilation compilation =
        compile::compileFiles({entry.path().string()}, compile::Options(compile::Stage::Checked));
    ASSERT_TRUE(compilation.plan().has_value()) << entry.path();
    EXPECT_THAT(plan::verifyPlan(*compilation.plan()), testing::IsEmpty()) << entry.path();
    ++checked;
  }
  EXPECT_GE(checked, 4);
}

// The MSP example's plan, for breaking.
plan::Program mspPlan() {
  compile::Compilation compilation =
      compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/examples/msp-support.sla"},
                            compile::Options(compile::Stage::Checked));
  return *compilation.takePlan();
}

TEST(PlanVerifierTest, NamesALetReadBeforeItIsComputed) {
  plan::Program program = mspPlan();
  plan::Stream& stream = program.streams[0];
  ASSERT_GE(stream.lets.size(), 2u);
  stream.lets[0].value =
      program.add({plan::ExprKind::Let, plan::Type::of(plan::TypeKind::Bool), {}, {}, 1, {}});
  EXPECT_THAT(plan::verifyPlan(program),
              testing::Contains(HasSubstr("reads a let that is not computed before it")));
}

TEST(PlanVerifierTest, NamesAFieldOutOfRangeAndAnAggregateInARecordExpression) {
  plan::Program program = mspPlan();
  plan::Stream& stream = program.streams[0];
  stream.lets.back().value =
      program.add({plan::ExprKind::Field, plan::Type::of(plan::TypeKind::Bool), {}, {}, 99, {}});
  stream.lets.front().value =
      program.add({plan::ExprKind::Aggregate, plan::Type::of(plan::TypeKind::Bool), {}, {}, 0, {}});
  std::vector<std::string> problems = plan::verifyPlan(program);
  EXPECT_THAT(problems, testing::Contains(HasSubstr("one its stream does not have")));
  EXPECT_THAT(problems, testing::Contains(HasSubstr("reads an aggregate outside a window")));
}

TEST(PlanVerifierTest, NamesAMatchWithoutAnArmPerCase) {
  plan::Program program = mspPlan();
  bool found = false;
  for (plan::Let& let : program.streams[0].lets)
    if (let.value->kind == plan::ExprKind::Match) {
      plan::Expr shorter = *let.value;
      shorter.operands.pop_back();
      let.value = program.add(shorter);
      found = true;
      break;
    }
  ASSERT_TRUE(found);
  EXPECT_THAT(plan::verifyPlan(program),
              testing::Contains(HasSubstr("without one arm per case of its enum")));
}

TEST(PlanVerifierTest, NamesAnEnumCaseWithoutSpellingsAndAColumnlessField) {
  plan::Program program = mspPlan();
  ASSERT_FALSE(program.enums.empty());
  program.enums[0].spellings[0].clear();
  program.streams[0].fields[0].column.clear();
  program.streams[0].csv.decimalMark = ';';
  std::vector<std::string> problems = plan::verifyPlan(program);
  EXPECT_THAT(problems, testing::Contains(HasSubstr("a case that no spelling in the data")));
  EXPECT_THAT(problems, testing::Contains(HasSubstr("is read from no column")));
  EXPECT_THAT(problems, testing::Contains(HasSubstr("decimal mark ingestion does not read")));
  program.enums[0].spellings.pop_back();
  EXPECT_THAT(plan::verifyPlan(program),
              testing::Contains(HasSubstr("does not say how the data writes each of its cases")));
}

TEST(PlanVerifierTest, NamesARemedyOnNoObjectiveAndAComparisonOfTwoTypes) {
  plan::Program program = mspPlan();
  program.agreements[0].remedies[0].objective = 42;
  const plan::Expr* time =
      program.add({plan::ExprKind::Field, plan::Type::of(plan::TypeKind::Time), {}, {}, 0, {}});
  const plan::Expr* number = program.add({plan::ExprKind::Constant,
                                          plan::Type::of(plan::TypeKind::Int),
                                          {},
                                          {},
                                          plan::kNoSlot,
                                          std::int64_t{1}});
  program.streams[0].lets.back().value = program.add({plan::ExprKind::Lt,
                                                      plan::Type::of(plan::TypeKind::Bool),
                                                      {},
                                                      {time, number},
                                                      plan::kNoSlot,
                                                      {}});
  std::vector<std::string> problems = plan::verifyPlan(program);
  EXPECT_THAT(problems, testing::Contains(HasSubstr("is on no objective")));
  EXPECT_THAT(problems, testing::Contains(HasSubstr("compares a time with an int")));
}

// A revision measures each objective as the agreement does: both engines
// count each record once for all terms.
TEST(PlanVerifierTest, NamesARevisionThatMeasuresAnObjectiveDifferently) {
  compile::Compilation compilation =
      compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/tests/cli/eval/revisions.sla"},
                            compile::Options(compile::Stage::Checked));
  std::optional<plan::Program> checked = compilation.takePlan();
  ASSERT_TRUE(checked.has_value());
  plan::Program program = std::move(*checked);
  EXPECT_THAT(plan::verifyPlan(program), testing::IsEmpty());
  plan::Agreement& agreement = program.agreements[0];
  ASSERT_EQ(agreement.revisions.size(), 2u);
  agreement.revisions[1].objectives[0].period.unit = plan::PeriodUnit::Quarter;
  std::swap(agreement.revisions[0].from, agreement.revisions[1].from);
  std::vector<std::string> problems = plan::verifyPlan(program);
  EXPECT_THAT(problems, testing::Contains(HasSubstr("measures objective `uptime` differently")));
  EXPECT_THAT(problems, testing::Contains(HasSubstr("takes effect before the terms it revises")));
}

} // namespace
} // namespace slac
