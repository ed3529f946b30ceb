// The SARIF log has the structure SARIF 2.1.0 requires and GitHub code
// scanning reads.
#include "diagnostics/SarifRenderer.h"

#include "support/ParseSupport.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <set>

namespace slac::testing {
namespace {

nlohmann::json sarifFor(const std::string& name, const std::string& text) {
  auto parsed = parseText(name, text);
  return nlohmann::json::parse(
      renderDiagnosticsSarif(parsed->diagnostics.sortedDiagnostics(), parsed->sources, "9.9.9"));
}

TEST(SarifRendererTest, LogHasVersionRunsAndToolRules) {
  nlohmann::json log = sarifFor("ok.sla", "calendar c { always }\n");
  EXPECT_EQ(log["version"], "2.1.0");
  EXPECT_EQ(log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  ASSERT_EQ(log["runs"].size(), 1u);
  const nlohmann::json& driver = log["runs"][0]["tool"]["driver"];
  EXPECT_EQ(driver["name"], "slac");
  EXPECT_EQ(driver["version"], "9.9.9");
  std::set<std::string> ruleIds;
  for (const nlohmann::json& rule : driver["rules"]) {
    ruleIds.insert(rule["id"].get<std::string>());
    EXPECT_FALSE(rule["shortDescription"]["text"].get<std::string>().empty());
  }
  for (DiagnosticKind kind : allDiagnosticKinds())
    EXPECT_EQ(ruleIds.count(std::string(describe(kind).code)), 1u) << describe(kind).code;
  EXPECT_TRUE(log["runs"][0]["results"].empty());
  EXPECT_EQ(log["runs"][0]["columnKind"], "unicodeCodePoints");
}

TEST(SarifRendererTest, ResultsCarryRuleLevelMessageAndRegion) {
  nlohmann::json log = sarifFor("hours.sla", "calendar office {\n  mon-fri 08:00-25:00\n}\n");
  const nlohmann::json& results = log["runs"][0]["results"];
  ASSERT_EQ(results.size(), 1u);
  const nlohmann::json& result = results[0];
  EXPECT_EQ(result["ruleId"], "E0201");
  EXPECT_EQ(log["runs"][0]["tool"]["driver"]["rules"][result["ruleIndex"].get<std::size_t>()]["id"],
            "E0201");
  EXPECT_EQ(result["level"], "error");
  EXPECT_EQ(result["message"]["text"], "`25:00` is not a time of day: hours go from 00 to 24");
  const nlohmann::json& location = result["locations"][0]["physicalLocation"];
  EXPECT_EQ(location["artifactLocation"]["uri"], "hours.sla");
  EXPECT_EQ(location["region"]["startLine"], 2);
  EXPECT_EQ(location["region"]["startColumn"], 17);
  EXPECT_EQ(location["region"]["endLine"], 2);
  EXPECT_EQ(location["region"]["endColumn"], 22);
}

TEST(SarifRendererTest, NotesAreRelatedLocationsAndFixItsAreFixes) {
  // A stray `#` gets a note and a fix-it replacing it with `//`.
  nlohmann::json log = sarifFor("hash.sla", "calendar c {\n  # hours\n  always\n}\n");
  const nlohmann::json& result = log["runs"][0]["results"][0];
  EXPECT_EQ(result["ruleId"], "E0003");
  EXPECT_EQ(result["relatedLocations"][0]["message"]["text"], "comments start with `//`");
  EXPECT_EQ(result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"], 2);
  const nlohmann::json& change = result["fixes"][0]["artifactChanges"][0];
  EXPECT_EQ(change["artifactLocation"]["uri"], "hash.sla");
  EXPECT_EQ(change["replacements"][0]["deletedRegion"]["startColumn"], 3);
  EXPECT_EQ(change["replacements"][0]["deletedRegion"]["endColumn"], 4);
  EXPECT_EQ(change["replacements"][0]["insertedContent"]["text"], "//");
}

} // namespace
} // namespace slac::testing
