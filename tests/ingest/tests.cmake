slac_test(ingest_tests SOURCES ingest/StreamReaderTest.cpp ingest/ExactNumberTest.cpp DEPS slac_ingest slac_driver)
