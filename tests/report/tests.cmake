slac_test(report_tests
  SOURCES report/JsonWriterTest.cpp
  DEPS slac_report nlohmann_json::nlohmann_json slac_internal_headers_for_tests)
