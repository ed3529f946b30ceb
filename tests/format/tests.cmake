slac_test(format_tests SOURCES format/FormatterTest.cpp DEPS slac_format slac_test_support)

# CI fails when a .sla file of the repository is not in the canonical
# layout (`slac fmt --check` prints the diff). Left out, with the reason:
set(SLAC_FMT_UNCHECKED
  # Deliberately malformed inputs: they do not parse, so fmt refuses them.
  "^tests/parse/malformed/"
  "^tests/check/syntax/errors-and-literals.sla$"
  "^tests/cli/two-errors.sla$"
  "^tests/check/data/repeated-options.sla$"
  "^tests/check/data/money-columns.sla$"
  # Unformatted on purpose: the input of the fmt command-line tests.
  "^tests/cli/fmt/unformatted.sla$"
  # Its unspaced `1000-10` and `2026-03` (subtractions) are the point.
  "^tests/parse/golden/periods-and-arithmetic.sla$")
file(GLOB_RECURSE SLAC_REPOSITORY_SLA RELATIVE ${PROJECT_SOURCE_DIR} CONFIGURE_DEPENDS
  ${PROJECT_SOURCE_DIR}/examples/*.sla ${PROJECT_SOURCE_DIR}/stdlib/*.sla
  ${PROJECT_SOURCE_DIR}/tests/*.sla)
foreach(pattern ${SLAC_FMT_UNCHECKED})
  list(FILTER SLAC_REPOSITORY_SLA EXCLUDE REGEX "${pattern}")
endforeach()
slac_cli_test(fmt_repository_is_formatted EXIT 0 STDOUT ${SLAC_CLI_DIR}/empty
  COMMAND $<TARGET_FILE:slac> fmt --check ${SLAC_REPOSITORY_SLA})
