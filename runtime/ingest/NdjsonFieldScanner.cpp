#include "ingest/NdjsonFieldScanner.h"

#include "ingest/NdjsonLines.h"

#include <algorithm>
#include <simdjson.h>

namespace slac::ingest {

namespace json = simdjson::ondemand;

// Lines are parsed where they lie: less padding after them, and simdjson
// would refuse every line (and every line would take the slow path).
static_assert(NdjsonLines::kPadding >= simdjson::SIMDJSON_PADDING);

namespace {

// More keys than this that are not looked for, and the line goes to the
// full rules: comparing each with all before it would grow as their square.
constexpr std::size_t kMostOtherKeys = 32;
constexpr std::size_t kFirstCapacity = 1 << 16;

// The key of `member`, unescaped; false when its escapes are invalid.
bool keyOf(json::field& member, std::string_view& key) {
  const char* raw = member.key().raw();
  const char* at = raw;
  // simdjson found the closing quote: an unescaped `"` ends the key.
  while (*at != '"' && *at != '\\')
    ++at;
  if (*at == '"') {
    key = std::string_view(raw, static_cast<std::size_t>(at - raw));
    return true;
  }
  return !member.unescaped_key().get(key);
}

// Whether `value` is valid JSON through and through, as the full parser
// checks it: On-Demand only checks what is read.
bool isValid(json::value value) {
  json::json_type type;
  if (value.type().get(type))
    return false;
  switch (type) {
  case json::json_type::object: {
    json::object object;
    if (value.get_object().get(object))
      return false;
    for (auto found : object) {
      json::field member;
      std::string_view key;
      if (std::move(found).get(member) || !keyOf(member, key) || !isValid(member.value()))
        return false;
    }
    return true;
  }
  case json::json_type::array: {
    json::array array;
    if (value.get_array().get(array))
      return false;
    for (auto found : array) {
      json::value element;
      if (std::move(found).get(element) || !isValid(element))
        return false;
    }
    return true;
  }
  case json::json_type::string: {
    std::string_view text;
    return !value.get_string().get(text);
  }
  case json::json_type::number: {
    // A double's range, as the full parser checks it (`1e400` is refused).
    double number;
    return !value.get_double().get(number);
  }
  case json::json_type::boolean: {
    bool flag;
    return !value.get_bool().get(flag);
  }
  case json::json_type::null: {
    bool null = false;
    return !value.is_null().get(null) && null;
  }
  }
  return false;
}

// A token of JSON's number grammar without an exponent: a double holds
// it (with fewer than 309 digits), so it needs no range check.
bool isPlainNumber(std::string_view token) {
  std::size_t at = token.size() > 0 && token[0] == '-';
  std::size_t digits = at;
  while (digits < token.size() && token[digits] >= '0' && token[digits] <= '9')
    ++digits;
  if (digits == at || (token[at] == '0' && digits > at + 1) || token.size() > 300)
    return false;
  if (digits == token.size())
    return true;
  if (token[digits] != '.' || digits + 1 == token.size())
    return false;
  for (std::size_t i = digits + 1; i < token.size(); ++i)
    if (token[i] < '0' || token[i] > '9')
      return false;
  return true;
}

// simdjson's token runs up to what follows it: spaces and tabs are cut.
std::string_view tokenOf(json::value& value) {
  std::string_view token = value.raw_json_token();
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t'))
    token.remove_suffix(1);
  return token;
}

// The value of a key looked for; false when it is not valid JSON.
bool read(json::value value, NdjsonValue& found) {
  json::json_type type;
  if (value.type().get(type))
    return false;
  switch (type) {
  case json::json_type::string: {
    found.kind = NdjsonValue::Kind::Value;
    // Without a backslash the text is the token's, as it lies: simdjson
    // checked its UTF-8 and control characters for the whole line. A value
    // not taken is skipped by the object's iteration.
    std::string_view token = tokenOf(value);
    if (token.size() >= 2 && token.back() == '"' && token.find('\\') == std::string_view::npos) {
      found.text = token.substr(1, token.size() - 2);
      return true;
    }
    return !value.get_string().get(found.text);
  }
  case json::json_type::number: {
    // The token's exact text.
    std::string_view token = tokenOf(value);
    double number;
    if (!isPlainNumber(token) && value.get_double().get(number))
      return false;
    // An integer is written as the full parser writes it: `-0` is `0`.
    found.kind = NdjsonValue::Kind::Value;
    found.text = token == "-0" ? std::string_view("0") : token;
    return true;
  }
  case json::json_type::boolean: {
    bool flag;
    if (value.get_bool().get(flag))
      return false;
    found.kind = NdjsonValue::Kind::Value;
    found.text = flag ? "true" : "false";
    return true;
  }
  case json::json_type::null: {
    bool null = false;
    found.kind = NdjsonValue::Kind::Null;
    return !value.is_null().get(null) && null;
  }
  case json::json_type::object:
  case json::json_type::array:
    found.kind = NdjsonValue::Kind::Structured;
    return isValid(value);
  }
  return false;
}

} // namespace

class NdjsonFieldScanner::Parser {
public:
  json::parser parser;
  json::document document;
};

NdjsonFieldScanner::NdjsonFieldScanner(std::vector<std::string> keys)
    : parser_(std::make_unique<Parser>()) {
  for (std::string& key : keys) {
    auto known = std::find(keys_.begin(), keys_.end(), key);
    keyOfField_.push_back(static_cast<std::size_t>(known - keys_.begin()));
    if (known == keys_.end())
      keys_.push_back(std::move(key));
  }
  values_.resize(keys_.size());
}

NdjsonFieldScanner::~NdjsonFieldScanner() = default;

bool NdjsonFieldScanner::scan(std::string_view line, std::size_t readable) {
  for (NdjsonValue& value : values_)
    value = NdjsonValue{};
  others_.clear();
  // Only an object is a record (a byte order mark, a bare value: the full
  // rules say what is wrong).
  std::size_t first = line.find_first_not_of(" \t");
  if (first == std::string_view::npos || line[first] != '{')
    return false;
  json::parser& parser = parser_->parser;
  // Grown geometrically: simdjson would grow it to each longer line.
  if (line.size() > parser.capacity() &&
      parser.allocate(std::max({line.size(), 2 * parser.capacity(), kFirstCapacity})))
    return false;
  json::document& document = parser_->document;
  if (parser.iterate(simdjson::padded_string_view(line.data(), line.size(), readable))
          .get(document))
    return false;
  json::object object;
  if (document.get_object().get(object))
    return false;
  // Lines usually list the keys in one order: the next key is guessed.
  std::size_t guess = 0;
  for (auto found : object) {
    std::string_view key;
    if (found.error() || !keyOf(found.value_unsafe(), key))
      return false;
    json::field& member = found.value_unsafe();
    std::size_t index =
        guess < keys_.size() && keys_[guess] == key
            ? guess
            : static_cast<std::size_t>(std::find(keys_.begin(), keys_.end(), key) - keys_.begin());
    if (index < keys_.size()) {
      NdjsonValue& value = values_[index];
      if (value.kind != NdjsonValue::Kind::Absent || !read(member.value(), value))
        return false;
      guess = index + 1;
      continue;
    }
    if (others_.size() == kMostOtherKeys ||
        std::find(others_.begin(), others_.end(), key) != others_.end() || !isValid(member.value()))
      return false;
    others_.push_back(key);
  }
  // Nothing may follow the object.
  const char* rest = nullptr;
  return document.current_location().get(rest) != simdjson::SUCCESS;
}

} // namespace slac::ingest
