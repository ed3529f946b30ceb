// `slac`: the command-line driver. It only parses options and hands them to
// the commands, which are thin layers over the libraries.
#include "driver/Commands.h"

#include <CLI/CLI.hpp>
#include <map>

#ifndef SLAC_VERSION
#error "SLAC_VERSION must be defined by the build"
#endif

int main(int argc, char** argv) {
  using namespace slac::driver;
  CLI::App app{"slac: Service Level Agreements as code", "slac"};
  app.set_version_flag("--version", std::string("slac ") + SLAC_VERSION);
  app.require_subcommand(1);

  CheckOptions check;
  check.toolVersion = SLAC_VERSION;
  CLI::App* checkCommand = app.add_subcommand("check", "Parse and check .sla files");
  checkCommand->add_option("files", check.files, "The .sla files to check")->required();
  checkCommand->add_option("--format", check.format, "How to write diagnostics")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, DiagnosticFormat>{{"text", DiagnosticFormat::Text},
                                                  {"json", DiagnosticFormat::Json},
                                                  {"sarif", DiagnosticFormat::Sarif}}));
  checkCommand->add_option("--color", check.color, "Colour the text diagnostics")
      ->transform(CLI::CheckedTransformer(std::map<std::string, ColorMode>{
          {"auto", ColorMode::Auto}, {"always", ColorMode::Always}, {"never", ColorMode::Never}}));
  checkCommand->add_option("--max-errors", check.maxErrors,
                           "Stop after this many errors (0: no limit)");
  checkCommand->add_flag("--werror", check.warningsAsErrors, "Treat warnings as errors");

  ParseOptions parse;
  CLI::App* parseCommand = app.add_subcommand("parse", "Parse one .sla file");
  parseCommand->add_option("file", parse.file, "The .sla file")->required();
  parseCommand->add_flag("--dump-ast", parse.dumpAst, "Print the syntax tree");

  CalendarOptions calendar;
  CLI::App* calendarCommand = app.add_subcommand(
      "calendar", "Answer business-time queries on stdin: `in T`, `elapsed A B`, `deadline A D`");
  calendarCommand->add_option("file", calendar.file, "The .sla file")->required();
  calendarCommand->add_option("name", calendar.calendar, "The calendar")->required();
  calendarCommand->add_option("--from", calendar.from, "First day of the prepared range (UTC)");
  calendarCommand->add_option("--to", calendar.to, "Day after the prepared range (UTC)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int code = app.exit(error);
    return code == 0 ? kSuccess : kUsageOrIoError;
  }
  if (checkCommand->parsed())
    return runCheck(check);
  if (calendarCommand->parsed())
    return runCalendar(calendar);
  return runParse(parse);
}
