#include "eval/KeptRecord.h"

#include <cstring>
#include <type_traits>

namespace slac::eval {

namespace {

constexpr std::size_t kWordBytes = sizeof(std::uint64_t);
static_assert(std::is_trivially_copyable_v<Rational>);
constexpr std::size_t kFractionWords = (sizeof(Rational) + kWordBytes - 1) / kWordBytes;

std::size_t wordsFor(std::size_t bytes) {
  return (bytes + kWordBytes - 1) / kWordBytes;
}

enum class Packing { Whole, Fraction, Text };

Packing packingOf(plan::TypeKind kind) {
  switch (kind) {
  case plan::TypeKind::String:
    return Packing::Text;
  case plan::TypeKind::Number:
  case plan::TypeKind::Percent:
  case plan::TypeKind::Money:
    return Packing::Fraction;
  default:
    return Packing::Whole;
  }
}

} // namespace

KeptRecord::KeptRecord(std::uint32_t streamIndex, std::uint32_t inputSource,
                       std::uint64_t inputLine, const plan::Stream& schema,
                       const std::vector<Value>& fields, const std::vector<bool>& kept)
    : stream(streamIndex), source(inputSource), line(inputLine) {
  std::size_t bitWords = (fields.size() + 63) / 64;
  std::size_t size = bitWords;
  for (std::size_t field = 0; field < fields.size(); ++field) {
    if (!kept[field] || !fields[field].isSet())
      continue;
    switch (packingOf(schema.fields[field].type.kind)) {
    case Packing::Whole:
      size += 1;
      break;
    case Packing::Fraction:
      size += kFractionWords;
      break;
    case Packing::Text:
      size += 1 + wordsFor(fields[field].text.size());
      break;
    }
  }
  words_ = std::make_unique<std::uint64_t[]>(size);
  std::uint64_t* at = words_.get() + bitWords;
  for (std::size_t field = 0; field < fields.size(); ++field) {
    const Value& value = fields[field];
    if (!kept[field] || !value.isSet())
      continue;
    words_[field / 64] |= std::uint64_t{1} << (field % 64);
    switch (packingOf(schema.fields[field].type.kind)) {
    case Packing::Whole:
      *at++ = static_cast<std::uint64_t>(static_cast<std::int64_t>(value.exact.floor()));
      break;
    case Packing::Fraction:
      std::memcpy(at, &value.exact, sizeof(Rational));
      at += kFractionWords;
      break;
    case Packing::Text:
      *at++ = value.text.size();
      if (!value.text.empty())
        std::memcpy(at, value.text.data(), value.text.size());
      at += wordsFor(value.text.size());
      break;
    }
  }
}

std::vector<Value> KeptRecord::fields(const plan::Stream& schema) const {
  std::vector<Value> fields;
  fields.reserve(schema.fields.size());
  std::size_t bitWords = (schema.fields.size() + 63) / 64;
  const std::uint64_t* at = words_.get() + bitWords;
  for (std::size_t field = 0; field < schema.fields.size(); ++field) {
    if (!(words_[field / 64] >> (field % 64) & 1)) {
      fields.push_back(Value::unset());
      continue;
    }
    switch (packingOf(schema.fields[field].type.kind)) {
    case Packing::Whole:
      fields.push_back(Value::of(Rational(static_cast<std::int64_t>(*at++))));
      break;
    case Packing::Fraction: {
      Rational exact;
      std::memcpy(static_cast<void*>(&exact), at, sizeof(Rational)); // trivially copyable
      at += kFractionWords;
      fields.push_back(Value::of(exact));
      break;
    }
    case Packing::Text: {
      std::size_t size = *at++;
      fields.push_back(Value::ofText(std::string(reinterpret_cast<const char*>(at), size)));
      at += wordsFor(size);
      break;
    }
    }
  }
  return fields;
}

} // namespace slac::eval
