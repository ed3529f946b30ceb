slac_test(check_tests SOURCES check/VerifyTest.cpp check/TargetSetTest.cpp check/PlanTest.cpp check/CheckFileCoverageTest.cpp check/SeededMistakesTest.cpp check/CheckFuzzTest.cpp check/ClosestNameTest.cpp check/RatioPopulationTest.cpp DEPS slac_compile slac_check slac_test_support
  slac_internal_headers_for_tests)
