#pragma once

// `slac lsp`: a Language Server Protocol server for .sla files. Diagnostics
// come from the same checker as `slac check`, on the editor's unsaved text.

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>

namespace slac::lsp {

class LanguageServer {
public:
  // `send` writes one message body (the caller frames it).
  explicit LanguageServer(std::function<void(const std::string&)> send);
  ~LanguageServer();
  LanguageServer(const LanguageServer&) = delete;
  LanguageServer& operator=(const LanguageServer&) = delete;

  // Handles one message body; answers requests, publishes diagnostics.
  void handle(const std::string& body);
  // A frame that could not be read: answered with a parse error.
  void handleMalformedFrame();

  // Whether `exit` arrived, and the process exit code it asks for.
  bool exited() const;
  int exitCode() const;

private:
  struct State;
  std::unique_ptr<State> state_;
};

// Serves the protocol on the streams until `exit` or the end of the input;
// returns the exit code.
int serve(std::istream& in, std::ostream& out);

} // namespace slac::lsp
