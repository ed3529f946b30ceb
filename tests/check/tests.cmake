slac_test(check_tests SOURCES check/VerifyTest.cpp check/TargetSetTest.cpp check/PlanTest.cpp DEPS slac_driver slac_check)
