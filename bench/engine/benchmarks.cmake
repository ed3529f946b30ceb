slac_benchmark(engine_benchmark SOURCES engine/EngineBenchmark.cpp
  DEPS slac_driver slac_eval slac_jit slac_ingest slac_bench_support)
target_compile_definitions(engine_benchmark PRIVATE SLAC_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
slac_executable(hand_written_probes SOURCES engine/HandWrittenProbes.cpp DEPS)
