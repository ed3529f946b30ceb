slac_test(diagnostics_tests SOURCES diagnostics/SarifRendererTest.cpp
  DEPS slac_test_support nlohmann_json::nlohmann_json)
