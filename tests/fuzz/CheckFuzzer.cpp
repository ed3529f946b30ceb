// libFuzzer target: the whole check pipeline on arbitrary bytes as a .sla
// file (load, lex, parse, names, types, consistency proofs, plan) and the
// three diagnostic renderers. Any crash, leak, sanitizer report or hang is
// a finding; diagnostics are the expected outcome for most inputs.
#include "compile/Compile.h"
#include "diagnostics/JsonRenderer.h"
#include "diagnostics/SarifRenderer.h"
#include "diagnostics/TextRenderer.h"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

// The input is checked as a file, as `slac check` reads one: in a private
// directory, so that imports it names resolve next to it and find nothing.
const std::string& inputPath() {
  static const std::string path = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "slac-fuzz-XXXXXX").string();
    const char* directory = mkdtemp(pattern.data());
    if (!directory)
      std::abort();
    return std::string(directory) + "/input.sla";
  }();
  return path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  {
    std::ofstream out(inputPath(), std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  slac::compile::Options options(slac::compile::Stage::Checked);
  options.maxErrors = 20;
  slac::compile::Compilation compilation = slac::compile::compileFiles({inputPath()}, options);
  const auto& diagnostics = compilation.diagnostics().diagnostics();
  std::ostringstream text;
  slac::TextRenderer renderer(compilation.sources(), text, /*color=*/true);
  for (const slac::Diagnostic& diagnostic : diagnostics)
    renderer.render(diagnostic);
  (void)slac::renderDiagnosticsJson(diagnostics, compilation.sources());
  (void)slac::renderDiagnosticsSarif(diagnostics, compilation.sources(), "fuzz");
  return 0;
}
