slac_test(values_tests SOURCES values/RationalTest.cpp DEPS slac_values)
