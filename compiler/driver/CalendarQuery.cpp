#include "driver/CalendarQuery.h"

#include "parse/Literals.h"

#include <fmt/format.h>
#include <vector>

namespace slac::driver {

namespace {

struct Word {
  std::string_view text;
  std::size_t column;
};

std::vector<Word> splitWords(std::string_view line) {
  std::vector<Word> words;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
      ++i;
    std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
      ++i;
    if (i > start)
      words.push_back({line.substr(start, i - start), start + 1});
  }
  return words;
}

using Parsed = std::variant<std::monostate, CalendarQuery, QueryError>;

// The shapes are checked here; decoding then validates the values.
class ShapeReader {
public:
  explicit ShapeReader(std::string_view text) : text_(text) {}

  bool digits(std::size_t count) {
    for (std::size_t i = 0; i < count; ++i, ++pos_)
      if (pos_ >= text_.size() || !isDigit(text_[pos_]))
        return false;
    return true;
  }
  std::size_t someDigits() {
    std::size_t start = pos_;
    while (pos_ < text_.size() && isDigit(text_[pos_]))
      ++pos_;
    return pos_ - start;
  }
  bool literal(char c) { return pos_ < text_.size() && text_[pos_] == c && ++pos_; }
  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word)
      return false;
    pos_ += word.size();
    return true;
  }
  bool done() const { return pos_ == text_.size(); }

private:
  static bool isDigit(char c) { return c >= '0' && c <= '9'; }
  std::string_view text_;
  std::size_t pos_ = 0;
};

// `2026-03-06T17:30`, optional `:00` and `.250`, then `Z` or `+01:00`.
bool hasInstantShape(std::string_view text) {
  ShapeReader in(text);
  if (!(in.digits(4) && in.literal('-') && in.digits(2) && in.literal('-') && in.digits(2) &&
        in.literal('T') && in.digits(2) && in.literal(':') && in.digits(2)))
    return false;
  if (in.literal(':')) {
    if (!in.digits(2))
      return false;
    if (in.literal('.') && in.someDigits() == 0)
      return false;
  }
  if (in.literal('Z'))
    return in.done();
  if (!in.literal('+') && !in.literal('-'))
    return false;
  return in.digits(2) && in.literal(':') && in.digits(2) && in.done();
}

// `90m`, `1h30m`, `1.5h`, `250ms`.
bool hasDurationShape(std::string_view text) {
  ShapeReader in(text);
  do {
    if (in.someDigits() == 0)
      return false;
    if (in.literal('.') && in.someDigits() == 0)
      return false;
    if (!(in.literal("us") || in.literal("ms") || in.literal('s') || in.literal('m') ||
          in.literal('h') || in.literal('d') || in.literal('w')))
      return false;
  } while (!in.done());
  return true;
}

std::variant<calendar::Instant, QueryError> instantAt(const Word& word) {
  std::string text(word.text);
  if (!hasInstantShape(text))
    return QueryError{word.column, fmt::format("`{}` is not an instant; write RFC 3339 with an "
                                               "offset, like `2026-03-06T17:30:00+01:00`",
                                               word.text)};
  auto decoded = parse::decodeDateTime(text);
  if (!decoded.ok())
    return QueryError{word.column,
                      fmt::format("`{}` is not an instant: {}", word.text, decoded.error())};
  return decoded.value().epochMicros;
}

QueryError usage(std::size_t column, std::string_view what) {
  return QueryError{column, fmt::format("{}; queries are `in T`, `elapsed A B` and "
                                        "`deadline A DURATION`",
                                        what)};
}

QueryError notADuration(const Word& word) {
  return QueryError{word.column, fmt::format("`{}` is not a duration; write one like `90m`, "
                                             "`1h30m` or `2 business days`",
                                             word.text)};
}

Parsed parseDeadline(const std::vector<Word>& words) {
  auto a = instantAt(words[1]);
  if (auto* problem = std::get_if<QueryError>(&a))
    return *problem;
  DeadlineQuery query;
  query.a = std::get<calendar::Instant>(a);
  const Word& amount = words[2];
  if (words.size() == 3) {
    std::string text(amount.text);
    if (!hasDurationShape(text))
      return notADuration(amount);
    auto decoded = parse::decodeDuration(text);
    if (!decoded.ok())
      return QueryError{amount.column,
                        fmt::format("`{}` is not a duration: {}", amount.text, decoded.error())};
    query.duration = decoded.value();
    return CalendarQuery{query};
  }
  bool businessDays = words.size() == 5 && amount.text.size() <= 6 &&
                      amount.text.find_first_not_of("0123456789") == std::string_view::npos &&
                      words[3].text == "business" &&
                      (words[4].text == "day" || words[4].text == "days");
  if (!businessDays)
    return notADuration(amount);
  query.businessDays = std::stoll(std::string(amount.text));
  return CalendarQuery{query};
}

} // namespace

std::variant<std::monostate, CalendarQuery, QueryError> parseCalendarQuery(std::string_view line) {
  std::vector<Word> words = splitWords(line);
  if (words.empty() || words.front().text.front() == '#')
    return std::monostate{};
  std::string_view verb = words.front().text;
  if (verb == "in") {
    if (words.size() != 2)
      return usage(words.front().column, "`in` takes one instant");
    auto t = instantAt(words[1]);
    if (auto* problem = std::get_if<QueryError>(&t))
      return *problem;
    return CalendarQuery{ContainsQuery{std::get<calendar::Instant>(t)}};
  }
  if (verb == "elapsed") {
    if (words.size() != 3)
      return usage(words.front().column, "`elapsed` takes two instants");
    auto a = instantAt(words[1]);
    if (auto* problem = std::get_if<QueryError>(&a))
      return *problem;
    auto b = instantAt(words[2]);
    if (auto* problem = std::get_if<QueryError>(&b))
      return *problem;
    return CalendarQuery{
        ElapsedQuery{std::get<calendar::Instant>(a), std::get<calendar::Instant>(b)}};
  }
  if (verb == "deadline") {
    if (words.size() < 3)
      return usage(words.front().column, "`deadline` takes an instant and a duration");
    return parseDeadline(words);
  }
  return usage(words.front().column, fmt::format("unknown query `{}`", verb));
}

} // namespace slac::driver
