slac_benchmark(check_benchmark SOURCES check/CheckBenchmark.cpp DEPS slac_compile slac_bench_support fmt::fmt)
target_compile_definitions(check_benchmark PRIVATE SLAC_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
