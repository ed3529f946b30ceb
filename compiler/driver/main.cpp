// `slac`: the command-line driver. It only parses options and hands them to
// the commands, which are thin layers over the libraries.
#include "SystemRefusals.h"
#include "driver/CliChoices.h"
#include "driver/Commands.h"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <iostream>

#if defined(SLAC_WITH_MIMALLOC)
#include <mimalloc.h>
#endif

#ifndef SLAC_VERSION
#error "SLAC_VERSION must be defined by the build"
#endif

namespace {

// Before the static objects of this file are made: CLI11's validators are
// the process's first allocations, and under a limit on the address space
// (`ulimit -v`) mimalloc's first segment may be refused there, which
// aborted without a word before main could say why.
[[gnu::constructor(101)]] void stopOnSystemRefusalsFromTheStart() {
  slac::driver::stopOnSystemRefusals();
}

void addRootOptions(CLI::App& command, slac::modules::RootPolicy& roots) {
  command.add_option("--root", roots.root,
                     "Imports and test data must stay in this directory (default: the "
                     "directory of the file)");
  command.add_flag("--allow-outside-root", roots.allowOutside,
                   "Let imports and test data be read from anywhere");
}

// A report that did not reach stdout (a full disk, a closed pipe) is an
// error, never a silent success.
bool outputWritten() {
  // A long report fails while it is written, before this flush: errno
  // still holds that failure's reason then.
  if (std::cout.good()) {
    errno = 0;
    std::cout.flush();
  }
  if (std::cout.good())
    return true;
  std::cerr << "error: cannot write the output"
            << (errno != 0 ? std::string(": ") + std::strerror(errno) : std::string()) << "\n";
  return false;
}

} // namespace

int main(int argc, char** argv) {
  using namespace slac::driver;
  // A reader that closed the pipe (`slac eval ... | head`) makes the next
  // write fail with EPIPE instead of ending the process by a signal, so that
  // outputWritten reports it as every other failed write: exit 2 and why.
  std::signal(SIGPIPE, SIG_IGN);
#if defined(SLAC_WITH_MIMALLOC)
  // The free pages of a thread that ends (a parser, when the input is read)
  // go back to the system at once, not at the next allocation that needs
  // them: the windows are judged after the reading threads have ended, and
  // the peak is then (docs/performance.md, "Peak memory").
  mi_option_enable(mi_option_abandoned_page_decommit);
#endif
  CLI::App app{"slac: Service Level Agreements as code", "slac"};
  app.set_version_flag("--version", std::string("slac ") + SLAC_VERSION);
  app.require_subcommand(1);

  CheckOptions check;
  check.toolVersion = SLAC_VERSION;
  CLI::App* checkCommand = app.add_subcommand("check", "Parse and check .sla files");
  checkCommand->add_option("files", check.files, "The .sla files to check")->required();
  checkCommand->add_option("--format", check.format, "How to write diagnostics")
      ->transform(choiceOf<DiagnosticFormat>({{"text", DiagnosticFormat::Text},
                                              {"json", DiagnosticFormat::Json},
                                              {"sarif", DiagnosticFormat::Sarif}}));
  checkCommand->add_option("--color", check.color, "Colour the text diagnostics")
      ->transform(choiceOf<ColorMode>(
          {{"auto", ColorMode::Auto}, {"always", ColorMode::Always}, {"never", ColorMode::Never}}));
  checkCommand->add_option("--max-errors", check.maxErrors,
                           "Stop after this many errors (0: no limit)");
  checkCommand->add_flag("--werror", check.warningsAsErrors, "Treat warnings as errors");
  addRootOptions(*checkCommand, check.roots);

  ParseOptions parse;
  CLI::App* parseCommand = app.add_subcommand("parse", "Parse one .sla file");
  parseCommand->add_option("file", parse.file, "The .sla file")->required();
  parseCommand->add_flag("--dump-ast", parse.dumpAst, "Print the syntax tree");

  FormatOptions format;
  CompileOptions compile;
  CLI::App* compileCommand =
      app.add_subcommand("compile", "Check a .sla file and print what the evaluators run");
  compileCommand->add_option("file", compile.file, "The .sla file")->required();
  compileCommand->add_option("--emit", compile.emit, "What to print")
      ->transform(choiceOf<CompileOutput>({{"plan", CompileOutput::Plan},
                                           {"llvm", CompileOutput::Llvm},
                                           {"asm", CompileOutput::Asm}}));

  CLI::App* formatCommand = app.add_subcommand("fmt", "Rewrite .sla files in the canonical layout");
  formatCommand->add_option("files", format.files, "The .sla files to format")->required();
  formatCommand->add_flag("--check", format.check,
                          "Change nothing; print a diff and exit 1 when a file is not formatted");

  CalendarOptions calendar;
  CLI::App* calendarCommand = app.add_subcommand(
      "calendar", "Answer business-time queries on stdin: `in T`, `elapsed A B`, `deadline A D`");
  calendarCommand->add_option("file", calendar.file, "The .sla file")->required();
  calendarCommand->add_option("name", calendar.calendar, "The calendar")->required();
  calendarCommand->add_option("--from", calendar.from, "First day of the prepared range (UTC)");
  calendarCommand->add_option("--to", calendar.to, "Day after the prepared range (UTC)");
  calendarCommand->add_option("--calendar-data", calendar.calendarData,
                              "NAME=PATH (or NAME.window=PATH, NAME.closed=PATH): read the "
                              "calendar's windows or closed dates from PATH instead of the file "
                              "its `window from` or `closed from` names");

  EvalOptions eval;
  CLI::App* evalCommand =
      app.add_subcommand("eval", "Evaluate the agreements of a .sla file on measurement data");
  evalCommand->add_option("file", eval.file, "The .sla file")->required();
  evalCommand->add_option("--data", eval.data,
                          "service.stream=PATH, a CSV or NDJSON file (`-`: stdin); "
                          "default: the data of the file's tests");
  evalCommand->add_option("--calendar-data", eval.calendarData,
                          "NAME=PATH (or NAME.window=PATH, NAME.closed=PATH): read a calendar's "
                          "windows or closed dates from PATH instead of the file its `window "
                          "from` or `closed from` names");
  evalCommand
      ->add_option("--data-format", eval.dataFormat,
                   "Read every --data source as csv or ndjson (default: by the file name: "
                   ".ndjson and .jsonl are NDJSON, the rest and stdin CSV)")
      ->transform(choiceOf<DataFormatChoice>(
          {{"csv", DataFormatChoice::Csv}, {"ndjson", DataFormatChoice::Ndjson}}));
  evalCommand
      ->add_option("--data-compression", eval.dataCompression,
                   "Read every --data source as gzip, zstd or none (default: by the file name: "
                   ".gz is gzip, .zst zstd, the rest and stdin uncompressed)")
      ->transform(choiceOf<DataCompressionChoice>({{"gzip", DataCompressionChoice::Gzip},
                                                   {"zstd", DataCompressionChoice::Zstd},
                                                   {"none", DataCompressionChoice::None}}));
  evalCommand->add_option("--period", eval.period,
                          "Report this period: 2026-03, 2026-Q1, 2026 or 2026-03-15");
  evalCommand->add_option("--from", eval.from, "Report windows from this instant or date");
  evalCommand->add_option("--to", eval.to, "Report windows before this instant or date");
  evalCommand->add_option("--at", eval.at,
                          "The evaluation instant (default: the latest event time)");
  evalCommand->add_option("--format", eval.format, "How to write the report")
      ->transform(choiceOf<ReportFormat>({{"table", ReportFormat::Table},
                                          {"json", ReportFormat::Json},
                                          {"csv", ReportFormat::Csv},
                                          {"markdown", ReportFormat::Markdown},
                                          {"html", ReportFormat::Html}}));
  evalCommand
      ->add_option("--precision", eval.precision,
                   "Digits after the point of percents and numbers in table, markdown and html "
                   "(default 2; json and csv stay exact)")
      ->check(CLI::Range(0, 6));
  evalCommand->add_flag("--explain", eval.explain,
                        "List the records that missed in every breached window");
  evalCommand
      ->add_option("--explain-limit", eval.explainLimit,
                   "With --explain, list at most this many records per window (default 20)")
      ->check(CLI::Range(1, 100000));
  std::string onError = "stop";
  evalCommand->add_option("--on-error", onError, "What a bad record does: stop or skip")
      ->transform(choiceOf<int>({{"stop", 0}, {"skip", 1}}));
  evalCommand->add_option("--rejects", eval.rejectsPath,
                          "With --on-error=skip, write the rejected records here (CSV)");
  evalCommand->add_option("--max-memory", eval.maxMemory,
                          "Stop with an error past this much memory: 512M, 2G, 0 for no limit "
                          "(default: 3/4 of the physical memory)");
  evalCommand
      ->add_option("--batch-size", eval.batchSize,
                   "Records evaluated at a time on one thread (several: a chunk's records)")
      ->check(CLI::Range(1, 1 << 20));
  evalCommand
      ->add_option("--threads", eval.threads,
                   "Threads that parse the data and compile the kernels (default: one per "
                   "core, and one for a plain file under 16 chunks); the reports and "
                   "rejects are the same for any number")
      ->check(CLI::Range(1, 1024));
  evalCommand
      ->add_option("--chunk-size", eval.chunkBytes,
                   "With more than one thread, the bytes of data a thread parses at a time "
                   "(default 262144; tests make it tiny)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 30));
  evalCommand->add_option("--engine", eval.engine, "jit (default) or interp: the same reports")
      ->transform(
          choiceOf<EngineChoice>({{"jit", EngineChoice::Jit}, {"interp", EngineChoice::Interp}}));
  evalCommand->add_flag(
      "--verbose", eval.verbose,
      "Print the engine's statistics (compile times, compiled streams) on stderr");
  addRootOptions(*evalCommand, eval.roots);

  TestOptions test;
  CLI::App* testCommand = app.add_subcommand(
      "test", "Run the `test` blocks of .sla files and check their `expect` lines");
  testCommand
      ->add_option("files", test.files,
                   "The .sla files; a directory: every .sla file under it with test blocks")
      ->required();
  testCommand->add_option("--format", test.format, "How to write the results")
      ->transform(CLI::CheckedTransformer(std::map<std::string, TestFormat>{
          {"text", TestFormat::Text}, {"json", TestFormat::Json}, {"junit", TestFormat::JUnit}}));
  testCommand
      ->add_option("--threads", test.threads,
                   "Threads that parse the data and compile the kernels (default: one per "
                   "core, and one for a plain file under 16 chunks); the same results")
      ->check(CLI::Range(1, 1024));
  testCommand->add_option("--engine", test.engine, "jit (default) or interp: the same results")
      ->transform(
          choiceOf<EngineChoice>({{"jit", EngineChoice::Jit}, {"interp", EngineChoice::Interp}}));
  addRootOptions(*testCommand, test.roots);

  CLI::App* lspCommand =
      app.add_subcommand("lsp", "Serve the Language Server Protocol on stdin and stdout");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // `slac frob`: CLI11 would only say that a command is required.
    if (app.get_subcommands().empty() && argc > 1 && argv[1][0] != '-') {
      std::vector<std::string> commands;
      for (const CLI::App* command : app.get_subcommands({}))
        commands.push_back(command->get_name());
      fmt::print(stderr, "error: unknown command `{}`; the commands are {}\n", argv[1],
                 fmt::join(commands, ", "));
      return kUsageOrIoError;
    }
    int code = app.exit(error);
    return code == 0 ? kSuccess : kUsageOrIoError;
  }
  int code = kSuccess;
  if (checkCommand->parsed()) {
    code = runCheck(check);
  } else if (compileCommand->parsed()) {
    code = runCompile(compile);
  } else if (formatCommand->parsed()) {
    code = runFormat(format);
  } else if (lspCommand->parsed()) {
    code = runLsp();
  } else if (calendarCommand->parsed()) {
    code = runCalendar(calendar);
  } else if (testCommand->parsed()) {
    code = runTest(test);
  } else if (evalCommand->parsed()) {
    eval.skipBadRecords = onError == "1";
    code = runEval(eval);
  } else {
    code = runParse(parse);
  }
  return outputWritten() ? code : kUsageOrIoError;
}
