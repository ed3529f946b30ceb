slac_test(ingest_tests
  SOURCES ingest/StreamReaderTest.cpp ingest/ExactNumberTest.cpp ingest/HostileDataTest.cpp
    ingest/DataShapeTest.cpp ingest/MoneyFieldTest.cpp ingest/TimeFormatTest.cpp
    ingest/CsvPropertyTest.cpp ingest/PropertyDice.cpp ingest/ReferenceCsvBatches.cpp
    ingest/CsvRecordReader.cpp ingest/NdjsonPropertyTest.cpp ingest/ReferenceNdjsonBatches.cpp
    ingest/NdjsonLineReader.cpp ingest/ThreadedReading.cpp ingest/GroupCodesTest.cpp
    ingest/ChunkCutterTest.cpp ingest/CommonSpellingTest.cpp
  DEPS slac_ingest slac_compile slac_report nlohmann_json::nlohmann_json
    slac_internal_headers_for_tests)
# The parallel reader on a stream built by hand: it links the ingest library
# alone, no compiler, so that the ThreadSanitizer stage of .ci/test builds
# just this and runs it.
slac_test(ingest_thread_tests
  SOURCES ingest/ThreadedReaderTest.cpp ingest/ThreadedReading.cpp ingest/PropertyDice.cpp
  DEPS slac_ingest)
