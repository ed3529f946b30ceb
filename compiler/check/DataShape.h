#pragma once

// How the data writes a stream (docs/data.md): the spellings of enum cases,
// the column of each field, time formats and the zone of local times, the
// CSV separator and decimal mark. Checked here (E0616-E0619, E0304) and
// lowered into the plan, which is all ingestion reads.

#include "ast/Decl.h"
#include "check/PlanState.h"

namespace slac::check {

// Per case, the spellings that stand for it (its name when it lists none);
// E0616 when two cases share one, or one is empty.
std::vector<std::vector<std::string>> lowerEnumSpellings(PlanState& state,
                                                         const ast::EnumDecl& decl);

// Fills the field's column, time format and local zone from `from`,
// `format` and `local in` (the field's or its stream's); false after a
// diagnostic.
bool lowerFieldShape(PlanState& state, const ast::StreamDecl& stream, const ast::FieldDecl& decl,
                     plan::Field& field);

// A money field's currency (`money EUR`) into `type`, which is money
// without one; E0624 when money names none, a field of another type names
// one or a currency column, or the code is not three capitals. False after
// a diagnostic.
bool lowerFieldCurrency(PlanState& state, const ast::FieldDecl& decl, plan::Type& type);

// For `refund: money EUR currency "Currency"`, the field that reads the
// column of currency codes (plan::FieldFormat::CurrencyColumn); ingestion
// rejects a record whose code is not the amount's currency.
std::optional<plan::Field> currencyColumnField(const ast::FieldDecl& decl,
                                               const plan::Field& amount);

// The stream's `csv` item; false after a diagnostic.
bool lowerCsvDialect(PlanState& state, const ast::StreamDecl& stream, plan::CsvDialect& dialect);

} // namespace slac::check
