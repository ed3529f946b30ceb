# Helpers that give every slac target the same warnings and include roots.

set(SLAC_WARNINGS -Wall -Wextra -Werror -Wpedantic -Wshadow -Wnon-virtual-dtor)

# The two roots every header is spelled from (`#include "eval/Evaluator.h"`).
set(SLAC_HEADER_ROOTS ${PROJECT_SOURCE_DIR}/compiler ${PROJECT_SOURCE_DIR}/runtime)

# Sets `out` to the spelling of `path` (absolute) in an #include: its path
# below compiler/ or runtime/, or nothing for a file outside both (generated).
function(_slac_header_spelling path out)
  set(${out} "" PARENT_SCOPE)
  foreach(root ${SLAC_HEADER_ROOTS})
    cmake_path(IS_PREFIX root ${path} NORMALIZE under_root)
    if(under_root)
      cmake_path(RELATIVE_PATH path BASE_DIRECTORY ${root} OUTPUT_VARIABLE spelling)
      set(${out} ${spelling} PARENT_SCOPE)
      return()
    endif()
  endforeach()
endfunction()

# Makes `dir` hold a symbolic link for each header of `headers` (absolute)
# under its spelling, and nothing else: a header dropped from the list must
# stop being found. The directory only ever holds links to files, so
# removing it cannot reach into the source tree.
function(_slac_header_links dir)
  file(REMOVE_RECURSE ${dir})
  file(MAKE_DIRECTORY ${dir})
  foreach(header ${ARGN})
    _slac_header_spelling(${header} spelling)
    if(NOT spelling)
      message(FATAL_ERROR "${header} is neither under compiler/ nor under runtime/")
    endif()
    cmake_path(GET spelling PARENT_PATH subdir)
    file(MAKE_DIRECTORY ${dir}/${subdir})
    file(CREATE_LINK ${header} ${dir}/${spelling} SYMBOLIC)
  endforeach()
endfunction()

# slac_library(NAME SOURCES src... [PUBLIC_HEADERS header...] [DEPS target...]
#              [PRIVATE_DEPS target...])
# One library per phase. Headers keep their spelling from the component root
# (`#include "diagnostics/Diagnostic.h"`), but what a target can include is
# what it may include (docs/architecture.md):
# - the library's own sources see every header of their own directories;
# - everything that links the library sees only its PUBLIC_HEADERS (paths
#   relative to the calling CMakeLists.txt), so including another library's
#   internal header fails to build.
function(slac_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC_HEADERS;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_compile_options(${name} PRIVATE ${SLAC_WARNINGS})

  set(public_headers)
  foreach(header ${ARG_PUBLIC_HEADERS})
    cmake_path(ABSOLUTE_PATH header BASE_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} NORMALIZE)
    if(NOT EXISTS ${header})
      message(FATAL_ERROR "${name}: public header ${header} does not exist")
    endif()
    list(APPEND public_headers ${header})
  endforeach()
  set(public_dir ${PROJECT_BINARY_DIR}/include/${name})
  _slac_header_links(${public_dir} ${public_headers})
  target_include_directories(${name} PUBLIC ${public_dir})
  _slac_own_headers(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
endfunction()

# Lets the target's sources (paths relative to the calling CMakeLists.txt)
# see every header of their own directories.
function(_slac_own_headers name)
  set(own_headers)
  foreach(source ${ARGN})
    cmake_path(ABSOLUTE_PATH source BASE_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} NORMALIZE)
    _slac_header_spelling(${source} spelling)
    if(spelling)
      cmake_path(GET source PARENT_PATH source_dir)
      file(GLOB headers CONFIGURE_DEPENDS ${source_dir}/*.h ${source_dir}/*.def)
      list(APPEND own_headers ${headers})
    endif()
  endforeach()
  list(REMOVE_DUPLICATES own_headers)
  set(private_dir ${PROJECT_BINARY_DIR}/include-private/${name})
  _slac_header_links(${private_dir} ${own_headers})
  target_include_directories(${name} PRIVATE ${private_dir})
endfunction()

# slac_module(NAME SOURCES src... [HEADERS_OF target...] [PRIVATE_DEPS target...])
# A shared object that programs load with dlopen only when they need it
# (the JIT, runtime/jit). It sees the public headers of the HEADERS_OF
# libraries and of what they build on, but links none of them: the symbols
# it uses from them are the loading program's (which exports them), so
# that every library and its state exist once in the process. What it
# links is PRIVATE_DEPS.
function(slac_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;HEADERS_OF;PRIVATE_DEPS" ${ARGN})
  add_library(${name} MODULE ${ARG_SOURCES})
  target_compile_options(${name} PRIVATE ${SLAC_WARNINGS})
  _slac_own_headers(${name} ${ARG_SOURCES})
  foreach(library ${ARG_HEADERS_OF})
    target_include_directories(${name} PRIVATE
      $<TARGET_PROPERTY:${library},INTERFACE_INCLUDE_DIRECTORIES>)
    target_compile_definitions(${name} PRIVATE
      $<TARGET_PROPERTY:${library},INTERFACE_COMPILE_DEFINITIONS>)
  endforeach()
  target_link_libraries(${name} PRIVATE ${ARG_PRIVATE_DEPS})
endfunction()

# Unit tests of a library's internals (and the benchmark that reuses their
# reference readers) link this to see every header, the internal ones
# included; nothing else may. Programs that only use libraries see their
# public headers, as any other client would.
add_library(slac_internal_headers_for_tests INTERFACE)
target_include_directories(slac_internal_headers_for_tests INTERFACE ${SLAC_HEADER_ROOTS})

function(slac_executable name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_compile_options(${name} PRIVATE ${SLAC_WARNINGS})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS})
  if(TARGET mimalloc)
    # Linked for its malloc, which replaces glibc's; no symbol of it is
    # named, so it must be kept even where the linker drops unused libraries.
    target_link_libraries(${name} PRIVATE -Wl,--push-state,--no-as-needed mimalloc -Wl,--pop-state)
  endif()
endfunction()
