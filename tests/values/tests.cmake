slac_test(values_tests SOURCES values/RationalTest.cpp values/ZonesTest.cpp DEPS slac_values date::date-tz)
