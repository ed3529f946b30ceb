slac_benchmark(eval_benchmark SOURCES eval/EvalBenchmark.cpp DEPS slac_compile slac_eval slac_ingest slac_bench_support)
target_compile_definitions(eval_benchmark PRIVATE SLAC_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
