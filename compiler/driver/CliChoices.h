#pragma once

// An option that takes one of a closed set of words (`--format json`). A
// wrong word is answered with the valid ones, in the order given, instead of
// CLI11's internal mapping.

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <string>
#include <utility>
#include <vector>

namespace slac::driver {

template <typename Enum>
CLI::Validator choiceOf(std::vector<std::pair<std::string, Enum>> choices) {
  std::vector<std::string> names;
  for (const auto& choice : choices)
    names.push_back(choice.first);
  std::string list = fmt::format("{}", fmt::join(names, ", "));
  return CLI::Validator(
      [choices = std::move(choices), list](std::string& value) -> std::string {
        for (const auto& [name, meaning] : choices)
          if (name == value) {
            value = std::to_string(static_cast<int>(meaning));
            return {};
          }
        return fmt::format("`{}` is not one of {}", value, list);
      },
      "one of: " + list);
}

} // namespace slac::driver
