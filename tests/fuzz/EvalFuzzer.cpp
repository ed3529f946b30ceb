// libFuzzer target: ingestion, evaluation and every report renderer on
// arbitrary data. The first byte picks one stream of the examples and the
// data format (CSV or NDJSON), the second an evaluation instant relative
// to the data's own (none, or one of a few fixed ones); the rest is the
// data. Rejected records are skipped, as with --on-error=skip, so that the
// evaluator sees what survives. Any crash, leak, sanitizer report or hang
// is a finding.
#include "compile/Compile.h"
#include "eval/Evaluator.h"
#include "ingest/StreamReader.h"
#include "report/Renderers.h"

#include <array>
#include <cstdint>
#include <sstream>
#include <utility>

namespace {

struct Target {
  const char* file;
  const char* service;
  const char* stream;
};

constexpr std::array kTargets{
    Target{"examples/msp-support.sla", "desk", "ticket"},
    Target{"examples/saas-with-ola.sla", "support", "case"},
    Target{"examples/distributor.sla", "logistics", "delivery"},
    Target{"examples/distributor.sla", "account", "request"},
    Target{"examples/cloud-availability.sla", "portal", "probe"},
    Target{"examples/cloud-availability.sla", "portal", "request"},
};

// 2026-01-01, 2026-04-01 and 2026-07-01 at 00:00 UTC.
constexpr std::array<std::int64_t, 3> kInstants{1767225600'000'000, 1775001600'000'000,
                                                1782864000'000'000};

// The examples' plans, checked once.
const slac::plan::Program& programOf(const char* file) {
  static std::vector<std::pair<std::string, std::unique_ptr<slac::compile::Compilation>>> cache;
  for (const auto& [name, compilation] : cache)
    if (name == file)
      return *compilation->plan();
  slac::compile::Options options;
  options.maxErrors = 20;
  auto compilation = std::make_unique<slac::compile::Compilation>(
      slac::compile::compileFiles({std::string(SLAC_SOURCE_DIR) + "/" + file}, options));
  if (!compilation->plan())
    std::abort(); // the examples check cleanly: anything else is a broken build
  return *cache.emplace_back(file, std::move(compilation)).second->plan();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2)
    return 0;
  const Target& target = kTargets[data[0] % kTargets.size()];
  const slac::plan::Program& program = programOf(target.file);
  const slac::plan::Stream* stream = program.findStream(target.service, target.stream);
  if (!stream)
    std::abort();
  auto format = data[0] & 0x80 ? slac::ingest::DataFormat::Ndjson : slac::ingest::DataFormat::Csv;
  slac::eval::EvaluationOptions options;
  // The misses `--explain` lists, and their explanation, face the data too.
  options.keepMisses = true;
  options.listedMisses = 4;
  if (data[1] % 4 != 0)
    options.at = kInstants[data[1] % 4 - 1];
  options.maxMemory = 2ull << 30;

  auto created = slac::eval::Evaluator::create(program, options);
  auto* evaluator = std::get_if<std::unique_ptr<slac::eval::Evaluator>>(&created);
  if (!evaluator)
    return 0;
  std::istringstream input(std::string(reinterpret_cast<const char*>(data + 2), size - 2));
  slac::ingest::StreamReader reader(
      program, static_cast<std::uint32_t>(stream - program.streams.data()), input, "fuzz", format);
  slac::ingest::RecordBatch batch;
  while (reader.next(batch, 64, [](const slac::ingest::DataError&) { return true; })) {
    (void)(*evaluator)->feed(batch);
    if ((*evaluator)->overBudget())
      return 0;
  }
  (void)(*evaluator)->settle();
  auto finished = (*evaluator)->finish();
  if (const auto* report = std::get_if<slac::eval::Report>(&finished)) {
    (void)slac::report::renderTable(*report, program);
    (void)slac::report::renderJson(*report, program);
    (void)slac::report::renderCsv(*report, program);
    slac::report::RenderOptions explained;
    explained.explain = true;
    explained.explainLimit = 4;
    (void)slac::report::renderMarkdown(*report, program, explained);
    (void)slac::report::renderHtml(*report, program, explained);
  }
  return 0;
}
