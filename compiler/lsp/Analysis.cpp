#include "lsp/Analysis.h"

namespace slac::lsp {

namespace {

// Enough to show everything wrong with a buffer being edited, and a bound on
// the work for a file that is not an SLA at all.
constexpr std::size_t kMaxErrors = 1000;

// The pipeline as `slac check` runs it, with the editor's buffers in place
// of their files.
compile::Options analysisOptions(const std::string& path, std::string text,
                                 const std::map<std::string, std::string_view>& openBuffers) {
  compile::Options options(compile::Stage::Checked);
  options.maxErrors = kMaxErrors;
  for (const auto& [bufferPath, bufferText] : openBuffers)
    options.overlays.emplace_back(bufferPath, bufferText);
  options.overlays.emplace_back(path, std::move(text));
  return options;
}

} // namespace

Analysis::Analysis(const std::string& path, std::string text,
                   const std::map<std::string, std::string_view>& openBuffers)
    : compilation_(
          compile::compileFiles({path}, analysisOptions(path, std::move(text), openBuffers))) {
  const std::vector<const modules::Module*>& roots = compilation_.roots();
  loaded_ = !roots.empty() && roots.front() != nullptr;
  for (const SourceFile* candidate : compilation_.sources().files()) {
    if (candidate->name() == path) {
      file_ = candidate;
      break;
    }
  }
  if (file_)
    lines_ = LineIndex(file_->text());
  if (loaded_)
    index_.build(compilation_.modules());
}

std::optional<std::string> Analysis::typeOf(const Symbol& symbol) const {
  if (!compilation_.plan() || !symbol.decl)
    return std::nullopt;
  const plan::Program& program = *compilation_.plan();
  SourceRange range = symbol.decl->range();
  auto spell = [&](const plan::Type& type) {
    std::string_view enumName;
    if (type.kind == plan::TypeKind::Enum && type.detail < program.enums.size())
      enumName = program.enums[type.detail].name;
    return plan::typeSpelling(type, enumName);
  };
  for (const plan::Stream& stream : program.streams) {
    for (const plan::Field& field : stream.fields) {
      if (field.range == symbol.nameRange) // fields keep the range of their name
        return spell(field.type);
    }
    for (const plan::Let& let : stream.lets) {
      if (let.range == range && let.value)
        return spell(let.value->type);
    }
  }
  for (const plan::Metric& metric : program.metrics) {
    if (metric.range == range && metric.value)
      return spell(metric.value->type);
  }
  return std::nullopt;
}

} // namespace slac::lsp
