# Issue 10 ("no silent wrong answer"): each case gave a wrong answer with
# exit code 0 before; the expected outputs were worked out by hand (see the
# comments at the top of each .sla file).
set(SLAC_TRUST_DIR tests/cli/trust)
set(SLAC_TRUST ${SLAC_CLI_DIR}/trust)

slac_cli_test(trust.outside_effective_period EXIT 1 STDERR ${SLAC_TRUST}/outside-period.stderr
  COMMAND $<TARGET_FILE:slac> eval ${SLAC_TRUST_DIR}/portal.sla
    --data portal.probe=${SLAC_TRUST_DIR}/july-august.csv --period 2027-Q1)
slac_cli_test(trust.from_before_effective_period EXIT 0
  STDOUT ${SLAC_TRUST}/from-before-effective.table STDERR ${SLAC_CLI_DIR}/empty
  COMMAND $<TARGET_FILE:slac> eval ${SLAC_TRUST_DIR}/portal.sla
    --data portal.probe=${SLAC_TRUST_DIR}/july-august.csv --from 2026-05-01
    --at 2026-09-01T00:00:00Z)
slac_cli_test(trust.partial_window_pro_rata EXIT 0 STDOUT ${SLAC_TRUST}/partial.table
  COMMAND $<TARGET_FILE:slac> eval ${SLAC_TRUST_DIR}/partial.sla
    --data portal.probe=${SLAC_TRUST_DIR}/partial.csv --at 2026-08-05T00:00:00Z)
slac_cli_test(trust.default_range_starts_at_first_record EXIT 0
  STDOUT ${SLAC_TRUST}/year-default.table
  COMMAND $<TARGET_FILE:slac> eval ${SLAC_TRUST_DIR}/year.sla
    --data portal.probe=${SLAC_TRUST_DIR}/july-august.csv --at 2026-09-01T00:00:00Z)
slac_cli_test(trust.explicit_from_reaches_before_first_record EXIT 0
  STDOUT ${SLAC_TRUST}/year-from-june.table
  COMMAND $<TARGET_FILE:slac> eval ${SLAC_TRUST_DIR}/year.sla
    --data portal.probe=${SLAC_TRUST_DIR}/july-august.csv --at 2026-09-01T00:00:00Z
    --from 2026-06-01)
slac_cli_test(trust.elapsed_backwards_in_condition_stops EXIT 1
  STDERR ${SLAC_TRUST}/elapsed-stop.stderr
  COMMAND $<TARGET_FILE:slac> eval ${SLAC_TRUST_DIR}/elapsed.sla
    --data desk.ticket=${SLAC_TRUST_DIR}/responded-before-opened.csv --at 2026-04-01T00:00:00Z)
slac_cli_test(trust.elapsed_backwards_in_condition_skipped EXIT 0
  STDOUT ${SLAC_TRUST}/elapsed-skip.table
  COMMAND $<TARGET_FILE:slac> eval ${SLAC_TRUST_DIR}/elapsed.sla
    --data desk.ticket=${SLAC_TRUST_DIR}/responded-before-opened.csv --at 2026-04-01T00:00:00Z
    --on-error=skip)
foreach(order ascending descending)
  slac_cli_test(trust.numbers_exact_${order} EXIT 0 STDOUT ${SLAC_TRUST}/numbers.table
    COMMAND $<TARGET_FILE:slac> eval ${SLAC_TRUST_DIR}/numbers.sla
      --data meter.reading=${SLAC_TRUST_DIR}/numbers-${order}.csv --at 2026-04-01T00:00:00Z)
endforeach()
foreach(scope record window)
  slac_cli_test(trust.overflow_${scope} EXIT 1 STDOUT ${SLAC_CLI_DIR}/empty
    STDERR ${SLAC_TRUST}/overflow-${scope}.stderr
    COMMAND $<TARGET_FILE:slac> eval ${SLAC_TRUST_DIR}/overflow.sla
      --data lab.sample=${SLAC_TRUST_DIR}/overflow-${scope}.csv --at 2026-04-01T00:00:00Z)
endforeach()
slac_cli_test(trust.no_records EXIT 1 STDERR ${SLAC_TRUST}/no-records.stderr
  COMMAND $<TARGET_FILE:slac> eval ${SLAC_TRUST_DIR}/portal.sla
    --data portal.probe=${SLAC_TRUST_DIR}/no-records.csv)
slac_cli_test(trust.unknown_command EXIT 2 STDERR ${SLAC_TRUST}/unknown-command.stderr
  COMMAND $<TARGET_FILE:slac> frob)
slac_cli_test(trust.unknown_report_format EXIT 2 STDERR ${SLAC_TRUST}/unknown-format.stderr
  COMMAND $<TARGET_FILE:slac> eval ${SLAC_TRUST_DIR}/portal.sla --format xml)

# --at T is "as of T": the report on all the data equals the report on the
# data cut at T, for random T, on the examples and generated tickets.
add_test(NAME trust.as_of_property
  COMMAND python3 ${PROJECT_SOURCE_DIR}/tests/eval/asof/as_of_property.py $<TARGET_FILE:slac>
    ${PROJECT_SOURCE_DIR} 12
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})

# A record refused when judged at `at` (judged-overflow.sla): as it is fed
# when `--at` is given, at the end with `--explain`; the same either way.
foreach(engine interp jit)
  slac_cli_test(trust.judged_at_refuses_${engine} EXIT 1 STDOUT ${SLAC_CLI_DIR}/empty
    STDERR ${SLAC_TRUST}/judged-overflow.stderr
    COMMAND $<TARGET_FILE:slac> eval ${SLAC_TRUST_DIR}/judged-overflow.sla
      --data desk.ticket=${SLAC_TRUST_DIR}/judged-overflow.csv --at 2026-04-01T00:00:00Z
      --engine ${engine})
  slac_cli_test(trust.judged_at_skips_${engine} EXIT 0 STDOUT ${SLAC_TRUST}/judged-overflow.table
    COMMAND $<TARGET_FILE:slac> eval ${SLAC_TRUST_DIR}/judged-overflow.sla
      --data desk.ticket=${SLAC_TRUST_DIR}/judged-overflow.csv --at 2026-04-01T00:00:00Z
      --on-error=skip --engine ${engine})
endforeach()
# A let no metric reads, failing when the record is judged at `at`
# (judged-unused-let.sla): refused in both engines.
foreach(engine interp jit)
  slac_cli_test(trust.judged_unused_let_refuses_${engine} EXIT 1 STDOUT ${SLAC_CLI_DIR}/empty
    STDERR ${SLAC_TRUST}/judged-unused-let.stderr
    COMMAND $<TARGET_FILE:slac> eval ${SLAC_TRUST_DIR}/judged-unused-let.sla
      --data desk.ticket=${SLAC_TRUST_DIR}/judged-overflow.csv --at 2026-04-01T00:00:00Z
      --engine ${engine})
endforeach()
slac_cli_test(trust.judged_at_end_skips EXIT 0 STDOUT ${SLAC_TRUST}/judged-overflow-explain.table
  COMMAND $<TARGET_FILE:slac> eval ${SLAC_TRUST_DIR}/judged-overflow.sla
    --data desk.ticket=${SLAC_TRUST_DIR}/judged-overflow.csv --at 2026-04-01T00:00:00Z
    --on-error=skip --explain)
