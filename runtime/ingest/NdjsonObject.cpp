#include "ingest/NdjsonObject.h"

#include <nlohmann/json.hpp>

namespace slac::ingest {

namespace {

using Json = nlohmann::json;

// A SAX handler rather than a parsed document: the document keeps numbers
// only as doubles or 64-bit integers, and duplicate keys only once.
class MemberCollector : public nlohmann::json_sax<Json> {
public:
  explicit MemberCollector(NdjsonObject& object) : object_(object) {}

  bool null() override { return store({JsonMember::Kind::Null, {}}); }
  bool boolean(bool flag) override { return value(flag ? "true" : "false"); }
  // Integers within 64 bits arrive as such, exact; only longer ones and
  // those with a fraction or exponent arrive as floats, with their text.
  bool number_integer(number_integer_t number) override { return value(std::to_string(number)); }
  bool number_unsigned(number_unsigned_t number) override { return value(std::to_string(number)); }
  bool number_float(number_float_t, const string_t& text) override { return value(text); }
  bool string(string_t& text) override { return value(std::move(text)); }
  bool binary(binary_t&) override { return false; }

  bool start_object(std::size_t) override { return open(); }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(); }
  bool end_array() override { return close(); }

  bool key(string_t& name) override {
    if (depth_ == 1) {
      key_ = std::move(name);
      if (object_.members.count(key_) != 0 && !object_.duplicateKey)
        object_.duplicateKey = key_;
    }
    return true;
  }

  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception& error) override {
    // `[json.exception.parse_error.101] parse error at line 1, column 9:
    // ...`: the part after the prefix says what and where.
    std::string_view what = error.what();
    std::size_t prefix = what.find("] ");
    object_.problem = prefix == std::string_view::npos ? what : what.substr(prefix + 2);
    return false;
  }

private:
  bool value(std::string text) { return store({JsonMember::Kind::Value, std::move(text)}); }
  bool store(JsonMember member) {
    if (depth_ == 0)
      return false; // a bare value, not an object
    if (depth_ == 1 && !object_.duplicateKey)
      object_.members[key_] = std::move(member);
    return true;
  }
  bool open() {
    if (depth_ == 1 && !object_.duplicateKey) {
      object_.members[key_] = JsonMember{JsonMember::Kind::Structured, {}};
    }
    ++depth_;
    return true;
  }
  bool close() {
    --depth_;
    return true;
  }

  NdjsonObject& object_;
  std::string key_;
  int depth_ = 0;
};

} // namespace

std::optional<NdjsonObject> parseNdjsonObject(std::string_view line, std::string& problem) {
  NdjsonObject object;
  MemberCollector collector(object);
  // Only an object is a record; the collector then sees no bare value.
  std::size_t first = line.find_first_not_of(" \t");
  if (first == std::string_view::npos || line[first] != '{') {
    problem = "the line is not a JSON object; NDJSON has one object per line";
    return std::nullopt;
  }
  if (!Json::sax_parse(line, &collector, Json::input_format_t::json, true)) {
    problem = "the line is not a JSON object: " + object.problem;
    return std::nullopt;
  }
  return object;
}

} // namespace slac::ingest
