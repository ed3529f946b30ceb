# The reports a manager reads (docs/report.md): text with --explain,
# Markdown, HTML and JSON with the misses of breached windows, on the
# examples and their data. The numbers are those derived by hand in
# examples/data/README.md.
set(SLAC_REPORT_DIR ${CMAKE_CURRENT_SOURCE_DIR}/cli/report)

foreach(case
    "msp_explain_text;msp-support.explain.txt;msp-support;--explain"
    "msp_explain_markdown;msp-support.explain.md;msp-support;--format;markdown;--explain"
    "msp_explain_html;msp-support.explain.html;msp-support;--format;html;--explain"
    "msp_explain_json;msp-support.explain.json;msp-support;--format;json;--explain"
    "distributor_explain_text;distributor.explain.txt;distributor;--explain"
    "distributor_explain_markdown;distributor.explain.md;distributor;--format;markdown;--explain"
    "distributor_explain_html;distributor.explain.html;distributor;--format;html;--explain"
    "distributor_precision0;distributor.precision0.md;distributor;--format;markdown;--precision;0"
    "saas_explain_limit;saas-with-ola.explain-limit1.txt;saas-with-ola;--explain;--explain-limit;1"
    "saas_html;saas-with-ola.html;saas-with-ola;--format;html"
    "incident_explain_text;incident-availability.explain.txt;incident-availability;--explain"
    "incident_explain_markdown;incident-availability.explain.md;incident-availability;--format;markdown;--explain"
    "incident_explain_html;incident-availability.explain.html;incident-availability;--format;html;--explain")
  list(POP_FRONT case name expected example)
  slac_cli_test(report.${name} EXIT 0 STDOUT ${SLAC_REPORT_DIR}/${expected} STDERR ${SLAC_CLI_DIR}/empty
    COMMAND $<TARGET_FILE:slac> eval examples/${example}.sla ${case})
endforeach()
slac_cli_test(report.precision_out_of_range EXIT 2 STDERR ${SLAC_REPORT_DIR}/precision7.stderr
  COMMAND $<TARGET_FILE:slac> eval examples/distributor.sla --precision 7)

# The HTML reports in a real browser: headless Chromium loads them without a
# console message, draws their charts and takes a non-blank screenshot.
# Skipped (exit 77) only when no Chromium is installed; .ci/setup installs it.
find_package(Python3 COMPONENTS Interpreter REQUIRED)
add_test(NAME report.html_in_headless_chromium
  COMMAND ${Python3_EXECUTABLE} ${SLAC_REPORT_DIR}/browser_test.py $<TARGET_FILE:slac>
    ${PROJECT_SOURCE_DIR}
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(report.html_in_headless_chromium PROPERTIES SKIP_RETURN_CODE 77 TIMEOUT 300)
