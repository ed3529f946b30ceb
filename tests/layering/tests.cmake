# The build enforces the layering (docs/architecture.md): a library's sources
# see their own headers and the public headers of the libraries they use,
# nothing else. Each case compiles a one-line file with the include path of
# a library's own sources; the first is the control (the path is complete
# enough for a header the library may use), so that the others pass only
# for the reason they name.
function(slac_layering_test name library source)
  cmake_parse_arguments(ARG "" "NOT_FOUND" "" ${ARGN})
  add_test(NAME layering.${name}
    COMMAND ${CMAKE_CXX_COMPILER} -std=c++20 -fsyntax-only
      "-I$<JOIN:$<FILTER:$<TARGET_PROPERTY:${library},INCLUDE_DIRECTORIES>,EXCLUDE,^/usr/include$>,$<SEMICOLON>-I>"
      ${CMAKE_CURRENT_SOURCE_DIR}/layering/${source}
    COMMAND_EXPAND_LISTS)
  if(ARG_NOT_FOUND)
    string(REPLACE "." "\\." header_pattern ${ARG_NOT_FOUND})
    set_tests_properties(layering.${name} PROPERTIES
      PASS_REGULAR_EXPRESSION "${header_pattern}: No such file or directory")
  endif()
endfunction()

# The report renderers use the evaluator: its public header, not its internals.
slac_layering_test(public_header_of_a_dependency_compiles slac_report IncludesEvaluator.cpp)
slac_layering_test(internal_header_of_a_dependency_fails slac_report IncludesSliceCounters.cpp
  NOT_FOUND eval/SliceCounters.h)
# The runtime knows no AST; the plan no runtime.
slac_layering_test(runtime_cannot_include_the_ast slac_eval IncludesAstValues.cpp
  NOT_FOUND ast/Values.h)
slac_layering_test(plan_cannot_include_the_runtime slac_plan IncludesCalendarEngine.cpp
  NOT_FOUND calendar/Calendar.h)
# The driver compiles through the pipeline's one call (compile/Compile.h);
# the checker is the pipeline's private dependency, so neither its entry
# point nor a pass is in the driver's reach, and outside the checker only
# checkModules is public.
slac_layering_test(driver_includes_the_pipeline slac_driver IncludesCompile.cpp)
slac_layering_test(driver_cannot_include_a_checker_pass slac_driver IncludesCheckPass.cpp
  NOT_FOUND check/NameResolution.h)
slac_layering_test(driver_cannot_include_the_checker slac_driver IncludesCheckModules.cpp
  NOT_FOUND check/CheckModules.h)
slac_layering_test(pipeline_includes_the_checker_entry slac_compile IncludesCheckModules.cpp)
slac_layering_test(pipeline_cannot_include_a_checker_pass slac_compile IncludesCheckPass.cpp
  NOT_FOUND check/NameResolution.h)
# The JIT is a module the driver loads (runtime/jit/JitLoader.h), never code
# it links: its compiler is out of reach.
slac_layering_test(driver_includes_the_jit_loader slac_driver IncludesJitLoader.cpp)
slac_layering_test(driver_cannot_include_the_jit_compiler slac_driver IncludesJitCompiler.cpp
  NOT_FOUND jit/JitCompiler.h)
