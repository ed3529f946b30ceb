#include "check/RemedyChecks.h"

#include "check/TargetSet.h"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace slac::check {

namespace {

// The values a tier applies to: an interval with optional, inclusive or
// exclusive ends.
struct TierRange {
  std::optional<ExactValue> lower;
  bool lowerInclusive = false;
  std::optional<ExactValue> upper;
  bool upperInclusive = false;

  bool contains(const ExactValue& v) const {
    if (lower) {
      std::strong_ordering order = v.number <=> lower->number;
      if (order < 0 || (order == 0 && !lowerInclusive))
        return false;
    }
    if (upper) {
      std::strong_ordering order = v.number <=> upper->number;
      if (order > 0 || (order == 0 && !upperInclusive))
        return false;
    }
    return true;
  }
};

struct Tier {
  const ast::TierRule* rule;
  TierRange range;
  ExactValue amount;
};

bool addLimit(TierRange& range, const ast::TierLimit& limit, const ConstantFacts& facts) {
  std::optional<ExactValue> threshold = facts.valueOf(limit.threshold);
  if (!threshold)
    return false;
  bool inclusive =
      limit.bound == ast::TierBound::AtOrBelow || limit.bound == ast::TierBound::AtOrAbove;
  bool isUpper = limit.bound == ast::TierBound::Below || limit.bound == ast::TierBound::AtOrBelow;
  std::optional<ExactValue>& end = isUpper ? range.upper : range.lower;
  bool& endInclusive = isUpper ? range.upperInclusive : range.lowerInclusive;
  // Two limits on one side: the tighter one holds.
  if (end && end->comparableWith(*threshold)) {
    std::strong_ordering order = threshold->number <=> end->number;
    bool tighter = isUpper ? order < 0 : order > 0;
    if (!tighter && !(order == 0 && !inclusive))
      return true;
  }
  end = threshold;
  endInclusive = inclusive;
  return true;
}

// The credit tiers as exact ranges and amounts, or nothing when they are
// not all literals of comparable kinds.
std::optional<std::vector<Tier>> creditTiers(const ast::RemedyDecl& remedy,
                                             const ConstantFacts& facts) {
  std::vector<Tier> tiers;
  for (const ast::RemedyRule& rule : remedy.rules) {
    const auto* tierRule = std::get_if<ast::TierRule>(&rule);
    if (!tierRule || tierRule->payout != ast::Payout::Credit)
      continue;
    Tier tier{tierRule, {}, {}};
    std::optional<ExactValue> amount = facts.valueOf(tierRule->amount);
    if (!amount || !addLimit(tier.range, tierRule->limit, facts) ||
        (tierRule->otherLimit && !addLimit(tier.range, *tierRule->otherLimit, facts)))
      return std::nullopt;
    tier.amount = *amount;
    tiers.push_back(tier);
  }
  for (const Tier& tier : tiers)
    for (const std::optional<ExactValue>* end : {&tier.range.lower, &tier.range.upper})
      if (*end && !(*end)->comparableWith(tiers.front().range.lower ? *tiers.front().range.lower
                                                                    : *tiers.front().range.upper))
        return std::nullopt;
  for (const Tier& tier : tiers)
    if (!tier.amount.comparableWith(tiers.front().amount))
      return std::nullopt;
  return tiers;
}

// Values that between them take every credit the tiers can give: each
// threshold, the midpoints between neighbouring thresholds, and a value
// beyond each extreme, in increasing order.
std::vector<ExactValue> representativeValues(const std::vector<Tier>& tiers) {
  std::vector<ExactValue> thresholds;
  for (const Tier& tier : tiers)
    for (const auto& end : {tier.range.lower, tier.range.upper})
      if (end)
        thresholds.push_back(*end);
  std::sort(thresholds.begin(), thresholds.end(),
            [](const ExactValue& a, const ExactValue& b) { return a.number < b.number; });
  thresholds.erase(
      std::unique(thresholds.begin(), thresholds.end(),
                  [](const ExactValue& a, const ExactValue& b) { return a.number == b.number; }),
      thresholds.end());
  std::vector<ExactValue> values;
  if (thresholds.empty())
    return values;
  values.push_back(shiftedByOne(thresholds.front(), -1));
  for (std::size_t i = 0; i < thresholds.size(); ++i) {
    if (i > 0)
      values.push_back(midpoint(thresholds[i - 1], thresholds[i]));
    values.push_back(thresholds[i]);
  }
  values.push_back(shiftedByOne(thresholds.back(), 1));
  return values;
}

std::optional<ExactValue> creditFor(const std::vector<Tier>& tiers, const ExactValue& value) {
  std::optional<ExactValue> best;
  for (const Tier& tier : tiers)
    if (tier.range.contains(value) && (!best || tier.amount.number > best->number))
      best = tier.amount;
  return best;
}

// An agreement's objectives by name (the first of a name), so that
// thousands of remedies do not each search thousands of objectives.
std::map<std::string_view, const ast::ObjectiveDecl*>
objectivesByName(const ast::AgreementDecl& agreement) {
  std::map<std::string_view, const ast::ObjectiveDecl*> objectives;
  for (const ast::Decl* member : agreement.members)
    if (const auto* objective = dyn_cast<ast::ObjectiveDecl>(member))
      objectives.emplace(objective->name.name, objective);
  return objectives;
}

void checkRemedy(const ast::AgreementDecl& agreement, const ast::RemedyDecl& remedy,
                 const ast::ObjectiveDecl* objective, const ConstantFacts& facts,
                 Findings& findings) {
  std::optional<std::vector<Tier>> tiers = creditTiers(remedy, facts);
  if (!tiers || tiers->empty())
    return;
  for (const Tier& tier : *tiers)
    if (tier.range.lower && tier.range.upper) {
      std::strong_ordering order = tier.range.lower->number <=> tier.range.upper->number;
      if (order > 0 || (order == 0 && !(tier.range.lowerInclusive && tier.range.upperInclusive)))
        findings.report({&remedy, &agreement}, DiagnosticKind::TierNeverApplies, tier.rule->range,
                        "no value lies within both of its limits");
    }

  std::vector<ExactValue> values = representativeValues(*tiers);
  std::vector<std::optional<ExactValue>> credits;
  for (const ExactValue& value : values)
    credits.push_back(creditFor(*tiers, value));

  // A run of uncredited values with credited values on both sides.
  bool gapFound = false;
  for (std::size_t i = 1; i + 1 < values.size(); ++i) {
    if (credits[i] || !credits[i - 1])
      continue;
    std::size_t end = i;
    while (end < values.size() && !credits[end])
      ++end;
    if (end < values.size()) {
      // Credits are constant between thresholds, which sit at the odd
      // positions of `values`: the hole starts at a threshold it contains
      // or just above a credited one, and likewise ends.
      auto isThreshold = [&](std::size_t k) { return k % 2 == 1; };
      std::string what =
          end == i + 1 && isThreshold(i)
              ? fmt::format("`{}` itself", values[i].toString())
              : fmt::format("the values in {}{}, {}{}", isThreshold(i) ? "[" : "(",
                            (isThreshold(i) ? values[i] : values[i - 1]).toString(),
                            (isThreshold(end - 1) ? values[end - 1] : values[end]).toString(),
                            isThreshold(end - 1) ? "]" : ")");
      findings.report({&remedy, &agreement}, DiagnosticKind::TierGap, remedy.name.range,
                      remedy.name.name, what);
      gapFound = true;
    }
    i = end;
  }

  // Worse values first: lower ones when the objective wants high values.
  bool higherIsBetter = !objective || objective->comparison == ast::BinaryOp::Ge ||
                        objective->comparison == ast::BinaryOp::Gt;
  if (!gapFound) {
    ExactValue none = tiers->front().amount;
    none.number = 0;
    for (std::size_t i = 0; i + 1 < values.size(); ++i) {
      std::size_t worse = higherIsBetter ? i : i + 1;
      std::size_t better = higherIsBetter ? i + 1 : i;
      ExactValue worseCredit = credits[worse].value_or(none);
      ExactValue betterCredit = credits[better].value_or(none);
      if (worseCredit.number < betterCredit.number) {
        findings.report({&remedy, &agreement}, DiagnosticKind::NonMonotoneTiers, remedy.name.range,
                        remedy.name.name, values[better].toString(), betterCredit.toString(),
                        values[worse].toString(), worseCredit.toString());
        break;
      }
    }
  }

  for (const Tier& tier : *tiers) {
    bool applies = false;
    for (std::size_t i = 0; i < values.size() && !applies; ++i)
      applies =
          tier.range.contains(values[i]) && credits[i] && credits[i]->number == tier.amount.number;
    bool empty = std::none_of(values.begin(), values.end(),
                              [&](const ExactValue& v) { return tier.range.contains(v); });
    if (!applies && !empty)
      findings.report({&remedy, &agreement}, DiagnosticKind::TierNeverApplies, tier.rule->range,
                      "a larger credit applies to every value it covers");
  }
}

} // namespace

void checkRemedies(const std::vector<const modules::Module*>& modules, const ConstantFacts& facts,
                   Findings& findings) {
  for (const modules::Module* module : modules)
    for (const ast::Decl* decl : module->ast.declarations)
      if (const auto* agreement = dyn_cast<ast::AgreementDecl>(decl)) {
        std::map<std::string_view, const ast::ObjectiveDecl*> objectives =
            objectivesByName(*agreement);
        auto checkRemedies = [&](const std::vector<const ast::Decl*>& members) {
          for (const ast::Decl* member : members)
            if (const auto* remedy = dyn_cast<ast::RemedyDecl>(member)) {
              auto objective = objectives.find(remedy->objective.name);
              checkRemedy(*agreement, *remedy,
                          objective == objectives.end() ? nullptr : objective->second, facts,
                          findings);
            }
        };
        checkRemedies(agreement->members);
        // A revision's remedies are checked against the objectives in force
        // with them: as the revision restates them, or as before.
        for (const ast::RevisionDecl* revision : agreement->revisions) {
          for (const ast::Decl* member : revision->members)
            if (const auto* restated = dyn_cast<ast::ObjectiveDecl>(member))
              if (auto found = objectives.find(restated->name.name); found != objectives.end())
                found->second = restated;
          checkRemedies(revision->members);
        }
      }
}

} // namespace slac::check
