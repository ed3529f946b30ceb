slac_test(eval_tests SOURCES eval/PeriodsTest.cpp DEPS slac_eval)
