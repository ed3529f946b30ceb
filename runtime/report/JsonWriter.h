#pragma once

// Writes JSON straight into a string, laid out as nlohmann::json's
// dump(2) lays it out (two spaces a level, `"key": value`, `[]` and `{}`
// when empty), so that a report reads the same as when it was a document
// tree first. Without the tree: building it was three quarters of writing
// the cloud example's 250 KB report (a node and its allocations per value,
// initializer lists copied). The text goes to its stream a chunk at a time
// (ChunkedOutput).

#include "report/ChunkedOutput.h"

#include <cstdint>
#include <ostream>
#include <string_view>
#include <vector>

namespace slac::report {

class JsonWriter {
public:
  explicit JsonWriter(std::ostream& out, std::size_t chunkBytes = ChunkedOutput::kDefaultChunkBytes)
      : out_(out, chunkBytes) {}

  void beginObject();
  void endObject();
  void beginArray();
  void endArray();
  // Inside an object: the name of the member whose value comes next.
  JsonWriter& key(std::string_view name);

  void string(std::string_view text);
  void number(std::int64_t value);
  void number(std::uint64_t value);
  void boolean(bool value);
  void null();

  // Ends the text with a line end and hands all of it to the stream.
  void finish();
  // The stream has failed: the rest of the document would be lost.
  bool failed() const { return out_.failed(); }

private:
  // Before a value or a key: the separator and the indentation its
  // container asks for.
  void beginItem();
  void beginValue();
  // A container's brackets: `[]` or `{}` when nothing went between them.
  void open(char bracket);
  void close(char bracket);
  void quoted(std::string_view text);

  struct Level {
    bool empty = true;
  };
  ChunkedOutput out_;
  std::vector<Level> levels_;
  bool afterKey_ = false;
};

} // namespace slac::report
