#include "check/DataShape.h"

#include "check/CalendarChecks.h"
#include "plan/TimeFormat.h"

#include <algorithm>
#include <fmt/format.h>

namespace slac::check {

namespace {

std::string foldedCase(std::string_view text) {
  std::string folded(text);
  for (char& c : folded)
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  return folded;
}

// `"\t"` as the file writes it, for messages about one character.
std::string characterSpelling(std::string_view text) {
  return text == "\t" ? "\"\\t\"" : fmt::format("\"{}\"", text);
}

} // namespace

std::vector<std::vector<std::string>> lowerEnumSpellings(PlanState& state,
                                                         const ast::EnumDecl& decl) {
  std::vector<std::vector<std::string>> spellings(decl.cases.size());
  // The case that owns each spelling so far (folded when case is ignored).
  std::map<std::string, std::size_t> owners;
  auto claim = [&](const std::string& spelling, std::size_t enumCase, SourceRange range) {
    std::string key = decl.ignoreCase ? foldedCase(spelling) : spelling;
    auto [owner, inserted] = owners.emplace(key, enumCase);
    if (inserted || owner->second == enumCase)
      return;
    state.report(DiagnosticKind::AmbiguousEnumSpelling, range,
                 fmt::format("\"{}\" already stands for `{}`{}; a value in the data must name "
                             "one case of `{}`",
                             spelling, decl.cases[owner->second].name,
                             decl.ignoreCase ? " (case is ignored)" : "", decl.name.name));
  };
  for (std::size_t i = 0; i < decl.cases.size(); ++i) {
    if (decl.spellings[i].empty()) {
      spellings[i].push_back(decl.cases[i].name);
      claim(decl.cases[i].name, i, decl.cases[i].range);
      continue;
    }
    for (const ast::StringValue& spelling : decl.spellings[i]) {
      if (spelling.value.empty())
        state.report(DiagnosticKind::AmbiguousEnumSpelling, spelling.range,
                     std::string("an empty spelling never matches: an empty cell is no value "
                                 "(declare the field optional, `priority: Priority?`)"));
      else
        claim(spelling.value, i, spelling.range);
      spellings[i].push_back(spelling.value);
    }
  }
  return spellings;
}

bool lowerFieldShape(PlanState& state, const ast::StreamDecl& stream, const ast::FieldDecl& decl,
                     plan::Field& field) {
  bool ok = true;
  auto misplaced = [&](SourceRange range, std::string message) {
    state.report(DiagnosticKind::MisplacedDataOption, range, std::move(message));
    ok = false;
  };
  field.column = decl.name.name;
  if (decl.column) {
    if (decl.column->value.empty())
      misplaced(decl.column->range,
                fmt::format("`from \"\"` names no column; write the column's header, or leave "
                            "`from` out to read the column `{}`",
                            decl.name.name));
    field.column = decl.column->value;
  }
  bool isTime = field.type.is(plan::TypeKind::Time);
  bool unixTime = isTime && field.format != plan::FieldFormat::Default;
  std::optional<plan::TimeFormat> timeFormat;
  if (decl.timeFormat) {
    if (!isTime)
      misplaced(decl.timeFormat->range,
                fmt::format("`format` says how a time is written, but `{}` is {}", decl.name.name,
                            typeSpelling(field.type, decl.type.name)));
    else if (unixTime)
      misplaced(decl.timeFormat->range,
                fmt::format("`as {}` and `format` both say how `{}` is written; keep one",
                            decl.format->name, decl.name.name));
    else {
      std::string problem;
      timeFormat = plan::TimeFormat::compile(decl.timeFormat->value, problem);
      if (!timeFormat) {
        state.report(DiagnosticKind::InvalidTimeFormat, decl.timeFormat->range,
                     decl.timeFormat->value, problem);
        ok = false;
      }
      field.timeFormat = decl.timeFormat->value;
    }
  }
  if (decl.localZone) {
    if (!isTime)
      misplaced(decl.localZone->range,
                fmt::format("`local in` is the zone of times written without an offset, but "
                            "`{}` is {}",
                            decl.name.name, typeSpelling(field.type, decl.type.name)));
    else if (unixTime)
      misplaced(decl.localZone->range,
                fmt::format("`local in` does not apply to `{}`: a Unix time (`as {}`) counts "
                            "from an instant, in no zone",
                            decl.name.name, decl.format->name));
    else {
      std::size_t errors = state.diagnostics.errorCount();
      checkZoneName(*decl.localZone, state.diagnostics);
      ok = ok && state.diagnostics.errorCount() == errors;
    }
  }
  const std::optional<ast::StringValue>& zone = decl.localZone ? decl.localZone : stream.localZone;
  if (isTime && !unixTime && zone)
    field.localZone = zone->value;
  if (timeFormat && !timeFormat->hasOffset() && !zone) {
    state.report(DiagnosticKind::MissingLocalZone, decl.timeFormat->range, decl.name.name,
                 decl.timeFormat->value);
    ok = false;
  }
  return ok;
}

bool lowerFieldCurrency(PlanState& state, const ast::FieldDecl& decl, plan::Type& type) {
  auto refuse = [&](SourceRange range, std::string message) {
    state.report(DiagnosticKind::FieldCurrency, range, std::move(message));
    return false;
  };
  if (!type.is(plan::TypeKind::Money)) {
    if (decl.currency)
      return refuse(decl.currency->range,
                    fmt::format("`{}` reads as a currency, but `{}` is {}; only a `money` field "
                                "names one",
                                decl.currency->name, decl.name.name,
                                typeSpelling(type, decl.type.name)));
    if (decl.currencyColumn)
      return refuse(decl.currencyColumn->range,
                    fmt::format("`currency` names the column of an amount's currency, but `{}` "
                                "is {}",
                                decl.name.name, typeSpelling(type, decl.type.name)));
    return true;
  }
  // Amounts of several currencies would add up to nothing meaningful, and
  // a rate to convert them is not the contract's: one currency per field.
  if (!decl.currency)
    return refuse(decl.type.range,
                  fmt::format("money field `{}` names no currency; write the code of its "
                              "amounts after the type, like `{}: money EUR`",
                              decl.name.name, decl.name.name));
  const std::string& code = decl.currency->name;
  if (code.size() != 3 || !std::all_of(code.begin(), code.end(),
                                       [](char letter) { return letter >= 'A' && letter <= 'Z'; }))
    return refuse(decl.currency->range,
                  fmt::format("`{}` is not a currency code; a code is three capital letters, "
                              "like EUR or USD",
                              code));
  if (decl.currencyColumn && decl.currencyColumn->value.empty())
    return refuse(decl.currencyColumn->range,
                  fmt::format("`currency \"\"` names no column; write the header of the column "
                              "that holds the currency of `{}`, or leave `currency` out",
                              decl.name.name));
  type.detail = plan::packCurrency(code);
  return true;
}

std::optional<plan::Field> currencyColumnField(const ast::FieldDecl& decl,
                                               const plan::Field& amount) {
  if (!decl.currencyColumn || !amount.type.is(plan::TypeKind::Money))
    return std::nullopt;
  return plan::Field{fmt::format("currency of {}", amount.name),
                     amount.type,
                     plan::FieldFormat::CurrencyColumn,
                     decl.currencyColumn->range,
                     decl.currencyColumn->value,
                     {},
                     {}};
}

bool lowerCsvDialect(PlanState& state, const ast::StreamDecl& stream, plan::CsvDialect& dialect) {
  bool ok = true;
  if (stream.localZone) {
    std::size_t errors = state.diagnostics.errorCount();
    checkZoneName(*stream.localZone, state.diagnostics);
    ok = state.diagnostics.errorCount() == errors;
  }
  for (std::size_t i = 0; i < stream.csvDialects.size(); ++i) {
    const ast::CsvDialectItem& item = stream.csvDialects[i];
    if (i > 0) {
      state.report(DiagnosticKind::MisplacedDataOption, item.range,
                   fmt::format("stream `{}` already says how its CSV is written; say it once",
                               stream.name.name));
      ok = false;
      continue;
    }
    if (item.separator) {
      const std::string& separator = item.separator->value;
      if (separator == "," || separator == ";" || separator == "\t" || separator == "|")
        dialect.separator = separator.front();
      else {
        state.report(DiagnosticKind::MisplacedDataOption, item.separator->range,
                     fmt::format("`separator {}` is not a CSV separator; use \",\", \";\", "
                                 "\"\\t\" (tab) or \"|\"",
                                 characterSpelling(separator)));
        ok = false;
      }
    }
    if (item.decimalMark) {
      const std::string& mark = item.decimalMark->value;
      if (mark == "." || mark == ",")
        dialect.decimalMark = mark.front();
      else {
        state.report(DiagnosticKind::MisplacedDataOption, item.decimalMark->range,
                     fmt::format("`decimal {}` is not a decimal mark; use \".\" or \",\"",
                                 characterSpelling(mark)));
        ok = false;
      }
    }
  }
  return ok;
}

} // namespace slac::check
