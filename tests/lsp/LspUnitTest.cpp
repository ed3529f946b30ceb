// The pieces of the language server that need no client: positions in
// UTF-16, URIs, framing, and the docs compiled in for hover.
#include "diagnostics/Diagnostic.h"
#include "lsp/DiagnosticDocs.h"
#include "lsp/Positions.h"
#include "lsp/Protocol.h"
#include "lsp/Transport.h"

#include <gtest/gtest.h>
#include <sstream>

namespace slac::lsp {
namespace {

TEST(LineIndex, CountsUtf16CodeUnits) {
  // `é` is 2 bytes and 1 unit, `𝄞` 4 bytes and 2 units (a surrogate pair).
  std::string text = "ab\né𝄞x\n";
  LineIndex lines(text);
  EXPECT_EQ(lines.positionOf(0).line, 0u);
  Position x = lines.positionOf(text.find('x'));
  EXPECT_EQ(x.line, 1u);
  EXPECT_EQ(x.character, 3u);
  EXPECT_EQ(lines.offsetOf({1, 3}), text.find('x'));
  EXPECT_EQ(lines.offsetOf({1, 1}), text.find("𝄞"));
}

TEST(LineIndex, BreaksLinesAsTheSourceManagerDoes) {
  std::string text = "a\r\nb\rc\nd";
  LineIndex lines(text);
  EXPECT_EQ(lines.positionOf(text.find('b')).line, 1u);
  EXPECT_EQ(lines.positionOf(text.find('c')).line, 2u);
  EXPECT_EQ(lines.positionOf(text.find('d')).line, 3u);
  // The line break is not part of the line: a column past its end stops
  // before `\r\n`.
  EXPECT_EQ(lines.offsetOf({0, 50}), 1u);
}

TEST(LineIndex, ClampsPositionsOutsideTheText) {
  std::string text = "abc\nde";
  LineIndex lines(text);
  EXPECT_EQ(lines.offsetOf({7, 0}), text.size());
  EXPECT_EQ(lines.offsetOf({1, 99}), text.size());
  EXPECT_EQ(lines.positionOf(1000).line, 1u);
  EXPECT_EQ(lines.positionOf(1000).character, 2u);
}

TEST(Uri, RoundTripsPathsWithSpacesAndUnicode) {
  std::string path = "/tmp/my agreements/Café #1.sla";
  std::string uri = uriFromPath(path);
  EXPECT_EQ(uri, "file:///tmp/my%20agreements/Caf%C3%A9%20%231.sla");
  EXPECT_EQ(pathFromUri(uri), path);
}

TEST(Uri, RefusesOtherSchemesAndHosts) {
  EXPECT_EQ(pathFromUri("untitled:Untitled-1"), std::nullopt);
  EXPECT_EQ(pathFromUri("file://server/share/a.sla"), std::nullopt);
  EXPECT_EQ(pathFromUri("file://localhost/tmp/a.sla"), "/tmp/a.sla");
  EXPECT_EQ(pathFromUri("file:///tmp/%00.sla"), std::nullopt);
}

TEST(Transport, ReadsFramesWhateverTheHeaderCase) {
  std::istringstream in("content-length: 2\r\nContent-Type: x\r\n\r\n{}Content-Length: 1\r\n\r\n1");
  std::optional<Frame> first = readFrame(in);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->body, "{}");
  std::optional<Frame> second = readFrame(in);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->body, "1");
  EXPECT_EQ(readFrame(in), std::nullopt);
}

TEST(Transport, FlagsAFrameWithoutLength) {
  std::istringstream in("Content-Length: lots\r\n\r\n");
  std::optional<Frame> frame = readFrame(in);
  ASSERT_TRUE(frame);
  EXPECT_TRUE(frame->malformed);
}

TEST(Transport, EndsOnATruncatedBody) {
  std::istringstream in("Content-Length: 10\r\n\r\n{}");
  EXPECT_EQ(readFrame(in), std::nullopt);
}

TEST(DiagnosticDocs, EveryCodeHasItsEntry) {
  for (DiagnosticKind kind : allDiagnosticKinds()) {
    std::string_view code = describe(kind).code;
    std::string_view docs = diagnosticDocs(code);
    EXPECT_EQ(docs.substr(0, 4 + code.size()), "### " + std::string(code)) << code;
  }
}

TEST(DiagnosticDocs, AnEntryEndsAtTheNextHeading) {
  std::string_view docs = diagnosticDocs("E0401");
  EXPECT_EQ(docs.substr(0, docs.find('\n')), "### E0401 — undefined name");
  EXPECT_EQ(docs.find("\n#"), std::string_view::npos);
  EXPECT_EQ(diagnosticDocs("E040"), "");
  EXPECT_EQ(diagnosticDocs(""), "");
}

} // namespace
} // namespace slac::lsp
