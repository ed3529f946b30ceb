// The language server on a generated 10,000-objective agreement, in process
// (the stdio framing is left out; JSON in and out is included): the time
// from a didChange to its publishDiagnostics (the whole file re-checked),
// and the latency of hover, definition, references and completion on it.
#include "lsp/Server.h"
#include "support/GeneratedAgreement.h"

#include <benchmark/benchmark.h>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace {

using nlohmann::json;

constexpr int kObjectives = 10'000;
// The buffer is never read from disk, but its directory must exist: it is
// the root that imports and test data are confined to.
const std::string kUri = [] {
  std::filesystem::path directory = std::filesystem::temp_directory_path() / "slac-lsp-bench";
  std::filesystem::create_directories(directory);
  return "file://" + (directory / "portfolio.sla").string();
}();

struct Session {
  std::size_t published = 0;
  std::size_t answered = 0;
  // The generated file checks cleanly: any diagnostic means the benchmark
  // measures an error path instead of a whole check.
  bool clean = true;
  slac::lsp::LanguageServer server{[this](const std::string& body) {
    if (body.find("\"textDocument/publishDiagnostics\"") != std::string::npos) {
      ++published;
      clean = clean && body.find("\"diagnostics\":[]") != std::string::npos;
    } else {
      ++answered;
    }
  }};
  std::string text = slac::bench::generatePortfolio(kObjectives);
  int nextId = 1;

  Session() {
    request("initialize", {{"capabilities", json::object()}});
    notify(
        "textDocument/didOpen",
        {{"textDocument", {{"uri", kUri}, {"languageId", "sla"}, {"version", 1}, {"text", text}}}});
  }
  void notify(const std::string& method, json params) {
    server.handle(
        json{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}}.dump());
  }
  void request(const std::string& method, json params) {
    server.handle(json{
        {"jsonrpc", "2.0"}, {"id", nextId++}, {"method", method}, {"params", std::move(params)}}
                      .dump());
  }
  // The middle objective's `portal.availability`, at `availability`.
  json middlePosition() const {
    std::string needle = "objective availability_" + std::to_string(kObjectives / 2) + " ";
    std::size_t at = text.find(needle);
    std::size_t line = static_cast<std::size_t>(std::count(text.begin(), text.begin() + at, '\n'));
    std::size_t lineStart = text.rfind('\n', at) + 1;
    std::size_t column = text.find("portal.availability", at) + 7 - lineStart;
    return {{"textDocument", {{"uri", kUri}}},
            {"position", {{"line", line}, {"character", column}}}};
  }
};

void BM_DidChangeToPublishDiagnostics(benchmark::State& state) {
  Session session;
  // Two versions that differ in the fee, so that every change is a change.
  std::string edited = session.text;
  edited.replace(edited.find("12000.00 EUR"), 12, "12500.00 EUR");
  std::string bodies[2];
  for (int version = 0; version < 2; ++version)
    bodies[version] =
        json{{"jsonrpc", "2.0"},
             {"method", "textDocument/didChange"},
             {"params",
              {{"textDocument", {{"uri", kUri}, {"version", version + 2}}},
               {"contentChanges", {{{"text", version == 0 ? edited : session.text}}}}}}}
            .dump();
  int version = 0;
  for (auto _ : state) {
    std::size_t before = session.published;
    session.server.handle(bodies[version]);
    version = 1 - version;
    if (session.published != before + 1) {
      state.SkipWithError("no publishDiagnostics for a didChange");
      break;
    }
    if (!session.clean) {
      state.SkipWithError("the generated file has diagnostics");
      break;
    }
  }
  state.counters["bytes"] = static_cast<double>(session.text.size());
}
BENCHMARK(BM_DidChangeToPublishDiagnostics)->Unit(benchmark::kMillisecond)->UseRealTime();

void runRequest(benchmark::State& state, const std::string& method, json params) {
  Session session;
  if (!session.clean) {
    state.SkipWithError("the generated file has diagnostics");
    return;
  }
  for (auto _ : state) {
    std::size_t before = session.answered;
    session.request(method, params);
    if (session.answered != before + 1) {
      state.SkipWithError("no answer");
      break;
    }
  }
}

void BM_Hover(benchmark::State& state) {
  Session probe;
  runRequest(state, "textDocument/hover", probe.middlePosition());
}
BENCHMARK(BM_Hover)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_Definition(benchmark::State& state) {
  Session probe;
  runRequest(state, "textDocument/definition", probe.middlePosition());
}
BENCHMARK(BM_Definition)->Unit(benchmark::kMicrosecond)->UseRealTime();

// `portal.availability` is named by 5,000 objectives.
void BM_References(benchmark::State& state) {
  Session probe;
  json params = probe.middlePosition();
  params["context"] = {{"includeDeclaration", true}};
  runRequest(state, "textDocument/references", params);
}
BENCHMARK(BM_References)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_CompletionAfterDot(benchmark::State& state) {
  Session probe;
  runRequest(state, "textDocument/completion", probe.middlePosition());
}
BENCHMARK(BM_CompletionAfterDot)->Unit(benchmark::kMicrosecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
