#include "lsp/Completion.h"

#include <date/tz.h>
#include <regex>
#include <set>

namespace slac::lsp {

namespace {

// The keywords of grammar/SlaLexer.g4.
constexpr std::string_view kKeywords[] = {
    "import",      "as",       "calendar", "holidays",   "service", "agreement", "test",
    "zone",        "always",   "closed",   "open",       "window",  "business",  "mon",
    "tue",         "wed",      "thu",      "fri",        "sat",     "sun",       "enum",
    "stream",      "at",       "let",      "metric",     "where",   "match",     "slices",
    "missing",     "good",     "bad",      "approx",     "count",   "ratio",     "sum",
    "mean",        "min",      "max",      "percentile", "true",    "false",     "and",
    "or",          "not",      "is",       "set",        "in",      "provider",  "customer",
    "effective",   "to",       "fee",      "per",        "review",  "every",     "supports",
    "objective",   "during",   "outside",  "excluding",  "over",    "rolling",   "when",
    "no",          "data",     "met",      "breached",   "remedy",  "on",        "below",
    "above",       "credit",   "bonus",    "breach",     "cap",     "credits",   "terminate",
    "consecutive", "day",      "days",     "week",       "weeks",   "month",     "months",
    "quarter",     "quarters", "year",     "years",      "expect",  "from",      "for",
};

// LSP CompletionItemKind values.
enum ItemKind {
  Field = 5,
  Variable = 6,
  Class = 7,
  Module = 9,
  Property = 10,
  Value = 12,
  Enum = 13,
  Keyword = 14,
  Struct = 22,
  Event = 23,
  EnumMember = 20,
  Function = 3
};

int itemKind(SymbolKind kind) {
  switch (kind) {
  case SymbolKind::Import:
    return Module;
  case SymbolKind::Service:
  case SymbolKind::Agreement:
    return Class;
  case SymbolKind::Enum:
    return Enum;
  case SymbolKind::EnumCase:
    return EnumMember;
  case SymbolKind::Stream:
    return Struct;
  case SymbolKind::Field:
    return Field;
  case SymbolKind::Metric:
    return Function;
  case SymbolKind::Objective:
  case SymbolKind::Remedy:
    return Property;
  case SymbolKind::Test:
    return Event;
  case SymbolKind::Let:
  case SymbolKind::Calendar:
  case SymbolKind::Holidays:
    return Variable;
  }
  return Value;
}

void addSymbols(nlohmann::json& items, std::set<std::string>& seen,
                const std::vector<const Symbol*>& symbols) {
  for (const Symbol* symbol : symbols) {
    if (symbol->kind == SymbolKind::Test || !seen.insert(symbol->name).second)
      continue;
    nlohmann::json item{{"label", symbol->name},
                        {"kind", itemKind(symbol->kind)},
                        {"detail", symbolKindName(symbol->kind)}};
    if (symbol->decl && symbol->decl->title)
      item["documentation"] = symbol->decl->title->value;
    items.push_back(std::move(item));
  }
}

} // namespace

nlohmann::json completionItems(const Analysis* names, std::size_t offset,
                               std::string_view linePrefix) {
  nlohmann::json items = nlohmann::json::array();
  std::string prefix(linePrefix);
  static const std::regex kZone(R"(\bzone\s+"[^"]*$)");
  if (std::regex_search(prefix, kZone)) {
    for (const date::time_zone& zone : date::get_tzdb().zones)
      items.push_back({{"label", std::string(zone.name())}, {"kind", Value}});
    return items;
  }
  std::set<std::string> seen;
  static const std::regex kMember(R"(([A-Za-z_][A-Za-z0-9_]*)\.[A-Za-z0-9_]*$)");
  std::smatch member;
  if (std::regex_search(prefix, member, kMember)) {
    // `desk.`: the members of whatever is named so (a service's metrics, a
    // stream's fields, an enum's cases, an import's declarations).
    if (names) {
      for (const Symbol* symbol : names->index().named(member[1].str()))
        addSymbols(items, seen, symbol->children);
    }
    return items;
  }
  if (names && names->file()) {
    const SourceFile* file = names->file();
    SourceLocation at = file->locationAt(std::min(offset, file->text().size()));
    for (const Symbol* scope = names->index().enclosing(file, at); scope; scope = scope->parent) {
      addSymbols(items, seen, scope->children);
      for (const Symbol* child : scope->children) {
        if (child->kind == SymbolKind::Enum)
          addSymbols(items, seen, child->children);
      }
    }
    addSymbols(items, seen, names->index().topLevel(file));
    // `ratio(probe where `: the condition reads the stream's fields and lets.
    static const std::regex kWhere(R"(([A-Za-z_][A-Za-z0-9_]*)\s+where\b)");
    for (auto match = std::sregex_iterator(prefix.begin(), prefix.end(), kWhere);
         match != std::sregex_iterator(); ++match) {
      for (const Symbol* stream : names->index().named((*match)[1].str())) {
        if (stream->kind == SymbolKind::Stream)
          addSymbols(items, seen, stream->children);
      }
    }
  }
  for (std::string_view keyword : kKeywords) {
    if (seen.insert(std::string(keyword)).second)
      items.push_back({{"label", std::string(keyword)}, {"kind", Keyword}});
  }
  return items;
}

} // namespace slac::lsp
