// JsonWriter lays JSON out as nlohmann::json's dump(2) does, so that the
// reports read as they did when they were document trees: random
// documents written both ways must be the same text, whatever the size of
// the chunks the writer hands to its stream.
#include "report/JsonWriter.h"

#include <gtest/gtest.h>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

namespace slac::testing {
namespace {

using Json = nlohmann::ordered_json;

class RandomDocument {
public:
  explicit RandomDocument(std::uint64_t seed) : random_(seed) {}

  // Writes one value with `writer` and returns the same as a tree.
  Json value(report::JsonWriter& writer, int depth) {
    switch (below(depth > 3 ? 5 : 7)) {
    case 0: {
      std::string text = this->text();
      writer.string(text);
      return text;
    }
    case 1: {
      auto number = static_cast<std::int64_t>(random_());
      if (below(2) == 0)
        number %= 1000;
      writer.number(number);
      return number;
    }
    case 2: {
      std::uint64_t number = below(2) == 0 ? std::numeric_limits<std::uint64_t>::max() : below(99);
      writer.number(number);
      return number;
    }
    case 3: {
      bool truth = below(2) == 0;
      writer.boolean(truth);
      return truth;
    }
    case 4:
      writer.null();
      return nullptr;
    case 5: {
      Json array = Json::array();
      writer.beginArray();
      for (std::uint64_t i = below(4); i > 0; --i)
        array.push_back(value(writer, depth + 1));
      writer.endArray();
      return array;
    }
    default: {
      Json object = Json::object();
      writer.beginObject();
      for (std::uint64_t i = below(4); i > 0; --i) {
        std::string name = text() + std::to_string(i); // distinct keys
        writer.key(name);
        object[name] = value(writer, depth + 1);
      }
      writer.endObject();
      return object;
    }
    }
  }

private:
  std::uint64_t below(std::uint64_t bound) { return random_() % bound; }

  // ASCII with quotes, backslashes and control characters; now and then
  // UTF-8, valid or not (cut short, a stray continuation byte, an
  // overlong form).
  std::string text() {
    static const std::string kPieces[] = {
        "a",    "Z",    " ",        "\"",       "\\",           "/",
        "\n",   "\t",   "\r",       "\b",       "\f",           std::string(1, '\0'),
        "\x01", "\x1f", "\x7f",     "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80",
        "\xc3", "\x80", "\xc0\xaf", "\xe2\x82", "\xff"};
    std::string text;
    for (std::uint64_t i = below(6); i > 0; --i) {
      std::size_t piece = below(below(4) == 0 ? std::size(kPieces) : 15);
      text += kPieces[piece];
    }
    return text;
  }

  std::mt19937_64 random_;
};

TEST(JsonWriterTest, WritesWhatNlohmannDumpWrites) {
  // A chunk of a byte or a few cuts the text everywhere: inside a string,
  // an escape, a number, the indentation.
  for (std::size_t chunkBytes :
       {std::size_t{1}, std::size_t{7}, std::size_t{64}, std::size_t{65536}})
    for (std::uint64_t seed = 1; seed <= 3000; ++seed) {
      RandomDocument document(seed);
      std::ostringstream text;
      report::JsonWriter writer(text, chunkBytes);
      Json tree = document.value(writer, 0);
      writer.finish();
      std::string expected = tree.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
      ASSERT_EQ(text.str(), expected) << "seed " << seed << ", chunks of " << chunkBytes;
    }
}

TEST(JsonWriterTest, WritesAHandCheckedDocument) {
  std::ostringstream text;
  report::JsonWriter writer(text);
  writer.beginObject();
  writer.key("a").number(std::int64_t{-1});
  writer.key("b").beginArray();
  writer.endArray();
  writer.key("c").beginObject();
  writer.endObject();
  writer.key("d").beginArray();
  writer.string("x\"\n\x01");
  writer.null();
  writer.endArray();
  writer.endObject();
  writer.finish();
  EXPECT_EQ(text.str(), "{\n"
                        "  \"a\": -1,\n"
                        "  \"b\": [],\n"
                        "  \"c\": {},\n"
                        "  \"d\": [\n"
                        "    \"x\\\"\\n\\u0001\",\n"
                        "    null\n"
                        "  ]\n"
                        "}\n");
}

} // namespace
} // namespace slac::testing
