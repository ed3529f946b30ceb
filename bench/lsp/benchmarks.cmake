slac_benchmark(lsp_benchmark SOURCES lsp/LspBenchmark.cpp DEPS slac_lsp slac_bench_support)
