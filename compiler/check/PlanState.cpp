#include "check/PlanState.h"

#include "check/ClosestName.h"
#include "check/DataShape.h"
#include "lower/CalendarLowering.h"

#include <array>
#include <filesystem>
#include <fmt/format.h>

namespace slac::check {

namespace {

struct BuiltinType {
  std::string_view name;
  plan::TypeKind kind;
};

constexpr std::array<BuiltinType, 9> kFieldTypes{{
    {"bool", plan::TypeKind::Bool},
    {"int", plan::TypeKind::Int},
    {"number", plan::TypeKind::Number},
    {"percent", plan::TypeKind::Percent},
    {"duration", plan::TypeKind::Duration},
    {"time", plan::TypeKind::Time},
    {"date", plan::TypeKind::Date},
    {"money", plan::TypeKind::Money}, // with its currency: `money EUR`
    {"string", plan::TypeKind::String},
}};

struct FormatName {
  std::string_view name;
  plan::TypeKind kind;
  plan::FieldFormat format;
};

constexpr std::array<FormatName, 9> kFieldFormats{{
    {"rfc3339", plan::TypeKind::Time, plan::FieldFormat::Default},
    {"epoch_s", plan::TypeKind::Time, plan::FieldFormat::EpochSeconds},
    {"epoch_ms", plan::TypeKind::Time, plan::FieldFormat::EpochMillis},
    {"epoch_us", plan::TypeKind::Time, plan::FieldFormat::EpochMicros},
    {"us", plan::TypeKind::Duration, plan::FieldFormat::Microseconds},
    {"ms", plan::TypeKind::Duration, plan::FieldFormat::Milliseconds},
    {"s", plan::TypeKind::Duration, plan::FieldFormat::Seconds},
    {"m", plan::TypeKind::Duration, plan::FieldFormat::Minutes},
    {"h", plan::TypeKind::Duration, plan::FieldFormat::Hours},
}};

std::string formatsOf(plan::TypeKind kind) {
  std::string names;
  for (const FormatName& format : kFieldFormats)
    if (format.kind == kind)
      names += fmt::format("{}`{}`", names.empty() ? "" : ", ", format.name);
  return names;
}

} // namespace

PlanState::PlanState(const std::vector<const modules::Module*>& modules,
                     const SourceManager& sourceManager, DiagnosticEngine& engine)
    : sources(sourceManager), diagnostics(engine) {
  for (const modules::Module* module : modules)
    for (const ast::Decl* decl : module->ast.declarations) {
      owners_[decl] = module;
      if (const auto* service = dyn_cast<ast::ServiceDecl>(decl))
        for (const ast::Decl* member : service->members) {
          owners_[member] = module;
          if (const auto* stream = dyn_cast<ast::StreamDecl>(member))
            streamServices_[stream] = service;
        }
    }
}

std::string PlanState::spelling(SourceRange range) const {
  constexpr std::size_t kLongest = 60;
  const SourceFile* file = sources.fileContaining(range.begin);
  if (!file || range.end.offset < range.begin.offset)
    return "this expression";
  std::string_view text =
      file->text().substr(range.begin.offset - file->base(), range.end.offset - range.begin.offset);
  std::string spelling;
  for (char c : text) {
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!space)
      spelling += c;
    else if (!spelling.empty() && spelling.back() != ' ')
      spelling += ' ';
  }
  if (spelling.size() > kLongest) {
    // Cut before a code point, never inside one: messages stay UTF-8.
    std::size_t cut = kLongest - 3;
    while (cut > 0 && (static_cast<unsigned char>(spelling[cut]) & 0xC0) == 0x80)
      --cut;
    spelling = spelling.substr(0, cut) + "...";
  }
  return spelling;
}

const ast::ServiceDecl& PlanState::serviceOf(const ast::StreamDecl& stream) const {
  return *streamServices_.at(&stream);
}

std::uint32_t PlanState::enumIndex(const ast::EnumDecl& decl) {
  auto [found, inserted] = enums_.emplace(&decl, static_cast<std::uint32_t>(program.enums.size()));
  if (inserted) {
    plan::Enum lowered{decl.name.name, {}, lowerEnumSpellings(*this, decl), decl.ignoreCase};
    for (const ast::Identifier& enumCase : decl.cases)
      lowered.cases.push_back(enumCase.name);
    program.enums.push_back(std::move(lowered));
  }
  return found->second;
}

const ast::EnumDecl* PlanState::enumNamed(const ast::ServiceDecl& service,
                                          std::string_view name) const {
  for (const ast::Decl* member : service.members)
    if (const auto* enumDecl = dyn_cast<ast::EnumDecl>(member);
        enumDecl && enumDecl->name.name == name)
      return enumDecl;
  return nullptr;
}

std::optional<plan::Field> PlanState::lowerField(const ast::ServiceDecl& service,
                                                 const ast::StreamDecl& stream,
                                                 const ast::FieldDecl& field) {
  std::optional<plan::Type> type;
  for (const BuiltinType& builtin : kFieldTypes)
    if (builtin.name == field.type.name)
      type = plan::Type::of(builtin.kind);
  if (const ast::EnumDecl* enumDecl = enumNamed(service, field.type.name))
    type = plan::Type::enumeration(enumIndex(*enumDecl));
  if (!type) {
    std::vector<std::string> candidates;
    for (const BuiltinType& builtin : kFieldTypes)
      candidates.emplace_back(builtin.name);
    for (const ast::Decl* member : service.members)
      if (isa<ast::EnumDecl>(member))
        candidates.push_back(member->name.name);
    auto diagnostic = report(DiagnosticKind::UnknownFieldType, field.type.range, field.type.name);
    if (auto closest = closestName(field.type.name, candidates))
      diagnostic.note(field.type.range, "did you mean `{}`?", *closest)
          .fixIt(field.type.range, *closest);
    return std::nullopt;
  }
  if (!lowerFieldCurrency(*this, field, *type))
    return std::nullopt;
  plan::Field lowered{field.name.name,
                      type->asOptional(field.optional),
                      plan::FieldFormat::Default,
                      field.name.range,
                      {},
                      {},
                      {}};
  if (field.format) {
    const FormatName* format = nullptr;
    for (const FormatName& candidate : kFieldFormats)
      if (candidate.name == field.format->name && candidate.kind == type->kind)
        format = &candidate;
    if (!format) {
      std::string accepted = formatsOf(type->kind);
      report(DiagnosticKind::UnknownFieldFormat, field.format->range, field.format->name,
             field.type.name,
             accepted.empty() ? fmt::format("{} fields are read as written", field.type.name)
                              : "use " + accepted);
      return std::nullopt;
    }
    lowered.format = format->format;
  }
  if (!lowerFieldShape(*this, stream, field, lowered))
    return std::nullopt;
  return lowered;
}

std::optional<std::uint32_t> PlanState::streamIndex(const ast::StreamDecl& decl) {
  auto found = streams_.find(&decl);
  if (found != streams_.end())
    return found->second;
  const ast::ServiceDecl& service = serviceOf(decl);
  plan::Stream stream{service.name.name, decl.name.name, {}, 0, {}, decl.range(), {}, {}};
  bool complete = lowerCsvDialect(*this, decl, stream.csv);
  std::optional<std::uint32_t> eventTime;
  std::optional<std::uint32_t> intervalEnd;
  std::vector<plan::Field> currencyColumns;
  for (const ast::Decl* member : decl.members) {
    const auto* field = dyn_cast<ast::FieldDecl>(member);
    if (!field)
      continue;
    std::optional<plan::Field> lowered = lowerField(service, decl, *field);
    if (!lowered) {
      complete = false;
      continue;
    }
    if (field->name.name == decl.eventTime.name && !eventTime) {
      eventTime = static_cast<std::uint32_t>(stream.fields.size());
      if (lowered->type != plan::Type::of(plan::TypeKind::Time)) {
        report(DiagnosticKind::InvalidEventTime, decl.eventTime.range, decl.eventTime.name,
               typeSpelling(lowered->type, field->type.name))
            .note(field->name.range, "`{}` is declared here", field->name.name);
        complete = false;
      }
    }
    if (decl.intervalEnd && field->name.name == decl.intervalEnd->name && !intervalEnd) {
      intervalEnd = static_cast<std::uint32_t>(stream.fields.size());
      if (!lowered->type.is(plan::TypeKind::Time)) {
        report(DiagnosticKind::InvalidIntervalEnd, decl.intervalEnd->range, decl.intervalEnd->name,
               typeSpelling(lowered->type, field->type.name))
            .note(field->name.range, "`{}` is declared here", field->name.name);
        complete = false;
      }
    }
    if (std::optional<plan::Field> currency = currencyColumnField(*field, *lowered))
      currencyColumns.push_back(std::move(*currency));
    stream.fields.push_back(std::move(*lowered));
  }
  // After the declared fields, so that theirs are the slots expressions
  // read; no expression names these.
  for (plan::Field& currency : currencyColumns)
    stream.fields.push_back(std::move(currency));
  std::optional<std::uint32_t> index;
  if (complete && eventTime && (intervalEnd || !decl.intervalEnd)) {
    stream.eventTime = *eventTime;
    stream.intervalEnd = intervalEnd;
    index = static_cast<std::uint32_t>(program.streams.size());
    program.streams.push_back(std::move(stream));
  }
  streams_[&decl] = index;
  return index;
}

std::optional<std::uint32_t> PlanState::calendarIndex(const ast::CalendarDecl& decl) {
  auto found = calendars_.find(&decl);
  if (found != calendars_.end())
    return found->second;
  std::optional<std::uint32_t> index;
  if (auto spec = lower::lowerCalendar(moduleOf(decl), decl.name.name, diagnostics)) {
    index = static_cast<std::uint32_t>(program.calendars.size());
    plan::Calendar& planned = program.calendars.emplace_back();
    planned.name = decl.name.name;
    planned.spec = std::move(*spec);
    std::string directory = std::filesystem::path(moduleOf(decl).path).parent_path().string();
    for (const ast::CalendarItem& item : decl.items)
      if (const auto* file = std::get_if<ast::CalendarFileItem>(&item))
        planned.files.push_back({file->kind == ast::CalendarFileItem::Kind::Windows
                                     ? plan::CalendarFile::Kind::Windows
                                     : plan::CalendarFile::Kind::ClosedDates,
                                 directory, file->path.value, file->range});
  }
  calendars_[&decl] = index;
  return index;
}

} // namespace slac::check
