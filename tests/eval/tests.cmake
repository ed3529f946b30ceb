slac_test(eval_tests SOURCES eval/PeriodsTest.cpp eval/QuantileSketchTest.cpp eval/EvaluatorTest.cpp eval/SlicesAndPeriodsTest.cpp eval/MemoryBudgetTest.cpp eval/SliceCountersTest.cpp eval/SliceCalendarsTest.cpp eval/IntervalCoverageTest.cpp eval/ClockPausesTest.cpp eval/BatchGroupsTest.cpp eval/KeptRecordTest.cpp DEPS slac_eval slac_compile slac_report
  slac_internal_headers_for_tests)
