# The two engines against each other (docs/evaluation.md, "Engines").
add_test(NAME engine.same_reports
  COMMAND python3 ${PROJECT_SOURCE_DIR}/tests/engine/same_reports.py $<TARGET_FILE:slac>
    ${PROJECT_SOURCE_DIR})

# 20,000 random programs in four seeds (fewer under the sanitizers, which
# make each run several times slower); `differential.py --seed S --count N`
# runs any other amount by hand.
if(SLAC_SANITIZE)
  set(SLAC_DIFFERENTIAL_PROGRAMS 250)
else()
  set(SLAC_DIFFERENTIAL_PROGRAMS 5000)
endif()
foreach(seed 1 2 3 4)
  add_test(NAME engine.differential.seed${seed}
    COMMAND python3 ${PROJECT_SOURCE_DIR}/tests/engine/differential.py $<TARGET_FILE:slac>
      --seed ${seed} --count ${SLAC_DIFFERENTIAL_PROGRAMS})
endforeach()

slac_test(engine_tests SOURCES engine/KernelCacheTest.cpp engine/KernelCacheKeyTest.cpp engine/ParallelMergeTest.cpp engine/PlanVerifierTest.cpp engine/ReadFieldsTest.cpp engine/RepeatedCompileTest.cpp engine/SlicesIn8BitsTest.cpp DEPS slac_compile slac_driver slac_report
  slac_jit_loader fmt::fmt slac_internal_headers_for_tests)

add_test(NAME engine.emit COMMAND bash ${PROJECT_SOURCE_DIR}/tests/engine/emit.sh $<TARGET_FILE:slac>
  ${PROJECT_SOURCE_DIR})

add_test(NAME engine.compile_threads COMMAND bash ${PROJECT_SOURCE_DIR}/tests/engine/compile-threads.sh
  $<TARGET_FILE:slac> ${PROJECT_SOURCE_DIR})

add_test(NAME engine.kernel_cache COMMAND bash ${PROJECT_SOURCE_DIR}/tests/engine/kernel-cache.sh
  $<TARGET_FILE:slac> ${PROJECT_SOURCE_DIR})
# It evaluates every example, the cloud's generated data too: not while
# that data is written.
set_tests_properties(engine.kernel_cache PROPERTIES FIXTURES_REQUIRED cloud_data)

add_test(NAME engine.jit_module COMMAND bash ${PROJECT_SOURCE_DIR}/tests/engine/jit-module.sh
  $<TARGET_FILE:slac> WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})

# Hand-worked answers for match arms that share their code in the JIT.
foreach(engine jit interp)
  add_test(NAME engine.match_shapes.${engine}
    COMMAND $<TARGET_FILE:slac> test tests/engine/match-shapes.sla --engine ${engine}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endforeach()

# Hand-worked answers for shapes of match arms whose constants the JIT
# reads from a table (a gap in it, a negative least constant).
foreach(engine jit interp)
  add_test(NAME engine.arm_tables.${engine}
    COMMAND $<TARGET_FILE:slac> test tests/engine/arm-tables.sla --engine ${engine}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endforeach()

# Hand-worked answers for routes that share their window (one check for
# several routes, KernelCodegen.cpp's windowLeaderOf).
foreach(engine jit interp)
  add_test(NAME engine.window_leaders.${engine}
    COMMAND $<TARGET_FILE:slac> test tests/engine/window-leaders.sla --engine ${engine}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endforeach()

# Hand-worked answers for routes of one stream grouped by different columns.
foreach(engine jit interp)
  add_test(NAME engine.groups_by_other_columns.${engine}
    COMMAND $<TARGET_FILE:slac> test tests/engine/groups-by-other-columns.sla --engine ${engine}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endforeach()

# Hand-worked answers for the least and greatest value of slices, which
# the judgement reads from the JIT's slice counters (countedExtreme).
foreach(engine jit interp)
  add_test(NAME engine.extremes_of_slices.${engine}
    COMMAND $<TARGET_FILE:slac> test tests/engine/extremes-of-slices.sla --engine ${engine}
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
endforeach()
