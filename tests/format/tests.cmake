slac_test(format_tests SOURCES format/FormatterTest.cpp DEPS slac_format slac_test_support)
