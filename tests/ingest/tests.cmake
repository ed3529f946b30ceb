slac_test(ingest_tests SOURCES ingest/StreamReaderTest.cpp DEPS slac_ingest slac_driver)
