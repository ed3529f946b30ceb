#pragma once

// Conversions between the compiler's byte ranges and file names and the
// protocol's URIs, UTF-16 ranges and locations.

#include "lsp/Positions.h"
#include "source/SourceManager.h"

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace slac::lsp {

std::string uriFromPath(const std::string& path);
// The path of a `file:` URI; nullopt for any other scheme.
std::optional<std::string> pathFromUri(std::string_view uri);

nlohmann::json toJson(Position position);

// Converts ranges of the files of one source manager, indexing each file's
// lines once.
class RangeConverter {
public:
  explicit RangeConverter(const SourceManager& sources) : sources_(sources) {}
  // Uses `lines` for `file` rather than indexing it again.
  RangeConverter(const SourceManager& sources, const SourceFile* file, const LineIndex& lines)
      : sources_(sources), knownFile_(file), knownLines_(&lines) {}

  // The range in its own file's positions.
  nlohmann::json range(SourceRange range);
  // A `Location`; nullopt for a range in no file or in the standard library,
  // which has no file an editor could open.
  std::optional<nlohmann::json> location(SourceRange range);
  const SourceFile* fileOf(SourceRange range) const;
  const LineIndex& lines(const SourceFile* file);

private:
  const SourceManager& sources_;
  const SourceFile* knownFile_ = nullptr;
  const LineIndex* knownLines_ = nullptr;
  std::map<const SourceFile*, LineIndex> lines_;
  std::map<const SourceFile*, std::string> uris_;
};

} // namespace slac::lsp
