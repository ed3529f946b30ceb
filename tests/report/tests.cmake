slac_test(report_tests
  SOURCES report/JsonWriterTest.cpp report/LocalTimeTextTest.cpp
  # date's own zones format the instants the report's must match.
  DEPS slac_report nlohmann_json::nlohmann_json slac_internal_headers_for_tests date::date-tz)
