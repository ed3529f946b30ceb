# The language server, spoken to over stdio by a scripted client.
find_package(Python3 COMPONENTS Interpreter REQUIRED)
add_test(NAME lsp.protocol
  COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/lsp/lsp_test.py $<TARGET_FILE:slac>)
set_tests_properties(lsp.protocol PROPERTIES TIMEOUT 60)

slac_test(lsp_tests SOURCES lsp/LspUnitTest.cpp DEPS slac_lsp slac_internal_headers_for_tests)
