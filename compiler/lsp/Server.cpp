#include "lsp/Server.h"

#include "format/Formatter.h"
#include "lsp/Analysis.h"
#include "lsp/Completion.h"
#include "lsp/Hover.h"
#include "lsp/Protocol.h"
#include "lsp/Transport.h"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <iostream>
#include <map>

namespace slac::lsp {

using nlohmann::json;

namespace {

// JSON-RPC and LSP error codes.
enum ErrorCode : int {
  kParseError = -32700,
  kInvalidRequest = -32600,
  kMethodNotFound = -32601,
  kInvalidParams = -32602,
  kInternalError = -32603,
  kServerNotInitialized = -32002,
  kRequestFailed = -32803,
};

// LSP DiagnosticSeverity.
int severityCode(Severity severity) {
  switch (severity) {
  case Severity::Error:
  case Severity::Fatal:
    return 1;
  case Severity::Warning:
    return 2;
  case Severity::Note:
    return 3;
  }
  return 1;
}

// LSP SymbolKind for the outline.
int outlineKind(SymbolKind kind) {
  switch (kind) {
  case SymbolKind::Import:
    return 2; // Module
  case SymbolKind::Agreement:
    return 3; // Namespace
  case SymbolKind::Service:
    return 5; // Class
  case SymbolKind::Remedy:
    return 6; // Method
  case SymbolKind::Objective:
    return 7; // Property
  case SymbolKind::Field:
    return 8; // Field
  case SymbolKind::Enum:
    return 10; // Enum
  case SymbolKind::Metric:
    return 12; // Function
  case SymbolKind::Let:
    return 13; // Variable
  case SymbolKind::Holidays:
    return 18; // Array
  case SymbolKind::Calendar:
    return 19; // Object
  case SymbolKind::EnumCase:
    return 22; // EnumMember
  case SymbolKind::Stream:
    return 23; // Struct
  case SymbolKind::Test:
    return 24; // Event
  }
  return 13;
}

// What the lexer takes for a name: [A-Za-z_][A-Za-z0-9_]*.
bool isName(std::string_view text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text.front())))
    return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (std::isalnum(static_cast<unsigned char>(c)) && static_cast<unsigned char>(c) < 0x80) ||
           c == '_';
  });
}

// A request that cannot be answered: becomes a JSON-RPC error.
struct RequestError {
  int code;
  std::string message;
};

struct Document {
  std::string path;
  std::string text;
  std::int64_t version = 0;
  std::shared_ptr<const Analysis> analysis; // of `text`
  // The latest analysis that indexed names, for completion while the
  // buffer does not parse.
  std::shared_ptr<const Analysis> named;
};

} // namespace

struct LanguageServer::State {
  std::function<void(const std::string&)> send;
  std::map<std::string, Document> documents; // by URI
  bool initialized = false;
  bool shuttingDown = false;
  bool exited = false;

  void write(const json& message) {
    send(message.dump(-1, ' ', false, json::error_handler_t::replace));
  }
  void respond(const json& id, json result) {
    write({{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}});
  }
  void fail(const json& id, int code, const std::string& message) {
    write({{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}});
  }

  Document& documentOf(const json& params) {
    const std::string& uri = params.at("textDocument").at("uri").get_ref<const std::string&>();
    auto found = documents.find(uri);
    if (found == documents.end())
      throw RequestError{kInvalidParams, fmt::format("`{}` is not open", uri)};
    return found->second;
  }

  // The place a request names, in the document's latest analysis.
  SourceLocation locationOf(const Analysis& analysis, const json& position) {
    const SourceFile* file = analysis.file();
    if (!file)
      throw RequestError{kRequestFailed, "the document could not be analysed"};
    Position at{position.at("line").get<std::uint32_t>(),
                position.at("character").get<std::uint32_t>()};
    return file->locationAt(analysis.lines().offsetOf(at));
  }

  void analyse(const std::string& uri, Document& document) {
    std::map<std::string, std::string_view> openBuffers;
    for (const auto& [otherUri, other] : documents) {
      if (otherUri != uri)
        openBuffers.emplace(other.path, other.text);
    }
    auto analysis = std::make_shared<const Analysis>(document.path, document.text, openBuffers);
    document.analysis = analysis;
    if (analysis->loaded())
      document.named = analysis;
    publishDiagnostics(uri, document);
  }

  json diagnosticsOf(const Analysis& analysis, RangeConverter& ranges) {
    json result = json::array();
    for (const Diagnostic& diagnostic : analysis.compilation().diagnostics().sortedDiagnostics()) {
      const SourceFile* file = ranges.fileOf(diagnostic.range);
      json entry{{"severity", severityCode(diagnostic.severity)},
                 {"code", std::string(diagnostic.code())},
                 {"source", "slac"},
                 {"message", diagnostic.message}};
      json related = json::array();
      if (file == analysis.file() || !file) {
        entry["range"] = ranges.range(diagnostic.range);
      } else {
        // In an imported file: shown at the top of the buffer, pointing there.
        SourceFile::LineColumn where = file->lineColumn(diagnostic.range.begin);
        entry["range"] = ranges.range({});
        entry["message"] =
            fmt::format("{}:{}:{}: {}", file->name(), where.line, where.column, diagnostic.message);
        if (std::optional<json> location = ranges.location(diagnostic.range))
          related.push_back({{"location", *location}, {"message", diagnostic.message}});
      }
      for (const DiagnosticNote& note : diagnostic.notes) {
        if (std::optional<json> location = ranges.location(note.range))
          related.push_back({{"location", *location}, {"message", note.message}});
      }
      if (!related.empty())
        entry["relatedInformation"] = std::move(related);
      result.push_back(std::move(entry));
    }
    return result;
  }

  void publishDiagnostics(const std::string& uri, const Document& document) {
    RangeConverter ranges = document.analysis->ranges();
    write({{"jsonrpc", "2.0"},
           {"method", "textDocument/publishDiagnostics"},
           {"params",
            {{"uri", uri},
             {"version", document.version},
             {"diagnostics", diagnosticsOf(*document.analysis, ranges)}}}});
  }

  static void applyChange(std::string& text, const json& change) {
    if (!change.contains("range")) {
      text = change.at("text").get<std::string>();
      return;
    }
    LineIndex lines(text);
    const json& range = change.at("range");
    auto offsetOf = [&](const json& position) {
      return lines.offsetOf({position.at("line").get<std::uint32_t>(),
                             position.at("character").get<std::uint32_t>()});
    };
    std::size_t begin = offsetOf(range.at("start"));
    std::size_t end = std::max(begin, offsetOf(range.at("end")));
    text.replace(begin, end - begin, change.at("text").get<std::string>());
  }

  void didOpen(const json& params) {
    const json& item = params.at("textDocument");
    std::string uri = item.at("uri").get<std::string>();
    std::optional<std::string> path = pathFromUri(uri);
    if (!path)
      return; // not a file: nothing the checker could import from
    // Read every field before the document exists: a bad message opens nothing.
    Document document;
    document.path = *path;
    document.text = item.at("text").get<std::string>();
    document.version = item.value("version", std::int64_t{0});
    analyse(uri, documents[uri] = std::move(document));
  }

  void didChange(const json& params) {
    const std::string& uri = params.at("textDocument").at("uri").get_ref<const std::string&>();
    auto found = documents.find(uri);
    if (found == documents.end())
      return;
    Document& document = found->second;
    // All or nothing: a bad change leaves the document as it was.
    std::int64_t version = params.at("textDocument").value("version", document.version);
    std::string text = document.text;
    for (const json& change : params.at("contentChanges"))
      applyChange(text, change);
    document.text = std::move(text);
    document.version = version;
    analyse(uri, document);
  }

  void didClose(const json& params) {
    std::string uri = params.at("textDocument").at("uri").get<std::string>();
    if (documents.erase(uri) == 0)
      return;
    write({{"jsonrpc", "2.0"},
           {"method", "textDocument/publishDiagnostics"},
           {"params", {{"uri", uri}, {"diagnostics", json::array()}}}});
  }

  json initialize() {
    initialized = true;
    return {{"capabilities",
             {{"textDocumentSync", {{"openClose", true}, {"change", 1}}},
              {"hoverProvider", true},
              {"definitionProvider", true},
              {"referencesProvider", true},
              {"documentSymbolProvider", true},
              {"renameProvider", true},
              {"documentFormattingProvider", true},
              {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
              {"completionProvider", {{"triggerCharacters", {".", "\""}}}}}},
            {"serverInfo", {{"name", "slac"}}}};
  }

  json hover(const json& params) {
    const Analysis& analysis = *documentOf(params).analysis;
    std::string text = hoverText(analysis, locationOf(analysis, params.at("position")));
    if (text.empty())
      return nullptr;
    return {{"contents", {{"kind", "markdown"}, {"value", text}}}};
  }

  const Symbol* symbolAt(const Analysis& analysis, const json& params) {
    SourceLocation at = locationOf(analysis, params.at("position"));
    return analysis.loaded() ? analysis.index().symbolAt(at) : nullptr;
  }

  json definition(const json& params) {
    const Analysis& analysis = *documentOf(params).analysis;
    const Symbol* symbol = symbolAt(analysis, params);
    if (!symbol)
      return nullptr;
    RangeConverter ranges = analysis.ranges();
    std::optional<json> location = ranges.location(symbol->nameRange);
    return location ? *location : json(nullptr);
  }

  json references(const json& params) {
    const Analysis& analysis = *documentOf(params).analysis;
    json result = json::array();
    const Symbol* symbol = symbolAt(analysis, params);
    if (!symbol)
      return result;
    bool withDeclaration =
        params.value("context", json::object()).value("includeDeclaration", true);
    RangeConverter ranges = analysis.ranges();
    for (SourceRange range : analysis.index().referencesTo(symbol)) {
      if (!withDeclaration && range == symbol->nameRange)
        continue;
      if (std::optional<json> location = ranges.location(range))
        result.push_back(*location);
    }
    return result;
  }

  json rename(const json& params) {
    const Analysis& analysis = *documentOf(params).analysis;
    std::string newName = params.at("newName").get<std::string>();
    if (!isName(newName))
      throw RequestError{kInvalidParams, fmt::format("`{}` is not a name", newName)};
    const Symbol* symbol = symbolAt(analysis, params);
    if (!symbol)
      throw RequestError{kRequestFailed, "there is no name to rename here"};
    RangeConverter ranges = analysis.ranges();
    if (symbol->kind == SymbolKind::Test || symbol->kind == SymbolKind::Import ||
        !ranges.location(symbol->nameRange))
      throw RequestError{kRequestFailed, fmt::format("`{}` cannot be renamed here", symbol->name)};
    json changes = json::object();
    for (SourceRange range : analysis.index().referencesTo(symbol)) {
      if (std::optional<json> location = ranges.location(range))
        changes[(*location)["uri"].get<std::string>()].push_back(
            {{"range", (*location)["range"]}, {"newText", newName}});
    }
    return {{"changes", changes}};
  }

  json outline(RangeConverter& ranges, const Symbol& symbol) {
    json entry{{"name", symbol.name.empty() ? "?" : symbol.name},
               {"kind", outlineKind(symbol.kind)},
               {"range", ranges.range(symbol.range)},
               {"selectionRange", ranges.range(symbol.nameRange)}};
    if (symbol.decl && symbol.decl->title)
      entry["detail"] = symbol.decl->title->value;
    json children = json::array();
    for (const Symbol* child : symbol.children)
      children.push_back(outline(ranges, *child));
    if (!children.empty())
      entry["children"] = std::move(children);
    return entry;
  }

  json documentSymbols(const json& params) {
    const Analysis& analysis = *documentOf(params).analysis;
    json result = json::array();
    if (!analysis.loaded())
      return result;
    RangeConverter ranges = analysis.ranges();
    for (const Symbol* symbol : analysis.index().topLevel(analysis.file())) {
      if (symbol->kind != SymbolKind::Import)
        result.push_back(outline(ranges, *symbol));
    }
    return result;
  }

  json completion(const json& params) {
    Document& document = documentOf(params);
    Position at{params.at("position").at("line").get<std::uint32_t>(),
                params.at("position").at("character").get<std::uint32_t>()};
    const LineIndex& lines = document.analysis->lines();
    std::size_t offset = lines.offsetOf(at);
    std::size_t lineStart = lines.offsetOf({at.line, 0});
    const SourceFile* file = document.analysis->file();
    std::string_view text = file ? file->text() : std::string_view();
    std::string_view prefix = text.substr(lineStart, offset - lineStart);
    return {{"isIncomplete", false},
            {"items", completionItems(document.named.get(), offset, prefix)}};
  }

  json codeActions(const json& params) {
    Document& document = documentOf(params);
    const Analysis& analysis = *document.analysis;
    json result = json::array();
    if (!analysis.file())
      return result;
    const LineIndex& lines = analysis.lines();
    auto offsetOf = [&](const json& position) {
      return lines.offsetOf({position.at("line").get<std::uint32_t>(),
                             position.at("character").get<std::uint32_t>()});
    };
    const json& range = params.at("range");
    SourceLocation begin = analysis.file()->locationAt(offsetOf(range.at("start")));
    SourceLocation end = analysis.file()->locationAt(offsetOf(range.at("end")));
    RangeConverter ranges = analysis.ranges();
    for (const Diagnostic& diagnostic : analysis.compilation().diagnostics().sortedDiagnostics()) {
      if (diagnostic.fixIts.empty() || diagnostic.range.end < begin ||
          end < diagnostic.range.begin || ranges.fileOf(diagnostic.range) != analysis.file())
        continue;
      json changes = json::object();
      std::string title;
      for (const FixIt& fixIt : diagnostic.fixIts) {
        std::optional<json> location = ranges.location(fixIt.range);
        if (!location)
          continue;
        changes[(*location)["uri"].get<std::string>()].push_back(
            {{"range", (*location)["range"]}, {"newText", fixIt.replacement}});
        if (title.empty())
          title = fixIt.replacement.empty() ? "Remove the text"
                  : fixIt.range.empty()     ? fmt::format("Insert `{}`", fixIt.replacement)
                                            : fmt::format("Replace with `{}`", fixIt.replacement);
      }
      if (changes.empty())
        continue;
      json lspDiagnostic{{"range", ranges.range(diagnostic.range)},
                         {"severity", severityCode(diagnostic.severity)},
                         {"code", std::string(diagnostic.code())},
                         {"source", "slac"},
                         {"message", diagnostic.message}};
      result.push_back({{"title", title},
                        {"kind", "quickfix"},
                        {"isPreferred", true},
                        {"diagnostics", json::array({lspDiagnostic})},
                        {"edit", {{"changes", changes}}}});
    }
    return result;
  }

  // `slac fmt` on the buffer: one edit that replaces the whole text, none
  // when it is formatted already. The options (tab size, spaces) are
  // ignored: the layout is the canonical one, as on the command line.
  json formatting(const json& params) {
    const Document& document = documentOf(params);
    const SourceFile* file = document.analysis->file();
    if (!file)
      throw RequestError{kRequestFailed, "the document could not be analysed"};
    DiagnosticEngine diagnostics;
    format::FormatResult result = format::formatFile(*file, diagnostics);
    if (result.status == format::FormatResult::Status::NotParsed)
      throw RequestError{kRequestFailed, "the document does not parse: fix its syntax errors "
                                         "before formatting it"};
    if (result.status == format::FormatResult::Status::Unsafe)
      throw RequestError{kInternalError, "formatting would change the document's tokens (a "
                                         "formatter bug): it is left as it is"};
    json edits = json::array();
    if (result.text == document.text)
      return edits;
    const LineIndex& lines = document.analysis->lines();
    Position end = lines.positionOf(document.text.size());
    edits.push_back({{"range",
                      {{"start", {{"line", 0}, {"character", 0}}},
                       {"end", {{"line", end.line}, {"character", end.character}}}}},
                     {"newText", result.text}});
    return edits;
  }

  json request(const std::string& method, const json& params) {
    if (method == "textDocument/formatting")
      return formatting(params);
    if (method == "textDocument/hover")
      return hover(params);
    if (method == "textDocument/definition")
      return definition(params);
    if (method == "textDocument/references")
      return references(params);
    if (method == "textDocument/documentSymbol")
      return documentSymbols(params);
    if (method == "textDocument/completion")
      return completion(params);
    if (method == "textDocument/rename")
      return rename(params);
    if (method == "textDocument/codeAction")
      return codeActions(params);
    throw RequestError{kMethodNotFound, fmt::format("no method `{}`", method)};
  }

  void notification(const std::string& method, const json& params) {
    if (method == "exit") {
      exited = true;
    } else if (!initialized || shuttingDown) {
      return; // the protocol drops notifications before initialize
    } else if (method == "textDocument/didOpen") {
      didOpen(params);
    } else if (method == "textDocument/didChange") {
      didChange(params);
    } else if (method == "textDocument/didClose") {
      didClose(params);
    }
    // Anything else (initialized, didSave, $/cancelRequest...) needs nothing.
  }

  void dispatch(const json& message) {
    if (!message.is_object() || !message.contains("method") || !message["method"].is_string()) {
      if (message.is_object() && message.contains("id") && !message.contains("method"))
        return; // a response to a request we never send
      fail(message.is_object() ? message.value("id", json()) : json(), kInvalidRequest,
           "not a JSON-RPC request or notification");
      return;
    }
    const std::string& method = message["method"].get_ref<const std::string&>();
    json params = message.value("params", json::object());
    if (!message.contains("id")) {
      try {
        notification(method, params);
      } catch (const std::exception&) {
        // A notification has nobody to answer: a bad one is dropped.
      }
      return;
    }
    const json& id = message["id"];
    if (!id.is_string() && !id.is_number_integer()) {
      fail(nullptr, kInvalidRequest, "a request id is a string or an integer");
      return;
    }
    try {
      if (method == "initialize")
        respond(id, initialize());
      else if (!initialized)
        fail(id, kServerNotInitialized, "initialize first");
      else if (shuttingDown)
        fail(id, kInvalidRequest, "the server is shutting down");
      else if (method == "shutdown") {
        shuttingDown = true;
        respond(id, nullptr);
      } else
        respond(id, request(method, params));
    } catch (const RequestError& error) {
      fail(id, error.code, error.message);
    } catch (const json::exception& error) {
      fail(id, kInvalidParams, error.what());
    } catch (const std::exception& error) {
      fail(id, kInternalError, error.what());
    }
  }
};

LanguageServer::LanguageServer(std::function<void(const std::string&)> send)
    : state_(std::make_unique<State>()) {
  state_->send = std::move(send);
}

LanguageServer::~LanguageServer() = default;

void LanguageServer::handle(const std::string& body) {
  json message = json::parse(body, nullptr, false);
  if (message.is_discarded()) {
    state_->fail(nullptr, kParseError, "the message is not JSON");
    return;
  }
  state_->dispatch(message);
}

void LanguageServer::handleMalformedFrame() {
  state_->fail(nullptr, kParseError, "a message without a Content-Length header");
}

bool LanguageServer::exited() const {
  return state_->exited;
}

int LanguageServer::exitCode() const {
  return state_->shuttingDown ? 0 : 1;
}

int serve(std::istream& in, std::ostream& out) {
  LanguageServer server([&](const std::string& body) { writeFrame(out, body); });
  while (!server.exited()) {
    std::optional<Frame> frame = readFrame(in);
    if (!frame)
      return 1; // the client went away without `exit`
    if (frame->malformed)
      server.handleMalformedFrame();
    else
      server.handle(frame->body);
  }
  return server.exitCode();
}

} // namespace slac::lsp
