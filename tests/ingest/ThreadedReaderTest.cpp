// The parallel reader (StreamReader with --threads, docs/data.md
// "Threads") on a stream built by hand: this binary links the ingest
// library alone, no compiler, so that the ThreadSanitizer stage of
// .ci/test builds it in a few minutes and runs it (docs/performance.md,
// "On several threads").
#include "PropertyDice.h"
#include "ThreadedReading.h"
#include "ingest/StreamReader.h"
#include "plan/Plan.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <fmt/format.h>
#include <fstream>
#include <gtest/gtest.h>
#include <memory>
#include <mutex>
#include <sstream>
#include <sys/mman.h>
#include <sys/wait.h>
#include <thread>
#include <tuple>
#include <unistd.h>

namespace slac::testing {
namespace {

// service s { stream record at t { t: time  count: int?  note: string?
//                                  flag: bool?  score: number? } }
plan::Program recordProgram() {
  plan::Program program;
  plan::Stream stream;
  stream.service = "s";
  stream.name = "record";
  auto add = [&](const char* name, plan::TypeKind kind, bool optional) {
    plan::Field field;
    field.name = name;
    field.column = name;
    field.type = plan::Type::of(kind).asOptional(optional);
    stream.fields.push_back(field);
  };
  add("t", plan::TypeKind::Time, false);
  add("count", plan::TypeKind::Int, true);
  add("note", plan::TypeKind::String, true);
  add("flag", plan::TypeKind::Bool, true);
  add("score", plan::TypeKind::Number, true);
  stream.eventTime = 0;
  program.streams.push_back(std::move(stream));
  return program;
}

constexpr std::size_t kCount = 1; // the field `count`

// Fewer cases when every memory access is instrumented.
int cases(int usual) {
  const char* factor = std::getenv("SLAC_THREADED_TEST_CASES_PERCENT");
  return factor ? std::max(1, usual * std::atoi(factor) / 100) : usual;
}

struct Read {
  std::vector<std::int64_t> counts;
  std::vector<std::uint64_t> lines;
  std::size_t errors = 0;
  std::uint64_t recordsRead = 0;
};

Read readAll(const plan::Program& program, const std::string& text, ingest::DataFormat format,
             ingest::Parallelism parallelism) {
  std::istringstream input(text);
  ingest::StreamReader reader(program, 0, input, "data", format, ingest::Compression::None,
                              parallelism);
  Read result;
  ingest::RecordBatch batch;
  while (reader.next(batch, 50, [&](const ingest::DataError&) {
    ++result.errors;
    return true;
  })) {
    const auto& counts = batch.columns[kCount].integers;
    result.counts.insert(result.counts.end(), counts.begin(), counts.end());
    result.lines.insert(result.lines.end(), batch.lines.begin(), batch.lines.end());
  }
  result.recordsRead = reader.recordsRead();
  return result;
}

// Records numbered 1 to n, of every shape that moves a record boundary
// (CRLF, blank lines, quoted cells spanning lines, rejected records), cut
// into chunks of every size down to a byte: each record comes out once, in
// order, at its line. Checked against the numbers written, not against one
// thread, which would hide a fault the two share.
TEST(ThreadedReaderTest, ChunkBoundariesNeitherLoseNorDoubleARecord) {
  const plan::Program program = recordProgram();
  constexpr int kRecords = 600;
  constexpr int kRejectedEvery = 97;
  std::string csv = "t,count,note,flag,score\n";
  std::string ndjson;
  std::vector<std::int64_t> counts;
  std::vector<std::uint64_t> csvLines;
  std::vector<std::uint64_t> ndjsonLines;
  std::uint64_t csvLine = 2;
  std::uint64_t ndjsonLine = 1;
  for (int i = 1; i <= kRecords; ++i) {
    std::string lineEnd = i % 3 == 0 ? "\r\n" : "\n";
    bool rejected = i % kRejectedEvery == 0;
    std::string count = rejected ? "x" : std::to_string(i);
    if (!rejected) {
      counts.push_back(i);
      csvLines.push_back(csvLine);
      ndjsonLines.push_back(ndjsonLine);
    }
    std::string note(static_cast<std::size_t>(i % 40), 'n');
    if (i % 5 == 0) {
      csv += fmt::format("2026-03-06T16:00:00Z,{},\"{}{}\"\"q\"\"\",true,1.5{}", count, note,
                         lineEnd, lineEnd);
      csvLine += 2;
    } else {
      csv += fmt::format("2026-03-06T16:00:00Z,{},{},,{}", count, note, lineEnd);
      csvLine += 1;
    }
    ndjson += fmt::format(R"({{"t": "2026-03-06T16:00:00Z", "count": "{}", "note": "{}"}}{})",
                          count, note, lineEnd);
    ndjsonLine += 1;
    if (i % 11 == 0) {
      csv += lineEnd;
      ndjson += lineEnd;
      ++csvLine;
      ++ndjsonLine;
    }
  }
  for (auto [format, text, lines] : {std::tuple{ingest::DataFormat::Csv, &csv, &csvLines},
                                     std::tuple{ingest::DataFormat::Ndjson, &ndjson, &ndjsonLines}})
    for (unsigned threads : {1U, 2U, 3U})
      for (std::size_t chunkBytes : {1, 7, 64, 1000, 4096, 1 << 20}) {
        SCOPED_TRACE(fmt::format("{}, {} threads, chunks of {} bytes",
                                 format == ingest::DataFormat::Csv ? "CSV" : "NDJSON", threads,
                                 chunkBytes));
        Read read = readAll(program, *text, format, {threads, chunkBytes});
        EXPECT_EQ(read.counts, counts);
        EXPECT_EQ(read.lines, *lines);
        EXPECT_EQ(read.errors, std::size_t{kRecords / kRejectedEvery});
        EXPECT_EQ(read.recordsRead, std::uint64_t{kRecords});
      }
}

// A random value of each field, good or bad, in CSV's spelling (quoted or
// not) or NDJSON's.
std::string randomCsvCell(Dice& dice, std::size_t field) {
  static const std::vector<std::vector<std::string>> kCells = {
      {"2026-03-06T16:00:00Z", "2026-03-06T17:30:00+01:00", "yesterday", ""},
      {"42", "-7", "", "4.5", "x"},
      {"plain", "", "\"a, \"\"b\"\"\nc\"", "\"open", "st\"ray"},
      {"true", "false", "", "maybe"},
      {"1.25", "-3", "", "1e400", "abc"},
  };
  return dice.pick(kCells[field]);
}

std::string randomNdjsonValue(Dice& dice, std::size_t field) {
  static const std::vector<std::vector<std::string>> kValues = {
      {R"("2026-03-06T16:00:00Z")", R"("2026-03-06T17:30:00+01:00")", R"("yesterday")", "null"},
      {"42", "-7", "null", "4.5", R"("x")", "[1]"},
      {R"("plain")", R"("")", R"("a\n\u00e9")", "null", "{}"},
      {"true", "false", "null", R"("maybe")"},
      {"1.25", "-3", "null", "1e400", R"("abc")"},
  };
  return dice.pick(kValues[field]);
}

const char* const kFieldNames[] = {"t", "count", "note", "flag", "score"};

std::string randomCsv(Dice& dice) {
  std::string text = dice.chance(0.1) ? "\xEF\xBB\xBF" : "";
  text += "t,count,note,flag,score";
  text += lineEnd(dice);
  std::size_t records = dice.below(60);
  for (std::size_t r = 0; r < records; ++r) {
    for (std::size_t field = 0; field < 5; ++field) {
      if (field > 0)
        text += ',';
      text += randomCsvCell(dice, field);
    }
    text += dice.chance(0.05) ? "" : lineEnd(dice);
    if (dice.chance(0.05))
      text += lineEnd(dice);
  }
  return text;
}

std::string randomNdjson(Dice& dice) {
  std::string text;
  std::size_t records = dice.below(60);
  for (std::size_t r = 0; r < records; ++r) {
    if (dice.chance(0.05)) {
      text += dice.chance(0.5) ? "[1, 2]" : "{\"t\": ";
    } else {
      text += "{";
      for (std::size_t field = 0; field < 5; ++field)
        if (field == 0 || dice.chance(0.7))
          text += fmt::format("{}\"{}\": {}", field > 0 ? ", " : "", kFieldNames[field],
                              randomNdjsonValue(dice, field));
      text += "}";
    }
    text += lineEnd(dice);
  }
  return text;
}

// Random documents with bad records, read on 2 and 4 threads with chunks
// down to a byte, and again stopping at the first error (the reader is
// then destroyed with chunks in flight): with next(), the same batches,
// errors and counts as one thread (expectSameTraceOnThreads); consumed,
// the records taken once each, on the parsers or on the calling thread, and
// the rejections and the taker's refusals in file order, as on one thread
// whatever the batches (expectSameConsumeOnThreads).
TEST(ThreadedReaderTest, RandomDocumentsGiveTheTraceOfOneThread) {
  const plan::Program program = recordProgram();
  Dice dice(20261203);
  for (int i = 0; i < cases(60); ++i)
    for (ingest::DataFormat format : {ingest::DataFormat::Csv, ingest::DataFormat::Ndjson}) {
      std::string document =
          format == ingest::DataFormat::Csv ? randomCsv(dice) : randomNdjson(dice);
      std::size_t batchRows = 1 + dice.below(20);
      expectSameTraceOnThreads(program, 0, document, format, batchRows);
      expectSameConsumeOnThreads(program, 0, document, format, batchRows);
    }
}

// A long read taken on the parsers: many chunks wait for the calling thread
// at once (ChunkPipeline's light chunks).
TEST(ThreadedReaderTest, ALongReadConsumedOnTheParsersGivesTheTraceOfOneThread) {
  const plan::Program program = recordProgram();
  std::string csv = "t,count,note,flag,score\n";
  for (int i = 0; i < 20000; ++i)
    csv += fmt::format("2026-03-06T16:00:00Z,{},note {},true,{}.5\n",
                       i % 1000 == 999 ? "x" : std::to_string(i), i, i);
  for (std::size_t stopAt : {std::size_t{5}, SIZE_MAX}) {
    std::string expected =
        traceOfConsume(program, 0, csv, ingest::DataFormat::Csv, 4096, {1}, true, stopAt);
    EXPECT_EQ(expected.find("OUT OF FILE ORDER"), std::string::npos);
    for (unsigned threads : {2U, 4U})
      EXPECT_EQ(traceOfConsume(program, 0, csv, ingest::DataFormat::Csv, 4096, {threads, 3000},
                               true, stopAt),
                expected)
          << threads << " threads, stopping at error " << stopAt;
    MappedDocument mapped(csv);
    EXPECT_EQ(traceOfConsume(program, 0, csv, ingest::DataFormat::Csv, 4096,
                             {2, 3000, mapped.file()}, false, stopAt),
              expected)
        << "mapped, stopping at error " << stopAt;
  }
}

// Errors wait for the refusals of their batch, but not for a batch that
// never fills: in a file of bad records, each reaches the handler within
// 64 records of being read, not after the whole file (which one thread
// held whole, 250 MB for 100 MB of bad records, before the limit).
TEST(ThreadedReaderTest, ConsumingAFileOfBadRecordsReportsThemAsItGoes) {
  const plan::Program program = recordProgram();
  std::string csv = "t,count,note,flag,score\n";
  for (int i = 0; i < 5000; ++i)
    csv += "2026-03-06T16:00:00Z,x,note,true,1\n";
  std::istringstream input(csv);
  ingest::StreamReader reader(program, 0, input, "data", ingest::DataFormat::Csv);
  std::uint64_t reported = 0;
  std::uint64_t mostAhead = 0;
  ingest::StreamReader::Consumer consumer;
  consumer.take = [](unsigned, ingest::RecordBatch&, std::vector<ingest::RowRefusal>&) {
    return true;
  };
  consumer.onError = [&](const ingest::DataError&) {
    ++reported;
    mostAhead = std::max(mostAhead, reader.recordsRead() - reported);
    return true;
  };
  EXPECT_TRUE(reader.consume(4096, consumer));
  EXPECT_EQ(reported, 5000u);
  EXPECT_LT(mostAhead, 64u);
}

// A long read stopped in its middle: the parsers are busy with the chunks
// after the error when the reader is destroyed.
TEST(ThreadedReaderTest, StoppingInTheMiddleOfALongReadGivesTheTraceOfOneThread) {
  const plan::Program program = recordProgram();
  std::string csv = "t,count,note,flag,score\n";
  for (int i = 0; i < 20000; ++i)
    csv += fmt::format("2026-03-06T16:00:00Z,{},note {},true,{}.5\n", i == 9000 ? "x" : "1", i, i);
  for (std::size_t stopAt : {std::size_t{0}, SIZE_MAX}) {
    std::string expected =
        traceOfRead(program, 0, csv, ingest::DataFormat::Csv, 4096, {1}, {}, stopAt);
    for (unsigned threads : {2U, 4U})
      EXPECT_EQ(
          traceOfRead(program, 0, csv, ingest::DataFormat::Csv, 4096, {threads, 3000}, {}, stopAt),
          expected)
          << threads << " threads, stopping at error " << stopAt;
    MappedDocument mapped(csv);
    EXPECT_EQ(traceOfRead(program, 0, csv, ingest::DataFormat::Csv, 4096, {2, 3000, mapped.file()},
                          {}, stopAt),
              expected)
        << "mapped, stopping at error " << stopAt;
  }
}

// A mapped file's chunks lie where they are mapped, their padding the
// file's next bytes, but the last one's when the mapping ends within the
// padding: it is copied. Documents ending on either side of a page's end,
// the last record with and without its line end, and an unclosed quote.
TEST(ThreadedReaderTest, MappedFilesEndingNearAPageEndGiveTheTraceOfOneThread) {
  const plan::Program program = recordProgram();
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  for (std::size_t size :
       {page - 100, page - 64, page - 63, page - 1, page, page + 1, 2 * page - 64, 2 * page}) {
    for (const char* last :
         {"2026-03-06T16:00:00Z,7,last,true,1.5\n", "2026-03-06T16:00:00Z,7,last,true,1.5",
          "2026-03-06T16:00:00Z,7,\"open"}) {
      std::string csv = "t,count,note,flag,score\n";
      std::string tail = last;
      for (int i = 0; csv.size() + tail.size() < size; ++i) {
        std::string record = fmt::format("2026-03-06T16:00:00Z,{},n,true,2.5\n", i);
        if (csv.size() + record.size() + tail.size() > size)
          record = std::string(size - csv.size() - tail.size(), '\n');
        csv += record;
      }
      csv += tail;
      SCOPED_TRACE(fmt::format("{} bytes ending \"{}\"", csv.size(), escaped(tail)));
      std::string expected = traceOfRead(program, 0, csv, ingest::DataFormat::Csv, 50, {1});
      MappedDocument mapped(csv);
      for (std::size_t chunkBytes : {std::size_t{1}, std::size_t{100}, std::size_t{4096}})
        EXPECT_EQ(traceOfRead(program, 0, csv, ingest::DataFormat::Csv, 50,
                              {2, chunkBytes, mapped.file()}),
                  expected)
            << "chunks of " << chunkBytes;
    }
  }
}

TEST(MappedFileTest, MapsRegularFilesWithBytesAndGivesPagesBackWithoutChangingThem) {
  EXPECT_EQ(ingest::MappedFile::open("/nonexistent/slac-data.csv"), nullptr);
  EXPECT_EQ(ingest::MappedFile::open("/tmp"), nullptr); // a directory
  MappedDocument empty("");
  EXPECT_EQ(ingest::MappedFile::open(empty.path()), nullptr);
  std::string text;
  for (int i = 0; i < 40000; ++i)
    text += fmt::format("line {}\n", i);
  MappedDocument mapped(text);
  ASSERT_NE(mapped.file(), nullptr);
  EXPECT_EQ(mapped.file()->bytes(), text);
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  EXPECT_EQ(mapped.file()->readableSize(), (text.size() + page - 1) / page * page);
  mapped.file()->releaseBefore(text.size() / 2);
  mapped.file()->releaseBefore(text.size());
  EXPECT_EQ(mapped.file()->bytes(), text);
  EXPECT_EQ(mapped.file()->damagedFrom(), ingest::MappedFile::kNotDamaged);
}

// The resident kilobytes of the mappings (/proc/self/smaps) that start in
// [begin, begin + bytes): a mapped file is several (MappedFile.cpp).
long residentKilobytes(const void* begin, std::size_t bytes) {
  std::ifstream smaps("/proc/self/smaps");
  const auto low = reinterpret_cast<std::uintptr_t>(begin);
  bool inMapping = false;
  long resident = 0;
  for (std::string line; std::getline(smaps, line);) {
    if (line.find('-') != std::string::npos && line.find(' ') > line.find('-') &&
        std::isxdigit(static_cast<unsigned char>(line[0]))) {
      std::uintptr_t start = std::stoull(line.substr(0, line.find('-')), nullptr, 16);
      inMapping = start >= low && start - low < bytes;
    } else if (inMapping && line.starts_with("Rss:")) {
      resident += std::stol(line.substr(4));
    }
  }
  return resident;
}

// A header (24 bytes) and records of 37 bytes, to at least `bytes`.
std::string recordsOfAtLeast(std::size_t bytes) {
  std::string csv = "t,count,note,flag,score\n";
  while (csv.size() < bytes)
    csv += "2026-03-06T16:00:00Z,1,note,true,1.5\n";
  return csv;
}

// Memory stays bounded as when reading: the pages of the chunks taken are
// given back as the read goes on, whatever the file's size.
TEST(MappedFileTest, ReadingAMappedFileGivesItsPagesBack) {
  const plan::Program program = recordProgram();
  const std::string csv = recordsOfAtLeast(16'000'000);
  MappedDocument mapped(csv);
  ASSERT_NE(mapped.file(), nullptr);
  const void* begin = mapped.file()->bytes().data();
  const std::size_t bytes = mapped.file()->readableSize();
  ASSERT_EQ(residentKilobytes(begin, bytes), 0);
  std::istringstream unused;
  ingest::StreamReader reader(program, 0, unused, "data.csv", ingest::DataFormat::Csv,
                              ingest::Compression::None, {2, 65536, mapped.file()});
  long mostResident = 0;
  ingest::StreamReader::Consumer consumer;
  consumer.onParsers = false;
  consumer.take = [&](unsigned, ingest::RecordBatch&, std::vector<ingest::RowRefusal>&) {
    return true;
  };
  consumer.onError = [](const ingest::DataError&) { return true; };
  consumer.progress = [&] {
    mostResident = std::max(mostResident, residentKilobytes(begin, bytes));
  };
  EXPECT_TRUE(reader.consume(4096, consumer));
  // Chunks in flight (four of 64 KiB), the reading thread's lead and at
  // most a slab of 256 KiB touched ahead: not the page cache's folios of up
  // to 2 MiB, which a fault maps whole where a mapping holds them (seen:
  // 2-4 MiB resident without the slabs, on Linux 6.18 and ext4, the file
  // just written).
  EXPECT_GT(mostResident, 0);
  EXPECT_LT(mostResident, 1024);
  EXPECT_LT(residentKilobytes(begin, bytes), 1000);
  EXPECT_EQ(reader.recordsRead(), (csv.size() - 24) / 37);
}

// Cut short after it was mapped: the pages past the file's new end read as
// zeros instead of ending the process, and the first is reported.
TEST(MappedFileTest, AFileCutShortAfterMappingIsFoundDamagedNotACrash) {
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  std::string text(5 * page, 'x');
  MappedDocument mapped(text);
  ASSERT_NE(mapped.file(), nullptr);
  ASSERT_EQ(truncate(mapped.path().c_str(), static_cast<off_t>(page + 10)), 0);
  mapped.file()->touch(0, page);
  EXPECT_EQ(mapped.file()->damagedFrom(), ingest::MappedFile::kNotDamaged); // the end's page
  mapped.file()->touch(page, 2 * page - 1);
  EXPECT_EQ(mapped.file()->damagedFrom(), 2 * page); // the page after the end's
  mapped.file()->touch(0, text.size());
  EXPECT_EQ(mapped.file()->damagedFrom(), 2 * page);
  std::string_view bytes = mapped.file()->bytes();
  EXPECT_EQ(bytes.substr(0, page + 10), std::string(page + 10, 'x'));
  EXPECT_EQ(bytes.substr(page + 10), std::string(4 * page - 10, '\0'));
}

// A fault outside every mapped file is not the handler's: the process ends
// as it would without it (by SIGBUS; under a sanitizer, whose handler was
// there first, after its report), never goes on reading zeros.
TEST(MappedFileDeathTest, AFaultOutsideMappedFilesStillEndsTheProcess) {
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  MappedDocument watched("watched\n");
  MappedDocument other(std::string(2 * page, 'y'));
  constexpr int kCouldNotMap = 3;
  constexpr int kWentOn = 4;
  EXPECT_EXIT(
      {
        int descriptor = open(other.path().c_str(), O_RDONLY);
        void* at = mmap(nullptr, 2 * page, PROT_READ, MAP_PRIVATE, descriptor, 0);
        if (at == MAP_FAILED || ftruncate(open(other.path().c_str(), O_WRONLY), 0) != 0)
          std::_Exit(kCouldNotMap);
        static_cast<void>(static_cast<const volatile char*>(at)[page]);
        std::_Exit(kWentOn);
      },
      [](int status) {
        return WIFSIGNALED(status) || (WIFEXITED(status) && WEXITSTATUS(status) != kCouldNotMap &&
                                       WEXITSTATUS(status) != kWentOn);
      },
      "");
}

// A file cut short in its last page reads as zeros without a fault: it is
// found by its size.
TEST(MappedFileTest, AFileCutInItsLastPageIsNotIntact) {
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  MappedDocument mapped(std::string(page + 100, 'x'));
  ASSERT_NE(mapped.file(), nullptr);
  EXPECT_TRUE(mapped.file()->intact(page + 100));
  ASSERT_EQ(truncate(mapped.path().c_str(), static_cast<off_t>(page + 50)), 0);
  EXPECT_TRUE(mapped.file()->intact(page + 50));
  EXPECT_FALSE(mapped.file()->intact(page + 51));
  EXPECT_EQ(mapped.file()->bytes().substr(page + 50), std::string(50, '\0'));
  EXPECT_EQ(mapped.file()->damagedFrom(), ingest::MappedFile::kNotDamaged);
}

// Takes records on the parsers; the first parser to take cuts the file to
// `size` bytes, and the others wait until it has: no chunk is parsed
// after the first ones before the file is cut.
ingest::StreamReader::Consumer cuttingConsumer(const std::string& path, off_t size,
                                               std::vector<ingest::DataError>& errors,
                                               std::atomic<std::size_t>& accepted) {
  struct Cut {
    std::mutex mutex;
    std::condition_variable done;
    bool yet = false;
  };
  auto cut = std::make_shared<Cut>();
  ingest::StreamReader::Consumer consumer;
  consumer.onParsers = true;
  consumer.take = [cut, path, size, &accepted](unsigned, ingest::RecordBatch& rows,
                                               std::vector<ingest::RowRefusal>&) {
    std::unique_lock lock(cut->mutex);
    if (!cut->yet) {
      EXPECT_EQ(truncate(path.c_str(), size), 0);
      cut->yet = true;
      cut->done.notify_all();
    }
    cut->done.wait(lock, [&] { return cut->yet; });
    accepted += rows.size();
    return true;
  };
  consumer.onError = [&errors](const ingest::DataError& error) {
    errors.push_back(error);
    return true;
  };
  return consumer;
}

// Chunks cut while the file was whole but parsed after it shrank: each is
// checked when it is taken, before its records or rejections count.
TEST(MappedFileTest, AChunkParsedAfterTheFileShrankIsAnErrorNotItsZeros) {
  const plan::Program program = recordProgram();
  const std::string csv = recordsOfAtLeast(200'000);
  MappedDocument mapped(csv);
  ASSERT_NE(mapped.file(), nullptr);
  // Chunks of at least 370, 740 and 1,480 bytes after the header: the
  // file is cut in the third, which was cut from the first block read.
  constexpr std::size_t kChunkBytes = 2960;
  constexpr off_t kCut = 2000;
  std::istringstream unused;
  ingest::StreamReader reader(program, 0, unused, "data.csv", ingest::DataFormat::Csv,
                              ingest::Compression::None, {2, kChunkBytes, mapped.file()});
  std::vector<ingest::DataError> errors;
  std::atomic<std::size_t> accepted = 0;
  EXPECT_FALSE(reader.consume(1000, cuttingConsumer(mapped.path(), kCut, errors, accepted)));
  ASSERT_EQ(errors.size(), 1u) << errors[0].message;
  EXPECT_EQ(errors[0].reason, "malformed_file");
  EXPECT_NE(errors[0].message.find("the file shrank while it was read"), std::string::npos)
      << errors[0].message;
  // At the third chunk's first line (the parsers took its records before
  // it was checked: the read fails all the same).
  EXPECT_GE(errors[0].where.line, 2u + (370u + 740u) / 37);
  EXPECT_LE(errors[0].where.line, 2u + (kCut - 24u) / 37);
  EXPECT_GE(accepted, errors[0].where.line - 2);
}

// The same for a sequential section, which the calling thread reads
// itself: here a bad record and a record longer than four chunks, the
// file cut in the long record while the bad one is reported (by then the
// whole file has been cut into chunks).
TEST(MappedFileTest, ASectionReadAfterTheFileShrankIsAnErrorNotItsZeros) {
  const plan::Program program = recordProgram();
  std::string csv = "t,count,note,flag,score\n";
  csv += "2026-03-06T16:00:00Z,x,note,true,1.5\n";
  csv += "2026-03-06T16:00:00Z,1," + std::string(200'000, 'n') + ",true,1.5\n";
  MappedDocument mapped(csv);
  ASSERT_NE(mapped.file(), nullptr);
  std::istringstream unused;
  ingest::StreamReader reader(program, 0, unused, "data.csv", ingest::DataFormat::Csv,
                              ingest::Compression::None, {2, 16384, mapped.file()});
  std::vector<ingest::DataError> errors;
  ingest::RecordBatch batch;
  while (reader.next(batch, 1000, [&](const ingest::DataError& error) {
    if (errors.empty()) {
      // The reading thread needs microseconds for the 200 KB.
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      EXPECT_EQ(truncate(mapped.path().c_str(), 150'000), 0);
    }
    errors.push_back(error);
    return true;
  })) {
  }
  EXPECT_TRUE(reader.failed());
  ASSERT_EQ(errors.size(), 2u) << errors.back().message;
  EXPECT_EQ(errors[0].where.line, 2u);
  EXPECT_EQ(errors[1].reason, "malformed_file");
  EXPECT_NE(errors[1].message.find("the file shrank while it was read"), std::string::npos)
      << errors[1].message;
  EXPECT_EQ(errors[1].where.line, 3u);
}

// `slac eval` maps a plain file it reads on several threads; a file that
// shrinks meanwhile ends the read with an error of the file, after the
// records before the first page found missing.
TEST(MappedFileTest, AFileThatShrinksWhileItIsReadEndsInAnErrorOfTheFile) {
  const plan::Program program = recordProgram();
  const std::string csv = recordsOfAtLeast(2'000'000);
  const std::size_t cut = 1'000'037;
  const std::size_t wholeRecordsBeforeCut = (cut - 24) / 37;
  MappedDocument mapped(csv);
  ASSERT_NE(mapped.file(), nullptr);
  std::istringstream unused;
  ingest::StreamReader reader(program, 0, unused, "data.csv", ingest::DataFormat::Csv,
                              ingest::Compression::None, {2, 4096, mapped.file()});
  ASSERT_EQ(truncate(mapped.path().c_str(), static_cast<off_t>(cut)), 0);
  std::vector<ingest::DataError> errors;
  std::size_t accepted = 0;
  ingest::StreamReader::Consumer consumer;
  consumer.onParsers = false;
  consumer.take = [&](unsigned, ingest::RecordBatch& rows, std::vector<ingest::RowRefusal>&) {
    accepted += rows.size();
    return true;
  };
  consumer.onError = [&](const ingest::DataError& error) {
    errors.push_back(error);
    return true;
  };
  EXPECT_FALSE(reader.consume(1000, consumer));
  EXPECT_TRUE(reader.failed());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].reason, "malformed_file");
  EXPECT_NE(errors[0].message.find("the file shrank while it was read"), std::string::npos)
      << errors[0].message;
  EXPECT_EQ(errors[0].where.file, "data.csv");
  EXPECT_GT(accepted, 0u);
  EXPECT_LE(accepted, wholeRecordsBeforeCut);
  EXPECT_EQ(errors[0].where.line, accepted + 2);
}

} // namespace
} // namespace slac::testing
