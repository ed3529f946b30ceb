slac_test(parse_tests
  SOURCES
    parse/GoldenAstTest.cpp
    parse/MalformedInputTest.cpp
    parse/HostileInputTest.cpp
    parse/LiteralsTest.cpp
    parse/DiagnosticCoverageTest.cpp
    parse/TriviaTest.cpp
    parse/MutationFuzzTest.cpp
  DEPS slac_test_support)
