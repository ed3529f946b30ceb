#include "jit/KernelCodegen.h"

#include "calendar/Calendar.h"
#include "jit/CalendarCalls.h"
#include "jit/PreservingHelpers.h"

#include <algorithm>
#include <cstddef>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <llvm/IR/Constants.h>
#include <llvm/IR/GlobalVariable.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/LLVMContext.h>
#include <llvm/IR/MDBuilder.h>
#include <llvm/IR/Module.h>
#include <map>
#include <optional>
#include <string_view>

namespace slac::jit {

namespace {

using plan::ExprKind;
using plan::TypeKind;

// Types whose values are whole numbers of their unit in the batch and in
// the kernel: the kernel's arithmetic on them is the interpreter's, as long
// as no 64-bit operation overflows (which hands the record back).
bool isWhole(const plan::Type& type) {
  switch (type.kind) {
  case TypeKind::Bool:
  case TypeKind::Int:
  case TypeKind::Percent: // millionths
  case TypeKind::Money:   // millionths of its currency
  case TypeKind::Duration:
  case TypeKind::BusinessDays:
  case TypeKind::Time:
  case TypeKind::Date:
  case TypeKind::Enum:
    return true;
  default:
    return false;
  }
}

// A percent or money constant in millionths, when it has at most six
// decimals.
std::optional<std::int64_t> millionths(const plan::Decimal& decimal) {
  if (decimal.scale > 6)
    return std::nullopt;
  std::int64_t result = decimal.units;
  for (int digit = decimal.scale; digit < 6; ++digit)
    if (__builtin_mul_overflow(result, 10, &result))
      return std::nullopt;
  return result;
}

// Why the kernel cannot compute `expr` as the interpreter does, if so.
std::optional<std::string> whyNot(const plan::Expr& expr) {
  if (expr.kind == ExprKind::PausedTime)
    return "clock pauses read from another stream";
  for (const plan::Expr* operand : expr.operands)
    if (auto reason = whyNot(*operand))
      return reason;
  switch (expr.kind) {
  case ExprKind::Constant:
    if (expr.type.is(TypeKind::Calendar))
      return std::nullopt;
    if ((expr.type.is(TypeKind::Percent) || expr.type.is(TypeKind::Money)) &&
        (!std::holds_alternative<plan::Decimal>(expr.value) ||
         !millionths(std::get<plan::Decimal>(expr.value))))
      return fmt::format("{} constant with more than 6 decimals",
                         expr.type.is(TypeKind::Money) ? "a money" : "a percent");
    break;
  case ExprKind::Aggregate:
    return "an aggregate in a record expression";
  case ExprKind::ToNumber:
  case ExprKind::Div:
    return "decimal arithmetic";
  case ExprKind::Elapsed:
  case ExprKind::Deadline:
  case ExprKind::InCalendar:
  case ExprKind::ScaleBusinessDays:
    if (expr.operands.back()->type.is(TypeKind::Calendar) &&
        expr.operands.back()->kind != ExprKind::Constant)
      return "a calendar chosen per record";
    break;
  default:
    break;
  }
  if (!isWhole(expr.type))
    return fmt::format("a value of type {}", plan::typeSpelling(expr.type));
  for (const plan::Expr* operand : expr.operands)
    if (!isWhole(operand->type) && !operand->type.is(TypeKind::Calendar))
      return fmt::format("a value of type {}", plan::typeSpelling(operand->type));
  return std::nullopt;
}

// Why the kernel of `stream` does not count `route` itself, if so (the
// interpreter's routing then counts the records the kernel decides).
std::optional<std::string> whyNotRoute(const plan::Program& program, std::uint32_t stream,
                                       const eval::KernelRoute& route) {
  const plan::Objective& objective =
      program.agreements[route.agreement].objectives[route.objective];
  if (!objective.period.unit)
    return fmt::format("objective `{}` is over a rolling window", objective.name);
  if (route.grouped && !eval::kernelGroupsRoute(program.streams[stream], route))
    return fmt::format("objective `{}` groups by a decimal", objective.name);
  auto approximate = [&](std::uint32_t leaf) {
    const plan::Aggregate& aggregate = program.aggregates[leaf];
    return aggregate.stream == stream && aggregate.kind == plan::AggregateKind::Percentile &&
           aggregate.approx;
  };
  for (std::size_t position = 0; position < route.leaves.size(); ++position) {
    if (approximate(route.leaves[position]))
      return fmt::format("objective `{}` reads an approximate percentile", objective.name);
    // Slices keep counters; a percentile's values per slice stay the
    // interpreter's.
    for (std::uint32_t inner : route.sliceLeaves[position])
      if (program.aggregates[inner].kind == plan::AggregateKind::Percentile ||
          program.aggregates[inner].stream == plan::kNoSlot)
        return fmt::format("objective `{}` reads a percentile in slices", objective.name);
  }
  return std::nullopt;
}

// A constant of a whole type (not a calendar) as the kernel holds it: an
// integer in the unit of its type.
std::int64_t wholeConstant(const plan::Expr& constant) {
  if (const auto* boolean = std::get_if<bool>(&constant.value))
    return *boolean ? 1 : 0;
  if (const auto* integer = std::get_if<std::int64_t>(&constant.value))
    return *integer;
  return *millionths(std::get<plan::Decimal>(constant.value));
}

// A constant a match arm's code can take from the subject: any but a
// calendar, which decides the code (its tables and answers).
bool choosable(const plan::Expr& expr) {
  return expr.kind == ExprKind::Constant && !expr.type.is(TypeKind::Calendar);
}

// Whether `a` and `b` compute the same thing but for choosable constants
// of the same types.
bool sameShape(const plan::Expr& a, const plan::Expr& b) {
  if (a.kind != b.kind || a.type != b.type || a.slot != b.slot ||
      a.operands.size() != b.operands.size())
    return false;
  if (a.kind == ExprKind::Constant && !choosable(a) && a.value != b.value)
    return false;
  for (std::size_t i = 0; i < a.operands.size(); ++i)
    if (!sameShape(*a.operands[i], *b.operands[i]))
      return false;
  return true;
}

// The choosable constants of `expr`, in the order sameShape meets them.
void collectConstants(const plan::Expr& expr, std::vector<const plan::Expr*>& constants) {
  if (choosable(expr))
    constants.push_back(&expr);
  for (const plan::Expr* operand : expr.operands)
    collectConstants(*operand, constants);
}

// A record value in the kernel: the interpreter's Value, for whole types.
struct Computed {
  llvm::Value* value; // i64
  llvm::Value* set;   // i1
};

class StreamKernel {
public:
  StreamKernel(const eval::KernelRequest& request, std::uint32_t stream, llvm::Module& module)
      : program_(*request.program), calendars_(request.calendars), streamIndex_(stream),
        stream_(program_.streams[stream]), routes_(request.routes[stream]), module_(module),
        context_(module.getContext()), builder_(context_), i1_(builder_.getInt1Ty()),
        i8_(builder_.getInt8Ty()), i32_(builder_.getInt32Ty()), i64_(builder_.getInt64Ty()),
        i128_(builder_.getInt128Ty()), ptr_(builder_.getPtrTy()) {}

  // Why not, or nothing when the stream can be compiled.
  std::optional<std::string> check() const {
    // Its records belong to every window they overlap, which is known only
    // at the evaluation instant; the interpreter routes them then.
    if (stream_.isInterval())
      return std::string("an interval stream");
    // Its records are also status changes, kept for the clocks they pause.
    if (program_.holdsPauses(streamIndex_))
      return std::string("its records pause the clocks of another stream");
    for (const plan::Let& let : stream_.lets)
      if (auto reason = whyNot(*let.value))
        return fmt::format("let `{}`: {}", let.name, *reason);
    for (std::uint32_t index = 0; index < program_.aggregates.size(); ++index) {
      const plan::Aggregate& aggregate = program_.aggregates[index];
      if (aggregate.stream != streamIndex_)
        continue;
      for (const plan::Expr* expr : {aggregate.population, aggregate.filter, aggregate.value})
        if (expr)
          if (auto reason = whyNot(*expr))
            return fmt::format("{}: {}", plan::aggregateKindName(aggregate.kind), *reason);
    }
    return std::nullopt;
  }

  // The routes the interpreter counts, and why.
  std::vector<std::string> interpretedRoutes() const {
    std::vector<std::string> reasons;
    for (const eval::KernelRoute& route : routes_)
      if (auto reason = whyNotRoute(program_, streamIndex_, route))
        reasons.push_back(*reason);
    return reasons;
  }

  void generate(const std::string& name) {
    findJudgedRatios();
    auto* type = llvm::FunctionType::get(builder_.getVoidTy(), {ptr_}, false);
    function_ = llvm::Function::Create(type, llvm::Function::ExternalLinkage, name, module_);
    frame_ = function_->getArg(0);
    auto* entry = block("entry");
    auto* loop = block("loop");
    auto* body = block("body");
    auto* known = block("known");
    auto* slow = block("slow");
    auto* next = block("next");
    auto* exit = block("exit");

    builder_.SetInsertPoint(entry);
    afterAt_ = builder_.CreateAlloca(i64_);
    latest_ = builder_.CreateAlloca(i64_);
    builder_.CreateStore(builder_.getInt64(0), afterAt_);
    builder_.CreateStore(builder_.getInt64(INT64_MIN), latest_);
    values_ = frameField(offsetof(eval::KernelFrame, values), ptr_);
    present_ = frameField(offsetof(eval::KernelFrame, present), ptr_);
    auto* rows = frameField(offsetof(eval::KernelFrame, rows), i64_);
    knownUntil_ = frameField(offsetof(eval::KernelFrame, knownUntil), i64_);
    optionalTimesUntil_ = frameField(offsetof(eval::KernelFrame, optionalTimesUntil), i64_);
    firstEvent_ = frameField(offsetof(eval::KernelFrame, firstEvent), ptr_);
    lastEvent_ = frameField(offsetof(eval::KernelFrame, lastEvent), ptr_);
    routeCaches_ = frameField(offsetof(eval::KernelFrame, routes), ptr_);
    auto* groupKeys = frameField(offsetof(eval::KernelFrame, groupKeys), ptr_);
    auto* groupOfKey = frameField(offsetof(eval::KernelFrame, groupOfKey), ptr_);
    auto* groupCaches = frameField(offsetof(eval::KernelFrame, groupCaches), ptr_);
    host_ = frameField(offsetof(eval::KernelFrame, host), ptr_);
    calendarTable_ = frameField(offsetof(eval::KernelFrame, calendars), ptr_);
    batch_ = frameField(offsetof(eval::KernelFrame, batch), ptr_);
    for (std::size_t column = 0; column < stream_.fields.size(); ++column) {
      columnValues_.push_back(loadAt(values_, column, ptr_));
      columnPresent_.push_back(stream_.fields[column].type.optional ? loadAt(present_, column, ptr_)
                                                                    : nullptr);
    }
    // Kept in registers through the loop, written back at the end: the
    // stores to counters could alias them as far as LLVM knows. The first
    // starts from the core's, which the hot range begins at
    // (updateHotRange); the last is the call's own (KernelFrame).
    for (const eval::KernelRoute& route : routes_)
      if (!agreementEvents_.count(route.agreement)) {
        auto* first = builder_.CreateAlloca(i64_);
        auto* last = builder_.CreateAlloca(i64_);
        builder_.CreateStore(builder_.CreateLoad(i64_, element(i64_, firstEvent_,
                                                               builder_.getInt64(route.agreement))),
                             first);
        builder_.CreateStore(builder_.getInt64(INT64_MIN), last);
        agreementEvents_[route.agreement] = {first, last};
      }
    for (std::uint32_t r = 0; r < routes_.size(); ++r) {
      RouteLocals locals;
      if (routes_[r].grouped) {
        locals.groupKeys = loadAt(groupKeys, r, ptr_);
        locals.groupOfKey = loadAt(groupOfKey, r, ptr_);
        locals.groupCaches = loadAt(groupCaches, r, ptr_);
      } else {
        auto* cache = at(routeCaches_, r * sizeof(eval::RouteCache));
        locals.start = at(cache, offsetof(eval::RouteCache, start));
        locals.end = at(cache, offsetof(eval::RouteCache, end));
        locals.counters = at(cache, offsetof(eval::RouteCache, counters));
      }
      routeLocals_.push_back(locals);
      windowLeaders_.push_back(windowLeaderOf(r));
      if (!routes_[r].grouped && !whyNotRoute(program_, streamIndex_, routes_[r]))
        for (std::uint32_t leaf = 0; leaf < routes_[r].leaves.size(); ++leaf) {
          const plan::Aggregate& aggregate = program_.aggregates[routes_[r].leaves[leaf]];
          if (aggregate.stream != streamIndex_ || aggregate.kind == plan::AggregateKind::Percentile)
            continue;
          auto* pending = countersOnTheStack(1, "pending");
          clearCounters(pending);
          pending_[{r, leaf}] = pending;
          if (!fed_.count(r)) {
            fed_[r] = builder_.CreateAlloca(i64_, nullptr, "fed");
            builder_.CreateStore(builder_.getInt64(0), fed_[r]);
          }
        }
      for (std::uint32_t leaf = 0; leaf < routes_[r].leaves.size(); ++leaf)
        if (program_.aggregates[routes_[r].leaves[leaf]].stream == plan::kNoSlot) {
          SliceLocals slice{builder_.CreateAlloca(i64_), builder_.CreateAlloca(i64_),
                            builder_.CreateAlloca(ptr_), builder_.CreateAlloca(ptr_)};
          builder_.CreateStore(builder_.getInt64(0), slice.start);
          builder_.CreateStore(builder_.getInt64(0), slice.end);
          auto* none = llvm::ConstantPointerNull::get(llvm::PointerType::get(context_, 0));
          builder_.CreateStore(none, slice.run);
          builder_.CreateStore(none, slice.counters);
          if (!routes_[r].grouped) {
            std::size_t entries = routes_[r].sliceLeaves[leaf].size();
            slice.pendingSlice = builder_.CreateAlloca(i64_);
            builder_.CreateStore(builder_.getInt64(kNoPendingSlice), slice.pendingSlice);
            slice.pending = slicePendingCounters(entries, "slice_pending");
          }
          sliceLocals_[{r, leaf}] = slice;
        }
    }
    pendingInPlace_ = registersOfPendingCounts() > kPendingRegisters;
    // Beside many other counts, the slices' counts kept apart stay in
    // memory, where their flushes are given them. (Windows counted in
    // place keep only the records each route was fed in registers.)
    if ((pendingInPlace_ ? fed_.size() : registersOfPendingCounts()) +
            registersOfSlicePendingCounts() <=
        kPendingRegisters)
      for (auto& [key, locals] : sliceLocals_)
        if (locals.pending)
          locals.handoff = slicePendingCounters(routes_[key.first].sliceLeaves[key.second].size(),
                                                "slice_handoff");
    if (hasHotRange()) {
      hotRange_ = HotRange{builder_.CreateAlloca(i64_), builder_.CreateAlloca(i64_)};
      for (const auto& [key, locals] : sliceLocals_)
        if (locals.pending)
          steppingWidth_ = std::min(steppingWidth_.value_or(INT64_MAX), sliceWidth(key));
      updateHotRange();
      hotRangeStale_ = builder_.CreateAlloca(i1_);
      builder_.CreateStore(builder_.getFalse(), hotRangeStale_);
      hotRecords_ = builder_.CreateAlloca(i64_);
      builder_.CreateStore(builder_.getInt64(0), hotRecords_);
    }
    builder_.CreateBr(loop);

    builder_.SetInsertPoint(loop);
    row_ = builder_.CreatePHI(i64_, 2);
    row_->addIncoming(builder_.getInt64(0), entry);
    builder_.CreateCondBr(builder_.CreateICmpULT(row_, rows), body, exit);

    builder_.SetInsertPoint(body);
    eventTime_ = field(stream_.eventTime).value;
    auto* checkAt = block("check_at");
    if (hotRange_) {
      // In the hot range the record is known at `at`, in the effective
      // period and in its route's window: one unsigned comparison.
      auto* hot = block("hot");
      llvm::Value* offset =
          builder_.CreateSub(eventTime_, builder_.CreateLoad(i64_, hotRange_->start));
      builder_.CreateCondBr(
          builder_.CreateICmpULT(offset, builder_.CreateLoad(i64_, hotRange_->length)), hot,
          checkAt, usually());
      builder_.SetInsertPoint(hot);
      emitRecord(true, slow, next);
    } else {
      builder_.CreateBr(checkAt);
    }

    // Not yet known at `at`: counted apart, nothing else.
    builder_.SetInsertPoint(checkAt);
    flushHotRecords();
    auto* countAfterAt = block("after_at");
    builder_.CreateCondBr(builder_.CreateICmpSGT(eventTime_, knownUntil_), countAfterAt, known,
                          rarely());
    builder_.SetInsertPoint(countAfterAt);
    builder_.CreateStore(
        builder_.CreateAdd(builder_.CreateLoad(i64_, afterAt_), builder_.getInt64(1)), afterAt_);
    builder_.CreateBr(next);

    builder_.SetInsertPoint(known);
    emitRecord(false, slow, next);

    builder_.SetInsertPoint(slow);
    call(helper("slac_kernel_slow_record", builder_.getVoidTy(), {ptr_, ptr_, i64_}),
         {host_, batch_, row_});
    builder_.CreateBr(next);

    builder_.SetInsertPoint(next);
    auto* following = builder_.CreateAdd(row_, builder_.getInt64(1));
    row_->addIncoming(following, next);
    builder_.CreateBr(loop);

    builder_.SetInsertPoint(exit);
    flushPending();
    for (const auto& [agreement, events] : agreementEvents_) {
      auto* first = element(i64_, firstEvent_, builder_.getInt64(agreement));
      builder_.CreateStore(
          minimum(builder_.CreateLoad(i64_, first), builder_.CreateLoad(i64_, events.first)),
          first);
      auto* last = element(i64_, lastEvent_, builder_.getInt64(agreement));
      builder_.CreateStore(
          maximum(builder_.CreateLoad(i64_, last), builder_.CreateLoad(i64_, events.second)), last);
    }
    storeFrameField(offsetof(eval::KernelFrame, afterAt), builder_.CreateLoad(i64_, afterAt_));
    storeFrameField(offsetof(eval::KernelFrame, latestEvent), builder_.CreateLoad(i64_, latest_));
    builder_.CreateRetVoid();
  }

private:
  // How feedCounters counts a record: every field; in a slice's pending
  // counts, a record of the hot range, whose `seen` (and `count` where
  // countsEveryRecord) flushHotRecords adds; in a route's pending counts,
  // without the fields its route counts once for all (countsOncePerRecord).
  enum class Counting { EveryField, HotRecord, FedByRoute };
  // A calendar's position kept for an operand of elapsed or deadline: a
  // field or let by slot, anything else by expression (openBefore).
  struct PositionKey {
    const eval::KernelCalendar* calendar;
    ExprKind kind;
    std::uint32_t slot;
    const plan::Expr* expr;
    auto operator<=>(const PositionKey&) const = default;
  };
  // A field or a let of the record (by kind and slot).
  struct RecordValue {
    ExprKind kind;
    std::uint32_t slot;
    auto operator<=>(const RecordValue&) const = default;
  };
  // A shape of match arms whose code is being emitted: its arms (sorted),
  // the subject that chose them, the field or let it is (if it is one), and
  // whether the arms' constants differ (emitShape chooses them by the
  // subject).
  struct ArmsTaken {
    std::optional<RecordValue> chosenBy;
    std::vector<std::size_t> arms;
    llvm::Value* subject;
    bool constantsVary;
  };

  // The record's lets, outcomes and routes, to `slow` when the interpreter
  // must take it, else counted and on to `next`. In the hot range (`hot`)
  // the record is known to lie in every route's effective period and
  // window.
  void emitRecord(bool hot, llvm::BasicBlock* slow, llvm::BasicBlock* next) {
    hot_ = hot;
    slow_ = slow;
    lets_.clear();
    openAtEvent_.clear();
    knownPositions_.clear();
    members_.clear();
    judgedConditions_.clear();
    llvm::Value* covered = routes_.empty() ? builder_.getTrue() : builder_.getFalse();
    std::vector<llvm::Value*> inside;
    for (const eval::KernelRoute& route : routes_) {
      inside.push_back(
          hot ? builder_.getTrue()
              : builder_.CreateAnd(
                    builder_.CreateICmpSGE(eventTime_, builder_.getInt64(route.effectiveStart)),
                    builder_.CreateICmpSLT(eventTime_, builder_.getInt64(route.effectiveEnd))));
      covered = builder_.CreateOr(covered, inside.back());
    }
    failWhen(builder_.CreateNot(covered), {});
    for (const plan::Let& let : stream_.lets)
      lets_.push_back(emit(*let.value));
    std::vector<std::pair<Computed, Computed>> outcomes(program_.aggregates.size());
    std::vector<std::pair<std::uint32_t, llvm::Value*>> unsetConditions;
    for (std::uint32_t index = 0; index < program_.aggregates.size(); ++index) {
      const plan::Aggregate& aggregate = program_.aggregates[index];
      if (aggregate.stream != streamIndex_)
        continue;
      if (aggregate.population) {
        // Membership is decided by the kernel, or the record is the
        // interpreter's.
        Computed member = emit(*aggregate.population);
        failWhen(builder_.CreateNot(member.set), {});
        members_[index] = truth(member.value);
      }
      Computed condition{builder_.getInt64(1), builder_.getTrue()};
      if (aggregate.filter) {
        condition = emit(*aggregate.filter);
        // An undecided condition is judged at `at` (judgeUnsetConditions),
        // or the interpreter's to keep.
        if (!judgedBits_.count(index) || llvm::isa<llvm::Constant>(condition.set)) {
          failWhen(builder_.CreateNot(condition.set), {});
        } else {
          unsetConditions.emplace_back(index, builder_.CreateNot(condition.set));
          condition.value = boolean(builder_.CreateAnd(truth(condition.value), condition.set));
        }
      }
      Computed value{builder_.getInt64(0), builder_.getFalse()};
      if (aggregate.value)
        value = emit(*aggregate.value);
      outcomes[index] = {condition, value};
    }
    judgeUnsetConditions(unsetConditions);
    // The objective's calendars choose the records of a route's own leaves;
    // slices are chosen by their start when the window is judged.
    std::vector<llvm::Value*> passes;
    for (const eval::KernelRoute& route : routes_)
      passes.push_back(countsRecords(route) ? passesFilters(route) : builder_.getTrue());
    auto* fast = block("fast");
    builder_.CreateBr(fast);

    builder_.SetInsertPoint(fast);
    // With routes, a counted record is in some route's agreement, and its
    // last event time is the latest (the core reads it from there).
    if (routes_.empty()) {
      auto* latest = builder_.CreateLoad(i64_, latest_);
      builder_.CreateStore(maximum(latest, eventTime_), latest_);
    }
    // A record lies in an agreement when it lies in the effective period of
    // any of its routes: its first and last event times are updated once
    // per agreement, not once per objective.
    std::map<std::uint32_t, llvm::Value*> insideAgreement;
    for (std::uint32_t r = 0; r < routes_.size(); ++r) {
      llvm::Value*& any = insideAgreement[routes_[r].agreement];
      any = any ? builder_.CreateOr(any, inside[r]) : inside[r];
    }
    // The hot range begins at the first event of every agreement
    // (updateHotRange): its records change only the last.
    for (const auto& [agreement, any] : insideAgreement) {
      auto [first, last] = agreementEvents_.at(agreement);
      if (!hot) {
        auto* firstBefore = builder_.CreateLoad(i64_, first);
        builder_.CreateStore(
            builder_.CreateSelect(any, minimum(firstBefore, eventTime_), firstBefore), first);
      }
      auto* lastBefore = builder_.CreateLoad(i64_, last);
      builder_.CreateStore(builder_.CreateSelect(any, maximum(lastBefore, eventTime_), lastBefore),
                           last);
    }
    loadRowGroups();
    for (std::uint32_t r = 0; r < routes_.size(); ++r)
      commitRoute(r, inside[r], passes[r], outcomes);
    if (hot)
      builder_.CreateStore(
          builder_.CreateAdd(builder_.CreateLoad(i64_, hotRecords_), builder_.getInt64(1)),
          hotRecords_);
    else
      refreshHotRange();
    builder_.CreateBr(next);
  }

  // After a route (or a slice) out of the hot range moved, the hot range
  // is found again once, at the end of the record (refreshHotRange): found
  // after each move, its code was repeated per route and per slice
  // (docs/performance.md, "Compile time").
  void markHotRangeStale() {
    if (hotRange_)
      builder_.CreateStore(builder_.getTrue(), hotRangeStale_);
  }

  void refreshHotRange() {
    if (!hotRange_)
      return;
    auto* refresh = block("refresh_hot_range");
    auto* fresh = block("hot_range_fresh");
    builder_.CreateCondBr(builder_.CreateLoad(i1_, hotRangeStale_), refresh, fresh, rarely());
    builder_.SetInsertPoint(refresh);
    updateHotRange();
    builder_.CreateStore(builder_.getFalse(), hotRangeStale_);
    builder_.CreateBr(fresh);
    builder_.SetInsertPoint(fresh);
  }

  // The ratios whose unset conditions the core judges at `at`
  // (judgedRatios), but those a slice counts: a slice keeps no pending
  // records, so its record goes to the interpreter.
  void findJudgedRatios() {
    std::vector<std::uint32_t> ratios = eval::judgedRatios(program_, streamIndex_);
    for (unsigned bit = 0; bit < ratios.size(); ++bit) {
      bool inSlices = std::any_of(routes_.begin(), routes_.end(), [&](const eval::KernelRoute& r) {
        return std::any_of(r.sliceLeaves.begin(), r.sliceLeaves.end(), [&](const auto& inner) {
          return std::find(inner.begin(), inner.end(), ratios[bit]) != inner.end();
        });
      });
      if (!inSlices)
        judgedBits_[ratios[bit]] = bit;
    }
  }

  // A record with a ratio's condition unset (`unset`: per ratio, whether
  // its condition is) is judged at `at` by the core, once for all those
  // ratios, and counted pending or missed (judgedConditions_); the
  // interpreter takes it when the core cannot (no `at`, or an expression
  // refuses the record then). Tickets not yet answered or resolved at `at`
  // took 2-4 µs each through the interpreter and settle().
  void judgeUnsetConditions(const std::vector<std::pair<std::uint32_t, llvm::Value*>>& unset) {
    if (unset.empty())
      return;
    llvm::Value* any = builder_.getFalse();
    for (const auto& [index, unsetBit] : unset)
      any = builder_.CreateOr(any, unsetBit);
    auto* judging = block("judge");
    auto* judged = block("judged");
    auto* from = builder_.GetInsertBlock();
    builder_.CreateCondBr(any, judging, judged, rarely());
    builder_.SetInsertPoint(judging);
    llvm::Value* missed =
        call(helper("slac_kernel_judge", i64_, {ptr_, ptr_, i64_}), {host_, batch_, row_});
    failWhen(builder_.CreateICmpSLT(missed, builder_.getInt64(0)), {});
    auto* judgedFrom = builder_.GetInsertBlock();
    builder_.CreateBr(judged);
    builder_.SetInsertPoint(judged);
    auto* answer = builder_.CreatePHI(i64_, 2);
    answer->addIncoming(builder_.getInt64(0), from);
    answer->addIncoming(missed, judgedFrom);
    for (const auto& [index, unsetBit] : unset)
      judgedConditions_[index] = {unsetBit, answer};
  }

  // The record's group for each route with groups, read once for all the
  // routes grouped by the same columns (the core gives them one array,
  // groupIdsOwnersOf): LLVM cannot tell that their arrays are one, nor that
  // counting between two routes does not write it.
  void loadRowGroups() {
    rowGroups_.clear();
    for (std::uint32_t r = 0; r < routes_.size(); ++r) {
      if (!routes_[r].grouped || !eval::kernelGroupsRoute(stream_, routes_[r]))
        continue;
      for (std::uint32_t earlier = 0; earlier < r && !rowGroups_.count(r); ++earlier)
        if (rowGroups_.count(earlier) && routes_[earlier].groupColumns == routes_[r].groupColumns)
          rowGroups_[r] = rowGroups_[earlier];
      if (!rowGroups_.count(r)) {
        auto* key = builder_.CreateLoad(i32_, element(i32_, routeLocals_[r].groupKeys, row_));
        rowGroups_[r] = builder_.CreateLoad(
            i32_, element(i32_, routeLocals_[r].groupOfKey, builder_.CreateZExt(key, i64_)));
      }
    }
  }

  // The hot range's bounds after the routes' windows changed: the
  // intersection of `--at`, the effective period and every route's window
  // (empty while a route has none), from the first event of its
  // agreements on.
  void updateHotRange() {
    llvm::Value* start = builder_.getInt64(routes_.front().effectiveStart);
    llvm::Value* end = builder_.getInt64(routes_.front().effectiveEnd);
    // Known at `at`: up to knownUntil, inclusive.
    end = minimum(end, builder_.CreateSelect(
                           builder_.CreateICmpEQ(knownUntil_, builder_.getInt64(INT64_MAX)),
                           knownUntil_, builder_.CreateAdd(knownUntil_, builder_.getInt64(1))));
    llvm::Value* found = builder_.getTrue();
    for (std::uint32_t r = 0; r < routes_.size(); ++r) {
      if (onlySlices(routes_[r]))
        continue;
      const RouteLocals& locals = routeLocals_[r];
      start = maximum(start, builder_.CreateLoad(i64_, locals.start));
      end = minimum(end, builder_.CreateLoad(i64_, locals.end));
      found = builder_.CreateAnd(
          found, builder_.CreateIsNotNull(builder_.CreateLoad(ptr_, locals.counters)));
    }
    // No record of the range is before an agreement's first event, which
    // its records then leave as it is (INT64_MAX, an empty range, until
    // the kernel counts a record the cold way).
    for (const auto& [agreement, events] : agreementEvents_)
      start = maximum(start, builder_.CreateLoad(i64_, events.first));
    // The slice each leaf over slices counts apart (pending), which ends at
    // its run's end at the latest (the window's); for the narrowest
    // slices, which step from slice to slice in the hot range (feedSlice),
    // their run.
    for (const auto& [key, locals] : sliceLocals_) {
      if (!locals.pending)
        continue;
      std::int64_t width = sliceWidth(key);
      if (width == steppingWidth_) {
        start = maximum(start, builder_.CreateLoad(i64_, locals.start));
        end = minimum(end, builder_.CreateLoad(i64_, locals.end));
        continue;
      }
      llvm::Value* slice = builder_.CreateLoad(i64_, locals.pendingSlice);
      llvm::Value* sliceStart =
          builder_.CreateAdd(builder_.CreateLoad(i64_, locals.start),
                             builder_.CreateMul(slice, builder_.getInt64(width)));
      start = maximum(start, sliceStart);
      end = minimum(end, minimum(builder_.CreateLoad(i64_, locals.end),
                                 builder_.CreateAdd(sliceStart, builder_.getInt64(width))));
      found = builder_.CreateAnd(found,
                                 builder_.CreateICmpNE(slice, builder_.getInt64(kNoPendingSlice)));
    }
    builder_.CreateStore(start, hotRange_->start);
    builder_.CreateStore(
        builder_.CreateSelect(builder_.CreateAnd(found, builder_.CreateICmpSLT(start, end)),
                              builder_.CreateSub(end, start), builder_.getInt64(0)),
        hotRange_->length);
  }
  llvm::BasicBlock* block(const char* name) {
    return llvm::BasicBlock::Create(context_, name, function_);
  }

  // Branch weights: the core's and the calendar engine's calls are the
  // rare paths, so that the register allocator spills around them rather
  // than in the loop that counts.
  llvm::MDNode* usually() { return llvm::MDBuilder(context_).createBranchWeights(2000, 1); }
  llvm::MDNode* rarely() { return llvm::MDBuilder(context_).createBranchWeights(1, 2000); }

  llvm::Value* at(llvm::Value* base, std::uint64_t offset) { return at(builder_, base, offset); }
  llvm::Value* at(llvm::IRBuilder<>& builder, llvm::Value* base, std::uint64_t offset) {
    return builder.CreateConstInBoundsGEP1_64(i8_, base, offset);
  }
  llvm::Value* frameField(std::uint64_t offset, llvm::Type* type) {
    return builder_.CreateLoad(type, at(frame_, offset));
  }
  void storeFrameField(std::uint64_t offset, llvm::Value* value) {
    builder_.CreateStore(value, at(frame_, offset));
  }
  llvm::Value* loadAt(llvm::Value* array, std::uint64_t index, llvm::Type* type) {
    return builder_.CreateLoad(type, builder_.CreateConstInBoundsGEP1_64(type, array, index));
  }
  llvm::Value* element(llvm::Type* type, llvm::Value* array, llvm::Value* index) {
    return builder_.CreateInBoundsGEP(type, array, index);
  }

  // A function of the core (KernelHelpers.h); where the host has them, its
  // trampoline in `preserve_most` (PreservingHelpers.h).
  llvm::FunctionCallee helper(std::string_view name, llvm::Type* result,
                              std::initializer_list<llvm::Type*> parameters) {
    auto* type = llvm::FunctionType::get(result, parameters, false);
    if (!kHelpersPreserveMost)
      return module_.getOrInsertFunction(name, type);
    llvm::FunctionCallee callee =
        module_.getOrInsertFunction(fmt::format("{}_preserving", name), type);
    llvm::cast<llvm::Function>(callee.getCallee())->setCallingConv(llvm::CallingConv::PreserveMost);
    return callee;
  }

  // A call in the callee's convention: a call in another is undefined, and
  // LLVM's optimiser makes it unreachable.
  llvm::CallInst* call(llvm::FunctionCallee callee, llvm::ArrayRef<llvm::Value*> arguments) {
    llvm::CallInst* made = builder_.CreateCall(callee, arguments);
    made->setCallingConv(llvm::cast<llvm::Function>(callee.getCallee())->getCallingConv());
    return made;
  }

  // A calendar question (CalendarCalls.h) reads the calendar and writes
  // only its answer: said to LLVM, the columns a kernel read before the
  // call are not read again after it.
  llvm::FunctionCallee calendarHelper(const char* name) {
    llvm::FunctionCallee callee = helper(name, i32_, {ptr_, i64_, ptr_});
    auto* function = llvm::cast<llvm::Function>(callee.getCallee());
    function->setDoesNotThrow();
    function->setWillReturn();
    function->setNoSync();
    function->setDoesNotFreeMemory();
    function->setMemoryEffects(llvm::MemoryEffects::readOnly() |
                               llvm::MemoryEffects::argMemOnly(llvm::ModRefInfo::ModRef));
    function->addParamAttr(0, llvm::Attribute::ReadOnly);
    function->addParamAttr(0, llvm::Attribute::NoCapture);
    function->addParamAttr(2, llvm::Attribute::NoCapture);
    return callee;
  }

  // The prepared calendar's address in this run's KernelFrame::calendars.
  llvm::Value* addressOf(const eval::KernelCalendar* calendar) {
    auto index = static_cast<std::uint64_t>(calendar - calendars_.data());
    return builder_.CreateConstInBoundsGEP1_64(i8_, calendarTable_,
                                               index * sizeof(calendar::Calendar));
  }

  llvm::Value* maximum(llvm::Value* a, llvm::Value* b) {
    return builder_.CreateBinaryIntrinsic(llvm::Intrinsic::smax, a, b);
  }
  llvm::Value* minimum(llvm::Value* a, llvm::Value* b) {
    return builder_.CreateBinaryIntrinsic(llvm::Intrinsic::smin, a, b);
  }

  // A byte that is 0 or 1 (RecordBatch.h: a bool cell, a `present` flag),
  // said to LLVM, so that a truth taken of it is the byte itself.
  llvm::Value* loadFlag(llvm::Value* address) {
    auto* load = builder_.CreateLoad(i8_, address);
    load->setMetadata(llvm::LLVMContext::MD_range,
                      llvm::MDBuilder(context_).createRange(llvm::APInt(8, 0), llvm::APInt(8, 2)));
    return load;
  }

  Computed field(std::uint32_t column) {
    const plan::Field& declared = stream_.fields[column];
    llvm::Value* value =
        declared.type.is(TypeKind::Bool)
            ? builder_.CreateZExt(loadFlag(element(i8_, columnValues_[column], row_)), i64_)
            : builder_.CreateLoad(i64_, element(i64_, columnValues_[column], row_));
    llvm::Value* set = builder_.getTrue();
    if (declared.type.optional) {
      set = builder_.CreateICmpNE(loadFlag(element(i8_, columnPresent_[column], row_)),
                                  builder_.getInt8(0));
      // An optional time after `at` has not happened yet.
      if (declared.type.is(TypeKind::Time))
        set = builder_.CreateAnd(set, builder_.CreateICmpSLE(value, optionalTimesUntil_));
    }
    return {value, set};
  }

  // A failure of `check` when every operand in `sets` is set: the record
  // goes to the interpreter at once. Nothing is counted before every check
  // has passed, and a branch taken almost never costs less than carrying
  // each check's bit to the end of the record (the tickets' kernel spilled
  // them to the stack).
  void failWhen(llvm::Value* check, std::initializer_list<llvm::Value*> sets) {
    for (llvm::Value* set : sets)
      check = builder_.CreateAnd(check, set);
    if (auto* constant = llvm::dyn_cast<llvm::ConstantInt>(check); constant && constant->isZero())
      return;
    auto* passed = block("checked");
    builder_.CreateCondBr(check, slow_, passed, rarely());
    builder_.SetInsertPoint(passed);
  }

  llvm::Value* checked(llvm::Intrinsic::ID operation, llvm::Value* a, llvm::Value* b,
                       std::initializer_list<llvm::Value*> sets) {
    auto* result = builder_.CreateBinaryIntrinsic(operation, a, b);
    failWhen(builder_.CreateExtractValue(result, 1), sets);
    return builder_.CreateExtractValue(result, 0);
  }

  llvm::Value* boolean(llvm::Value* bit) { return builder_.CreateZExt(bit, i64_); }
  llvm::Value* truth(llvm::Value* value) {
    return builder_.CreateICmpNE(value, builder_.getInt64(0));
  }

  const eval::KernelCalendar* calendarOf(const plan::Expr& expr) {
    const plan::Expr* last = expr.operands.back();
    if (!last->type.is(TypeKind::Calendar))
      return nullptr;
    return &calendars_.at(static_cast<std::size_t>(std::get<std::int64_t>(last->value)));
  }

  Computed emit(const plan::Expr& expr) {
    switch (expr.kind) {
    case ExprKind::Constant:
      return {constantValue(expr), builder_.getTrue()};
    case ExprKind::Field:
      return field(expr.slot);
    case ExprKind::Let:
      return lets_.at(expr.slot);
    case ExprKind::Negate: {
      Computed operand = emit(*expr.operands[0]);
      return {checked(llvm::Intrinsic::ssub_with_overflow, builder_.getInt64(0), operand.value,
                      {operand.set}),
              operand.set};
    }
    case ExprKind::Not: {
      Computed operand = emit(*expr.operands[0]);
      return {builder_.CreateXor(operand.value, builder_.getInt64(1)), operand.set};
    }
    case ExprKind::And:
    case ExprKind::Or: {
      // Three-valued, as in the interpreter: a decided operand that
      // settles the result wins over an undecided one.
      bool settles = expr.kind == ExprKind::Or;
      Computed lhs = emit(*expr.operands[0]);
      Computed rhs = emit(*expr.operands[1]);
      auto settled = [&](const Computed& side) {
        llvm::Value* bit = truth(side.value);
        return builder_.CreateAnd(side.set, settles ? bit : builder_.CreateNot(bit));
      };
      llvm::Value* decided = builder_.CreateOr(settled(lhs), settled(rhs));
      llvm::Value* bothSet = builder_.CreateAnd(lhs.set, rhs.set);
      return {boolean(builder_.CreateXor(decided, builder_.getInt1(!settles))),
              builder_.CreateOr(decided, bothSet)};
    }
    case ExprKind::IsSet:
    case ExprKind::IsNotSet: {
      Computed operand = emit(*expr.operands[0]);
      llvm::Value* set = operand.set;
      if (expr.kind == ExprKind::IsNotSet)
        set = builder_.CreateNot(set);
      return {boolean(set), builder_.getTrue()};
    }
    case ExprKind::Match:
      return emitMatch(expr);
    case ExprKind::InCalendar: {
      const plan::Expr& operand = *expr.operands[0];
      if (operand.kind == ExprKind::Field && operand.slot == stream_.eventTime)
        return {boolean(openAtEventTime(calendarOf(expr))), builder_.getTrue()};
      Computed instant = emit(operand);
      return {boolean(contains(calendarOf(expr), instant.value, instant.set)), instant.set};
    }
    case ExprKind::ScaleBusinessDays: {
      Computed days = emit(*expr.operands[0]);
      std::int64_t length = calendarOf(expr)->businessDay;
      return {checked(llvm::Intrinsic::smul_with_overflow, days.value, builder_.getInt64(length),
                      {days.set}),
              days.set};
    }
    case ExprKind::Elapsed:
    case ExprKind::Deadline:
      return emitCalendarTime(expr);
    case ExprKind::LessPaused: {
      // A pause the clock did not run for is the interpreter's error.
      Computed elapsed = emit(*expr.operands[0]);
      Computed paused = emit(*expr.operands[1]);
      llvm::Value* set = builder_.CreateAnd(elapsed.set, paused.set);
      failWhen(builder_.CreateOr(builder_.CreateICmpSLT(paused.value, builder_.getInt64(0)),
                                 builder_.CreateICmpSGT(paused.value, elapsed.value)),
               {set});
      return {builder_.CreateSub(elapsed.value, paused.value), set};
    }
    default:
      return emitBinary(expr);
    }
  }

  // Only the chosen arm is computed: arms often ask calendars, the
  // costliest questions a kernel asks. Arms that differ only in constants
  // (`P2 => deadline(opened, 1h, office)`, `P3 => deadline(opened, 4h,
  // office)`) share one copy of their code, whose constants the subject
  // chooses: a kernel's compile time grows with its code (issue 13 asks
  // 30 ms per example), and its calendar answers are then kept once per
  // shape instead of once per arm.
  Computed emitMatch(const plan::Expr& expr) {
    Computed subject = emit(*expr.operands[0]);
    std::vector<const plan::Expr*> arms(expr.operands.begin() + 1, expr.operands.end());
    std::vector<ArmShape> shapes = armShapes(arms);
    std::vector<llvm::BasicBlock*> shapeBlocks;
    std::vector<llvm::BasicBlock*> armBlocks(arms.size());
    for (const ArmShape& shape : shapes) {
      shapeBlocks.push_back(block("match_arm"));
      for (std::size_t arm : shape.arms)
        armBlocks[arm] = shapeBlocks.back();
    }
    auto* merge = block("match_end");
    auto* choice =
        builder_.CreateSwitch(subject.value, armBlocks[0], static_cast<unsigned>(arms.size() - 1));
    for (std::size_t arm = 1; arm < arms.size(); ++arm)
      choice->addCase(builder_.getInt64(static_cast<std::int64_t>(arm)), armBlocks[arm]);
    builder_.SetInsertPoint(merge);
    auto* value = builder_.CreatePHI(i64_, static_cast<unsigned>(shapes.size()));
    auto* set = builder_.CreatePHI(i1_, static_cast<unsigned>(shapes.size()));
    std::optional<RecordValue> chosenBy = recordValue(*expr.operands[0]);
    for (std::size_t shape = 0; shape < shapes.size(); ++shape) {
      builder_.SetInsertPoint(shapeBlocks[shape]);
      armsTaken_.push_back(
          {chosenBy, shapes[shape].arms, subject.value, !shapes[shape].varying.empty()});
      Computed computed = emitShape(shapes[shape], arms, subject.value);
      armsTaken_.pop_back();
      auto* from = builder_.GetInsertBlock();
      value->addIncoming(computed.value, from);
      set->addIncoming(computed.set, from);
      builder_.CreateBr(merge);
    }
    builder_.SetInsertPoint(merge);
    return {value, builder_.CreateAnd(subject.set, set)};
  }

  // A constant as the code reads it: its value, or the value the subject
  // of an enclosing shape of match arms chose for it (emitShape). Emits
  // nothing, and equal values are the same llvm::Value.
  llvm::Value* constantValue(const plan::Expr& constant) {
    if (auto chosen = chosenConstants_.find(&constant); chosen != chosenConstants_.end())
      return chosen->second;
    return builder_.getInt64(wholeConstant(constant));
  }

  // Arms of one match with the same code: `arms` (indexes, which are the
  // subject's cases) whose expressions differ at most in constants.
  struct ArmShape {
    std::vector<std::size_t> arms;
    // Per constant that some arm of the shape has another value for, in
    // the order sameShape meets them: that constant in each arm, in the
    // order of `arms` (the first arm's, whose code stands for all, first).
    std::vector<std::vector<const plan::Expr*>> varying;
  };

  std::vector<ArmShape> armShapes(const std::vector<const plan::Expr*>& arms) {
    std::vector<ArmShape> shapes;
    for (std::size_t arm = 0; arm < arms.size(); ++arm) {
      auto same = std::find_if(shapes.begin(), shapes.end(), [&](const ArmShape& shape) {
        return sameShape(*arms[shape.arms[0]], *arms[arm]);
      });
      if (same == shapes.end())
        shapes.push_back({{arm}, {}});
      else
        same->arms.push_back(arm);
    }
    std::vector<ArmShape> kept;
    for (ArmShape& shape : shapes) {
      std::vector<std::vector<const plan::Expr*>> constants;
      for (std::size_t arm : shape.arms)
        collectConstants(*arms[arm], constants.emplace_back());
      // Compared as emitted, not as written: inside a shape of an outer
      // match, a constant stands for the outer arms' values (emitShape),
      // which may differ where the written ones are equal.
      for (std::size_t position = 0; position < constants[0].size(); ++position) {
        std::vector<const plan::Expr*> perArm;
        for (const auto& armConstants : constants)
          perArm.push_back(armConstants[position]);
        if (std::any_of(perArm.begin(), perArm.end(), [&](const plan::Expr* constant) {
              return constantValue(*constant) != constantValue(*perArm[0]);
            }))
          shape.varying.push_back(std::move(perArm));
      }
      // The first arm's code stands for the others through its constants'
      // addresses: a node it meets twice (shared by the plan) could be
      // chosen only one way for both places.
      bool shared =
          std::any_of(shape.varying.begin(), shape.varying.end(), [&](const auto& perArm) {
            return std::count(constants[0].begin(), constants[0].end(), perArm[0]) > 1;
          });
      if (!shared)
        kept.push_back(std::move(shape));
      else
        for (std::size_t arm : shape.arms)
          kept.push_back({{arm}, {}});
    }
    return kept;
  }

  // Emits the first arm of `shape` with each of its varying constants
  // replaced by the one of the arm the subject chose.
  Computed emitShape(const ArmShape& shape, const std::vector<const plan::Expr*>& arms,
                     llvm::Value* subject) {
    if (shape.varying.empty())
      return emit(*arms[shape.arms[0]]);
    // A match inside an arm of a shape reads its constants through the
    // outer choice: every value is emitted before any is replaced.
    std::vector<llvm::Value*> chosen;
    for (const auto& perArm : shape.varying)
      chosen.push_back(chosenByArm(subject, shape.arms,
                                   [&](std::size_t i) { return constantValue(*perArm[i]); }));
    std::vector<std::pair<const plan::Expr*, llvm::Value*>> outer;
    for (std::size_t i = 0; i < shape.varying.size(); ++i) {
      const plan::Expr* constant = shape.varying[i][0];
      auto [entry, added] = chosenConstants_.try_emplace(constant, chosen[i]);
      outer.emplace_back(constant, added ? nullptr : entry->second);
      entry->second = chosen[i];
    }
    Computed computed = emit(*arms[shape.arms[0]]);
    for (auto [constant, value] : outer)
      if (value)
        chosenConstants_[constant] = value;
      else
        chosenConstants_.erase(constant);
    return computed;
  }

  // The value of the arm `subject` chose among `arms` (the cases of a shape
  // of match arms, ascending): valueAt(i) for arms[i]. Whole constants of
  // three arms or more are read from a table the subject indexes
  // (indexesByArm), other values chosen by a chain of selects.
  template <typename ValueAt>
  llvm::Value* chosenByArm(llvm::Value* subject, const std::vector<std::size_t>& arms,
                           ValueAt valueAt) {
    std::vector<llvm::Value*> values;
    for (std::size_t i = 0; i < arms.size(); ++i)
      values.push_back(valueAt(i));
    if (indexesByArm(arms) && std::all_of(values.begin(), values.end(), [](llvm::Value* value) {
          return llvm::isa<llvm::ConstantInt>(value);
        })) {
      std::vector<std::uint64_t> table(arms.back() - arms.front() + 1,
                                       llvm::cast<llvm::ConstantInt>(values[0])->getZExtValue());
      for (std::size_t i = 0; i < arms.size(); ++i)
        table[arms[i] - arms.front()] = llvm::cast<llvm::ConstantInt>(values[i])->getZExtValue();
      auto* contents = llvm::ConstantDataArray::get(module_.getContext(), table);
      auto* global = new llvm::GlobalVariable(module_, contents->getType(), true,
                                              llvm::GlobalValue::PrivateLinkage, contents);
      global->setUnnamedAddr(llvm::GlobalValue::UnnamedAddr::Global);
      // The range keeps what the constants told LLVM (an amount of time
      // known positive needs no check that it is).
      auto [least, most] = std::minmax_element(table.begin(), table.end(), [](auto a, auto b) {
        return static_cast<std::int64_t>(a) < static_cast<std::int64_t>(b);
      });
      auto* value = builder_.CreateLoad(
          i64_, builder_.CreateInBoundsGEP(i64_, global, armIndex(subject, arms)));
      if (static_cast<std::int64_t>(*most) < INT64_MAX)
        value->setMetadata(
            llvm::LLVMContext::MD_range,
            llvm::MDBuilder(module_.getContext())
                .createRange(llvm::APInt(64, *least, true), llvm::APInt(64, *most + 1, true)));
      return value;
    }
    llvm::Value* value = values.back();
    for (std::size_t i = arms.size() - 1; i-- > 0;)
      value = builder_.CreateSelect(
          builder_.CreateICmpEQ(subject, builder_.getInt64(static_cast<std::int64_t>(arms[i]))),
          values[i], value);
    return value;
  }

  // Whether the arms of a shape choose by index rather than by selects: two
  // arms take one select, three or more a chain of them (two comparisons
  // and two conditional moves per value in the tickets' deadlines), where
  // an index is one subtraction. Cases far apart would make a table of
  // mostly unused entries.
  static bool indexesByArm(const std::vector<std::size_t>& arms) {
    return arms.size() >= 3 && arms.back() - arms.front() < 2 * arms.size();
  }

  // The subject's place among the cases from the shape's first arm on.
  llvm::Value* armIndex(llvm::Value* subject, const std::vector<std::size_t>& arms) {
    return builder_.CreateSub(subject, builder_.getInt64(static_cast<std::int64_t>(arms.front())));
  }

  Computed emitCalendarTime(const plan::Expr& expr) {
    Computed start = emit(*expr.operands[0]);
    Computed second = emit(*expr.operands[1]);
    llvm::Value* set = builder_.CreateAnd(start.set, second.set);
    const eval::KernelCalendar* calendar = calendarOf(expr);
    bool elapsed = expr.kind == ExprKind::Elapsed;
    if (!calendar) {
      if (!elapsed)
        return {checked(llvm::Intrinsic::sadd_with_overflow, start.value, second.value, {set}),
                set};
      failWhen(builder_.CreateICmpSLT(second.value, start.value), {set});
      return {checked(llvm::Intrinsic::ssub_with_overflow, second.value, start.value, {set}), set};
    }
    // The checked queries' conditions: both instants in the range, b >= a;
    // a in the range, d >= 0, at least d of open time left after a.
    llvm::Value* from = builder_.getInt64(calendar->rangeStart);
    llvm::Value* to = builder_.getInt64(calendar->rangeEnd);
    auto inRange = [&](llvm::Value* instant) {
      return builder_.CreateAnd(builder_.CreateICmpSGE(instant, from),
                                builder_.CreateICmpSLE(instant, to));
    };
    if (elapsed) {
      llvm::Value* valid =
          builder_.CreateAnd(builder_.CreateAnd(inRange(start.value), inRange(second.value)),
                             builder_.CreateICmpSGE(second.value, start.value));
      failWhen(builder_.CreateNot(valid), {set});
      if (calendar->openThroughout)
        return {builder_.CreateSub(second.value, start.value), set};
      llvm::Value* askable = builder_.CreateAnd(valid, set);
      llvm::Value* openAtStart = openBefore(calendar, *expr.operands[0], start.value, askable);
      llvm::Value* openAtEnd = openBefore(calendar, *expr.operands[1], second.value, askable);
      rememberPosition(positionKey(calendar, *expr.operands[0]), set);
      rememberPosition(positionKey(calendar, *expr.operands[1]), set);
      return {builder_.CreateSub(openAtEnd, openAtStart), set};
    }
    llvm::Value* valid = builder_.CreateAnd(
        inRange(start.value), builder_.CreateICmpSGE(second.value, builder_.getInt64(0)));
    if (calendar->openThroughout) {
      failWhen(builder_.CreateOr(
                   builder_.CreateNot(valid),
                   builder_.CreateICmpSGT(second.value, builder_.CreateSub(to, start.value))),
               {set});
      return {builder_.CreateAdd(start.value, second.value), set};
    }
    llvm::Value* openAtStart =
        openBefore(calendar, *expr.operands[0], start.value, builder_.CreateAnd(valid, set));
    // Compared as the remainder, as deadlineInRange does, so that a huge d
    // cannot overflow the target.
    llvm::Value* reachable = builder_.CreateICmpSLE(
        second.value, builder_.CreateSub(builder_.getInt64(calendar->totalOpen), openAtStart));
    valid = builder_.CreateAnd(valid, reachable);
    failWhen(builder_.CreateNot(valid), {set});
    llvm::Value* zero = builder_.CreateICmpEQ(second.value, builder_.getInt64(0));
    llvm::Value* due =
        reachedAt(calendar, expr, builder_.CreateAdd(openAtStart, second.value),
                  builder_.CreateAnd(builder_.CreateAnd(valid, set), builder_.CreateNot(zero)));
    rememberPosition(positionKey(calendar, *expr.operands[0]), set);
    return {builder_.CreateSelect(zero, start.value, due), set};
  }

  // The open time of `calendar` before `instant` (an operand of elapsed or
  // deadline), from the position the calendar gave last for the same
  // operand: a field or a let read in several places (a ticket's opening by
  // its deadline and its elapsed time) shares one. The calendar is asked
  // only when `askable` (the instant is set and in the range).
  llvm::Value* openBefore(const eval::KernelCalendar* calendar, const plan::Expr& operand,
                          llvm::Value* instant, llvm::Value* askable) {
    PositionKey key = positionKey(calendar, operand);
    llvm::Value*& cache = positions_[key];
    if (!cache) // empty (from > to) until the calendar is first asked
      cache = entryCache(4, {{offsetof(SlacCalendarPosition, from), 1}});
    if (!positionKnown(key))
      keepAnswerAt(instant, askable, "slac_calendar_position", calendar, cache,
                   offsetof(SlacCalendarPosition, from), offsetof(SlacCalendarPosition, to));
    auto* intervalStart =
        builder_.CreateLoad(i64_, at(cache, offsetof(SlacCalendarPosition, start)));
    auto* openBeforeStart =
        builder_.CreateLoad(i64_, at(cache, offsetof(SlacCalendarPosition, openBefore)));
    llvm::Value* inside =
        builder_.CreateSelect(builder_.CreateICmpSGT(instant, intervalStart),
                              builder_.CreateSub(instant, intervalStart), builder_.getInt64(0));
    return builder_.CreateAdd(openBeforeStart, inside);
  }

  static PositionKey positionKey(const eval::KernelCalendar* calendar, const plan::Expr& operand) {
    return {calendar, operand.kind, operand.slot, recordValue(operand) ? nullptr : &operand};
  }

  // The field or let `expr` reads, if it is one: the same for every
  // occurrence in a record.
  static std::optional<RecordValue> recordValue(const plan::Expr& expr) {
    if (expr.kind == ExprKind::Field || expr.kind == ExprKind::Let)
      return RecordValue{expr.kind, expr.slot};
    return std::nullopt;
  }

  // Whether the position `key` holds is known to be the one of the
  // record's instant here: it was asked for unconditionally earlier in the
  // record, in arms of matches whose subjects chose the same or wider arms
  // than the ones being emitted. An office-hours ticket's opening is placed
  // once for its response deadline (`match priority`) and read again by its
  // resolution time (another `match priority`).
  bool positionKnown(const PositionKey& key) const {
    return std::any_of(knownPositions_.begin(), knownPositions_.end(), [&](const auto& known) {
      return known.first == key &&
             std::all_of(known.second.begin(), known.second.end(), [&](const ArmsTaken& then) {
               return std::any_of(armsTaken_.begin(), armsTaken_.end(), [&](const ArmsTaken& now) {
                 return now.chosenBy == then.chosenBy &&
                        std::includes(then.arms.begin(), then.arms.end(), now.arms.begin(),
                                      now.arms.end());
               });
             });
    });
  }

  // After elapsed or deadline has asked for the position `key` when its
  // operands were `set` and refused the record when they were out of the
  // calendar's range: when `set` is always true, the record's position is
  // known from here on. Only for fields and lets under arms whose subjects
  // are fields or lets: the same record takes the same arms of a later
  // match on the same subject.
  void rememberPosition(const PositionKey& key, llvm::Value* set) {
    auto* always = llvm::dyn_cast<llvm::ConstantInt>(set);
    if (key.expr || !always || !always->isOne() ||
        std::any_of(armsTaken_.begin(), armsTaken_.end(),
                    [](const ArmsTaken& taken) { return !taken.chosenBy; }))
      return;
    knownPositions_.emplace_back(key, armsTaken_);
  }

  // The instant at which `calendar` has had `open` of open time since its
  // range started, from the reach the calendar gave last for this deadline.
  // The calendar is asked only when `askable` (0 < open <= its open time).
  llvm::Value* reachedAt(const eval::KernelCalendar* calendar, const plan::Expr& deadline,
                         llvm::Value* open, llvm::Value* askable) {
    llvm::Value* cache = reachCache(deadline);
    auto* above = builder_.CreateLoad(i64_, at(cache, offsetof(SlacCalendarReach, above)));
    auto* upTo = builder_.CreateLoad(i64_, at(cache, offsetof(SlacCalendarReach, upTo)));
    llvm::Value* hit =
        builder_.CreateAnd(builder_.CreateICmpSLT(above, open), builder_.CreateICmpSLE(open, upTo));
    askCalendar(builder_.CreateAnd(builder_.CreateNot(hit), askable), "slac_calendar_reach",
                calendar, open, cache);
    auto* reachedAbove = builder_.CreateLoad(i64_, at(cache, offsetof(SlacCalendarReach, above)));
    auto* intervalStart = builder_.CreateLoad(i64_, at(cache, offsetof(SlacCalendarReach, start)));
    return builder_.CreateAdd(intervalStart, builder_.CreateSub(open, reachedAbove));
  }

  // The SlacCalendarReach the deadline's calendar gave last, empty ((0, 0])
  // until it is first asked. A deadline in a shape of match arms keeps one
  // per arm, chosen by the subject: the arms add different amounts
  // (`P2 => 1h`, `P3 => 4h`), so one shared answer would be asked again at
  // every change of priority (the tickets' kernel took 37 ms instead of 21).
  llvm::Value* reachCache(const plan::Expr& deadline) {
    auto cacheOf = [&](std::size_t arm) {
      llvm::Value*& cache = reaches_[{&deadline, arm}];
      if (!cache)
        cache = entryCache(3, {});
      return cache;
    };
    // The innermost shape whose arms add different amounts.
    auto choice = std::find_if(armsTaken_.rbegin(), armsTaken_.rend(),
                               [](const ArmsTaken& taken) { return taken.constantsVary; });
    if (choice == armsTaken_.rend())
      return cacheOf(kNoArm);
    const std::vector<std::size_t>& arms = choice->arms;
    if (!indexesByArm(arms))
      return chosenByArm(choice->subject, arms, [&](std::size_t i) { return cacheOf(arms[i]); });
    // One array of answers for the shape's arms, the subject's indexed.
    constexpr std::uint64_t kWords = sizeof(SlacCalendarReach) / sizeof(std::int64_t);
    llvm::Value*& answers = reaches_[{&deadline, arms.front()}];
    if (!answers)
      answers = entryCache(kWords * (arms.back() - arms.front() + 1), {});
    return builder_.CreateInBoundsGEP(
        i8_, answers,
        builder_.CreateMul(armIndex(choice->subject, arms),
                           builder_.getInt64(sizeof(SlacCalendarReach))));
  }

  // Makes `cache` hold the answer of `function` (slac_calendar_stretch or
  // _position) for `instant`: the answer it holds is good for every instant
  // of its [from, to) (the fields at `fromOffset` and `toOffset`), so the
  // calendar is asked only outside it, and only when `askable`.
  void keepAnswerAt(llvm::Value* instant, llvm::Value* askable, const char* function,
                    const eval::KernelCalendar* calendar, llvm::Value* cache,
                    std::size_t fromOffset, std::size_t toOffset) {
    auto* from = builder_.CreateLoad(i64_, at(cache, fromOffset));
    auto* to = builder_.CreateLoad(i64_, at(cache, toOffset));
    llvm::Value* hit = builder_.CreateAnd(builder_.CreateICmpSGE(instant, from),
                                          builder_.CreateICmpSLT(instant, to));
    askCalendar(builder_.CreateAnd(builder_.CreateNot(hit), askable), function, calendar, instant,
                cache);
  }

  // When `ask`, calls `function` (slac_calendar_stretch, _position or
  // _reach), which writes its answer into `cache` (and leaves it alone when
  // it refuses: an instant or an amount the calendar cannot be asked about,
  // which fails the record). The cache escapes into the call, so LLVM keeps
  // it in memory rather than carrying each of its fields through the loop
  // in registers: the kernels run as fast, and a kernel asking several
  // calendars compiles 12 % faster (docs/performance.md, "Compile time").
  void askCalendar(llvm::Value* ask, const char* function, const eval::KernelCalendar* calendar,
                   llvm::Value* argument, llvm::Value* cache) {
    auto* asking = block("ask_calendar");
    auto* asked = block("asked_calendar");
    auto* from = builder_.GetInsertBlock();
    builder_.CreateCondBr(ask, asking, asked, rarely());
    builder_.SetInsertPoint(asking);
    auto* refused = builder_.CreateICmpNE(
        call(calendarHelper(function), {addressOf(calendar), argument, cache}),
        builder_.getInt32(0));
    auto* askedFrom = builder_.GetInsertBlock();
    builder_.CreateBr(asked);
    builder_.SetInsertPoint(asked);
    auto* failedHere = builder_.CreatePHI(i1_, 2);
    failedHere->addIncoming(builder_.getFalse(), from);
    failedHere->addIncoming(refused, askedFrom);
    failWhen(failedHere, {});
  }

  // Whether `calendar` is open at `instant`, from the stretch it answered
  // last in this call when the instant lies in it: records come mostly in
  // order of time, and one record often asks one calendar about one instant
  // several times (`in` and filters). Asked only when `askable` (the
  // instant is set); an instant it cannot answer about fails the record.
  llvm::Value* contains(const eval::KernelCalendar* calendar, llvm::Value* instant,
                        llvm::Value* askable) {
    llvm::Value*& stretch = stretches_[calendar];
    if (!stretch) // empty (from > to) until the calendar is first asked
      stretch = entryCache(3, {{offsetof(SlacCalendarStretch, from), 1}});
    keepAnswerAt(instant, askable, "slac_calendar_stretch", calendar, stretch,
                 offsetof(SlacCalendarStretch, from), offsetof(SlacCalendarStretch, to));
    return truth(builder_.CreateLoad(i64_, at(stretch, offsetof(SlacCalendarStretch, open))));
  }

  // Whether `calendar` is open at the record's event time: asked once per
  // record, by the first `in` or filter the record always passes through,
  // whose answer every later one reads (the MSP tickets' office hours were
  // checked three times: `after_hours` and two objectives' filters).
  llvm::Value* openAtEventTime(const eval::KernelCalendar* calendar) {
    if (auto known = openAtEvent_.find(calendar); known != openAtEvent_.end())
      return known->second;
    llvm::Value* open = contains(calendar, eventTime_, builder_.getTrue());
    // An arm of a match runs for some records only: its answer is not
    // there for the code after the match.
    if (armsTaken_.empty())
      openAtEvent_[calendar] = open;
    return open;
  }

  // An array of `words` i64 in the entry block, zero but for the given
  // (offset, value) pairs, stored before the loop: the calendar answers a
  // kernel keeps from one record to the next, never read undefined.
  llvm::Value* entryCache(std::uint64_t words,
                          std::initializer_list<std::pair<std::size_t, std::int64_t>> initial) {
    llvm::IRBuilder<> entry(&function_->getEntryBlock(), function_->getEntryBlock().begin());
    llvm::Value* cache = entry.CreateAlloca(llvm::ArrayType::get(i64_, words));
    for (std::uint64_t word = 0; word < words; ++word)
      entry.CreateStore(entry.getInt64(0), at(entry, cache, word * sizeof(std::int64_t)));
    for (auto [offset, value] : initial)
      entry.CreateStore(entry.getInt64(static_cast<std::uint64_t>(value)),
                        at(entry, cache, offset));
    return cache;
  }

  Computed emitBinary(const plan::Expr& expr) {
    Computed lhs = emit(*expr.operands[0]);
    Computed rhs = emit(*expr.operands[1]);
    llvm::Value* set = builder_.CreateAnd(lhs.set, rhs.set);
    auto compare = [&](llvm::CmpInst::Predicate predicate) {
      return Computed{boolean(builder_.CreateICmp(predicate, lhs.value, rhs.value)), set};
    };
    switch (expr.kind) {
    case ExprKind::Lt:
      return compare(llvm::CmpInst::ICMP_SLT);
    case ExprKind::Le:
      return compare(llvm::CmpInst::ICMP_SLE);
    case ExprKind::Gt:
      return compare(llvm::CmpInst::ICMP_SGT);
    case ExprKind::Ge:
      return compare(llvm::CmpInst::ICMP_SGE);
    case ExprKind::Eq:
      return compare(llvm::CmpInst::ICMP_EQ);
    case ExprKind::Ne:
      return compare(llvm::CmpInst::ICMP_NE);
    case ExprKind::Add:
      return {checked(llvm::Intrinsic::sadd_with_overflow, lhs.value, rhs.value, {set}), set};
    case ExprKind::Sub:
      return {checked(llvm::Intrinsic::ssub_with_overflow, lhs.value, rhs.value, {set}), set};
    default: // Mul: whole types only (whyNot)
      return {checked(llvm::Intrinsic::smul_with_overflow, lhs.value, rhs.value, {set}), set};
    }
  }

  // Whether the record passes the route's calendars; a calendar that cannot
  // answer fails the record (the interpreter says why).
  llvm::Value* passesFilters(const eval::KernelRoute& route) {
    const plan::Objective& objective =
        program_.agreements[route.agreement].objectives[route.objective];
    llvm::Value* passes = builder_.getTrue();
    for (const plan::CalendarFilter& filter : objective.filters) {
      llvm::Value* open = openAtEventTime(&calendars_[filter.calendar]);
      bool during = filter.mode == plan::CalendarFilter::Mode::During;
      passes = builder_.CreateAnd(passes, during ? open : builder_.CreateNot(open));
    }
    return passes;
  }

  // Whether the stream's records get a hot range (HotRange): every route
  // is one the kernel counts without groups, in one effective period,
  // counting its own leaves without calendars or only slices (which take
  // every record of their window); and the record's work is small (no
  // lets, no calendars), for the record is emitted twice: where lets or
  // calendars are computed the few comparisons saved are worth less than
  // the compile time.
  bool hasHotRange() const {
    return !routes_.empty() && stream_.lets.empty() &&
           std::all_of(routes_.begin(), routes_.end(), [&](const eval::KernelRoute& route) {
             bool countsSlicesOnly =
                 onlySlices(route) && !whyNotRoute(program_, streamIndex_, route);
             return !route.grouped && (countsSlicesOnly || countsRecords(route)) &&
                    (countsSlicesOnly || program_.agreements[route.agreement]
                                             .objectives[route.objective]
                                             .filters.empty()) &&
                    route.effectiveStart == routes_.front().effectiveStart &&
                    route.effectiveEnd == routes_.front().effectiveEnd;
           });
  }

  // The first route whose windows are always route `r`'s (`r` itself if
  // none): both counted with groups by the same columns, in the same
  // agreement, effective period and calendar period. The leader checks
  // its group's cached window for them all and, when the record lies
  // outside it, locates the window of every route it leads: the caches
  // of its routes stay the same, as the core also empties all at once
  // (Evaluator::foldKernelCounters).
  std::uint32_t windowLeaderOf(std::uint32_t r) const {
    auto windowsOf = [&](const eval::KernelRoute& route) {
      const plan::Objective& objective =
          program_.agreements[route.agreement].objectives[route.objective];
      return std::tuple(route.agreement, route.groupColumns, route.effectiveStart,
                        route.effectiveEnd, objective.period.unit);
    };
    auto leads = [&](const eval::KernelRoute& route) {
      return route.grouped && !whyNotRoute(program_, streamIndex_, route);
    };
    if (!leads(routes_[r]))
      return r;
    for (std::uint32_t earlier = 0; earlier < r; ++earlier)
      if (leads(routes_[earlier]) && windowsOf(routes_[earlier]) == windowsOf(routes_[r]))
        return earlier;
    return r;
  }

  // The width of the slices of a route's leaf over slices.
  std::int64_t sliceWidth(std::pair<std::uint32_t, std::uint32_t> key) const {
    return program_.aggregates[routes_[key.first].leaves[key.second]].sliceMicros;
  }

  // Whether every leaf of the route is over slices: it has no window of
  // its own to find, only runs of slices, which lie in their window.
  bool onlySlices(const eval::KernelRoute& route) const {
    return std::all_of(route.leaves.begin(), route.leaves.end(), [&](std::uint32_t leaf) {
      return program_.aggregates[leaf].stream == plan::kNoSlot;
    });
  }

  // Whether the kernel counts records of this stream in the route's own
  // leaves (not only in slices, nor through the interpreter's routing).
  bool countsRecords(const eval::KernelRoute& route) const {
    return !whyNotRoute(program_, streamIndex_, route) &&
           std::any_of(route.leaves.begin(), route.leaves.end(), [&](std::uint32_t leaf) {
             return program_.aggregates[leaf].stream == streamIndex_;
           });
  }

  // Counts the record in route `r` (Evaluator: route, addToWindow,
  // feedAggregate), when the record lies in the route's agreement.
  void commitRoute(std::uint32_t r, llvm::Value* inside, llvm::Value* passes,
                   const std::vector<std::pair<Computed, Computed>>& outcomes) {
    const eval::KernelRoute& route = routes_[r];
    const plan::Objective& objective =
        program_.agreements[route.agreement].objectives[route.objective];
    auto* counted = block("route");
    auto* done = block("route_done");
    builder_.CreateCondBr(inside, counted, done);

    builder_.SetInsertPoint(counted);
    if (whyNotRoute(program_, streamIndex_, route)) {
      call(helper("slac_kernel_slow_route", builder_.getVoidTy(), {ptr_, i32_, ptr_, i64_}),
           {host_, builder_.getInt32(r), batch_, row_});
      builder_.CreateBr(done);
      builder_.SetInsertPoint(done);
      return;
    }

    if (!route.grouped && onlySlices(route)) {
      for (std::uint32_t leaf = 0; leaf < route.leaves.size(); ++leaf)
        feedSlice(r, leaf, outcomes);
      builder_.CreateBr(done);
      builder_.SetInsertPoint(done);
      return;
    }

    const RouteLocals& locals = routeLocals_[r];
    llvm::Value* counters = nullptr;
    // The window the route (without groups) or the record's group found
    // last, asked of the core only when the record lies outside it.
    llvm::Value* start = nullptr;
    llvm::Value* end = nullptr;
    llvm::Value* cached = nullptr;
    llvm::Value* hit = nullptr;
    if (!objective.grouped()) {
      start = builder_.CreateLoad(i64_, locals.start);
      end = builder_.CreateLoad(i64_, locals.end);
      cached = builder_.CreateLoad(ptr_, locals.counters);
      // A cache that holds no window yet has no counters.
      hit = builder_.CreateIsNotNull(cached);
    } else {
      llvm::Value* group = rowGroups_.at(r);
      auto* cache = builder_.CreateInBoundsGEP(
          i8_, locals.groupCaches,
          builder_.CreateMul(builder_.CreateZExt(group, i64_),
                             builder_.getInt64(sizeof(eval::RouteCache))));
      cached = builder_.CreateLoad(ptr_, at(cache, offsetof(eval::RouteCache, counters)));
      // The leader of the route's windows found this record's window for
      // the route too (and the cache holds it): nothing to check.
      if (windowLeaders_[r] != r) {
        counters = cached;
      } else {
        start = builder_.CreateLoad(i64_, at(cache, offsetof(eval::RouteCache, start)));
        end = builder_.CreateLoad(i64_, at(cache, offsetof(eval::RouteCache, end)));
        // A group's cache is empty or has counters (Evaluator::locateWindow).
        hit = builder_.getTrue();
      }
    }
    if (!counters) {
      hit = hot_ ? builder_.getTrue()
                 : builder_.CreateAnd(builder_.CreateAnd(builder_.CreateICmpSGE(eventTime_, start),
                                                         builder_.CreateICmpSLT(eventTime_, end)),
                                      hit);
      auto* locate = block("locate");
      auto* located = block("located");
      auto* cachedFrom = builder_.GetInsertBlock();
      builder_.CreateCondBr(hit, located, locate, usually());
      builder_.SetInsertPoint(locate);
      llvm::Value* found = nullptr;
      for (std::uint32_t member = r; member < routes_.size(); ++member) {
        if (member != r && windowLeaders_[member] != r)
          continue;
        flushPendingOfRoute(member);
        auto* window = call(helper("slac_kernel_locate", ptr_, {ptr_, i32_, ptr_, i64_, i64_}),
                            {host_, builder_.getInt32(member), batch_, row_, eventTime_});
        if (member == r)
          found = window;
      }
      markHotRangeStale();
      auto* locatedFrom = builder_.GetInsertBlock();
      builder_.CreateBr(located);
      builder_.SetInsertPoint(located);
      auto* phi = builder_.CreatePHI(ptr_, 2);
      phi->addIncoming(found, locatedFrom);
      phi->addIncoming(cached, cachedFrom);
      counters = phi;
    }

    // Slices take every record of the window: the objective's calendars
    // choose slices by their start when the window is judged.
    for (std::uint32_t leaf = 0; leaf < route.leaves.size(); ++leaf)
      if (program_.aggregates[route.leaves[leaf]].stream == plan::kNoSlot)
        feedSlice(r, leaf, outcomes);

    auto* feed = block("feed");
    builder_.CreateCondBr(passes, feed, done);
    builder_.SetInsertPoint(feed);
    for (std::size_t leaf = 0; leaf < route.leaves.size(); ++leaf) {
      const plan::Aggregate& aggregate = program_.aggregates[route.leaves[leaf]];
      if (aggregate.stream != streamIndex_)
        continue;
      const auto& [condition, value] = outcomes[route.leaves[leaf]];
      auto pending = pending_.find({r, static_cast<std::uint32_t>(leaf)});
      llvm::Value* window = at(counters, leaf * sizeof(eval::FastCounters));
      if (pending != pending_.end())
        feedCounters(pendingInPlace_ ? window : pending->second, aggregate, condition, value,
                     Counting::FedByRoute);
      else
        feedCounters(window, aggregate, condition, value, Counting::EveryField);
    }
    // The hot range's records are added to it all at once (flushHotRecords).
    if (auto fed = fed_.find(r); fed != fed_.end() && !hot_)
      add(fed->second, 0, builder_.getInt64(1));
    builder_.CreateBr(done);
    builder_.SetInsertPoint(done);
  }

  // Counts the record in its slice of a leaf over slices, in the run of
  // slices the core gave (SliceRun); a route without groups keeps the run
  // it found last and asks the core only outside it.
  void feedSlice(std::uint32_t r, std::uint32_t leaf,
                 const std::vector<std::pair<Computed, Computed>>& outcomes) {
    const eval::KernelRoute& route = routes_[r];
    std::int64_t width = sliceWidth({r, leaf});
    const std::vector<std::uint32_t>& inner = route.sliceLeaves[leaf];
    SliceLocals& locals = sliceLocals_.at({r, leaf});
    if (hot_ && width != steppingWidth_) {
      // In the hot range the record lies in the slice counted apart.
      feedSliceCounters(locals.pending, inner, outcomes, Counting::HotRecord);
      return;
    }
    if (hot_) {
      // The narrowest slices step: in the hot range the record lies in
      // their run, and a record of another slice of the run begins that
      // slice here, not through the whole way out of the hot range (a
      // minute's three probes would leave it every third record).
      llvm::Value* slice = builder_.CreateUDiv(
          builder_.CreateSub(eventTime_, builder_.CreateLoad(i64_, locals.start)),
          builder_.getInt64(width));
      countInSlice(r, leaf, builder_.CreateLoad(ptr_, locals.run), slice);
      feedSliceCounters(locals.pending, inner, outcomes, Counting::HotRecord);
      return;
    }
    auto* locate = block("locate_slice");
    auto* located = block("located_slice");
    llvm::BasicBlock* cachedFrom = nullptr;
    llvm::Value *cachedRun = nullptr, *cachedStart = nullptr, *cachedCounters = nullptr;
    if (!route.grouped) {
      cachedRun = builder_.CreateLoad(ptr_, locals.run);
      cachedStart = builder_.CreateLoad(i64_, locals.start);
      cachedCounters = builder_.CreateLoad(ptr_, locals.counters);
      // Nothing found yet is the empty run [0, 0).
      llvm::Value* hit = builder_.CreateAnd(
          builder_.CreateICmpSGE(eventTime_, cachedStart),
          builder_.CreateICmpSLT(eventTime_, builder_.CreateLoad(i64_, locals.end)));
      cachedFrom = builder_.GetInsertBlock();
      builder_.CreateCondBr(hit, located, locate, usually());
    } else {
      builder_.CreateBr(locate);
    }
    builder_.SetInsertPoint(locate);
    if (locals.pending) {
      flushHotRecords();
      callSliceFlush(r, leaf);
    }
    auto* found =
        call(helper("slac_kernel_locate_slice", ptr_, {ptr_, i32_, i32_, ptr_, i64_, i64_}),
             {host_, builder_.getInt32(r), builder_.getInt32(leaf), batch_, row_, eventTime_});
    auto* foundStart = builder_.CreateLoad(i64_, at(found, offsetof(eval::SliceRun, start)));
    auto* foundCounters = builder_.CreateLoad(ptr_, at(found, offsetof(eval::SliceRun, counters)));
    if (!route.grouped) {
      builder_.CreateStore(found, locals.run);
      builder_.CreateStore(foundStart, locals.start);
      builder_.CreateStore(builder_.CreateLoad(i64_, at(found, offsetof(eval::SliceRun, end))),
                           locals.end);
      builder_.CreateStore(foundCounters, locals.counters);
      builder_.CreateStore(builder_.getInt64(kNoPendingSlice), locals.pendingSlice);
    }
    auto* locatedFrom = builder_.GetInsertBlock();
    builder_.CreateBr(located);
    builder_.SetInsertPoint(located);
    auto phi = [&](llvm::Type* type, llvm::Value* fromCore, llvm::Value* kept) -> llvm::Value* {
      if (!cachedFrom)
        return fromCore;
      auto* joined = builder_.CreatePHI(type, 2);
      joined->addIncoming(fromCore, locatedFrom);
      joined->addIncoming(kept, cachedFrom);
      return joined;
    };
    llvm::Value* run = phi(ptr_, found, cachedRun);
    llvm::Value* start = phi(i64_, foundStart, cachedStart);
    llvm::Value* counters = phi(ptr_, foundCounters, cachedCounters);
    // The record lies in the run: the division is by a constant.
    llvm::Value* slice =
        builder_.CreateUDiv(builder_.CreateSub(eventTime_, start), builder_.getInt64(width));
    llvm::Value* counted = nullptr;
    if (locals.pending) {
      countInSlice(r, leaf, run, slice);
      counted = locals.pending;
    } else {
      markTouched(run, slice);
      counted = sliceCounters(counters, slice, inner.size());
    }
    feedSliceCounters(counted, inner, outcomes, Counting::EveryField);
  }

  // Makes slice `slice` of the run the one whose counts are kept apart
  // (SliceLocals::pending), if it is not already: records come
  // mostly in time order, so a slice's records are counted there until a
  // record falls in another, and what they counted goes to their slice.
  void countInSlice(std::uint32_t r, std::uint32_t leaf, llvm::Value* run, llvm::Value* slice) {
    const SliceLocals& locals = sliceLocals_.at({r, leaf});
    auto* other = block("other_slice");
    auto* same = block("same_slice");
    builder_.CreateCondBr(
        builder_.CreateICmpEQ(slice, builder_.CreateLoad(i64_, locals.pendingSlice)), same, other);
    builder_.SetInsertPoint(other);
    // The hot range's records so far lie in the slice counted until now.
    // Only the hot range's stepping flushes often enough to be worth a copy
    // of the flush of its own.
    if (hot_) {
      flushHotRecords();
      flushSlicePending(r, leaf);
    } else {
      callSliceFlush(r, leaf);
    }
    markTouched(run, slice);
    builder_.CreateStore(slice, locals.pendingSlice);
    // Out of the hot range, a slice that does not step bounds it.
    if (!hot_)
      markHotRangeStale();
    builder_.CreateBr(same);
    builder_.SetInsertPoint(same);
  }

  // Counts the record in a slice's counters, one FastCounters per entry of
  // `inner` (KernelRoute::sliceLeaves), those of this stream.
  void feedSliceCounters(llvm::Value* counted, const std::vector<std::uint32_t>& inner,
                         const std::vector<std::pair<Computed, Computed>>& outcomes,
                         Counting counting) {
    for (std::size_t position = 0; position < inner.size(); ++position) {
      const plan::Aggregate& aggregate = program_.aggregates[inner[position]];
      if (aggregate.stream != streamIndex_)
        continue;
      const auto& [condition, value] = outcomes[inner[position]];
      feedCounters(at(counted, position * sizeof(eval::FastCounters)), aggregate, condition, value,
                   counting);
    }
  }

  // Whether every record fed to the aggregate adds 1 to the field at
  // `offset` of its FastCounters: `seen`; and without a condition, a count's
  // `count` and the `valueCount` of a value that is always set. In a route
  // counted in registers these are one count for all its leaves (fed_): the
  // distributor's fill rate, two sums, carried six equal counts through its
  // loop.
  bool countsOncePerRecord(const plan::Aggregate& aggregate, std::size_t offset) const {
    if (offset == offsetof(eval::FastCounters, seen))
      return true;
    if (aggregate.kind == plan::AggregateKind::Ratio || aggregate.filter)
      return false;
    if (offset == offsetof(eval::FastCounters, count))
      return true;
    return offset == offsetof(eval::FastCounters, valueCount) && aggregate.value &&
           alwaysSet(*aggregate.value);
  }

  // Whether the kernel computes `expr` set for every record it counts
  // (Computed::set; an expression that cannot be computed sends the record
  // to the interpreter instead): its fields required, whatever it is made
  // of. False for any kind not listed, which only costs a count.
  bool alwaysSet(const plan::Expr& expr) const {
    auto operandsSet = [&] {
      return std::all_of(expr.operands.begin(), expr.operands.end(),
                         [&](const auto& operand) { return alwaysSet(*operand); });
    };
    switch (expr.kind) {
    case ExprKind::Constant:
    case ExprKind::IsSet:
    case ExprKind::IsNotSet:
      return true;
    case ExprKind::Field:
      return !stream_.fields[expr.slot].type.optional;
    case ExprKind::Let:
      return alwaysSet(*stream_.lets[expr.slot].value);
    case ExprKind::Negate:
    case ExprKind::Not:
    case ExprKind::And:
    case ExprKind::Or:
    case ExprKind::Match:
    case ExprKind::InCalendar:
    case ExprKind::ScaleBusinessDays:
    case ExprKind::Elapsed:
    case ExprKind::Deadline:
    case ExprKind::LessPaused:
    case ExprKind::Lt:
    case ExprKind::Le:
    case ExprKind::Gt:
    case ExprKind::Ge:
    case ExprKind::Eq:
    case ExprKind::Ne:
    case ExprKind::Add:
    case ExprKind::Sub:
    case ExprKind::Mul:
      return operandsSet();
    default:
      return false;
    }
  }

  // Whether a record counts 1 in the `count` of the aggregate, whatever
  // its fields: a count without a condition.
  static bool countsEveryRecord(const plan::Aggregate& aggregate) {
    return aggregate.kind == plan::AggregateKind::Count && !aggregate.filter;
  }

  // Whether a record of the hot range adds to the field at `offset` itself:
  // not `seen`, nor the `count` of a count that takes every record, which
  // the hot range's records add to all at once (flushHotRecords).
  static bool countsPerHotRecord(const plan::Aggregate& aggregate, std::size_t offset) {
    return offset != offsetof(eval::FastCounters, seen) &&
           (offset != offsetof(eval::FastCounters, count) || !countsEveryRecord(aggregate));
  }

  // Adds the records of the hot range counted since the last cold record
  // (hotRecords_) to what every pending counter saw: in the hot range every
  // record reaches every one of them, and one count in registers for all
  // leaves the registers to the rest (each counted apart, several spilled
  // to the stack and each record waited for the store of the one before).
  void flushHotRecords() {
    if (!hotRecords_)
      return;
    llvm::Value* records = builder_.CreateLoad(i64_, hotRecords_);
    auto addTo = [&](llvm::Value* pending, const plan::Aggregate& aggregate) {
      add(pending, offsetof(eval::FastCounters, seen), records);
      if (countsEveryRecord(aggregate))
        add(pending, offsetof(eval::FastCounters, count), records);
    };
    for (const auto& [route, fed] : fed_)
      add(fed, 0, records);
    for (const auto& [key, locals] : sliceLocals_) {
      const std::vector<std::uint32_t>& inner = routes_[key.first].sliceLeaves[key.second];
      for (std::size_t position = 0; locals.pending && position < inner.size(); ++position)
        if (program_.aggregates[inner[position]].stream == streamIndex_)
          addTo(at(locals.pending, position * sizeof(eval::FastCounters)),
                program_.aggregates[inner[position]]);
    }
    builder_.CreateStore(builder_.getInt64(0), hotRecords_);
  }

  // A leaf over slices' counts kept apart (SliceLocals::pending, ::handoff),
  // empty.
  llvm::Value* slicePendingCounters(std::size_t entries, const char* name) {
    llvm::Value* counts = countersOnTheStack(entries, name);
    for (std::size_t position = 0; position < entries; ++position) {
      llvm::Value* counters = at(counts, position * sizeof(eval::FastCounters));
      clearCounters(counters);
      // The core may be handed these (slac_kernel_add_slice): they keep no
      // values.
      builder_.CreateStore(llvm::ConstantPointerNull::get(llvm::PointerType::get(context_, 0)),
                           at(counters, offsetof(eval::FastCounters, values)));
    }
    return counts;
  }

  // `entries` FastCounters in the function's frame (promoted to registers
  // as long as no call is given their address).
  llvm::Value* countersOnTheStack(std::size_t entries, const char* name) {
    auto* counters = builder_.CreateAlloca(
        llvm::ArrayType::get(i8_, entries * sizeof(eval::FastCounters)), nullptr, name);
    counters->setAlignment(llvm::Align(alignof(eval::FastCounters)));
    return counters;
  }

  // Marks slice `slice` of a SliceRun as having records.
  void markTouched(llvm::Value* run, llvm::Value* slice) {
    auto* touched = at(run, offsetof(eval::SliceRun, touched));
    builder_.CreateStore(builder_.CreateOr(builder_.CreateLoad(i64_, touched),
                                           builder_.CreateShl(builder_.getInt64(1), slice)),
                         touched);
  }

  // The first of a slice's counters in a SliceRun of `entries` per slice.
  llvm::Value* sliceCounters(llvm::Value* counters, llvm::Value* slice, std::size_t entries) {
    return builder_.CreateInBoundsGEP(
        i8_, counters,
        builder_.CreateMul(slice, builder_.getInt64(static_cast<std::int64_t>(
                                      entries * sizeof(eval::FastCounters)))));
  }

  // Adds what a leaf over slices counted apart (SliceLocals::pending) to its
  // slice of the run the route found last, which stays the slice counted
  // apart (its touched bit was set when it became so).
  void flushSlicePending(std::uint32_t r, std::uint32_t leaf) {
    const auto& locals = sliceLocals_.at({r, leaf});
    std::size_t entries = routes_[r].sliceLeaves[leaf].size();
    auto* flush = block("flush_slice");
    auto* flushed = block("flushed_slice");
    llvm::Value* slice = builder_.CreateLoad(i64_, locals.pendingSlice);
    builder_.CreateCondBr(builder_.CreateICmpNE(slice, builder_.getInt64(kNoPendingSlice)), flush,
                          flushed);
    builder_.SetInsertPoint(flush);
    if (eval::kernelCountsSlicesIn8Bits(program_, streamIndex_, routes_[r], leaf)) {
      flushSliceIn8Bits(r, leaf, slice);
    } else {
      llvm::Value* counters =
          sliceCounters(builder_.CreateLoad(ptr_, locals.counters), slice, entries);
      for (std::size_t position = 0; position < entries; ++position)
        addCounters(at(counters, position * sizeof(eval::FastCounters)),
                    at(locals.pending, position * sizeof(eval::FastCounters)),
                    routes_[r].sliceLeaves[leaf][position]);
    }
    for (std::size_t position = 0; position < entries; ++position)
      resetPending(at(locals.pending, position * sizeof(eval::FastCounters)),
                   routes_[r].sliceLeaves[leaf][position]);
    builder_.CreateBr(flushed);
    builder_.SetInsertPoint(flushed);
  }

  // flushSlicePending for a leaf counted in 8 bits (SliceRun::fields): the
  // slice's fields plus what is pending, stored if every field fits in 8
  // bits; else the core adds what is pending to the window's slices itself
  // (slac_kernel_add_slice). The core judges the run's slices when it
  // takes the run: a verdict worked out here at every slice cost a third
  // of the step from one minute to the next.
  void flushSliceIn8Bits(std::uint32_t r, std::uint32_t leaf, llvm::Value* slice) {
    const eval::KernelRoute& route = routes_[r];
    const auto& locals = sliceLocals_.at({r, leaf});
    const std::vector<std::uint32_t>& inner = route.sliceLeaves[leaf];
    llvm::Value* run = builder_.CreateLoad(ptr_, locals.run);
    std::size_t fieldsPerSlice = eval::sliceFieldsOf(program_, inner);
    llvm::Value* fields = builder_.CreateInBoundsGEP(
        i8_, builder_.CreateLoad(ptr_, at(run, offsetof(eval::SliceRun, fields))),
        builder_.CreateMul(slice, builder_.getInt64(static_cast<std::int64_t>(fieldsPerSlice))));
    // Per field of the slice, in SliceCounters' order: its address and its
    // sum with what is pending.
    std::vector<std::pair<llvm::Value*, llvm::Value*>> sums;
    llvm::Value* overflows = builder_.getFalse();
    for (std::size_t position = 0; position < inner.size(); ++position) {
      std::vector<std::size_t> members = {offsetof(eval::FastCounters, seen),
                                          offsetof(eval::FastCounters, count)};
      if (program_.aggregates[inner[position]].kind == plan::AggregateKind::Ratio)
        members.push_back(offsetof(eval::FastCounters, good));
      for (std::size_t member : members) {
        llvm::Value* field = at(fields, sums.size());
        llvm::Value* sum = builder_.CreateAdd(
            builder_.CreateZExt(builder_.CreateLoad(i8_, field), i64_),
            builder_.CreateLoad(
                i64_, at(locals.pending, position * sizeof(eval::FastCounters) + member)));
        overflows =
            builder_.CreateOr(overflows, builder_.CreateICmpUGT(sum, builder_.getInt64(255)));
        sums.emplace_back(field, sum);
      }
    }
    auto* wide = block("slice_too_wide");
    auto* narrow = block("slice_in_8_bits");
    auto* done = block("slice_flushed");
    builder_.CreateCondBr(overflows, wide, narrow, rarely());

    builder_.SetInsertPoint(wide);
    call(
        helper("slac_kernel_add_slice", builder_.getVoidTy(), {ptr_, i32_, i32_, ptr_, i64_, ptr_}),
        {host_, builder_.getInt32(r), builder_.getInt32(leaf), batch_, slice, handOff(r, leaf)});
    builder_.CreateBr(done);

    builder_.SetInsertPoint(narrow);
    for (auto [field, sum] : sums)
      builder_.CreateStore(builder_.CreateTrunc(sum, i8_), field);
    builder_.CreateBr(done);
    builder_.SetInsertPoint(done);
  }

  // How a field of FastCounters adds up.
  enum class Fold { Add, Minimum, Maximum, AddWide };
  struct CountedField {
    std::size_t offset;
    Fold fold;
  };
  // Every field of FastCounters but the percentile values.
  static constexpr CountedField kEveryField[] = {
      {offsetof(eval::FastCounters, seen), Fold::Add},
      {offsetof(eval::FastCounters, count), Fold::Add},
      {offsetof(eval::FastCounters, good), Fold::Add},
      {offsetof(eval::FastCounters, judgedPending), Fold::Add},
      {offsetof(eval::FastCounters, valueCount), Fold::Add},
      {offsetof(eval::FastCounters, minimum), Fold::Minimum},
      {offsetof(eval::FastCounters, maximum), Fold::Maximum},
      {offsetof(eval::FastCounters, sum), Fold::AddWide}};

  // The value of a field that has counted nothing (FastCounters).
  llvm::Value* empty(Fold fold) {
    switch (fold) {
    case Fold::Minimum:
      return builder_.getInt64(INT64_MAX);
    case Fold::Maximum:
      return builder_.getInt64(INT64_MIN);
    case Fold::AddWide:
      return builder_.getIntN(128, 0);
    default:
      return builder_.getInt64(0);
    }
  }

  // The counters a kernel keeps apart, before it counts: every field
  // empty.
  void clearCounters(llvm::Value* counters) {
    for (const CountedField& field : kEveryField)
      builder_.CreateStore(empty(field.fold), at(counters, field.offset));
  }

  // The fields the kernel counts for `aggregate` (feedCounters,
  // flushHotRecords): the rest stay as clearCounters left them, so a flush
  // adds and clears only these. Flushing every field made half of the code
  // of the distributor's kernels before O2 (docs/performance.md, "Compile
  // time").
  std::vector<CountedField> countedFields(std::uint32_t aggregate) const {
    const plan::Aggregate& counted = program_.aggregates[aggregate];
    if (counted.stream != streamIndex_)
      return {};
    std::vector<CountedField> fields{{offsetof(eval::FastCounters, seen), Fold::Add}};
    if (counted.kind == plan::AggregateKind::Ratio) {
      fields.push_back({offsetof(eval::FastCounters, good), Fold::Add});
      if (counted.population)
        fields.push_back({offsetof(eval::FastCounters, count), Fold::Add});
      if (judgedBits_.count(aggregate))
        fields.push_back({offsetof(eval::FastCounters, judgedPending), Fold::Add});
      return fields;
    }
    fields.push_back({offsetof(eval::FastCounters, count), Fold::Add});
    if (counted.kind == plan::AggregateKind::Count || !counted.value)
      return fields;
    fields.push_back({offsetof(eval::FastCounters, valueCount), Fold::Add});
    switch (counted.kind) {
    case plan::AggregateKind::Sum:
    case plan::AggregateKind::Mean:
      fields.push_back({offsetof(eval::FastCounters, sum), Fold::AddWide});
      break;
    case plan::AggregateKind::Min:
      fields.push_back({offsetof(eval::FastCounters, minimum), Fold::Minimum});
      break;
    case plan::AggregateKind::Max:
      fields.push_back({offsetof(eval::FastCounters, maximum), Fold::Maximum});
      break;
    default: // exact percentiles: their values go to the core one by one
      break;
    }
    return fields;
  }

  // Clears, after a flush, the fields the kernel counts for `aggregate`
  // (those its route counts once for all, when `fedByRoute`, stay empty).
  void resetPending(llvm::Value* pending, std::uint32_t aggregate, bool fedByRoute = false) {
    if (fedByRoute && pendingInPlace_)
      return;
    for (const CountedField& field : countedFields(aggregate))
      if (!fedByRoute || !countsOncePerRecord(program_.aggregates[aggregate], field.offset))
        builder_.CreateStore(empty(field.fold), at(pending, field.offset));
  }

  // The registers the routes' pending counts would take through the loop:
  // each route's fed records, and each field its leaves count apart (a sum
  // two).
  std::size_t registersOfPendingCounts() const {
    std::size_t registers = fed_.size();
    for (const auto& [key, pending] : pending_) {
      std::uint32_t aggregate = routes_[key.first].leaves[key.second];
      for (const CountedField& field : countedFields(aggregate))
        if (!countsOncePerRecord(program_.aggregates[aggregate], field.offset))
          registers += field.fold == Fold::AddWide ? 2 : 1;
    }
    return registers;
  }

  // The registers the leaves over slices' counts kept apart would take
  // through the loop: each field counted per record (a sum two).
  std::size_t registersOfSlicePendingCounts() const {
    std::size_t registers = 0;
    for (const auto& [key, locals] : sliceLocals_) {
      if (!locals.pending)
        continue;
      for (std::uint32_t aggregate : routes_[key.first].sliceLeaves[key.second])
        for (const CountedField& field : countedFields(aggregate))
          if (countsPerHotRecord(program_.aggregates[aggregate], field.offset))
            registers += field.fold == Fold::AddWide ? 2 : 1;
    }
    return registers;
  }

  // Adds what the routes counted apart (the hot range's records among
  // them) to their windows' and slices' counters (counting is
  // associative), at the end of the call. The core's other calls read no
  // counter the kernel counts, and move no window but the one asked for:
  // before one the kernel flushes only what the call moves away from
  // (flushPendingOfRoute, and the leaf's slice before slac_kernel_locate_slice).
  // Each cold path that flushed everything was a copy of every flush, most
  // of a kernel's code ("Compile time" in docs/performance.md).
  void flushPending() {
    flushHotRecords();
    for (const auto& [route, fed] : fed_)
      flushWindowPending(route);
    for (const auto& [key, locals] : sliceLocals_)
      if (locals.pending)
        callSliceFlush(key.first, key.second);
  }

  // Before route `r` moves to another window: what it counted in registers
  // goes to the window it leaves.
  void flushPendingOfRoute(std::uint32_t r) {
    flushHotRecords();
    if (fed_.count(r))
      flushWindowPending(r);
  }

  // What route `r` (with leaves counted in registers) counted since its
  // last flush, added to its window's counters.
  void flushWindowPending(std::uint32_t r) {
    llvm::Value* counters = builder_.CreateLoad(ptr_, routeLocals_[r].counters);
    auto* flush = block("flush");
    auto* flushed = block("flushed");
    // No window yet: nothing was counted.
    builder_.CreateCondBr(builder_.CreateIsNotNull(counters), flush, flushed);
    builder_.SetInsertPoint(flush);
    llvm::Value* fed = fed_.at(r);
    llvm::Value* records = builder_.CreateLoad(i64_, fed);
    for (const auto& [key, pending] : pending_) {
      if (key.first != r)
        continue;
      std::uint32_t aggregate = routes_[r].leaves[key.second];
      addCounters(at(counters, key.second * sizeof(eval::FastCounters)), pending, aggregate,
                  records);
      resetPending(pending, aggregate, true);
    }
    builder_.CreateStore(builder_.getInt64(0), fed);
    builder_.CreateBr(flushed);
    builder_.SetInsertPoint(flushed);
  }

  // flushSlicePending as a call of a function of its own, one per leaf:
  // the cold paths that flush a leaf over slices (the end of the batch,
  // another run, another slice out of the hot range) held fourteen copies
  // of each flush in the cloud's kernel, most of its code (compile time
  // grows with it). The function is given the leaf's locals by value and
  // its counts in a copy (handOff), so that the kernel's can live in
  // registers; beside many other counts they stay in memory and the
  // function is given their addresses (docs/performance.md, "Compile
  // time" and "twenty-fourth session").
  void callSliceFlush(std::uint32_t r, std::uint32_t leaf) {
    llvm::Function*& flush = sliceFlushes_[{r, leaf}];
    if (!flush)
      flush = sliceFlushFunction(r, leaf);
    const SliceLocals& locals = sliceLocals_.at({r, leaf});
    if (!locals.handoff) {
      call(flush,
           {host_, batch_, locals.run, locals.counters, locals.pendingSlice, locals.pending});
      return;
    }
    // The leaf's locals by value, so that they can live in registers.
    call(flush, {host_, batch_, builder_.CreateLoad(ptr_, locals.run),
                 builder_.CreateLoad(ptr_, locals.counters),
                 builder_.CreateLoad(i64_, locals.pendingSlice), handOff(r, leaf)});
    const std::vector<std::uint32_t>& inner = routes_[r].sliceLeaves[leaf];
    for (std::size_t position = 0; position < inner.size(); ++position)
      resetPending(at(locals.pending, position * sizeof(eval::FastCounters)), inner[position]);
  }

  // What a leaf over slices counted apart, copied to the counters a call
  // may be given (SliceLocals::handoff): given the address of the counts
  // themselves, LLVM keeps them in memory, and every record of the hot
  // range waited for the store of the one before.
  llvm::Value* handOff(std::uint32_t r, std::uint32_t leaf) {
    const SliceLocals& locals = sliceLocals_.at({r, leaf});
    if (!locals.handoff)
      return locals.pending;
    const std::vector<std::uint32_t>& inner = routes_[r].sliceLeaves[leaf];
    for (std::size_t position = 0; position < inner.size(); ++position)
      for (const CountedField& field : countedFields(inner[position])) {
        llvm::Type* type = field.fold == Fold::AddWide ? i128_ : i64_;
        std::size_t offset = position * sizeof(eval::FastCounters) + field.offset;
        builder_.CreateStore(builder_.CreateLoad(type, at(locals.pending, offset)),
                             at(locals.handoff, offset));
      }
    return locals.handoff;
  }

  llvm::Function* sliceFlushFunction(std::uint32_t r, std::uint32_t leaf) {
    SliceLocals& locals = sliceLocals_.at({r, leaf});
    const bool byValue = locals.handoff != nullptr;
    auto* type = llvm::FunctionType::get(
        builder_.getVoidTy(), {ptr_, ptr_, ptr_, ptr_, byValue ? i64_ : ptr_, ptr_}, false);
    auto* flush = llvm::Function::Create(
        type, llvm::Function::InternalLinkage,
        fmt::format("{}_flush_slice_{}_{}", function_->getName().str(), r, leaf), module_);
    flush->addFnAttr(llvm::Attribute::NoInline);
    flush->addFnAttr(llvm::Attribute::NoUnwind);
    // The body is flushSlicePending's, emitted with the function's
    // arguments in place of the kernel's values.
    auto insertPoint = builder_.saveIP();
    const SliceLocals kernelLocals = locals;
    llvm::Function* kernel = function_;
    llvm::Value* kernelHost = host_;
    llvm::Value* kernelBatch = batch_;
    function_ = flush;
    host_ = flush->getArg(0);
    batch_ = flush->getArg(1);
    builder_.SetInsertPoint(block("entry"));
    auto local = [&](llvm::Type* slotType, llvm::Value* value) -> llvm::Value* {
      if (!byValue)
        return value;
      auto* slot = builder_.CreateAlloca(slotType);
      builder_.CreateStore(value, slot);
      return slot;
    };
    locals.run = local(ptr_, flush->getArg(2));
    locals.counters = local(ptr_, flush->getArg(3));
    locals.pendingSlice = local(i64_, flush->getArg(4));
    locals.pending = flush->getArg(5);
    locals.handoff = nullptr; // the counts are given in memory
    flushSlicePending(r, leaf);
    builder_.CreateRetVoid();
    locals = kernelLocals;
    function_ = kernel;
    host_ = kernelHost;
    batch_ = kernelBatch;
    builder_.restoreIP(insertPoint);
    return flush;
  }

  // counters += counted, for the fields the kernel counts for `aggregate`
  // (countedFields; not the percentile values, which kernels give the core
  // one by one); with `fed`, the records its route was fed, which the
  // fields it counts once per record take instead (countsOncePerRecord).
  void addCounters(llvm::Value* counters, llvm::Value* counted, std::uint32_t aggregate,
                   llvm::Value* fed = nullptr) {
    for (const CountedField& field : countedFields(aggregate)) {
      if (fed && pendingInPlace_ &&
          !countsOncePerRecord(program_.aggregates[aggregate], field.offset))
        continue;
      llvm::Type* type = field.fold == Fold::AddWide ? i128_ : i64_;
      auto* slot = at(counters, field.offset);
      auto* old = builder_.CreateLoad(type, slot);
      llvm::Value* added = fed && countsOncePerRecord(program_.aggregates[aggregate], field.offset)
                               ? fed
                               : builder_.CreateLoad(type, at(counted, field.offset));
      builder_.CreateStore(field.fold == Fold::Minimum   ? minimum(old, added)
                           : field.fold == Fold::Maximum ? maximum(old, added)
                                                         : builder_.CreateAdd(old, added),
                           slot);
    }
  }

  void add(llvm::Value* counters, std::size_t offset, llvm::Value* amount) {
    auto* slot = at(counters, offset);
    builder_.CreateStore(builder_.CreateAdd(builder_.CreateLoad(i64_, slot), amount), slot);
  }

  void feedCounters(llvm::Value* counters, const plan::Aggregate& aggregate,
                    const Computed& condition, const Computed& value, Counting counting) {
    auto counts = [&](std::size_t offset) {
      switch (counting) {
      case Counting::HotRecord:
        return countsPerHotRecord(aggregate, offset);
      case Counting::FedByRoute:
        return !countsOncePerRecord(aggregate, offset);
      default:
        return true;
      }
    };
    llvm::Value* holds = truth(condition.value);
    if (counts(offsetof(eval::FastCounters, seen)))
      add(counters, offsetof(eval::FastCounters, seen), builder_.getInt64(1));
    if (aggregate.kind == plan::AggregateKind::Ratio) {
      // Every condition the kernel counts is decided, or judged pending at
      // `at`: misses are the records (of the population) that are neither
      // (RecordKernel.h).
      auto index = static_cast<std::uint32_t>(&aggregate - program_.aggregates.data());
      auto member = members_.find(index);
      if (member != members_.end()) {
        add(counters, offsetof(eval::FastCounters, count), boolean(member->second));
        holds = builder_.CreateAnd(holds, member->second);
      }
      add(counters, offsetof(eval::FastCounters, good), boolean(holds));
      // Rare: a branch costs the counting less than adding 0 in memory.
      // Taken on whether the condition is unset, not on the judgement's
      // answer: that the record's path never reads the answer (0 where
      // the condition is set) saved the tickets' kernel its bit tests.
      if (auto judged = judgedConditions_.find(index); judged != judgedConditions_.end()) {
        auto* unset = block("unset");
        auto* pending = block("judged_pending");
        auto* counted = block("counted_pending");
        builder_.CreateCondBr(member != members_.end()
                                  ? builder_.CreateAnd(judged->second.unset, member->second)
                                  : judged->second.unset,
                              unset, counted, rarely());
        builder_.SetInsertPoint(unset);
        llvm::Value* misses = builder_.CreateTrunc(
            builder_.CreateLShr(judged->second.answer, judgedBits_.at(index)), i1_);
        builder_.CreateCondBr(misses, counted, pending);
        builder_.SetInsertPoint(pending);
        add(counters, offsetof(eval::FastCounters, judgedPending), builder_.getInt64(1));
        builder_.CreateBr(counted);
        builder_.SetInsertPoint(counted);
      }
      return;
    }
    if (counts(offsetof(eval::FastCounters, count)))
      add(counters, offsetof(eval::FastCounters, count), boolean(holds));
    if (aggregate.kind == plan::AggregateKind::Count || !aggregate.value)
      return;
    llvm::Value* taken = builder_.CreateAnd(holds, value.set);
    if (counts(offsetof(eval::FastCounters, valueCount)))
      add(counters, offsetof(eval::FastCounters, valueCount), boolean(taken));
    switch (aggregate.kind) {
    case plan::AggregateKind::Sum:
    case plan::AggregateKind::Mean: {
      auto* slot = at(counters, offsetof(eval::FastCounters, sum));
      llvm::Value* wide = builder_.CreateSelect(taken, builder_.CreateSExt(value.value, i128_),
                                                builder_.getIntN(128, 0));
      builder_.CreateStore(builder_.CreateAdd(builder_.CreateLoad(i128_, slot), wide), slot);
      break;
    }
    case plan::AggregateKind::Min:
    case plan::AggregateKind::Max: {
      bool isMin = aggregate.kind == plan::AggregateKind::Min;
      auto* slot = at(counters, isMin ? offsetof(eval::FastCounters, minimum)
                                      : offsetof(eval::FastCounters, maximum));
      auto* old = builder_.CreateLoad(i64_, slot);
      llvm::Value* better = isMin ? minimum(old, value.value) : maximum(old, value.value);
      builder_.CreateStore(builder_.CreateSelect(taken, better, old), slot);
      break;
    }
    default: { // exact percentile: every value is kept
      auto* keep = block("keep_value");
      auto* kept = block("kept_value");
      builder_.CreateCondBr(taken, keep, kept);
      builder_.SetInsertPoint(keep);
      call(helper("slac_kernel_add_value", builder_.getVoidTy(), {ptr_, ptr_, i64_}),
           {host_, counters, value.value});
      builder_.CreateBr(kept);
      builder_.SetInsertPoint(kept);
      break;
    }
    }
  }

  const plan::Program& program_;
  const std::vector<eval::KernelCalendar>& calendars_;
  std::uint32_t streamIndex_;
  const plan::Stream& stream_;
  const std::vector<eval::KernelRoute>& routes_;
  llvm::Module& module_;
  llvm::LLVMContext& context_;
  llvm::IRBuilder<> builder_;
  llvm::Type* i1_;
  llvm::Type* i8_;
  llvm::Type* i32_;
  llvm::Type* i64_;
  llvm::Type* i128_;
  llvm::Type* ptr_;

  llvm::Function* function_ = nullptr;
  llvm::Value* frame_ = nullptr;
  llvm::Value* values_ = nullptr;
  llvm::Value* present_ = nullptr;
  llvm::Value* knownUntil_ = nullptr;
  llvm::Value* optionalTimesUntil_ = nullptr;
  llvm::Value* firstEvent_ = nullptr;
  llvm::Value* lastEvent_ = nullptr;
  llvm::Value* routeCaches_ = nullptr;
  llvm::Value* host_ = nullptr;
  llvm::Value* calendarTable_ = nullptr; // KernelFrame::calendars
  llvm::Value* batch_ = nullptr;
  llvm::Value* afterAt_ = nullptr;
  llvm::Value* latest_ = nullptr;
  std::vector<llvm::Value*> columnValues_;
  std::vector<llvm::Value*> columnPresent_;
  llvm::PHINode* row_ = nullptr;
  llvm::Value* eventTime_ = nullptr;
  llvm::BasicBlock* slow_ = nullptr; // where a record goes to the interpreter
  bool hot_ = false;                 // emitting the hot range's record
  // Where a record is known at `at`, in the effective period and in every
  // route's window, so that the common record is one comparison away from
  // counting: [start, start + length), a length of 0 while a route has no
  // window (streams whose routes all count their own leaves without
  // groups, in one effective period).
  struct HotRange {
    llvm::Value* start;
    llvm::Value* length;
  };
  std::optional<HotRange> hotRange_;
  llvm::Value* hotRangeStale_ = nullptr; // i1: a route or slice moved (markHotRangeStale)
  // With a hot range: the records of the hot range since the last record
  // out of it (flushHotRecords).
  llvm::Value* hotRecords_ = nullptr;
  // With a hot range and slices counted apart: the narrowest width,
  // whose slices step from slice to slice in the hot range; the others
  // bound it by the slice they count in.
  std::optional<std::int64_t> steppingWidth_;
  std::vector<Computed> lets_;
  // Per ratio with a population (by aggregate index): whether the record is
  // in it.
  std::map<std::uint32_t, llvm::Value*> members_;
  // Per ratio whose unset condition the core judges at `at` (by aggregate
  // index): its bit in slac_kernel_judge's answer (findJudgedRatios).
  std::map<std::uint32_t, unsigned> judgedBits_;
  // Per such ratio: whether the record's condition is unset, and
  // slac_kernel_judge's answer (0 where no condition is unset).
  struct JudgedCondition {
    llvm::Value* unset;
    llvm::Value* answer;
  };
  std::map<std::uint32_t, JudgedCondition> judgedConditions_;
  // Per agreement: the first and last event times of this call.
  std::map<std::uint32_t, std::pair<llvm::Value*, llvm::Value*>> agreementEvents_;
  // A route's window as the core found it last: for a route without
  // groups, the fields of its RouteCache, read where they are used. Copied
  // into the kernel's frame, they were values its loop carried (six of the
  // seventeen of the distributor's survey kernel) though only the records
  // out of the hot range read them: a tenth of some kernels' compile
  // (docs/performance.md, "Compile time").
  struct RouteLocals {
    llvm::Value* start = nullptr;
    llvm::Value* end = nullptr;
    llvm::Value* counters = nullptr;
    // Routes with groups: KernelFrame::groupKeys, groupOfKey and groupCaches
    // of the route.
    llvm::Value* groupKeys = nullptr;
    llvm::Value* groupOfKey = nullptr;
    llvm::Value* groupCaches = nullptr;
  };
  std::vector<RouteLocals> routeLocals_;
  // Per route without groups that the kernel counts, per leaf of this
  // stream but exact percentiles (by route, leaf): what the call counted in
  // the window the route found last, kept in registers until flushPending.
  // Counted in memory, each record would wait for the store of the one
  // before (but see pendingInPlace_).
  std::map<std::pair<std::uint32_t, std::uint32_t>, llvm::Value*> pending_;
  // Per route with leaves in pending_: the records it was fed since the
  // window's last flush (countsOncePerRecord), in registers.
  std::map<std::uint32_t, llvm::Value*> fed_;
  // Whether the routes' pending counts keep only the records each route was
  // fed, the rest added to the windows' counters as each record is
  // counted: when they would carry more than kPendingRegisters values
  // through the loop (registersOfPendingCounts).
  bool pendingInPlace_ = false;
  // Per route without groups and leaf over slices: the SliceRun it found
  // last, with its bounds and counters, and what the call counted in one
  // slice of that run (its index, kNoPendingSlice until a record falls in
  // the run), kept apart until flushPending or a record of another slice.
  // Its address goes to the flush functions (callSliceFlush), so it lives
  // in the kernel's frame, not in registers: measured as fast.
  struct SliceLocals {
    llvm::Value* start;
    llvm::Value* end;
    llvm::Value* run;
    llvm::Value* counters;
    llvm::Value* pendingSlice = nullptr; // null for routes with groups
    llvm::Value* pending = nullptr;      // FastCounters per entry of sliceLeaves
    // As many FastCounters, the copy of `pending` a call is given (handOff).
    llvm::Value* handoff = nullptr;
  };
  static constexpr std::int64_t kNoPendingSlice = -1;
  // A short kernel pays for a count kept in memory: the probes' kernel
  // with a monthly mean instead of a ratio (three values: the records fed
  // and the sum's two halves) took 15-40 % longer with its sum added in
  // place. Beyond four the kernels are long, and the values the loop
  // carries were spilled and reloaded at every record: distributor's
  // deliveries kernel (eight) executes 95 instructions a record in place
  // against 104, and 14 % less machine code; jira's kernel (eleven) 19 %
  // less (docs/performance.md, "twenty-first session").
  static constexpr std::size_t kPendingRegisters = 4;
  std::map<std::pair<std::uint32_t, std::uint32_t>, SliceLocals> sliceLocals_; // by route, leaf
  std::map<std::pair<std::uint32_t, std::uint32_t>, llvm::Function*> sliceFlushes_;
  std::map<std::uint32_t, llvm::Value*> rowGroups_; // by route with groups: loadRowGroups
  std::vector<std::uint32_t> windowLeaders_;        // by route: windowLeaderOf
  // Per calendar asked `in`: the SlacCalendarStretch it gave last (contains).
  std::map<const eval::KernelCalendar*, llvm::Value*> stretches_;
  // Per calendar: whether it is open at the record's event time, once known
  // on every path through the record (openAtEventTime).
  std::map<const eval::KernelCalendar*, llvm::Value*> openAtEvent_;
  // The shapes of match arms being emitted, outermost first (emitMatch).
  std::vector<ArmsTaken> armsTaken_;
  // Per calendar and operand of elapsed and deadline: the
  // SlacCalendarPosition it gave last (openBefore).
  std::map<PositionKey, llvm::Value*> positions_;
  // Positions the record has asked for so far (positionKnown), with the
  // arms they were asked under.
  std::vector<std::pair<PositionKey, std::vector<ArmsTaken>>> knownPositions_;
  // Per deadline, and per arm of the shape of match arms it is emitted in
  // (kNoArm outside any): the SlacCalendarReach its calendar gave last
  // (reachCache); for a shape whose arms index (indexesByArm), under its
  // first arm, an array of them, one per case from there.
  static constexpr std::size_t kNoArm = ~std::size_t{0};
  std::map<std::pair<const plan::Expr*, std::size_t>, llvm::Value*> reaches_;
  // While a shape of match arms is emitted (emitShape): its first arm's
  // constants that the subject chooses, and the value chosen.
  std::map<const plan::Expr*, llvm::Value*> chosenConstants_;
};

} // namespace

GeneratedKernel generateKernel(const eval::KernelRequest& request, std::uint32_t stream,
                               llvm::LLVMContext& context) {
  GeneratedKernel generated;
  std::string name = fmt::format("slac_kernel_{}", stream);
  auto module = std::make_unique<llvm::Module>(name, context);
  StreamKernel kernel(request, stream, *module);
  if (auto reason = kernel.check()) {
    generated.interpreted = *reason;
    return generated;
  }
  kernel.generate(name);
  generated.module = std::move(module);
  generated.function = std::move(name);
  std::vector<std::string> routes = kernel.interpretedRoutes();
  if (!routes.empty())
    generated.interpreted = fmt::format("routed by the interpreter: {}", fmt::join(routes, "; "));
  return generated;
}

} // namespace slac::jit
