#pragma once

#include "lsp/Analysis.h"

#include <nlohmann/json.hpp>
#include <string_view>

namespace slac::lsp {

// The completion items at a place of a buffer, given the text of its line
// before the cursor. `names` is the latest analysis that loaded (the buffer
// being typed rarely parses); null if there is none.
nlohmann::json completionItems(const Analysis* names, std::size_t offset,
                               std::string_view linePrefix);

} // namespace slac::lsp
