#include "ingest/NdjsonFieldScanner.h"

#include "ingest/NdjsonLines.h"

#include <algorithm>
#include <bit>
#include <simdjson.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

// Whether `key` is `text`: keys are short, and a call to memcmp per key
// compared cost more than the bytes.
bool sameKey(const std::string& key, std::string_view text) {
  if (key.size() != text.size())
    return false;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (key[i] != text[i])
      return false;
  return true;
}

// Where `key` is in `keys`, guessed first at `guess`; keys.size() when it
// is not there.
[[gnu::always_inline]] inline std::size_t indexOfKey(const std::vector<std::string>& keys, std::string_view key,
                       std::size_t guess) {
  if (guess < keys.size() && sameKey(keys[guess], key))
    return guess;
  for (std::size_t i = 0; i < keys.size(); ++i)
    if (sameKey(keys[i], key))
      return i;
  return keys.size();
}

// The line of nearly every NDJSON file, read byte by byte without
// simdjson: one object of members whose values are strings, numbers
// without an exponent, `true`, `false` or `null`, in ASCII, without an
// escape, each key once (at most kMostOtherKeys not looked for), only
// spaces and tabs around. `at` is the object's `{`. A line in this shape
// is JSON that simdjson reads to the same values (a string's text as it
// lies, a number's token, `-0` as `0`); any other line, valid or not, is
// left to simdjson (false), which then decides as it always did. Nothing
// is validated here that this shape does not need: no UTF-8 (a byte
// outside ASCII declines), no number's range (an exponent declines).
bool readFlatObject(const char* at, const char* end, const std::vector<std::string>& keys,
                    std::vector<NdjsonValue>& values, std::vector<std::string_view>& others) {
  for (NdjsonValue& value : values)
    value = NdjsonValue{};
  others.clear();
  auto skipSpaces = [&] {
    while (at < end && (*at == ' ' || *at == '\t'))
      ++at;
  };
  // From after a string's opening quote to after its closing one. The
  // first byte that is no plain text ends it: a quote, or an escape, a
  // control character (not JSON) or a byte outside ASCII, which decline.
  auto readString = [&](std::string_view& text) {
    const char* start = at;
#if defined(__SSE2__)
    // 16 bytes at a time: the line is followed by readable bytes (scan()).
    // As signed bytes, those outside ASCII are below 0x20 too.
    const __m128i quotes = _mm_set1_epi8('"');
    const __m128i backslashes = _mm_set1_epi8('\\');
    const __m128i controls = _mm_set1_epi8(0x20);
    while (at < end) {
      __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
      __m128i stops = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, quotes),
                                                _mm_cmpeq_epi8(bytes, backslashes)),
                                   _mm_cmplt_epi8(bytes, controls));
      auto bits = static_cast<unsigned>(_mm_movemask_epi8(stops));
      if (bits == 0) {
        at += 16;
        continue;
      }
      at += std::countr_zero(bits);
      break;
    }
#else
    while (at < end && *at != '"' && *at != '\\' && static_cast<unsigned char>(*at) >= 0x20 &&
           static_cast<unsigned char>(*at) < 0x80)
      ++at;
#endif
    if (at >= end || *at != '"')
      return false;
    text = std::string_view(start, static_cast<std::size_t>(at - start));
    ++at;
    return true;
  };
  auto readDigits = [&] {
    const char* start = at;
    while (at < end && *at >= '0' && *at <= '9')
      ++at;
    return at > start;
  };
  auto literal = [&](std::string_view word) {
    if (static_cast<std::size_t>(end - at) < word.size() ||
        std::string_view(at, word.size()) != word)
      return false;
    at += word.size();
    return true;
  };
  ++at;
  std::size_t guess = 0;
  while (true) {
    skipSpaces();
    std::string_view key;
    if (at == end || *at != '"')
      return false;
    ++at;
    if (!readString(key))
      return false;
    skipSpaces();
    if (at == end || *at != ':')
      return false;
    ++at;
    skipSpaces();
    if (at == end)
      return false;
    NdjsonValue value;
    value.kind = NdjsonValue::Kind::Value;
    const char* token = at;
    if (*at == '"') {
      ++at;
      if (!readString(value.text))
        return false;
    } else if (*at == 't') {
      if (!literal("true"))
        return false;
      value.text = "true";
    } else if (*at == 'f') {
      if (!literal("false"))
        return false;
      value.text = "false";
    } else if (*at == 'n') {
      if (!literal("null"))
        return false;
      value.kind = NdjsonValue::Kind::Null;
    } else {
      // JSON's number: -?(0|[1-9][0-9]*)(.[0-9]+)?, no exponent; a digit
      // after a leading 0 is refused below, as what follows a value.
      at += *at == '-';
      if (at < end && *at == '0')
        ++at;
      else if (!readDigits())
        return false;
      if (at < end && *at == '.') {
        ++at;
        if (!readDigits())
          return false;
      }
      value.text = std::string_view(token, static_cast<std::size_t>(at - token));
      if (value.text.size() > 300 || (at < end && (*at == 'e' || *at == 'E')))
        return false;
      if (value.text == "-0")
        value.text = "0";
    }
    std::size_t index = indexOfKey(keys, key, guess);
    if (index < keys.size()) {
      if (values[index].kind != NdjsonValue::Kind::Absent)
        return false;
      values[index] = value;
      guess = index + 1;
    } else {
      if (others.size() == kMostOtherKeys ||
          std::find(others.begin(), others.end(), key) != others.end())
        return false;
      others.push_back(key);
    }
    skipSpaces();
    if (at == end)
      return false;
    if (*at == '}') {
      ++at;
      skipSpaces();
      return at == end;
    }
    if (*at != ',')
      return false;
    ++at;
  }
}

// Reads the members of `object` into `values` (per key of `keys`), keeping
// the other keys in `others`; false when the scanner cannot vouch for them.
bool readMembers(json::object& object, const std::vector<std::string>& keys,
                 std::vector<NdjsonValue>& values, std::vector<std::string_view>& others) {
  for (NdjsonValue& value : values)
    value = NdjsonValue{};
  others.clear();
  // Lines usually list the keys in one order: the next key is guessed.
  std::size_t guess = 0;
  for (auto found : object) {
    std::string_view key;
    if (found.error() || !keyOf(found.value_unsafe(), key))
      return false;
    json::field& member = found.value_unsafe();
    std::size_t index = indexOfKey(keys, key, guess);
    if (index < keys.size()) {
      NdjsonValue& value = values[index];
      if (value.kind != NdjsonValue::Kind::Absent || !read(member.value(), value))
        return false;
      guess = index + 1;
      continue;
    }
    if (others.size() == kMostOtherKeys ||
        std::find(others.begin(), others.end(), key) != others.end() || !isValid(member.value()))
      return false;
    others.push_back(key);
  }
  return true;
}

bool isJsonSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

} // namespace

class NdjsonFieldScanner::Parser {
public:
  json::parser parser;
  json::document document;
};

// A run of whole lines parsed in one simdjson call, as a stream of
// documents, and where its next document is.
class NdjsonFieldScanner::Run {
public:
  explicit Run(std::size_t largest) : largest_(largest), limit_(largest) {
#ifdef SIMDJSON_THREADS_ENABLED
    // A run is one batch: no thread to parse the next.
    parser_.threaded = false;
#endif
  }

  // The object of `line`, starting at `start` (its `{`), when the run has
  // it (started here if need be), read into `values`; false when it
  // cannot vouch for the line, which is then to be parsed alone.
  bool read(std::string_view line, const char* start, std::string_view after, std::uint64_t version,
            const std::vector<std::string>& keys, std::vector<NdjsonValue>& values,
            std::vector<std::string_view>& others) {
    const char* lineEnd = line.data() + line.size();
    if (live_ && version == version_ && start >= start_ && lineEnd < end_) {
      // Past the documents of lines read without the run (readFlatObject):
      // each of those was one document, on its line.
      do {
        if (!(++documents_ != stream_.end()))
          return stop();
      } while (start_ + documents_.current_index() < start);
    } else if (!begin(start, lineEnd, after, version)) {
      return false;
    }
    auto found = *documents_;
    if (found.error() || start_ + documents_.current_index() != start)
      return stop();
    json::document_reference document = found.value_unsafe();
    json::object object;
    if (document.get_object().get(object) || !readMembers(object, keys, values, others))
      return stop();
    // The document is this line when the token after it is the next
    // line's first (every line starts with a token: a string cannot span a
    // line end, stage 1 refuses control characters in one).
    const char* next = lineEnd;
    while (next < end_ && isJsonSpace(*next))
      ++next;
    const char* location = nullptr;
    simdjson::error_code error = document.current_location().get(location);
    bool endsHere = next == end_ ? error == simdjson::OUT_OF_BOUNDS : !error && location == next;
    return endsHere || stop();
  }

  // After a line it could not vouch for (or one not read from it), the run
  // is forgotten and the next ones start short, so that a file of faulty
  // lines does not pay for long runs it cannot use.
  bool stop() {
    live_ = false;
    limit_ = std::min(kShortestRun, largest_);
    return false;
  }

private:
  // Starts a run at `start` with the whole lines read from there on, up to
  // the limit; false when that is not even the line ending at `lineEnd`.
  bool begin(const char* start, const char* lineEnd, std::string_view after,
             std::uint64_t version) {
    // A run used up without a fault: the next may be longer.
    if (live_)
      limit_ = std::min(2 * limit_, largest_);
    live_ = false;
    const char* readEnd = after.data() + after.size();
    const char* end = start + std::min(limit_, static_cast<std::size_t>(readEnd - start));
    while (end > lineEnd && end[-1] != '\n' && end[-1] != '\r')
      --end;
    if (end <= lineEnd)
      return false;
    if (parser_.iterate_many(start, static_cast<std::size_t>(end - start), largest_).get(stream_))
      return false;
    documents_ = stream_.begin();
    if (!(documents_ != stream_.end()))
      return false;
    start_ = start;
    end_ = end;
    version_ = version;
    live_ = true;
    return true;
  }

  static constexpr std::size_t kShortestRun = 1 << 12;

  json::parser parser_;
  json::document_stream stream_;
  json::document_stream::iterator documents_;
  std::size_t largest_;
  std::size_t limit_;
  const char* start_ = nullptr;
  const char* end_ = nullptr; // after the run's last line end
  std::uint64_t version_ = 0;
  bool live_ = false;
};

NdjsonFieldScanner::NdjsonFieldScanner(std::vector<std::string> keys, std::size_t largestRun)
    : parser_(std::make_unique<Parser>()) {
  for (std::string& key : keys) {
    auto known = std::find(keys_.begin(), keys_.end(), key);
    keyOfField_.push_back(static_cast<std::size_t>(known - keys_.begin()));
    if (known == keys_.end())
      keys_.push_back(std::move(key));
  }
  values_.resize(keys_.size());
  if (largestRun > 0)
    run_ = std::make_unique<Run>(largestRun);
}

NdjsonFieldScanner::~NdjsonFieldScanner() = default;

bool NdjsonFieldScanner::scan(std::string_view line, std::string_view after,
                              std::uint64_t version) {
  // Only an object is a record (a byte order mark, a bare value: the full
  // rules say what is wrong).
  // Not find_first_not_of: it calls memchr for each byte.
  std::size_t first = 0;
  while (first < line.size() && (line[first] == ' ' || line[first] == '\t'))
    ++first;
  if (first == line.size() || line[first] != '{') {
    if (run_)
      run_->stop();
    return false;
  }
  if (run_ &&
      readFlatObject(line.data() + first, line.data() + line.size(), keys_, values_, others_))
    return true;
  if (run_ && run_->read(line, line.data() + first, after, version, keys_, values_, others_))
    return true;
  return scanAlone(line, line.size() + after.size() + NdjsonLines::kPadding);
}

bool NdjsonFieldScanner::scanAlone(std::string_view line, std::size_t readable) {
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
  if (document.get_object().get(object) || !readMembers(object, keys_, values_, others_))
    return false;
  // Nothing may follow the object.
  const char* rest = nullptr;
  return document.current_location().get(rest) != simdjson::SUCCESS;
}

} // namespace slac::ingest
