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

// The stream's `csv` item; false after a diagnostic.
bool lowerCsvDialect(PlanState& state, const ast::StreamDecl& stream, plan::CsvDialect& dialect);

} // namespace slac::check
