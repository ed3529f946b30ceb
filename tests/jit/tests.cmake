# The loader of kernel objects (runtime/jit/KernelObject.h) on objects from
# the system C compiler, built here: the large code model is what the JIT
# writes, with its unwind tables (which the loader skips); the small one's
# 32-bit relocations cannot reach code outside the mapping and are refused.
# The project enables no C, so the C++ compiler compiles the sample as C.
set(kernel_object_sample ${CMAKE_CURRENT_SOURCE_DIR}/jit/kernel-object-sample.c)
set(kernel_object_large ${CMAKE_CURRENT_BINARY_DIR}/kernel-object-large.o)
set(kernel_object_small ${CMAKE_CURRENT_BINARY_DIR}/kernel-object-small.o)
add_custom_command(OUTPUT ${kernel_object_large}
  COMMAND ${CMAKE_CXX_COMPILER} -x c -c -O2 -mcmodel=large -fno-pic -fasynchronous-unwind-tables
    -fno-stack-protector ${kernel_object_sample} -o ${kernel_object_large}
  DEPENDS ${kernel_object_sample} VERBATIM)
add_custom_command(OUTPUT ${kernel_object_small}
  COMMAND ${CMAKE_CXX_COMPILER} -x c -c -O2 -mcmodel=small -fno-pic -fno-asynchronous-unwind-tables
    -fno-stack-protector ${kernel_object_sample} -o ${kernel_object_small}
  DEPENDS ${kernel_object_sample} VERBATIM)
add_custom_target(kernel_object_samples DEPENDS ${kernel_object_large} ${kernel_object_small})

slac_test(jit_tests SOURCES jit/KernelObjectTest.cpp DEPS slac_kernel_object)
add_dependencies(jit_tests kernel_object_samples)
target_compile_definitions(jit_tests PRIVATE SLAC_KERNEL_OBJECT_LARGE="${kernel_object_large}"
  SLAC_KERNEL_OBJECT_SMALL="${kernel_object_small}")
