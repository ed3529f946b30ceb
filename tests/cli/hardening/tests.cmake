# Hostile files and data (issue 11); every case failed before its fix.
set(SLAC_HARDENING_DIR ${SLAC_CLI_DIR}/hardening)

# 1. A Latin-1 group value stops the run with its place instead of aborting
# the JSON report; skipped, it is counted and the report is written.
slac_cli_test(hardening_latin1_group_value_stops EXIT 1 STDOUT ${SLAC_CLI_DIR}/empty
  STDERR ${SLAC_HARDENING_DIR}/latin1-customer.stderr
  COMMAND $<TARGET_FILE:slac> eval ${SLAC_EVAL_DESK} --format json
    --data desk.ticket=tests/cli/hardening/latin1-customer.csv)
slac_cli_test(hardening_latin1_group_value_skipped EXIT 0 STDERR ${SLAC_CLI_DIR}/empty
  COMMAND $<TARGET_FILE:slac> eval ${SLAC_EVAL_DESK} --format json --on-error=skip
    --data desk.ticket=tests/cli/hardening/latin1-customer.csv)

# 2, 3. Imports and test data that are no .sla file or lie outside the root.
add_test(NAME cli.hardening_hostile_files
  COMMAND bash ${SLAC_HARDENING_DIR}/hostile-files.sh $<TARGET_FILE:slac>
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})

# 5. A quote left open to the end refuses the file, even with skip: the
# records after it cannot be told apart.
slac_cli_test(hardening_open_quote_refuses_the_file EXIT 1 STDOUT ${SLAC_CLI_DIR}/empty
  STDERR ${SLAC_HARDENING_DIR}/open-quote.stderr
  COMMAND $<TARGET_FILE:slac> eval ${SLAC_EVAL_DESK} --on-error=skip
    --data desk.ticket=tests/cli/hardening/open-quote.csv)

# 6. Rejects that cannot be written or would overwrite the data; a full stdout.
add_test(NAME cli.hardening_outputs
  COMMAND bash ${SLAC_HARDENING_DIR}/outputs.sh $<TARGET_FILE:slac>
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})

# 7. NDJSON from stdin, by --data-format.
slac_cli_test(hardening_ndjson_from_stdin EXIT 0 STDOUT ${SLAC_CLI_DIR}/eval/desk-march.table
  STDIN ${SLAC_CLI_DIR}/eval/tickets-march.ndjson
  COMMAND $<TARGET_FILE:slac> eval ${SLAC_EVAL_DESK} --data-format ndjson --data desk.ticket=-)
