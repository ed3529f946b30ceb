# The simdjson loop that is the limit for NDJSON (Debian libsimdjson-dev).
find_package(simdjson CONFIG REQUIRED)
# Parsing alone (issue 14): the fast reader, and the reader it replaced (kept
# in tests/ingest as the property test's reference) measured in the same run.
slac_benchmark(ingest_benchmark
  SOURCES ingest/IngestBenchmark.cpp ${PROJECT_SOURCE_DIR}/tests/ingest/CsvRecordReader.cpp
    ${PROJECT_SOURCE_DIR}/tests/ingest/ReferenceCsvBatches.cpp
    ${PROJECT_SOURCE_DIR}/tests/ingest/NdjsonLineReader.cpp
    ${PROJECT_SOURCE_DIR}/tests/ingest/ReferenceNdjsonBatches.cpp
  DEPS slac_compile slac_ingest simdjson::simdjson slac_internal_headers_for_tests)
target_include_directories(ingest_benchmark PRIVATE ${PROJECT_SOURCE_DIR}/tests/ingest)
target_compile_definitions(ingest_benchmark PRIVATE SLAC_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
  SLAC_BINARY_DIR="${PROJECT_BINARY_DIR}")
