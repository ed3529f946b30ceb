#pragma once

#include "ast/Expr.h"
#include "ast/Node.h"
#include "ast/Values.h"

#include <optional>
#include <variant>
#include <vector>

namespace slac::ast {

// Declarations are records: the parser fills their fields once and then
// publishes them as `const`, so every later phase sees them read-only.
class Decl : public Node {
public:
  static bool classof(const Node* node) {
    return node->kind() >= NodeKind::FirstDecl && node->kind() <= NodeKind::LastDecl;
  }

  // The declared name; empty for the unnamed items (caps, terminations).
  Identifier name;
  std::optional<StringValue> title;

protected:
  using Node::Node;
};

template <NodeKind K> class DeclOf : public Decl {
public:
  explicit DeclOf(SourceRange range) : Decl(K, range) {}
  static bool classof(const Node* node) { return node->kind() == K; }
};

// `import std.calendars`, `import "common.sla" as common`
class ImportDecl final : public DeclOf<NodeKind::ImportDecl> {
public:
  using DeclOf::DeclOf;
  std::variant<QualifiedName, StringValue> target;
  std::optional<Identifier> alias;
};

// ---------------------------------------------------------------- calendars

struct TimeInterval {
  TimeOfDay start;
  TimeOfDay end;
  SourceRange range;
};

// Monday is bit 0, Sunday bit 6.
using WeekdaySet = std::uint8_t;
std::string weekdaySetSpelling(WeekdaySet days);

struct ZoneItem {
  StringValue zone;
  SourceRange range;
};
struct AlwaysItem {
  SourceRange range;
};
// `mon-fri 08:00-12:00, 13:00-17:00`
struct WeeklyHoursItem {
  WeekdaySet days = 0;
  std::vector<TimeInterval> intervals;
  SourceRange range;
};
// `2026-12-24` or `2026-12-24 to 2026-12-31` (inclusive)
struct ClosedDates {
  CivilDate first;
  CivilDate last;
  SourceRange range;
};
// `closed 2026-12-24, germany`: dates, date ranges and holiday sets.
struct ClosedItem {
  std::vector<std::variant<ClosedDates, QualifiedName>> entries;
  SourceRange range;
};
// `open 2026-12-27 10:00-14:00`: extra hours on a date.
struct OpenDateItem {
  CivilDate date;
  std::vector<TimeInterval> intervals;
  SourceRange range;
};
// `window 2026-03-14T22:00:00Z to 2026-03-15T02:00:00Z`
struct WindowItem {
  DateTime from;
  DateTime to;
  SourceRange range;
};
// `window from "maintenance.csv"`, `closed from "holidays.csv"`: windows
// or closed dates read from a CSV file when the calendar is evaluated
// (docs/language.md, "Calendar data").
struct CalendarFileItem {
  enum class Kind : std::uint8_t { Windows, ClosedDates };
  Kind kind;
  StringValue path; // as written, relative to the .sla file
  SourceRange range;
};
// `business day = 8h`
struct BusinessDayItem {
  std::int64_t micros = 0;
  SourceRange range;
};

using CalendarItem = std::variant<ZoneItem, AlwaysItem, WeeklyHoursItem, ClosedItem, OpenDateItem,
                                  WindowItem, CalendarFileItem, BusinessDayItem>;

class CalendarDecl final : public DeclOf<NodeKind::CalendarDecl> {
public:
  using DeclOf::DeclOf;
  // In source order, repeated items included: the checker judges them.
  std::vector<CalendarItem> items;
};

struct Holiday {
  CivilDate date;
  std::optional<StringValue> description;
  SourceRange range;
};

class HolidaysDecl final : public DeclOf<NodeKind::HolidaysDecl> {
public:
  using DeclOf::DeclOf;
  std::vector<Holiday> holidays;
};

// ---------------------------------------------------------------- services

// `enum Priority ignoring case { urgent = "Urgent" | "P1 - Urgent", low }`
class EnumDecl final : public DeclOf<NodeKind::EnumDecl> {
public:
  using DeclOf::DeclOf;
  std::vector<Identifier> cases;
  // Per case, the spellings that stand for it in the data; none: its name.
  std::vector<std::vector<StringValue>> spellings;
  bool ignoreCase = false;
};

// `responded: time?`, `t: time as epoch_ms`,
// `opened: time from "Created" format "%d/%b/%y %I:%M %p" local in "Europe/Berlin"`
class FieldDecl final : public DeclOf<NodeKind::FieldDecl> {
public:
  using DeclOf::DeclOf;
  Identifier type;
  std::optional<Identifier> currency; // `money EUR`: the code after the type
  bool optional = false;
  std::optional<StringValue> column; // `from "Ticket ID"`; unset: the field's name
  // `currency "Currency"`: a column that names each amount's currency
  std::optional<StringValue> currencyColumn;
  std::optional<Identifier> format;
  std::optional<StringValue> timeFormat; // `format "%Y-%m-%d %H:%M"`
  std::optional<StringValue> localZone;  // `local in "Europe/Berlin"`
};

// `csv separator ";" decimal ","` in a stream.
struct CsvDialectItem {
  std::optional<StringValue> separator;
  std::optional<StringValue> decimalMark;
  SourceRange range;
};

class LetDecl final : public DeclOf<NodeKind::LetDecl> {
public:
  using DeclOf::DeclOf;
  const Expr* value = nullptr;
};

class MetricDecl final : public DeclOf<NodeKind::MetricDecl> {
public:
  using DeclOf::DeclOf;
  const Expr* value = nullptr;
};

// `stream ticket at opened { ... }`: fields and lets. An interval stream,
// `stream incident from started to ended { ... }`, has its start in
// `eventTime` and its end in `intervalEnd`.
class StreamDecl final : public DeclOf<NodeKind::StreamDecl> {
public:
  using DeclOf::DeclOf;
  Identifier eventTime;
  std::optional<Identifier> intervalEnd;
  std::optional<StringValue> localZone; // `stream s at t local in "Europe/Berlin"`
  std::vector<const Decl*> members;
  std::vector<CsvDialectItem> csvDialects; // in source order; the checker allows one
};

// Enums, streams, lets and metrics.
class ServiceDecl final : public DeclOf<NodeKind::ServiceDecl> {
public:
  using DeclOf::DeclOf;
  std::vector<const Decl*> members;
};

// ---------------------------------------------------------------- agreements

enum class PeriodUnit : std::uint8_t { Day, Week, Month, Quarter, Year };
const char* periodUnitName(PeriodUnit unit);

// `over month` or `over rolling 28d`
struct Period {
  std::optional<PeriodUnit> unit; // unset: rolling
  std::int64_t rollingMicros = 0;
  SourceRange range;
};

enum class NoDataPolicy : std::uint8_t { Met, Breached };

struct PartyItem {
  enum class Role : std::uint8_t { Provider, Customer } role;
  StringValue name;
  SourceRange range;
};
struct EffectiveItem {
  CivilDate from;
  CivilDate to;
  SourceRange range;
};
// `fee 12000.00 EUR per month`, `fee 3000.00 EUR per 3 months`; a fee per
// customer class: `fee match tier { gold => 5000.00 EUR, _ => 2000.00 EUR }
// per month` (`amount` is then unused).
struct FeeItem {
  Money amount;
  PeriodUnit per;
  SourceRange range;
  std::int64_t count = 1; // periods the fee is for
  std::optional<Identifier> classField;
  std::vector<MatchArm> classArms;
};
struct ReviewItem {
  std::int64_t count = 0;
  PeriodUnit unit;
  SourceRange range;
};
struct NoDataItem {
  NoDataPolicy policy;
  SourceRange range;
};

using AgreementItem =
    std::variant<PartyItem, EffectiveItem, ZoneItem, FeeItem, ReviewItem, NoDataItem>;

// `allow E0508 "as signed: 2019 terms"` in an agreement, objective or
// remedy: a finding of the checker the parties accept, with their reason.
struct Acknowledgement {
  Identifier code;
  StringValue reason;
  SourceRange range;
};

// Which records of the window count: `during`, `outside`, `excluding`.
struct CalendarFilter {
  enum class Mode : std::uint8_t { During, Outside, Excluding } mode;
  QualifiedName calendar;
  SourceRange range;
};
struct OverClause {
  Period period;
  SourceRange range;
};
// `per customer`, `per customer, region`: one group per combination of values.
struct PerClause {
  std::vector<Identifier> fields; // never empty
  SourceRange range;
};

using ObjectiveClause = std::variant<CalendarFilter, OverClause, PerClause, NoDataItem>;

// `objective uptime: portal.availability >= 99.5% during office over month`
class ObjectiveDecl final : public DeclOf<NodeKind::ObjectiveDecl> {
public:
  using DeclOf::DeclOf;
  const Expr* metric = nullptr;
  BinaryOp comparison = BinaryOp::Ge;
  SourceRange comparisonRange;
  const Expr* target = nullptr;
  std::vector<ObjectiveClause> clauses;
  std::vector<Acknowledgement> acknowledgements;
};

// `below 99.5%`
struct TierLimit {
  TierBound bound;
  const Expr* threshold;
};
// `below 99.5% credit 10%`, `above 99.99% bonus 5%`,
// `at or below 99.9% and above 99.0% credit 10%`
struct TierRule {
  TierLimit limit;
  std::optional<TierLimit> otherLimit;
  Payout payout;
  const Expr* amount;
  SourceRange range;
};
// `per breach credit 5%`
struct PerBreachRule {
  Payout payout;
  const Expr* amount;
  SourceRange range;
};
// `cap 30%` inside a remedy
struct RemedyCapRule {
  const Expr* amount;
  SourceRange range;
};

using RemedyRule = std::variant<TierRule, PerBreachRule, RemedyCapRule>;

class RemedyDecl final : public DeclOf<NodeKind::RemedyDecl> {
public:
  using DeclOf::DeclOf;
  Identifier objective;
  std::vector<RemedyRule> rules;
  std::vector<Acknowledgement> acknowledgements;
};

// `cap credits 50% per month`
class CapDecl final : public DeclOf<NodeKind::CapDecl> {
public:
  using DeclOf::DeclOf;
  const Expr* amount = nullptr;
  std::optional<PeriodUnit> per;
};

// `terminate when uptime breached 3 consecutive months`
class TerminateDecl final : public DeclOf<NodeKind::TerminateDecl> {
public:
  using DeclOf::DeclOf;
  Identifier objective;
  std::int64_t count = 0;
  PeriodUnit unit = PeriodUnit::Month;
};

class RevisionDecl;

class AgreementDecl final : public DeclOf<NodeKind::AgreementDecl> {
public:
  using DeclOf::DeclOf;
  std::optional<QualifiedName> supports;
  std::vector<AgreementItem> items;
  // Objectives, remedies, caps and terminations, in source order.
  std::vector<const Decl*> members;
  std::vector<Acknowledgement> acknowledgements;
  std::vector<const RevisionDecl*> revisions; // in source order
};

// `revision amendment_1 "Amendment 1" from 2026-07-01 { ... }`: the terms in
// force from `from` on. Its body is read like an agreement's; the checker
// refuses the items a revision cannot restate (a zone, a nested revision).
class RevisionDecl final : public DeclOf<NodeKind::RevisionDecl> {
public:
  using DeclOf::DeclOf;
  CivilDate from;
  SourceRange fromRange;
  std::vector<AgreementItem> items;
  std::vector<const Decl*> members;
  std::vector<Acknowledgement> acknowledgements;
  std::vector<const RevisionDecl*> revisions;
};

// ---------------------------------------------------------------- tests

// `2026-03` (a month), `2026-Q1`, `2026`, `2026-03-15` (a day).
struct PeriodLiteral {
  PeriodUnit unit;
  CivilDate start;
  SourceRange range;
};

struct DataItem {
  QualifiedName stream;
  StringValue path;
  SourceRange range;
};
struct AtItem {
  DateTime instant;
  SourceRange range;
};
// `expect acme.uptime for "globex" in 2026-03 == breached`
struct ExpectItem {
  QualifiedName subject;
  std::optional<StringValue> group;
  std::optional<PeriodLiteral> period;
  BinaryOp comparison;
  const Expr* expected;
  SourceRange range;
};

using TestItem = std::variant<DataItem, AtItem, ExpectItem>;

class TestDecl final : public DeclOf<NodeKind::TestDecl> {
public:
  using DeclOf::DeclOf;
  StringValue description;
  std::vector<TestItem> items;
};

} // namespace slac::ast
