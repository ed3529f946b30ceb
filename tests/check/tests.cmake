slac_test(check_tests SOURCES check/VerifyTest.cpp DEPS slac_driver)
