#include "diagnostics/TextRenderer.h"
#include "driver/CalendarDataOverrides.h"
#include "driver/CalendarQuery.h"
#include "driver/Commands.h"
#include "driver/DataRun.h"
#include "driver/PipelineOutput.h"
#include "lower/CalendarLowering.h"
#include "parse/Literals.h"

#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <unistd.h>

namespace slac::driver {

namespace {

std::optional<calendar::Instant> midnightUtc(const std::string& isoDate) {
  auto decoded = parse::decodeDate(isoDate);
  if (isoDate.size() != 10 || !decoded.ok())
    return std::nullopt;
  const ast::CivilDate& date = decoded.value();
  std::chrono::sys_days day = std::chrono::year_month_day(
      std::chrono::year(date.year), std::chrono::month(date.month), std::chrono::day(date.day));
  return static_cast<calendar::Instant>(day.time_since_epoch().count()) * calendar::kMicrosPerDay;
}

// The files the calendar `name` of `module` reads (`window from`, `closed
// from`), relative to the module's file, as `slac eval` reads them; a path
// outside the module's root is an error (E0311), as for `slac eval`.
std::vector<DataSource> calendarFilesOf(const modules::Module& module, const std::string& name,
                                        const SourceManager& sources,
                                        DiagnosticEngine& diagnostics) {
  std::vector<DataSource> files;
  std::filesystem::path directory = std::filesystem::path(module.path).parent_path();
  for (const ast::Decl* decl : module.ast.declarations) {
    const auto* calendar = ast::dyn_cast<ast::CalendarDecl>(decl);
    if (!calendar || calendar->name.name != name)
      continue;
    for (const ast::CalendarItem& item : calendar->items) {
      const auto* file = std::get_if<ast::CalendarFileItem>(&item);
      if (!file)
        continue;
      bool windows = file->kind == ast::CalendarFileItem::Kind::Windows;
      std::filesystem::path path = directory / file->path.value;
      std::string problem;
      if (module.root && !module.root->contains(path, problem) && problem.empty()) {
        diagnostics.report(DiagnosticKind::OutsideRoot, file->range, file->path.value,
                           module.rootShown);
        continue;
      }
      DataSource& source = files.emplace_back();
      source.path = path.string();
      source.origin = originAt(
          sources, file->range,
          fmt::format("named by `{} from` in calendar `{}`", windows ? "window" : "closed", name));
      source.calendar = 0;
      source.calendarKind =
          windows ? plan::CalendarFile::Kind::Windows : plan::CalendarFile::Kind::ClosedDates;
    }
  }
  return files;
}

class QueryAnswerer {
public:
  QueryAnswerer(const calendar::Calendar& calendar, const std::string& name)
      : calendar_(calendar), name_(name) {}

  // The answer line, or the error message.
  std::variant<std::string, std::string> answer(const CalendarQuery& query) const {
    return std::visit([&](const auto& concrete) { return answer(concrete); }, query);
  }

private:
  using Answer = std::variant<std::string, std::string>;

  template <typename T, typename Format>
  static Answer format(const calendar::CalendarResult<T>& result, Format formatValue) {
    if (const auto* problem = std::get_if<calendar::CalendarError>(&result))
      return Answer(std::in_place_index<1>, problem->message);
    return Answer(std::in_place_index<0>, formatValue(std::get<T>(result)));
  }

  Answer answer(const ContainsQuery& query) const {
    return format(calendar_.contains(query.t), [](bool open) { return open ? "true" : "false"; });
  }
  Answer answer(const ElapsedQuery& query) const {
    // Whole seconds, truncated: scripts compare them with targets.
    return format(calendar_.elapsed(query.a, query.b),
                  [](calendar::Duration elapsed) { return std::to_string(elapsed / 1'000'000); });
  }
  Answer answer(const DeadlineQuery& query) const {
    calendar::Duration duration = query.duration;
    if (query.businessDays) {
      if (!calendar_.businessDay())
        return Answer(std::in_place_index<1>,
                      fmt::format("the calendar `{}` declares no `business day = ...`, which "
                                  "`{} business day{}` needs",
                                  name_, *query.businessDays, *query.businessDays == 1 ? "" : "s"));
      duration = *query.businessDays * *calendar_.businessDay();
    }
    return format(calendar_.deadline(query.a, duration), calendar::formatInstant);
  }

  const calendar::Calendar& calendar_;
  const std::string& name_;
};

} // namespace

int runCalendar(const CalendarOptions& options) {
  compile::Compilation compilation =
      compile::compileFiles({options.file}, compileOptions(compile::Stage::Checked));
  DiagnosticEngine& diagnostics = compilation.diagnostics();
  // Only a file that checks cleanly answers queries.
  const modules::Module* module = compilation.roots().front();
  if (diagnostics.hasErrors())
    module = nullptr;
  std::optional<calendar::CalendarSpec> spec;
  std::vector<DataSource> files;
  if (module) {
    spec = lower::lowerCalendar(*module, options.calendar, diagnostics);
    files = calendarFilesOf(*module, options.calendar, compilation.sources(), diagnostics);
  }
  if (!spec || diagnostics.hasErrors()) {
    printDiagnostics(diagnostics, compilation.sources(), DiagnosticFormat::Text,
                     isatty(STDERR_FILENO));
    return compilation.ioFailed() ? kUsageOrIoError : kErrorsFound;
  }
  if (auto problem = overrideCalendarData(files, {options.calendar}, options.calendarData)) {
    std::cerr << "error: " << *problem << "\n";
    return kUsageOrIoError;
  }
  // Its windows and closed dates from files, read as `slac eval` reads
  // them: a bad row stops with its file:line:column.
  bool badRow = false;
  auto onError = [&](const ingest::DataError& error) {
    std::cerr << fmt::format("error: {}:{}:{}: {}\n", error.where.file, error.where.line,
                             error.where.column, error.message);
    badRow = true;
    return false;
  };
  std::uint64_t read = 0;
  for (const DataSource& file : files)
    if (!readCalendarData(file, *spec, onError, read))
      return badRow ? kErrorsFound : kUsageOrIoError;

  std::optional<calendar::Instant> from = midnightUtc(options.from);
  std::optional<calendar::Instant> to = midnightUtc(options.to);
  if (!from || !to) {
    std::cerr << fmt::format("slac: error: --from and --to are dates like 2026-01-01, not `{}`\n",
                             from ? options.to : options.from);
    return kUsageOrIoError;
  }
  auto prepared = calendar::Calendar::prepare(*spec, *from, *to);
  if (const auto* problem = std::get_if<calendar::CalendarError>(&prepared)) {
    std::cerr << "slac: error: " << problem->message << "\n";
    return kUsageOrIoError;
  }
  const calendar::Calendar& calendar = std::get<calendar::Calendar>(prepared);
  QueryAnswerer answerer(calendar, options.calendar);

  // One output line per input line, so that scripts can pair them: blank
  // and comment lines get an empty line, failed queries the word `error`
  // (with the reason on stderr).
  bool interactive = isatty(STDIN_FILENO);
  bool anyFailed = false;
  std::string line;
  for (std::size_t number = 1; std::getline(std::cin, line); ++number) {
    auto parsed = parseCalendarQuery(line);
    std::optional<QueryError> failure;
    if (const auto* problem = std::get_if<QueryError>(&parsed)) {
      failure = *problem;
    } else if (const auto* query = std::get_if<CalendarQuery>(&parsed)) {
      auto answer = answerer.answer(*query);
      if (answer.index() == 0)
        std::cout << std::get<0>(answer) << "\n";
      else
        failure = QueryError{1, std::get<1>(answer)};
    } else {
      std::cout << "\n";
    }
    if (failure) {
      anyFailed = true;
      std::cout << "error\n";
      std::cerr << fmt::format("error: <stdin>:{}:{}: {}\n", number, failure->column,
                               failure->message);
    }
    if (interactive)
      std::cout.flush();
  }
  return anyFailed ? kErrorsFound : kSuccess;
}

} // namespace slac::driver
