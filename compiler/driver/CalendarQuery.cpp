#include "driver/CalendarQuery.h"

#include "parse/Literals.h"

#include <fmt/format.h>
#include <regex>
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

// The shapes are checked before decoding, which validates the values.
const std::regex& instantShape() {
  static const std::regex shape(
      R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))");
  return shape;
}

const std::regex& durationShape() {
  static const std::regex shape(R"((\d+(\.\d+)?(us|ms|s|m|h|d|w))+)");
  return shape;
}

std::variant<calendar::Instant, QueryError> instantAt(const Word& word) {
  std::string text(word.text);
  if (!std::regex_match(text, instantShape()))
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
    if (!std::regex_match(text, durationShape()))
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
