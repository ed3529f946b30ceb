#pragma once

// What compiled kernels counted in the slices of one window, for one
// aggregate over slices: per slice, the counters of the aggregates its
// expressions read (KernelRoute::sliceLeaves), stored densely by slice
// index, only the fields each kind needs, where a map of per-slice scopes
// cost about 200 bytes a slice (docs/evaluation.md, "Memory"). Counts and
// ratios, whose fields are numbers of records, are kept in 8 bits until a
// field of the block would pass 255, then in 32 until one would pass
// 2^31 - 1, then in 64 (a minute rarely sees more than a few records): a
// year of minute slices reading one count is 1.05 MB rather than 4.2 or
// 8.4, memory whose first touch alone cost the evaluating thread a few
// milliseconds a year (docs/performance.md).
//
// Storage is in blocks of slices made on first use, so that a window whose
// data covers a few slices pays for those blocks only.

#include "eval/RecordKernel.h"

#include <bit>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace slac::eval {

class SliceCounters {
public:
  // A condition on one count of each slice (SliceCounterRead, `count(probe
  // where ok) >= quorum`), answered as the slices are written: a run of 64
  // slices is judged as it is added, its fields still in the cache, and
  // judging the window reads two bits a slice instead of fields long
  // evicted by then. Its position is that of the count in `kinds`.
  using CountCondition = SliceCountCondition;
  // Bit i: slice 64 × word + i has its condition set (decided), and true
  // (held).
  struct Verdicts {
    std::uint64_t decided = 0;
    std::uint64_t held = 0;
  };

  // One kind per aggregate the slices read; `slices`: how many the window
  // has; the condition whose verdicts are kept, if any.
  SliceCounters(std::vector<plan::AggregateKind> kinds, std::int64_t slices,
                std::optional<CountCondition> condition = std::nullopt);
  ~SliceCounters();
  SliceCounters(const SliceCounters&) = delete;
  SliceCounters& operator=(const SliceCounters&) = delete;

  // Adds one slice's counters, one FastCounters per aggregate (in the
  // order of `kinds`), and marks the slice as having records.
  void add(std::int64_t slice, const FastCounters* counters);
  // The same for the slices `first` + i whose bit i of `touched` is set
  // (`first` a multiple of 64), slice first + i's counters at
  // counters + i × aggregates(): a kernel's SliceRun.
  void addRun(std::int64_t first, std::uint64_t touched, const FastCounters* counters);
  // The same for a kernel's run counted in 8 bits (SliceRun::fields, the
  // fields of all 64 slices): copied as it is into a word of slices that
  // holds nothing yet in 8 bits, else added slice by slice; judged either
  // way.
  void addRunOf8Bits(std::int64_t first, std::uint64_t touched, const std::uint8_t* fields);
  // Adds everything `other` (of the same aggregates and window) counted.
  void merge(const SliceCounters& other);

  // What counts and ratios read of one aggregate in a slice.
  struct Tally {
    std::int64_t seen = 0;
    std::int64_t count = 0;
    std::int64_t good = 0; // ratios only
  };

  // Whether any record was counted in the slice. Inline, with tally():
  // judging a year of minute slices asks 525,600 times.
  bool touched(std::int64_t slice) const {
    if (slice < 0 || slice >= slices_)
      return false;
    const Block* block = blocks_[blockOf(slice)].get();
    if (!block)
      return false;
    std::size_t offset = offsetOf(slice);
    return (block->touched[offset / 64] >> (offset % 64)) & 1;
  }
  // Bit i: whether slice 64 × word + i was touched.
  std::uint64_t touchedWord(std::int64_t word) const {
    const Block* block = blocks_[blockOf(word * 64)].get();
    return block ? block->touched[offsetOf(word * 64) / 64] : 0;
  }
  // The tally of aggregate `aggregate` (in the order of `kinds`) in a
  // touched slice (zero in an untouched slice of the same block).
  Tally tally(std::int64_t slice, std::size_t aggregate) const {
    std::size_t at = offsetOf(slice) * fieldsPerSlice_ + offsets_[aggregate];
    bool ratio = kinds_[aggregate] == plan::AggregateKind::Ratio;
    return withFields(*blocks_[blockOf(slice)], [&](const auto* fields) -> Tally {
      const auto* field = fields + at;
      return {field[0], field[1], ratio ? field[2] : 0};
    });
  }
  // visit(tally) for each slice 64 × word + i whose bit i of `slices` is
  // set (touched slices), of aggregate `aggregate`: tally() with the
  // block found and its width told once a word, where a slice at a time
  // was most of judging the worst hour of each day of a year.
  template <typename Visit>
  void forEachTally(std::int64_t word, std::size_t aggregate, std::uint64_t slices,
                    Visit&& visit) const {
    if (slices == 0)
      return;
    std::size_t first = offsetOf(word * 64) * fieldsPerSlice_ + offsets_[aggregate];
    bool ratio = kinds_[aggregate] == plan::AggregateKind::Ratio;
    withFields(*blocks_[blockOf(word * 64)], [&](const auto* fields) {
      for (std::uint64_t bits = slices; bits != 0; bits &= bits - 1) {
        const auto* field =
            fields + first + static_cast<std::size_t>(std::countr_zero(bits)) * fieldsPerSlice_;
        visit(Tally{field[0], field[1], ratio ? field[2] : 0});
      }
    });
  }
  // The slice's counters, one per aggregate, as add() took them (without
  // percentile values, which kernels never count in slices).
  void read(std::int64_t slice, FastCounters* counters) const;
  // Drops what the slice counted (it was folded elsewhere).
  void forget(std::int64_t slice);

  const std::optional<CountCondition>& condition() const { return condition_; }
  // The condition's verdicts on slices 64 × word + i (none in a block
  // never made). Only with a condition.
  Verdicts verdicts(std::int64_t word) const {
    const Block* block = blocks_[blockOf(word * 64)].get();
    if (!block)
      return {};
    std::size_t inBlock = offsetOf(word * 64) / 64;
    return {block->decided[inBlock], block->held[inBlock]};
  }

  std::size_t aggregates() const { return kinds_.size(); }
  std::int64_t slices() const { return slices_; }

private:
  // Slices per block: a power of two, so that finding a slice's block
  // and place in it is a shift and a mask (the last block holds only the
  // slices the window has).
  static constexpr std::size_t kBlockSlices = 4096;
  static_assert(kBlockSlices % 64 == 0, "a word of touched bits lies in one block");
  static std::size_t blockOf(std::int64_t slice) {
    return static_cast<std::size_t>(slice) / kBlockSlices;
  }
  static std::size_t offsetOf(std::int64_t slice) {
    return static_cast<std::size_t>(slice) % kBlockSlices;
  }

  struct Block {
    std::vector<std::uint64_t> touched; // a bit per slice
    // Per slice, fieldsPerSlice_ of them, in the narrowest of the three
    // that holds every field (below 64 bits, counts and ratios only); the
    // other two are empty.
    std::vector<std::uint8_t> fields8;
    std::vector<std::int32_t> fields32;
    std::vector<std::int64_t> fields64;
    // With a condition, its verdicts (Verdicts), a bit per slice.
    std::vector<std::uint64_t> decided;
    std::vector<std::uint64_t> held;
  };

  // `visit` called with the block's fields, 8-, 32- or 64-bit, whichever it
  // holds.
  template <typename HeldBlock, typename Visit>
  static auto withFields(HeldBlock& block, Visit&& visit)
      -> decltype(visit(block.fields64.data())) {
    if (!block.fields8.empty())
      return visit(block.fields8.data());
    if (!block.fields32.empty())
      return visit(block.fields32.data());
    return visit(block.fields64.data());
  }

  // The slice's block, made on first use.
  Block& madeBlock(std::int64_t slice);
  // The condition's verdicts on the word of slices that holds the block's
  // slice `offset`, after its fields changed.
  void judgeWord(Block& block, std::size_t offset) const;
  // Adds the counters of the block's slice `offset` to its fields, first
  // turning the block to wider fields if a field would not fit.
  void addFields(Block& block, std::size_t offset, const FastCounters* counters) const;
  // Turns the block's 8-bit fields to 32 bits, or its 32-bit ones to 64.
  static void widen(Block& block);
  // Adds `counters` to a slice's fields at `field` unless one would not
  // fit their width (64-bit fields take any): whether it did.
  template <typename Field>
  [[gnu::always_inline]] inline bool addedIfFits(Field* field, const FastCounters* counters) const;
  template <typename Field>
  [[gnu::always_inline]] inline void addFieldsTo(Field* field, const FastCounters* counters) const;
  // Whether adding `counters` to a slice's fields of a count or ratio keeps
  // each within its type.
  template <typename Field>
  [[gnu::always_inline]] inline bool fits(const Field* field, const FastCounters* counters) const;
  template <typename Field> void readFields(const Field* field, FastCounters* counters) const;
  // The condition's verdicts on the block's word of slices `word`.
  template <typename Field>
  void judgeFields(const Field* fields, std::uint64_t touched, Verdicts& verdicts) const;

  std::vector<plan::AggregateKind> kinds_;
  std::int64_t slices_;
  std::optional<CountCondition> condition_;
  std::size_t fieldsPerSlice_ = 0;
  std::vector<std::size_t> offsets_; // of each aggregate's fields in a slice's
  bool narrowable_ = true;           // counts and ratios only
  std::vector<std::unique_ptr<Block>> blocks_;
};

} // namespace slac::eval
