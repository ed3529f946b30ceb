#include "support/CheckAnnotations.h"

#include "parse/Parser.h"

#include <algorithm>
#include <sstream>

namespace slac::testing {

namespace {

// Reads the annotations of one comment written on `line`.
void readAnnotation(const SourceFile& file, std::string_view comment, std::uint32_t line,
                    Annotations& out) {
  std::size_t at = comment.find("expect");
  if (at == std::string_view::npos)
    return;
  auto malformed = [&](const std::string& what) {
    out.malformed.push_back(file.name() + ":" + std::to_string(line) + ": " + what);
  };
  std::string_view rest = comment.substr(at + 6);
  std::int64_t offset = 0;
  if (!rest.empty() && rest.front() == '@') {
    std::size_t colon = rest.find(':');
    try {
      offset = std::stoll(std::string(rest.substr(1, colon - 1)));
    } catch (const std::exception&) {
      return malformed("malformed annotation `" + std::string(comment) + "`");
    }
    rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon);
  }
  if (rest.empty() || rest.front() != ':')
    return malformed("malformed annotation `" + std::string(comment) + "`");
  std::istringstream codes{std::string(rest.substr(1))};
  for (std::string code; codes >> code;) {
    if (code.size() != 5 || code.front() != 'E') {
      malformed("`" + code + "` is not a code");
      continue;
    }
    out.expected.push_back({file.name(), static_cast<std::uint32_t>(line + offset), code});
  }
}

} // namespace

Annotations annotationsOf(const SourceManager& sources) {
  Annotations annotations;
  for (const SourceFile* file : sources.files())
    for (const parse::Trivia& trivia : parse::collectTrivia(*file))
      if (trivia.kind != parse::Trivia::Kind::BlankLine) {
        std::string_view text =
            file->text().substr(trivia.range.begin.offset - file->base(),
                                trivia.range.end.offset - trivia.range.begin.offset);
        readAnnotation(*file, text, file->lineColumn(trivia.range.begin).line, annotations);
      }
  std::sort(annotations.expected.begin(), annotations.expected.end());
  return annotations;
}

std::vector<std::filesystem::path> checkTestFiles() {
  std::vector<std::filesystem::path> files;
  std::filesystem::path root = std::filesystem::path(SLAC_SOURCE_DIR) / "tests/check";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
    std::filesystem::path relative = std::filesystem::relative(entry.path(), root);
    if (entry.path().extension() == ".sla" &&
        std::find(relative.begin(), relative.end(), "inputs") == relative.end())
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

} // namespace slac::testing
