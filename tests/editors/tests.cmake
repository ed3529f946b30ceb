# The VS Code grammar tokenizes the valid .sla files of the repository.
add_test(NAME editors.textmate_grammar
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/editors/run.sh ${PROJECT_SOURCE_DIR}
    ${PROJECT_BINARY_DIR}/editors-tests)
set_tests_properties(editors.textmate_grammar PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77)
