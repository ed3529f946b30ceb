slac_test(report_tests
  SOURCES report/JsonWriterTest.cpp report/LocalTimeTextTest.cpp report/StreamedReportTest.cpp
  # date's own zones format the instants the report's must match.
  DEPS slac_report slac_compile nlohmann_json::nlohmann_json slac_internal_headers_for_tests
    date::date-tz)
