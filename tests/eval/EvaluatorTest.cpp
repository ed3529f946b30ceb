// The reference interpreter on a small desk SLA (inputs/desk.sla) with
// records built by hand; every expected number is worked out in the
// comments.
#include "eval/Evaluator.h"

#include "compile/Compile.h"
#include "report/MissExplanation.h"

#include <gtest/gtest.h>

namespace slac::testing {
namespace {

constexpr std::int64_t kMinute = 60'000'000;
constexpr std::int64_t kHour = 60 * kMinute;
// 2026-03-02T00:00:00Z, a Monday.
constexpr std::int64_t kMarch2 = 1772409600'000'000;
// 2026-04-01T00:00:00Z.
constexpr std::int64_t kApril1 = 1775001600'000'000;

struct Ticket {
  std::int64_t opened;
  std::optional<std::int64_t> responded;
  int priority; // 0 = P1, 1 = P2
  std::string customer;
};

class EvaluatorTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_FALSE(compilation_.diagnostics().hasErrors());
    ASSERT_TRUE(compilation_.plan());
  }

  ingest::RecordBatch batchOf(const std::vector<Ticket>& tickets) const {
    ingest::RecordBatch batch;
    batch.stream = 0;
    batch.columns.resize(4);
    std::uint64_t line = 2;
    for (const Ticket& ticket : tickets) {
      batch.columns[0].integers.push_back(ticket.opened);
      batch.columns[1].integers.push_back(ticket.responded.value_or(0));
      batch.columns[1].present.push_back(ticket.responded ? 1 : 0);
      batch.columns[2].integers.push_back(ticket.priority);
      batch.columns[3].strings.push_back(ticket.customer);
      batch.lines.push_back(line++);
    }
    return batch;
  }

  eval::Report evaluate(const std::vector<Ticket>& tickets, std::int64_t at,
                        std::vector<eval::RecordError>* errors = nullptr,
                        std::optional<std::int64_t> from = std::nullopt) {
    eval::EvaluationOptions options = options_;
    options.at = at;
    options.from = from;
    auto created = eval::Evaluator::create(*compilation_.plan(), options);
    EXPECT_TRUE(std::holds_alternative<std::unique_ptr<eval::Evaluator>>(created));
    auto& evaluator = std::get<std::unique_ptr<eval::Evaluator>>(created);
    std::vector<eval::RecordError> rejected = evaluator->feed(batchOf(tickets));
    if (errors)
      *errors = rejected;
    else
      EXPECT_TRUE(rejected.empty());
    EXPECT_TRUE(evaluator->settle().empty());
    auto finished = evaluator->finish();
    EXPECT_TRUE(std::holds_alternative<eval::Report>(finished));
    return std::get<eval::Report>(std::move(finished));
  }

  static const eval::ObjectiveWindow& windowOf(const eval::Report& report,
                                               std::string_view objective,
                                               std::optional<std::string> group,
                                               std::int64_t containing) {
    for (const eval::ObjectiveWindow& window : report.agreements.at(0).windows)
      if (window.objective == objective && window.group == group &&
          window.window.contains(containing))
        return window;
    throw std::runtime_error("no such window");
  }

  // `count` P1 tickets for `customer` opened on 2 March from 09:00, one per
  // minute, answered after `wait`.
  static std::vector<Ticket> p1Tickets(const std::string& customer, int count, std::int64_t wait) {
    std::vector<Ticket> tickets;
    for (int i = 0; i < count; ++i) {
      std::int64_t opened = kMarch2 + 9 * kHour + i * kMinute;
      tickets.push_back({opened, opened + wait, 0, customer});
    }
    return tickets;
  }

  compile::Compilation compilation_ =
      compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/tests/eval/inputs/desk.sla"});
  eval::EvaluationOptions options_; // what evaluate() starts from
};

TEST_F(EvaluatorTest, AValueExactlyAtTheTargetMeetsIt) {
  // 9 of 10 answered within the hour: exactly 90 %.
  std::vector<Ticket> tickets = p1Tickets("acme", 9, 30 * kMinute);
  auto late = p1Tickets("acme", 1, 2 * kHour);
  tickets.insert(tickets.end(), late.begin(), late.end());
  eval::Report report = evaluate(tickets, kApril1);
  const eval::ObjectiveWindow& march = windowOf(report, "response", "acme", kMarch2);
  EXPECT_EQ(march.status, eval::Status::Met);
  EXPECT_EQ(march.value.exact, eval::Rational(90));
  ASSERT_TRUE(march.budget);
  // 10 % of 10 tickets may be late: 1 allowed, 1 used, 0 % left.
  EXPECT_EQ(march.budget->total, 10);
  EXPECT_EQ(march.budget->misses, 1);
  EXPECT_EQ(march.budget->allowedMisses, eval::Rational(1));
  EXPECT_EQ(march.budget->remainingPercent, eval::Rational(0));
  ASSERT_EQ(march.remedies.size(), 1u);
  EXPECT_TRUE(march.remedies[0].credit.value.isZero());
}

TEST_F(EvaluatorTest, TiersChooseTheLargestCreditBelowTheValue) {
  // 8 of 10 in time: 80 %, below 90 % (10 %) but not below 80 %: 100.00 EUR.
  std::vector<Ticket> tickets = p1Tickets("acme", 8, 30 * kMinute);
  auto late = p1Tickets("acme", 2, 3 * kHour);
  tickets.insert(tickets.end(), late.begin(), late.end());
  eval::Report report = evaluate(tickets, kApril1);
  const eval::ObjectiveWindow& march = windowOf(report, "response", "acme", kMarch2);
  EXPECT_EQ(march.status, eval::Status::Breached);
  EXPECT_EQ(march.value.exact, eval::Rational(80));
  ASSERT_EQ(march.remedies.size(), 1u);
  EXPECT_EQ(march.remedies[0].credit.value, eval::Rational(100));
  EXPECT_EQ(march.remedies[0].tier, 0u);
  EXPECT_EQ(march.budget->remainingPercent, eval::Rational(-100));
}

TEST_F(EvaluatorTest, GroupsAreJudgedSeparatelyAndEmptyMonthsHaveNoData) {
  std::vector<Ticket> tickets = p1Tickets("acme", 4, 30 * kMinute);
  auto globex = p1Tickets("globex", 5, 2 * kHour); // all late: 0 %
  tickets.insert(tickets.end(), globex.begin(), globex.end());
  // From 1 February (the default range would start at the first ticket).
  eval::Report report = evaluate(tickets, kApril1, nullptr, kMarch2 - 29 * 24 * kHour);
  EXPECT_EQ(windowOf(report, "response", "acme", kMarch2).status, eval::Status::Met);
  const eval::ObjectiveWindow& globexMarch = windowOf(report, "response", "globex", kMarch2);
  EXPECT_EQ(globexMarch.status, eval::Status::Breached);
  // 0 % is below 80 %: 20 % of 1,000.00 EUR.
  EXPECT_EQ(globexMarch.remedies[0].credit.value, eval::Rational(200));
  // February had no tickets: no data (the agreement has no `when no data`),
  // and no tier applies to a window without a value.
  const eval::ObjectiveWindow& february =
      windowOf(report, "response", "acme", kMarch2 - 10 * 24 * kHour);
  EXPECT_EQ(february.status, eval::Status::NoData);
  EXPECT_TRUE(february.remedies[0].credit.value.isZero());
  // The cap is 15 % of the month's fee: 200 EUR are cut to 150 EUR.
  bool found = false;
  for (const eval::CreditTotal& total : report.agreements[0].credits)
    if (total.group == std::optional<std::string>("globex") && total.period.contains(kMarch2)) {
      found = true;
      EXPECT_EQ(total.beforeCap.value, eval::Rational(200));
      EXPECT_EQ(total.owed.value, eval::Rational(150));
      EXPECT_TRUE(total.capped);
    }
  EXPECT_TRUE(found);
}

TEST_F(EvaluatorTest, UnansweredTicketsArePendingUntilTheirDeadlinePasses) {
  // A P2 opened Tuesday 31 March 16:30 is due after 8 office hours: 30 min
  // on Tuesday and 7.5 h on Wednesday 1 April, i.e. at 16:30 on 1 April.
  std::vector<Ticket> tickets = p1Tickets("acme", 9, 30 * kMinute);
  std::int64_t opened = kApril1 - 7 * kHour - 30 * kMinute;
  tickets.push_back({opened, std::nullopt, 1, "acme"});
  // Judged at 1 April 00:00: undecided, so March is pending.
  eval::Report early = evaluate(tickets, kApril1);
  const eval::ObjectiveWindow& pending = windowOf(early, "response", "acme", kMarch2);
  EXPECT_EQ(pending.status, eval::Status::Pending);
  EXPECT_EQ(pending.pendingRecords, 1);
  EXPECT_EQ(pending.value.exact, eval::Rational(100)); // 9 of 9 decided
  // Judged at 16:30 on 1 April, it is still exactly due: not yet a miss.
  eval::Report atDeadline = evaluate(tickets, kApril1 + 16 * kHour + 30 * kMinute);
  EXPECT_EQ(windowOf(atDeadline, "response", "acme", kMarch2).status, eval::Status::Pending);
  // A minute later it is a miss: 9 of 10, exactly 90 %, met.
  eval::Report late = evaluate(tickets, kApril1 + 16 * kHour + 31 * kMinute);
  const eval::ObjectiveWindow& decided = windowOf(late, "response", "acme", kMarch2);
  EXPECT_EQ(decided.status, eval::Status::Met);
  EXPECT_EQ(decided.value.exact, eval::Rational(90));
}

TEST_F(EvaluatorTest, ResponsesBeforeOpeningAreRejectedRecords) {
  std::vector<Ticket> tickets = p1Tickets("acme", 3, 30 * kMinute);
  tickets.push_back({kMarch2 + 10 * kHour, kMarch2 + 9 * kHour, 1, "acme"});
  std::vector<eval::RecordError> errors;
  eval::Report report = evaluate(tickets, kApril1, &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 5u);
  EXPECT_EQ(errors[0].reason, "invalid_record");
  EXPECT_NE(errors[0].message.find("before it starts"), std::string::npos) << errors[0].message;
  EXPECT_EQ(windowOf(report, "response", "acme", kMarch2).value.exact, eval::Rational(100));
}

TEST_F(EvaluatorTest, RecordsOutsideTheEffectivePeriodAreRejected) {
  std::vector<Ticket> tickets = p1Tickets("acme", 1, 30 * kMinute);
  // 2025-12-31T23:00:00Z, an hour before the agreement starts.
  tickets.push_back({1767222000'000'000, 1767222000'000'000 + kMinute, 0, "acme"});
  std::vector<eval::RecordError> errors;
  evaluate(tickets, kApril1, &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].reason, "outside_period");
}

TEST_F(EvaluatorTest, MissesAreKeptOnlyWhenAskedAndListedUpToTheLimit) {
  // acme: a P2 opened Monday 2 March 10:00 and never answered, due after 8
  // office hours (7 on Monday, 1 on Tuesday): at 10:00 on 3 March. Then 4
  // P1s answered after 2 h (due after 1 h: late) and 1 after 30 min.
  std::vector<Ticket> tickets = {{kMarch2 + 10 * kHour, std::nullopt, 1, "acme"}};
  auto late = p1Tickets("acme", 4, 2 * kHour);
  tickets.insert(tickets.end(), late.begin(), late.end());
  tickets.push_back({kMarch2 + 11 * kHour, kMarch2 + 11 * kHour + 30 * kMinute, 0, "acme"});

  // Not asked: nothing kept.
  EXPECT_FALSE(windowOf(evaluate(tickets, kApril1), "response", "acme", kMarch2).misses);

  options_.keepMisses = true;
  options_.listedMisses = 2;
  eval::Report report = evaluate(tickets, kApril1);
  const eval::ObjectiveWindow& march = windowOf(report, "response", "acme", kMarch2);
  ASSERT_TRUE(march.misses);
  // 5 misses (the 4 late P1s, and the P2 decided at `at`), as many as the
  // budget counts; every time kept, in order; 2 records: the first noted,
  // the late P1s of lines 3 and 4 (the P2 is decided only at the end).
  EXPECT_EQ(march.budget->misses, 5);
  EXPECT_EQ(march.misses->count, 5);
  EXPECT_EQ(march.misses->times,
            (std::vector<std::int64_t>{kMarch2 + 9 * kHour, kMarch2 + 9 * kHour + kMinute,
                                       kMarch2 + 9 * kHour + 2 * kMinute,
                                       kMarch2 + 9 * kHour + 3 * kMinute, kMarch2 + 10 * kHour}));
  ASSERT_EQ(march.misses->records.size(), 2u);
  EXPECT_EQ(march.misses->records[0].line, 3u);
  EXPECT_EQ(march.misses->records[1].line, 4u);
  // A count has no record that misses on its own.
  EXPECT_FALSE(windowOf(report, "volume", std::nullopt, kMarch2).misses);

  report::MissExplainer explainer(*compilation_.plan(), report);
  // A P1: due an hour after opening (wall time), answered an hour later.
  report::MissExplanation p1 = explainer.explain(0, march, march.misses->records[0]);
  EXPECT_EQ(p1.due, kMarch2 + 10 * kHour);
  EXPECT_EQ(p1.done, kMarch2 + 11 * kHour);
  EXPECT_FALSE(p1.notDone);
  EXPECT_EQ(p1.late, kHour);
  EXPECT_EQ(p1.lateCalendar, "");
  EXPECT_EQ(p1.record, "desk.ticket:3 priority=P1");

  // With room for every record, the P2 is listed last, judged at `at`: not
  // answered by 1 April 00:00, late in office hours from 3 March 10:00: 7 h
  // that day, then 20 weekdays of 8 h (4 to 31 March), 167 h.
  options_.listedMisses = 20;
  eval::Report everything = evaluate(tickets, kApril1);
  const eval::ObjectiveWindow& all = windowOf(everything, "response", "acme", kMarch2);
  ASSERT_EQ(all.misses->records.size(), 5u);
  const eval::MissedRecord& open = all.misses->records.back();
  EXPECT_EQ(open.line, 2u);
  EXPECT_TRUE(open.judgedAtEvaluation);
  report::MissExplanation p2 =
      report::MissExplainer(*compilation_.plan(), everything).explain(0, all, open);
  EXPECT_EQ(p2.due, kMarch2 + 24 * kHour + 10 * kHour);
  EXPECT_TRUE(p2.notDone);
  EXPECT_EQ(p2.late, 167 * kHour);
  EXPECT_EQ(p2.lateCalendar, "office");
}

TEST_F(EvaluatorTest, TheCurrentQuarterIsPending) {
  eval::Report report = evaluate(p1Tickets("acme", 3, 30 * kMinute), kMarch2 + 12 * kHour);
  const eval::ObjectiveWindow& quarter = windowOf(report, "volume", std::nullopt, kMarch2);
  EXPECT_EQ(quarter.status, eval::Status::Pending);
  EXPECT_EQ(quarter.value.exact, eval::Rational(3));
}

} // namespace
} // namespace slac::testing
