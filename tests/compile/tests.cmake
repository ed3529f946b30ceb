slac_test(compile_tests SOURCES compile/CompileTest.cpp DEPS slac_compile)
