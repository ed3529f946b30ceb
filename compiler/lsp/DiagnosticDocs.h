#pragma once

#include <string_view>

namespace slac::lsp {

// The `### CODE` entry of docs/diagnostics.md for a code, heading included;
// empty if the code has none. The document is built into the binary.
std::string_view diagnosticDocs(std::string_view code);

} // namespace slac::lsp
