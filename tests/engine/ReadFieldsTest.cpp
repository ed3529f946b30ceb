// Which fields an evaluation reads (plan::Program::readFields): the reader
// leaves the others out of its batches, so a field read in a way the walk
// forgets would be read as unset. tests/engine/read-fields.sla reads each
// field one way.
#include "compile/Compile.h"
#include "eval/Evaluator.h"

#include <gtest/gtest.h>

namespace slac {
namespace {

// The names of the fields of `stream` that `read` marks.
std::vector<std::string> namesOf(const plan::Program& program, std::string_view stream,
                                 const std::vector<bool>& read) {
  const plan::Stream* schema = program.findStream("desk", stream);
  EXPECT_NE(schema, nullptr);
  std::vector<std::string> names;
  for (std::size_t i = 0; schema && i < schema->fields.size(); ++i)
    if (read[i])
      names.push_back(schema->fields[i].name);
  return names;
}

class ReadFieldsTest : public ::testing::Test {
protected:
  void SetUp() override { ASSERT_TRUE(compilation_.plan()); }

  std::uint32_t indexOf(std::string_view stream) const {
    const plan::Program& program = *compilation_.plan();
    return static_cast<std::uint32_t>(program.findStream("desk", stream) - program.streams.data());
  }
  std::vector<std::string> readOf(std::string_view stream) const {
    const plan::Program& program = *compilation_.plan();
    return namesOf(program, stream, program.readFields(indexOf(stream)));
  }

  compile::Compilation compilation_ =
      compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/tests/engine/read-fields.sla"});
};

TEST_F(ReadFieldsTest, EveryWayOfReadingAFieldCounts) {
  using Names = std::vector<std::string>;
  // key: the pause's `on ticket == key`; customer: `per`; opened: the event
  // time; resolved: a let; weight: a sum's value; reopened: its filter.
  EXPECT_EQ(readOf("ticket"),
            (Names{"key", "customer", "opened", "resolved", "weight", "reopened"}));
  // ticket: a pause key; status: a pause condition; changed: the event time.
  EXPECT_EQ(readOf("status_change"), (Names{"ticket", "status", "changed"}));
  // started, ended: the interval; major: uptime's filter.
  EXPECT_EQ(readOf("incident"), (Names{"started", "ended", "major"}));
}

TEST_F(ReadFieldsTest, ComputingARecordReadsAllButItsGroup) {
  using Names = std::vector<std::string>;
  const plan::Program& program = *compilation_.plan();
  // An undecided ticket keeps these to be judged at the evaluation
  // instant: not `customer`, which only chose its group.
  EXPECT_EQ(namesOf(program, "ticket", program.computedFields(indexOf("ticket"))),
            (Names{"key", "opened", "resolved", "weight", "reopened"}));
  EXPECT_EQ(namesOf(program, "incident", program.computedFields(indexOf("incident"))),
            (Names{"started", "ended", "major"}));
}

TEST_F(ReadFieldsTest, ExplainingReadsEveryField) {
  const plan::Program& program = *compilation_.plan();
  eval::EvaluationOptions options;
  auto plain = eval::Evaluator::create(program, options);
  options.keepMisses = true;
  options.listedMisses = 5;
  auto explaining = eval::Evaluator::create(program, options);
  ASSERT_EQ(plain.index(), 0u);
  ASSERT_EQ(explaining.index(), 0u);
  std::uint32_t ticket = indexOf("ticket");
  EXPECT_EQ(std::get<0>(plain)->fieldsRead(ticket), program.readFields(ticket));
  EXPECT_EQ(std::get<0>(explaining)->fieldsRead(ticket),
            std::vector<bool>(program.streams[ticket].fields.size(), true));
}

} // namespace
} // namespace slac
