#include "lsp/Completion.h"

#include <algorithm>
#include <cctype>
#include <date/tz.h>
#include <fmt/format.h>
#include <optional>
#include <set>

namespace slac::lsp {

namespace {

// The keywords of grammar/SlaLexer.g4.
constexpr std::string_view kKeywords[] = {
    "import",   "as",       "calendar",  "holidays",    "service",  "agreement", "test",
    "zone",     "always",   "closed",    "open",        "window",   "business",  "mon",
    "tue",      "wed",      "thu",       "fri",         "sat",      "sun",       "enum",
    "stream",   "at",       "let",       "metric",      "where",    "match",     "slices",
    "missing",  "good",     "bad",       "approx",      "count",    "ratio",     "sum",
    "mean",     "min",      "max",       "percentile",  "downtime", "uptime",    "true",
    "false",    "and",      "or",        "not",         "is",       "set",       "in",
    "provider", "customer", "effective", "to",          "fee",      "per",       "review",
    "revision", "every",    "supports",  "objective",   "during",   "outside",   "excluding",
    "over",     "rolling",  "when",      "no",          "data",     "met",       "breached",
    "remedy",   "on",       "below",     "above",       "credit",   "bonus",     "breach",
    "cap",      "credits",  "terminate", "consecutive", "day",      "days",      "week",
    "weeks",    "month",    "months",    "quarter",     "quarters", "year",      "years",
    "expect",   "from",     "for",       "format",      "local",    "csv",       "separator",
    "decimal",  "ignoring", "case",      "currency",    "allow",
};

// The keywords that are aggregates: completed with their parenthesis.
constexpr std::string_view kAggregates[] = {"count", "ratio",      "sum",      "mean",  "min",
                                            "max",   "percentile", "downtime", "uptime"};

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

bool isNameCharacter(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// Whether `text` ends with the word `word` (after blanks, if any).
bool endsWithWord(std::string_view& text, std::string_view word) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  if (!text.ends_with(word) ||
      (text.size() > word.size() && isNameCharacter(text[text.size() - word.size() - 1])))
    return false;
  text.remove_suffix(word.size());
  return true;
}

// Inside the string after `zone` or `local in`: `zone "Europe/Be`,
// `local in "America/Chi`.
bool insideZoneString(std::string_view prefix) {
  if (std::count(prefix.begin(), prefix.end(), '"') % 2 == 0)
    return false;
  std::string_view before = prefix.substr(0, prefix.rfind('"'));
  if (endsWithWord(before, "zone"))
    return true;
  return endsWithWord(before, "in") && endsWithWord(before, "local");
}

// `desk.resp`: `desk`, the name before the dot the cursor's word follows.
std::optional<std::string> memberBase(std::string_view prefix) {
  while (!prefix.empty() && isNameCharacter(prefix.back()))
    prefix.remove_suffix(1);
  if (prefix.empty() || prefix.back() != '.')
    return std::nullopt;
  prefix.remove_suffix(1);
  std::size_t start = prefix.size();
  while (start > 0 && isNameCharacter(prefix[start - 1]))
    --start;
  if (start == prefix.size() || std::isdigit(static_cast<unsigned char>(prefix[start])))
    return std::nullopt;
  return std::string(prefix.substr(start));
}

// `ratio(probe where `: every name written just before a `where`.
std::vector<std::string> namesBeforeWhere(std::string_view prefix) {
  std::vector<std::string> names;
  std::string_view previous;
  std::size_t previousEnd = 0;
  for (std::size_t i = 0; i < prefix.size();) {
    if (!isNameCharacter(prefix[i])) {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < prefix.size() && isNameCharacter(prefix[i]))
      ++i;
    std::string_view word = prefix.substr(start, i - start);
    std::string_view gap = prefix.substr(previousEnd, start - previousEnd);
    if (word == "where" && !previous.empty() && !gap.empty() &&
        gap.find_first_not_of(" \t") == std::string_view::npos)
      names.emplace_back(previous);
    previous = word;
    previousEnd = i;
  }
  return names;
}

// `stream incident from started to `: the stream being declared and whether
// the cursor is at its end field (after `to`) rather than its start (after
// `at` or `from`).
struct TimeFieldSlot {
  std::string stream;
  bool intervalEnd = false;
};

std::optional<TimeFieldSlot> timeFieldSlot(std::string_view prefix) {
  while (!prefix.empty() && isNameCharacter(prefix.back()))
    prefix.remove_suffix(1);
  std::vector<std::string_view> words;
  for (std::size_t i = 0; i < prefix.size();) {
    if (prefix[i] == ' ' || prefix[i] == '\t') {
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < prefix.size() && prefix[i] != ' ' && prefix[i] != '\t')
      ++i;
    words.push_back(prefix.substr(start, i - start));
  }
  auto headerAt = [&](std::size_t first) {
    return words.size() > first + 2 && words[words.size() - first - 3] == "stream";
  };
  if (words.size() >= 3 && (words.back() == "at" || words.back() == "from") && headerAt(0))
    return TimeFieldSlot{std::string(words[words.size() - 2]), false};
  if (words.size() >= 5 && words.back() == "to" && words[words.size() - 3] == "from" && headerAt(2))
    return TimeFieldSlot{std::string(words[words.size() - 4]), true};
  return std::nullopt;
}

// The fields of `stream` that can fill `slot`: `time` ones, and `time?`
// ones for an end (unset while the interval lasts).
std::vector<const Symbol*> timeFieldsFor(const Symbol& stream, const TimeFieldSlot& slot) {
  std::vector<const Symbol*> fields;
  for (const Symbol* child : stream.children) {
    const auto* field = child->decl ? dyn_cast<ast::FieldDecl>(child->decl) : nullptr;
    if (field && field->type.name == "time" && (slot.intervalEnd || !field->optional))
      fields.push_back(child);
  }
  return fields;
}

} // namespace

nlohmann::json completionItems(const Analysis* names, std::size_t offset,
                               std::string_view linePrefix) {
  nlohmann::json items = nlohmann::json::array();
  if (insideZoneString(linePrefix)) {
    for (const date::time_zone& zone : date::get_tzdb().zones)
      items.push_back({{"label", std::string(zone.name())}, {"kind", Value}});
    return items;
  }
  std::set<std::string> seen;
  if (std::optional<TimeFieldSlot> slot = timeFieldSlot(linePrefix); slot && names) {
    // `stream incident from `: only the stream's time fields fit.
    for (const Symbol* stream : names->index().named(slot->stream)) {
      if (stream->kind == SymbolKind::Stream) {
        addSymbols(items, seen, timeFieldsFor(*stream, *slot));
        return items;
      }
    }
  }
  if (std::optional<std::string> base = memberBase(linePrefix)) {
    // `desk.`: the members of whatever is named so (a service's metrics, a
    // stream's fields, an enum's cases, an import's declarations).
    if (names) {
      for (const Symbol* symbol : names->index().named(*base))
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
    for (const std::string& source : namesBeforeWhere(linePrefix)) {
      for (const Symbol* stream : names->index().named(source)) {
        if (stream->kind == SymbolKind::Stream)
          addSymbols(items, seen, stream->children);
      }
    }
  }
  for (std::string_view keyword : kKeywords) {
    if (!seen.insert(std::string(keyword)).second)
      continue;
    if (std::find(std::begin(kAggregates), std::end(kAggregates), keyword) != std::end(kAggregates))
      items.push_back({{"label", std::string(keyword)},
                       {"kind", Function},
                       {"detail", "aggregate"},
                       {"insertText", fmt::format("{}(", keyword)}});
    else
      items.push_back({{"label", std::string(keyword)}, {"kind", Keyword}});
  }
  return items;
}

} // namespace slac::lsp
