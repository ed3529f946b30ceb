#include "ingest/CommonSpelling.h"

#include "ingest/ShortWord.h"

#include <array>
#include <charconv>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace slac::ingest {

namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;
// Years 0001-9999, the calendar engine's range, as timeValue checks it.
constexpr std::int64_t kFirstMicros = -62'135'596'800'000'000;
constexpr std::int64_t kLastMicros = 253'402'300'799'999'999;

constexpr std::int64_t kPowersOfTen[] = {1,
                                         10,
                                         100,
                                         1'000,
                                         10'000,
                                         100'000,
                                         1'000'000,
                                         10'000'000,
                                         100'000'000,
                                         1'000'000'000,
                                         10'000'000'000,
                                         100'000'000'000,
                                         1'000'000'000'000,
                                         10'000'000'000'000,
                                         100'000'000'000'000,
                                         1'000'000'000'000'000,
                                         10'000'000'000'000'000,
                                         100'000'000'000'000'000,
                                         1'000'000'000'000'000'000};

unsigned digitAt(const char* at) {
  return static_cast<unsigned>(static_cast<unsigned char>(*at)) - '0';
}

// `count` digits at `at`; false when one is not a digit. The sum is kept
// in a local: `value` may alias the text (a char may alias anything), and
// written back per digit it put a store and a load on every digit's path.
bool readDigits(const char* at, int count, unsigned& value) {
  unsigned sum = 0;
  for (int i = 0; i < count; ++i) {
    unsigned digit = digitAt(at + i);
    if (digit > 9)
      return false;
    sum = sum * 10 + digit;
  }
  value = sum;
  return true;
}

// Whether the 8 bytes of `bytes` (little-endian, as loaded) are all
// digits, and then their value. A digit run's multiply-add chain costs a
// few cycles a digit: an epoch time's ten digits took a tenth of reading
// the cloud probes.
[[gnu::always_inline]] inline bool eightDigitsValue(std::uint64_t bytes, std::uint64_t& value) {
  // Each byte 0x30-0x39: its high nibble 3, and adding 6 keeps it 3.
  constexpr std::uint64_t kHighNibbles = 0xF0F0F0F0F0F0F0F0;
  if ((bytes & kHighNibbles) != 0x3030303030303030 ||
      ((bytes + 0x0606060606060606) & kHighNibbles) != 0x3030303030303030)
    return false;
  // The first digit is the lowest byte. Pairs by a multiply-add on every
  // lane, then the four pairs weighted and summed by two multiplications
  // into the high half (D. Lemire's, as simdjson reads eight digits).
  bytes -= 0x3030303030303030;
  bytes = bytes * 10 + (bytes >> 8);
  constexpr std::uint64_t kPairs = 0x000000FF000000FF;  // pairs 0 and 2, as lanes
  constexpr std::uint64_t kFirstWeights = 100 + (1'000'000ULL << 32);
  constexpr std::uint64_t kSecondWeights = 1 + (10'000ULL << 32);
  value = ((bytes & kPairs) * kFirstWeights + ((bytes >> 16) & kPairs) * kSecondWeights) >> 32;
  return true;
}

[[gnu::always_inline]] inline bool readEightDigits(const char* at, std::uint64_t& value) {
  std::uint64_t bytes = 0;
  std::memcpy(&bytes, at, 8);
  return eightDigitsValue(bytes, value);
}

// Exactly `size` digits at `at`, 9 to 16 of them (an epoch time in
// seconds has 10, in milliseconds 13): two words, the first eight bytes
// and the last eight, the second's bytes that the first holds taken as
// zeros: no loop and no division (the cloud's probes on one thread 3.5 %
// faster than through readRun).
[[gnu::always_inline]] inline bool readNineToSixteenDigits(const char* at, std::size_t size,
                                                           std::int64_t& value) {
  std::uint64_t high = 0;
  if (size == 10) {
    // Epoch seconds until 2286: the last two digits read as an instant's
    // are, not as a second word of eight.
    unsigned last = 0;
    if (!readEightDigits(at, high) || !readDigits(at + 8, 2, last))
      return false;
    value = static_cast<std::int64_t>(high * 100 + last);
    return true;
  }
  std::uint64_t bytes = 0;
  std::memcpy(&bytes, at + size - 8, 8);
  std::size_t rest = size - 8; // the last word's own digits: its highest bytes
  std::uint64_t own = ~std::uint64_t{0} << (8 * (8 - rest));
  std::uint64_t low = 0;
  if (!readEightDigits(at, high) ||
      !eightDigitsValue((bytes & own) | (0x3030303030303030 & ~own), low))
    return false;
  value = static_cast<std::int64_t>(high) * kPowersOfTen[rest] + static_cast<std::int64_t>(low);
  return true;
}

// Digits from `at` up to the first non-digit, at most `most` of them:
// their value and how many there were (0 when more than `most`).
int readRun(std::string_view text, std::size_t& at, int most, std::int64_t& value) {
  std::int64_t sum = 0; // in a local, as in readDigits
  std::size_t next = at;
  int count = 0;
  for (std::uint64_t eight = 0;
       count + 8 <= most && text.size() - next >= 8 && readEightDigits(&text[next], eight);
       next += 8, count += 8)
    sum = sum * 100'000'000 + static_cast<std::int64_t>(eight);
  for (; next < text.size(); ++next, ++count) {
    unsigned digit = digitAt(&text[next]);
    if (digit > 9)
      break;
    if (count == most)
      return 0;
    sum = sum * 10 + digit;
  }
  at = next;
  value = sum;
  return count;
}

constexpr bool isLeapYear(unsigned year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

constexpr unsigned kDaysInMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

[[gnu::always_inline]] inline unsigned daysInMonth(unsigned year, unsigned month) {
  return month == 2 && isLeapYear(year) ? 29 : kDaysInMonth[month - 1];
}

// Days since 1970-01-01 of a valid date (H. Hinnant, days_from_civil).
constexpr std::int64_t daysFromCivil(unsigned year, unsigned month, unsigned day) {
  int y = static_cast<int>(year) - (month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  auto yearOfEra = static_cast<unsigned>(y - era * 400);
  unsigned dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  unsigned dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
  return std::int64_t{era} * 146'097 + static_cast<std::int64_t>(dayOfEra) - 719'468;
}

// The first days of the months of 1970-2099, where nearly all data is.
constexpr int kFirstTabledYear = 1970;
constexpr int kTabledYears = 130;
constexpr auto kMonthStarts = [] {
  std::array<std::int32_t, kTabledYears * 12> starts{};
  for (int year = 0; year < kTabledYears; ++year)
    for (unsigned month = 1; month <= 12; ++month)
      starts[static_cast<std::size_t>(year * 12) + month - 1] = static_cast<std::int32_t>(
          daysFromCivil(static_cast<unsigned>(kFirstTabledYear + year), month, 1));
  return starts;
}();

// Days since 1970-01-01 of the first day of a valid month.
[[gnu::always_inline]] inline std::int64_t daysOfMonth(unsigned year, unsigned month) {
  auto tabled = static_cast<unsigned>(static_cast<int>(year) - kFirstTabledYear);
  if (tabled < kTabledYears)
    return kMonthStarts[tabled * 12 + month - 1];
  return daysFromCivil(year, month, 1);
}

// `YYYY-MM-DD` at the start of `text`, a date of the years 0001-9999.
bool readDate(const char* text, std::int64_t& days) {
  unsigned year = 0, month = 0, day = 0;
  if (!readDigits(text, 4, year) || text[4] != '-' || !readDigits(text + 5, 2, month) ||
      text[7] != '-' || !readDigits(text + 8, 2, day))
    return false;
  if (year == 0 || month == 0 || month > 12 || day == 0 || day > daysInMonth(year, month))
    return false;
  days = daysFromCivil(year, month, day);
  return true;
}

#if defined(__SSE2__)
// `YYYY-MM-DDTHH:MM` in the first 16 bytes of `at`, checked in one vector:
// digits where digits go, `-`, `T` and `:` between them.
bool hasDateTimeShape(const char* at) {
  const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
  const __m128i punctuation = _mm_setr_epi8(0, 0, 0, 0, '-', 0, 0, '-', 0, 0, 'T', 0, 0, ':', 0, 0);
  const __m128i isPunctuation = _mm_setr_epi8(0, 0, 0, 0, -1, 0, 0, -1, 0, 0, -1, 0, 0, -1, 0, 0);
  __m128i digits = _mm_and_si128(_mm_cmpgt_epi8(bytes, _mm_set1_epi8('0' - 1)),
                                 _mm_cmplt_epi8(bytes, _mm_set1_epi8('9' + 1)));
  __m128i good = _mm_or_si128(_mm_andnot_si128(isPunctuation, digits),
                              _mm_and_si128(isPunctuation, _mm_cmpeq_epi8(bytes, punctuation)));
  return _mm_movemask_epi8(good) == 0xFFFF;
}
#endif

// The fraction and zone of an instant after its `...:SS` (`size` bytes from
// `at` in all, at least 20), whose fields are read and valid.
[[gnu::noinline]] bool readFractionAndZone(const char* at, std::size_t size, std::int64_t days,
                                           unsigned hours, unsigned minutes, unsigned seconds,
                                           std::int64_t& micros) {
  std::string_view text(at, size);
  std::size_t pos = 19;
  std::int64_t fraction = 0;
  if (text[pos] == '.') {
    ++pos;
    int digits = readRun(text, pos, 6, fraction);
    if (digits == 0)
      return false;
    fraction *= kPowersOfTen[6 - digits];
  }
  std::string_view zone = text.substr(pos);
  std::int64_t offsetMinutes = 0;
  if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    unsigned offsetHours = 0, offsetRest = 0;
    if (!readDigits(zone.data() + 1, 2, offsetHours) ||
        !readDigits(zone.data() + 4, 2, offsetRest) || offsetRest > 59 ||
        offsetHours * 60 + offsetRest > 14 * 60)
      return false;
    offsetMinutes = (zone[0] == '-' ? -1 : 1) * std::int64_t{offsetHours * 60 + offsetRest};
  } else if (zone != "Z" && zone != "z") {
    return false;
  }
  micros =
      days * kMicrosPerDay +
      ((std::int64_t{hours} * 60 + minutes - offsetMinutes) * 60 + seconds) * kMicrosPerSecond +
      fraction;
  return true;
}

// An instant (as readInstant) in any shape but the common one at once.
[[gnu::noinline]] bool readInstantSlowly(const char* at, std::size_t size, std::int64_t& micros) {
  std::int64_t days = 0;
  unsigned hours = 0, minutes = 0, seconds = 0;
  if (!readDate(at, days) || (at[10] != 'T' && at[10] != 't') || !readDigits(at + 11, 2, hours) ||
      at[13] != ':' || !readDigits(at + 14, 2, minutes) || at[16] != ':' ||
      !readDigits(at + 17, 2, seconds) || hours > 23 || minutes > 59 || seconds > 59)
    return false;
  return readFractionAndZone(at, size, days, hours, minutes, seconds, micros);
}

// `2026-03-01T08:00:00Z`, `2026-03-01T08:00:00.25+01:00`: what parseInstant
// reads, for fractions of up to 6 digits and valid fields. Inlined into
// CommonSpelling::appendRecord's loop, where it is most of the work; the
// text is a pointer and a size (as a string_view, GCC copied it through
// the stack on every call, and the copy stalled). `minute` is the field's
// last minute read: an instant of the same minute, `...:SSZ`, is read from
// its seconds alone (CommonSpelling::MinuteMemo).
[[gnu::always_inline]] inline bool readInstant(const char* at, std::size_t size,
                                               CommonSpelling::MinuteMemo& minute,
                                               std::int64_t& micros) {
  if (size < 20)
    return false;
  // What the functions not inlined read goes through `read`: given
  // `micros`, the caller's value, GCC kept that in memory on every path.
  std::int64_t read = 0;
  bool valid = false;
  std::uint64_t low = 0, high = 0;
  std::memcpy(&low, at, 8);
  std::memcpy(&high, at + 8, 8);
  unsigned seconds = 0;
  if (low == minute.low && high == minute.high && size == 20 && at[16] == ':' && at[19] == 'Z' &&
      readDigits(at + 17, 2, seconds) && seconds <= 59) {
    micros = minute.micros + std::int64_t{seconds} * kMicrosPerSecond;
    return true;
  }
#if defined(__SSE2__)
  // The common case at once; a lower case `t` and every error go the long way.
  if (hasDateTimeShape(at) && at[16] == ':') {
    auto digit = [&](int i) { return static_cast<unsigned>(at[i] - '0'); };
    unsigned year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
    unsigned month = digit(5) * 10 + digit(6);
    unsigned day = digit(8) * 10 + digit(9);
    if (year == 0 || month == 0 || month > 12 || day == 0 || day > daysInMonth(year, month))
      return false;
    std::int64_t days = daysOfMonth(year, month) + day - 1;
    unsigned hours = digit(11) * 10 + digit(12);
    unsigned minutes = digit(14) * 10 + digit(15);
    if (hours > 23 || minutes > 59)
      return false;
    minute = {low, high,
              days * kMicrosPerDay + (std::int64_t{hours} * 60 + minutes) * 60 * kMicrosPerSecond};
    if (!readDigits(at + 17, 2, seconds) || seconds > 59)
      return false;
    // `...:SSZ`, nearly all data: no fraction, no offset.
    if (size == 20 && at[19] == 'Z') {
      micros = minute.micros + std::int64_t{seconds} * kMicrosPerSecond;
      return true;
    }
    valid = readFractionAndZone(at, size, days, hours, minutes, seconds, read);
    micros = read;
    return valid;
  }
#endif
  valid = readInstantSlowly(at, size, read);
  micros = read;
  return valid;
}

// `[-]digits[<mark>digits]` with at most `wholeDigits` digits before the
// mark, `fractionDigits` after it (none: no mark) and 18 in all: the digits
// as one integer, exactly, and how many follow the mark.
bool readDecimal(std::string_view text, char mark, int wholeDigits, int fractionDigits,
                 std::int64_t& units, int& scale, bool& negative) {
  negative = !text.empty() && text.front() == '-';
  std::size_t pos = negative ? 1 : 0;
  int whole = readRun(text, pos, wholeDigits, units);
  if (whole == 0)
    return false;
  scale = 0;
  if (fractionDigits > 0 && pos < text.size() && text[pos] == mark) {
    ++pos;
    std::int64_t fraction = 0;
    scale = readRun(text, pos, fractionDigits, fraction);
    if (scale == 0 || whole + scale > 18)
      return false;
    units = units * kPowersOfTen[scale] + fraction;
  }
  return pos == text.size();
}

bool isAscii(std::string_view text) {
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, 8);
    if ((word & 0x8080808080808080) != 0)
      return false;
  }
  for (; i < text.size(); ++i)
    if (static_cast<unsigned char>(text[i]) >= 0x80)
      return false;
  return true;
}

// `-?[0-9]{1,9}`: a whole number of a duration's unit, in µs. Nine digits
// of hours still fit in 64 bits; fractions, signs other than `-`, blanks
// and longer numbers are convertValue's.
[[gnu::always_inline]] inline bool readWholeUnits(std::string_view text, std::int64_t unitMicros,
                                                  std::int64_t& micros) {
  bool negative = text.front() == '-';
  std::string_view digits = negative ? text.substr(1) : text;
  if (digits.empty() || digits.size() > 9)
    return false;
  std::int64_t value = 0;
  for (char digit : digits) {
    if (digit < '0' || digit > '9')
      return false;
    value = value * 10 + (digit - '0');
  }
  micros = (negative ? -value : value) * unitMicros;
  return true;
}

// `true`, `false` in any case, `1`, `0`: setting bit 5 of a byte makes
// exactly its two cases of a letter the lower case one.
[[gnu::always_inline]] inline bool readBool(std::string_view text, std::int64_t& value) {
  constexpr std::uint32_t kLowerCase = 0x20202020;
  std::uint32_t word = 0;
  if (text.size() == 4) {
    std::memcpy(&word, text.data(), 4);
    std::uint32_t lowerTrue = 0;
    std::memcpy(&lowerTrue, "true", 4);
    value = 1;
    return (word | kLowerCase) == lowerTrue;
  }
  if (text.size() == 5) {
    std::memcpy(&word, text.data() + 1, 4);
    std::uint32_t lowerAlse = 0;
    std::memcpy(&lowerAlse, "alse", 4);
    value = 0;
    return (text[0] | 0x20) == 'f' && (word | kLowerCase) == lowerAlse;
  }
  value = text == "1";
  return text == "1" || text == "0";
}

} // namespace

CommonSpelling::CommonSpelling(const plan::Program& program, const plan::Field& field,
                               const FieldSpelling& spelling, bool kept)
    : kept_(kept), optional_(field.type.optional), appendsPresent_(kept && field.type.optional),
      decimalMark_(spelling.decimalMark) {
  switch (field.type.kind) {
  case plan::TypeKind::Time:
    if (!field.timeFormat.empty())
      break;
    if (field.format == plan::FieldFormat::Default)
      shape_ = Shape::Instant;
    else if (field.format == plan::FieldFormat::EpochSeconds)
      shape_ = Shape::Epoch, epochDigits_ = 6;
    else if (field.format == plan::FieldFormat::EpochMillis)
      shape_ = Shape::Epoch, epochDigits_ = 3;
    else if (field.format == plan::FieldFormat::EpochMicros)
      shape_ = Shape::Epoch, epochDigits_ = 0;
    break;
  case plan::TypeKind::Duration:
    if (field.format != plan::FieldFormat::Default) {
      shape_ = Shape::WholeUnits;
      unitMicros_ = microsPerUnit(field.format);
    }
    break;
  case plan::TypeKind::Bool:
    shape_ = Shape::Bool;
    break;
  case plan::TypeKind::Int:
    shape_ = Shape::Int;
    break;
  case plan::TypeKind::Number:
    shape_ = Shape::Number;
    break;
  case plan::TypeKind::Percent:
    shape_ = Shape::Percent;
    break;
  case plan::TypeKind::Money:
    shape_ = field.format == plan::FieldFormat::CurrencyColumn ? Shape::CurrencyCode : Shape::Money;
    currency_ = plan::currencySpelling(field.type.detail);
    break;
  case plan::TypeKind::Date:
    shape_ = Shape::Date;
    break;
  case plan::TypeKind::Enum: {
    shape_ = Shape::Enum;
    const plan::Enum& cases = program.enums[field.type.detail];
    for (std::uint32_t index = 0; index < cases.spellings.size(); ++index)
      for (const std::string& written : cases.spellings[index]) {
        if (written.size() <= 8)
          shortSpellings_.push_back(
              {shortWordOf(written), static_cast<std::uint32_t>(written.size()), index});
        else
          longSpellings_.emplace_back(written, index);
      }
    break;
  }
  case plan::TypeKind::String:
    shape_ = Shape::Text;
    break;
  default:
    break;
  }
}

bool CommonSpelling::enumCase(std::string_view text, std::int64_t& index) const {
  // Other cases are found by convertValue, which folds ASCII letters.
  if (text.size() <= 8) {
    std::uint64_t word = shortWordOf(text);
    for (const ShortSpelling& spelling : shortSpellings_)
      if (spelling.word == word && spelling.size == text.size()) {
        index = spelling.index;
        return true;
      }
    return false;
  }
  for (const auto& [spelling, caseIndex] : longSpellings_)
    if (spelling == text) {
      index = caseIndex;
      return true;
    }
  return false;
}

bool CommonSpelling::appendAsciiText(std::string_view text, Column& column) const {
  if (!kept_)
    return true;
  // A coded column holds no string between records.
  if (codes_ && column.strings.empty() && codes_->appendCode(text, column))
    return true;
  column.strings.emplace_back(text);
  return true;
}

template <CommonSpelling::Shape kShape>
bool CommonSpelling::appendAs(std::string_view text, Column& column) const {
  std::int64_t integer = 0;
  if constexpr (kShape == Shape::None) {
    return false;
  } else if constexpr (kShape == Shape::Instant) {
    if (!readInstant(text.data(), text.size(), minute_, integer))
      return false;
  } else if constexpr (kShape == Shape::Epoch) {
    // At most 18 digits with the unit's: 12 for seconds, 15 for ms.
    std::size_t mostDigits = static_cast<std::size_t>(18 - epochDigits_);
    if (text.size() < 9 || text.size() > std::min<std::size_t>(16, mostDigits) ||
        !readNineToSixteenDigits(text.data(), text.size(), integer)) {
      // In a local of its own: `integer`'s address taken, GCC kept it in
      // memory on the common path too (a store and a load per value).
      std::int64_t digits = 0;
      int scale = 0;
      bool negative = false;
      if (!readDecimal(text, '\0', 18 - epochDigits_, 0, digits, scale, negative))
        return false;
      integer = negative ? -digits : digits;
    }
    integer *= kPowersOfTen[epochDigits_];
    if (integer < kFirstMicros || integer > kLastMicros)
      return false;
  } else if constexpr (kShape == Shape::WholeUnits) {
    if (!readWholeUnits(text, unitMicros_, integer))
      return false;
  } else if constexpr (kShape == Shape::Bool) {
    if (!readBool(text, integer))
      return false;
  } else if constexpr (kShape == Shape::Int) {
    auto [end, status] = std::from_chars(text.data(), text.data() + text.size(), integer);
    if (status != std::errc() || end != text.data() + text.size())
      return false;
  } else if constexpr (kShape == Shape::Number) {
    int scale = 0;
    bool negative = false;
    if (!readDecimal(text, decimalMark_, 18, 18, integer, scale, negative))
      return false;
    int exponent = -scale;
    if (integer == 0) {
      exponent = 0;
    } else {
      for (; integer % 10 == 0; integer /= 10)
        ++exponent;
    }
    if (kept_) {
      column.integers.push_back(negative ? -integer : integer);
      column.exponents.push_back(static_cast<std::int8_t>(exponent));
    }
    return true;
  } else if constexpr (kShape == Shape::Percent) {
    std::string_view digits = text.ends_with('%') ? text.substr(0, text.size() - 1) : text;
    int scale = 0;
    bool negative = false;
    if (!readDecimal(digits, decimalMark_, 12, 6, integer, scale, negative))
      return false;
    integer *= kPowersOfTen[6 - scale];
    integer = negative ? -integer : integer;
  } else if constexpr (kShape == Shape::Money) {
    // `12.50 EUR` with one space and the field's own code; other shapes
    // and codes are convertValue's.
    std::string_view amount = text;
    if (text.size() > 4 && text[text.size() - 4] == ' ' && text.ends_with(currency_))
      amount = text.substr(0, text.size() - 4);
    int scale = 0;
    bool negative = false;
    if (!readDecimal(amount, decimalMark_, 12, 6, integer, scale, negative))
      return false;
    integer *= kPowersOfTen[6 - scale];
    integer = negative ? -integer : integer;
  } else if constexpr (kShape == Shape::CurrencyCode) {
    if (text != currency_)
      return false;
  } else if constexpr (kShape == Shape::Date) {
    if (text.size() != 10 || !readDate(text.data(), integer))
      return false;
  } else if constexpr (kShape == Shape::Enum) {
    if (!enumCase(text, integer))
      return false;
  } else {
    static_assert(kShape == Shape::Text);
    return isAscii(text) && appendAsciiText(text, column);
  }
  if (kept_) {
    if constexpr (kShape == Shape::Bool)
      column.bools.push_back(static_cast<std::uint8_t>(integer));
    else
      column.integers.push_back(integer);
  }
  return true;
}

// Calls `apply` with the field's shape as a constant: the shape's code
// alone, without a dispatch per value.
template <class Apply> decltype(auto) CommonSpelling::withShape(Apply apply) const {
  switch (shape_) {
  case Shape::None:
    return apply(std::integral_constant<Shape, Shape::None>{});
  case Shape::Instant:
    return apply(std::integral_constant<Shape, Shape::Instant>{});
  case Shape::Epoch:
    return apply(std::integral_constant<Shape, Shape::Epoch>{});
  case Shape::WholeUnits:
    return apply(std::integral_constant<Shape, Shape::WholeUnits>{});
  case Shape::Bool:
    return apply(std::integral_constant<Shape, Shape::Bool>{});
  case Shape::Int:
    return apply(std::integral_constant<Shape, Shape::Int>{});
  case Shape::Number:
    return apply(std::integral_constant<Shape, Shape::Number>{});
  case Shape::Percent:
    return apply(std::integral_constant<Shape, Shape::Percent>{});
  case Shape::Money:
    return apply(std::integral_constant<Shape, Shape::Money>{});
  case Shape::CurrencyCode:
    return apply(std::integral_constant<Shape, Shape::CurrencyCode>{});
  case Shape::Date:
    return apply(std::integral_constant<Shape, Shape::Date>{});
  case Shape::Enum:
    return apply(std::integral_constant<Shape, Shape::Enum>{});
  case Shape::Text:
    break;
  }
  return apply(std::integral_constant<Shape, Shape::Text>{});
}

bool CommonSpelling::appendInline(std::string_view text, Column& column) const {
  return withShape([&](auto shape) __attribute__((always_inline)) {
    return appendAs<decltype(shape)::value>(text, column);
  });
}

template <CommonSpelling::Shape kShape>
std::size_t CommonSpelling::appendCellsAs(const PlainRun& run, std::size_t cell, std::size_t rows,
                                          Column& column) const {
  // The run's places in locals: a value appended is a store GCC must
  // assume may change them (a size_t and an int64_t may alias).
  const char* bytes = run.bytes;
  const PlainRun::Cell* places = run.cells.data() + cell;
  const std::size_t stride = run.cellsPerRecord;
  auto appendEach = [&](auto append) __attribute__((always_inline)) {
    std::size_t row = 0;
    for (; row < rows; ++row, places += stride) {
      std::string_view text(bytes + places->start, places->end - places->start);
      if (text.empty()) [[unlikely]] {
        // Unset, as convertValue leaves an optional field's empty cell
        // (RecordBatch.h); a text's empty cell is convertValue's.
        if (!optional_ || kShape == Shape::Text)
          break;
        if (kept_) {
          if constexpr (kShape == Shape::Bool)
            column.bools.push_back(0);
          else
            column.integers.push_back(0);
          if (kShape == Shape::Number)
            column.exponents.push_back(0);
          column.present.push_back(0);
        }
        continue;
      }
      if (!append(text))
        break;
      if (appendsPresent_)
        column.present.push_back(1);
    }
    return row;
  };
  // In a run of ASCII bytes, a text field's values need no check (one
  // not kept, nothing but its empty cells found).
  if constexpr (kShape == Shape::Text)
    if (run.ascii)
      return appendEach([&](std::string_view text) __attribute__((always_inline)) {
        return appendAsciiText(text, column);
      });
  return appendEach([&](std::string_view text) __attribute__((always_inline)) {
    return appendAs<kShape>(text, column);
  });
}

std::size_t CommonSpelling::appendCells(const PlainRun& run, std::size_t cell, std::size_t rows,
                                        Column& column) const {
  // A function per shape: one holding every shape's loop was too large
  // for GCC to inline the small calls in each.
  return withShape([&](auto shape) __attribute__((always_inline)) {
    return appendCellsAs<decltype(shape)::value>(run, cell, rows, column);
  });
}

bool CommonSpelling::append(std::string_view text, Column& column) const {
  return appendInline(text, column);
}

std::size_t CommonSpelling::appendRecord(const CommonSpelling* spellings, std::size_t fields,
                                         const std::string_view* cells,
                                         const std::size_t* cellOfField, Column* columns) {
  for (std::size_t field = 0; field < fields; ++field) {
    std::string_view text = cells[cellOfField[field]];
    const CommonSpelling& spelling = spellings[field];
    if (text.empty() || !spelling.appendInline(text, columns[field]))
      return field;
    if (spelling.appendsPresent_)
      columns[field].present.push_back(1);
  }
  return fields;
}

} // namespace slac::ingest
