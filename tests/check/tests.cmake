slac_test(check_tests SOURCES check/VerifyTest.cpp check/TargetSetTest.cpp DEPS slac_driver slac_check)
