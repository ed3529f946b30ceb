#include "lsp/Protocol.h"

#include <cctype>
#include <filesystem>

namespace slac::lsp {

namespace {

constexpr std::string_view kFileScheme = "file://";

bool isUnreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
}

int hexValue(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

} // namespace

std::string uriFromPath(const std::string& path) {
  std::error_code ignored;
  std::string absolute = std::filesystem::absolute(path, ignored).lexically_normal().string();
  std::string uri(kFileScheme);
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (unsigned char c : absolute) {
    if (isUnreserved(c)) {
      uri += static_cast<char>(c);
    } else {
      uri += '%';
      uri += kHex[c >> 4];
      uri += kHex[c & 15];
    }
  }
  return uri;
}

std::optional<std::string> pathFromUri(std::string_view uri) {
  if (uri.substr(0, kFileScheme.size()) != kFileScheme)
    return std::nullopt;
  uri.remove_prefix(kFileScheme.size());
  // `file://host/path`: only the local host is ours.
  if (!uri.empty() && uri.front() != '/') {
    std::size_t slash = uri.find('/');
    if (uri.substr(0, slash) != "localhost" || slash == std::string_view::npos)
      return std::nullopt;
    uri.remove_prefix(slash);
  }
  std::string path;
  for (std::size_t i = 0; i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size()) {
      int high = hexValue(uri[i + 1]);
      int low = hexValue(uri[i + 2]);
      if (high >= 0 && low >= 0) {
        path += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    path += uri[i];
  }
  if (path.empty() || path.find('\0') != std::string::npos)
    return std::nullopt;
  return path;
}

nlohmann::json toJson(Position position) {
  return {{"line", position.line}, {"character", position.character}};
}

const SourceFile* RangeConverter::fileOf(SourceRange range) const {
  if (range.begin.offset == 0)
    return nullptr;
  return sources_.fileContaining(range.begin);
}

const LineIndex& RangeConverter::lines(const SourceFile* file) {
  if (file == knownFile_)
    return *knownLines_;
  auto found = lines_.find(file);
  if (found == lines_.end())
    found = lines_.emplace(file, LineIndex(file->text())).first;
  return found->second;
}

nlohmann::json RangeConverter::range(SourceRange range) {
  const SourceFile* file = fileOf(range);
  if (!file)
    return {{"start", toJson({})}, {"end", toJson({})}};
  const LineIndex& index = lines(file);
  std::size_t begin = range.begin.offset - file->base();
  std::size_t end = range.end.offset >= file->base() ? range.end.offset - file->base() : 0;
  return {{"start", toJson(index.positionOf(begin))},
          {"end", toJson(index.positionOf(std::max(end, begin)))}};
}

std::optional<nlohmann::json> RangeConverter::location(SourceRange range) {
  const SourceFile* file = fileOf(range);
  if (!file || file->name().rfind("<stdlib>/", 0) == 0)
    return std::nullopt;
  auto uri = uris_.find(file);
  if (uri == uris_.end())
    uri = uris_.emplace(file, uriFromPath(file->name())).first;
  return nlohmann::json{{"uri", uri->second}, {"range", this->range(range)}};
}

} // namespace slac::lsp
