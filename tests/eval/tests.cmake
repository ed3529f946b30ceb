slac_test(eval_tests SOURCES eval/PeriodsTest.cpp eval/RationalTest.cpp eval/QuantileSketchTest.cpp eval/EvaluatorTest.cpp eval/SlicesAndPeriodsTest.cpp DEPS slac_eval slac_driver)
