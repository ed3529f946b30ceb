slac_benchmark(parse_benchmark SOURCES parse/ParseBenchmark.cpp DEPS slac_parse fmt::fmt)
