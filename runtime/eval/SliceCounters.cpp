#include "eval/SliceCounters.h"

#include <algorithm>
#include <bit>
#include <climits>
#include <limits>
#include <type_traits>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace slac::eval {

namespace {

__extension__ using UInt128 = unsigned __int128;

// A 128-bit sum kept as two 64-bit fields, low word first.
plan::Int128 joined(const std::int64_t* words) {
  return static_cast<plan::Int128>(
      (static_cast<UInt128>(static_cast<std::uint64_t>(words[1])) << 64) |
      static_cast<std::uint64_t>(words[0]));
}

void split(plan::Int128 value, std::int64_t* words) {
  auto bits = static_cast<UInt128>(value);
  words[0] = static_cast<std::int64_t>(static_cast<std::uint64_t>(bits));
  words[1] = static_cast<std::int64_t>(static_cast<std::uint64_t>(bits >> 64));
}

// The fields of FastCounters each kind folds (Evaluator's foldLeaf), in
// storage order: seen and count, then what the kind adds.
std::size_t fieldsOf(plan::AggregateKind kind) {
  switch (kind) {
  case plan::AggregateKind::Count:
  case plan::AggregateKind::Ratio:
    return sliceFieldsOf(kind); // seen, count (population members), good
  case plan::AggregateKind::Sum:
  case plan::AggregateKind::Mean:
    return 5; // seen, count, valueCount, sum (low and high words)
  case plan::AggregateKind::Min:
  case plan::AggregateKind::Max:
    return 4; // seen, count, valueCount, the extreme
  default:
    return 2; // seen, count
  }
}

#if defined(__SSE2__)
// The verdicts of `condition` on a kernel's run of 64 slices counted in 8
// bits with two fields a slice, the condition's count (seen, count): bit i
// decided where slice i saw records, held where its count satisfies the
// condition too. Sixteen slices at a time: a year of minute slices asks
// 8,213 times, and slice by slice (judgeWord) the verdicts cost three
// times what the kernel saved by leaving them to the core.
SliceCounters::Verdicts judgedPairs(const std::uint8_t* fields,
                                    const SliceCountCondition& condition) {
  SliceCounters::Verdicts verdicts;
  // Every comparison as `count >= bound` or `count == bound`, negated or
  // not, on counts of 0 to 255: constants beyond them answer as -1 or 256
  // do, and stay clear of overflow.
  std::int64_t bound = std::clamp<std::int64_t>(condition.constant, -1, 256);
  bool equality = false, negated = false;
  switch (condition.comparison) {
  case plan::Comparison::Ge:
    break;
  case plan::Comparison::Gt:
    bound += 1;
    break;
  case plan::Comparison::Lt:
    negated = true;
    break;
  case plan::Comparison::Le:
    bound += 1;
    negated = true;
    break;
  case plan::Comparison::Eq:
    equality = true;
    break;
  default:
    equality = true;
    negated = true;
    break;
  }
  const bool inRange = bound >= 0 && bound <= 255;
  const __m128i boundBytes = _mm_set1_epi8(static_cast<char>(inRange ? bound : 0));
  const __m128i lowBytes = _mm_set1_epi16(0x00FF);
  for (int sixteen = 0; sixteen < 4; ++sixteen) {
    const auto* at = reinterpret_cast<const __m128i*>(fields + 32 * sixteen);
    __m128i first = _mm_loadu_si128(at), second = _mm_loadu_si128(at + 1);
    __m128i seen =
        _mm_packus_epi16(_mm_and_si128(first, lowBytes), _mm_and_si128(second, lowBytes));
    __m128i count = _mm_packus_epi16(_mm_srli_epi16(first, 8), _mm_srli_epi16(second, 8));
    auto decided = static_cast<std::uint64_t>(
        ~_mm_movemask_epi8(_mm_cmpeq_epi8(seen, _mm_setzero_si128())) & 0xFFFF);
    std::uint64_t holds = 0;
    if (equality)
      holds = inRange
                  ? static_cast<std::uint64_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(count, boundBytes)))
                  : 0;
    else if (bound <= 0)
      holds = 0xFFFF;
    else if (bound <= 255)
      holds = static_cast<std::uint64_t>(
          _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(count, boundBytes), count)));
    if (negated)
      holds = ~holds & 0xFFFF;
    verdicts.decided |= decided << (16 * sixteen);
    verdicts.held |= (decided & holds) << (16 * sixteen);
  }
  return verdicts;
}
#endif

} // namespace

SliceCounters::SliceCounters(std::vector<plan::AggregateKind> kinds, std::int64_t slices,
                             std::optional<CountCondition> condition)
    : kinds_(std::move(kinds)), slices_(slices), condition_(condition) {
  for (plan::AggregateKind kind : kinds_) {
    offsets_.push_back(fieldsPerSlice_);
    fieldsPerSlice_ += slac::eval::fieldsOf(kind);
    narrowable_ =
        narrowable_ && (kind == plan::AggregateKind::Count || kind == plan::AggregateKind::Ratio);
  }
  blocks_.resize((static_cast<std::size_t>(slices_) + kBlockSlices - 1) / kBlockSlices);
}

SliceCounters::~SliceCounters() = default;

SliceCounters::Block& SliceCounters::madeBlock(std::int64_t slice) {
  std::unique_ptr<Block>& block = blocks_[blockOf(slice)];
  if (!block) {
    std::size_t held =
        std::min(kBlockSlices, static_cast<std::size_t>(slices_) - blockOf(slice) * kBlockSlices);
    block = std::make_unique<Block>();
    block->touched.resize((held + 63) / 64);
    if (narrowable_)
      block->fields8.resize(held * fieldsPerSlice_);
    else
      block->fields64.resize(held * fieldsPerSlice_);
    if (condition_) {
      block->decided.resize(block->touched.size());
      block->held.resize(block->touched.size());
    }
  }
  return *block;
}

void SliceCounters::add(std::int64_t slice, const FastCounters* counters) {
  Block& block = madeBlock(slice);
  std::size_t offset = offsetOf(slice);
  block.touched[offset / 64] |= std::uint64_t{1} << (offset % 64);
  addFields(block, offset, counters);
  judgeWord(block, offset);
}

void SliceCounters::addRun(std::int64_t first, std::uint64_t touched,
                           const FastCounters* counters) {
  if (touched == 0)
    return;
  Block& block = madeBlock(first);
  std::size_t offset = offsetOf(first);
  block.touched[offset / 64] |= touched;
  // The fields' width found once for the run, not once a slice; at a slice
  // whose counters do not fit, the block turns wider and the run goes on
  // from that slice.
  auto addEach = [&](auto* fields) {
    for (; touched != 0; touched &= touched - 1) {
      auto slice = static_cast<std::size_t>(std::countr_zero(touched));
      if (!addedIfFits(fields + (offset + slice) * fieldsPerSlice_,
                       counters + slice * kinds_.size()))
        return false;
    }
    return true;
  };
  while (!withFields(block, addEach))
    widen(block);
  judgeWord(block, offset);
}

void SliceCounters::addRunOf8Bits(std::int64_t first, std::uint64_t touched,
                                  const std::uint8_t* fields) {
  if (touched == 0)
    return;
  Block& block = madeBlock(first);
  std::size_t offset = offsetOf(first);
  std::uint64_t& word = block.touched[offset / 64];
  if (word == 0 && !block.fields8.empty()) {
    // Slices the run has not touched are zero in both; the block's last
    // word may hold fewer than 64 slices.
    std::size_t slices =
        std::min<std::size_t>(SliceRun::kSlices, block.fields8.size() / fieldsPerSlice_ - offset);
    std::copy_n(fields, slices * fieldsPerSlice_,
                block.fields8.begin() + static_cast<std::ptrdiff_t>(offset * fieldsPerSlice_));
    word = touched;
#if defined(__SSE2__)
    if (condition_ && fieldsPerSlice_ == 2) {
      // One count, the condition's: judged in the run, all 64 slices of it.
      Verdicts verdicts = judgedPairs(fields, *condition_);
      block.decided[offset / 64] = verdicts.decided & touched;
      block.held[offset / 64] = verdicts.held & touched;
      return;
    }
#endif
    judgeWord(block, offset);
    return;
  }
  // Rare: the word was written before (records out of time order, another
  // state merged, a record the interpreter took) or the block is wider.
  std::vector<FastCounters> counters(SliceRun::kSlices * kinds_.size());
  for (std::uint64_t bits = touched; bits != 0; bits &= bits - 1) {
    auto slice = static_cast<std::size_t>(std::countr_zero(bits));
    readFields(fields + slice * fieldsPerSlice_, counters.data() + slice * kinds_.size());
  }
  addRun(first, touched, counters.data());
}

void SliceCounters::widen(Block& block) {
  if (!block.fields8.empty()) {
    block.fields32.assign(block.fields8.begin(), block.fields8.end());
    block.fields8 = {};
  } else {
    block.fields64.assign(block.fields32.begin(), block.fields32.end());
    block.fields32 = {};
  }
}

void SliceCounters::judgeWord(Block& block, std::size_t offset) const {
  if (!condition_)
    return;
  std::size_t word = offset / 64;
  std::size_t first = word * 64 * fieldsPerSlice_ + offsets_[condition_->position];
  Verdicts verdicts;
  withFields(block, [&](const auto* fields) {
    judgeFields(fields + first, block.touched[word], verdicts);
  });
  block.decided[word] = verdicts.decided;
  block.held[word] = verdicts.held;
}

template <typename Field>
void SliceCounters::judgeFields(const Field* fields, std::uint64_t touched,
                                Verdicts& verdicts) const {
  for (std::uint64_t bits = touched; bits != 0; bits &= bits - 1) {
    int i = std::countr_zero(bits);
    const Field* field = fields + static_cast<std::size_t>(i) * fieldsPerSlice_;
    std::optional<bool> holds = condition_->holds(field[0], field[1]);
    std::uint64_t bit = std::uint64_t{1} << i;
    verdicts.decided |= holds ? bit : 0;
    verdicts.held |= holds.value_or(false) ? bit : 0;
  }
}

void SliceCounters::addFields(Block& block, std::size_t offset,
                              const FastCounters* counters) const {
  std::size_t at = offset * fieldsPerSlice_;
  while (!withFields(block, [&](auto* fields) { return addedIfFits(fields + at, counters); }))
    widen(block);
}

template <typename Field>
bool SliceCounters::addedIfFits(Field* field, const FastCounters* counters) const {
  if constexpr (!std::is_same_v<Field, std::int64_t>)
    if (!fits(field, counters))
      return false;
  addFieldsTo(field, counters);
  return true;
}

template <typename Field>
bool SliceCounters::fits(const Field* field, const FastCounters* counters) const {
  auto fitsField = [](Field held, std::int64_t added) {
    return added >= 0 && added <= std::int64_t{std::numeric_limits<Field>::max()} - held;
  };
  for (std::size_t i = 0; i < kinds_.size(); ++i) {
    const FastCounters& from = counters[i];
    const Field* own = field + offsets_[i];
    if (!fitsField(own[0], from.seen) || !fitsField(own[1], from.count))
      return false;
    if (kinds_[i] == plan::AggregateKind::Ratio && !fitsField(own[2], from.good))
      return false;
  }
  return true;
}

template <typename Field>
void SliceCounters::addFieldsTo(Field* field, const FastCounters* counters) const {
  for (std::size_t i = 0; i < kinds_.size(); ++i) {
    const FastCounters& from = counters[i];
    *field++ += static_cast<Field>(from.seen);
    *field++ += static_cast<Field>(from.count);
    if (kinds_[i] == plan::AggregateKind::Ratio) {
      *field++ += static_cast<Field>(from.good);
      continue;
    }
    // Only counts and ratios are held in fewer than 64 bits.
    if constexpr (std::is_same_v<Field, std::int64_t>) {
      switch (kinds_[i]) {
      case plan::AggregateKind::Sum:
      case plan::AggregateKind::Mean: {
        *field++ += from.valueCount;
        split(joined(field) + from.sum, field);
        field += 2;
        break;
      }
      case plan::AggregateKind::Min:
      case plan::AggregateKind::Max: {
        std::int64_t& values = field[0];
        std::int64_t& extreme = field[1];
        std::int64_t added = kinds_[i] == plan::AggregateKind::Min ? from.minimum : from.maximum;
        if (from.valueCount > 0)
          extreme = values == 0                             ? added
                    : kinds_[i] == plan::AggregateKind::Min ? std::min(extreme, added)
                                                            : std::max(extreme, added);
        values += from.valueCount;
        field += 2;
        break;
      }
      default:
        break;
      }
    }
  }
}

void SliceCounters::read(std::int64_t slice, FastCounters* counters) const {
  const Block* block = blocks_[blockOf(slice)].get();
  if (!block) {
    std::fill_n(counters, kinds_.size(), FastCounters{});
    return;
  }
  std::size_t at = offsetOf(slice) * fieldsPerSlice_;
  withFields(*block, [&](const auto* fields) { readFields(fields + at, counters); });
}

template <typename Field>
void SliceCounters::readFields(const Field* field, FastCounters* counters) const {
  for (std::size_t i = 0; i < kinds_.size(); ++i) {
    FastCounters& to = counters[i];
    to = FastCounters{};
    to.seen = *field++;
    to.count = *field++;
    switch (kinds_[i]) {
    case plan::AggregateKind::Ratio:
      to.good = *field++;
      break;
    case plan::AggregateKind::Sum:
    case plan::AggregateKind::Mean:
      if constexpr (std::is_same_v<Field, std::int64_t>) {
        to.valueCount = *field++;
        to.sum = joined(field);
        field += 2;
      }
      break;
    case plan::AggregateKind::Min:
      to.valueCount = *field++;
      to.minimum = to.valueCount == 0 ? INT64_MAX : *field;
      ++field;
      break;
    case plan::AggregateKind::Max:
      to.valueCount = *field++;
      to.maximum = to.valueCount == 0 ? INT64_MIN : *field;
      ++field;
      break;
    default:
      break;
    }
  }
}

void SliceCounters::merge(const SliceCounters& other) {
  // A run of 64 at a time, so that each word of slices is judged once.
  std::vector<FastCounters> counters(kinds_.size() * SliceRun::kSlices);
  for (std::int64_t first = 0; first < other.slices_; first += SliceRun::kSlices) {
    std::uint64_t touched = other.touchedWord(first / SliceRun::kSlices);
    for (std::uint64_t bits = touched; bits != 0; bits &= bits - 1) {
      int slice = std::countr_zero(bits);
      other.read(first + slice, counters.data() + static_cast<std::size_t>(slice) * kinds_.size());
    }
    addRun(first, touched, counters.data());
  }
}

void SliceCounters::forget(std::int64_t slice) {
  if (!touched(slice))
    return;
  std::unique_ptr<Block>& block = blocks_[blockOf(slice)];
  std::size_t offset = offsetOf(slice);
  block->touched[offset / 64] &= ~(std::uint64_t{1} << (offset % 64));
  withFields(*block, [&](auto* fields) {
    std::fill_n(fields + offset * fieldsPerSlice_, fieldsPerSlice_, 0);
  });
  judgeWord(*block, offset);
}

} // namespace slac::eval
