#pragma once

#include "lsp/Analysis.h"

#include <string>

namespace slac::lsp {

// The Markdown shown on hover at `at` in the analysed buffer: the docs of
// the diagnostics there and what the name there declares; empty if nothing.
std::string hoverText(const Analysis& analysis, SourceLocation at);

} // namespace slac::lsp
