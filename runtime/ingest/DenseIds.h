#pragma once

// Dense ids 0, 1, 2, ... for the distinct keys met, in the order they were
// first met: an open-addressing table, cleared (keeping its slots) from one
// batch to the next. The reader numbers the texts of the columns records
// are grouped by with one (TextCodes), and the evaluator's BatchGroups keeps
// one per group column and per combination of columns, so that a record
// finds its group by a lookup among the few values of its batch. The lookup
// is on the path of every record: texts are hashed and compared eight bytes
// at a time, without calls.

#include "ingest/ShortWord.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace slac::ingest {

inline std::uint64_t mixBits(std::uint64_t value) {
  value ^= value >> 33;
  value *= 0xFF51AFD7ED558CCDULL;
  return value ^ (value >> 33);
}

struct NumberKeys {
  static std::uint64_t hash(std::int64_t value) {
    return mixBits(static_cast<std::uint64_t>(value));
  }
  static bool equal(std::int64_t a, std::int64_t b) { return a == b; }
};

struct TextKeys {
  // Every byte counts (a prefix and a suffix would let names that differ
  // in the middle share one chain of slots).
  static std::uint64_t hash(std::string_view text) {
    std::size_t size = text.size();
    std::uint64_t hash = size * 0x9E3779B97F4A7C15ULL;
    if (size < 8)
      return mixBits(hash ^ shortWordOf(text));
    for (std::size_t offset = 0; offset + 8 < size; offset += 8)
      hash = mixBits(hash ^ word(text, offset));
    return mixBits(hash ^ word(text, size - 8));
  }
  static bool equal(std::string_view a, std::string_view b) {
    std::size_t size = a.size();
    if (size != b.size())
      return false;
    if (size < 8)
      return shortWordOf(a) == shortWordOf(b);
    for (std::size_t offset = 0; offset + 8 < size; offset += 8)
      if (word(a, offset) != word(b, offset))
        return false;
    return word(a, size - 8) == word(b, size - 8);
  }

private:
  static std::uint64_t word(std::string_view text, std::size_t offset) {
    std::uint64_t value;
    std::memcpy(&value, text.data() + offset, 8);
    return value;
  }
};

template <typename Key, typename Keys> class DenseIds {
public:
  DenseIds() : slots_(kInitialSlots) {}

  // The id of `key`: the one it was given, or the next one.
  std::uint32_t idOf(const Key& key) {
    return idOf(key, [](const Key& met) { return met; });
  }
  // The same, keeping `keep(key)` for a key met first (a copy that outlives
  // the key given, for one).
  template <typename Keep> std::uint32_t idOf(const Key& key, Keep&& keep) {
    std::uint64_t hash = Keys::hash(key);
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.id == kEmpty) {
        slot = {keep(key), hash, count_};
        std::uint32_t id = count_++;
        if (count_ * 2 > slots_.size())
          grow();
        return id;
      }
      if (slot.hash == hash && Keys::equal(slot.key, key))
        return slot.id;
    }
  }

  std::uint32_t size() const { return count_; }

  void clear() {
    if (count_ == 0)
      return;
    std::fill(slots_.begin(), slots_.end(), Slot{});
    count_ = 0;
  }

private:
  static constexpr std::uint32_t kEmpty = ~std::uint32_t{0};
  static constexpr std::size_t kInitialSlots = 16;
  struct Slot {
    Key key{};
    std::uint64_t hash = 0;
    std::uint32_t id = kEmpty;
  };

  void grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    std::size_t mask = slots_.size() - 1;
    for (const Slot& slot : old)
      if (slot.id != kEmpty) {
        std::size_t i = slot.hash & mask;
        while (slots_[i].id != kEmpty)
          i = (i + 1) & mask;
        slots_[i] = slot;
      }
  }

  std::vector<Slot> slots_;
  std::uint32_t count_ = 0;
};

using DenseNumberIds = DenseIds<std::int64_t, NumberKeys>;
using DenseTextIds = DenseIds<std::string_view, TextKeys>;

} // namespace slac::ingest
