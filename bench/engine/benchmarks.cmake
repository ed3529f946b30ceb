slac_benchmark(engine_benchmark SOURCES engine/EngineBenchmark.cpp
  DEPS slac_compile slac_eval slac_jit_loader slac_ingest slac_bench_support)
target_compile_definitions(engine_benchmark PRIVATE SLAC_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
slac_executable(hand_written_probes SOURCES engine/HandWrittenProbes.cpp DEPS)
slac_executable(hand_written_tickets SOURCES engine/HandWrittenTickets.cpp DEPS)
slac_executable(hand_written_cloud SOURCES engine/HandWrittenCloud.cpp DEPS)
slac_executable(cloud_layouts SOURCES engine/CloudLayouts.cpp DEPS)
add_test(NAME bench.hand_written_equals_slac
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/engine/check-hand-written.sh $<TARGET_FILE:slac>
    $<TARGET_FILE:hand_written_tickets> $<TARGET_FILE:hand_written_cloud>
    $<TARGET_FILE:cloud_layouts>)
set_property(TEST bench.hand_written_equals_slac APPEND PROPERTY ENVIRONMENT SLAC_NO_CACHE=1)
# bench/engine/peak-memory.py's launcher.
slac_executable(peak_rss SOURCES engine/PeakRss.cpp DEPS)
