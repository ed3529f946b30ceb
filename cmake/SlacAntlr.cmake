# Generates a C++ parser from split lexer/parser grammars with Debian's
# /usr/bin/antlr4 wrapper (the packaged antlr4_generate() does not work with
# Debian's jar). Generated code is compiled into an object library of its own
# with the flags the 4.7.2 templates need, so our own -Werror never sees it.

find_program(SLAC_ANTLR4 antlr4 REQUIRED)
find_path(SLAC_ANTLR4_INCLUDE_DIR antlr4-runtime.h PATHS /usr/include/antlr4-runtime REQUIRED)

# slac_antlr_parser(TARGET LEXER file.g4 PARSER file.g4 NAMESPACE ns)
function(slac_antlr_parser target)
  cmake_parse_arguments(ARG "" "LEXER;PARSER;NAMESPACE" "" ${ARGN})
  get_filename_component(lexer_name ${ARG_LEXER} NAME_WE)
  get_filename_component(parser_name ${ARG_PARSER} NAME_WE)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/antlr)
  set(generated
    ${out}/${lexer_name}.cpp ${out}/${lexer_name}.h
    ${out}/${parser_name}.cpp ${out}/${parser_name}.h)
  add_custom_command(
    OUTPUT ${generated}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${out}
    COMMAND ${SLAC_ANTLR4} -Dlanguage=Cpp -no-visitor -no-listener
            -package ${ARG_NAMESPACE} -Xexact-output-dir -o ${out}
            ${ARG_LEXER}
    COMMAND ${SLAC_ANTLR4} -Dlanguage=Cpp -no-visitor -no-listener
            -package ${ARG_NAMESPACE} -Xexact-output-dir -o ${out} -lib ${out}
            ${ARG_PARSER}
    DEPENDS ${ARG_LEXER} ${ARG_PARSER}
    COMMENT "Generating the ANTLR parser from ${lexer_name} and ${parser_name}"
    VERBATIM)
  add_library(${target} OBJECT ${generated})
  set_target_properties(${target} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  target_compile_options(${target} PRIVATE -w -fno-char8_t)
  target_include_directories(${target} SYSTEM PUBLIC ${out} ${SLAC_ANTLR4_INCLUDE_DIR})
  # Static: the shared runtime's symbols were bound one by one at their
  # first call, a tenth of `slac check`'s time (docs/performance.md).
  target_link_libraries(${target} PUBLIC antlr4_static)
endfunction()
