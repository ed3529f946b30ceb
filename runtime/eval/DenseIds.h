#pragma once

// Dense ids 0, 1, 2, ... for the distinct keys met, in the order they were
// first met: an open-addressing table, cleared (keeping its slots) from one
// batch to the next. BatchGroups keeps one per group column and per
// combination of columns, so that a record finds its group by a lookup
// among the few values of its batch.

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace slac::eval {

struct HashNumber {
  std::uint64_t operator()(std::int64_t value) const {
    std::uint64_t mixed = static_cast<std::uint64_t>(value) * 0x9E3779B97F4A7C15ULL;
    return mixed ^ (mixed >> 29);
  }
};

// Every byte counts (a prefix and a suffix would let names that differ in
// the middle share one slot chain), eight at a time.
struct HashText {
  std::uint64_t operator()(std::string_view text) const {
    std::uint64_t hash = text.size() * 0x9E3779B97F4A7C15ULL;
    std::size_t offset = 0;
    for (; offset + 8 <= text.size(); offset += 8) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + offset, 8);
      hash = (hash ^ word) * 0xFF51AFD7ED558CCDULL;
      hash ^= hash >> 32;
    }
    std::uint64_t tail = 0;
    if (offset < text.size())
      std::memcpy(&tail, text.data() + offset, text.size() - offset);
    hash = (hash ^ tail) * 0xC4CEB9FE1A85EC53ULL;
    return hash ^ (hash >> 29);
  }
};

template <typename Key, typename Hash> class DenseIds {
public:
  DenseIds() : slots_(kInitialSlots) {}

  // The id of `key`: the one it was given, or the next one.
  std::uint32_t idOf(const Key& key) {
    std::size_t mask = slots_.size() - 1;
    std::size_t hash = Hash{}(key);
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.id == kEmpty) {
        slot = {key, count_};
        std::uint32_t id = count_++;
        if (count_ * 2 > slots_.size())
          grow();
        return id;
      }
      if (slot.key == key)
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
    std::uint32_t id = kEmpty;
  };

  void grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    std::size_t mask = slots_.size() - 1;
    for (const Slot& slot : old)
      if (slot.id != kEmpty) {
        std::size_t i = Hash{}(slot.key) & mask;
        while (slots_[i].id != kEmpty)
          i = (i + 1) & mask;
        slots_[i] = slot;
      }
  }

  std::vector<Slot> slots_;
  std::uint32_t count_ = 0;
};

using DenseNumberIds = DenseIds<std::int64_t, HashNumber>;
using DenseTextIds = DenseIds<std::string_view, HashText>;

} // namespace slac::eval
