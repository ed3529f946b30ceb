slac_test(stdlib_tests SOURCES stdlib/StdlibTest.cpp DEPS slac_test_support slac_stdlib slac_lower slac_calendar)
