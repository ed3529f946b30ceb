// The groups of a batch's rows (eval/BatchGroups.h) against a reference
// that keys each row by the tuple of its cells: rows with the same cells
// share a group, rows with other cells never do, an unset cell differs
// from every value (0 and "" included), and each combination is named once,
// at its first row (a column the reader coded: at its text, each text of
// the column once), with one BatchGroups reused from batch to batch.
#include "eval/BatchGroups.h"

#include <gtest/gtest.h>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <variant>

namespace slac::eval {
namespace {

using Cell = std::optional<std::variant<std::int64_t, std::string>>;

struct Table {
  ingest::RecordBatch batch;
  std::vector<BatchGroups::Column> columns;
};

Table randomTable(std::mt19937_64& random, std::size_t rows) {
  auto uniform = [&](std::uint64_t low, std::uint64_t high) {
    return std::uniform_int_distribution<std::uint64_t>(low, high)(random);
  };
  Table table;
  std::size_t columns = uniform(1, 3);
  table.batch.columns.resize(columns);
  // Few values or many (the tables grow), short texts or long ones that
  // differ only in the middle.
  std::uint64_t distinct = uniform(0, 3) == 0 ? uniform(100, 5000) : uniform(1, 8);
  for (std::size_t c = 0; c < columns; ++c) {
    ingest::Column& column = table.batch.columns[c];
    bool text = uniform(0, 1) == 0;
    bool optional = uniform(0, 1) == 0;
    bool longText = uniform(0, 1) == 0;
    table.columns.push_back({static_cast<std::uint32_t>(c), text});
    for (std::size_t row = 0; row < rows; ++row) {
      bool present = !optional || uniform(0, 4) != 0;
      std::uint64_t value = uniform(0, distinct - 1);
      if (optional)
        column.present.push_back(present ? 1 : 0);
      if (text) {
        std::string cell = value == 0 ? "" : std::to_string(value);
        if (longText)
          cell = "tenant-with-a-long-prefix-" + cell + "-and-a-long-common-suffix";
        column.strings.push_back(present ? cell : "");
      } else {
        column.integers.push_back(present ? static_cast<std::int64_t>(value) - 2 : 0);
      }
    }
    // As the reader gives a column with few texts: a code per row.
    if (text && uniform(0, 1) == 0) {
      std::map<std::string, std::uint32_t> codes;
      for (const std::string& cell : column.strings) {
        auto [entry, added] = codes.try_emplace(cell, static_cast<std::uint32_t>(codes.size()));
        if (added)
          column.texts.push_back(cell);
        column.codes.push_back(entry->second);
      }
      column.strings.clear();
    }
  }
  for (std::size_t row = 0; row < rows; ++row)
    table.batch.lines.push_back(row + 2);
  return table;
}

// The group of each row, as a kernel reads it: the group of the row's key.
template <typename NameRow, typename NameText>
std::vector<std::uint32_t> rowGroups(BatchGroups& groups, const ingest::RecordBatch& batch,
                                     const std::vector<BatchGroups::Column>& columns,
                                     NameRow&& nameRow, NameText&& nameText) {
  std::vector<std::uint32_t> combined, keyGroups;
  const std::uint32_t* keys = groups.assign(batch, columns, nameRow, nameText, combined, keyGroups);
  std::vector<std::uint32_t> ids;
  for (std::size_t row = 0; row < batch.size(); ++row) {
    EXPECT_LT(keys[row], keyGroups.size()) << "row " << row;
    ids.push_back(keys[row] < keyGroups.size() ? keyGroups[keys[row]] : ~0u);
  }
  return ids;
}

// Names nothing by text: the columns are not coded.
std::uint32_t noText(const std::string& text) {
  ADD_FAILURE() << "named by text: " << text;
  return 0;
}

bool onlyCoded(const Table& table) {
  const ingest::Column& column = table.batch.columns[table.columns.front().index];
  return table.columns.size() == 1 && column.coded() && column.present.empty();
}

std::vector<Cell> cellsOf(const Table& table, std::size_t row) {
  std::vector<Cell> cells;
  for (const BatchGroups::Column& column : table.columns) {
    const ingest::Column& data = table.batch.columns[column.index];
    if (!data.present.empty() && !data.present[row])
      cells.emplace_back();
    else if (column.text)
      cells.emplace_back(data.text(row));
    else
      cells.emplace_back(data.integers[row]);
  }
  return cells;
}

TEST(BatchGroupsTest, RowsWithTheSameCellsAndOnlyThoseShareAGroup) {
  std::mt19937_64 random(13);
  BatchGroups groups;
  for (int trial = 0; trial < 400; ++trial) {
    Table table = randomTable(random, std::uniform_int_distribution<std::size_t>(1, 4096)(random));
    // Group ids as an evaluator would give them: from a counter that does
    // not start at 0, as later batches' groups do not.
    std::map<std::vector<Cell>, std::uint32_t> expected;
    std::vector<std::size_t> namedRows;
    std::uint32_t nextId = 1000 + static_cast<std::uint32_t>(trial);
    std::vector<std::uint32_t> ids = rowGroups(
        groups, table.batch, table.columns,
        [&](std::size_t row) {
          namedRows.push_back(row);
          auto [entry, inserted] = expected.try_emplace(cellsOf(table, row), nextId);
          EXPECT_TRUE(inserted) << "a combination named twice, at row " << row;
          return nextId++;
        },
        [&](const std::string& text) {
          EXPECT_TRUE(onlyCoded(table)) << "named by text, not coded: " << text;
          auto [entry, inserted] = expected.try_emplace(std::vector<Cell>{Cell(text)}, nextId);
          EXPECT_TRUE(inserted) << "a text named twice: " << text;
          return nextId++;
        });
    ASSERT_EQ(ids.size(), table.batch.size());
    std::map<std::vector<Cell>, std::size_t> firstRow;
    for (std::size_t row = 0; row < ids.size(); ++row) {
      std::vector<Cell> cells = cellsOf(table, row);
      firstRow.try_emplace(cells, row);
      auto found = expected.find(cells);
      ASSERT_NE(found, expected.end()) << "row " << row << " of trial " << trial;
      ASSERT_EQ(ids[row], found->second) << "row " << row << " of trial " << trial;
    }
    // Named at the first row of each combination, in row order; a coded
    // column by its texts alone.
    std::vector<std::size_t> firstRows;
    for (const auto& [cells, row] : firstRow)
      firstRows.push_back(row);
    std::sort(firstRows.begin(), firstRows.end());
    if (onlyCoded(table))
      EXPECT_TRUE(namedRows.empty()) << "trial " << trial;
    else
      EXPECT_EQ(namedRows, firstRows) << "trial " << trial;
  }
}

TEST(BatchGroupsTest, AnUnsetCellIsNeitherZeroNorEmpty) {
  ingest::RecordBatch batch;
  batch.columns.resize(2);
  batch.columns[0].integers = {0, 0, 7, 0};
  batch.columns[0].present = {1, 0, 1, 0};
  batch.columns[1].strings = {"", "", "", "x"};
  batch.columns[1].present = {1, 1, 0, 1};
  batch.lines = {2, 3, 4, 5};
  BatchGroups groups;
  std::uint32_t next = 0;
  auto name = [&](std::size_t) { return next++; };
  EXPECT_EQ(rowGroups(groups, batch, {{0, false}}, name, noText),
            (std::vector<std::uint32_t>{0, 1, 2, 1}));
  next = 0;
  EXPECT_EQ(rowGroups(groups, batch, {{1, true}}, name, noText),
            (std::vector<std::uint32_t>{0, 0, 1, 2}));
  next = 0;
  EXPECT_EQ(rowGroups(groups, batch, {{0, false}, {1, true}}, name, noText),
            (std::vector<std::uint32_t>{0, 1, 2, 3}));
}

// Texts are compared and hashed eight bytes at a time: a text of every
// length up to 40 and every copy of it with one byte changed are apart,
// and equal texts held by different strings are one group.
TEST(BatchGroupsTest, TextsThatDifferInAnyOneByteAreApart) {
  ingest::RecordBatch batch;
  batch.columns.resize(1);
  std::vector<std::string>& cells = batch.columns[0].strings;
  for (std::size_t size = 0; size <= 40; ++size) {
    std::string text(size, 'x');
    for (std::size_t i = 0; i < size; ++i)
      text[i] = static_cast<char>('a' + i % 26);
    cells.push_back(text);
    for (std::size_t position = 0; position < size; ++position) {
      std::string changed = text;
      changed[position] = '\0';
      cells.push_back(changed);
    }
  }
  std::size_t distinct = cells.size();
  // The same texts again, in other strings.
  for (std::size_t i = 0; i < distinct; ++i)
    cells.push_back(std::string(cells[i].data(), cells[i].size()));
  for (std::size_t row = 0; row < cells.size(); ++row)
    batch.lines.push_back(row + 2);
  BatchGroups groups;
  std::uint32_t next = 0;
  std::vector<std::uint32_t> ids = rowGroups(
      groups, batch, {{0, true}}, [&](std::size_t) { return next++; }, noText);
  EXPECT_EQ(next, distinct);
  for (std::size_t i = 0; i < distinct; ++i) {
    EXPECT_EQ(ids[i], i);
    EXPECT_EQ(ids[distinct + i], i);
  }
}

// The reader's codes are a coded column's keys, and each of its texts is
// named once, a text no row holds included (a rejected record's, whose
// code the reader took back): rows of two codes of one text (two chunks')
// share its group.
TEST(BatchGroupsTest, ACodedColumnIsNamedByItsTexts) {
  ingest::RecordBatch batch;
  batch.columns.resize(1);
  batch.columns[0].texts = {"acme", "rejected", "globex", "acme"};
  batch.columns[0].codes = {2, 0, 3, 2, 0};
  batch.lines = {2, 3, 4, 5, 6};
  std::map<std::string, std::uint32_t> named;
  std::vector<std::string> order;
  auto nameText = [&](const std::string& text) {
    order.push_back(text);
    return named.try_emplace(text, static_cast<std::uint32_t>(named.size())).first->second;
  };
  BatchGroups groups;
  std::vector<std::uint32_t> combined, keyGroups;
  const std::uint32_t* keys = groups.assign(
      batch, {{0, true}},
      [](std::size_t row) {
        ADD_FAILURE() << "a coded row named: " << row;
        return 0u;
      },
      nameText, combined, keyGroups);
  EXPECT_EQ(keys, batch.columns[0].codes.data());
  EXPECT_EQ(order, (std::vector<std::string>{"acme", "rejected", "globex", "acme"}));
  EXPECT_EQ(keyGroups, (std::vector<std::uint32_t>{0, 1, 2, 0}));
  EXPECT_EQ(rowGroups(
                groups, batch, {{0, true}}, [](std::size_t) { return 0u; }, nameText),
            (std::vector<std::uint32_t>{2, 0, 0, 2, 0}));
}

} // namespace
} // namespace slac::eval
