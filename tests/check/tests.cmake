slac_test(check_tests SOURCES check/VerifyTest.cpp check/TargetSetTest.cpp check/PlanTest.cpp check/CheckFileCoverageTest.cpp DEPS slac_driver slac_check slac_test_support)
